"""A cell of the grid: tinted by its rating, with the ratings as badges on top.

Zoomed out below SUMMARY_BELOW its cards are too small to read, so the cell says what is in
it instead, in type the back row reads: how many cards of each kind (colour swatches, as in
the legend) and the top cards' first words.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFontMetricsF, QGuiApplication, QPainter, QPen
from PySide6.QtWidgets import QGraphicsItem, QStyleOptionGraphicsItem, QWidget

from trustboard.domain.framework import Cell
from trustboard.ui.board.detail import SMALL_PX, CellSummary, at_least, is_summary, room_px
from trustboard.ui.board.geometry import CELL_TOP, Rect
from trustboard.ui.board.labels import lod_of
from trustboard.ui.theme import BoardTheme

BADGE_PX = 16.0
_LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
_START_RTL = (
    Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignAbsolute | Qt.AlignmentFlag.AlignVCenter
)
_END_RTL = (
    Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignAbsolute | Qt.AlignmentFlag.AlignVCenter
)


def _mirror_in(rect: QRectF, box: QRectF) -> QRectF:
    """`box` mirrored within `rect`: what is drawn at the left reading left to right sits
    at the right reading right to left."""
    return QRectF(rect.left() + rect.right() - box.right(), box.top(), box.width(), box.height())


class CellItem(QGraphicsItem):
    """A cell: tinted by its rating, with the room's median, spread and hidden-card count."""

    def __init__(self, cell: Cell, rect: Rect, theme: BoardTheme) -> None:
        super().__init__()
        self.cell = cell
        self.theme = theme
        self.rect = QRectF(*rect)
        self.tint = theme.cell
        self.badges: list[str] = []  # "We 3", "Customers 4" (both layers: "We 3 → 4")
        self.short_badges: list[str] = []  # the same, shorter, where room is short
        self.note = ""  # e.g. "+3 to-be cards"
        self.short_note = ""  # the same in a few letters: "+3 to-be"
        self.summary = CellSummary()
        self.colours: dict[str, QColor] = {}  # card kind -> its colour
        self.disagreement = False
        self.current = False
        self.drop_target = False  # a dragged card would land here
        self.setZValue(-1)
        self.setAcceptHoverEvents(False)

    def set_rect(self, rect: Rect) -> None:
        if QRectF(*rect) != self.rect:
            self.prepareGeometryChange()
            self.rect = QRectF(*rect)

    def looks(self) -> tuple[object, ...]:
        """Everything paint() draws from, to tell whether a repaint is needed."""
        return (self.tint.rgba(), tuple(self.badges), self.note, self.disagreement,
                self.current, self.drop_target, self.toolTip(), self.summary)  # fmt: skip

    def boundingRect(self) -> QRectF:  # noqa: N802 - Qt override
        return self.rect.adjusted(-4, -4, 4, 4)

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem,
              widget: QWidget | None = None) -> None:  # fmt: skip
        lod = lod_of(painter, option)
        paint_cell(self, painter, self.rect, lod, summary=is_summary(lod))


def paint_cell(cell: CellItem, painter: QPainter, rect: QRectF, lod: float, *,
               summary: bool) -> None:  # fmt: skip
    """Draw `cell` into `rect` at scale `lod`: its cards' summary too when `summary`."""
    t = cell.theme
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, lod >= 1.0)
    scale = max(1.0, 1 / max(lod, 0.05))  # borders stay visible when zoomed out
    if cell.drop_target:
        border = QPen(t.current_border, 6 * scale, Qt.PenStyle.DashLine)
    elif cell.current:
        border = QPen(t.current_border, 5 * min(scale, 2.5))
    else:
        border = QPen(t.cell_border, 1.5)
    painter.setPen(border)
    painter.setBrush(cell.tint)
    painter.drawRoundedRect(rect, 8, 8)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    bottom = paint_badges(cell, painter, rect, lod, wrap=summary)
    if summary:
        paint_summary(cell, painter, rect, lod, bottom)


def paint_badges(cell: CellItem, painter: QPainter, rect: QRectF, lod: float, *,
                 wrap: bool) -> float:  # fmt: skip
    """The rating badges along the top of `rect` (on as many lines as they need when
    `wrap`); returns where they end."""
    t = cell.theme
    size = at_least(BADGE_PX, lod)
    font = t.font(size, bold=True)
    painter.setFont(font)
    metrics = QFontMetricsF(font)
    height = min(size * 1.5 * t.scale, CELL_TOP - 4) if not wrap else size * 1.5 * t.scale
    gap = max(6.0, size * 0.3)
    pad = min(14.0, size * 0.5)
    left, right = rect.left() + pad, rect.right() - pad
    widths = [metrics.horizontalAdvance(b) + size * 0.6 for b in cell.badges]
    badges = cell.badges
    if sum(widths) + gap * len(widths) + (height if cell.disagreement else 0) > right - left:
        badges = cell.short_badges or cell.badges
        widths = [metrics.horizontalAdvance(b) + size * 0.6 for b in badges]
    top = rect.top() + max(2.0, min(pad / 2, (CELL_TOP - height) / 2))
    x = left
    rtl = QGuiApplication.isRightToLeft()  # badges start at the cell's right edge
    marks: list[tuple[str, float]] = [(b, w) for b, w in zip(badges, widths, strict=True)]
    if cell.disagreement:
        marks.append(("!", height))
    for text, width in marks:
        if x + width > right and x > left:
            if not wrap:
                break  # the cell's top holds one line; the legend and panel say the rest
            x, top = left, top + height + gap / 2
            if top + height > rect.bottom() - 4:
                top -= height + gap / 2
                break  # no room for another line: the legend and panel say the rest
        box = QRectF(x, top, width, height)
        if rtl:
            box = _mirror_in(rect, box)
        if text == "!":
            painter.setPen(QPen(QColor("#7a3b00"), 2))
            painter.setBrush(QColor("#ffd27a"))
            painter.drawEllipse(box)
        else:
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QColor(255, 255, 255, 200))
            painter.drawRoundedRect(box, height / 2, height / 2)
            painter.setPen(t.card_text)
        painter.drawText(box, Qt.AlignmentFlag.AlignCenter, text)
        x += width + gap
    if cell.note and not wrap:
        painter.setFont(t.font(at_least(SMALL_PX, lod)))
        note_w = QFontMetricsF(painter.font()).horizontalAdvance(cell.note)
        if x + note_w <= right:
            painter.setPen(t.muted_text)
            box = QRectF(x, top, right - x, height)
            align = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
            if rtl:
                box, align = _mirror_in(rect, box), _END_RTL
            painter.drawText(box, align, cell.note)
    return top + height


def paint_summary(cell: CellItem, painter: QPainter, rect: QRectF, lod: float,
                  top: float) -> None:  # fmt: skip
    """How many cards of each kind, then the top cards' first words, one per line."""
    t = cell.theme
    s = cell.summary
    size = room_px(lod)
    font = t.font(size)
    bold = t.font(size, bold=True)
    line = QFontMetricsF(font).lineSpacing()
    pad = min(14.0, size * 0.5)
    left, right = rect.left() + pad, rect.right() - pad
    bottom = rect.bottom() - 4
    y = top + size * 0.2
    if y + line > bottom:
        return
    x = left
    swatch = size * 0.8 * t.scale
    counts: list[tuple[QColor | None, str]] = [
        (cell.colours.get(kind, QColor("#eeeeee")), str(n)) for kind, n in s.kinds
    ]
    if cell.note:
        counts.append((None, cell.short_note or cell.note))
    painter.setFont(bold)
    metrics = QFontMetricsF(bold)
    rtl = QGuiApplication.isRightToLeft()  # counts and lines start at the cell's right edge

    def place(box: QRectF) -> QRectF:
        return _mirror_in(rect, box) if rtl else box

    for colour, text in counts:
        width = (swatch + size * 0.25 if colour else 0) + metrics.horizontalAdvance(text)
        if x + width > right and x > left:
            x, y = left, y + line
            if y + line > bottom:
                return
        if colour is not None:
            painter.setPen(QPen(QColor(0, 0, 0, 90), 1))
            painter.setBrush(colour)
            painter.drawRect(place(QRectF(x, y + (line - swatch) / 2, swatch, swatch)))
            x += swatch + size * 0.25
        painter.setPen(t.muted_text if colour is None else t.card_text)
        painter.drawText(place(QRectF(x, y, right - x, line)), _START_RTL if rtl else _LEFT, text)
        x += metrics.horizontalAdvance(text) + size * 0.7
    y += line + size * 0.2
    painter.setFont(font)
    metrics = QFontMetricsF(font)
    bar = max(3.0, size * 0.25)
    for kind, words in s.top:
        if y + line > bottom:
            break
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(cell.colours.get(kind, QColor("#eeeeee")))
        painter.drawRect(place(QRectF(left, y + line * 0.15, bar, line * 0.7)))
        text_x = left + bar * 2.5
        shown = metrics.elidedText(words, Qt.TextElideMode.ElideRight, right - text_x)
        painter.setPen(t.card_text)
        if rtl:
            text_x = rect.left() + rect.right() - text_x - metrics.horizontalAdvance(shown)
        painter.drawText(QPointF(text_x, y + metrics.ascent()), shown)
        y += line
