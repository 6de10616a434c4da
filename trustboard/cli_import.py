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
from trustboard.i18n import N_, _, format_number, ngettext, pgettext

if TYPE_CHECKING:
    from trustboard.domain.workshop import Workshop
    from trustboard.services.imports.layouts import Layout
    from trustboard.services.imports.mapping import Mapping
    from trustboard.services.imports.read import Table

EXIT_OK, EXIT_ERROR = 0, 1
README_SECTION = N_("the README, section “Mapping files”")
MAX_MAPPING_BYTES = 1024 * 1024
SELF_MAPPED = ("long-ratings", "cards")


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "file", type=Path, metavar=pgettext("metavar", "FILE"), help=_("the workshop file")
    )
    p.add_argument(
        "data",
        type=Path,
        metavar=pgettext("metavar", "DATA"),
        help=_("a CSV, TSV or XLSX export (survey or board)"),
    )
    p.add_argument(
        "--mapping",
        type=Path,
        metavar=pgettext("metavar", "MAP"),
        help=_(
            "a mapping file (TOML) saying where each column goes; default: the mapping "
            "saved in the workshop for this layout, or the TrustBoard layouts by their headers"
        ),
    )
    p.add_argument(
        "--save-mapping",
        type=Path,
        metavar=pgettext("metavar", "MAP"),
        help=_("write the mapping used to MAP (with no mapping yet: a draft to edit)"),
    )
    p.add_argument(
        "--dry-run", action="store_true", help=_("show what would be imported; change nothing")
    )
    p.add_argument("--json", action="store_true", help=_("print the outcome as one JSON object"))
    p.add_argument(
        "--again", action="store_true", help=_("import a file or responses imported before")
    )
    p.add_argument(
        "--sheet",
        metavar=pgettext("metavar", "NAME"),
        help=_("the workbook's sheet (default: the first visible one)"),
    )
    p.epilog = _(
        "Exit codes: 0 imported (or nothing new to import), 1 refused (the workshop is "
        "unchanged), 2 usage. The mapping file format is in {readme}."
    ).format(readme=_(README_SECTION))


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
            return fail(
                _("{file} cannot be changed: {reason}").format(
                    file=ns.file, reason=wf.read_only_reason
                )
            )
        try:
            code = _run(ns, wf)
        except (ImportRefusedError, ImportFileError, ValidationError) as exc:
            return fail(_("{problem} — nothing was imported").format(problem=exc))
        return code
    except TrustBoardFileError as exc:
        return fail(str(exc))
    except OSError as exc:  # the disk is full or gone: the file keeps its old contents
        return fail(
            _("{file} could not be saved ({reason}); it is unchanged").format(
                file=ns.file, reason=exc.strerror or exc
            )
        )
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
            _(
                "{data}: a draft mapping was written to {mapping}; check where each column "
                "goes (see {readme}), then run again with --mapping {mapping}"
            ).format(data=ns.data.name, mapping=ns.save_mapping, readme=_(README_SECTION))
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
            first = _(" (the first left out: row {row}, column '{column}': {reason})").format(
                row=s.row, column=s.column, reason=s.reason
            )
        raise ImportRefusedError(
            _(
                "{data}: there is nothing to import: every row or mapped column is empty or "
                "left out{first}; check the file and the mapping"
            ).format(data=ns.data.name, first=first)
        )
    if ns.dry_run or plan.empty:
        done = False
    else:
        doc = WorkshopDocument(workshop, wf)
        import_command(doc, plan, prepared.mapping).redo()
        wf.flush()
        if wf.conflict_copy is not None:  # another program changed the file meanwhile
            return _fail(  # the import is kept, in the conflict copy
                _(
                    "{file} was changed by another program while importing; it was left as "
                    "that program wrote it, and the workshop with the import is in {copy}"
                ).format(file=ns.file, copy=wf.conflict_copy)
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
            _say(
                _("imported {what} into {round} of {file}").format(
                    what=_counts(summary), round=label, file=ns.file
                )
            )
        elif ns.dry_run:
            _say(_("dry run: nothing was changed"))
        else:
            _say(_("nothing to import: the workshop is unchanged"))
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
        origin = _("the mapping file {path}").format(path=mapping_file)
        return Prepared(table, layout, mapping, origin)
    saved = find_mapping(workshop, layout.signature)
    if saved is not None:
        origin = _("the mapping “{name}” saved in the workshop").format(name=saved.name)
        mapping = from_toml(saved.toml, origin)
        return Prepared(table, layout, mapping, origin)
    if layout.kind in SELF_MAPPED:
        mapping = suggest(layout, workshop.framework, workshop)
        from trustboard.services.imports.layouts import tool_name

        origin = _("the columns of a {tool} layout").format(tool=tool_name(layout.tool))
        return Prepared(table, layout, mapping, origin)
    raise NoMappingError(table, layout)


def unmapped_message(table: Table, layout: Layout) -> str:
    columns = "\n".join(f"  {i + 1}. {header}" for i, header in enumerate(table.columns))
    return _(
        "{source} looks like {tool} ({how}), and this workshop has no mapping saved for it "
        "yet. Its columns:\n{columns}\nSay where each column goes in a mapping file and pass "
        "it with --mapping FILE.toml (the format is in {readme}); add --save-mapping "
        "draft.toml to get a draft to edit, or map it once in the window (File → Import…), "
        "which saves the mapping in the workshop for the next round"
    ).format(
        source=table.source,
        tool=_tool_phrase(layout.tool),
        how=table.how,
        columns=columns,
        readme=_(README_SECTION),
    )


def _tool_phrase(tool: str) -> str:
    from trustboard.services.imports.layouts import tool_phrase

    return tool_phrase(tool)


def _read_mapping(path: Path) -> str:
    try:
        with path.open("rb") as fh:
            data = fh.read(MAX_MAPPING_BYTES + 1)
    except OSError as exc:
        raise ImportRefusedError(
            _("{path}: the mapping file cannot be read ({reason})").format(
                path=path, reason=exc.strerror or exc
            )
        ) from None
    if len(data) > MAX_MAPPING_BYTES:
        raise ImportRefusedError(
            _("{path}: is over 1 MB, too big for a mapping file").format(path=path)
        )
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ImportRefusedError(
            _("{path}, byte {byte}: is not UTF-8 text; save the mapping file as UTF-8").format(
                path=path, byte=exc.start + 1
            )
        ) from None


def _write_mapping(path: Path, mapping: Mapping) -> None:
    from trustboard.fsutil import atomic_write
    from trustboard.services.imports.mapping import to_toml

    try:
        atomic_write(path, to_toml(mapping).encode("utf-8"))
    except OSError as exc:
        raise ImportRefusedError(
            _("{path}: the mapping could not be written ({reason})").format(
                path=path, reason=exc.strerror or exc
            )
        ) from None


def describe(summary: dict[str, Any], prepared: Prepared, workshop: Workshop) -> str:
    """The plan in a few lines a facilitator reads in a terminal."""
    from trustboard.domain.workshop import Layer, Perspective

    lines = [
        _("read {source} as {how}; looks like {tool}; mapped with {origin}").format(
            source=summary["source"],
            how=summary["how"],
            tool=_tool_phrase(str(summary["tool"])),
            origin=prepared.origin,
        ),
    ]
    respondents = int(summary.get("respondents") or 0)
    if respondents and prepared.layout.kind == "wide":
        lines.append(
            ngettext("{n} response", "{n} responses", respondents).format(
                n=format_number(respondents)
            )
        )
    for s in summary.get("scores") or []:
        median = s.get("median")
        count = ngettext("{n} score", "{n} scores", s["count"]).format(n=format_number(s["count"]))
        if median is not None:
            count = _("{scores}, median {median}").format(
                scores=count, median=format_number(median)
            )
        lines.append(
            "  "
            + _("{element} × {domain}, {layer}, {perspective}: {scores}").format(
                element=s["element"],
                domain=s["domain"],
                layer=_layer_name(Layer(s["layer"])),
                perspective=_perspective_name(Perspective(s["perspective"])),
                scores=count,
            )
        )
    for k in summary.get("kpis") or []:
        lines.append(f"  {_kpi_line(k, workshop)}")
    cards = int(summary.get("cards") or 0)
    if cards or not (summary.get("scores") or summary.get("kpis") or summary.get("already")):
        lines.append("  " + ngettext("{n} card", "{n} cards", cards).format(n=format_number(cards)))
    skipped = int(summary.get("skipped_total") or 0)
    if skipped:
        lines.append(
            "  "
            + ngettext("{n} answer left out:", "{n} answers left out:", skipped).format(
                n=format_number(skipped)
            )
        )
        shown = list(summary.get("skipped") or [])[:10]
        lines.extend(
            "    "
            + _("row {row}, column '{column}': {reason}").format(
                row=s["row"], column=s["column"], reason=s["reason"]
            )
            for s in shown
        )
        if skipped > len(shown):
            more = skipped - len(shown)
            lines.append(
                "    "
                + ngettext(
                    "… and {n} more (--json lists the first 100)",
                    "… and {n} more (--json lists the first 100)",
                    more,
                ).format(n=format_number(more))
            )
    if summary.get("already"):
        lines.append(
            # Translators: {already} says when the file or its responses were imported before
            _("{already} Left out; add --again to import it again.").format(
                already=summary["already"]
            )
        )
    return "\n".join(lines)


def _counts(summary: dict[str, Any]) -> str:
    """ "12 scores, 3 cards and 2 KPIs" (what was there to count)."""
    scores = sum(int(s["count"]) for s in summary.get("scores") or [])
    cards = int(summary.get("cards") or 0)
    kpis = len(summary.get("kpis") or [])
    parts = [
        text.format(n=format_number(n))
        for n, text in (
            (scores, ngettext("{n} score", "{n} scores", scores)),
            (cards, ngettext("{n} card", "{n} cards", cards)),
            (kpis, ngettext("{n} KPI", "{n} KPIs", kpis)),
        )
        if n
    ]
    if not parts:
        return pgettext("import", "nothing")
    if len(parts) == 1:
        return parts[0]
    # Translators: the end of a list, "12 scores, 3 cards and 2 KPIs"
    return _("{first} and {last}").format(first=", ".join(parts[:-1]), last=parts[-1])


def _layer_name(layer: object) -> str:
    from trustboard.domain.workshop import Layer

    # Translators: the board's layers, in an import's summary
    return (
        pgettext("import summary", "as-is")
        if layer == Layer.AS_IS
        else pgettext("import summary", "to-be")
    )


def _perspective_name(perspective: object) -> str:
    from trustboard.domain.workshop import Perspective

    # Translators: whose view a score gives, in an import's summary
    return (
        pgettext("import summary", "customers")
        if perspective == Perspective.CUSTOMER
        else pgettext("import summary", "we")
    )


def _kpi_line(k: dict[str, Any], workshop: Workshop) -> str:
    try:
        kdef = workshop.kpi_def(str(k["kpi"]))
        name, unit = kdef.name, kdef.unit
    except KeyError:
        name, unit = str(k["kpi"]), ""
    margin = k.get("margin")
    pm = "" if margin is None else f" ± {format_number(margin, 1)}"
    unit = f" {unit}" if unit else ""
    value = f"{format_number(k['value'], 1)}{pm}{unit}"
    return _("{kpi}: {value} (n = {n})").format(kpi=name, value=value, n=format_number(k["n"]))


def _say(text: str, *, error: bool = False) -> None:
    import sys

    print(terminal_safe(text), file=sys.stderr if error else sys.stdout)


def _fail(message: str) -> int:
    _say(f"trustboard: {message}", error=True)
    return EXIT_ERROR
