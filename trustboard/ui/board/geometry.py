"""Where everything sits on the board, computed without Qt so it is cheap and testable.

A cell shows one layer as two columns of cards, or both layers side by side as two lanes
(as-is left, to-be right). Rows grow to fit their fullest cell, so no card is ever hidden.

A row's height does not depend on which layer is shown, and it keeps room to spare: it is
sized for its fullest lane with both layers side by side (one column each), rounded up to
RESERVE_ROWS card rows. Switching layer or perspective so leaves every cell where it was,
and adding or removing a card moves nothing until a lane outgrows its reserve (one card in
RESERVE_ROWS), so the next click lands where the user aimed. As tall as the two-layer
board always was; a single layer's two columns have room to spare.

`Layout` keeps this up to date edit by edit: a card change re-flows only the lanes it
touches, and a card's place is kept relative to its row, so a row that grows moves the
rows below it, not every card in them. `compute` lays out a whole board in one go.
"""

from __future__ import annotations

from bisect import bisect_left, insort
from collections.abc import Iterable
from dataclasses import dataclass, field

from trustboard.domain.framework import Cell, Framework
from trustboard.domain.workshop import Card, Layer

CARD_W = 210.0
CARD_H = 128.0
GAP = 12.0
PAD = 14.0
CELL_TOP = 54.0  # room for the rating badges at the top of a cell
ROW_HEADER_W = 440.0  # wide enough for a name in type the back row reads, zoomed out
COL_HEADER_H = 140.0
MIN_CARD_ROWS = 2
RESERVE_ROWS = 2  # rows grow in steps of this many card rows
CELL_W = PAD * 2 + CARD_W * 2 + GAP

Rect = tuple[float, float, float, float]  # x, y, width, height
LaneKey = tuple[Cell | None, Layer]
RowKey = str | None  # an element's id; None for the Unsorted area below the grid
Slot = tuple[RowKey, float, float]  # a card's row, and its top-left within that row


def _sort_key(card: Card) -> tuple[float, str]:
    return (card.order, card.id)


@dataclass
class BoardGeometry:
    columns: dict[str, Rect] = field(default_factory=dict)  # domain id -> header rect
    rows: dict[str, Rect] = field(default_factory=dict)  # element id -> header rect
    cells: dict[Cell, Rect] = field(default_factory=dict)
    lanes: dict[LaneKey, Rect] = field(default_factory=dict)
    slots: dict[str, Slot] = field(default_factory=dict)  # shown cards only
    row_tops: dict[RowKey, float] = field(default_factory=dict)
    lane_columns: dict[LaneKey, int] = field(default_factory=dict)
    unsorted: Rect | None = None
    bounds: Rect = (0.0, 0.0, 0.0, 0.0)

    def card_pos(self, card_id: str) -> tuple[float, float] | None:
        """Where a card's top-left sits on the board; None when it is not shown."""
        slot = self.slots.get(card_id)
        if slot is None:
            return None
        row, x, y = slot
        return (x, self.row_tops[row] + y)

    def lane_at(self, x: float, y: float) -> LaneKey | None:
        for key, (lx, ly, lw, lh) in self.lanes.items():
            if lx <= x <= lx + lw and ly <= y <= ly + lh:
                return key
        return None

    def cell_at(self, x: float, y: float) -> Cell | None:
        for cell, (cx, cy, cw, ch) in self.cells.items():
            if cx <= x <= cx + cw and cy <= y <= cy + ch:
                return cell
        return None

    def index_at(self, lane: LaneKey, x: float, y: float, count: int) -> int:
        """The position a card dropped at (x, y) takes among `count` cards of the lane."""
        lx, ly, _, _ = self.lanes[lane]
        ncols = self.lane_columns[lane]
        col = min(ncols - 1, max(0, int((x - lx) // (CARD_W + GAP))))
        row = max(0, int((y - ly + CARD_H / 2) // (CARD_H + GAP)))
        return max(0, min(count, row * ncols + col))


def _lane_height(n: int, ncols: int) -> float:
    rows = max(MIN_CARD_ROWS, -(-n // ncols))
    return _rows_height(rows)


def _rows_height(rows: int) -> float:
    return rows * CARD_H + (rows - 1) * GAP


def _reserved_rows(fullest: int) -> int:
    """Card rows a grid row keeps for a lane of `fullest` cards, in any layer mode."""
    return max(MIN_CARD_ROWS, -(-fullest // RESERVE_ROWS) * RESERVE_ROWS)


@dataclass
class LayoutChange:
    """What one `Layout.update` moved, so the board touches only those items."""

    slots: dict[str, Slot | None] = field(default_factory=dict)  # None: no longer shown
    rows: set[RowKey] = field(default_factory=set)  # rows whose top or height changed
    cells: set[Cell] = field(default_factory=set)  # cells whose rect or cards changed
    unsorted: bool = False  # the Unsorted area appeared, went, or moved
    bounds: bool = False


class Layout:
    """The board's layout for the shown `layers`, kept current one card change at a time."""

    def __init__(self, framework: Framework, cards: Iterable[Card],
                 layers: tuple[Layer, ...]) -> None:  # fmt: skip
        self.framework = framework
        self.layers = layers
        self.ncols = 1 if len(layers) == 2 else 2
        self.domains = [d.id for d in framework.active_domains]
        self.members: dict[LaneKey, list[Card]] = {}  # every lane, shown or not, in order
        for card in cards:
            self.members.setdefault((card.cell, card.layer), []).append(card)
        for lane_cards in self.members.values():
            lane_cards.sort(key=_sort_key)
        self.geometry = BoardGeometry()
        self._width = 0.0
        self._lay_out_all()

    # -- queries ---------------------------------------------------------------------

    def count(self, lane: LaneKey) -> int:
        return len(self.members.get(lane, ()))

    def hidden_in(self, cell: Cell) -> int:
        """Cards of `cell` in the layer that is not shown."""
        return sum(self.count((cell, layer)) for layer in Layer if layer not in self.layers)

    def in_switched_off_columns(self) -> int:
        active = set(self.domains)
        return sum(
            len(cards)
            for (cell, _), cards in self.members.items()
            if cell is not None and cell[1] not in active
        )

    # -- the whole board -------------------------------------------------------------

    def _lay_out_all(self) -> None:
        g = self.geometry
        x = ROW_HEADER_W + GAP
        for d in self.domains:
            g.columns[d] = (x, 0.0, CELL_W, COL_HEADER_H)
            x += CELL_W + GAP
        self._width = x
        y = COL_HEADER_H + GAP
        for e in self.framework.elements:
            y = self._place_row(e.id, y) + GAP
            for d in self.domains:
                for layer in self.layers:
                    self._flow_lane(((e.id, d), layer), 0, None)
        self._place_unsorted(y)
        self._flow_unsorted(None)

    def _row_height(self, element: str) -> float:
        """The same for every layer mode: the fullest lane of either layer, one card per
        row (both layers side by side), with room to spare (see `_reserved_rows`)."""
        fullest = max(
            (self.count(((element, d), layer)) for d in self.domains for layer in Layer),
            default=0,
        )
        return _rows_height(_reserved_rows(fullest))

    def _place_row(self, element: str, y: float) -> float:
        """Put the row's header, cells and lanes at `y`; returns the row's bottom."""
        g = self.geometry
        tallest = self._row_height(element)
        row_h = CELL_TOP + tallest + PAD
        g.rows[element] = (0.0, y, ROW_HEADER_W, row_h)
        g.row_tops[element] = y
        lane_w = self.ncols * CARD_W + (self.ncols - 1) * GAP
        for d in self.domains:
            cx = g.columns[d][0]
            cell = (element, d)
            g.cells[cell] = (cx, y, CELL_W, row_h)
            lx = cx + PAD
            for layer in self.layers:
                key = (cell, layer)
                g.lanes[key] = (lx, y + CELL_TOP, lane_w, tallest)
                g.lane_columns[key] = self.ncols
                lx += lane_w + GAP
        return y + row_h

    def _flow_lane(self, lane: LaneKey, start: int, moved: dict[str, Slot | None] | None) -> None:
        """Place the lane's cards from index `start` on, noting in `moved` whose slot changed."""
        element = lane[0][0] if lane[0] is not None else None
        g = self.geometry
        ncols = self.ncols
        lx = g.lanes[lane][0]
        slots = g.slots
        for i, card in enumerate(self.members.get(lane, ())[start:], start):
            row, col = divmod(i, ncols)
            slot = (element, lx + col * (CARD_W + GAP), CELL_TOP + row * (CARD_H + GAP))
            if moved is not None and slots.get(card.id) != slot:
                moved[card.id] = slot
            slots[card.id] = slot

    def _unsorted_cards(self) -> list[Card]:
        cards = [c for layer in self.layers for c in self.members.get((None, layer), ())]
        if len(self.layers) == 2:
            cards.sort(key=_sort_key)
        return cards

    def _place_unsorted(self, y: float) -> None:
        g = self.geometry
        for layer in self.layers:
            g.lanes.pop((None, layer), None)
            g.lane_columns.pop((None, layer), None)
        count = sum(self.count((None, layer)) for layer in self.layers)
        g.unsorted = None
        g.row_tops[None] = y
        if count:
            per_row = self._per_row()
            lane_h = _lane_height(count, per_row)
            g.unsorted = (0.0, y, self._width - GAP, CELL_TOP + lane_h + PAD)
            ux = ROW_HEADER_W + GAP + PAD
            for layer in self.layers:
                key: LaneKey = (None, layer)
                g.lanes[key] = (ux, y + CELL_TOP, per_row * (CARD_W + GAP), lane_h)
                g.lane_columns[key] = per_row
            y += CELL_TOP + lane_h + PAD + GAP
        g.bounds = (0.0, 0.0, self._width, y)

    def _per_row(self) -> int:
        return max(2, int((self._width - ROW_HEADER_W - GAP) // (CARD_W + GAP)))

    def _flow_unsorted(self, moved: dict[str, Slot | None] | None) -> None:
        g = self.geometry
        per_row = self._per_row()
        ux = ROW_HEADER_W + GAP + PAD
        for i, card in enumerate(self._unsorted_cards()):
            row, col = divmod(i, per_row)
            slot: Slot = (None, ux + col * (CARD_W + GAP), CELL_TOP + row * (CARD_H + GAP))
            if moved is not None and g.slots.get(card.id) != slot:
                moved[card.id] = slot
            g.slots[card.id] = slot

    # -- one edit --------------------------------------------------------------------

    def update(self, changes: Iterable[tuple[Card | None, Card | None]]) -> LayoutChange:
        """Cards changed (before, after; None where added or removed): re-flow their lanes."""
        out = LayoutChange()
        g = self.geometry
        starts: dict[LaneKey, int] = {}  # per touched lane, the first index that moved
        for before, after in changes:
            if (
                before is not None
                and after is not None
                and (before.cell, before.layer) == (after.cell, after.layer)
                and _sort_key(before) == _sort_key(after)
            ):  # text, votes, kind...: same place, so nothing to re-flow
                cards = self.members.get((before.cell, before.layer), [])
                i = bisect_left(cards, _sort_key(before), key=_sort_key)
                if i < len(cards) and cards[i].id == before.id:
                    cards[i] = after
                    continue
            if before is not None:
                lane = (before.cell, before.layer)
                cards = self.members.get(lane, [])
                i = bisect_left(cards, _sort_key(before), key=_sort_key)
                if i < len(cards) and cards[i].id == before.id:
                    del cards[i]
                else:  # not where its order says: find it the slow way
                    i = next((n for n, c in enumerate(cards) if c.id == before.id), len(cards))
                    del cards[i : i + 1]
                starts[lane] = min(starts.get(lane, i), i)
                if g.slots.pop(before.id, None) is not None:
                    out.slots[before.id] = None
            if after is not None:
                lane = (after.cell, after.layer)
                cards = self.members.setdefault(lane, [])
                insort(cards, after, key=_sort_key)
                i = bisect_left(cards, _sort_key(after), key=_sort_key)
                starts[lane] = min(starts.get(lane, i), i)
        shown = set(self.layers)
        rows: set[str] = set()
        for cell, _ in starts:
            if cell is not None:
                out.cells.add(cell)
                if cell in g.cells:  # a hidden layer's lane sizes its row too
                    rows.add(cell[0])
        self._grow_rows(rows, out)
        unsorted_touched = any(cell is None and layer in shown for cell, layer in starts)
        for lane, start in starts.items():
            if lane[0] is not None and lane in g.lanes:
                self._flow_lane(lane, start, out.slots)
        if unsorted_touched or out.rows:
            self._refresh_unsorted(out, unsorted_touched)
        for card_id, slot in list(out.slots.items()):
            if slot is None and card_id in g.slots:
                out.slots[card_id] = g.slots[card_id]  # removed and put back: a move
        return out

    def _grow_rows(self, rows: set[str], out: LayoutChange) -> None:
        """Rows whose tallest lane changed height take their new height; those below shift."""
        g = self.geometry
        elements = [e.id for e in self.framework.elements]
        changed = [e for e in elements if e in rows and
                   CELL_TOP + self._row_height(e) + PAD != g.rows[e][3]]  # fmt: skip
        if not changed:
            return
        first = elements.index(changed[0])
        y = g.rows[elements[first]][1]
        for e in elements[first:]:
            old = g.rows[e]
            bottom = self._place_row(e, y)
            if g.rows[e] != old:
                out.rows.add(e)
                out.cells.update((e, d) for d in self.domains)
            y = bottom + GAP

    def _refresh_unsorted(self, out: LayoutChange, touched: bool) -> None:
        g = self.geometry
        elements = self.framework.elements
        y = COL_HEADER_H + GAP
        if elements:
            _, top, _, height = g.rows[elements[-1].id]
            y = top + height + GAP
        before, bounds = g.unsorted, g.bounds
        self._place_unsorted(y)
        if touched:
            self._flow_unsorted(out.slots)
        out.unsorted = g.unsorted != before
        if out.unsorted:
            out.rows.add(None)
        out.bounds = g.bounds != bounds


def compute(
    framework: Framework,
    cards: Iterable[Card],
    layers: tuple[Layer, ...],
) -> BoardGeometry:
    """Lay out the grid for the shown `layers` (one layer, or both side by side)."""
    return Layout(framework, cards, layers).geometry
