"""A workshop open in another TrustBoard: the window says who has it and lets the user
open it read-only, take over a lock from another computer, or cancel."""

from __future__ import annotations

import json
import os
import socket
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6 import QtWidgets
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from trustboard.domain.workshop import Workshop
from trustboard.paths import UserPaths
from trustboard.services.settings import Settings
from trustboard.store import WorkshopFile
from trustboard.store.errors import LockLostError
from trustboard.store.lock import FileLock, LockHolder
from trustboard.ui.main_window import MainWindow

OTHER_HOST = "workshop-laptop.example"


def lock_of(path: Path) -> Path:
    return path.with_name(f".{path.name}.lock")


def foreign_lock(path: Path) -> bytes:
    raw = json.dumps(
        {"pid": 4242, "host": OTHER_HOST, "user": "ann", "since": "2026-03-15T09:00:00+01:00"}
    ).encode()
    lock_of(path).write_bytes(raw)
    return raw


@pytest.fixture
def board(tmp_path: Path, workshop: Workshop) -> Path:
    path = tmp_path / "board.trustboard"
    WorkshopFile.create(path, workshop).close()
    return path


@pytest.fixture
def window(
    qtbot: QtBot, data_dir: UserPaths, monkeypatch: pytest.MonkeyPatch
) -> Iterator[MainWindow]:
    messages: list[str] = []
    for kind in ("warning", "information", "critical"):
        monkeypatch.setattr(QMessageBox, kind, lambda *a, **k: messages.append(a[2]))
    monkeypatch.setenv("TRUSTBOARD_PRELOAD_CHARTS", "0")
    w = MainWindow(data_dir, Settings.load(data_dir))
    w.messages = messages  # type: ignore[attr-defined]
    qtbot.addWidget(w)
    yield w
    w.close()


def answer(window: MainWindow, choice: str) -> list[tuple[Path, LockHolder]]:
    asked: list[tuple[Path, LockHolder]] = []

    def ask(path: Path, holder: LockHolder) -> str:
        asked.append((path, holder))
        return choice

    window.files.ask_lock_holder = ask  # type: ignore[method-assign]
    return asked


def test_taking_over_a_lock_from_another_computer_opens_the_workshop_for_editing(
    window: MainWindow, board: Path
) -> None:
    foreign_lock(board)
    asked = answer(window, "take-over")
    assert window.open_file(board)
    assert [(p, h.host, h.user, h.pid) for p, h in asked] == [(board, OTHER_HOST, "ann", 4242)]
    assert window.session is not None
    assert not window.session.read_only, window.session.read_only_reason
    holder = json.loads(lock_of(board).read_text(encoding="utf-8"))
    assert (holder["pid"], holder["host"]) == (os.getpid(), socket.gethostname())
    assert window.messages == []  # type: ignore[attr-defined]
    assert window.close_workshop()
    assert not lock_of(board).exists()


def test_opening_read_only_leaves_the_other_computer_s_lock_alone(
    window: MainWindow, board: Path
) -> None:
    raw = foreign_lock(board)
    answer(window, "read-only")
    assert window.open_file(board)
    assert window.session is not None
    assert window.session.read_only
    assert OTHER_HOST in window.session.read_only_reason
    assert window.messages == []  # type: ignore[attr-defined]  # they chose it: no second box
    assert window.close_workshop()
    assert lock_of(board).read_bytes() == raw


def test_cancel_opens_nothing_and_leaves_the_lock_alone(window: MainWindow, board: Path) -> None:
    raw = foreign_lock(board)
    answer(window, "cancel")
    assert not window.open_file(board)
    assert window.session is None
    assert lock_of(board).read_bytes() == raw


def test_taking_over_from_a_running_trustboard_opens_read_only_and_says_so(
    window: MainWindow, board: Path
) -> None:
    running = FileLock(board)
    assert running.acquire()
    try:
        # a running TrustBoard whose lock names another computer (a shared folder whose
        # OS locks are visible here): taking over must still lose to it
        with lock_of(board).open("r+b") as fh:
            fh.truncate(0)
            fh.write(foreign_lock(board.with_name("other.trustboard")))
        mine = lock_of(board).read_bytes()
        answer(window, "take-over")
        assert window.open_file(board)
        assert window.session is not None
        assert window.session.read_only
        [message] = window.messages  # type: ignore[attr-defined]
        assert "read-only" in message and OTHER_HOST in message
        assert window.close_workshop()
        assert lock_of(board).read_bytes() == mine
    finally:
        running.release()


def dialog_seen(monkeypatch: pytest.MonkeyPatch, press: str) -> dict[str, object]:
    """Run the real question box without blocking: record it and press one button."""
    seen: dict[str, object] = {}

    def exec_(box: QtWidgets.QMessageBox) -> int:
        seen["text"] = box.text()
        seen["details"] = box.informativeText()
        seen["buttons"] = sorted(b.text() for b in box.buttons())
        [button] = [b for b in box.buttons() if b.text() == press]
        button.click()
        return 0

    monkeypatch.setattr(QtWidgets.QMessageBox, "exec", exec_)
    return seen


def test_the_question_shows_the_holder_and_offers_take_over_for_another_computer(
    window: MainWindow, board: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen = dialog_seen(monkeypatch, "Take over")
    holder = LockHolder(4242, OTHER_HOST, "ann", "2026-03-15T09:00:00+01:00")
    assert window.files.ask_lock_holder(board, holder) == "take-over"
    assert board.name in str(seen["text"])
    details = str(seen["details"])
    for part in ("ann", OTHER_HOST, "2026-03-15T09:00:00+01:00", "may then be lost"):
        assert part in details
    assert seen["buttons"] == ["Cancel", "Open read-only", "Take over"]


def test_a_trustboard_running_on_this_computer_cannot_be_taken_over_from_the_question(
    window: MainWindow, board: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen = dialog_seen(monkeypatch, "Open read-only")
    holder = LockHolder(4242, socket.gethostname(), "ann", "2026-03-15T09:00:00+01:00")
    assert window.files.ask_lock_holder(board, holder) == "read-only"
    assert "process 4242" in str(seen["details"])
    assert seen["buttons"] == ["Cancel", "Open read-only"]


def test_a_second_window_on_this_computer_is_asked_and_opens_read_only(
    window: MainWindow, board: Path
) -> None:
    with WorkshopFile.open(board) as first:
        assert not first.read_only
        asked = answer(window, "read-only")
        assert window.open_file(board)
        [(_, holder)] = asked
        assert holder.pid == os.getpid() and not holder.elsewhere
        assert window.session is not None and window.session.read_only
        assert window.close_workshop()


def test_closing_after_the_lock_was_taken_elsewhere_offers_to_save_elsewhere(
    window: MainWindow, board: Path
) -> None:
    """A cleaner deleted the lock file and another TrustBoard opened the workshop: our edits
    are not written over theirs, and closing asks what to do with them."""
    answer(window, "cancel")
    assert window.open_file(board)
    session = window.session
    assert session is not None and not session.read_only
    lock_of(board).unlink()
    with WorkshopFile.open(board) as other:
        assert not other.read_only
        on_disk = board.read_bytes()
        assert session.add_card(("competence", "individuals"), "ours") is not None
        errors: list[OSError] = []
        window.files.ask_unsaved = lambda error: errors.append(error) or "keep"  # type: ignore[method-assign]
        assert not window.close_workshop()
        [error] = errors
        assert isinstance(error, LockLostError)
        assert "another TrustBoard" in str(error)
        assert board.read_bytes() == on_disk
        window.files.ask_unsaved = lambda error: "discard"  # type: ignore[method-assign]
        assert window.close_workshop()
        assert lock_of(board).exists()  # theirs, left alone
    assert not lock_of(board).exists()
