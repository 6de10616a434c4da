"""The facilitator's agenda: steps with timeboxes, shown in the toolbar and presenter bar;
time's up flashes and chimes (switchable), and the time's-up text fits."""

from __future__ import annotations

import json
import wave
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QProcess, QSize
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import QDialog, QSpinBox, QTableWidgetItem
from pytestqt.qtbot import QtBot

from trustboard.assets import resource
from trustboard.paths import UserPaths
from trustboard.services.settings import Settings
from trustboard.ui import agenda_chime
from trustboard.ui.actions import ActionId
from trustboard.ui.agenda import DEFAULT_STEPS, Agenda, AgendaDialog, AgendaStep
from trustboard.ui.main_window import MainWindow
from trustboard.ui.timer import Timebox, TimerBadge

SCREEN = QSize(1280, 680)  # a 1280×720 projector less a taskbar


@pytest.fixture
def window(qtbot: QtBot, data_dir: UserPaths) -> Iterator[MainWindow]:
    w = MainWindow(data_dir, Settings.load(data_dir))
    w.agenda.player = lambda path: True  # no sound from the test run
    qtbot.addWidget(w)
    w.resize(1280, 680)
    w.show()
    qtbot.waitExposed(w)
    w.open_demo()
    yield w
    window_presenter_off(w)


def window_presenter_off(w: MainWindow) -> None:
    w.actions_[ActionId.PRESENTER].setChecked(False)


def test_the_next_step_sets_the_timebox_and_names_it_in_toolbar_and_presenter_bar(
    qtbot: QtBot, window: MainWindow
) -> None:
    controls = window.agenda_controls
    assert controls.isVisibleTo(window.toolbar)
    assert not controls.previous.isEnabled()
    controls.next.click()
    assert window.timebox.duration_ms == DEFAULT_STEPS[0].minutes * 60_000
    assert window.timebox.title == f"1/{len(DEFAULT_STEPS)} Assess"
    assert window.timer_badge.accessibleName() == f"Timebox — 1/{len(DEFAULT_STEPS)} Assess"
    controls.next.click()
    assert window.timebox.title == f"2/{len(DEFAULT_STEPS)} Reflect"
    assert window.timer_badge.text == f"{DEFAULT_STEPS[1].minutes}:00"
    window.actions_[ActionId.PRESENTER].setChecked(True)
    bar = window.presenter.bar
    assert bar is not None and bar.timer.timebox.title.endswith("Reflect")
    # Shown large enough to be read from the back of the room.
    assert bar.timer.title_font().pixelSize() >= 18
    assert bar.timer.label_font().pixelSize() >= 36


def test_previous_and_next_stop_at_the_ends_of_the_agenda(window: MainWindow) -> None:
    controls = window.agenda_controls
    for _ in range(len(DEFAULT_STEPS) + 2):
        if controls.next.isEnabled():
            controls.next.click()
    assert window.agenda.current == DEFAULT_STEPS[-1]
    assert not controls.next.isEnabled() and controls.previous.isEnabled()
    window.agenda.next_step()
    assert window.agenda.current == DEFAULT_STEPS[-1]
    controls.previous.click()
    assert window.agenda.current == DEFAULT_STEPS[-2]


def _expire(qtbot: QtBot, box: Timebox) -> None:
    box.set_minutes(0.01)  # 600 ms
    with qtbot.waitSignal(box.expired, timeout=3000):
        box.start()


def test_time_up_plays_our_chime_unless_the_switch_is_off(
    qtbot: QtBot, data_dir: UserPaths
) -> None:
    played: list[Path] = []
    settings = Settings.load(data_dir)
    assert settings.time_up_chime  # on by default
    box = Timebox(10)
    agenda = Agenda(box, settings, player=lambda p: played.append(p) is None)
    _expire(qtbot, box)
    assert played == [resource("sounds/chime.wav")]
    agenda.set_chime(False)
    assert Settings.load(data_dir).time_up_chime is False
    _expire(qtbot, box)
    assert len(played) == 1


def test_the_chime_switch_in_the_agenda_menu_is_remembered(window: MainWindow) -> None:
    action = window.agenda_controls.chime_action
    assert action.isChecked()
    action.setChecked(False)
    assert Settings.load(window.paths).time_up_chime is False
    action.setChecked(True)
    assert Settings.load(window.paths).time_up_chime is True


def test_without_a_sound_device_the_timer_still_flashes(qtbot: QtBot, data_dir: UserPaths) -> None:
    box = Timebox(10)
    badge = TimerBadge(box)
    qtbot.addWidget(badge)
    agenda = Agenda(box, Settings.load(data_dir), player=lambda p: False)
    _expire(qtbot, box)
    assert agenda.last_chime_played is False
    assert badge.flashing


def test_no_installed_player_means_silence_not_an_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(agenda_chime.sys, "platform", "linux")
    monkeypatch.setattr(agenda_chime.shutil, "which", lambda name: None)
    assert agenda_chime.play_chime() is False


def test_the_chime_starts_detached_with_the_first_installed_player(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    started: list[tuple[str, list[str]]] = []
    monkeypatch.setattr(agenda_chime.sys, "platform", "linux")
    monkeypatch.setattr(
        agenda_chime.shutil, "which", lambda name: f"/usr/bin/{name}" if name == "aplay" else None
    )

    def fake_start(program: str, args: list[str]) -> tuple[bool, int]:
        started.append((program, args))
        return True, 1

    monkeypatch.setattr(QProcess, "startDetached", fake_start)
    assert agenda_chime.play_chime() is True
    assert started == [("/usr/bin/aplay", ["-q", str(resource("sounds/chime.wav"))])]


def test_the_chime_is_a_short_wav_of_our_own() -> None:
    with wave.open(str(resource("sounds/chime.wav")), "rb") as w:
        seconds = w.getnframes() / w.getframerate()
        assert w.getnchannels() == 1 and w.getsampwidth() == 2
    assert 0.3 <= seconds <= 2.0


def _full_size_fits(badge: TimerBadge) -> bool:
    font = QFont(badge.font())
    font.setPixelSize(badge.pixel_size)
    font.setBold(True)
    return QFontMetrics(font).horizontalAdvance(badge.label()) <= badge.width()


def test_the_times_up_text_fits_the_toolbar(qtbot: QtBot, window: MainWindow) -> None:
    badge = window.timer_badge
    window.timebox.set_minutes(1)
    badge.start_flash()
    window.timebox.ticked.emit(-65)
    assert badge.label() == "Time's up −1:05"
    assert _full_size_fits(badge), (badge.width(), badge.label())


def test_a_squeezed_timer_shrinks_its_text_instead_of_cutting_it(qtbot: QtBot) -> None:
    box = Timebox(10)
    box.set_title("3/5 To-be cards and a long step name")
    badge = TimerBadge(box)
    qtbot.addWidget(badge)
    badge.setFixedSize(150, 56)
    badge.start_flash()
    room = badge.width()
    assert QFontMetrics(badge.label_font()).horizontalAdvance(badge.label()) <= room
    assert QFontMetrics(badge.title_font()).horizontalAdvance(box.title) <= room


def test_the_agenda_dialog_edits_the_steps_and_fits_720(qtbot: QtBot, window: MainWindow) -> None:
    window.agenda.go_to(1)
    dialog = AgendaDialog(window.agenda.steps, window)
    qtbot.addWidget(dialog)
    assert dialog.width() <= SCREEN.width() and dialog.height() <= SCREEN.height()
    dialog.add_button.click()
    last = dialog.table.rowCount() - 1
    dialog.table.setItem(last, 0, QTableWidgetItem("  Our own   check-in "))
    spin = dialog.table.cellWidget(last, 1)
    assert isinstance(spin, QSpinBox)
    spin.setValue(7)
    dialog.table.setItem(0, 0, QTableWidgetItem("   "))  # a blank step is left out
    steps = dialog.steps()
    assert steps[-1] == AgendaStep("Our own check-in", 7)
    assert len(steps) == len(DEFAULT_STEPS)
    dialog.done(QDialog.DialogCode.Accepted)
    window.agenda.set_steps(steps)
    assert window.timebox.title == f"2/{len(steps)} To-be"


def test_the_chime_setting_falls_back_to_on_when_the_file_is_wrong(data_dir: UserPaths) -> None:
    path = data_dir.settings_file
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps({"format": "trustboard-settings", "time_up_chime": "yes"}))
    assert Settings.load(data_dir).time_up_chime is True
