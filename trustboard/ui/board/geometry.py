"""Where everything sits on the board, computed without Qt so it is cheap and testable.

A cell shows one layer as two columns of cards, or both layers side by side as two lanes
(as-is left, to-be right). Rows grow to fit their fullest cell, so no card is ever hidden.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from trustboard.domain.framework import Cell, Framework
from trustboard.domain.workshop import Card, Layer

CARD_W = 210.0
CARD_H = 128.0
GAP = 12.0
PAD = 14.0
CELL_TOP = 54.0  # room for the rating badges at the top of a cell
ROW_HEADER_W = 250.0
COL_HEADER_H = 140.0
MIN_CARD_ROWS = 2
CELL_W = PAD * 2 + CARD_W * 2 + GAP

Rect = tuple[float, float, float, float]  # x, y, width, height
LaneKey = tuple[Cell | None, Layer]


@dataclass
class BoardGeometry:
    columns: dict[str, Rect] = field(default_factory=dict)  # domain id -> header rect
    rows: dict[str, Rect] = field(default_factory=dict)  # element id -> header rect
    cells: dict[Cell, Rect] = field(default_factory=dict)
    lanes: dict[LaneKey, Rect] = field(default_factory=dict)
    cards: dict[str, tuple[float, float]] = field(default_factory=dict)  # card id -> top-left
    lane_columns: dict[LaneKey, int] = field(default_factory=dict)
    unsorted: Rect | None = None
    bounds: Rect = (0.0, 0.0, 0.0, 0.0)

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
    return rows * CARD_H + (rows - 1) * GAP


def compute(
    framework: Framework,
    cards: Iterable[Card],
    layers: tuple[Layer, ...],
) -> BoardGeometry:
    """Lay out the grid for the shown `layers` (one layer, or both side by side)."""
    both = len(layers) == 2
    ncols = 1 if both else 2
    by_lane: dict[LaneKey, list[Card]] = {}
    for card in cards:
        if card.layer in layers:
            by_lane.setdefault((card.cell, card.layer), []).append(card)
    for lane_cards in by_lane.values():
        lane_cards.sort(key=lambda c: (c.order, c.id))

    g = BoardGeometry()
    domains = framework.active_domains
    x = ROW_HEADER_W + GAP
    for d in domains:
        g.columns[d.id] = (x, 0.0, CELL_W, COL_HEADER_H)
        x += CELL_W + GAP
    width = x
    y = COL_HEADER_H + GAP
    for e in framework.elements:
        tallest = max(
            (_lane_height(len(by_lane.get(((e.id, d.id), layer), [])), ncols)
             for d in domains for layer in layers),
            default=_lane_height(0, ncols),
        )  # fmt: skip
        row_h = CELL_TOP + tallest + PAD
        g.rows[e.id] = (0.0, y, ROW_HEADER_W, row_h)
        for d in domains:
            cx = g.columns[d.id][0]
            cell = (e.id, d.id)
            g.cells[cell] = (cx, y, CELL_W, row_h)
            _place_lanes(g, cell, layers, cx, y + CELL_TOP, tallest, by_lane)
        y += row_h + GAP
    unsorted = [c for lane, cs in by_lane.items() if lane[0] is None for c in cs]
    if unsorted:
        per_row = max(2, int((width - ROW_HEADER_W - GAP) // (CARD_W + GAP)))
        lane_h = _lane_height(len(unsorted), per_row)
        g.unsorted = (0.0, y, width - GAP, CELL_TOP + lane_h + PAD)
        ux = ROW_HEADER_W + GAP + PAD
        for layer in layers:
            key: LaneKey = (None, layer)
            g.lanes[key] = (ux, y + CELL_TOP, per_row * (CARD_W + GAP), lane_h)
            g.lane_columns[key] = per_row
        _flow(g, ux, y + CELL_TOP, per_row, sorted(unsorted, key=lambda c: (c.order, c.id)))
        y += CELL_TOP + lane_h + PAD + GAP
    g.bounds = (0.0, 0.0, width, y)
    return g


def _place_lanes(
    g: BoardGeometry,
    cell: Cell,
    layers: tuple[Layer, ...],
    x: float,
    y: float,
    height: float,
    by_lane: Mapping[LaneKey, list[Card]],
) -> None:
    ncols = 1 if len(layers) == 2 else 2
    lane_w = ncols * CARD_W + (ncols - 1) * GAP
    lx = x + PAD
    for layer in layers:
        key = (cell, layer)
        g.lanes[key] = (lx, y, lane_w, height)
        g.lane_columns[key] = ncols
        _flow(g, lx, y, ncols, by_lane.get(key, []))
        lx += lane_w + GAP


def _flow(g: BoardGeometry, x: float, y: float, ncols: int, cards: list[Card]) -> None:
    for i, card in enumerate(cards):
        row, col = divmod(i, ncols)
        g.cards[card.id] = (x + col * (CARD_W + GAP), y + row * (CARD_H + GAP))
