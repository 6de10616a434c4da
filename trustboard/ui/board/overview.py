"""The whole board at a glance, for when it is too big to show its cards readably.

Zoomed out below SUMMARY_BELOW (detail.py) a card's words would be too small for the room,
so the view lays a grid over the board instead: every row and column named, every cell as
large as the view allows, each with its ratings, how many cards of each kind and the top
cards' first words, all at ROOM_PX or larger. A click picks a cell, a double click adds a
card there (the view then comes in to type it), Ctrl+wheel up comes in to the cell.
"""

from __future__ import annotations

from typing import Protocol

from PySide6.QtCore import QEvent, QObject, QPoint, QRectF, Qt, SignalInstance
from PySide6.QtGui import (
    QContextMenuEvent,
    QFontMetricsF,
    QHelpEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QWheelEvent,
)
from PySide6.QtWidgets import QAbstractScrollArea, QToolTip, QWidget

from trustboard.domain.framework import Cell
from trustboard.i18n import _
from trustboard.ui.board.cell_item import paint_cell
from trustboard.ui.board.detail import ROOM_PX
from trustboard.ui.board.labels import NAME_PX, draw_lines, paint_header
from trustboard.ui.board.scene import BoardScene
from trustboard.ui.text import cell_label, literal_text


class Host(Protocol):
    """What the overview needs of the board's view (the BoardView), without importing it."""

    board: BoardScene

    @property
    def context_menu_requested(self) -> SignalInstance: ...
    def come_in(self, cell: Cell | None) -> None: ...


MARGIN = 8.0
GAP = 6.0


class BoardOverview(QWidget):
    """Covers the view's viewport while the view is zoomed out past reading."""

    def __init__(self, view: QAbstractScrollArea, host: Host) -> None:
        super().__init__(view)  # over the viewport, not in it: scrolling the board moves
        # the viewport's children along
        self.setObjectName("boardOverview")
        self.view = view
        self.host = host
        self.board = host.board
        self.setAutoFillBackground(True)
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the keys stay with the board
        self.cells: dict[Cell, QRectF] = {}
        # What the cells show follows the session; the scene's own `changed` is not used,
        # as listening to it makes the scene track every region it repaints.
        session = self.board.session
        for signal in (session.changed, session.view_changed, session.viewed_round_changed,
                       session.current_cell_changed, self.board.bounds_changed):  # fmt: skip
            signal.connect(self._board_changed)
        view.viewport().installEventFilter(self)
        self.hide()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if event.type() in (QEvent.Type.Resize, QEvent.Type.Move):
            self.setGeometry(self.view.viewport().geometry())
        return False

    def _board_changed(self, *_: object) -> None:
        if self.isVisible():
            self.update()

    # -- layout --------------------------------------------------------------------

    def _lay_out(self) -> tuple[dict[str, QRectF], dict[str, QRectF], QRectF | None]:
        """Row and column headers, cells (into self.cells) and the Unsorted strip."""
        t = self.board.theme
        fw = self.board.session.framework
        elements, domains = fw.elements, fw.active_domains
        width, height = float(self.width()), float(self.height())
        name = QFontMetricsF(t.font(max(NAME_PX, ROOM_PX), bold=True))
        small = QFontMetricsF(t.font(ROOM_PX))
        widest = max((name.horizontalAdvance(e.name) for e in elements), default=0.0)
        head_w = min(max(widest + 32, width * 0.12), width * 0.28)
        n_rows, n_cols = max(1, len(elements)), max(1, len(domains))
        left = MARGIN + head_w + GAP
        col_w = (width - left - MARGIN) / n_cols - GAP
        # A second line for a domain's name only where one does not hold it.
        lines = 2 if any(name.horizontalAdvance(d.name) > col_w - 20 for d in domains) else 1
        head_h = name.lineSpacing() * lines + small.lineSpacing() + 18
        unsorted = self.board.geometry.unsorted is not None
        strip_h = small.lineSpacing() + 16 if unsorted else 0.0
        top = MARGIN + head_h + GAP
        row_h = (height - top - MARGIN - (strip_h + GAP if unsorted else 0)) / n_rows - GAP
        columns = {d.id: QRectF(left + i * (col_w + GAP), MARGIN, col_w, head_h)
                   for i, d in enumerate(domains)}  # fmt: skip
        rows = {e.id: QRectF(MARGIN, top + i * (row_h + GAP), head_w, row_h)
                for i, e in enumerate(elements)}  # fmt: skip
        self.cells = {(e, d): QRectF(c.left(), r.top(), col_w, row_h)
                      for e, r in rows.items() for d, c in columns.items()}  # fmt: skip
        strip = None
        if unsorted:
            strip = QRectF(MARGIN, height - MARGIN - strip_h, width - 2 * MARGIN, strip_h)
        if self.isRightToLeft():  # the first column at the right, the row headers right of it
            for rects in (columns, rows, self.cells):
                for key, r in rects.items():
                    rects[key] = QRectF(width - r.right(), r.top(), r.width(), r.height())
        return columns, rows, strip

    def cell_at(self, pos: QPoint) -> Cell | None:
        for cell, rect in self.cells.items():
            if rect.contains(pos.toPointF()):
                return cell
        return None

    # -- painting ------------------------------------------------------------------

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt override
        t = self.board.theme
        fw = self.board.session.framework
        columns, rows, strip = self._lay_out()
        painter = QPainter(self)
        painter.fillRect(self.rect(), t.background)
        for axis in fw.active_domains:
            paint_header(painter, t, axis, columns[axis.id], 1.0)
        for axis in fw.elements:
            paint_header(painter, t, axis, rows[axis.id], 1.0)
        for cell, rect in self.cells.items():
            item = self.board.cells.get(cell)
            if item is not None:
                paint_cell(item, painter, rect, 1.0, summary=True)
        note = self.board.hidden_note.text()
        if note:
            corner = QRectF(MARGIN, MARGIN, next(iter(rows.values())).width(),
                            next(iter(columns.values())).height())  # fmt: skip
            painter.setPen(t.muted_text)
            draw_lines(painter, t, note, ROOM_PX, corner)
        if strip is not None:
            painter.setPen(t.muted_text)
            hint = _("{unsorted} — zoom in to see them").format(
                unsorted=self.board.unsorted_label.text()
            )
            draw_lines(painter, t, hint,
                       ROOM_PX, strip.adjusted(8, 8, -8, 0), bold=True)  # fmt: skip
        painter.end()

    # -- the pointer ---------------------------------------------------------------

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt override
        self.view.setFocus(Qt.FocusReason.MouseFocusReason)
        self.board.clearSelection()
        cell = self.cell_at(event.position().toPoint())
        if cell is not None:
            self.board.session.set_current_cell(cell)

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt override
        cell = self.cell_at(event.position().toPoint())
        if cell is not None and event.button() == Qt.MouseButton.LeftButton:
            self.board.session.set_current_cell(cell)
            self.board.add_card_in(cell)  # the view comes in to the new card to type it

    def wheelEvent(self, event: QWheelEvent) -> None:  # noqa: N802 - Qt override
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier and event.angleDelta().y() > 0:
            cell = self.cell_at(event.position().toPoint())
            if cell is not None:
                self.board.session.set_current_cell(cell)
            self.host.come_in(cell)
        event.accept()

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:  # noqa: N802 - Qt override
        cell = self.cell_at(event.pos())
        if cell is not None:
            self.board.session.set_current_cell(cell)
        self.board.clearSelection()
        self.host.context_menu_requested.emit(event.globalPos())

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            cell = self.cell_at(event.pos())
            if cell is None:
                QToolTip.hideText()
            else:
                QToolTip.showText(event.globalPos(),
                                  literal_text(cell_label(self.board.session.framework, cell)),
                                  self)  # fmt: skip
            return True
        return super().event(event)
