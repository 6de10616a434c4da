"""Open the room: which network the phones join on, and the phase it opens in."""

from __future__ import annotations

import contextlib
import threading

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from trustboard.i18n import N_, _
from trustboard.ui.dialogs import field
from trustboard.ui.room.addresses import LOOPBACK, RoomAddress, hotspot_help, room_addresses

PHASES = (("write", N_("Write: phones add cards")), ("score", N_("Score: phones give scores")),
          ("vote", N_("Vote: phones place dots")), ("closed", N_("Closed: phones wait")))  # fmt: skip


def warm_up_server() -> None:
    """Import the server on a thread while the facilitator picks, so opening feels instant."""

    def load() -> None:
        with contextlib.suppress(ImportError):  # opening will say what is missing
            import segno  # noqa: F401 - loaded for later

            import trustboard.room.logic
            import trustboard.room.server  # noqa: F401

    threading.Thread(target=load, name="room-warm-up", daemon=True).start()


class OpenRoomDialog(QDialog):
    """Pick the address; with no network phones could reach, say how to start a hotspot."""

    def __init__(self, remembered: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("openRoomDialog")
        self.setWindowTitle(_("Open the room"))
        self.remembered = remembered
        intro = QLabel(
            _(
                "Participants scan the code on the screen and join from their phones' browsers. "
                "Nothing goes to the internet: the phones must be on the same network as this "
                "laptop."
            )
        )
        intro.setWordWrap(True)
        intro.setTextFormat(Qt.TextFormat.PlainText)
        self.address = field(
            QComboBox(),
            "Network",
            _("The network the phones are on (the laptop listens only there)"),
            spoken=_("Network"),
        )
        self.this_computer = field(
            QCheckBox(_("Also offer this computer only (to try the page out)")),
            "Also offer this computer only",
            _(
                "Phones cannot join on this address; it is for trying the page in this laptop's "
                "browser"
            ),
            spoken=_("Also offer this computer only"),
        )
        self.phase = field(
            QComboBox(),
            "Opens in",
            _("What phones can do first; change it any time"),
            spoken=_("Opens in"),
        )
        for value, label in PHASES:
            self.phase.addItem(_(label), value)
        self.help = QLabel()
        self.help.setObjectName("hotspotHelp")
        self.help.setWordWrap(True)
        self.help.setTextFormat(Qt.TextFormat.PlainText)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Open | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        form = QFormLayout()
        form.addRow(_("&Network:"), self.address)
        form.addRow("", self.this_computer)
        form.addRow(_("Opens &in:"), self.phase)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.help)
        layout.addWidget(self.buttons)
        self.this_computer.toggled.connect(self.fill)
        self.fill()
        warm_up_server()

    def fill(self, *_: object) -> None:
        found = room_addresses(loopback=self.this_computer.isChecked())
        usable = [a for a in found if a.kind != LOOPBACK]
        if not usable and not self.this_computer.isChecked():
            found = []  # only this computer: no dead URL unless asked for
        self.address.clear()
        for a in found:
            self.address.addItem(a.label, a)
        for i, a in enumerate(found):
            if a.address == self.remembered:
                self.address.setCurrentIndex(i)
        self.help.setText("" if usable else hotspot_help())
        self.help.setVisible(not usable)
        self.address.setEnabled(bool(found))
        self.buttons.button(QDialogButtonBox.StandardButton.Open).setEnabled(bool(found))

    def chosen(self) -> RoomAddress | None:
        data = self.address.currentData()
        return data if isinstance(data, RoomAddress) else None

    def chosen_phase(self) -> str:
        return str(self.phase.currentData())
