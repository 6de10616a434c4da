"""The room's panel is a panel like the others: its action raises it from behind a tab,
presenter mode puts it away and brings it back, and a vote's end shows its results."""

from __future__ import annotations

import dataclasses

from PySide6.QtGui import QAction

from trustboard.room.model import Phase
from trustboard.ui.actions import ActionId
from trustboard.ui.main_window import MainWindow
from trustboard.ui.room.controller import RoomController

from ..test_docks_no_dead_ends import in_front


def room_action(window: MainWindow) -> QAction:
    action = window.findChild(QAction, "action_roomPanel")
    assert isinstance(action, QAction)
    return action


def test_the_room_panels_action_raises_it_from_behind_a_tab(
    window: MainWindow, room: RoomController
) -> None:
    dock, cell = room.parts.dock, window.docks[ActionId.SIDE_PANEL]
    assert dock is not None and in_front(window, dock)
    window.tabifyDockWidget(cell, dock)  # the facilitator dragged it onto the Cell panel
    window.dock_set.show_panel(ActionId.SIDE_PANEL)
    assert not in_front(window, dock)
    assert room_action(window).isChecked()  # open, only behind the Cell tab
    room_action(window).trigger()
    assert in_front(window, dock) and room_action(window).isChecked()
    room_action(window).trigger()  # in front: the action closes it
    assert not dock.isVisible() and not room_action(window).isChecked()


def test_presenter_mode_puts_the_room_panel_away_and_brings_it_back(
    window: MainWindow, room: RoomController
) -> None:
    dock = room.parts.dock
    assert dock is not None and dock.isVisible()
    window.actions_[ActionId.PRESENTER].setChecked(True)
    assert not dock.isVisible()
    window.actions_[ActionId.PRESENTER].setChecked(False)
    assert dock.isVisible() and room_action(window).isChecked()


def test_a_room_closed_while_presenting_leaves_no_empty_panel_after(
    window: MainWindow, room: RoomController
) -> None:
    dock = room.parts.dock
    assert dock is not None and dock.isVisible()
    window.actions_[ActionId.PRESENTER].setChecked(True)
    room.close()
    window.actions_[ActionId.PRESENTER].setChecked(False)
    assert not dock.isVisible() and not room_action(window).isChecked()


def test_the_end_of_a_vote_brings_the_dot_voting_panel_to_the_front(
    window: MainWindow, room: RoomController
) -> None:
    panel = room.parts.panel
    assert panel is not None
    window.actions_[ActionId.VOTING].setChecked(True)
    window.dock_set.show_panel(ActionId.SIDE_PANEL)
    voting = window.docks[ActionId.VOTING]
    assert not in_front(window, voting)
    room.set_settings(dataclasses.replace(panel.settings(), phase=Phase.VOTE), per_person=3)
    room.set_settings(dataclasses.replace(panel.settings(), phase=Phase.CLOSED))
    assert in_front(window, voting)  # the results, where the facilitator can see them
