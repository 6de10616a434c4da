"""The board's layout, without Qt: every card inside its lane, its lane inside its cell,
nothing overlapping, and a drop point mapped to the place the card shows there."""

from __future__ import annotations

import pytest

from trustboard.domain.framework import Framework
from trustboard.domain.workshop import Card, Layer
from trustboard.ui.board.geometry import CARD_H, CARD_W, BoardGeometry, Rect, compute

BOTH = (Layer.AS_IS, Layer.TO_BE)
ONE = (Layer.AS_IS,)


def _cards(rtx: Framework) -> list[Card]:
    """A full cell, a few others, both layers, and some unsorted cards."""
    cells = list(rtx.cells())
    cards = [Card(f"c-full-{i:02d}", "", cells[0], Layer.AS_IS, order=float(i)) for i in range(7)]
    for n, cell in enumerate(cells[1:6], start=1):
        for i in range(n):
            layer = Layer.TO_BE if i % 2 else Layer.AS_IS
            cards.append(Card(f"c-{n}-{i}", "", cell, layer, order=float(i)))
    cards += [Card(f"c-none-{i}", "", None, Layer.AS_IS, order=float(i)) for i in range(5)]
    return cards


def _inside(inner: Rect, outer: Rect) -> bool:
    x, y, w, h = inner
    ox, oy, ow, oh = outer
    return ox <= x and oy <= y and x + w <= ox + ow and y + h <= oy + oh


def _overlap(a: Rect, b: Rect) -> bool:
    return a[0] < b[0] + b[2] and b[0] < a[0] + a[2] and a[1] < b[1] + b[3] and b[1] < a[1] + a[3]


def _card_rect(g: BoardGeometry, card_id: str) -> Rect:
    x, y = g.card_pos(card_id)
    return (x, y, CARD_W, CARD_H)


def _lane_of(card: Card) -> tuple[object, Layer]:
    return (card.cell, card.layer)


@pytest.mark.parametrize("layers", [ONE, BOTH], ids=["one layer", "both layers"])
def test_every_card_sits_in_its_lane_and_no_two_overlap(
    rtx: Framework, layers: tuple[Layer, ...]
) -> None:
    cards = _cards(rtx)
    g = compute(rtx, cards, layers)
    shown = [c for c in cards if c.layer in layers]
    assert set(g.slots) == {c.id for c in shown}
    rects = {c.id: _card_rect(g, c.id) for c in shown}
    for card in shown:
        assert _inside(rects[card.id], g.lanes[_lane_of(card)]), card.id  # type: ignore[index]
        if card.cell is not None:
            assert _inside(g.lanes[_lane_of(card)], g.cells[card.cell]), card.id  # type: ignore[index]
        else:
            assert g.unsorted is not None and _inside(rects[card.id], g.unsorted)
    ids = list(rects)
    for i, a in enumerate(ids):
        for b in ids[i + 1 :]:
            assert not _overlap(rects[a], rects[b]), (a, b)
    cells = list(g.cells.values())
    for i, a in enumerate(cells):
        assert _inside(a, g.bounds)
        for b in cells[i + 1 :]:
            assert not _overlap(a, b)
    lanes = [rect for key, rect in g.lanes.items() if key[0] is not None]
    # (the unsorted area is one lane that either layer's unsorted cards flow into)
    for i, a in enumerate(lanes):
        assert _inside(a, g.bounds)
        for b in lanes[i + 1 :]:
            assert not _overlap(a, b)
    assert g.unsorted is not None and _inside(g.unsorted, g.bounds)
    for cell in g.cells.values():
        assert not _overlap(cell, g.unsorted)


@pytest.mark.parametrize("layers", [ONE, BOTH], ids=["one layer", "both layers"])
def test_cards_flow_in_their_order_left_to_right_then_down(
    rtx: Framework, layers: tuple[Layer, ...]
) -> None:
    cards = _cards(rtx)
    g = compute(rtx, list(reversed(cards)), layers)  # the order field decides, not the list
    full = [g.card_pos(f"c-full-{i:02d}") for i in range(7)]
    per_row = g.lane_columns[(next(iter(rtx.cells())), Layer.AS_IS)]
    assert per_row == (1 if layers == BOTH else 2)
    for i, (x, y) in enumerate(full[1:], start=1):
        px, py = full[i - 1]
        if i % per_row:
            assert y == py and x >= px + CARD_W  # beside the one before
        else:
            assert y >= py + CARD_H and x == full[0][0]  # the start of the next row


def test_rows_grow_to_their_fullest_cell(rtx: Framework) -> None:
    few = compute(rtx, [], ONE)
    many = compute(rtx, _cards(rtx), ONE)
    first = next(iter(rtx.cells()))
    assert many.cells[first][3] > few.cells[first][3]  # 7 cards need 4 rows of 2
    row_mate = next(c for c in rtx.cells() if c[0] == first[0] and c != first)
    assert many.cells[row_mate][3] == many.cells[first][3]
    other_row = next(c for c in rtx.cells() if c[0] != first[0] and not any(
        card.cell and card.cell[0] == c[0] for card in _cards(rtx)
    ))  # fmt: skip
    assert many.cells[other_row][3] == few.cells[other_row][3]


@pytest.mark.parametrize("layers", [ONE, BOTH], ids=["one layer", "both layers"])
def test_a_point_finds_its_lane_and_cell(rtx: Framework, layers: tuple[Layer, ...]) -> None:
    g = compute(rtx, _cards(rtx), layers)
    for key, (x, y, w, h) in g.lanes.items():
        found = g.lane_at(x + w / 2, y + h / 2)
        assert found == key or (key[0] is None and found is not None and found[0] is None)
        if key[0] is not None:
            assert g.cell_at(x + w / 2, y + h / 2) == key[0]
    for cell, (x, y, _, _) in g.cells.items():
        assert g.cell_at(x + 2, y + 2) == cell  # the badge strip above the lanes
        assert g.lane_at(x + 2, y + 2) is None
    assert g.lane_at(-5, -5) is None and g.cell_at(-5, -5) is None
    assert g.cell_at(5, 5) is None  # the corner above the row headers


@pytest.mark.parametrize("layers", [ONE, BOTH], ids=["one layer", "both layers"])
def test_a_drop_on_a_card_takes_that_cards_place(rtx: Framework, layers: tuple[Layer, ...]) -> None:
    cards = _cards(rtx)
    g = compute(rtx, cards, layers)
    lane = (next(iter(rtx.cells())), Layer.AS_IS)
    count = 7
    for i in range(count):
        x, y = g.card_pos(f"c-full-{i:02d}")
        assert g.index_at(lane, x + CARD_W / 2, y + CARD_H / 2, count) == i
        assert g.index_at(lane, x + 3, y + 3, count) == i  # its top-left corner too
    lx, ly, lw, lh = g.lanes[lane]
    assert g.index_at(lane, lx + lw - 1, ly + lh - 1, count) == count  # past the last: the end
    assert g.index_at(lane, lx - 50, ly - 50, count) == 0  # before the first: the start
