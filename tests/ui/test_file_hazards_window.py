"""The window's side of file hazards: another program's change, a vanished folder, a
read-only file. The user is told what happened in plain words and nothing is lost."""

from __future__ import annotations

import json
import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QMessageBox
from pytestqt.qtbot import QtBot

from trustboard.domain.workshop import Workshop
from trustboard.store import WorkshopFile
from trustboard.ui.main_window import MainWindow

CI = ("competence", "individuals")


@pytest.fixture
def window(message_window: MainWindow) -> Iterator[MainWindow]:
    w = message_window
    asked: list[str] = []
    w.files.ask_unsaved = lambda error: asked.append(str(error)) or "keep"  # type: ignore[method-assign]
    w.asked = asked  # type: ignore[attr-defined]
    w.show()
    yield w
    w.files.ask_unsaved = lambda error: "discard"  # type: ignore[method-assign]
    w.close()


def _texts(path: Path) -> set[str]:
    data = json.loads(path.read_text(encoding="utf-8"))
    return {record["text"] for record in data["cards"].values()}


def _open(window: MainWindow, folder: Path, workshop: Workshop) -> Path:
    path = folder / "Team.trustboard"
    WorkshopFile.create(path, workshop).close()
    assert window.open_file(path)
    return path


def _notice(qtbot: QtBot, window: MainWindow) -> QMessageBox:
    qtbot.waitUntil(lambda: window.save_status.notice is not None, timeout=10_000)
    assert window.save_status.notice is not None
    return window.save_status.notice


def test_the_window_tells_of_a_sync_tool_s_change_and_keeps_both_versions(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, workshop: Workshop
) -> None:
    path = _open(window, tmp_path, workshop)
    session = window.session
    assert session is not None
    theirs = path.read_bytes().replace(b'"title":"Test workshop"', b'"title":"Theirs"')
    tmp = tmp_path / ".sync-tmp"
    tmp.write_bytes(theirs)
    os.replace(tmp, path)  # a sync tool brings in another computer's version
    session.add_card(CI, "ours")
    notice = _notice(qtbot, window)
    copy = session.file.conflict_copy
    assert copy is not None
    said = notice.text() + notice.informativeText()
    assert "changed by another program" in said
    assert str(path) in said and str(copy) in said
    assert "nothing is lost" in said
    assert copy.name in window.windowTitle()
    assert path.read_bytes() == theirs
    session.add_card(CI, "ours, later")
    assert window.close_workshop()
    assert path.read_bytes() == theirs
    assert {"ours", "ours, later"} <= _texts(copy)
    assert window.asked == []  # type: ignore[attr-defined]


def test_a_vanished_folder_is_explained_and_save_as_keeps_the_edits(
    qtbot: QtBot,
    window: MainWindow,
    tmp_path: Path,
    workshop: Workshop,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    folder = tmp_path / "shared"
    folder.mkdir()
    _open(window, folder, workshop)
    session = window.session
    assert session is not None
    folder.rename(tmp_path / "moved away")
    session.add_card(CI, "kept in memory")
    notice = _notice(qtbot, window)
    said = notice.text() + notice.informativeText()
    assert f"The folder {folder} is gone" in said
    assert "kept in memory" in said and "Save As" in said
    assert ".tbtmp" not in said + window.statusBar().currentMessage()
    assert "NOT SAVED" in window.save_status.label.text()
    rescue = tmp_path / "rescue.trustboard"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(rescue), ""))
    save_as = next(b for b in notice.buttons() if b.text() == "Save As…")
    save_as.click()
    assert window.session is not None and window.session is not session
    assert window.session.file.path == rescue
    assert window.asked == []  # type: ignore[attr-defined]  # no "could not be saved" question
    assert "kept in memory" in _texts(rescue)
    assert not folder.exists()


def test_a_read_only_file_opens_read_only_and_the_window_says_why(
    window: MainWindow, tmp_path: Path, workshop: Workshop
) -> None:
    path = tmp_path / "Team.trustboard"
    WorkshopFile.create(path, workshop).close()
    path.chmod(0o444)
    before = path.read_bytes()
    assert window.open_file(path)
    session = window.session
    assert session is not None and session.read_only
    assert any("read-only" in m and "permission" in m for m in window.messages)  # type: ignore[attr-defined]
    assert "read-only" in window.windowTitle()
    assert window.close_workshop()
    assert path.read_bytes() == before
    assert stat.S_IMODE(path.stat().st_mode) == 0o444


def test_a_file_name_that_looks_like_markup_is_shown_as_typed_in_the_notice(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, workshop: Workshop
) -> None:
    folder = tmp_path / "<img src=x><b>BIG"
    folder.mkdir()
    path = _open(window, folder, workshop)
    session = window.session
    assert session is not None
    path.write_bytes(path.read_bytes() + b"\n")  # another program rewrote it
    session.add_card(CI, "ours")
    notice = _notice(qtbot, window)
    assert "<img src=x><b>BIG" in notice.informativeText()
    assert notice.textFormat() == Qt.TextFormat.PlainText  # shown, not obeyed


def test_closing_the_window_closes_its_file_notices(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, workshop: Workshop
) -> None:
    path = _open(window, tmp_path, workshop)
    session = window.session
    assert session is not None
    path.write_bytes(path.read_bytes() + b"\n")
    session.add_card(CI, "ours")
    notice = _notice(qtbot, window)
    assert notice.isVisible()
    window.close()
    assert not notice.isVisible()
