"""The board view: zoom, fit, rubber-band selection and the keyboard a facilitator drives with."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QContextMenuEvent, QKeyEvent, QPainter, QResizeEvent, QWheelEvent
from PySide6.QtWidgets import QGraphicsView, QLabel, QWidget

from trustboard.ui.actions import (
    CARRY_STEPS,
    CELL_STEPS,
    SCORE_KEYS,
    VIEW_KEYS,
    ActionId,
    make_action,
)
from trustboard.ui.board.items import CardItem
from trustboard.ui.board.keys import score_digit
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
        self.setAccessibleName("Workshop board")
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
        scene.bounds_changed.connect(self.setSceneRect)  # the board, not the scene's spare room
        scene.session.current_cell_changed.connect(self._ensure_cell_visible)
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
        self.side: QWidget | None = None  # the room's join code, beside the board
        scene.session.viewed_round_changed.connect(self._show_banner)
        self._show_banner()
        self._init_keys()

    def _init_keys(self) -> None:
        """The board's keys are actions of the registry that work while it has the focus."""
        self.keys = {action_id: make_action(action_id, self) for action_id in VIEW_KEYS}
        self.addActions(list(self.keys.values()))
        for action_id, (d_row, d_col) in CELL_STEPS.items():
            self.keys[action_id].triggered.connect(
                lambda _=False, r=d_row, c=d_col: self.go_to(r, c)
            )
        for action_id, (d_row, d_col) in CARRY_STEPS.items():
            self.keys[action_id].triggered.connect(
                lambda _=False, r=d_row, c=d_col: self.carry(r, c)
            )
        for n, action_id in enumerate(SCORE_KEYS):
            self.keys[action_id].triggered.connect(lambda _=False, n=n: self.score(n))
        self.keys[ActionId.TAKE_BACK_SCORE].triggered.connect(self.take_back_score)
        self.keys[ActionId.EDIT_CARD_KEY].triggered.connect(self.edit_selected)

    def set_presenting(self, on: bool, *, top_margin: int = 0) -> None:
        """Presenter mode: no scroll bars, room at the top for the presenter bar."""
        policy = (
            Qt.ScrollBarPolicy.ScrollBarAlwaysOff if on else Qt.ScrollBarPolicy.ScrollBarAsNeeded
        )
        self.setHorizontalScrollBarPolicy(policy)
        self.setVerticalScrollBarPolicy(policy)
        self._top_margin = top_margin if on else 0
        self._place_side()

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
            room = QSize(self.width(), self.height() - self._top_margin - 2 * margin)
            size = side.fit(room)  # type: ignore[attr-defined]
            right = size.width() + 2 * margin
            bar = self.verticalScrollBar()
            edge = self.width() - self.frameWidth() - (bar.width() if bar.isVisible() else 0)
            side.move(edge - size.width() - margin, self._top_margin + margin)
            side.raise_()
        self.setViewportMargins(0, self._top_margin, right, 0)

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

    @property
    def zoom(self) -> float:
        return self.transform().m11()

    def set_zoom(self, factor: float) -> None:
        factor = max(MIN_ZOOM, min(MAX_ZOOM, factor))
        current = self.zoom
        if current > 0 and abs(factor - current) > 1e-9:
            self.scale(factor / current, factor / current)
            self.zoom_changed.emit(factor)

    def zoom_in(self) -> None:
        self.set_zoom(self.zoom * ZOOM_STEP)

    def zoom_out(self) -> None:
        self.set_zoom(self.zoom / ZOOM_STEP)

    def fit_all(self) -> None:
        self._fit(self.board.itemsBoundingRect())

    def fit_cell(self) -> None:
        cell = self.board.session.current_cell
        if cell is None or cell not in self.board.cells:
            self.fit_all()
            return
        self._fit(self.board.cells[cell].rect.adjusted(-20, -20, 20, 20))

    def _fit(self, rect: QRectF) -> None:
        if rect.isEmpty():
            return
        self.fitInView(rect, Qt.AspectRatioMode.KeepAspectRatio)
        if self.zoom > MAX_ZOOM or self.zoom < MIN_ZOOM:
            self.set_zoom(self.zoom)
        self.zoom_changed.emit(self.zoom)

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
