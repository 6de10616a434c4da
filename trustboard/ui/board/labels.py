"""Row and column headers and the board's own labels, drawn readable at every zoom.

Text keeps to at least ROOM_PX on screen (see detail.py): zoomed out, a header keeps its
name and drops what no longer fits (the group, then the definition, cut with "…").
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFontMetricsF, QGuiApplication, QPainter
from PySide6.QtWidgets import QGraphicsItem, QStyleOptionGraphicsItem, QWidget

from trustboard.domain.framework import Axis
from trustboard.ui.board.card_text import wrap
from trustboard.ui.board.detail import SMALL_PX, at_least
from trustboard.ui.board.geometry import Rect
from trustboard.ui.text import plain_tooltip
from trustboard.ui.theme import BoardTheme

NAME_PX = 24.0


def lod_of(painter: QPainter, option: QStyleOptionGraphicsItem) -> float:
    return option.levelOfDetailFromTransform(painter.worldTransform())


def draw_lines(painter: QPainter, theme: BoardTheme, text: str, size: float, box: QRectF,
               *, bold: bool = False) -> float:  # fmt: skip
    """`text` wrapped into `box` at `size`, cut with "…" where it does not fit; the height used."""
    lines, _rest = wrap(text, size, theme, box.width(), box.height(), bold=bold)
    painter.setFont(theme.font(size, bold=bold))
    metrics = QFontMetricsF(painter.font())
    rtl = QGuiApplication.isRightToLeft()  # lines start at the box's right edge
    for y, line in lines:
        x = box.right() - metrics.horizontalAdvance(line) if rtl else box.left()
        painter.drawText(QPointF(x, box.top() + y), line)
    return len(lines) * metrics.lineSpacing()


class HeaderItem(QGraphicsItem):
    """A row or column header: the name large; the group and definition where they fit."""

    def __init__(self, axis: Axis, rect: Rect, theme: BoardTheme, *, is_row: bool) -> None:
        super().__init__()
        self.axis = axis
        self.is_row = is_row
        self.theme = theme
        self.rect = QRectF(*rect)
        self.setToolTip(plain_tooltip(f"{axis.name}\n{axis.definition}".strip()))
        self.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)

    def set_rect(self, rect: Rect) -> None:
        if QRectF(*rect) != self.rect:
            self.prepareGeometryChange()
            self.rect = QRectF(*rect)

    def boundingRect(self) -> QRectF:  # noqa: N802 - Qt override
        return self.rect

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem,
              widget: QWidget | None = None) -> None:  # fmt: skip
        paint_header(painter, self.theme, self.axis, self.rect, lod_of(painter, option))


def paint_header(painter: QPainter, t: BoardTheme, axis: Axis, rect: QRectF, lod: float) -> None:
    """A header into `rect` at scale `lod`: the name, then the group above it and the
    definition below it where they fit."""
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(t.header)
    painter.drawRoundedRect(rect, 8, 8)
    pad = min(14.0, rect.width() / 20)
    inner = rect.adjusted(pad, 8, -pad, -6)
    painter.setPen(t.header_text)
    small = at_least(SMALL_PX, lod)
    name_size = at_least(NAME_PX, lod)
    name_lines, _rest = wrap(axis.name, name_size, t, inner.width(), inner.height(), bold=True)
    line_h = QFontMetricsF(t.font(name_size, bold=True)).lineSpacing()
    name_h = max(1, len(name_lines)) * line_h
    small_h = QFontMetricsF(t.font(small)).lineSpacing()
    top = inner.top()
    if axis.group and name_h + small_h + 4 <= inner.height():
        draw_lines(painter, t, axis.group.upper(), small,
                   QRectF(inner.left(), top, inner.width(), small_h))  # fmt: skip
        top += small_h + 4
    top += draw_lines(painter, t, axis.name, name_size,
                      QRectF(inner.left(), top, inner.width(), inner.bottom() - top),
                      bold=True) + 6  # fmt: skip
    if axis.definition and inner.bottom() - top >= small_h:
        draw_lines(painter, t, axis.definition, small,
                   QRectF(inner.left(), top, inner.width(), inner.bottom() - top))  # fmt: skip


class LabelItem(QGraphicsItem):
    """A line of the board's own text (the Unsorted area's title, a note above the grid),
    wrapped into its box at a size the room reads at any zoom."""

    def __init__(self, theme: BoardTheme, size: float, *, bold: bool = False,
                 colour: QColor | None = None) -> None:  # fmt: skip
        super().__init__()
        self.theme = theme
        self.size = size
        self.bold = bold
        self.colour = colour or theme.muted_text
        self.box = QRectF()
        self._text = ""
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)

    def text(self) -> str:
        return self._text

    def set(self, text: str, box: QRectF) -> None:
        if text != self._text or box != self.box:
            self.prepareGeometryChange()
            self._text, self.box = text, QRectF(box)
            self.setVisible(bool(text))
            self.update()

    def boundingRect(self) -> QRectF:  # noqa: N802 - Qt override
        return self.box

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem,
              widget: QWidget | None = None) -> None:  # fmt: skip
        if not self._text:
            return
        painter.setPen(self.colour)
        size = at_least(self.size, lod_of(painter, option))
        draw_lines(painter, self.theme, self._text, size, self.box, bold=self.bold)
