"""Rounds over time: two rounds compared cell by cell, and the KPIs beside the trust score. No Qt."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from trustboard.analytics.cells import CellStats, axis_medians, cell_stats, trust_score
from trustboard.domain.framework import Cell, Framework
from trustboard.domain.workshop import KpiDef, Round, Workshop


def _delta(before: float | None, after: float | None) -> float | None:
    return None if before is None or after is None else after - before


@dataclass(frozen=True)
class ScoreChange:
    """One number in round A and in round B (as-is median); None where a round has none."""

    before: float | None
    after: float | None

    @property
    def change(self) -> float | None:
        """B minus A: positive means the score went up."""
        return _delta(self.before, self.after)


@dataclass(frozen=True)
class CellChange:
    cell: Cell
    self_view: ScoreChange  # as-is, our view
    customer_view: ScoreChange  # as-is, customers' view

    @property
    def change(self) -> float | None:
        return self.self_view.change


@dataclass(frozen=True)
class RoundComparison:
    """Round A (earlier, usually) against round B: per cell, per element, per domain, overall."""

    round_a: str
    label_a: str
    round_b: str
    label_b: str
    cells: dict[Cell, CellChange]
    elements: dict[str, ScoreChange]
    domains: dict[str, ScoreChange]
    trust: ScoreChange

    def improved(self) -> list[CellChange]:
        """Cells whose as-is score (our view) went up, most first; ties keep board order."""
        up = [c for c in self.cells.values() if (c.change or 0) > 0]
        return sorted(up, key=lambda c: -(c.change or 0))

    def worsened(self) -> list[CellChange]:
        """Cells whose as-is score (our view) went down, most first; ties keep board order."""
        down = [c for c in self.cells.values() if (c.change or 0) < 0]
        return sorted(down, key=lambda c: c.change or 0)


def compare_rounds(
    framework: Framework,
    a: Round,
    b: Round,
    stats_a: dict[Cell, CellStats] | None = None,
    stats_b: dict[Cell, CellStats] | None = None,
) -> RoundComparison:
    """How every cell's as-is median moved from round `a` to round `b` (today's grid)."""
    sa = cell_stats(framework, a) if stats_a is None else stats_a
    sb = cell_stats(framework, b) if stats_b is None else stats_b
    cells = {
        cell: CellChange(
            cell,
            ScoreChange(sa[cell].as_is_self, sb[cell].as_is_self),
            ScoreChange(sa[cell].as_is_customer, sb[cell].as_is_customer),
        )
        for cell in framework.cells()
    }

    def axis(name: str) -> dict[str, ScoreChange]:
        before = axis_medians(framework, sa, name)
        after = axis_medians(framework, sb, name)
        return {key: ScoreChange(before[key], after[key]) for key in before}

    return RoundComparison(
        a.id,
        a.label,
        b.id,
        b.label,
        cells,
        axis("element"),
        axis("domain"),
        ScoreChange(trust_score(sa), trust_score(sb)),
    )


@dataclass(frozen=True)
class KpiTrack:
    """One KPI across the rounds, oldest first; None where a round has no value."""

    kpi: KpiDef
    values: tuple[float | None, ...]

    @property
    def has_values(self) -> bool:
        return any(v is not None for v in self.values)

    def against(self, trust: Sequence[float | None]) -> float | None:
        """Pearson correlation with the trust score over rounds that have both numbers.

        None with fewer than three such rounds or when either series is flat: two points
        always line up, so they prove nothing.
        """
        return correlation(trust, self.values)


@dataclass(frozen=True)
class RoundSeries:
    """Per round, oldest first: its label, the trust score, and every KPI the workshop knows."""

    round_ids: tuple[str, ...]
    labels: tuple[str, ...]
    trust: tuple[float | None, ...]
    kpis: tuple[KpiTrack, ...]

    def track(self, kpi_id: str) -> KpiTrack:
        for t in self.kpis:
            if t.kpi.id == kpi_id:
                return t
        raise KeyError(kpi_id)


def round_series(
    workshop: Workshop, stats: Sequence[dict[Cell, CellStats]] | None = None
) -> RoundSeries:
    """The trust score and the KPIs of every round; `stats` is `round_stats(workshop)` if known."""
    fw = workshop.framework
    all_stats = [cell_stats(fw, r) for r in workshop.rounds] if stats is None else stats
    rounds = workshop.rounds
    return RoundSeries(
        tuple(r.id for r in rounds),
        tuple(r.label for r in rounds),
        tuple(trust_score(s) for s in all_stats),
        tuple(
            KpiTrack(kpi, tuple(r.kpis.get(kpi.id) for r in rounds)) for kpi in workshop.kpi_defs
        ),
    )


def correlation(xs: Sequence[float | None], ys: Sequence[float | None]) -> float | None:
    """Pearson r over the positions where both have a value; None if under 3 or flat."""
    pairs = [(x, y) for x, y in zip(xs, ys, strict=True) if x is not None and y is not None]
    if len(pairs) < 3:
        return None
    mx = sum(x for x, _ in pairs) / len(pairs)
    my = sum(y for _, y in pairs) / len(pairs)
    sxy = sum((x - mx) * (y - my) for x, y in pairs)
    sxx = sum((x - mx) ** 2 for x, _ in pairs)
    syy = sum((y - my) ** 2 for _, y in pairs)
    if sxx == 0 or syy == 0:
        return None
    return sxy / math.sqrt(sxx * syy)
