"""`trustboard import`: survey, spreadsheet and board exports into a workshop, in one step.

The same engine as the window's import assistant (trustboard.services.imports): read the
file, recognise its layout, map it (a mapping file, the workshop's saved mapping for this
layout, or the long TrustBoard layouts by their headers), plan, then apply the plan as one
command. All or nothing: a refused file leaves the workshop exactly as it was.
"""

from __future__ import annotations

import argparse
import contextlib
import dataclasses
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from trustboard.display import terminal_safe, terminal_safe_json

if TYPE_CHECKING:
    from trustboard.domain.workshop import Workshop
    from trustboard.services.imports.layouts import Layout
    from trustboard.services.imports.mapping import Mapping
    from trustboard.services.imports.read import Table

EXIT_OK, EXIT_ERROR = 0, 1
README_SECTION = "the README, section “Mapping files”"
MAX_MAPPING_BYTES = 1024 * 1024
SELF_MAPPED = ("long-ratings", "cards")


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("file", type=Path, metavar="FILE", help="the workshop file")
    p.add_argument(
        "data", type=Path, metavar="DATA", help="a CSV, TSV or XLSX export (survey or board)"
    )
    p.add_argument(
        "--mapping",
        type=Path,
        metavar="MAP",
        help="a mapping file (TOML) saying where each column goes; default: the mapping "
        "saved in the workshop for this layout, or the TrustBoard layouts by their headers",
    )
    p.add_argument(
        "--save-mapping",
        type=Path,
        metavar="MAP",
        help="write the mapping used to MAP (with no mapping yet: a draft to edit)",
    )
    p.add_argument(
        "--dry-run", action="store_true", help="show what would be imported; change nothing"
    )
    p.add_argument("--json", action="store_true", help="print the outcome as one JSON object")
    p.add_argument(
        "--again", action="store_true", help="import a file or responses imported before"
    )
    p.add_argument(
        "--sheet", metavar="NAME", help="the workbook's sheet (default: the first visible one)"
    )
    p.epilog = (
        "Exit codes: 0 imported (or nothing new to import), 1 refused (the workshop is "
        f"unchanged), 2 usage. The mapping file format is in {README_SECTION}."
    )


class ImportRefusedError(Exception):
    """The import stops; the message says why and what to do. Nothing was changed."""


class NoMappingError(ImportRefusedError):
    """A layout the workshop has no mapping for, and that cannot map itself."""

    def __init__(self, table: Table, layout: Layout) -> None:
        super().__init__(unmapped_message(table, layout))
        self.layout = layout


@dataclass
class Prepared:
    """A file read, recognised and mapped, with the mapping's origin for the message."""

    table: Table
    layout: Layout
    mapping: Mapping
    origin: str


def run(ns: argparse.Namespace) -> int:
    from trustboard.domain.errors import ValidationError
    from trustboard.services.import_errors import ImportFileError
    from trustboard.store import TrustBoardFileError, WorkshopFile

    def fail(message: str) -> int:
        if ns.json:  # a script reading stdout learns it too
            print(terminal_safe_json({"ok": False, "error": message}))
        return _fail(message)

    try:
        wf = WorkshopFile.open(ns.file, read_only=ns.dry_run)
    except TrustBoardFileError as exc:
        return fail(str(exc))
    code = EXIT_ERROR
    try:
        if not ns.dry_run and wf.read_only:
            return fail(f"{ns.file} cannot be changed: {wf.read_only_reason}")
        try:
            code = _run(ns, wf)
        except (ImportRefusedError, ImportFileError, ValidationError) as exc:
            return fail(f"{exc} — nothing was imported")
        return code
    except TrustBoardFileError as exc:
        return fail(str(exc))
    except OSError as exc:  # the disk is full or gone: the file keeps its old contents
        return fail(f"{ns.file} could not be saved ({exc.strerror or exc}); it is unchanged")
    finally:
        if code == EXIT_OK:
            with contextlib.suppress(OSError):
                wf.close()
        else:  # whatever a failed step left in memory never reaches the file
            wf.abandon()


def _run(ns: argparse.Namespace, wf: Any) -> int:
    from trustboard.document import WorkshopDocument
    from trustboard.services.imports.plan import import_command, plan_import

    workshop = wf.workshop
    try:
        prepared = prepare(ns.data, workshop, mapping_file=ns.mapping, sheet=ns.sheet)
    except NoMappingError as exc:
        if ns.save_mapping is None:
            raise
        from trustboard.services.imports.mapping import suggest

        _write_mapping(ns.save_mapping, suggest(exc.layout, workshop.framework, workshop))
        raise ImportRefusedError(
            f"{ns.data.name}: a draft mapping was written to {ns.save_mapping}; check where "
            f"each column goes (see {README_SECTION}), then run again with --mapping "
            f"{ns.save_mapping}"
        ) from None
    if ns.save_mapping is not None:
        _write_mapping(ns.save_mapping, prepared.mapping)
    plan = plan_import(prepared.table, prepared.mapping, workshop, again=ns.again)
    summary = plan.summary(workshop.framework)
    label = workshop.current_round.label
    if plan.empty and not plan.already:
        first = ""
        if plan.skipped:
            s = plan.skipped[0]
            first = f" (the first left out: row {s.row}, column '{s.column}': {s.reason})"
        raise ImportRefusedError(
            f"{ns.data.name}: there is nothing to import: every row or mapped column is "
            f"empty or left out{first}; check the file and the mapping"
        )
    if ns.dry_run or plan.empty:
        done = False
    else:
        doc = WorkshopDocument(workshop, wf)
        import_command(doc, plan, prepared.mapping).redo()
        wf.flush()
        if wf.conflict_copy is not None:  # another program changed the file meanwhile
            return _fail(  # the import is kept, in the conflict copy
                f"{ns.file} was changed by another program while importing; it was left as "
                f"that program wrote it, and the workshop with the import is in "
                f"{wf.conflict_copy}"
            )
        done = True
    if ns.json:
        print(
            terminal_safe_json(
                {
                    "ok": True,
                    **summary,
                    "mapping": prepared.origin,
                    "imported": done,
                    "round": label,
                }
            )
        )
    else:
        _say(describe(summary, prepared, workshop))
        if done:
            _say(f"imported {_counts(summary)} into {label} of {ns.file}")
        elif ns.dry_run:
            _say("dry run: nothing was changed")
        else:
            _say("nothing to import: the workshop is unchanged")
    return EXIT_OK


def prepare(
    data: Path, workshop: Workshop, *, mapping_file: Path | None = None, sheet: str | None = None
) -> Prepared:
    """Read `data`, recognise its layout and find its mapping, or refuse saying what to do."""
    from trustboard.document.imports import find_mapping
    from trustboard.services.imports.layouts import detect
    from trustboard.services.imports.mapping import from_toml, suggest
    from trustboard.services.imports.read import read_table

    table = read_table(data, sheet=sheet)
    layout = detect(table)
    if mapping_file is not None:
        mapping = from_toml(_read_mapping(mapping_file), str(mapping_file))
        # kept in the workshop for this layout, so the next export of it maps by itself
        mapping = dataclasses.replace(mapping, signature=layout.signature)
        return Prepared(table, layout, mapping, f"the mapping file {mapping_file}")
    saved = find_mapping(workshop, layout.signature)
    if saved is not None:
        mapping = from_toml(saved.toml, f"the mapping “{saved.name}” saved in the workshop")
        return Prepared(table, layout, mapping, f"the mapping “{saved.name}” saved in the workshop")
    if layout.kind in SELF_MAPPED:
        mapping = suggest(layout, workshop.framework, workshop)
        return Prepared(table, layout, mapping, f"the columns of a {layout.tool} layout")
    raise NoMappingError(table, layout)


def unmapped_message(table: Table, layout: Layout) -> str:
    columns = "\n".join(f"  {i + 1}. {header}" for i, header in enumerate(table.columns))
    return (
        f"{table.source} looks like {_tool_phrase(layout.tool)} ({table.how}), and this "
        f"workshop has no mapping saved for it yet. Its columns:\n{columns}\n"
        f"Say where each column goes in a mapping file and pass it with --mapping FILE.toml "
        f"(the format is in {README_SECTION}); add --save-mapping draft.toml to get a draft "
        f"to edit, or map it once in the window (File → Import…), which saves the mapping "
        f"in the workshop for the next round"
    )


def _tool_phrase(tool: str) -> str:
    return tool if tool.startswith(("a ", "an ")) else f"a {tool} export"


def _read_mapping(path: Path) -> str:
    try:
        with path.open("rb") as fh:
            data = fh.read(MAX_MAPPING_BYTES + 1)
    except OSError as exc:
        raise ImportRefusedError(
            f"{path}: the mapping file cannot be read ({exc.strerror or exc})"
        ) from None
    if len(data) > MAX_MAPPING_BYTES:
        raise ImportRefusedError(f"{path}: is over 1 MB, too big for a mapping file")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ImportRefusedError(
            f"{path}, byte {exc.start + 1}: is not UTF-8 text; save the mapping file as UTF-8"
        ) from None


def _write_mapping(path: Path, mapping: Mapping) -> None:
    from trustboard.fsutil import atomic_write
    from trustboard.services.imports.mapping import to_toml

    try:
        atomic_write(path, to_toml(mapping).encode("utf-8"))
    except OSError as exc:
        raise ImportRefusedError(
            f"{path}: the mapping could not be written ({exc.strerror or exc})"
        ) from None


def describe(summary: dict[str, Any], prepared: Prepared, workshop: Workshop) -> str:
    """The plan in a few lines a facilitator reads in a terminal."""
    lines = [
        f"read {summary['source']} as {summary['how']}; looks like "
        f"{_tool_phrase(str(summary['tool']))}; mapped with {prepared.origin}",
    ]
    respondents = int(summary.get("respondents") or 0)
    if respondents and prepared.layout.kind == "wide":
        lines.append(f"{respondents:,} response{'s' * (respondents != 1)}")
    for s in summary.get("scores") or []:
        median = s.get("median")
        med = "" if median is None else f", median {median:g}"
        lines.append(
            f"  {s['element']} × {s['domain']}, {s['layer']}, {s['perspective']}: "
            f"{s['count']:,} score{'s' * (s['count'] != 1)}{med}"
        )
    for k in summary.get("kpis") or []:
        lines.append(f"  {_kpi_line(k, workshop)}")
    cards = int(summary.get("cards") or 0)
    if cards or not (summary.get("scores") or summary.get("kpis") or summary.get("already")):
        lines.append(f"  {cards:,} card{'s' * (cards != 1)}")
    skipped = int(summary.get("skipped_total") or 0)
    if skipped:
        lines.append(f"  {skipped:,} answer{'s' * (skipped != 1)} left out:")
        shown = list(summary.get("skipped") or [])[:10]
        lines.extend(f"    row {s['row']}, column '{s['column']}': {s['reason']}" for s in shown)
        if skipped > len(shown):
            lines.append(f"    … and {skipped - len(shown):,} more (--json lists the first 100)")
    if summary.get("already"):
        lines.append(f"{summary['already']} Left out; add --again to import it again.")
    return "\n".join(lines)


def _counts(summary: dict[str, Any]) -> str:
    """ "12 scores, 3 cards and 2 KPIs" (what was there to count)."""
    scores = sum(int(s["count"]) for s in summary.get("scores") or [])
    cards = int(summary.get("cards") or 0)
    kpis = len(summary.get("kpis") or [])
    parts = [
        f"{n:,} {word}{'s' * (n != 1)}"
        for n, word in ((scores, "score"), (cards, "card"), (kpis, "KPI"))
        if n
    ]
    if not parts:
        return "nothing"
    return parts[0] if len(parts) == 1 else f"{', '.join(parts[:-1])} and {parts[-1]}"


def _kpi_line(k: dict[str, Any], workshop: Workshop) -> str:
    try:
        kdef = workshop.kpi_def(str(k["kpi"]))
        name, unit = kdef.name, kdef.unit
    except KeyError:
        name, unit = str(k["kpi"]), ""
    margin = k.get("margin")
    pm = "" if margin is None else f" ± {margin:.1f}"
    unit = f" {unit}" if unit else ""
    return f"{name}: {k['value']:.1f}{pm}{unit} (n = {k['n']:,})"


def _say(text: str, *, error: bool = False) -> None:
    import sys

    print(terminal_safe(text), file=sys.stderr if error else sys.stdout)


def _fail(message: str) -> int:
    _say(f"trustboard: {message}", error=True)
    return EXIT_ERROR
