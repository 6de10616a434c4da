"""Card kinds, the timebox, shortcuts and accessible names: the window as a desktop app."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from trustboard.paths import UserPaths
from trustboard.services.settings import Settings
from trustboard.store import WorkshopFile
from trustboard.ui.actions import SPECS, ActionId
from trustboard.ui.main_window import MainWindow
from trustboard.ui.timer import Timebox, TimerBadge, format_seconds

CI = ("competence", "individuals")


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


def test_alt_digit_changes_the_kind_of_the_selected_cards_in_one_step(
    qtbot: QtBot, window: MainWindow
) -> None:
    session, scene, view = window.session, window.scene, window.view
    assert session and scene and view
    ids = [session.add_card(CI, f"card {i}") for i in range(2)]
    scene.clearSelection()
    for card_id in ids:
        scene.cards[card_id].setSelected(True)
    view.setFocus()
    kinds = [k.id for k in session.framework.card_kinds]
    qtbot.keyClick(view.viewport(), Qt.Key.Key_4, Qt.KeyboardModifier.AltModifier)
    assert {session.round.cards[i].kind for i in ids} == {kinds[3]}
    colour = scene.cards[ids[0]].colour.name()
    assert colour == session.framework.card_kind(kinds[3]).colour.lower()
    window.menus.fill_kinds()
    checked = [a.data() for a in window.menus.kind_menu.actions() if a.isChecked()]
    assert checked == [kinds[3]]
    session.undo_stack.undo()
    assert {session.round.cards[i].kind for i in ids} == {"evidence"}
    session.file.flush()
    with WorkshopFile.open(session.file.path, read_only=True) as wf:
        assert wf.workshop.current_round.cards[ids[0]].kind == "evidence"


def test_every_action_has_a_name_a_tooltip_and_its_shortcut(window: MainWindow) -> None:
    for action_id, action in window.actions_.items():
        assert action.objectName() == f"action_{action_id.value}"
        if action_id not in (ActionId.UNDO, ActionId.REDO):  # those say what they undo
            assert action.toolTip() == SPECS[action_id].tip
        assert action.toolTip() and not action.toolTip().endswith("…")
    assert window.actions_[ActionId.UNDO].shortcut().toString() == "Ctrl+Z"
    assert window.actions_[ActionId.PRESENTER].shortcut().toString() == "F5"
    assert window.actions_[ActionId.FIT_ALL].shortcut().toString() == "Ctrl+0"
    sequences = [s.toString() for a in window.actions_.values() for s in a.shortcuts()]
    assert len(sequences) == len(set(sequences)), "two actions share a shortcut"


def test_every_control_in_the_window_has_a_name_and_a_tooltip(
    window: MainWindow, unnamed_controls: Callable[[QWidget], list[str]]
) -> None:
    assert unnamed_controls(window) == []


def test_timebox_counts_down_pauses_and_flashes_at_the_end(qtbot: QtBot) -> None:
    box = Timebox(minutes=0.01)  # 600 ms
    badge = TimerBadge(box)
    qtbot.addWidget(badge)
    assert badge.text == "0:01"
    with qtbot.waitSignal(box.running_changed, timeout=1000):
        box.start()
    assert box.running
    with qtbot.waitSignal(box.expired, timeout=3000):
        pass
    assert badge.flashing
    assert badge.text.startswith("0:00") or badge.text.startswith("−")
    box.reset()
    assert not box.running and not badge.flashing
    assert box.remaining_s() == 1
    box.start()
    box.pause()
    elapsed = box.elapsed_ms()
    assert box.elapsed_ms() == elapsed  # paused: the clock stands still


def test_format_seconds() -> None:
    assert format_seconds(600) == "10:00"
    assert format_seconds(61) == "1:01"
    assert format_seconds(-5) == "−0:05"


def test_timer_keys_and_set_timebox(qtbot: QtBot, window: MainWindow) -> None:
    window.tools.set_timebox(7)
    assert window.timer_badge.text == "7:00"
    assert Settings.load(window.paths).timer_minutes == 7
    window.actions_[ActionId.TIMER_TOGGLE].trigger()
    assert window.timebox.running
    window.actions_[ActionId.TIMER_TOGGLE].trigger()
    assert not window.timebox.running
    window.actions_[ActionId.TIMER_RESET].trigger()
    assert window.timebox.remaining_s() == 7 * 60


def test_charts_rounds_and_kpis_are_reachable_from_the_menus(
    qtbot: QtBot, window: MainWindow
) -> None:
    session = window.session
    assert session is not None
    window.actions_[ActionId.CHARTS].trigger()
    assert window.tools.charts_window is not None and window.tools.charts_window.isVisible()
    window.actions_[ActionId.KPIS].setChecked(True)
    assert window.docks[ActionId.KPIS].isVisible()
    assert not window.actions_[ActionId.CURRENT_ROUND].isEnabled()
    earlier = session.workshop.rounds[0]
    session.add_card(CI, "undoable")
    assert window.actions_[ActionId.UNDO].isEnabled()
    session.set_viewed_round(earlier.id)
    assert session.browsing and session.read_only
    assert "read-only" in window.windowTitle()
    assert window.actions_[ActionId.CURRENT_ROUND].isEnabled()
    assert not window.actions_[ActionId.UNDO].isEnabled()  # undo acts on the current round
    assert not window.actions_[ActionId.ADD_CARD].isEnabled()
    assert window.actions_[ActionId.NEW_ROUND].isEnabled()
    window.actions_[ActionId.CURRENT_ROUND].trigger()
    assert not session.browsing
    assert window.actions_[ActionId.UNDO].isEnabled()
    window.close_workshop()
    assert window.tools.charts_window is None


def test_the_timebox_can_restart_at_each_cell(window: MainWindow) -> None:
    session = window.session
    assert session is not None
    window.tools.set_timebox(5)
    session.step_cell(+1)
    assert not window.timebox.running  # off by default: one timebox for a whole step
    window.actions_[ActionId.TIMER_PER_CELL].setChecked(True)
    session.step_cell(+1)
    assert window.timebox.running
    assert window.timebox.remaining_s() == 5 * 60


def test_authors_can_be_hidden_on_the_projector(qtbot: QtBot, window: MainWindow) -> None:
    scene = window.scene
    assert scene is not None
    window.actions_[ActionId.PRESENT_ANONYMOUS].setChecked(True)
    assert Settings.load(window.paths).anonymous_presenter
    assert all(item.show_author for item in scene.cards.values())  # not presenting yet
    window.actions_[ActionId.PRESENTER].setChecked(True)
    assert not any(item.show_author for item in scene.cards.values())
    window.actions_[ActionId.PRESENT_ANONYMOUS].setChecked(False)
    assert all(item.show_author for item in scene.cards.values())
    window.actions_[ActionId.PRESENTER].setChecked(False)


def test_the_charts_load_in_the_background_without_blocking(
    qtbot: QtBot, window: MainWindow
) -> None:
    import sys

    window.tools.preload_charts()
    thread = window.tools.preload_thread
    if thread is None:
        return  # another test in this process loaded them already: nothing to do
    assert thread is not None and thread.daemon
    qtbot.waitUntil(lambda: not thread.is_alive(), timeout=20_000)
    assert "pyqtgraph" in sys.modules
    window.actions_[ActionId.CHARTS].trigger()
    assert window.tools.charts_window is not None and window.tools.charts_window.isVisible()


def test_presenter_mode_opens_on_the_current_cell_in_large_type_and_restores_after(
    qtbot: QtBot, window: MainWindow
) -> None:
    session, view, scene = window.session, window.view, window.scene
    assert session and view and scene
    session.set_current_cell(CI)
    view.fit_all()
    overview = view.zoom
    window.actions_[ActionId.PRESENTER].setChecked(True)
    cell = view.mapFromScene(scene.cells[CI].rect).boundingRect()
    assert view.zoom > overview * 1.5
    assert cell.width() > view.viewport().width() * 0.6  # the cell fills the screen
    qtbot.keyClick(view, Qt.Key.Key_Escape)
    assert view.zoom == pytest.approx(overview, rel=0.35)  # the whole grid again


def test_escape_closes_the_charts_window(qtbot: QtBot, window: MainWindow) -> None:
    window.actions_[ActionId.CHARTS].trigger()
    charts = window.tools.charts_window
    assert charts is not None and charts.isVisible()
    qtbot.keyClick(charts, Qt.Key.Key_Escape)
    assert not charts.isVisible()


def test_high_contrast_is_remembered(qtbot: QtBot, window: MainWindow, data_dir: UserPaths) -> None:
    from trustboard.ui.theme import HIGH_CONTRAST

    window.actions_[ActionId.HIGH_CONTRAST].setChecked(True)
    assert window.scene is not None and window.scene.theme is HIGH_CONTRAST
    again = MainWindow(data_dir, Settings.load(data_dir))
    qtbot.addWidget(again)
    assert again.actions_[ActionId.HIGH_CONTRAST].isChecked()
    # Reopened with it on, the window's own widgets are black on white at once too.
    assert again.palette().color(QPalette.ColorRole.Window) == QColor("#ffffff")
    window.actions_[ActionId.HIGH_CONTRAST].setChecked(False)
    assert Settings.load(data_dir).theme == "system"


def test_high_contrast_turns_the_panels_light_on_a_dark_desktop(
    qtbot: QtBot, window: MainWindow
) -> None:
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance()
    assert isinstance(app, QApplication)
    system = app.palette()
    dark = QPalette(QColor("#2b2b2b"))
    dark.setColor(QPalette.ColorRole.WindowText, QColor("#eeeeee"))
    dark.setColor(QPalette.ColorRole.Base, QColor("#1e1e1e"))
    dark.setColor(QPalette.ColorRole.Text, QColor("#eeeeee"))
    app.setPalette(dark)
    try:
        panel = window.cell_panel
        assert panel is not None
        role = QPalette.ColorRole

        def colours(widget: QWidget) -> tuple[str, str, str]:
            p = widget.palette()
            return (
                p.color(role.Window).name(),
                p.color(role.Base).name(),
                p.color(role.Text).name(),
            )

        desktop = ("#2b2b2b", "#1e1e1e", "#eeeeee")
        qtbot.waitUntil(lambda: colours(panel) == desktop)  # the desktop turned dark
        window.actions_[ActionId.HIGH_CONTRAST].setChecked(True)
        for widget in (panel, window.start_page, window.toolbar, window.docks[ActionId.ACTIONS]):
            assert colours(widget) == ("#ffffff", "#ffffff", "#000000"), widget.objectName()
        window.actions_[ActionId.HIGH_CONTRAST].setChecked(False)
        qtbot.waitUntil(lambda: colours(panel) == desktop)  # back to the desktop's
    finally:
        app.setPalette(system)


def test_an_earlier_round_on_the_board_is_announced_where_it_cannot_scroll_away(
    window: MainWindow,
) -> None:
    session, view = window.session, window.view
    assert session is not None and view is not None
    assert view.banner.isHidden()
    session.set_viewed_round(session.workshop.rounds[0].id)
    assert not view.banner.isHidden()
    assert view.banner.text() == f"Earlier round: {session.workshop.rounds[0].label} — read-only"
    view.verticalScrollBar().setValue(view.verticalScrollBar().maximum())
    assert view.banner.geometry().top() < 20  # pinned to the top of the board, not the scene
    session.set_viewed_round(None)
    assert view.banner.isHidden()


def test_presenter_high_contrast_draws_the_bar_black_on_white(window: MainWindow) -> None:
    window.settings.presenter_high_contrast = True
    window.actions_[ActionId.PRESENTER].setChecked(True)
    try:
        bar = window.presenter.bar
        assert bar is not None and bar.isVisible()
        assert bar.palette().color(QPalette.ColorRole.Window) == QColor("#ffffff")
        assert bar.heading.palette().color(QPalette.ColorRole.WindowText) == QColor("#000000")
    finally:
        window.actions_[ActionId.PRESENTER].setChecked(False)
    assert window.presenter.bar is None
