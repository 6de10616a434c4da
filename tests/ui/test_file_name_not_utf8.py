"""A workshop whose file name is not UTF-8 (common from old zip files) opens and is shown."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
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
def window(qtbot: QtBot, message_window: MainWindow) -> Iterator[MainWindow]:
    message_window.show()
    qtbot.waitExposed(message_window)
    yield message_window
    message_window.close()


def test_the_window_opens_it_shows_the_name_and_remembers_it(
    window: MainWindow, data_dir: UserPaths, tmp_path: Path, rtx: Framework
) -> None:
    path = tmp_path / NAME
    WorkshopFile.create(path, new_workshop(rtx, "Zip workshop")).close()

    assert window.open_file(path)

    assert window.windowTitle() == f"Zip workshop — {SHOWN} — TrustBoard"
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
