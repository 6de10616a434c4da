"""The board scene: builds items from the workshop and follows the session's change signals."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QColor, QGuiApplication, QTransform
from PySide6.QtWidgets import QGraphicsScene, QGraphicsSceneMouseEvent

from trustboard.document import Change
from trustboard.domain.framework import Cell
from trustboard.domain.workshop import Card, Layer
from trustboard.ui.board import geometry
from trustboard.ui.board.cell_item import CellItem
from trustboard.ui.board.decorate import decorate_cell
from trustboard.ui.board.geometry import BoardGeometry, LaneKey
from trustboard.ui.board.items import CardItem, unfold_one
from trustboard.ui.board.labels import HeaderItem, LabelItem
from trustboard.ui.board.mirrored import MirroredGeometry
from trustboard.ui.board.notes import round_banner, switched_off_note, unsorted_title
from trustboard.ui.board.settling import Settler
from trustboard.ui.board.zoom_cache import ZoomCache
from trustboard.ui.session import LayerMode, Session
from trustboard.ui.theme import BoardTheme


class BoardScene(QGraphicsScene):
    """Scene follows model: edits go to the session, the scene redraws from `changed`."""

    edit_requested = Signal(str)  # card id whose text editor opened
    bounds_changed = Signal(QRectF)  # the board's extent: what the views scroll over

    def __init__(self, session: Session, theme: BoardTheme) -> None:
        super().__init__()
        self.session = session
        self.theme = theme
        # A right-to-left language reads the board from the right: the first column at the
        # right, the row headers right of the cells (the layout, mirrored about x = 0).
        self.rtl = QGuiApplication.isRightToLeft()
        self.geometry: BoardGeometry | MirroredGeometry = BoardGeometry()
        self.board_rect = QRectF()
        self.layout = geometry.Layout(session.framework, (), self.layers)
        self.cards: dict[str, CardItem] = {}
        self.cells: dict[Cell, CellItem] = {}
        self.editing: set[CardItem] = set()  # cards whose text editor is open
        self.anonymous_view = False
        self._seq = 0
        self._column_headers: dict[str, HeaderItem] = {}
        self._row_headers: dict[str, HeaderItem] = {}
        self.settler = Settler(self._settle, lambda: self.layout.members, self)
        self.unsorted_label = LabelItem(theme, 20, bold=True)
        self.hidden_note = LabelItem(theme, 14)
        self.round_note = LabelItem(theme, 40)  # not in the scene: views pin it as a banner
        self._unfolded: set[CardItem] = set()
        self.zoom_cache = ZoomCache(self)
        self.setItemIndexMethod(QGraphicsScene.ItemIndexMethod.BspTreeIndex)
        self.setBackgroundBrush(theme.background)
        session.changed.connect(self._on_changed)
        session.view_changed.connect(self.refresh)
        session.viewed_round_changed.connect(self.rebuild)
        session.current_cell_changed.connect(self._on_current_cell)
        self.selectionChanged.connect(self._follow_selection)
        self.rebuild()

    # -- building --------------------------------------------------------------------

    @property
    def layers(self) -> tuple[Layer, ...]:
        mode = self.session.layer_mode
        if mode == LayerMode.BOTH:
            return (Layer.AS_IS, Layer.TO_BE)
        return (Layer.TO_BE,) if mode == LayerMode.TO_BE else (Layer.AS_IS,)

    def set_theme(self, theme: BoardTheme) -> None:
        self.theme = theme
        self.setBackgroundBrush(theme.background)
        self.rebuild()

    def rebuild(self) -> None:
        """Start over from the model (framework or round changed, theme switched)."""
        # Rebuilds follow model changes (undo, a new round): committing an open editor now
        # would push an edit in the middle of them. Callers commit first (finish_edits).
        self.finish_edits(commit=False)
        self.clear()
        self.cards.clear()
        self.cells.clear()
        self.editing.clear()
        self._column_headers.clear()
        self._row_headers.clear()
        self.settler.clear()
        self._seq = 0
        self._unfolded.clear()
        self.unsorted_label = LabelItem(self.theme, 20, bold=True)
        self.hidden_note = LabelItem(self.theme, 14)
        self.round_note = LabelItem(self.theme, 40)
        for label in (self.unsorted_label, self.hidden_note):
            self.addItem(label)
        fw = self.session.framework
        for e in fw.elements:
            for d in fw.active_domains:
                item = CellItem((e.id, d.id), (0, 0, 0, 0), self.theme)
                self.cells[(e.id, d.id)] = item
                self.addItem(item)
        for d in fw.active_domains:
            self._column_headers[d.id] = HeaderItem(d, (0, 0, 0, 0), self.theme, is_row=False)
        for e in fw.elements:
            self._row_headers[e.id] = HeaderItem(e, (0, 0, 0, 0), self.theme, is_row=True)
        for h in (*self._column_headers.values(), *self._row_headers.values()):
            self.addItem(h)
        for card in self.session.round.cards.values():
            self._add_card_item(card)
        self.refresh()

    def _colour(self, card: Card) -> QColor:
        try:
            return QColor(self.session.framework.card_kind(card.kind).colour)
        except KeyError:
            return QColor("#eeeeee")

    def _add_card_item(self, card: Card) -> CardItem:
        item = CardItem(card, self.theme, self._colour(card))
        item.show_author = not (self.session.workshop.anonymous or self.anonymous_view)
        item.show_votes = not self.session.votes_hidden
        self._seq += 1
        item.seq = self._seq
        self.cards[card.id] = item
        item.setVisible(False)  # until the layout gives it a place
        self.addItem(item)
        return item

    def refresh(self) -> None:
        """Lay out the whole board again (the view changed: layers, perspective, details)."""
        self.layout = geometry.Layout(
            self.session.framework, self.session.round.cards.values(), self.layers
        )
        self.geometry = MirroredGeometry(self.layout.geometry) if self.rtl else self.layout.geometry
        show_votes = not self.session.votes_hidden
        show_author = not (self.session.workshop.anonymous or self.anonymous_view)
        for card_id, item in self.cards.items():
            if item.show_votes != show_votes or item.show_author != show_author:
                item.show_votes, item.show_author = show_votes, show_author
                item.update()
            self._place(item, self.geometry.slots.get(card_id))
        self.settler.clear()
        self._place_headers()
        self._decorate(set(self.cells))
        self._place_unsorted()
        self._note_hidden()
        banner = round_banner(self.session.round.label, self.session.browsing)
        self.round_note.set(banner, QRectF())
        self._fit_scene_rect(reset=True)
        self.update()

    def _place(self, item: CardItem, slot: geometry.Slot | None) -> None:
        if slot is None:
            item.setVisible(False)
            return
        row, x, y = slot
        if self.rtl:
            x = MirroredGeometry.card_x(x)
        item.setPos(x, self.geometry.row_tops[row] + y)
        item.setVisible(True)

    def _place_headers(self) -> None:
        g = self.geometry
        for element, header in self._row_headers.items():
            header.set_rect(g.rows[element])
        for domain, header in self._column_headers.items():
            header.set_rect(g.columns[domain])

    def _move_rows(self, rows: set[geometry.RowKey], shift: float) -> None:
        """Rows moved (by up to `shift`): their cards in sight move now, the rest settle."""
        lanes = [lane for lane in self.layout.members if lane[1] in self.layers
                 and (lane[0][0] if lane[0] is not None else None) in rows]  # fmt: skip
        in_sight = QRectF()
        for view in self.views():
            in_sight |= view.mapToScene(view.viewport().rect()).boundingRect()
        # Cards in sight now, and those the move brings into sight from up to `shift` away.
        near = in_sight.adjusted(0, -shift, 0, shift)
        mode = Qt.ItemSelectionMode.IntersectsItemBoundingRect
        self.settler.rows_moved(
            lanes, lambda: [i.card.id for i in self.items(near, mode) if isinstance(i, CardItem)]
        )

    def _settle(self, ids: Iterable[str]) -> None:
        slots = self.geometry.slots
        for card_id in ids:
            item = self.cards.get(card_id)
            if item is not None:
                self._place(item, slots.get(card_id))

    def _decorate(self, cells: set[Cell]) -> None:
        shown = set(self.layers)
        for cell in cells:
            item = self.cells.get(cell)
            if item is None:
                continue
            looks = item.looks()
            item.set_rect(self.geometry.cells[cell])
            cards = [c for layer in shown for c in self.layout.members.get((cell, layer), ())]
            decorate_cell(item, self.session, self.theme, shown, self.layout.hidden_in(cell), cards)
            if item.looks() != looks:
                item.update()  # a cell is big: repaint it only when it shows something new

    def _note_hidden(self) -> None:
        text, corner = switched_off_note(self.layout.in_switched_off_columns(), rtl=self.rtl)
        self.hidden_note.set(text, corner)

    def _fit_scene_rect(self, *, reset: bool = False) -> None:
        """Tell the views the board's extent. The scene's own rect only ever grows, with
        room to spare, as Qt rebuilds its item index each time that rect changes."""
        x, y, w, h = self.geometry.bounds
        board = QRectF(x - 40, y - 40, w + 80, h + 80)
        self.board_rect = board
        if reset or not self.sceneRect().contains(board):
            self.setSceneRect(board.adjusted(0, 0, 0, board.height() / 2))
        self.bounds_changed.emit(board)

    def _place_unsorted(self) -> None:
        n = sum(self.layout.count((None, layer)) for layer in self.layers)
        self.unsorted_label.set(*unsorted_title(n, self.geometry.unsorted, rtl=self.rtl))

    # -- following the model ---------------------------------------------------------

    def _on_changed(self, change: Change) -> None:
        """Redraw what `change` names: its cards and their lanes, or its cells' ratings."""
        if change.what in ("framework", "rounds"):
            self.rebuild()
            return
        if change.round_id and change.round_id != self.session.round.id:
            return
        if change.what == "cards":
            self._cards_changed(change.ids)
        elif change.what == "rating":
            self._decorate({cell for cell in change.ids if cell in self.cells})
        elif change.what == "details":
            self.refresh()

    def _cards_changed(self, ids: Iterable[str]) -> None:
        cards = self.session.round.cards
        moves: list[tuple[Card | None, Card | None]] = []
        for card_id in ids:
            card = cards.get(card_id)
            item = self.cards.get(card_id)
            if item is not None:
                if item.card == card:
                    continue
                moves.append((item.card, card))
            elif card is not None:
                moves.append((None, card))
            if card is None and item is not None:
                item.finish_edit(commit=False)
                self.editing.discard(item)
                self.removeItem(item)
                del self.cards[card_id]
            elif card is not None and item is None:
                self._add_card_item(card)
            elif card is not None and item is not None:
                item.set_card(card, self._colour(card))
        if not moves:
            return
        tops = dict(self.geometry.row_tops)
        done = self.layout.update(moves)
        self.settler.restart()  # a lane still settling may have changed
        for card_id, slot in done.slots.items():
            moved = self.cards.get(card_id)
            if moved is not None:
                self._place(moved, slot)
        if done.rows:
            g = self.geometry
            self._place_headers()
            moved = {r: abs(g.row_tops[r] - tops[r]) for r in done.rows if r in tops}
            moved = {r: dy for r, dy in moved.items() if dy}
            if moved:
                self._move_rows(set(moved), max(moved.values()) + geometry.CARD_H)
        self._decorate(done.cells)
        if done.unsorted or any(c is not None and c.cell is None for move in moves for c in move):
            self._place_unsorted()
        if any(c is not None and c[1] not in self.layout.domains for c in done.cells):
            self._note_hidden()
        if done.bounds:
            self._fit_scene_rect()

    def _on_current_cell(self, cell: Cell | None) -> None:
        for c, item in self.cells.items():
            is_current = c == cell
            if item.current != is_current:
                item.current = is_current
                item.update()

    def lod(self) -> float:
        """The largest scale a view shows the board at: what an unfolded card grows for."""
        return max((v.transform().m11() for v in self.views()), default=1.0)

    def unfold_selected(self) -> None:
        """The one selected card grows to show all its text; the rest go back to size."""
        self._unfolded = unfold_one(self.selectedItems(), self._unfolded, self.lod())

    def _follow_selection(self) -> None:
        self.unfold_selected()
        selected = self.selected_card_ids()
        if len(selected) == 1:
            card = self.session.round.cards.get(selected[0])
            if card is not None and card.cell is not None:
                self.session.set_current_cell(card.cell)

    # -- queries and gestures --------------------------------------------------------

    def show_drop_target(self, pos: QPointF | None) -> None:
        """Outline the cell a dragged card would land in (None: the drag is over)."""
        target = self.geometry.cell_at(pos.x(), pos.y()) if pos is not None else None
        for cell, item in self.cells.items():
            hit = cell == target
            if item.drop_target != hit:
                item.drop_target = hit
                item.update()

    def finish_edits(self, *, commit: bool = True) -> None:
        """Close any card's text editor, keeping (commit) or dropping what was typed."""
        for item in list(self.editing):
            item.finish_edit(commit=commit)
        self.editing.clear()

    def selected_card_ids(self) -> list[str]:
        items = [i for i in self.selectedItems() if isinstance(i, CardItem)]
        return [i.card.id for i in sorted(items, key=lambda i: i.seq)]

    def card_item(self, card_id: str) -> CardItem | None:
        return self.cards.get(card_id)

    def lane_for(self, pos: QPointF) -> LaneKey | None:
        return self.geometry.lane_at(pos.x(), pos.y())

    def drop_selected(self, grabbed: CardItem, pos: QPointF) -> None:
        """Cards were dragged: move them where the pointer is, or snap back if nowhere."""
        lane = self.lane_for(pos)
        if lane is None:
            cell = self.geometry.cell_at(pos.x(), pos.y())
            lane = (cell, self.session.layer) if cell is not None else None
        ids = self.selected_card_ids() or [grabbed.card.id]
        if grabbed.card.id not in ids:
            ids = [grabbed.card.id]
        if lane is not None:
            cell, layer = lane
            rnd = self.session.round
            moving = sum(1 for i in ids if (c := rnd.cards.get(i)) and (c.cell, c.layer) == lane)
            staying = self.layout.count(lane) - moving
            index = (
                self.geometry.index_at(lane, pos.x(), pos.y(), staying)
                if lane in self.geometry.lanes
                else None
            )
            self.session.move_cards(ids, cell, layer, index)
        dragged = [i.card.id for i in self.selectedItems() if isinstance(i, CardItem)]
        self._snap_back([*dragged, grabbed.card.id])

    def _snap_back(self, ids: Iterable[str]) -> None:
        """Dragged cards the edit did not move (or nowhere to drop) go back to their place."""
        for card_id in ids:
            item = self.cards.get(card_id)
            if item is not None:
                self._place(item, self.geometry.slots.get(card_id))

    def add_card_at(self, pos: QPointF) -> str | None:
        """Double-click on a cell: a new card there, ready for typing."""
        lane = self.lane_for(pos)
        cell = lane[0] if lane else self.geometry.cell_at(pos.x(), pos.y())
        if cell is None and lane is None:
            return None
        return self.add_card_in(cell, lane[1] if lane else self.session.layer)

    def add_card_in(self, cell: Cell | None, layer: Layer | None = None) -> str | None:
        card_id = self.session.add_card(cell, layer=layer or self.session.layer)
        if card_id is not None and card_id in self.cards:
            self.cards[card_id].start_edit(new=True)
        return card_id

    def mouseDoubleClickEvent(self, event: QGraphicsSceneMouseEvent) -> None:  # noqa: N802
        views = self.views()
        item = self.itemAt(event.scenePos(), views[0].transform() if views else QTransform())
        if isinstance(item, CardItem) or (
            item is not None and isinstance(item.parentItem(), CardItem)
        ):
            super().mouseDoubleClickEvent(event)
            return
        if event.button() == Qt.MouseButton.LeftButton:
            self.add_card_at(event.scenePos())

    def mousePressEvent(self, event: QGraphicsSceneMouseEvent) -> None:  # noqa: N802
        super().mousePressEvent(event)
        cell = self.geometry.cell_at(event.scenePos().x(), event.scenePos().y())
        if cell is not None:
            self.session.set_current_cell(cell)
