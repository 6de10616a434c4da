"""The facilitator's agenda: the workshop's steps, each with its own timebox.

The current step names the timebox ("2/5 Reflect"), so the toolbar timer and the presenter
bar both show where the workshop is. Next and previous move between steps and set the
timebox to the step's minutes. When time is up the timer flashes and, unless switched off,
a short chime plays (see agenda_chime).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMenu,
    QPushButton,
    QSizePolicy,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from trustboard.i18n import N_, _
from trustboard.services.settings import TIMER_RANGE, Settings
from trustboard.ui.agenda_chime import Player, play_chime, play_wav
from trustboard.ui.timer import Timebox, TimerBadge

MAX_STEPS = 20
MAX_STEP_NAME = 40


@dataclass(frozen=True)
class AgendaStep:
    name: str
    minutes: int


DEFAULT_STEPS: tuple[AgendaStep, ...] = (
    # Translators: the default agenda's steps, short: they show in the toolbar's timebox
    AgendaStep(N_("Assess"), 20),
    AgendaStep(N_("Reflect"), 10),
    # Translators: the agenda step where the room describes where they want to be
    AgendaStep(N_("To-be"), 15),
    AgendaStep(N_("Vote"), 10),
    AgendaStep(N_("Actions"), 15),
)


def default_steps() -> list[AgendaStep]:
    """The default agenda in the interface language."""
    return [AgendaStep(_(step.name), step.minutes) for step in DEFAULT_STEPS]


def clean_steps(steps: list[AgendaStep]) -> list[AgendaStep]:
    """Steps with a name, minutes within the timebox's range, at most MAX_STEPS."""
    low, high = TIMER_RANGE
    kept = []
    for step in steps:
        name = " ".join(step.name.split())[:MAX_STEP_NAME]
        if name:
            kept.append(AgendaStep(name, min(max(step.minutes, low), high)))
    return kept[:MAX_STEPS]


class Agenda(QObject):
    """The steps and the current one, driving the timebox; chimes when its time is up."""

    changed = Signal()

    def __init__(
        self,
        timebox: Timebox,
        settings: Settings,
        parent: QObject | None = None,
        player: Player = play_wav,
    ) -> None:
        super().__init__(parent)
        self.timebox = timebox
        self.settings = settings
        self.player = player
        self.steps: list[AgendaStep] = default_steps()
        self.index = -1  # -1: no step chosen yet; the timebox keeps its own minutes
        self.last_chime_played: bool | None = None
        timebox.expired.connect(self._on_expired)

    @property
    def current(self) -> AgendaStep | None:
        return self.steps[self.index] if 0 <= self.index < len(self.steps) else None

    def go_to(self, index: int) -> None:
        if not self.steps:
            return
        self.index = min(max(index, 0), len(self.steps) - 1)
        step = self.steps[self.index]
        self.timebox.set_minutes(step.minutes)
        # Translators: the agenda step shown in the timebox, e.g. "2/5 Reflect"
        title = _("{number}/{count} {step}").format(
            number=self.index + 1, count=len(self.steps), step=step.name
        )
        self.timebox.set_title(title)
        self.changed.emit()

    def next_step(self) -> None:
        self.go_to(self.index + 1)

    def previous_step(self) -> None:
        self.go_to(self.index - 1 if self.index > 0 else 0)

    def set_steps(self, steps: list[AgendaStep]) -> None:
        self.steps = clean_steps(steps)
        if not self.steps:
            self.index = -1
            self.timebox.set_title("")
            self.changed.emit()
        elif self.index >= 0:
            self.go_to(min(self.index, len(self.steps) - 1))
        else:
            self.changed.emit()

    def set_chime(self, on: bool) -> None:
        self.settings.time_up_chime = on
        self.settings.save()

    def _on_expired(self) -> None:
        if self.settings.time_up_chime:
            self.last_chime_played = play_chime(self.player)


class AgendaControls(QWidget):
    """Toolbar buttons: previous step, next step, and a menu to edit the agenda and the chime."""

    def __init__(self, agenda: Agenda, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.agenda = agenda
        self.setObjectName("agendaControls")
        self.setAccessibleName(_("Agenda"))
        self.previous = QToolButton(self)
        self.previous.setText("◀")
        self.previous.setToolTip(_("Previous agenda step (sets the timebox to its minutes)"))
        self.previous.setAccessibleName(_("Previous agenda step"))
        self.previous.clicked.connect(agenda.previous_step)
        self.next = QToolButton(self)
        self.next.setText("▶")
        self.next.setToolTip(_("Next agenda step (sets the timebox to its minutes)"))
        self.next.setAccessibleName(_("Next agenda step"))
        self.next.clicked.connect(agenda.next_step)
        self.menu_button = QToolButton(self)
        self.menu_button.setText(_("Agenda"))
        self.menu_button.setAccessibleName(_("Agenda menu"))
        self.menu_button.setToolTip(
            _("Edit the agenda's steps; switch the time's-up chime on or off")
        )
        self.menu_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        menu = QMenu(self.menu_button)
        self.edit_action = QAction(_("&Edit agenda…"), menu)
        self.edit_action.triggered.connect(self.edit)
        self.chime_action = QAction(_("&Chime when time is up"), menu)
        self.chime_action.setCheckable(True)
        self.chime_action.setChecked(agenda.settings.time_up_chime)
        self.chime_action.toggled.connect(agenda.set_chime)
        menu.addAction(self.edit_action)
        menu.addAction(self.chime_action)
        self.menu_button.setMenu(menu)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(2, 0, 2, 0)
        layout.setSpacing(2)
        for button in (self.previous, self.next, self.menu_button):
            layout.addWidget(button)
        agenda.changed.connect(self._refresh)
        self._refresh()

    def _refresh(self) -> None:
        a = self.agenda
        self.previous.setEnabled(a.index > 0)
        self.next.setEnabled(bool(a.steps) and a.index < len(a.steps) - 1)

    def edit(self) -> None:
        dialog = AgendaDialog(self.agenda.steps, self.window())
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.agenda.set_steps(dialog.steps())


class AgendaHost(Protocol):
    timebox: Timebox
    settings: Settings
    agenda: Agenda
    agenda_controls: AgendaControls
    timer_badge: TimerBadge


def add_agenda(window: AgendaHost) -> QWidget:
    """Give the window its agenda, timer badge and agenda buttons; the toolbar's strip."""
    window.agenda = Agenda(window.timebox, window.settings, window.timebox)
    window.timer_badge = TimerBadge(window.timebox)
    window.agenda_controls = AgendaControls(window.agenda)
    return timebox_strip(window.timer_badge, window.agenda_controls)


def timebox_strip(badge: QWidget, controls: AgendaControls) -> QWidget:
    """The toolbar's timer with the agenda's buttons beside it, as one toolbar item."""
    strip = QWidget()
    strip.setObjectName("timeboxStrip")
    strip.setSizePolicy(QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Preferred)
    layout = QHBoxLayout(strip)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(2)
    layout.addWidget(badge)
    layout.addWidget(controls)
    return strip


class AgendaDialog(QDialog):
    """The steps as a small table: name and minutes; add, remove, move up and down."""

    def __init__(self, steps: list[AgendaStep], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Agenda"))
        self.setObjectName("agendaDialog")
        self.table = QTableWidget(0, 2, self)
        self.table.setHorizontalHeaderLabels([_("Step"), _("Minutes")])
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setAccessibleName(_("Agenda steps"))
        for step in steps:
            self._append(step)
        add = QPushButton(_("&Add step"))
        add.clicked.connect(lambda: self._append(AgendaStep(_("New step"), 10)))
        remove = QPushButton(_("&Remove step"))
        remove.clicked.connect(self._remove)
        up = QPushButton(_("Move &up"))
        up.clicked.connect(lambda: self._move(-1))
        down = QPushButton(_("Move &down"))
        down.clicked.connect(lambda: self._move(1))
        self.add_button = add
        row = QHBoxLayout()
        for button in (add, remove, up, down):
            row.addWidget(button)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(_("The workshop's steps, each with its timebox:")))
        layout.addWidget(self.table)
        layout.addLayout(row)
        layout.addWidget(buttons)
        self.resize(520, 420)

    def _append(self, step: AgendaStep) -> None:
        if self.table.rowCount() >= MAX_STEPS:
            return
        row = self.table.rowCount()
        self.table.insertRow(row)
        self._set_row(row, step)

    def _set_row(self, row: int, step: AgendaStep) -> None:
        self.table.setItem(row, 0, QTableWidgetItem(step.name))
        spin = QSpinBox()
        spin.setRange(*TIMER_RANGE)
        spin.setValue(step.minutes)
        # Translators: after the minutes of an agenda step, with its leading space
        spin.setSuffix(_(" min"))
        spin.setAccessibleName(_("Minutes"))
        self.table.setCellWidget(row, 1, spin)

    def _remove(self) -> None:
        row = self.table.currentRow()
        if row >= 0:
            self.table.removeRow(row)

    def _move(self, delta: int) -> None:
        row = self.table.currentRow()
        target = row + delta
        if row < 0 or not 0 <= target < self.table.rowCount():
            return
        steps = self.steps_with_blanks()
        steps[row], steps[target] = steps[target], steps[row]
        for i in (row, target):
            self._set_row(i, steps[i])
        self.table.setCurrentCell(target, 0)

    def steps_with_blanks(self) -> list[AgendaStep]:
        out = []
        for row in range(self.table.rowCount()):
            item = self.table.item(row, 0)
            spin = self.table.cellWidget(row, 1)
            minutes = spin.value() if isinstance(spin, QSpinBox) else 10
            out.append(AgendaStep(item.text() if item else "", minutes))
        return out

    def steps(self) -> list[AgendaStep]:
        return clean_steps(self.steps_with_blanks())
