"""`trustboard export FILE -o OUT`: the command line's side of every export.

The output's extension chooses the format: `.pdf` (the summary, or the full report with
`--full`), `.pptx` (slides), `.xlsx` (every record of every round), `.csv` (the round's
cards, or its action plan with `--actions`), `.png` and `.svg` (a picture of the board).
`--no-names` holds in every format.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Protocol

from trustboard.display import terminal_safe
from trustboard.domain.workshop import Layer, Workshop
from trustboard.export.options import (
    CSV_SEPARATORS,
    ExportError,
    ExportResult,
    Paper,
    ReportOptions,
    SummaryOptions,
)
from trustboard.i18n import _, ngettext

EXIT_OK, EXIT_ERROR = 0, 1


class PictureWriter(Protocol):
    """trustboard.ui.board.picture.write_board_picture, which needs Qt: handed in by the CLI."""

    def __call__(self, workshop: Workshop, round_id: str, path: Path, *, names: bool = ...,
                 layer: Layer = ...) -> ExportResult: ...  # fmt: skip


FORMATS = (".pdf", ".pptx", ".xlsx", ".csv", ".png", ".svg")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", type=Path, help=_("the workshop file"))
    parser.add_argument(
        "-o",
        "--output",
        type=Path,
        required=True,
        metavar="OUT",
        help=_("the file to write; its extension chooses the format: {formats}").format(
            formats=", ".join(FORMATS)
        ),
    )
    parser.add_argument("--full", action="store_true", help=_("the full report, not the summary"))
    parser.add_argument(
        "--details",
        action="store_true",
        help=_("with --full: also the questions nobody took up and every raw score"),
    )
    parser.add_argument(
        "--actions", action="store_true", help=_("with .csv: the action plan, not the cards")
    )
    parser.add_argument(
        "--to-be", action="store_true", help=_("with .png or .svg: the to-be layer of the board")
    )
    parser.add_argument("--no-names", action="store_true", help=_("leave out people's names"))
    parser.add_argument(
        "--paper",
        choices=[p.value for p in Paper],
        default=Paper.A4.value,
        help=_("the PDF's paper size"),
    )
    parser.add_argument(
        "--csv-separator",
        choices=CSV_SEPARATORS,
        default=",",
        metavar="SEP",
        help=_(
            "with .csv: the character between fields: auto (the list separator of your "
            "language: ';' where the decimal sign is a comma), ',', ';' or tab; default ','"
        ),
    )
    parser.add_argument(
        "--password-file",
        type=Path,
        metavar="F",
        help=_("protect the PDF with the password on the first line of F (AES-256)"),
    )


def run(ns: argparse.Namespace, picture: Callable[[], PictureWriter] | None = None) -> int:
    """Export the current round; 0 when written, 1 with a message on stderr otherwise."""
    from trustboard.export import write_report, write_summary
    from trustboard.store import TrustBoardFileError, WorkshopFile

    try:
        output = Path(ns.output)
        if output.is_dir():
            raise ExportError(
                _("{path} is a folder; give the name of the file to write").format(path=output)
            )
        if not output.parent.is_dir():
            raise ExportError(_("the folder {path} does not exist").format(path=output.parent))
        if output.resolve() == Path(ns.file).resolve():
            raise ExportError(_("the export would replace the workshop file; choose another name"))
        kind = output.suffix.lower()
        if kind not in FORMATS:
            raise ExportError(
                _(
                    "{name} has no format TrustBoard writes; end its name in one of {formats}"
                ).format(name=output.name, formats=", ".join(FORMATS))
            )
        if ns.password_file and kind != ".pdf":
            raise ExportError(_("a password protects PDFs only; leave out --password-file"))
        password = read_password(ns.password_file) if ns.password_file else ""
        wf = WorkshopFile.open(ns.file, read_only=True)
    except (ExportError, TrustBoardFileError) as exc:
        return _fail(str(exc))
    try:
        ws = wf.workshop
        paper, names = Paper(ns.paper), not ns.no_names
        rid = ws.current_round_id
        if kind == ".pdf" and ns.full:
            what = _("the report of {round}")
            report = ReportOptions(paper=paper, names=names, password=password, details=ns.details)
            result = write_report(ws, rid, output, report)
        elif kind == ".pdf":
            what = _("the summary of {round}")
            summary = SummaryOptions(paper=paper, names=names, password=password)
            result = write_summary(ws, rid, output, summary)
        else:
            what, result = _write_other(ns, kind, ws, rid, output, paper, names, picture)
    except ExportError as exc:
        return _fail(str(exc))
    finally:
        wf.close()
    for warning in result.warnings:
        line = _("trustboard: warning: {message}").format(message=warning)
        print(terminal_safe(line), file=sys.stderr)
    size = _("{n} KB").format(n=result.size // 1024 + 1)
    detail = size
    if kind == ".pdf":
        detail = ngettext("{n} page, {size}", "{n} pages, {size}", result.pages).format(
            n=result.pages, size=size
        )
    what = what.format(round=ws.current_round.label)
    print(
        terminal_safe(
            # Translators: {what} is e.g. "the summary of Round 2"
            _("wrote {what} to {path} ({detail})").format(what=what, path=output, detail=detail)
        )
    )
    return EXIT_OK


def _write_other(ns: argparse.Namespace, kind: str, ws: Workshop, rid: str, output: Path,
                 paper: Paper, names: bool, picture: Callable[[], PictureWriter] | None
                 ) -> tuple[str, ExportResult]:  # fmt: skip
    """Every format but the PDF; each loads its library only when asked for."""
    if kind == ".pptx":
        from trustboard.export.slides import write_slides

        options = SummaryOptions(paper=paper, names=names)
        return _("the slides of {round}"), write_slides(ws, rid, output, options)
    if kind == ".xlsx":
        from trustboard.export.spreadsheet import write_xlsx

        return _("the workbook of {round}"), write_xlsx(ws, output, names=names)
    if kind == ".csv":
        from trustboard.export.spreadsheet import write_actions_csv, write_cards_csv

        sep = getattr(ns, "csv_separator", ",")
        if ns.actions:
            result = write_actions_csv(ws, rid, output, names=names, separator=sep)
            return _("the action plan of {round}"), result
        result = write_cards_csv(ws, rid, output, names=names, separator=sep)
        return _("the cards of {round}"), result
    if picture is None:
        raise ExportError(_("pictures of the board are written by the app, not this library"))
    layer = Layer.TO_BE if ns.to_be else Layer.AS_IS
    result = picture()(ws, rid, output, names=names, layer=layer)
    return _("the board picture of {round}"), result


def read_password(path: Path) -> str:
    """The first line of `path`; its line ending is not part of the password."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise ExportError(_("the password file {path} does not exist").format(path=path)) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ExportError(
            _("cannot read the password file {path}: {reason}").format(path=path, reason=exc)
        ) from None
    lines = text.splitlines()
    password = lines[0] if lines else ""
    if not password:
        raise ExportError(_("the password file {path} is empty").format(path=path))
    from trustboard.export.password import check_password

    check_password(password)
    return password


def _fail(message: str) -> int:
    print(terminal_safe(f"trustboard: {message}"), file=sys.stderr)  # the program's name
    return EXIT_ERROR
