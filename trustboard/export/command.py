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
    ExportError,
    ExportResult,
    Paper,
    ReportOptions,
    SummaryOptions,
)

EXIT_OK, EXIT_ERROR = 0, 1


class PictureWriter(Protocol):
    """trustboard.ui.board.picture.write_board_picture, which needs Qt: handed in by the CLI."""

    def __call__(self, workshop: Workshop, round_id: str, path: Path, *, names: bool = ...,
                 layer: Layer = ...) -> ExportResult: ...  # fmt: skip


FORMATS = (".pdf", ".pptx", ".xlsx", ".csv", ".png", ".svg")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", type=Path, help="the workshop file")
    parser.add_argument(
        "-o",
        "--output",
        type=Path,
        required=True,
        metavar="OUT",
        help="the file to write; its extension chooses the format: " + ", ".join(FORMATS),
    )
    parser.add_argument("--full", action="store_true", help="the full report, not the summary")
    parser.add_argument(
        "--details",
        action="store_true",
        help="with --full: also the questions nobody took up and every raw score",
    )
    parser.add_argument(
        "--actions", action="store_true", help="with .csv: the action plan, not the cards"
    )
    parser.add_argument(
        "--to-be", action="store_true", help="with .png or .svg: the to-be layer of the board"
    )
    parser.add_argument("--no-names", action="store_true", help="leave out people's names")
    parser.add_argument("--paper", choices=[p.value for p in Paper], default=Paper.A4.value)
    parser.add_argument(
        "--password-file",
        type=Path,
        metavar="F",
        help="protect the PDF with the password on the first line of F (AES-256)",
    )


def run(ns: argparse.Namespace, picture: Callable[[], PictureWriter] | None = None) -> int:
    """Export the current round; 0 when written, 1 with a message on stderr otherwise."""
    from trustboard.export import write_report, write_summary
    from trustboard.store import TrustBoardFileError, WorkshopFile

    try:
        output = Path(ns.output)
        if output.is_dir():
            raise ExportError(f"{output} is a folder; give the name of the file to write")
        if not output.parent.is_dir():
            raise ExportError(f"the folder {output.parent} does not exist")
        if output.resolve() == Path(ns.file).resolve():
            raise ExportError("the export would replace the workshop file; choose another name")
        kind = output.suffix.lower()
        if kind not in FORMATS:
            raise ExportError(
                f"{output.name} has no format TrustBoard writes; end its name in one of "
                + ", ".join(FORMATS)
            )
        if ns.password_file and kind != ".pdf":
            raise ExportError("a password protects PDFs only; leave out --password-file")
        password = read_password(ns.password_file) if ns.password_file else ""
        wf = WorkshopFile.open(ns.file, read_only=True)
    except (ExportError, TrustBoardFileError) as exc:
        return _fail(str(exc))
    try:
        ws = wf.workshop
        paper, names = Paper(ns.paper), not ns.no_names
        rid = ws.current_round_id
        if kind == ".pdf" and ns.full:
            what = "report"
            report = ReportOptions(paper=paper, names=names, password=password, details=ns.details)
            result = write_report(ws, rid, output, report)
        elif kind == ".pdf":
            what = "summary"
            summary = SummaryOptions(paper=paper, names=names, password=password)
            result = write_summary(ws, rid, output, summary)
        else:
            what, result = _write_other(ns, kind, ws, rid, output, paper, names, picture)
    except ExportError as exc:
        return _fail(str(exc))
    finally:
        wf.close()
    for warning in result.warnings:
        print(terminal_safe(f"trustboard: warning: {warning}"), file=sys.stderr)
    size = f"{result.size // 1024 + 1} KB"
    detail = size
    if kind == ".pdf":
        detail = f"{result.pages} page{'s' * (result.pages != 1)}, {size}"
    print(terminal_safe(f"wrote the {what} of {ws.current_round.label} to {output} ({detail})"))
    return EXIT_OK


def _write_other(ns: argparse.Namespace, kind: str, ws: Workshop, rid: str, output: Path,
                 paper: Paper, names: bool, picture: Callable[[], PictureWriter] | None
                 ) -> tuple[str, ExportResult]:  # fmt: skip
    """Every format but the PDF; each loads its library only when asked for."""
    if kind == ".pptx":
        from trustboard.export.slides import write_slides

        return "slides", write_slides(ws, rid, output, SummaryOptions(paper=paper, names=names))
    if kind == ".xlsx":
        from trustboard.export.spreadsheet import write_xlsx

        return "workbook", write_xlsx(ws, output, names=names)
    if kind == ".csv":
        from trustboard.export.spreadsheet import write_actions_csv, write_cards_csv

        if ns.actions:
            return "action plan", write_actions_csv(ws, rid, output, names=names)
        return "cards", write_cards_csv(ws, rid, output, names=names)
    if picture is None:
        raise ExportError("pictures of the board are written by the app, not this library")
    layer = Layer.TO_BE if ns.to_be else Layer.AS_IS
    return "board picture", picture()(ws, rid, output, names=names, layer=layer)


def read_password(path: Path) -> str:
    """The first line of `path`; its line ending is not part of the password."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise ExportError(f"the password file {path} does not exist") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ExportError(f"cannot read the password file {path}: {exc}") from None
    lines = text.splitlines()
    password = lines[0] if lines else ""
    if not password:
        raise ExportError(f"the password file {path} is empty")
    from trustboard.export.password import check_password

    check_password(password)
    return password


def _fail(message: str) -> int:
    print(terminal_safe(f"trustboard: {message}"), file=sys.stderr)
    return EXIT_ERROR
