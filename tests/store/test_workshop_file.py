"""The workshop file: layout, migrations, newer versions, copies and autosave."""

from __future__ import annotations

import json
import threading
from pathlib import Path

import pytest

from trustboard.domain.framework import Framework
from trustboard.domain.workshop import Card, Workshop, new_id, new_workshop
from trustboard.store import SCHEMA_VERSION, TrustBoardFileError, WorkshopFile, schema
from trustboard.store.autosave import Autosaver
from trustboard.store.errors import NewerFileError

CELL = ("competence", "individuals")


def test_the_file_is_tinydb_json_with_the_documented_tables(
    tmp_path: Path, workshop: Workshop
) -> None:
    path = tmp_path / "w.trustboard"
    WorkshopFile.create(path, workshop).close()
    data = json.loads(path.read_text(encoding="utf-8"))
    assert set(data) == set(schema.TABLES)
    assert data["meta"]["file"]["schema_version"] == SCHEMA_VERSION
    assert data["meta"]["file"]["format"] == "trustboard-workshop"
    assert data["framework"]["framework"]["id"] == "rtx-trust-framework"
    from tinydb import TinyDB  # the file opens with plain tinydb too
    from tinydb.table import Table

    class StrIds(Table):
        document_id_class = str

    class Db(TinyDB):
        table_class = StrIds

    with Db(path, access_mode="r") as db:
        assert db.table("meta").get(doc_id="workshop")["title"] == "Test workshop"
        assert len(db.table("rounds")) == 1


def test_create_refuses_to_overwrite(tmp_path: Path, workshop: Workshop) -> None:
    path = tmp_path / "w.trustboard"
    path.write_text("keep me")
    with pytest.raises(TrustBoardFileError, match="already exists"):
        WorkshopFile.create(path, workshop)
    assert path.read_text() == "keep me"


def _write_version(path: Path, version: int, app: str = "0.0.1") -> None:
    data = json.loads(path.read_text(encoding="utf-8"))
    data["meta"]["file"]["schema_version"] = version
    data["meta"]["file"]["app_version"] = app
    path.write_text(json.dumps(data), encoding="utf-8")


def test_a_newer_file_is_refused_for_editing_and_opens_read_only(
    tmp_path: Path, workshop: Workshop
) -> None:
    path = tmp_path / "w.trustboard"
    WorkshopFile.create(path, workshop).close()
    _write_version(path, SCHEMA_VERSION + 1, "7.2.0")
    before = path.read_bytes()
    with pytest.raises(NewerFileError, match=r"written by TrustBoard 7\.2\.0"):
        WorkshopFile.open(path)
    with WorkshopFile.open(path, read_only=True) as wf:
        assert wf.read_only
        assert "7.2.0" in wf.read_only_reason
        with pytest.raises(TrustBoardFileError, match="read-only"):
            wf.put_card(wf.workshop.current_round_id, Card(new_id("c"), "x", CELL))
    assert path.read_bytes() == before


def test_an_older_file_is_migrated_after_a_backup(
    tmp_path: Path, workshop: Workshop, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "w.trustboard"
    WorkshopFile.create(path, workshop).close()
    # Pretend the current format is one newer, with a migration that renames the title.
    calls: list[int] = []

    def upgrade(tables: schema.Tables) -> schema.Tables:
        calls.append(1)
        tables["meta"]["workshop"]["title"] += " (migrated)"
        return tables

    old_bytes = path.read_bytes()
    monkeypatch.setattr(schema, "SCHEMA_VERSION", SCHEMA_VERSION + 1)
    monkeypatch.setattr("trustboard.store.workshop_file.SCHEMA_VERSION", SCHEMA_VERSION + 1)
    monkeypatch.setattr(schema, "MIGRATIONS", {SCHEMA_VERSION: upgrade})
    with WorkshopFile.open(path) as wf:
        assert wf.workshop.title == "Test workshop (migrated)"
    backup = path.with_name(f"{path.name}.v{SCHEMA_VERSION}.bak")
    assert backup.read_bytes() == old_bytes
    assert json.loads(path.read_text())["meta"]["file"]["schema_version"] == SCHEMA_VERSION + 1
    assert calls == [1]


def test_a_missing_migration_is_a_clear_error(
    tmp_path: Path, workshop: Workshop, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "w.trustboard"
    WorkshopFile.create(path, workshop).close()
    monkeypatch.setattr(schema, "SCHEMA_VERSION", SCHEMA_VERSION + 1)
    monkeypatch.setattr("trustboard.store.workshop_file.SCHEMA_VERSION", SCHEMA_VERSION + 1)
    with pytest.raises(TrustBoardFileError, match="no way to upgrade"):
        WorkshopFile.open(path)
    assert not (tmp_path / f".{path.name}.lock").exists()


def test_save_a_copy_leaves_the_original_open(tmp_path: Path, workshop: Workshop) -> None:
    path = tmp_path / "w.trustboard"
    with WorkshopFile.create(path, workshop) as wf:
        card = Card(new_id("c"), "copied", CELL)
        wf.workshop.current_round.cards[card.id] = card
        wf.put_card(wf.workshop.current_round_id, card)
        wf.save_copy(tmp_path / "copy.trustboard")
        assert not wf.read_only
    with WorkshopFile.open(tmp_path / "copy.trustboard", read_only=True) as copy:
        assert copy.workshop == wf.workshop


def test_flush_writes_only_when_something_changed(tmp_path: Path, workshop: Workshop) -> None:
    with WorkshopFile.create(tmp_path / "w.trustboard", workshop) as wf:
        assert wf.flush() is False
        wf.put_kpi(wf.workshop.current_round_id, "nps", 12.0)
        assert wf.dirty
        assert wf.flush() is True
        assert wf.flush() is False


def test_autosave_writes_within_a_second_of_an_edit(tmp_path: Path, workshop: Workshop) -> None:
    path = tmp_path / "w.trustboard"
    wf = WorkshopFile.create(path, workshop)
    saved = threading.Event()
    saver = Autosaver(wf, delay=0.05, max_delay=1.0, on_saved=saved.set)
    card = Card(new_id("c"), "autosaved", CELL)
    wf.put_card(wf.workshop.current_round_id, card)
    assert saved.wait(timeout=1.0), "the edit was not written within a second"
    assert card.id in json.loads(path.read_text(encoding="utf-8"))["cards"]
    saver.stop()
    wf.close()


def test_autosave_flushes_pending_edits_on_stop(tmp_path: Path, workshop: Workshop) -> None:
    path = tmp_path / "w.trustboard"
    wf = WorkshopFile.create(path, workshop)
    saver = Autosaver(wf, delay=60, max_delay=60)
    wf.put_kpi(wf.workshop.current_round_id, "nps", 40.0)
    saver.stop()
    assert json.loads(path.read_text(encoding="utf-8"))["kpis"]
    wf.close()


def test_autosave_reports_a_failing_disk_and_keeps_the_edit(
    tmp_path: Path, workshop: Workshop, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "w.trustboard"
    wf = WorkshopFile.create(path, workshop)
    failed = threading.Event()
    errors: list[BaseException] = []

    def broken(*args: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("trustboard.store.workshop_file.atomic_write", broken)
    saver = Autosaver(
        wf, delay=0.01, max_delay=0.05, on_error=lambda e: (errors.append(e), failed.set())
    )
    wf.put_kpi(wf.workshop.current_round_id, "nps", 40.0)
    assert failed.wait(timeout=2.0)
    assert "No space left" in str(errors[0])
    assert wf.dirty
    monkeypatch.undo()
    saver.stop()
    assert json.loads(path.read_text(encoding="utf-8"))["kpis"]
    wf.close()


def test_a_failed_write_leaves_the_old_file_and_no_temp(
    tmp_path: Path, workshop: Workshop, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "w.trustboard"
    wf = WorkshopFile.create(path, workshop)
    before = path.read_bytes()

    def fail_fsync(fd: int) -> None:
        raise OSError(5, "I/O error")

    monkeypatch.setattr("trustboard.fsutil.os.fsync", fail_fsync)
    wf.put_kpi(wf.workshop.current_round_id, "nps", 1.0)
    with pytest.raises(OSError, match="I/O error"):
        wf.flush()
    assert path.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tbtmp")] == []
    monkeypatch.undo()
    wf.close()


def test_two_flushes_at_once_leave_the_newer_state_on_disk(
    tmp_path: Path, rtx: Framework, monkeypatch: pytest.MonkeyPatch
) -> None:
    import trustboard.store.workshop_file as wf_module

    wf = WorkshopFile.create(tmp_path / "w.trustboard", new_workshop(rtx, "T"))
    rid = wf.workshop.current_round_id
    first = Card(new_id("c"), "first", CELL)
    wf.put_card(rid, first)
    real = wf_module.atomic_write
    started, release = threading.Event(), threading.Event()

    def slow(path: Path, chunks: list[bytes]) -> None:
        if not started.is_set():
            started.set()
            release.wait(5)
        real(path, chunks)

    monkeypatch.setattr(wf_module, "atomic_write", slow)
    background = threading.Thread(target=wf.flush)
    background.start()
    assert started.wait(5)
    second = Card(new_id("c"), "second", CELL)
    wf.put_card(rid, second)
    later = threading.Thread(target=wf.flush)
    later.start()
    release.set()
    background.join(5)
    later.join(5)
    monkeypatch.undo()
    wf.close()
    with WorkshopFile.open(wf.path, read_only=True) as again:
        assert {c.text for c in again.workshop.current_round.cards.values()} == {"first", "second"}


def test_autosave_starts_a_write_early_enough_to_end_within_its_deadline(
    tmp_path: Path, workshop: Workshop
) -> None:
    """Under a steady stream of edits (a room of phones) the write begins `max_delay` minus
    the time recent writes took after the first unsaved edit, so the edit is on disk within
    `max_delay`, not `max_delay` plus a write; a slow disk never makes it start at once."""
    wf = WorkshopFile.create(tmp_path / "w.trustboard", workshop)
    saver = Autosaver(wf, delay=60, max_delay=1.0)
    with saver._cond:
        saver._first_edit = saver._last_edit = 100.0
        assert saver._due() == pytest.approx(100.75)  # no write timed yet: a quarter early
        saver._took(0.3)
        saver._took(0.1)
        saver._first_edit = saver._last_edit = 100.0
        assert saver._due() == pytest.approx(100.7)  # the slowest of the last writes
        saver._took(5.0)
        assert saver._due() == pytest.approx(100.5)  # never earlier than half the deadline
        saver._first_edit = None
    saver.stop()
    wf.close()
