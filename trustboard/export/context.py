"""One round of one workshop as every export sees it: the round, the one before it, the
cells' statistics and whether names print. No PDF or slide library here, so each export
loads only its own."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Self

from trustboard import i18n
from trustboard.analytics.cells import CellStats, cell_stats
from trustboard.domain.framework import Cell, Framework
from trustboard.domain.workshop import ActionStatus, Layer, Perspective, Round, Workshop
from trustboard.export.options import ExportError
from trustboard.i18n import _, pgettext

LABEL_TEXT = 90
GREY = "#5f6368"  # the exports' muted grey; an unknown card kind's colour


def unsorted() -> str:
    # Translators: cards not yet placed in any cell of the grid
    return pgettext("cell", "Unsorted")


def number(value: float | None, signed: bool = False) -> str:
    """A score or a measure as `{:g}` writes it, with the language's decimal sign: "3,5"."""
    if value is None:
        return "–"
    return (f"{value:+g}" if signed else f"{value:g}").replace(".", i18n.number_symbols()[0])


def unit_suffix(unit: str) -> str:
    """A unit after a number: " €", and "%" as the language writes a percentage ("62,5 %")."""
    if unit == "%":
        percent = i18n.format_percent(0)  # "0%", "0 %", "0 %"
        sign = percent[1:] if percent.startswith("0") else "%"
        return " %" if sign == "%" else sign  # a table keeps English's "64 %" as it was
    return f" {unit}" if unit else ""


def day_text(day: dt.date | None) -> str:
    """A date as the language writes it in full: "31 March 2026", "31. März 2026"."""
    return i18n.format_date(day, "long") if day else "–"


def status_label(status: str) -> str:
    """An action's status as a reader sees it."""
    if status == ActionStatus.OPEN:
        return pgettext("action status", "open")
    if status == ActionStatus.IN_PROGRESS:
        return pgettext("action status", "in progress")
    if status == ActionStatus.DONE:
        return pgettext("action status", "done")
    return status


def layer_label(layer: str) -> str:
    if layer == Layer.AS_IS:
        return pgettext("layer", "as-is")
    if layer == Layer.TO_BE:
        return pgettext("layer", "to-be")
    return layer


def perspective_label(perspective: str) -> str:
    if perspective == Perspective.SELF:
        return pgettext("perspective", "self")
    if perspective == Perspective.CUSTOMER:
        return pgettext("perspective", "customer")
    return perspective


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
            raise ExportError(
                _("the workshop has no round {id}").format(id=repr(round_id))
            ) from None
        index = workshop.rounds.index(rnd)
        previous = workshop.rounds[index - 1] if index > 0 else None
        stats = cell_stats(workshop.framework, rnd)
        return cls(workshop, rnd, previous, stats, names, names and not workshop.anonymous)

    @property
    def framework(self) -> Framework:
        return self.workshop.framework

    def cell_label(self, cell: Cell | None, limit: int = LABEL_TEXT) -> str:
        if cell is None:
            return unsorted()
        fw = self.framework
        try:
            element, domain = fw.element(cell[0]).name, fw.domain(cell[1]).name
            return f"{shorten(element, limit)} × {shorten(domain, limit)}"
        except KeyError:
            return unsorted()

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
