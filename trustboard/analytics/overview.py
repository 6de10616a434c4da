"""Everything the charts and reports need, computed in one pass over the workshop. No Qt."""

from __future__ import annotations

from dataclasses import dataclass

from trustboard.analytics.cells import (
    ActionEffect,
    CellStats,
    TrendPoint,
    action_effects,
    axis_medians,
    element_trend,
    round_stats,
    scored_without_evidence,
    weakest_driver,
)
from trustboard.analytics.rounds import RoundComparison, RoundSeries, compare_rounds, round_series
from trustboard.analytics.spread import Spread, cell_spread, contested_agenda
from trustboard.domain.framework import Cell
from trustboard.domain.workshop import Workshop


@dataclass(frozen=True)
class Overview:
    """The numbers of one round (`round_id`) plus the history of the whole workshop."""

    round_id: str
    stats: dict[Cell, CellStats]
    spreads: dict[Cell, Spread]
    element_medians: dict[str, float | None]
    domain_medians: dict[str, float | None]
    weakest: dict[str, str | None]  # filled only for frameworks where the weakest decides
    agenda: list[Spread]  # contested cells, widest spread first
    unevidenced: list[Cell]
    trend: dict[str, list[TrendPoint]]
    series: RoundSeries
    effects: list[ActionEffect]
    since_previous: RoundComparison | None  # this round against the one before it


def overview(workshop: Workshop, round_id: str | None = None) -> Overview:
    """The full analytics pass; `round_id` defaults to the current round.

    Each round's cell statistics are computed once and shared by the trend, the KPI
    series, the action effects and the comparison.
    """
    fw = workshop.framework
    rnd = workshop.round(round_id) if round_id else workshop.current_round
    index = workshop.rounds.index(rnd)
    all_stats = round_stats(workshop)
    stats = all_stats[index]
    spreads = cell_spread(fw, rnd)
    previous = None
    if index > 0:
        before = workshop.rounds[index - 1]
        previous = compare_rounds(fw, before, rnd, all_stats[index - 1], stats)
    return Overview(
        round_id=rnd.id,
        stats=stats,
        spreads=spreads,
        element_medians=axis_medians(fw, stats, "element"),
        domain_medians=axis_medians(fw, stats, "domain"),
        weakest=weakest_driver(fw, stats) if fw.weakest_decides else {},
        agenda=contested_agenda(spreads, fw.scale),
        unevidenced=scored_without_evidence(stats),
        trend=element_trend(workshop, all_stats),
        series=round_series(workshop, all_stats),
        effects=action_effects(workshop, all_stats),
        since_previous=previous,
    )
