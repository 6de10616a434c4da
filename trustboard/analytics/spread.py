"""How far apart the scores in each cell are: range, quartiles and who is contested. No Qt."""

from __future__ import annotations

from dataclasses import dataclass

from trustboard.domain.framework import Cell, Framework, RatingScale
from trustboard.domain.workshop import Layer, Perspective, Round


@dataclass(frozen=True)
class Spread:
    """The scores of one cell, layer and perspective, summarised. All None when unscored.

    Quartiles use the inclusive method (linear interpolation between the scores), so a
    single score has q1 = median = q3 = that score.
    """

    cell: Cell
    n: int = 0
    low: int | None = None
    q1: float | None = None
    median: float | None = None
    q3: float | None = None
    high: int | None = None

    @property
    def range(self) -> int | None:
        """Highest minus lowest score; 0 for a single score."""
        if self.low is None or self.high is None:
            return None
        return self.high - self.low

    def contested(self, scale: RatingScale) -> bool:
        """Far enough apart that the room should talk before it settles on a number."""
        spread = self.range
        return spread is not None and spread >= scale.disagreement_spread


def summarise_scores(cell: Cell, scores: tuple[int, ...]) -> Spread:
    if not scores:
        return Spread(cell)
    ordered = sorted(scores)
    if len(ordered) == 1:
        only = float(ordered[0])
        return Spread(cell, 1, ordered[0], only, only, only, ordered[0])
    q1, median, q3 = (_quantile(ordered, p) for p in (0.25, 0.5, 0.75))
    return Spread(cell, len(ordered), ordered[0], q1, median, q3, ordered[-1])


def _quantile(ordered: list[int], p: float) -> float:
    """Linear interpolation between closest ranks (`statistics.quantiles(method="inclusive")`)."""
    pos = (len(ordered) - 1) * p
    lo = int(pos)
    frac = pos - lo
    if lo + 1 >= len(ordered):
        return float(ordered[lo])
    return ordered[lo] + (ordered[lo + 1] - ordered[lo]) * frac


def cell_spread(
    framework: Framework,
    rnd: Round,
    layer: Layer = Layer.AS_IS,
    perspective: Perspective = Perspective.SELF,
) -> dict[Cell, Spread]:
    """Every active cell of the grid, in board order."""
    return {
        cell: summarise_scores(cell, rnd.rating(cell, layer, perspective).scores)
        for cell in framework.cells()
    }


def contested_agenda(
    spreads: dict[Cell, Spread], scale: RatingScale, n: int | None = None
) -> list[Spread]:
    """Contested cells, widest spread first; ties keep board order. A discussion agenda."""
    found = [s for s in spreads.values() if s.contested(scale)]
    found.sort(key=lambda s: -(s.range or 0))  # sort is stable: board order within a tie
    return found if n is None else found[:n]
