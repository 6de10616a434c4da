"""A new workshop over a limit is refused with a message from the start page; no file is made."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from trustboard.domain import limits
from trustboard.domain.framework import Framework
from trustboard.paths import UserPaths
from trustboard.services.settings import Settings
from trustboard.ui.main_window import MainWindow


@pytest.fixture
def window(
    qtbot: QtBot, data_dir: UserPaths, monkeypatch: pytest.MonkeyPatch
) -> Iterator[MainWindow]:
    messages: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: messages.append(a[2]))
    w = MainWindow(data_dir, Settings.load(data_dir))
    w.messages = messages  # type: ignore[attr-defined]
    qtbot.addWidget(w)
    yield w
    w.close()


def test_too_many_participants_are_refused_with_a_message_and_no_file(
    window: MainWindow, rtx: Framework, tmp_path: Path
) -> None:
    target = tmp_path / "big.trustboard"
    people = [f"Person {i}" for i in range(limits.PARTICIPANTS + 1)]
    assert not window.files.create_workshop(target, rtx, {"title": "Big", "participants": people})
    assert not target.exists()
    (message,) = window.messages  # type: ignore[attr-defined]
    assert "501 participants; at most 500" in message


def test_the_start_page_title_fields_stop_at_the_limit(window: MainWindow) -> None:
    page = window.start_page
    for edit in (page.title_edit, page.organisation_edit, page.facilitator_edit):
        assert edit.maxLength() == limits.TITLE_CHARS
