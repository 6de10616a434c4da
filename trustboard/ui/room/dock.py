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
from trustboard.i18n import _, format_number, ngettext, pgettext
from trustboard.room.model import Phase, PhaseSettings, Scope
from trustboard.ui.dialogs import button, field
from trustboard.ui.text import UNSORTED, cell_label, plain_label, plain_tooltip

if TYPE_CHECKING:
    from trustboard.ui.room.controller import RoomController
    from trustboard.ui.session import Session

_ID = Qt.ItemDataRole.UserRole


def phases() -> tuple[tuple[object, str], ...]:
    """The phases of the room as the facilitator picks them."""
    return (
        (Phase.WRITE, _("Write cards")),
        # Translators: the room's phase in which phones give scores (a verb).
        (Phase.SCORE, pgettext("room phase", "Score")),
        (Phase.VOTE, _("Dot vote")),
        (Phase.CLOSED, _("Closed (phones wait)")),
    )


def scopes() -> tuple[tuple[object, str], ...]:
    return ((Scope.CURRENT, _("The current cell")), (Scope.ALL, _("Every cell")))


def layers() -> tuple[tuple[object, str], ...]:
    return ((Layer.AS_IS, _("As-is")), (Layer.TO_BE, _("To-be")))


def perspectives() -> tuple[tuple[object, str], ...]:
    return ((Perspective.SELF, _("Our view")), (Perspective.CUSTOMER, _("Customers' view")))


def _combo(name: str, spoken: str, tip: str, choices: tuple[tuple[object, str], ...]) -> QComboBox:
    box = field(QComboBox(), name, tip, spoken=spoken)
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
        self.setAccessibleName(_("Room"))
        self.status = plain_label(name="Room status", bold=True)
        self.link = plain_label(name="Join link")
        self.phase = _combo("Phase", _("Phase"), _("What the phones can do now"), phases())
        self.scope = _combo(
            "Cells", _("Cells"), _("Only the board's current cell, or every cell"), scopes()
        )
        self.layer = _combo(
            "Layer", _("Layer"), _("Cards and scores from phones go to this layer"), layers()
        )
        self.perspective = _combo(
            "Perspective", _("Perspective"), _("Whose view the phones score"), perspectives()
        )
        self.private = field(
            QCheckBox(_("&Private until revealed")),
            "Private until revealed",
            _("Cards from phones wait off the board until you reveal them"),
            spoken=_("Private until revealed"),
        )
        self.per_person = field(
            QSpinBox(),
            "Dots per person",
            _("How many dots each phone gets"),
            spoken=_("Dots per person"),
        )
        self.per_person.setRange(1, 99)
        self.per_person.setValue(3)
        self.per_card = field(
            QSpinBox(),
            "Dots per card",
            _("At most this many of one phone's dots on one card"),
            spoken=_("Dots per card"),
        )
        self.per_card.setRange(0, 99)
        self.per_card.setSpecialValueText(_("No limit"))
        self.reveal = button(
            _("&Reveal waiting cards"), "revealCards", _("Put the waiting cards on the board")
        )
        self.hidden = field(
            QListWidget(),
            "Hidden cards",
            _("Cards you took off the board"),
            spoken=_("Hidden cards"),
        )
        self.show_card = button(_("&Show card"), "showCard", _("Put the selected hidden card back"))
        self.devices = plain_label(name="Devices")
        self.locked = field(
            QCheckBox(_("&Lock the room")),
            "Lock the room",
            _("No new phone can join; those in stay"),
            spoken=_("Lock the room"),
        )
        self.pin = field(
            QCheckBox(_("Ask for a &PIN")),
            "Ask for a PIN",
            _("New phones must type the PIN shown on screen"),
            spoken=_("Ask for a PIN"),
        )
        self.end = button(
            _("&End session…"),
            "endRoomSession",
            _("A new link: the old one stops working on every phone"),
        )
        self.close_room = button(
            _("&Close the room"), "closeRoom", _("Stop listening; phones are told")
        )
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
        form.addRow(_("P&hase:"), self.phase)
        form.addRow(_("Ce&lls:"), self.scope)
        form.addRow(_("La&yer:"), self.layer)
        form.addRow(_("Pers&pective:"), self.perspective)
        form.addRow("", self.private)
        form.addRow(_("D&ots per person:"), self.per_person)
        form.addRow(_("Dots per &card:"), self.per_card)
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
        layout.addWidget(plain_label(_("Hidden cards:")))
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
            self.status.setText(_("The room is closed."))
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
        status = ngettext(
            "Room open · {n} phone connected", "Room open · {n} phones connected", phones
        ).format(n=format_number(phones))
        if logic.pin:
            status += " · " + _("PIN {pin}").format(pin=logic.pin)
        self.status.setText(status)
        self.link.setText(self.room.url)
        devices = logic.devices()
        blocked = sum(1 for d in devices if d.blocked)
        joined = ngettext(
            "{n} device joined this session", "{n} devices joined this session", len(devices)
        ).format(n=format_number(len(devices)))
        if blocked:
            joined = ngettext("{joined}, {n} blocked", "{joined}, {n} blocked", blocked).format(
                joined=joined, n=format_number(blocked)
            )
        self.devices.setText(_("{joined}. Devices are counted, never named.").format(joined=joined))
        rnd = self.session.current_round
        waiting = len(room_edits.waiting(rnd))
        self.reveal.setText(
            ngettext("&Reveal {n} waiting card", "&Reveal {n} waiting cards", waiting).format(
                n=format_number(waiting)
            )
        )
        self.reveal.setAccessibleName(_("Reveal waiting cards"))
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
            where = cell_label(framework, card.cell) if card.cell else _(UNSORTED)
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
            _("End the room's session"),
            _(
                "Every phone's link stops working and the devices are forgotten; the cards, "
                "scores and votes stay. The screen shows a new code to scan. End the session?"
            ),
        )
        if answer == QMessageBox.StandardButton.Yes:
            self.room.end_session()
