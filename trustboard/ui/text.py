"""Showing people's text safely and large: plain-text labels, literal tooltips, type sizes.

Qt renders a tooltip, a message box or an auto-format label as HTML when the text looks
like markup, and pyqtgraph labels always do: a card reading `<img src=...><h1>` would show
a local picture and a fake heading. Text that people (or a file) wrote reaches such a
widget only through `plain_label`, `plain_tooltip`, `literal_text` or `html_text`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtGui import Qt as GuiQt  # Qt.mightBeRichText is declared in QtGui
from PySide6.QtWidgets import QLabel, QWidget

from trustboard.i18n import N_, _

if TYPE_CHECKING:
    from trustboard.domain.framework import Cell, Framework

# Read from the back of a meeting room: titles and body text a projector still shows.
TITLE_PX = 22
HEADING_PX = 18
BODY_PX = 15
UNSORTED = N_("Unsorted")  # shown as _(UNSORTED)
CAPTION_PX = 14


def set_pixel_size(widget: QWidget, px: int, *, bold: bool = False) -> None:
    font = QFont(widget.font())
    font.setPixelSize(px)
    font.setBold(bold)
    widget.setFont(font)


def plain_label(
    text: str = "", px: int | None = None, *, bold: bool = False, wrap: bool = True, name: str = ""
) -> QLabel:
    """A label that shows `<b>&` and any script literally, never as markup."""
    label = QLabel()
    # Auto-detected rich text would turn a typed `<b>` into bold and eat the `&`.
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(wrap)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    label.setText(text)
    if px is not None or bold:
        set_pixel_size(label, px or BODY_PX, bold=bold)
    if name:
        label.setObjectName(name)
        label.setAccessibleName(name)
    return label


def html_text(text: str) -> str:
    """`text` escaped for a place that always reads HTML (pyqtgraph titles, axis labels,
    legends): it shows as typed."""
    # Escaped by hand: the html module costs ms at start-up, and text content only needs
    # these three (quotes matter inside attributes, which we never write).
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def plain_tooltip(text: str) -> str:
    """A tooltip that shows `text` literally and wraps when long: Qt would otherwise guess
    `<b>&` is markup, and keeps a plain tooltip on one line however long it is."""
    return "<p>" + html_text(text).replace("\n", "<br>") + "</p>"


def literal_text(text: str) -> str:
    """`text` for a widget that guesses whether it is markup (a short tooltip, a message
    box's text): unchanged when Qt would show it as plain text anyway, else escaped."""
    return plain_tooltip(text) if GuiQt.mightBeRichText(text) else text


def mnemonic_safe(text: str) -> str:
    """Text for a button, group box or check box where `&` must not become a shortcut."""
    return text.replace("&", "&&")


def cell_label(framework: Framework, cell: Cell | None) -> str:
    """'Element × Domain', or 'Unsorted' for cards not yet placed."""
    if cell is None:
        return _(UNSORTED)
    try:
        # Translators: a cell of the board, named by its row and its column
        return _("{element} × {domain}").format(
            element=framework.element(cell[0]).name, domain=framework.domain(cell[1]).name
        )
    except KeyError:
        return _(UNSORTED)
