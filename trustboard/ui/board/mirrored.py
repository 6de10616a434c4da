"""The board read right to left: the layout of geometry.py mirrored about x = 0.

A right-to-left language reads the board from the right, so the first column sits at the
right and the row headers right of the cells. Still without Qt, like the layout it mirrors.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from trustboard.domain.framework import Cell
from trustboard.ui.board.geometry import CARD_W, BoardGeometry, LaneKey, Rect, RowKey, Slot


def _mirror(rect: Rect) -> Rect:
    x, y, w, h = rect
    return (-(x + w), y, w, h)


class _Mirrored(Mapping[Any, Rect]):
    """A read-through view of a dict of rects, each mirrored about x = 0."""

    def __init__(self, rects: dict[Any, Rect]) -> None:
        self._rects = rects

    def __getitem__(self, key: object) -> Rect:
        return _mirror(self._rects[key])

    def __iter__(self) -> Iterator[Any]:
        return iter(self._rects)

    def __len__(self) -> int:
        return len(self._rects)


class MirroredGeometry:
    """A board read right to left: the same layout mirrored about x = 0, so the first
    column sits at the right, the row headers right of the cells, and a lane's cards flow
    from its right edge. Reads through to the live `BoardGeometry`, which `Layout` keeps
    updating. Slots stay in the layout's own coordinates: `card_x` mirrors one."""

    def __init__(self, inner: BoardGeometry) -> None:
        self.inner = inner
        self.columns = _Mirrored(inner.columns)
        self.rows = _Mirrored(inner.rows)
        self.cells = _Mirrored(inner.cells)
        self.lanes = _Mirrored(inner.lanes)

    @property
    def slots(self) -> dict[str, Slot]:
        return self.inner.slots

    @property
    def row_tops(self) -> dict[RowKey, float]:
        return self.inner.row_tops

    @property
    def lane_columns(self) -> dict[LaneKey, int]:
        return self.inner.lane_columns

    @property
    def unsorted(self) -> Rect | None:
        area = self.inner.unsorted
        return None if area is None else _mirror(area)

    @property
    def bounds(self) -> Rect:
        return _mirror(self.inner.bounds)

    @staticmethod
    def card_x(x: float) -> float:
        """Where a card whose slot says `x` starts, read right to left."""
        return -(x + CARD_W)

    def card_pos(self, card_id: str) -> tuple[float, float] | None:
        pos = self.inner.card_pos(card_id)
        return None if pos is None else (self.card_x(pos[0]), pos[1])

    def lane_at(self, x: float, y: float) -> LaneKey | None:
        return self.inner.lane_at(-x, y)

    def cell_at(self, x: float, y: float) -> Cell | None:
        return self.inner.cell_at(-x, y)

    def index_at(self, lane: LaneKey, x: float, y: float, count: int) -> int:
        return self.inner.index_at(lane, -x, y, count)
