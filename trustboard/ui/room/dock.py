"""The Room panel: the phase phones are in and its options, the cards waiting or hidden,
how many devices are in (never who), the room's lock and PIN, a new link, closing."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from trustboard.document import room_edits
from trustboard.domain.workshop import Layer, Perspective
from trustboard.room.model import Phase, PhaseSettings, Scope
from trustboard.ui.dialogs import button, field
from trustboard.ui.text import cell_label, plain_label, plain_tooltip

if TYPE_CHECKING:
    from trustboard.ui.room.controller import RoomController
    from trustboard.ui.session import Session

_ID = Qt.ItemDataRole.UserRole
PHASES = ((Phase.WRITE, "Write cards"), (Phase.SCORE, "Score"), (Phase.VOTE, "Dot vote"),
          (Phase.CLOSED, "Closed (phones wait)"))  # fmt: skip
SCOPES = ((Scope.CURRENT, "The current cell"), (Scope.ALL, "Every cell"))
LAYERS = ((Layer.AS_IS, "As-is"), (Layer.TO_BE, "To-be"))
PERSPECTIVES = ((Perspective.SELF, "Our view"), (Perspective.CUSTOMER, "Customers' view"))


def _combo(name: str, tip: str, choices: tuple[tuple[object, str], ...]) -> QComboBox:
    box = field(QComboBox(), name, tip)
    for value, label in choices:
        box.addItem(label, value)
    return box


def _select(box: QComboBox, value: object) -> None:
    for i in range(box.count()):
        if box.itemData(i) == value:
            box.setCurrentIndex(i)


class RoomPanel(QWidget):
    def __init__(self, room: RoomController, session: Session, parent: QWidget | None = None):
        super().__init__(parent)
        self.room = room
        self.session = session
        self.setObjectName("roomPanel")
        self.setAccessibleName("Room")
        self.status = plain_label(name="Room status", bold=True)
        self.link = plain_label(name="Join link")
        self.phase = _combo("Phase", "What the phones can do now", PHASES)
        self.scope = _combo("Cells", "Only the board's current cell, or every cell", SCOPES)
        self.layer = _combo("Layer", "Cards and scores from phones go to this layer", LAYERS)
        self.perspective = _combo(
            "Perspective",
            "Whose view the phones score",
            PERSPECTIVES,  # type: ignore[arg-type]
        )
        self.private = field(
            QCheckBox("&Private until revealed"),
            "Private until revealed",
            "Cards from phones wait off the board until you reveal them",
        )
        self.per_person = field(QSpinBox(), "Dots per person", "How many dots each phone gets")
        self.per_person.setRange(1, 99)
        self.per_person.setValue(3)
        self.per_card = field(
            QSpinBox(), "Dots per card", "At most this many of one phone's dots on one card"
        )
        self.per_card.setRange(0, 99)
        self.per_card.setSpecialValueText("No limit")
        self.reveal = button(
            "&Reveal waiting cards", "revealCards", "Put the waiting cards on the board"
        )
        self.hidden = field(QListWidget(), "Hidden cards", "Cards you took off the board")
        self.show_card = button("&Show card", "showCard", "Put the selected hidden card back")
        self.devices = plain_label(name="Devices")
        self.locked = field(
            QCheckBox("&Lock the room"), "Lock the room", "No new phone can join; those in stay"
        )
        self.pin = field(
            QCheckBox("Ask for a &PIN"),
            "Ask for a PIN",
            "New phones must type the PIN shown on screen",
        )
        self.end = button(
            "&End session…",
            "endRoomSession",
            "A new link: the old one stops working on every phone",
        )
        self.close_room = button("&Close the room", "closeRoom", "Stop listening; phones are told")
        self._init_layout()
        self.refresh()
        for box in (self.phase, self.scope, self.layer, self.perspective):
            box.currentIndexChanged.connect(self._settings_changed)
        self.private.toggled.connect(self._settings_changed)
        self.per_person.valueChanged.connect(self._settings_changed)
        self.per_card.valueChanged.connect(self._settings_changed)
        self.reveal.clicked.connect(self.reveal_waiting)
        self.show_card.clicked.connect(self.show_selected)
        self.hidden.itemSelectionChanged.connect(self._update_buttons)
        self.locked.toggled.connect(room.set_locked)
        self.pin.toggled.connect(room.set_pin)
        self.end.clicked.connect(self.end_session)
        self.close_room.clicked.connect(room.close)

    def _init_layout(self) -> None:
        form = QFormLayout()
        form.addRow("P&hase:", self.phase)
        form.addRow("Ce&lls:", self.scope)
        form.addRow("La&yer:", self.layer)
        form.addRow("Pers&pective:", self.perspective)
        form.addRow("", self.private)
        form.addRow("D&ots per person:", self.per_person)
        form.addRow("Dots per &card:", self.per_card)
        hidden_row = QHBoxLayout()
        hidden_row.addWidget(self.show_card)
        hidden_row.addStretch(1)
        ends = QHBoxLayout()
        ends.addWidget(self.end)
        ends.addWidget(self.close_room)
        layout = QVBoxLayout(self)
        layout.addWidget(self.status)
        layout.addWidget(self.link)
        layout.addLayout(form)
        layout.addWidget(self.reveal)
        layout.addWidget(plain_label("Hidden cards:"))
        layout.addWidget(self.hidden, 1)
        layout.addLayout(hidden_row)
        layout.addWidget(self.devices)
        layout.addWidget(self.locked)
        layout.addWidget(self.pin)
        layout.addLayout(ends)

    # -- showing the room ----------------------------------------------------------------

    def refresh(self) -> None:
        logic = self.room.logic
        if logic is None:
            self.setEnabled(False)
            self.status.setText("The room is closed.")
            return
        self.setEnabled(True)
        s = logic.settings
        for box, value in ((self.phase, s.phase), (self.scope, s.scope), (self.layer, s.layer),
                           (self.perspective, s.perspective)):  # fmt: skip
            box.blockSignals(True)
            _select(box, value)
            box.blockSignals(False)
        for spin, n in ((self.per_person, s.per_person), (self.per_card, s.per_card)):
            spin.blockSignals(True)
            spin.setValue(n)
            spin.blockSignals(False)
        for check, on in ((self.private, s.private), (self.locked, logic.locked),
                          (self.pin, bool(logic.pin))):  # fmt: skip
            check.blockSignals(True)
            check.setChecked(on)
            check.blockSignals(False)
        phones = self.room.connected
        self.status.setText(
            f"Room open · {phones:,} phone{'s' * (phones != 1)} connected"
            + (f" · PIN {logic.pin}" if logic.pin else "")
        )
        self.link.setText(self.room.url)
        devices = logic.devices()
        blocked = sum(1 for d in devices if d.blocked)
        self.devices.setText(
            f"{len(devices):,} device{'s' * (len(devices) != 1)} joined this session"
            + (f", {blocked:,} blocked" if blocked else "")
            + ". Devices are counted, never named."
        )
        rnd = self.session.current_round
        waiting = len(room_edits.waiting(rnd))
        self.reveal.setText(f"&Reveal {waiting:,} waiting card{'s' * (waiting != 1)}")
        self.reveal.setAccessibleName("Reveal waiting cards")
        self.reveal.setEnabled(waiting > 0)
        self._fill_hidden()
        voting = s.phase == Phase.VOTE
        self.per_person.setEnabled(not voting)  # the budget is fixed while a vote runs
        self.per_card.setEnabled(not voting)
        self.private.setEnabled(s.phase == Phase.WRITE)
        self.perspective.setEnabled(s.phase == Phase.SCORE)

    def _fill_hidden(self) -> None:
        chosen = {i.data(_ID) for i in self.hidden.selectedItems()}
        self.hidden.clear()
        framework = self.session.framework
        for card in room_edits.hidden(self.session.current_round):
            where = cell_label(framework, card.cell) if card.cell else "Unsorted"
            text = card.text.replace("\n", " ")
            item = QListWidgetItem(f"{text[:80]}{'…' * (len(text) > 80)} — {where}")
            item.setData(_ID, card.id)
            item.setToolTip(plain_tooltip(text[:500]))  # a tooltip would render markup
            self.hidden.addItem(item)
            item.setSelected(card.id in chosen)
        self._update_buttons()

    def _update_buttons(self) -> None:
        self.show_card.setEnabled(bool(self.hidden.selectedItems()))

    # -- the facilitator's moves --------------------------------------------------------------

    def settings(self) -> PhaseSettings:
        return PhaseSettings(
            phase=Phase(self.phase.currentData()),
            scope=Scope(self.scope.currentData()),
            layer=Layer(self.layer.currentData()),
            perspective=Perspective(self.perspective.currentData()),
            private=self.private.isChecked(),
            per_person=self.per_person.value(),
            per_card=self.per_card.value(),
        )

    def _settings_changed(self, *_: object) -> None:
        self.room.set_settings(self.settings())

    def reveal_waiting(self) -> bool:
        return self.session.edit(room_edits.reveal) is not None

    def show_selected(self) -> bool:
        ids = [i.data(_ID) for i in self.hidden.selectedItems()]
        return any([self.session.edit(room_edits.show_card, i) is not None for i in ids])

    def end_session(self) -> None:
        answer = QMessageBox.question(
            self,
            "End the room's session",
            "Every phone's link stops working and the devices are forgotten; the cards, "
            "scores and votes stay. The screen shows a new code to scan. End the session?",
        )
        if answer == QMessageBox.StandardButton.Yes:
            self.room.end_session()
