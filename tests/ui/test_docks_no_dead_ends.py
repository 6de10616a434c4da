"""No dead ends: every panel opens from its action at any time, in front of its tab
group, and presenter mode gives the docks back exactly as they were."""

from __future__ import annotations

from collections.abc import Iterator
from itertools import combinations

import pytest
from PySide6.QtWidgets import QDockWidget, QMainWindow, QTabBar
from pytestqt.qtbot import QtBot

from trustboard.paths import UserPaths
from trustboard.services.settings import Settings
from trustboard.ui.actions import ActionId
from trustboard.ui.main_window import MainWindow

PANELS = (ActionId.SIDE_PANEL, ActionId.VOTING, ActionId.KPIS, ActionId.ACTIONS)


@pytest.fixture
def window(qtbot: QtBot, data_dir: UserPaths) -> Iterator[MainWindow]:
    w = MainWindow(data_dir, Settings.load(data_dir))
    qtbot.addWidget(w)
    w.resize(1280, 720)
    w.show()
    qtbot.waitExposed(w)
    w.open_demo()
    yield w
    w.files.ask_unsaved = lambda error: "discard"  # type: ignore[method-assign]
    w.close()


def in_front(window: QMainWindow, dock: QDockWidget) -> bool:
    """Shown, and the current tab of its group when it shares one (as the window's tab
    bars say once laid out: a tab behind another still counts as visible to Qt)."""
    if not dock.isVisible():
        return False
    layout = window.layout()
    assert layout is not None
    layout.activate()
    for bar in window.findChildren(QTabBar):
        titles = [bar.tabText(i) for i in range(bar.count())]
        if bar.isVisible() and dock.windowTitle() in titles:
            return bar.tabText(bar.currentIndex()) == dock.windowTitle()
    return True


def open_only(window: MainWindow, wanted: tuple[ActionId, ...]) -> None:
    for action_id in PANELS:
        window.docks[action_id].setVisible(action_id in wanted)
    for action_id in wanted:  # the last one asked for is in front
        if not window.docks[action_id].isVisible():
            window.actions_[action_id].trigger()


def combos() -> Iterator[tuple[ActionId, ...]]:
    for n in range(len(PANELS) + 1):
        yield from combinations(PANELS, n)


def test_each_panels_action_shows_and_raises_it_whatever_else_is_open(
    window: MainWindow,
) -> None:
    for wanted in combos():
        for target in PANELS:
            open_only(window, wanted)
            dock, action = window.docks[target], window.actions_[target]
            for action_id in wanted:
                assert window.actions_[action_id].isChecked(), (wanted, action_id)
            if in_front(window, dock):
                action.trigger()  # in front already: the action closes it ...
                assert not dock.isVisible() and not action.isChecked()
            action.trigger()  # ... and opens it again
            assert in_front(window, dock), (wanted, target)
            assert action.isChecked(), (wanted, target)


def test_a_panel_behind_a_tab_keeps_its_action_ticked(window: MainWindow) -> None:
    cell, kpis = window.docks[ActionId.SIDE_PANEL], window.docks[ActionId.KPIS]
    window.actions_[ActionId.SIDE_PANEL].setChecked(True)
    window.actions_[ActionId.KPIS].setChecked(True)
    cell.raise_()
    assert in_front(window, cell) and not in_front(window, kpis)
    assert window.actions_[ActionId.KPIS].isChecked()  # open, only behind the Cell tab
    assert not kpis.isHidden()


def test_asking_again_for_an_open_panel_raises_it(window: MainWindow) -> None:
    voting = window.docks[ActionId.VOTING]
    window.actions_[ActionId.VOTING].setChecked(True)
    window.docks[ActionId.SIDE_PANEL].raise_()
    assert not in_front(window, voting)
    window.dock_set.show_panel(ActionId.VOTING)  # what the room does when a vote ends
    assert in_front(window, voting)


def test_closing_a_panel_with_its_close_button_unticks_its_action(window: MainWindow) -> None:
    kpis = window.docks[ActionId.KPIS]
    window.actions_[ActionId.KPIS].setChecked(True)
    kpis.close()
    assert not window.actions_[ActionId.KPIS].isChecked()
    window.actions_[ActionId.KPIS].trigger()
    assert in_front(window, kpis)


def _dock_set_seen(window: MainWindow) -> dict[str, object]:
    return {
        dock.objectName(): (
            dock.isVisible(),
            in_front(window, dock),
            action.isChecked(),
            dock.geometry() if dock.isVisible() else None,  # where it sits, how large
        )
        for dock, action in ((window.docks[a], window.actions_[a]) for a in PANELS)
    }


@pytest.mark.parametrize("front", PANELS[:3])
def test_presenter_mode_gives_the_docks_back_exactly_as_they_were(
    window: MainWindow, front: ActionId
) -> None:
    for wanted in combos():
        if not wanted:
            continue
        open_only(window, wanted)
        if front in wanted:
            window.dock_set.show_panel(front)
        before = _dock_set_seen(window)
        window.actions_[ActionId.PRESENTER].setChecked(True)
        assert not any(dock.isVisible() for dock in window.docks.values()), wanted
        window.actions_[ActionId.PRESENTER].setChecked(False)
        assert _dock_set_seen(window) == before, (wanted, front)


def test_after_presenter_mode_every_panel_still_opens_and_raises(window: MainWindow) -> None:
    window.actions_[ActionId.SIDE_PANEL].setChecked(True)
    window.actions_[ActionId.KPIS].setChecked(True)
    window.actions_[ActionId.PRESENTER].setChecked(True)
    window.actions_[ActionId.PRESENTER].setChecked(False)
    for action_id in (ActionId.SIDE_PANEL, ActionId.VOTING, ActionId.KPIS):
        dock = window.docks[action_id]
        if not in_front(window, dock):
            window.actions_[action_id].trigger()
        assert in_front(window, dock), action_id
