"""The board scene: builds items from the workshop and follows the session's change signals."""

from __future__ import annotations

from collections import Counter

from PySide6.QtCore import QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QColor, QTransform
from PySide6.QtWidgets import (
    QGraphicsScene,
    QGraphicsSceneMouseEvent,
    QGraphicsSimpleTextItem,
)

from trustboard.document import Change
from trustboard.document.cards import staying_in
from trustboard.domain.framework import Cell
from trustboard.domain.workshop import Card, Layer, Perspective
from trustboard.ui.board import geometry
from trustboard.ui.board.geometry import BoardGeometry, LaneKey
from trustboard.ui.board.items import CardItem, CellItem, HeaderItem
from trustboard.ui.session import LayerMode, Session
from trustboard.ui.text import cell_label, literal_text
from trustboard.ui.theme import BoardTheme, rating_tint

_SHORT = {Perspective.SELF: "We", Perspective.CUSTOMER: "Customers"}


def _fmt(value: float | None) -> str:
    if value is None:
        return "–"
    return f"{value:g}" if value == int(value) else f"{value:.1f}"


class BoardScene(QGraphicsScene):
    """Scene follows model: edits go to the session, the scene redraws from `changed`."""

    edit_requested = Signal(str)  # card id whose text editor opened

    def __init__(self, session: Session, theme: BoardTheme) -> None:
        super().__init__()
        self.session = session
        self.theme = theme
        self.geometry = BoardGeometry()
        self.cards: dict[str, CardItem] = {}
        self.cells: dict[Cell, CellItem] = {}
        self.anonymous_view = False
        self._headers: list[HeaderItem] = []
        self._unsorted_label: QGraphicsSimpleTextItem | None = None
        self._hidden_note = QGraphicsSimpleTextItem()
        self.round_note = QGraphicsSimpleTextItem()
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
        self._headers.clear()
        self._unsorted_label = None
        self._hidden_note = QGraphicsSimpleTextItem()
        self._hidden_note.setFont(self.theme.font(14))
        self._hidden_note.setBrush(self.theme.muted_text)
        self.addItem(self._hidden_note)
        # Browsing an earlier round: say so above the grid, where the room looks.
        self.round_note = QGraphicsSimpleTextItem()
        self.round_note.setFont(self.theme.font(40, bold=True))
        self.round_note.setBrush(self.theme.current_border)
        self.addItem(self.round_note)
        fw = self.session.framework
        for e in fw.elements:
            for d in fw.active_domains:
                item = CellItem((e.id, d.id), (0, 0, 0, 0), self.theme)
                self.cells[(e.id, d.id)] = item
                self.addItem(item)
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
        self.cards[card.id] = item
        self.addItem(item)
        return item

    def refresh(self) -> None:
        """Recompute the layout and every cell's tint; cheap enough to run after each edit."""
        fw = self.session.framework
        rnd = self.session.round
        layers = self.layers
        self.geometry = geometry.compute(fw, rnd.cards.values(), layers)
        g = self.geometry
        self._place_headers()
        shown_layers = set(layers)
        active = {d.id for d in fw.active_domains}
        hidden_columns = 0
        for card_id, item in self.cards.items():
            pos = g.cards.get(card_id)
            card = item.card
            item.show_votes = not self.session.votes_hidden
            item.show_author = not (self.session.workshop.anonymous or self.anonymous_view)
            if pos is None:
                item.setVisible(False)
                if card.cell is not None and card.cell[1] not in active:
                    hidden_columns += 1
                continue
            item.setVisible(True)
            item.setPos(*pos)
        # One pass over the cards for every cell's "+N cards of the other layer" note;
        # counting per cell made each edit cost cells × cards on a big board.
        hidden = Counter(c.cell for c in rnd.cards.values() if c.layer not in shown_layers)
        for cell, cell_item in self.cells.items():
            cell_item.set_rect(g.cells[cell])
            self._decorate_cell(cell_item, shown_layers, hidden[cell])
            cell_item.update()
        self._place_unsorted()
        self._hidden_note.setText(
            f"{hidden_columns} card{'s' * (hidden_columns != 1)} in switched-off columns"
            if hidden_columns
            else ""
        )
        self._hidden_note.setPos(10, geometry.COL_HEADER_H - 30)
        x, y, w, h = g.bounds
        browsing = self.session.browsing
        self.round_note.setText(
            f"Earlier round: {self.session.round.label} — read-only" if browsing else ""
        )
        self.round_note.setVisible(False)  # each view pins it on top: it must not scroll away
        self.setSceneRect(QRectF(x - 40, y - 40, w + 80, h + 80))
        self.update()

    def _place_headers(self) -> None:
        for header in self._headers:
            self.removeItem(header)
        self._headers.clear()
        fw = self.session.framework
        for d in fw.active_domains:
            h = HeaderItem(d, self.geometry.columns[d.id], self.theme, is_row=False)
            self._headers.append(h)
        for e in fw.elements:
            h = HeaderItem(e, self.geometry.rows[e.id], self.theme, is_row=True)
            self._headers.append(h)
        for h in self._headers:
            self.addItem(h)

    def _place_unsorted(self) -> None:
        if self._unsorted_label is not None:
            self.removeItem(self._unsorted_label)
            self._unsorted_label = None
        if self.geometry.unsorted is None:
            return
        x, y, _, _ = self.geometry.unsorted
        label = QGraphicsSimpleTextItem("Unsorted — drag these cards into a cell")
        label.setFont(self.theme.font(20, bold=True))
        label.setBrush(self.theme.muted_text)
        label.setPos(x + 10, y + 12)
        self._unsorted_label = label
        self.addItem(label)

    def _decorate_cell(self, item: CellItem, shown: set[Layer], hidden: int) -> None:
        rnd = self.session.round
        fw = self.session.framework
        scale = fw.scale
        persp = self.session.perspective
        tint_layer = Layer.TO_BE if shown == {Layer.TO_BE} else Layer.AS_IS
        tint_rating = rnd.rating(item.cell, tint_layer, persp)
        item.tint = rating_tint(tint_rating.median, scale.minimum, scale.maximum, self.theme.cell)
        badges = []
        for layer in sorted(shown, key=lambda lay: lay.value):
            for p in (Perspective.SELF, Perspective.CUSTOMER):
                r = rnd.rating(item.cell, layer, p)
                if r.scores or p == persp:
                    prefix = f"{layer.value} " if len(shown) == 2 else ""
                    badges.append(f"{prefix}{_SHORT[p]} {_fmt(r.median)}")
        item.badges = badges
        item.disagreement = tint_rating.disagrees(scale)
        other = "to-be" if Layer.AS_IS in shown else "as-is"
        item.note = f"+{hidden} {other} card{'s' * (hidden != 1)}" if hidden else ""
        item.current = item.cell == self.session.current_cell
        item.setToolTip(literal_text(cell_label(fw, item.cell)))

    # -- following the model ---------------------------------------------------------

    def _on_changed(self, change: Change) -> None:
        if change.what in ("framework", "rounds"):
            self.rebuild()
            return
        if change.round_id and change.round_id != self.session.round.id:
            return
        if change.what == "cards":
            cards = self.session.round.cards
            for card_id in change.ids:
                card = cards.get(card_id)
                item = self.cards.get(card_id)
                if card is None and item is not None:
                    item.finish_edit(commit=False)
                    self.removeItem(item)
                    del self.cards[card_id]
                elif card is not None and item is None:
                    self._add_card_item(card)
                elif card is not None and item is not None:
                    item.set_card(card, self._colour(card))
        if change.what in ("cards", "rating", "details"):
            self.refresh()

    def _on_current_cell(self, cell: Cell | None) -> None:
        for c, item in self.cells.items():
            is_current = c == cell
            if item.current != is_current:
                item.current = is_current
                item.update()

    def _follow_selection(self) -> None:
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
        for item in list(self.cards.values()):
            item.finish_edit(commit=commit)

    def selected_card_ids(self) -> list[str]:
        ids = [i.card.id for i in self.selectedItems() if isinstance(i, CardItem)]
        order = {cid: n for n, cid in enumerate(self.cards)}
        return sorted(ids, key=lambda cid: order.get(cid, 0))

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
        if lane is None:
            self.refresh()
            return
        cell, layer = lane
        staying = staying_in(self.session.round, ids, cell, layer)
        index = (
            self.geometry.index_at(lane, pos.x(), pos.y(), len(staying))
            if lane in self.geometry.lanes
            else None
        )
        if not self.session.move_cards(ids, cell, layer, index):
            self.refresh()

    def add_card_at(self, pos: QPointF) -> str | None:
        """Double-click on a cell: a new card there, ready for typing."""
        lane = self.lane_for(pos)
        cell = lane[0] if lane else self.geometry.cell_at(pos.x(), pos.y())
        if cell is None and lane is None:
            return None
        layer = lane[1] if lane else self.session.layer
        card_id = self.session.add_card(cell, layer=layer)
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
