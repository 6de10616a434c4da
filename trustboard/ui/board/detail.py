"""Semantic zoom: what the board draws at each zoom, so the back row can read all of it.

Every text the board draws is at least ROOM_PX high on screen. Where that does not fit, the
board draws less, not smaller: below SUMMARY_BELOW a cell stops drawing its cards and shows
a summary instead (its ratings, how many cards of each kind, the top cards' first words),
and a header keeps its name and drops its definition. Zooming in (or focusing a cell) brings
the cards back, their text as large as fits between TEXT_PX and ROOM_PX on screen.

`lod` below is the view's scale: on-screen pixels per board unit.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache

from trustboard.domain.workshop import Card

ROOM_PX = 20.0  # the smallest text drawn, in screen pixels: 18 px read from the back, and a margin
CARD_PX = 18.5  # a card's words may go this small on screen, to show whole where they can
SUMMARY_BELOW = 0.6  # below this scale a card could not show two lines of readable words
TEXT_PX = 17.0  # a card's text at 100 %, in board units
SMALL_PX = 13.0
# Sizes a card's text may take, in board units: a short ladder, so wrapped text is cached.
_LADDER = tuple(round(TEXT_PX * 1.15**k, 2) for k in range(-7, 13))
TOP_CARDS = 4  # a summary's first words come from this many cards at most


def room_px(lod: float) -> float:
    """The board size of text that shows ROOM_PX high at scale `lod`."""
    return ROOM_PX / max(lod, 1e-3)


def at_least(size: float, lod: float) -> float:
    """`size` in board units, or larger where it would show smaller than ROOM_PX."""
    return max(size, room_px(lod))


def is_summary(lod: float) -> bool:
    return lod < SUMMARY_BELOW


def text_sizes(lod: float) -> list[float]:
    return list(_text_sizes(round(lod, 5)))


@lru_cache(maxsize=64)
def _text_sizes(lod: float) -> tuple[float, ...]:
    """The sizes to try for a card's text at `lod`, largest first: from TEXT_PX (or the
    smallest readable size, when that is larger) down to the smallest readable size.
    Each is a whole pixel or more above CARD_PX on screen, as fonts round to whole pixels."""
    floor = (CARD_PX + 0.5 * max(lod, 1e-3)) / max(lod, 1e-3)
    readable = [s for s in _LADDER if s >= floor - 1e-6] or [_LADDER[-1]]
    top = max(TEXT_PX, readable[0])
    return tuple(sorted((s for s in readable if s <= top + 1e-6), reverse=True)) or (readable[0],)


def first_words(text: str, limit: int = 80) -> str:
    """A card's opening, on one line: what a summary shows of it."""
    line = " ".join(text.split())
    return line if len(line) <= limit else line[: limit - 1].rstrip() + "…"


@dataclass
class CellSummary:
    """What a cell shows when its cards are too small to read."""

    kinds: list[tuple[str, int]] = field(default_factory=list)  # (kind id, count), in kind order
    top: list[tuple[str, str]] = field(default_factory=list)  # (kind id, first words)
    total: int = 0


def summarise(cards: Iterable[Card], kind_order: list[str]) -> CellSummary:
    """Counts by kind, and the top cards (most votes, then their order on the board)."""
    shown = list(cards)
    counts: dict[str, int] = {}
    for card in shown:
        counts[card.kind] = counts.get(card.kind, 0) + 1
    rank = {k: i for i, k in enumerate(kind_order)}
    kinds = sorted(counts.items(), key=lambda kv: (rank.get(kv[0], len(rank)), kv[0]))
    best = sorted((c for c in shown if c.text.strip()), key=lambda c: (-c.votes, c.order, c.id))
    top = [(c.kind, first_words(c.text)) for c in best[:TOP_CARDS]]
    return CellSummary(kinds, top, len(shown))
