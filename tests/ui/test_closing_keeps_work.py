"""Closing or re-opening a workshop never loses work: a failed last save keeps it open
until the user decides (retry, keep, save elsewhere), and opening the open file keeps it."""

from __future__ import annotations

import errno
from pathlib import Path

import pytest

from trustboard.store import WorkshopFile
from trustboard.ui.main_window import MainWindow

CI = ("competence", "individuals")


def _disk_full(monkeypatch: pytest.MonkeyPatch) -> None:
    def full(fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr("trustboard.fsutil.os.fsync", full)


def test_a_failed_last_save_keeps_the_workshop_open_until_the_user_decides(
    demo_window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    session = demo_window.session
    assert session is not None
    path = session.file.path
    card_id = session.add_card(CI, "precious text")
    _disk_full(monkeypatch)
    asked: list[str] = []
    demo_window.files.ask_unsaved = lambda error: asked.append(str(error)) or "keep"  # type: ignore[method-assign]
    assert demo_window.close_workshop() is False
    assert asked and "No space left" in asked[0]
    assert (
        demo_window.session is session and demo_window.view is not None
    )  # still open, still editable
    assert session.autosaver is not None  # and still trying to save
    session.add_card(CI, "typed after the failure")
    monkeypatch.undo()  # space again
    demo_window.files.ask_unsaved = lambda error: "retry"  # type: ignore[method-assign]
    assert demo_window.close_workshop() is True
    with WorkshopFile.open(path) as wf:  # saved, and the lock is released
        texts = [c.text for c in wf.workshop.current_round.cards.values()]
    assert wf.workshop.current_round.cards[card_id].text == "precious text"
    assert "typed after the failure" in texts


def test_save_elsewhere_when_the_disk_is_full(
    demo_window: MainWindow, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    from PySide6.QtWidgets import QFileDialog

    session = demo_window.session
    assert session is not None
    card_id = session.add_card(CI, "rescued")
    calls = 0

    def full_only_for_the_original(fd: int) -> None:
        nonlocal calls
        calls += 1
        if calls == 1:
            raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr("trustboard.fsutil.os.fsync", full_only_for_the_original)
    rescue = tmp_path / "rescue.trustboard"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(rescue), ""))
    demo_window.files.ask_unsaved = lambda error: "elsewhere"  # type: ignore[method-assign]
    assert demo_window.close_workshop() is True
    monkeypatch.undo()
    with WorkshopFile.open(rescue, read_only=True) as wf:
        assert wf.workshop.current_round.cards[card_id].text == "rescued"


def test_opening_the_open_file_again_keeps_it_editable(demo_window: MainWindow) -> None:
    session = demo_window.session
    assert session is not None
    assert demo_window.open_file(session.file.path)
    assert demo_window.session is session and not session.read_only
    assert demo_window.files.save_to(session.file.path, copy=False)
    assert demo_window.session is session and not session.read_only
