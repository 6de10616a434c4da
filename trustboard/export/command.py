"""`trustboard export FILE -o OUT.pdf`: the command line's side of the PDF export."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from trustboard.display import terminal_safe
from trustboard.export.options import ExportError, Paper, ReportOptions, SummaryOptions

EXIT_OK, EXIT_ERROR = 0, 1


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", type=Path, help="the workshop file")
    parser.add_argument("-o", "--output", type=Path, required=True, metavar="OUT.pdf")
    parser.add_argument("--full", action="store_true", help="the full report, not the summary")
    parser.add_argument("--no-names", action="store_true", help="leave out people's names")
    parser.add_argument("--paper", choices=[p.value for p in Paper], default=Paper.A4.value)
    parser.add_argument(
        "--password-file",
        type=Path,
        metavar="F",
        help="protect the PDF with the password on the first line of F (AES-256)",
    )


def run(ns: argparse.Namespace) -> int:
    """Export the current round; 0 when written, 1 with a message on stderr otherwise."""
    from trustboard.export import write_report, write_summary
    from trustboard.store import TrustBoardFileError, WorkshopFile

    try:
        password = read_password(ns.password_file) if ns.password_file else ""
        output = Path(ns.output)
        if output.is_dir():
            raise ExportError(f"{output} is a folder; give the name of the PDF to write")
        if not output.parent.is_dir():
            raise ExportError(f"the folder {output.parent} does not exist")
        if output.resolve() == Path(ns.file).resolve():
            raise ExportError("the PDF would replace the workshop file; choose another name")
        wf = WorkshopFile.open(ns.file, read_only=True)
    except (ExportError, TrustBoardFileError) as exc:
        return _fail(str(exc))
    try:
        ws = wf.workshop
        paper, names = Paper(ns.paper), not ns.no_names
        if ns.full:
            report = ReportOptions(paper=paper, names=names, password=password)
            result = write_report(ws, ws.current_round_id, output, report)
        else:
            summary = SummaryOptions(paper=paper, names=names, password=password)
            result = write_summary(ws, ws.current_round_id, output, summary)
    except ExportError as exc:
        return _fail(str(exc))
    finally:
        wf.close()
    for warning in result.warnings:
        print(terminal_safe(f"trustboard: warning: {warning}"), file=sys.stderr)
    what = "report" if ns.full else "summary"
    pages = f"{result.pages} page{'s' * (result.pages != 1)}"
    size = f"{result.size // 1024 + 1} KB"
    print(
        terminal_safe(f"wrote the {what} of {ws.current_round.label} to {output} ({pages}, {size})")
    )
    return EXIT_OK


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
