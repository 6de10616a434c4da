"""What an import keeps besides scores and cards: KPIs computed from data, the files imported
and saved mappings; each an undoable step that undoes exactly and reaches the file."""

from __future__ import annotations

import copy
import datetime as dt
from pathlib import Path

import pytest

from trustboard.document import WorkshopDocument, imports, kpis, rounds
from trustboard.document.commands import History, MacroCommand
from trustboard.document.document import Change
from trustboard.domain import limits
from trustboard.domain.errors import ValidationError
from trustboard.domain.workshop import ImportRecord, KpiBasis, SavedMapping, Workshop
from trustboard.store import WorkshopFile

WHEN = dt.datetime(2026, 12, 1, 14, 30, tzinfo=dt.UTC)
BASIS = KpiBasis(412, 4.6, "survey.csv")


def _sha(n: int) -> str:
    return f"{n:064x}"


def _record(ws: Workshop, n: int = 1, ids: tuple[str, ...] = ("R_1", "R_2")) -> ImportRecord:
    return ImportRecord(_sha(n), f"survey-{n}.csv", ws.current_round_id, WHEN, len(ids), ids)


def _seen(doc: WorkshopDocument) -> list[Change]:
    changes: list[Change] = []
    doc.subscribe(changes.append)
    return changes


def test_a_kpi_from_data_keeps_its_basis_and_undoes_exactly(workshop: Workshop) -> None:
    doc, history = WorkshopDocument(workshop), History()
    rid = workshop.current_round_id
    history.push(kpis.set_kpi(doc, "nps", 10.0))
    before = copy.deepcopy(workshop)
    changes = _seen(doc)
    command = imports.set_kpi_from_data(doc, "nps", 23.5, BASIS)
    assert command.text == "Set Net promoter score from survey.csv"
    history.push(command)
    rnd = doc.current_round
    assert rnd.kpis["nps"] == 23.5 and rnd.kpi_basis == {"nps": BASIS}
    assert changes == [Change("kpi", rid, ("nps",))]  # the KPI panel redraws on this
    history.undo()
    assert workshop == before and rnd.kpi_basis == {}
    history.redo()
    assert rnd.kpi_basis == {"nps": BASIS}


def test_a_kpi_from_data_goes_to_the_round_asked_for(workshop: Workshop) -> None:
    doc, history = WorkshopDocument(workshop), History()
    first = workshop.current_round_id
    history.push(rounds.start_round_command(doc, "Round 2", dt.date(2027, 3, 1)))
    assert workshop.current_round_id != first
    history.push(imports.set_kpi_from_data(doc, "trust-yes", 61.0, BASIS, round_id=first))
    assert workshop.round(first).kpi_basis == {"trust-yes": BASIS}
    assert workshop.current_round.kpis == {}


def test_a_kpi_from_data_is_checked_before_anything_changes(workshop: Workshop) -> None:
    doc = WorkshopDocument(workshop)
    with pytest.raises(kpis.KpiError, match="Net promoter score must be −100 to 100"):
        imports.set_kpi_from_data(doc, "nps", 140.0, BASIS)
    with pytest.raises(ValidationError, match="margin cannot be negative"):
        imports.set_kpi_from_data(doc, "nps", 14.0, KpiBasis(3, -1.0))
    assert workshop.current_round.kpis == {} and workshop.current_round.kpi_basis == {}


def test_typing_a_kpi_by_hand_drops_its_basis_and_undo_brings_it_back(
    workshop: Workshop,
) -> None:
    doc, history = WorkshopDocument(workshop), History()
    history.push(imports.set_kpi_from_data(doc, "nps", 23.5, BASIS))
    typed = kpis.set_kpi(doc, "nps", 30.0)
    assert typed is not None
    history.push(typed)
    assert doc.current_round.kpis["nps"] == 30.0 and doc.current_round.kpi_basis == {}
    history.undo()
    assert doc.current_round.kpis["nps"] == 23.5
    assert doc.current_round.kpi_basis == {"nps": BASIS}
    cleared = kpis.set_kpi(doc, "nps", None)
    assert cleared is not None
    history.push(cleared)
    assert doc.current_round.kpi_basis == {}
    history.undo()
    assert doc.current_round.kpi_basis == {"nps": BASIS}


def test_removing_a_custom_kpi_computed_from_data_undoes_with_its_basis(
    workshop: Workshop,
) -> None:
    doc, history = WorkshopDocument(workshop), History()
    churn = kpis.new_custom_kpi(workshop, "Churn", "%", 0.0, 100.0)
    history.push(kpis.add_kpi(doc, churn))
    history.push(imports.set_kpi_from_data(doc, churn.id, 4.0, BASIS))
    before = copy.deepcopy(workshop)
    history.push(kpis.remove_kpi(doc, churn.id))
    assert doc.current_round.kpi_basis == {}
    history.undo()
    assert workshop == before


def test_recording_an_import_undoes_exactly(workshop: Workshop) -> None:
    doc, history = WorkshopDocument(workshop), History()
    record = _record(workshop)
    assert imports.imported_file(workshop, record.sha256) is None
    changes = _seen(doc)
    history.push(imports.record_import(doc, record))
    assert workshop.imports == (record,)
    assert imports.imported_file(workshop, record.sha256) == record
    assert imports.imported_ids(workshop) == {"R_1", "R_2"}
    assert changes == [Change("imports", ids=("imports",))]
    history.undo()
    assert workshop.imports == () and imports.imported_ids(workshop) == frozenset()
    history.redo()
    assert workshop.imports == (record,)


def test_the_latest_import_of_a_file_is_the_one_found(workshop: Workshop) -> None:
    doc, history = WorkshopDocument(workshop), History()
    first = _record(workshop)
    again = ImportRecord(first.sha256, "copy.csv", first.round_id, WHEN + dt.timedelta(1), 2)
    history.push(imports.record_import(doc, first))
    history.push(imports.record_import(doc, again))
    assert imports.imported_file(workshop, first.sha256) == again
    assert imports.imported_ids(workshop) == {"R_1", "R_2"}


def test_an_import_into_a_removed_round_no_longer_counts(workshop: Workshop) -> None:
    doc, history = WorkshopDocument(workshop), History()
    first = workshop.current_round_id
    history.push(rounds.start_round_command(doc, "Round 2", dt.date(2027, 3, 1)))
    record = ImportRecord(_sha(1), "survey.csv", first, WHEN, 2, ("R_1",))
    history.push(imports.record_import(doc, record))
    kept = list(workshop.rounds)
    doc.set_rounds([r for r in kept if r.id != first], workshop.current_round_id)
    assert imports.imported_file(workshop, record.sha256) is None
    assert imports.imported_ids(workshop) == frozenset()
    doc.set_rounds(kept, workshop.current_round_id)
    assert imports.imported_file(workshop, record.sha256) == record


def test_a_record_for_an_unknown_round_or_too_many_ids_is_refused(workshop: Workshop) -> None:
    doc = WorkshopDocument(workshop)
    with pytest.raises(KeyError):
        imports.record_import(doc, ImportRecord(_sha(1), "s.csv", "r-gone", WHEN, 1))
    many = tuple(str(i) for i in range(limits.RESPONSE_IDS + 1))
    with pytest.raises(imports.ImportLimitError, match="Import it without its response id"):
        imports.record_import(doc, _record(workshop, ids=many))
    with pytest.raises(imports.ImportLimitError, match="response id column is mapped"):
        imports.record_import(doc, _record(workshop, ids=("R_1", "x" * 101)))
    with pytest.raises(ValidationError, match="not a SHA-256"):
        imports.record_import(doc, ImportRecord("abc", "s.csv", workshop.current_round_id, WHEN, 1))
    assert workshop.imports == ()


def test_the_oldest_records_are_forgotten_at_the_limits(
    workshop: Workshop, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(limits, "IMPORT_RECORDS", 3)
    monkeypatch.setattr(limits, "RESPONSE_IDS", 5)
    doc, history = WorkshopDocument(workshop), History()
    records = [_record(workshop, n, (f"{n}a", f"{n}b")) for n in range(1, 5)]
    for record in records[:3]:
        history.push(imports.record_import(doc, record))
    assert workshop.imports == tuple(records[1:3])  # six ids are more than five
    history.push(imports.record_import(doc, records[3]))
    assert workshop.imports == tuple(records[2:4])
    history.undo()
    assert workshop.imports == tuple(records[1:3])


def test_saving_a_mapping_replaces_one_of_the_same_signature(workshop: Workshop) -> None:
    doc, history = WorkshopDocument(workshop), History()
    first = SavedMapping(_sha(1), "Quarterly", 'name = "Quarterly"\n')
    other = SavedMapping(_sha(2), "Pulse", 'name = "Pulse"\n')
    newer = SavedMapping(_sha(1), "Quarterly (new)", 'name = "Quarterly (new)"\n')
    history.push(imports.save_mapping(doc, first))
    history.push(imports.save_mapping(doc, other))
    changes = _seen(doc)
    history.push(imports.save_mapping(doc, newer))
    assert workshop.mappings == (newer, other)  # in its place
    assert imports.find_mapping(workshop, _sha(1)) == newer
    assert imports.find_mapping(workshop, _sha(3)) is None
    assert changes == [Change("imports", ids=("mappings",))]
    history.undo()
    assert workshop.mappings == (first, other)
    history.undo()
    history.undo()
    assert workshop.mappings == ()


def test_a_mapping_over_the_limits_is_refused_or_the_oldest_forgotten(
    workshop: Workshop, monkeypatch: pytest.MonkeyPatch
) -> None:
    doc, history = WorkshopDocument(workshop), History()
    huge = SavedMapping(_sha(1), "Huge", "x" * (limits.MAPPING_CHARS + 1))
    with pytest.raises(imports.ImportLimitError, match="Map fewer columns"):
        imports.save_mapping(doc, huge)
    monkeypatch.setattr(limits, "MAPPINGS", 2)
    saved = [SavedMapping(_sha(n), f"m{n}", "") for n in range(3)]
    for mapping in saved:
        history.push(imports.save_mapping(doc, mapping))
    assert workshop.mappings == tuple(saved[1:])


def test_commands_built_before_one_push_all_land_and_undo_as_one(workshop: Workshop) -> None:
    doc, history = WorkshopDocument(workshop), History()
    before = copy.deepcopy(workshop)
    record = _record(workshop)
    saved = SavedMapping(_sha(9), "Quarterly", 'name = "Quarterly"\n')
    steps = [
        imports.set_kpi_from_data(doc, "nps", 23.5, BASIS),
        imports.record_import(doc, record),
        imports.save_mapping(doc, saved),
    ]
    changes = _seen(doc)
    history.push(MacroCommand(steps, "Import survey: 2 responses", doc))
    assert workshop.imports == (record,) and workshop.mappings == (saved,)
    assert len(changes) == 1 and {p.what for p in changes[0].each()} == {"kpi", "imports"}
    history.undo()
    assert workshop == before
    history.redo()
    assert workshop.current_round.kpi_basis == {"nps": BASIS}


def test_everything_an_import_keeps_reaches_the_file(tmp_path: Path, workshop: Workshop) -> None:
    path = tmp_path / "w.trustboard"
    with WorkshopFile.create(path, workshop) as wf:
        doc, history = WorkshopDocument(wf.workshop, wf), History()
        history.push(imports.set_kpi_from_data(doc, "nps", 23.5, BASIS))
        history.push(imports.record_import(doc, _record(wf.workshop)))
        history.push(imports.save_mapping(doc, SavedMapping(_sha(9), "Q", "")))
        history.push(kpis.set_kpi(doc, "retention", 70.0))  # type: ignore[arg-type]
        kept = copy.deepcopy(wf.workshop)
    with WorkshopFile.open(path, read_only=True) as wf:
        assert wf.workshop == kept
        assert wf.workshop.current_round.kpi_basis == {"nps": BASIS}


def test_a_store_written_before_imports_still_takes_typed_kpis(workshop: Workshop) -> None:
    class OldStore:
        read_only_reason = ""

        def __init__(self) -> None:
            self.put: list[tuple[str, float | None]] = []

        def put_kpi(self, round_id: str, kpi_id: str, value: float | None) -> None:
            self.put.append((kpi_id, value))

    store = OldStore()
    doc = WorkshopDocument(workshop, store)  # type: ignore[arg-type]
    doc.set_kpi(workshop.current_round_id, "nps", 5.0)
    assert store.put == [("nps", 5.0)]
