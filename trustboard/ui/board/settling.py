"""Cards of rows that moved, put in place a slice per turn of the event loop.

A row that grows moves every card below it; on a big board that is a second of setPos
calls. The board moves the cards in sight at once and hands the rest to a Settler.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping

from PySide6.QtCore import QObject, QTimer

from trustboard.domain.workshop import Card
from trustboard.ui.board.geometry import LaneKey

SETTLE_SLICE = 500  # cards put in place per turn of the event loop


class Settler(QObject):
    """Walks the lanes still to settle in order, `SETTLE_SLICE` cards per turn."""

    def __init__(
        self,
        place: Callable[[Iterable[str]], None],
        members: Callable[[], Mapping[LaneKey, list[Card]]],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._place = place
        self._members = members
        self.lanes: dict[LaneKey, None] = {}  # still to settle, in order
        self._done_in_first = 0  # how far the first lane is done
        self._timer = QTimer(self)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self.some)

    @property
    def pending(self) -> bool:
        return bool(self.lanes)

    def rows_moved(self, lanes: list[LaneKey], in_sight: Callable[[], list[str]]) -> None:
        """The cards of `lanes` moved: a few go in place now, those `in_sight` (ids) if many."""
        members = self._members()
        if sum(len(members.get(lane, ())) for lane in lanes) <= SETTLE_SLICE:
            self._place(c.id for lane in lanes for c in members.get(lane, ()))
            return
        self._place(in_sight())
        self.lanes.update(dict.fromkeys(lanes))
        self.restart()
        self._timer.start()

    def restart(self) -> None:
        """A lane may have changed: do the first one again from its start."""
        self._done_in_first = 0

    def clear(self) -> None:
        self.lanes.clear()
        self._done_in_first = 0
        self._timer.stop()

    def some(self) -> None:
        """One turn of the event loop: up to SETTLE_SLICE cards go in place."""
        budget = SETTLE_SLICE
        members = self._members()
        while budget > 0 and self.lanes:
            lane = next(iter(self.lanes))
            cards = members.get(lane, [])
            start = self._done_in_first
            chunk = cards[start : start + budget]
            self._place(c.id for c in chunk)
            budget -= len(chunk)
            if start + len(chunk) >= len(cards):
                del self.lanes[lane]
                self._done_in_first = 0
            else:
                self._done_in_first = start + len(chunk)
        if not self.lanes:
            self._timer.stop()

    def now(self) -> None:
        """Every card in place at once (before a snapshot, a print, a test)."""
        members = self._members()
        self._place(c.id for lane in self.lanes for c in members.get(lane, []))
        self.clear()
