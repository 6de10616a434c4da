"""Help > About: what this is, which version, and that it keeps everything on this computer."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from trustboard import __version__
from trustboard.i18n import N_, _
from trustboard.ui.screen_fit import open_size

ABOUT_TEXT = N_(
    "TrustBoard {version}\n\n"
    "Run trust-assessment workshops with a room: rate each cell of the framework, "
    "collect cards, vote and agree on actions.\n\n"
    "Works offline. Workshops stay in files on this computer; the room's phones "
    "talk only to this computer over your local network, and only while you open the room.\n\n"
    "Free software under the MIT licence."
)


class AboutDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("aboutDialog")
        self.setWindowTitle(_("About TrustBoard"))
        self.text = QLabel(_(ABOUT_TEXT).format(version=__version__))
        self.text.setObjectName("aboutText")
        self.text.setTextFormat(Qt.TextFormat.PlainText)
        self.text.setWordWrap(True)
        self.text.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.text, 1)
        layout.addWidget(buttons)
        open_size(self, 480, 320)
