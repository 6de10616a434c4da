"""The action registry is the one place for keys and for when a command can run."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from pytestqt.qtbot import QtBot

from trustboard.paths import UserPaths
from trustboard.services.settings import Settings
from trustboard.ui.actions import (
    SPECS,
    VIEW_KEYS,
    ActionId,
    WindowState,
    enabled,
    shortcut_list,
)
from trustboard.ui.main_window import MainWindow

OPEN = WindowState(workshop=True, editable=True, selection=True, writable_file=True)


def test_the_enable_policy_is_read_from_each_spec() -> None:
    cut, copy, new = SPECS[ActionId.CUT], SPECS[ActionId.COPY], SPECS[ActionId.NEW]
    assert cut.editable and cut.needs_selection and not new.needs_workshop
    assert enabled(cut, OPEN)
    assert not enabled(cut, WindowState(workshop=True, editable=False, selection=True))
    assert not enabled(cut, WindowState(workshop=True, editable=True, selection=False))
    assert enabled(copy, WindowState(workshop=True, editable=False, selection=True))
    assert enabled(new, WindowState()) and not enabled(copy, WindowState())
    undo = SPECS[ActionId.UNDO]
    assert undo.when == "can_undo" and not enabled(undo, OPEN)
    assert enabled(undo, WindowState(workshop=True, can_undo=True))


def test_every_when_names_a_field_of_the_window_state() -> None:
    fields = set(WindowState.__dataclass_fields__)
    assert {spec.when for spec in SPECS.values() if spec.when} <= fields


def test_the_shortcut_list_comes_from_the_registry(qapp: object) -> None:
    rows = dict(shortcut_list())
    assert rows["Score 3"] == "3"
    assert rows["Leave presenter mode"] == "Esc"
    assert "Shift+3" in rows["Customer score 3"]
    assert rows["Move cards left"] == "Alt+Left"
    assert rows["Add"] == "Ins"  # the framework editor's lists
    assert rows["Card kind 1"] == "Alt+1"


@pytest.fixture
def window(qtbot: QtBot, data_dir: UserPaths) -> Iterator[MainWindow]:
    w = MainWindow(data_dir, Settings.load(data_dir))
    qtbot.addWidget(w)
    w.resize(1400, 900)
    w.show()
    qtbot.waitExposed(w)
    w.open_demo()
    yield w
    w.close()


def test_no_key_is_bound_twice_where_the_board_has_the_focus(window: MainWindow) -> None:
    """An ambiguous key does nothing in Qt: the board's own keys and the window's differ."""
    assert window.view is not None
    keys = [s.toString() for a in window.view.keys.values() for s in a.shortcuts()]
    keys += [s.toString() for a in window.actions_.values() for s in a.shortcuts()]
    assert len(keys) == len(set(keys))
    assert set(window.view.keys) == set(VIEW_KEYS)


def test_the_board_keys_are_registry_actions(qtbot: QtBot, window: MainWindow) -> None:
    assert window.view is not None and window.session is not None
    window.view.setFocus()
    cell = window.session.current_cell
    assert cell is not None
    before = window.session.round.rating(cell, window.session.layer, window.session.perspective)
    window.view.keys[ActionId.SCORE_4].trigger()
    after = window.session.round.rating(cell, window.session.layer, window.session.perspective)
    assert after.scores == (*before.scores, 4)
    window.view.keys[ActionId.CELL_RIGHT].trigger()
    assert window.session.current_cell != cell


def test_the_card_kind_keys_come_from_the_registry(window: MainWindow) -> None:
    assert window.view is not None
    first = window.menus.kind_menu.actions()[0]
    assert first.shortcut() == QKeySequence("Alt+1")
    assert first.shortcutContext() == Qt.ShortcutContext.WidgetWithChildrenShortcut
    assert first in window.view.actions()


def test_esc_leaves_presenter_mode_only_while_presenting(qtbot: QtBot, window: MainWindow) -> None:
    leave = window.actions_[ActionId.LEAVE_PRESENTER]
    assert leave.shortcut() == QKeySequence(Qt.Key.Key_Escape)
    assert not leave.isEnabled()  # Esc is free for dialogs and editors
    window.actions_[ActionId.PRESENTER].setChecked(True)
    assert window.presenter.active and leave.isEnabled()
    qtbot.keyClick(window.view, Qt.Key.Key_Escape)
    assert not window.presenter.active
    assert not window.actions_[ActionId.PRESENTER].isChecked() and not leave.isEnabled()


def test_browsing_an_earlier_round_disables_what_edits(window: MainWindow) -> None:
    session = window.session
    assert session is not None
    assert window.actions_[ActionId.ADD_CARD].isEnabled()
    session.set_viewed_round(session.workshop.rounds[0].id)
    assert session.read_only
    for action_id, action in window.actions_.items():
        if SPECS[action_id].editable:
            assert not action.isEnabled(), action_id
    assert window.actions_[ActionId.EXPORT_PDF].isEnabled()
    assert window.actions_[ActionId.CURRENT_ROUND].isEnabled()
