"""The whole window in the pseudo-language: every text it shows came through the catalogue.

Each part's own tests check its widgets, dialogs and outputs; these look at the window a
facilitator sees, start screen and demo workshop, with every dock and menu, so a text
that slipped between two parts is caught too.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMenu
from pytestqt.qtbot import QtBot

from tests.i18n.visible import unwrapped, visible_texts, workshop_data
from trustboard.paths import UserPaths
from trustboard.services.settings import Settings
from trustboard.ui.main_window import MainWindow


@pytest.fixture
def pseudo_window(
    qtbot: QtBot, data_dir: UserPaths, interface_language: Callable[[str], str]
) -> Iterator[MainWindow]:
    interface_language("pseudo")
    w = MainWindow(data_dir, Settings.load(data_dir))
    qtbot.addWidget(w)
    w.resize(1280, 720)
    w.show()
    qtbot.waitExposed(w)
    yield w
    w.files.ask_unsaved = lambda error: "discard"  # type: ignore[method-assign]
    w.close()


def _menus(window: MainWindow) -> list[tuple[str, str]]:
    """Every menu of the menu bar, opened as a person would, with its submenus."""
    texts: list[tuple[str, str]] = []
    for action in window.menuBar().actions():
        menu = action.menu()
        if isinstance(menu, QMenu):
            menu.aboutToShow.emit()  # menus that fill themselves when opened
            texts += visible_texts(menu)
    return texts


def test_the_start_screen_shows_only_translated_texts(pseudo_window: MainWindow) -> None:
    texts = visible_texts(pseudo_window) + _menus(pseudo_window)
    assert len(texts) > 40
    assert unwrapped(texts) == []


def test_the_demo_board_and_its_docks_show_only_translated_texts(
    qtbot: QtBot, pseudo_window: MainWindow
) -> None:
    pseudo_window.open_demo()
    session = pseudo_window.session
    assert session is not None
    qtbot.waitUntil(lambda: pseudo_window.stack.currentWidget() is not pseudo_window.start_page)
    data = [*workshop_data(session.workshop), session.file.path.name]
    texts = visible_texts(pseudo_window) + _menus(pseudo_window)
    assert len(texts) > 100
    assert unwrapped(texts, data) == []


def test_right_to_left_mirrors_the_window(
    pseudo_window: MainWindow, interface_language: Callable[[str], str]
) -> None:
    assert QApplication.layoutDirection() == Qt.LayoutDirection.LeftToRight
    interface_language("pseudo-rtl")
    assert QApplication.layoutDirection() == Qt.LayoutDirection.RightToLeft
    assert pseudo_window.layoutDirection() == Qt.LayoutDirection.RightToLeft
