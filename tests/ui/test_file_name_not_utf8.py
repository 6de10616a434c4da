"""A workshop whose file name is not UTF-8 (common from old zip files) opens and is shown."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from trustboard.domain.framework import Framework
from trustboard.domain.workshop import new_workshop
from trustboard.paths import UserPaths
from trustboard.services.settings import Settings
from trustboard.store import WorkshopFile
from trustboard.ui.main_window import MainWindow

NAME = os.fsdecode(b"Caf\xe9 workshop.trustboard")  # Latin-1, as old zip tools wrote it
SHOWN = "Caf\ufffd workshop.trustboard"


@pytest.fixture
def window(
    qtbot: QtBot, data_dir: UserPaths, monkeypatch: pytest.MonkeyPatch
) -> Iterator[MainWindow]:
    messages: list[str] = []
    for kind in ("warning", "information", "critical"):
        monkeypatch.setattr(QMessageBox, kind, lambda *a, **k: messages.append(a[2]))
    w = MainWindow(data_dir, Settings.load(data_dir))
    w.messages = messages  # type: ignore[attr-defined]
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    yield w
    w.close()


def test_the_window_opens_it_shows_the_name_and_remembers_it(
    window: MainWindow, data_dir: UserPaths, tmp_path: Path, rtx: Framework
) -> None:
    path = tmp_path / NAME
    WorkshopFile.create(path, new_workshop(rtx, "Zip workshop")).close()

    assert window.open_file(path)

    assert window.windowTitle().startswith(f"{SHOWN} — ")
    assert window.messages == []  # type: ignore[attr-defined]
    stored = Settings.load(data_dir).recent_files  # saved to disk, exactly
    assert stored[0] == str(path.resolve())
    window.start_page.refresh_recent()
    assert window.start_page.recent_list.item(0).text().startswith(f"{SHOWN}\n")
    window.menus.fill_recent()
    assert window.menus.recent_menu.actions()[0].text() == str(path.resolve()).replace(NAME, SHOWN)


def test_a_later_settings_save_still_works(
    window: MainWindow, data_dir: UserPaths, tmp_path: Path, rtx: Framework
) -> None:
    path = tmp_path / NAME
    WorkshopFile.create(path, new_workshop(rtx, "Zip workshop")).close()
    assert window.open_file(path)
    window.settings.theme = "dark"
    assert window.settings.save()
    assert Settings.load(data_dir).theme == "dark"
