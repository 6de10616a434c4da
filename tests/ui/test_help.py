"""Help > Keyboard shortcuts lists the action registry; Help > About says what this is."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QMenu
from pytestqt.qtbot import QtBot

from trustboard import __version__
from trustboard.ui.actions import ActionId, shortcut_list
from trustboard.ui.main_window import MainWindow


@pytest.fixture
def window(start_window: MainWindow) -> MainWindow:
    return start_window


def _help_menu(window: MainWindow) -> QMenu:
    menu = window.menuBar().findChild(QMenu, "menuHelp")
    assert menu is not None
    return menu


def test_the_help_menu_offers_shortcuts_and_about_without_a_workshop(window: MainWindow) -> None:
    entries = [a for a in _help_menu(window).actions() if not a.isSeparator()]
    assert entries == [window.actions_[ActionId.SHORTCUTS], window.actions_[ActionId.ABOUT]]
    assert all(a.isEnabled() for a in entries)


def test_the_shortcuts_list_is_the_registry(qtbot: QtBot, window: MainWindow) -> None:
    from trustboard.ui.dialogs.shortcuts_dialog import ShortcutsDialog

    window.actions_[ActionId.SHORTCUTS].trigger()
    dialog = window.findChild(ShortcutsDialog, "shortcutsDialog")
    assert dialog is not None and dialog.isVisible()
    rows = shortcut_list()
    assert dialog.shown_rows() == rows
    table = dialog.table
    shown = [(table.item(n, 0).text(), table.item(n, 1).text()) for n in range(table.rowCount())]
    assert shown == rows
    assert ("Score 3", "3") in shown and ("Keyboard shortcuts", "F1") in shown
    qtbot.keyClicks(dialog.search, "presenter")
    found = dialog.shown_rows()
    assert found and all("presenter" in what.casefold() for what, _ in found)
    assert ("Leave presenter mode", "Esc") in found
    dialog.close()


def test_about_names_the_version(window: MainWindow) -> None:
    from trustboard.ui.dialogs.about_dialog import AboutDialog

    window.actions_[ActionId.ABOUT].trigger()
    dialog = window.findChild(AboutDialog, "aboutDialog")
    assert dialog is not None and dialog.isVisible()
    assert __version__ in dialog.text.text() and "offline" in dialog.text.text()
    dialog.close()
