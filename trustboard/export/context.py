"""One round of one workshop as every export sees it: the round, the one before it, the
cells' statistics and whether names print. No PDF or slide library here, so each export
loads only its own."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Self

from trustboard.analytics.cells import CellStats, cell_stats
from trustboard.domain.framework import Cell, Framework
from trustboard.domain.workshop import Round, Workshop
from trustboard.export.options import ExportError

LABEL_TEXT = 90
GREY = "#5f6368"  # the exports' muted grey; an unknown card kind's colour


def shorten(text: str, limit: int) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1].rstrip() + "…"


@dataclass(frozen=True)
class Context:
    """One round of one workshop, as the export sees it."""

    workshop: Workshop
    round: Round
    previous: Round | None
    stats: dict[Cell, CellStats]
    names: bool  # print people's names
    authors: bool  # print who wrote each card

    @classmethod
    def of(cls, workshop: Workshop, round_id: str, names: bool) -> Self:
        try:
            rnd = workshop.round(round_id)
        except KeyError:
            raise ExportError(f"the workshop has no round {round_id!r}") from None
        index = workshop.rounds.index(rnd)
        previous = workshop.rounds[index - 1] if index > 0 else None
        stats = cell_stats(workshop.framework, rnd)
        return cls(workshop, rnd, previous, stats, names, names and not workshop.anonymous)

    @property
    def framework(self) -> Framework:
        return self.workshop.framework

    def cell_label(self, cell: Cell | None, limit: int = LABEL_TEXT) -> str:
        if cell is None:
            return "Unsorted"
        fw = self.framework
        try:
            element, domain = fw.element(cell[0]).name, fw.domain(cell[1]).name
            return f"{shorten(element, limit)} × {shorten(domain, limit)}"
        except KeyError:
            return "Unsorted"

    def kind_name(self, kind: str) -> str:
        try:
            return self.framework.card_kind(kind).name
        except KeyError:
            return kind

    def kind_colour(self, kind: str) -> str:
        try:
            return self.framework.card_kind(kind).colour
        except KeyError:
            return GREY
