"""Side panels next to the board, and the projector-sized plain-text helpers they share."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QLabel, QWidget

# Read from the back of a meeting room: titles and body text a projector still shows.
TITLE_PX = 22
HEADING_PX = 18
BODY_PX = 15
CAPTION_PX = 14


def set_pixel_size(widget: QWidget, px: int, *, bold: bool = False) -> None:
    font = QFont(widget.font())
    font.setPixelSize(px)
    font.setBold(bold)
    widget.setFont(font)


def plain_label(text: str = "", px: int = BODY_PX, *, bold: bool = False,
                name: str = "") -> QLabel:  # fmt: skip
    """A word-wrapped label that shows `<b>&` and any script literally, never as markup."""
    label = QLabel()
    # Auto-detected rich text would turn a typed `<b>` into bold and eat the `&`.
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    label.setText(text)
    set_pixel_size(label, px, bold=bold)
    if name:
        label.setObjectName(name)
    return label
