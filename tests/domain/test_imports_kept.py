"""What a workshop keeps of its imports (schema 4): how a KPI was computed, saved mappings and
the files imported. Written only when there is something to keep; older files load as before."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest

from trustboard import __version__
from trustboard.domain import codec, limits
from trustboard.domain.errors import ValidationError
from trustboard.domain.workshop import ImportRecord, KpiBasis, SavedMapping, Workshop
from trustboard.store import SCHEMA_VERSION, WorkshopFile, schema
from trustboard.store.errors import NewerFileError, TrustBoardFileError

SHA = "ab" * 32
SIG = "cd" * 32
WHEN = dt.datetime(2026, 12, 1, 14, 30, tzinfo=dt.UTC)
TOML = 'name = "Quarterly"\n[[column]]\nheader = "Q1"\ntarget = "ignore"\n'


def _imported(ws: Workshop) -> Workshop:
    rnd = ws.current_round
    rnd.kpis["nps"] = 23.5
    rnd.kpi_basis["nps"] = KpiBasis(412, 4.6, "survey.csv")
    rnd.kpis["retention"] = 80.0  # typed by hand: no basis
    ws.mappings = (SavedMapping(SIG, "Quarterly", TOML),)
    ws.imports = (ImportRecord(SHA, "survey.csv", rnd.id, WHEN, 412, ("R_1", "R_2")),)
    return ws


def _tables(path: Path) -> dict[str, Any]:
    return json.loads(path.read_text(encoding="utf-8"))  # type: ignore[no-any-return]


def test_basis_mappings_and_imports_survive_a_save_and_a_load(
    tmp_path: Path, workshop: Workshop
) -> None:
    ws = _imported(workshop)
    path = tmp_path / "w.trustboard"
    WorkshopFile.create(path, ws).close()
    with WorkshopFile.open(path, read_only=True) as wf:
        assert wf.workshop == ws
        assert wf.workshop.current_round.kpi_basis == {"nps": KpiBasis(412, 4.6, "survey.csv")}
        assert wf.workshop.imports[0].when == WHEN
    data = _tables(path)
    assert data["meta"]["file"]["schema_version"] == SCHEMA_VERSION >= 4
    rid = ws.current_round_id
    assert data["kpis"][f"{rid}|nps"]["basis"] == {"n": 412, "margin": 4.6, "source": "survey.csv"}
    assert "basis" not in data["kpis"][f"{rid}|retention"]
    assert data["meta"]["workshop"]["imports"][0]["response_ids"] == ["R_1", "R_2"]


def test_a_basis_written_record_by_record_reads_back(tmp_path: Path, workshop: Workshop) -> None:
    path = tmp_path / "w.trustboard"
    with WorkshopFile.create(path, workshop) as wf:
        rnd = wf.workshop.current_round
        rnd.kpis["nps"] = 10.0
        rnd.kpi_basis["nps"] = KpiBasis(20, None, "")
        wf.put_kpi(rnd.id, "nps", 10.0, KpiBasis(20, None, ""))
        wf.workshop.mappings = (SavedMapping(SIG, "Quarterly", TOML),)
        wf.put_workshop()
        expected = schema.encode_workshop(wf.workshop, __version__)
    assert _tables(path) == expected
    with WorkshopFile.open(path, read_only=True) as wf:
        assert wf.workshop.current_round.kpi_basis == {"nps": KpiBasis(20, None, "")}


def test_a_workshop_that_never_imported_is_written_as_before(workshop: Workshop) -> None:
    workshop.current_round.kpis["nps"] = 12.0
    tables = schema.encode_workshop(workshop, __version__)
    assert set(tables["meta"]["workshop"]) == codec.WORKSHOP_KEYS
    assert set(tables["kpis"][f"{workshop.current_round_id}|nps"]) == {"round", "kpi", "value"}


@pytest.mark.parametrize("version", [1, 2, 3])
def test_older_files_load_with_nothing_imported_and_are_saved_in_the_current_format(
    tmp_path: Path, workshop: Workshop, version: int
) -> None:
    workshop.current_round.kpis["nps"] = 12.0
    path = tmp_path / "old.trustboard"
    WorkshopFile.create(path, workshop).close()
    data = _tables(path)
    data["meta"]["file"]["schema_version"] = version
    path.write_text(json.dumps(data), encoding="utf-8")
    with WorkshopFile.open(path) as wf:
        assert wf.workshop == workshop
        assert wf.workshop.mappings == () and wf.workshop.imports == ()
        assert wf.workshop.current_round.kpi_basis == {}
    assert path.with_name(f"old.trustboard.v{version}.bak").exists()
    assert _tables(path)["meta"]["file"]["schema_version"] == SCHEMA_VERSION


@pytest.mark.parametrize("field", ["basis", "mappings", "imports"])
def test_a_version_3_file_holding_import_fields_is_damaged_not_guessed(
    tmp_path: Path, workshop: Workshop, field: str
) -> None:
    path = tmp_path / "w.trustboard"
    WorkshopFile.create(path, _imported(workshop)).close()
    data = _tables(path)
    data["meta"]["file"]["schema_version"] = 3
    if field != "basis":
        for record in data["kpis"].values():
            record.pop("basis", None)
        other = "imports" if field == "mappings" else "mappings"
        del data["meta"]["workshop"][other]
    else:
        del data["meta"]["workshop"]["mappings"], data["meta"]["workshop"]["imports"]
    path.write_text(json.dumps(data), encoding="utf-8")
    old = path.read_bytes()
    with pytest.raises(TrustBoardFileError, match="version-3 file cannot"):
        WorkshopFile.open(path)
    assert path.read_bytes() == old
    assert sorted(p.name for p in tmp_path.iterdir()) == ["w.trustboard"]  # no backup


def test_an_app_that_reads_version_3_refuses_a_version_4_file_as_newer(
    tmp_path: Path, workshop: Workshop, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "w.trustboard"
    WorkshopFile.create(path, _imported(workshop)).close()
    data = _tables(path)
    data["meta"]["file"]["schema_version"] = 4  # as a version-4 app wrote it
    path.write_text(json.dumps(data), encoding="utf-8")
    before = path.read_bytes()
    monkeypatch.setattr(schema, "SCHEMA_VERSION", 3)
    monkeypatch.setattr("trustboard.store.workshop_file.SCHEMA_VERSION", 3)
    with pytest.raises(NewerFileError, match="file format 4"):
        WorkshopFile.open(path)
    assert path.read_bytes() == before


def _refused(ws: Workshop, match: str) -> None:
    with pytest.raises(ValidationError, match=match):
        ws.validate()


def test_a_basis_is_checked(workshop: Workshop) -> None:
    rnd = workshop.current_round
    rnd.kpi_basis["nps"] = KpiBasis(10)
    _refused(workshop, "the KPI has no value")
    rnd.kpis["nps"] = 5.0
    workshop.validate()
    rnd.kpi_basis["nps"] = KpiBasis(-1)
    _refused(workshop, "answers; from 0")
    rnd.kpi_basis["nps"] = KpiBasis(10, -0.5)
    _refused(workshop, "margin cannot be negative")
    rnd.kpi_basis["nps"] = KpiBasis(10, float("nan"))
    _refused(workshop, "must be a number")
    rnd.kpi_basis["nps"] = KpiBasis(10, 1.0, "x" * (limits.SOURCE_CHARS + 1))
    _refused(workshop, "the file's name is")


def test_saved_mappings_are_checked_against_the_limits(workshop: Workshop) -> None:
    ok = SavedMapping(SIG, "Quarterly", TOML)
    workshop.mappings = (ok, ok)
    _refused(workshop, "same layout")
    workshop.mappings = (dataclasses.replace(ok, toml="x" * (limits.MAPPING_CHARS + 1)),)
    _refused(workshop, r"mappings\[0\]\.toml")
    workshop.mappings = tuple(SavedMapping(f"{i:064x}", "m", TOML) for i in range(limits.MAPPINGS))
    workshop.validate()
    workshop.mappings += (SavedMapping("e" * 64, "one more", TOML),)
    _refused(workshop, f"at most {limits.MAPPINGS:,}")


def test_import_records_are_checked_against_the_limits(workshop: Workshop) -> None:
    rid = workshop.current_round_id
    record = ImportRecord(SHA, "survey.csv", rid, WHEN, 3, ("a", "b"))
    workshop.imports = (dataclasses.replace(record, sha256="not a hash"),)
    _refused(workshop, "is not a SHA-256")
    workshop.imports = (dataclasses.replace(record, rows=-1),)
    _refused(workshop, "rows; from 0")
    workshop.imports = (dataclasses.replace(record, response_ids=("ok", "\ud800")),)
    _refused(workshop, "broken character")
    workshop.imports = (dataclasses.replace(record, response_ids=("x" * 101,)),)
    _refused(workshop, "a response id is 101 characters")
    half = tuple(str(i) for i in range(limits.RESPONSE_IDS // 2))
    workshop.imports = (dataclasses.replace(record, response_ids=half),) * 2
    workshop.validate()
    workshop.imports += (record,)
    _refused(workshop, "response ids are remembered")
    workshop.imports = (record,) * (limits.IMPORT_RECORDS + 1)
    _refused(workshop, "imported files; at most")


@pytest.mark.parametrize(
    ("change", "where"),
    [
        (lambda t, rid: t["kpis"][f"{rid}|nps"]["basis"].update(n="many"), r"basis\.n"),
        (lambda t, rid: t["kpis"][f"{rid}|nps"]["basis"].update(colour=1), "colour"),
        (lambda t, rid: t["meta"]["workshop"]["imports"][0].update(when="soon"), "when"),
        (lambda t, rid: t["meta"]["workshop"]["imports"][0].update(response_ids=[1]), "response"),
        (lambda t, rid: t["meta"]["workshop"]["mappings"][0].pop("toml"), "toml"),
    ],
)
def test_a_damaged_import_field_is_named_and_the_file_left_as_it_was(
    tmp_path: Path, workshop: Workshop, change: Any, where: str
) -> None:
    path = tmp_path / "w.trustboard"
    WorkshopFile.create(path, _imported(workshop)).close()
    data = _tables(path)
    change(data, workshop.current_round_id)
    path.write_text(json.dumps(data), encoding="utf-8")
    before = path.read_bytes()
    with pytest.raises(TrustBoardFileError, match=where):
        WorkshopFile.open(path)
    assert path.read_bytes() == before
