"""What the board's own labels say, and where they sit in either reading direction: the
banner over an earlier round, the count of cards in switched-off columns above the row
headers, and the Unsorted area's title."""

from __future__ import annotations

from PySide6.QtCore import QRectF

from trustboard.i18n import _, ngettext
from trustboard.ui.board.geometry import COL_HEADER_H, ROW_HEADER_W, Rect


def round_banner(label: str, browsing: bool) -> str:
    """The banner the views pin over an earlier round, which is read-only; "" otherwise."""
    return _("Earlier round: {round} — read-only").format(round=label) if browsing else ""


def switched_off_note(n: int, *, rtl: bool) -> tuple[str, QRectF]:
    """The note on `n` cards in switched-off columns, and its box in the top corner."""
    text = (
        ngettext("{n} card in switched-off columns", "{n} cards in switched-off columns", n).format(
            n=n
        )
        if n
        else ""
    )
    corner = QRectF(6, 6, ROW_HEADER_W - 12, COL_HEADER_H - 12)
    if rtl:
        corner.moveRight(-6)
    return text, corner


def unsorted_title(n: int, area: Rect | None, *, rtl: bool) -> tuple[str, QRectF]:
    """The title of the Unsorted `area` holding `n` cards, and its box where the area
    starts (its right edge, read right to left); no title when there is no area."""
    if area is None:
        return "", QRectF()
    x, y, w, h = area
    text = ngettext(
        "Unsorted: {n} card — drag it into a cell",
        "Unsorted: {n} cards — drag them into a cell",
        n,
    ).format(n=n)
    box = QRectF(
        x + w - ROW_HEADER_W + 10 if rtl else x + 10,
        y + 10,
        ROW_HEADER_W - 20,
        h - 20,
    )
    return text, box
