"""What an import leaves in the workshop besides scores and cards: KPIs computed from the
data (with how: n, margin, file), the record of each file imported, and saved mappings.

Each function returns a Command the Session (or `History`) pushes; the import engine puts
them in its one undo step. Limits are checked when the command is made, so a refused import
changes nothing. The lookups (`find_mapping`, `imported_file`, `imported_ids`) are plain
reads of a Workshop.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from trustboard.document.commands import Command, KpiCommand
from trustboard.document.document import WorkshopDocument
from trustboard.document.kpis import check_kpi_value
from trustboard.domain import limits
from trustboard.domain.errors import ValidationError
from trustboard.domain.workshop import (
    ImportRecord,
    KpiBasis,
    SavedMapping,
    Workshop,
    basis_description,
    basis_text,
    check_basis,
    check_import_record,
    check_saved_mapping,
)
from trustboard.i18n import _, format_number

__all__ = [
    "ImportLimitError",
    "RecordImportCommand",
    "SaveMappingCommand",
    "basis_description",
    "basis_text",
    "find_mapping",
    "imported_file",
    "imported_ids",
    "record_import",
    "save_mapping",
    "set_kpi_from_data",
]


class ImportLimitError(ValidationError, ValueError):
    """What an import may not keep in the workshop; the message is for the user."""

    def __init__(self, message: str) -> None:
        super().__init__("", message)


def set_kpi_from_data(
    doc: WorkshopDocument,
    kpi_id: str,
    value: float,
    basis: KpiBasis,
    *,
    round_id: str | None = None,
) -> Command:
    """Set a KPI of a round (the current one by default) to a value computed from data,
    remembering how (`basis`). KpiError when the value is outside the KPI's bounds."""
    kpi = doc.workshop.kpi_def(kpi_id)
    check_kpi_value(kpi, value)
    check_basis(basis, f"kpis.{kpi_id}.basis")
    rnd = doc.workshop.round(round_id or doc.workshop.current_round_id)
    if basis.source:
        # Translators: an undo step: a KPI set from an imported file.
        said = _("Set {kpi} from {file}").format(kpi=kpi.name, file=basis.source)
    else:
        said = _("Set {kpi} from data").format(kpi=kpi.name)
    return KpiCommand(
        doc,
        rnd.id,
        kpi_id,
        rnd.kpis.get(kpi_id),
        value,
        said,
        rnd.kpi_basis.get(kpi_id),
        basis,
    )


@dataclass
class RecordImportCommand(Command):
    """Remembers an imported file. The records kept are computed when the step is done, so
    commands built before one push all land; undo puts back exactly what was there."""

    doc: WorkshopDocument
    record: ImportRecord
    text: str = field(default_factory=lambda: _("Record import"))
    _before: tuple[ImportRecord, ...] = field(default=(), init=False, repr=False)

    def redo(self) -> None:
        ws = self.doc.workshop
        self._before = ws.imports
        self.doc.set_imports(ws.mappings, _kept_imports((*ws.imports, self.record)))

    def undo(self) -> None:
        self.doc.set_imports(self.doc.workshop.mappings, self._before)


@dataclass
class SaveMappingCommand(Command):
    """Keeps a mapping for its signature, computed when the step is done (as above)."""

    doc: WorkshopDocument
    saved: SavedMapping
    text: str = field(default_factory=lambda: _("Save mapping"))
    _before: tuple[SavedMapping, ...] = field(default=(), init=False, repr=False)

    def redo(self) -> None:
        ws = self.doc.workshop
        self._before = ws.mappings
        self.doc.set_imports(_kept_mappings(ws.mappings, self.saved), ws.imports)

    def undo(self) -> None:
        self.doc.set_imports(self._before, self.doc.workshop.imports)


def record_import(doc: WorkshopDocument, record: ImportRecord) -> Command:
    """Remember that a file was imported into a round (and which responses it held).

    When the workshop already remembers IMPORT_RECORDS files or RESPONSE_IDS response ids,
    the oldest records are forgotten; one file with more response ids than that is refused
    (ImportLimitError) before anything changes.
    """
    if len(record.response_ids) > limits.RESPONSE_IDS:
        n, most = format_number(len(record.response_ids), 0), format_number(limits.RESPONSE_IDS, 0)
        if record.source:
            message = _(
                "{file} holds {n} response ids; a workshop remembers at most {most}. "
                "Import it without its response id column."
            ).format(file=record.source, n=n, most=most)
        else:
            message = _(
                "The file holds {n} response ids; a workshop remembers at most {most}. "
                "Import it without its response id column."
            ).format(n=n, most=most)
        raise ImportLimitError(message)
    longest = max(record.response_ids, key=len, default="")
    if len(longest) > limits.RESPONSE_ID_CHARS:
        raise ImportLimitError(
            _(
                "A response id in {file} is {n} characters long; ids of at most {most} are "
                "remembered. Check that the response id column is mapped to the right column."
            ).format(
                file=record.source or _("the file"),
                n=format_number(len(longest), 0),
                most=limits.RESPONSE_ID_CHARS,
            )
        )
    check_import_record(record, "import")
    doc.workshop.round(record.round_id)  # KeyError for a round the workshop does not have
    if record.source:
        said = _("Record import of {file}").format(file=record.source)
    else:
        said = _("Record import of a file")
    return RecordImportCommand(doc, record, said)


def save_mapping(doc: WorkshopDocument, saved: SavedMapping) -> Command:
    """Keep a mapping for its layout's signature, replacing one saved for the same signature
    (in its place); at MAPPINGS saved mappings, the oldest one is forgotten."""
    if len(saved.toml) > limits.MAPPING_CHARS:
        raise ImportLimitError(
            _(
                "The mapping “{name}” is {n} characters long; a workshop keeps mappings of at most "
                "{most}. Map fewer columns."
            ).format(
                name=saved.name,
                n=format_number(len(saved.toml), 0),
                most=format_number(limits.MAPPING_CHARS, 0),
            )
        )
    check_saved_mapping(saved, "mapping")
    return SaveMappingCommand(doc, saved, _("Save mapping “{name}”").format(name=saved.name))


def _kept_mappings(
    current: tuple[SavedMapping, ...], saved: SavedMapping
) -> tuple[SavedMapping, ...]:
    if any(m.signature == saved.signature for m in current):
        return tuple(saved if m.signature == saved.signature else m for m in current)
    return (*current, saved)[-limits.MAPPINGS :]


def _kept_imports(records: tuple[ImportRecord, ...]) -> tuple[ImportRecord, ...]:
    """The newest records within the limits (count and response ids), oldest first."""
    kept = list(records[-limits.IMPORT_RECORDS :])
    total = sum(len(r.response_ids) for r in kept)
    while total > limits.RESPONSE_IDS and len(kept) > 1:
        total -= len(kept.pop(0).response_ids)
    return tuple(kept)


def find_mapping(workshop: Workshop, signature: str) -> SavedMapping | None:
    """The mapping saved for a layout's signature; None when there is none."""
    return next((m for m in workshop.mappings if m.signature == signature), None)


def _live(workshop: Workshop) -> list[ImportRecord]:
    """Records of rounds the workshop still has: a removed round's data is gone with it."""
    rounds = {r.id for r in workshop.rounds}
    return [r for r in workshop.imports if r.round_id in rounds]


def imported_file(workshop: Workshop, sha256: str) -> ImportRecord | None:
    """The latest import of the file with these bytes (into a round still there), or None."""
    return next((r for r in reversed(_live(workshop)) if r.sha256 == sha256), None)


def imported_ids(workshop: Workshop) -> frozenset[str]:
    """Every response id imported so far (into rounds still there)."""
    return frozenset(i for r in _live(workshop) for i in r.response_ids)
