"""The board view: zoom, fit, rubber-band selection and the keyboard a facilitator drives with."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QContextMenuEvent,
    QKeyEvent,
    QPainter,
    QResizeEvent,
    QShowEvent,
    QWheelEvent,
)
from PySide6.QtWidgets import QGraphicsView, QLabel, QWidget

from trustboard.domain.framework import Cell
from trustboard.i18n import _
from trustboard.ui.actions import (
    CARRY_STEPS,
    CELL_STEPS,
    SCORE_KEYS,
    VIEW_KEYS,
    ActionId,
    make_action,
)
from trustboard.ui.board.detail import SUMMARY_BELOW, is_summary
from trustboard.ui.board.geometry import CARD_H, CELL_TOP, GAP, MIN_CARD_ROWS, PAD
from trustboard.ui.board.items import CardItem
from trustboard.ui.board.keys import score_digit
from trustboard.ui.board.overview import BoardOverview
from trustboard.ui.board.scene import BoardScene

MIN_ZOOM, MAX_ZOOM = 0.05, 4.0
ZOOM_STEP = 1.2


class BoardView(QGraphicsView):
    zoom_changed = Signal(float)
    context_menu_requested = Signal(QPoint)  # global position

    def __init__(self, scene: BoardScene, parent: QWidget | None = None) -> None:
        super().__init__(scene, parent)
        self.board = scene
        self.setObjectName("board")
        self.setAccessibleName(_("Workshop board"))
        self.setToolTip("")
        self.setRenderHints(QPainter.RenderHint.Antialiasing | QPainter.RenderHint.TextAntialiasing)
        self.setDragMode(QGraphicsView.DragMode.RubberBandDrag)
        self.setRubberBandSelectionMode(Qt.ItemSelectionMode.IntersectsItemShape)
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorUnderMouse)
        self.setResizeAnchor(QGraphicsView.ViewportAnchor.AnchorViewCenter)
        self.setViewportUpdateMode(QGraphicsView.ViewportUpdateMode.SmartViewportUpdate)
        self.setOptimizationFlag(QGraphicsView.OptimizationFlag.DontAdjustForAntialiasing)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setSceneRect(scene.board_rect)
        scene.bounds_changed.connect(self._bounds_changed)
        scene.session.current_cell_changed.connect(self._ensure_cell_visible)
        scene.edit_requested.connect(self._show_card_to_edit)
        self.overview = BoardOverview(self, self)
        self.zoom_changed.connect(self._zoomed)
        self.banner = QLabel(self)
        self.banner.setObjectName("roundBanner")
        self.banner.setTextFormat(Qt.TextFormat.PlainText)
        self.banner.setStyleSheet(
            "background: #fff3b0; color: #000; font-weight: bold; padding: 8px 16px;"
            "border: 2px solid #8a6d00; border-radius: 6px;"
        )
        font = self.banner.font()
        font.setPixelSize(22)
        self.banner.setFont(font)
        self.banner.hide()
        self._top_margin = 0
        self._bottom_margin = 0  # kept for the legend
        self._presenting = False
        # Fitted: the whole board in sight, kept so on resize, maximise, a new screen and
        # reopening, with no scroll bars, until the user zooms or scrolls.
        self.fitted = False
        for bar in (self.horizontalScrollBar(), self.verticalScrollBar()):
            bar.actionTriggered.connect(self._user_scrolled)
        self.side: QWidget | None = None  # the room's join code, beside the board
        scene.session.viewed_round_changed.connect(self._show_banner)
        self._show_banner()
        self._init_keys()

    def _init_keys(self) -> None:
        """The board's keys are actions of the registry that work while it has the focus."""
        self.keys = {action_id: make_action(action_id, self) for action_id in VIEW_KEYS}
        self.addActions(list(self.keys.values()))
        flip = -1 if self.isRightToLeft() else 1  # Left goes to the next column right to left
        for action_id, (d_row, d_col) in CELL_STEPS.items():
            self.keys[action_id].triggered.connect(
                lambda _checked=False, r=d_row, c=d_col * flip: self.go_to(r, c)
            )
        for action_id, (d_row, d_col) in CARRY_STEPS.items():
            self.keys[action_id].triggered.connect(
                lambda _checked=False, r=d_row, c=d_col * flip: self.carry(r, c)
            )
        for n, action_id in enumerate(SCORE_KEYS):
            self.keys[action_id].triggered.connect(lambda _checked=False, n=n: self.score(n))
        self.keys[ActionId.TAKE_BACK_SCORE].triggered.connect(self.take_back_score)
        self.keys[ActionId.EDIT_CARD_KEY].triggered.connect(self.edit_selected)

    def set_presenting(self, on: bool, *, top_margin: int = 0) -> None:
        """Presenter mode: no scroll bars, room at the top for the presenter bar."""
        self._presenting = on
        self._set_scroll_bars()
        self._top_margin = top_margin if on else 0
        self._place_side()
        self._refit()

    def _set_scroll_bars(self) -> None:
        """None while presenting or fitted: a fitted board has nothing to scroll to."""
        off = self._presenting or self.fitted
        policy = (
            Qt.ScrollBarPolicy.ScrollBarAlwaysOff if off else Qt.ScrollBarPolicy.ScrollBarAsNeeded
        )
        if self.horizontalScrollBarPolicy() != policy:
            self.setHorizontalScrollBarPolicy(policy)
            self.setVerticalScrollBarPolicy(policy)

    def _set_fitted(self, on: bool) -> None:
        if self.fitted != on:
            self.fitted = on
            self._set_scroll_bars()

    def _user_scrolled(self, _action: int) -> None:
        self._set_fitted(False)  # the user panned: leave the board where they put it

    def _refit(self) -> None:
        if self.fitted:
            self._fit(self.board.itemsBoundingRect())

    def set_side(self, widget: QWidget | None) -> None:
        """Keep `widget` (which has `fit(QSize) -> QSize`) at the right edge, beside the
        board rather than over it: fitting a cell leaves its room free."""
        self.side = widget
        if widget is not None:
            widget.setParent(self)
        self._place_side()

    def _place_side(self) -> None:
        side = self.side
        right = 0
        if side is not None and not side.isHidden():
            margin = 12
            room = QSize(self.width(), self.height() - self._top_margin - self._bottom_margin
                         - 2 * margin)  # fmt: skip
            size = side.fit(room)  # type: ignore[attr-defined]
            right = size.width() + 2 * margin
            bar = self.verticalScrollBar()
            edge = self.width() - self.frameWidth() - (bar.width() if bar.isVisible() else 0)
            side.move(edge - size.width() - margin, self._top_margin + margin)
            side.raise_()
        self.setViewportMargins(0, self._top_margin, right, self._bottom_margin)

    def reserve_bottom(self, height: int) -> None:
        """Keep a strip `height` pixels high along the bottom free of the board (the legend)."""
        if height != self._bottom_margin:
            self._bottom_margin = height
            self._place_side()

    def _show_banner(self) -> None:
        """While an earlier round is on the board, say so where it cannot scroll away."""
        text = self.board.round_note.text()
        self.banner.setText(text)
        self.banner.setVisible(bool(text))
        self.banner.adjustSize()
        self.banner.move(max(8, (self.width() - self.banner.width()) // 2), 8)
        self.banner.raise_()

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        self._show_banner()
        if self.side is not None:
            self._place_side()
        self._refit()  # maximised, restored, moved to another screen: still the whole board

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)
        self._refit()  # reopened: fitted to the size the window has now, not the one before

    @property
    def zoom(self) -> float:
        return self.transform().m11()

    def set_zoom(self, factor: float) -> None:
        """The user's zoom: the board stays at it (no longer fitted). Below the zoom that
        shows cards readably there is only the overview, and that is the fitted board."""
        if factor < SUMMARY_BELOW and factor < self.zoom:
            self.fit_all()
            return
        self._set_fitted(False)
        self._zoom_to(max(factor, SUMMARY_BELOW) if self.summary else factor)

    def _zoomed(self, zoom: float) -> None:
        summary = is_summary(zoom)
        if summary == self.overview.isHidden():
            if summary:
                self.board.finish_edits()
            self.overview.setVisible(summary)  # it follows the viewport's place and size
            self.viewport().setUpdatesEnabled(not summary)  # covered: nothing to repaint
        self.board.unfold_selected()

    def _zooming(self) -> None:
        if not self.summary:  # the overview hides the cards: none is painted either way
            self.board.zoom_cache.zooming(self.items(self.viewport().rect()))

    def _zoom_to(self, factor: float) -> None:
        factor = max(MIN_ZOOM, min(MAX_ZOOM, factor))
        current = self.zoom
        if current > 0 and abs(factor - current) > 1e-9:
            self._zooming()
            self.scale(factor / current, factor / current)
            self.zoom_changed.emit(factor)

    def zoom_in(self) -> None:
        self.set_zoom(self.zoom * ZOOM_STEP)

    def zoom_out(self) -> None:
        self.set_zoom(self.zoom / ZOOM_STEP)

    def fit_all(self) -> None:
        self._set_fitted(True)
        self._fit(self.board.itemsBoundingRect())

    def fit_cell(self) -> None:
        cell = self.board.session.current_cell
        if cell is None or cell not in self.board.cells:
            self.fit_all()
            return
        self._set_fitted(False)
        self._fit(self._cell_in_use(cell).adjusted(-20, -20, 20, 20))

    def _cell_in_use(self, cell: Cell) -> QRectF:
        """The cell down to its last card: the room a row keeps to spare (geometry) is not
        worth shrinking the focused cell's type for."""
        rect = QRectF(self.board.cells[cell].rect)
        lowest = rect.top() + CELL_TOP + MIN_CARD_ROWS * (CARD_H + GAP) - GAP
        for item in self.board.cards.values():
            if item.card.cell == cell and item.isVisible():
                lowest = max(lowest, item.sceneBoundingRect().bottom())
        rect.setBottom(min(rect.bottom(), lowest + PAD))
        return rect

    def _fit(self, rect: QRectF) -> None:
        if rect.isEmpty():
            return
        self._zooming()
        self.fitInView(rect, Qt.AspectRatioMode.KeepAspectRatio)
        if self.zoom > MAX_ZOOM or self.zoom < MIN_ZOOM:
            self._zoom_to(self.zoom)
        self.zoom_changed.emit(self.zoom)

    def _bounds_changed(self, rect: QRectF) -> None:
        self.setSceneRect(rect)  # the board, not the scene's spare room
        self._refit()  # a fitted board that grew stays whole in sight

    def _ensure_cell_visible(self, cell: object) -> None:
        item = self.board.cells.get(cell) if cell is not None else None  # type: ignore[call-overload]
        if item is not None:
            self.ensureVisible(item.rect, 40, 40)

    def move_selected(self, d_row: int, d_col: int) -> bool:
        """Alt+arrow: carry the selected cards to the neighbouring cell, keyboard only."""
        session = self.board.session
        ids = self.board.selected_card_ids()
        if not ids:
            return False
        first = session.round.cards[ids[0]]
        if first.cell is not None:
            session.set_current_cell(first.cell)
        target = session.move_cell(d_row, d_col)
        if target is None or target == first.cell:
            return False
        moved = session.move_cards(ids, target, first.layer)
        for card_id in ids:
            if card_id in self.board.cards:
                self.board.cards[card_id].setSelected(True)
        return moved

    @property
    def summary(self) -> bool:
        """Zoomed out so far that cells summarise their cards rather than draw them."""
        return is_summary(self.zoom)

    def _show_card_to_edit(self, card_id: str) -> None:
        """A card is about to be typed into: zoomed out, come in to its cell first."""
        card = self.board.session.round.cards.get(card_id)
        if self.summary and card is not None:
            if card.cell is not None and card.cell in self.board.cells:
                self.board.session.set_current_cell(card.cell)
                self.fit_cell()
            else:  # in the Unsorted area
                self._set_fitted(False)
                self._zoom_to(1.0)
                self.centerOn(self.board.cards[card_id])

    def come_in(self, cell: Cell | None) -> None:
        """From the overview to the cards: the smallest zoom that shows them, at `cell`."""
        self._set_fitted(False)
        self._zoom_to(SUMMARY_BELOW)
        item = self.board.cells.get(cell) if cell is not None else None
        if item is not None:
            self.centerOn(item)

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:  # noqa: N802 - Qt override
        item = self.itemAt(event.pos())
        card = item if isinstance(item, CardItem) else None
        if card is None and item is not None and isinstance(item.parentItem(), CardItem):
            card = item.parentItem()  # type: ignore[assignment]
        if card is not None and not card.isSelected():
            self.board.clearSelection()
            card.setSelected(True)
        self.context_menu_requested.emit(event.globalPos())

    def wheelEvent(self, event: QWheelEvent) -> None:  # noqa: N802 - Qt override
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            steps = event.angleDelta().y() / 120
            if steps:
                self.set_zoom(self.zoom * ZOOM_STEP**steps)
            event.accept()
            return
        if self.fitted:
            event.accept()  # the whole board is in sight: nothing to scroll, nothing to nudge
            return
        super().wheelEvent(event)

    def _typing(self) -> bool:
        """A card's text editor has the keys (it takes plain keys itself; not Alt+arrows)."""
        focus = self.board.focusItem()
        return focus is not None and not isinstance(focus, CardItem)

    def go_to(self, d_row: int, d_col: int) -> None:
        """Arrow keys: walk to the neighbouring cell."""
        if not self._typing():
            self.board.clearSelection()
            self.board.session.move_cell(d_row, d_col)

    def carry(self, d_row: int, d_col: int) -> None:
        """Alt+arrow keys: carry the selected cards to the neighbouring cell."""
        if not self._typing():
            self.move_selected(d_row, d_col)

    def score(self, value: int) -> None:
        """A digit: a score for the current cell."""
        session = self.board.session
        if not self._typing() and session.current_cell is not None:
            session.add_score(session.current_cell, value)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        """A top-row key that typed no digit (AZERTY's `&` for 1, ...) scores by its place."""
        digit = None if self._typing() else score_digit(event)
        if digit is not None:
            self.keys[SCORE_KEYS[digit]].trigger()  # as the digit's own key would
            event.accept()
            return
        super().keyPressEvent(event)

    def take_back_score(self) -> None:
        session = self.board.session
        if not self._typing() and session.current_cell is not None:
            session.remove_last_score(session.current_cell)

    def edit_selected(self) -> None:
        """Enter: type into the one selected card."""
        selected = self.board.selected_card_ids()
        if not self._typing() and len(selected) == 1:
            self.board.cards[selected[0]].start_edit()
