"""What the ratings say, cell by cell: medians, spread, gaps and the perception gap. No Qt."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum

from trustboard.domain.framework import Cell, Framework
from trustboard.domain.workshop import Card, Layer, Perspective, Round, Workshop, median

# A perception gap of at least this many scale steps is worth a label.
PERCEPTION_STEP = 1.0


class Perception(StrEnum):
    BLIND_SPOT = "blind spot"  # we rate ourselves higher than customers do
    HIDDEN_STRENGTH = "hidden strength"  # customers rate us higher than we do
    SHARED_VIEW = "shared view"

    @property
    def label(self) -> str:
        """The reading as a reader sees it, in the current language ("blind spot")."""
        from trustboard.i18n import pgettext  # the board's first paint needs no catalogue

        if self is Perception.BLIND_SPOT:
            return pgettext("perception", "blind spot")
        if self is Perception.HIDDEN_STRENGTH:
            return pgettext("perception", "hidden strength")
        return pgettext("perception", "shared view")


@dataclass(frozen=True)
class CellStats:
    """One cell of one round. Medians are None where nobody scored."""

    cell: Cell
    as_is_self: float | None
    as_is_customer: float | None
    to_be_self: float | None
    to_be_customer: float | None
    spread_self: int | None  # as-is, our own view: how far apart the room is
    scores: int
    cards_as_is: int
    cards_to_be: int
    evidence: int  # as-is cards of the evidence-like kinds

    @property
    def gap(self) -> float | None:
        """How far we want to move: to-be minus as-is (our view)."""
        if self.to_be_self is None or self.as_is_self is None:
            return None
        return self.to_be_self - self.as_is_self

    @property
    def perception_gap(self) -> float | None:
        """Our view minus the customers' (as-is): positive means we think better of us."""
        if self.as_is_self is None or self.as_is_customer is None:
            return None
        return self.as_is_self - self.as_is_customer

    @property
    def perception(self) -> Perception | None:
        gap = self.perception_gap
        if gap is None:
            return None
        if gap >= PERCEPTION_STEP:
            return Perception.BLIND_SPOT
        if gap <= -PERCEPTION_STEP:
            return Perception.HIDDEN_STRENGTH
        return Perception.SHARED_VIEW


EVIDENCE_KINDS = frozenset({"evidence", "customer-voice", "practice"})


def cell_stats(framework: Framework, rnd: Round) -> dict[Cell, CellStats]:
    """Every active cell of the grid, in board order, for one round."""
    counts: dict[Cell, list[int]] = defaultdict(lambda: [0, 0, 0])
    for card in rnd.cards.values():
        if card.cell is None:
            continue
        c = counts[card.cell]
        if card.layer == Layer.AS_IS:
            c[0] += 1
            if card.kind in EVIDENCE_KINDS:
                c[2] += 1
        else:
            c[1] += 1
    result: dict[Cell, CellStats] = {}
    for cell in framework.cells():
        ratings = {
            (layer, p): rnd.ratings.get((*cell, layer.value, p.value))
            for layer in Layer
            for p in Perspective
        }

        def med(layer: Layer, p: Perspective) -> float | None:
            r = ratings[(layer, p)]  # noqa: B023 - used at once, inside this iteration
            return r.median if r is not None else None

        own = ratings[(Layer.AS_IS, Perspective.SELF)]
        c = counts.get(cell, [0, 0, 0])
        result[cell] = CellStats(
            cell=cell,
            as_is_self=med(Layer.AS_IS, Perspective.SELF),
            as_is_customer=med(Layer.AS_IS, Perspective.CUSTOMER),
            to_be_self=med(Layer.TO_BE, Perspective.SELF),
            to_be_customer=med(Layer.TO_BE, Perspective.CUSTOMER),
            spread_self=own.spread if own is not None else None,
            scores=sum(len(r.scores) for r in ratings.values() if r is not None),
            cards_as_is=c[0],
            cards_to_be=c[1],
            evidence=c[2],
        )
    return result


def _median(values: Iterable[float | None]) -> float | None:
    return median([v for v in values if v is not None])


def axis_medians(
    framework: Framework, stats: dict[Cell, CellStats], axis: str, value: str = "as_is_self"
) -> dict[str, float | None]:
    """Median of the cells' medians per element (axis="element") or domain ("domain")."""
    index = 0 if axis == "element" else 1
    ids = (
        [e.id for e in framework.elements]
        if index == 0
        else [d.id for d in framework.active_domains]
    )
    return {
        axis_id: _median(getattr(s, value) for c, s in stats.items() if c[index] == axis_id)
        for axis_id in ids
    }


def trust_score(stats: dict[Cell, CellStats]) -> float | None:
    """One number for a round: the median of every cell's as-is median (our view)."""
    return _median(s.as_is_self for s in stats.values())


def round_trust_score(framework: Framework, rnd: Round) -> float | None:
    """`trust_score(cell_stats(framework, rnd))` from the ratings alone, without counting
    cards: cheap enough to show again after every rating on a board of 100,000 cards."""
    own = (rnd.ratings.get((*cell, Layer.AS_IS.value, Perspective.SELF.value))
           for cell in framework.cells())  # fmt: skip
    return _median(r.median if r is not None else None for r in own)


def largest_gaps(stats: dict[Cell, CellStats], n: int = 5) -> list[CellStats]:
    """Cells with the furthest to go (to-be minus as-is), largest first."""
    found = [s for s in stats.values() if s.gap is not None and s.gap > 0]
    return sorted(found, key=lambda s: -(s.gap or 0))[:n]


def largest_perception_gaps(stats: dict[Cell, CellStats], n: int = 5) -> list[CellStats]:
    """Where we and our customers disagree most, either way round."""
    found = [s for s in stats.values() if s.perception_gap]
    return sorted(found, key=lambda s: -abs(s.perception_gap or 0))[:n]


def most_contested(stats: dict[Cell, CellStats], n: int = 5) -> list[CellStats]:
    """A discussion agenda: cells where the room's scores are furthest apart."""
    found = [s for s in stats.values() if s.spread_self]
    return sorted(found, key=lambda s: -(s.spread_self or 0))[:n]


def scored_without_evidence(stats: dict[Cell, CellStats]) -> list[Cell]:
    """Cells the room rated without putting any evidence on the board."""
    return [c for c, s in stats.items() if s.scores and s.evidence == 0]


def weakest_driver(framework: Framework, stats: dict[Cell, CellStats]) -> dict[str, str | None]:
    """Per column, the row with the lowest as-is score: the leg that tips the stool."""
    result: dict[str, str | None] = {}
    for d in framework.active_domains:
        scored = [
            (stats[(e.id, d.id)].as_is_self, i, e.id)
            for i, e in enumerate(framework.elements)
            if stats[(e.id, d.id)].as_is_self is not None
        ]
        result[d.id] = min(scored)[2] if scored else None
    return result


def top_voted(rnd: Round, n: int = 5) -> list[Card]:
    voted = [c for c in rnd.cards.values() if c.votes > 0]
    return sorted(voted, key=lambda c: (-c.votes, c.order, c.id))[:n]


def actions(rnd: Round) -> list[Card]:
    """The action plan of a round: open first, then by due date."""
    found = [c for c in rnd.cards.values() if c.action is not None]
    return sorted(
        found,
        key=lambda c: (
            c.action.status.value == "done" if c.action else True,
            (c.action.due.isoformat() if c.action and c.action.due else "9999"),
            c.text,
        ),
    )


@dataclass(frozen=True)
class TrendPoint:
    round_id: str
    label: str
    value: float | None


def round_stats(workshop: Workshop) -> list[dict[Cell, CellStats]]:
    """`cell_stats` of every round, oldest first: compute once, pass to the functions below."""
    return [cell_stats(workshop.framework, rnd) for rnd in workshop.rounds]


def element_trend(
    workshop: Workshop, stats: Sequence[dict[Cell, CellStats]] | None = None
) -> dict[str, list[TrendPoint]]:
    """Each element's as-is median (our view) in every round, oldest first.

    `stats` is `round_stats(workshop)` when the caller has it already.
    """
    fw = workshop.framework
    all_stats = round_stats(workshop) if stats is None else stats
    out: dict[str, list[TrendPoint]] = {e.id: [] for e in fw.elements}
    for rnd, rnd_stats in zip(workshop.rounds, all_stats, strict=True):
        per_element = axis_medians(fw, rnd_stats, "element")
        for element_id, value in per_element.items():
            out[element_id].append(TrendPoint(rnd.id, rnd.label, value))
    return out


@dataclass(frozen=True)
class ActionEffect:
    """An action on a cell, and how the cell's score moved in the next round."""

    card: Card
    round_label: str
    before: float | None
    after: float | None

    @property
    def moved(self) -> float | None:
        if self.before is None or self.after is None:
            return None
        return self.after - self.before


def action_effects(
    workshop: Workshop, stats: Sequence[dict[Cell, CellStats]] | None = None
) -> list[ActionEffect]:
    """Which actions targeted a cell, and whether its as-is score moved afterwards."""
    all_stats = round_stats(workshop) if stats is None else stats
    effects = []
    for i, rnd in enumerate(workshop.rounds):
        for card in actions(rnd):
            if card.cell is None or card.cell not in all_stats[i]:
                continue
            before = all_stats[i][card.cell].as_is_self
            after = all_stats[i + 1][card.cell].as_is_self if i + 1 < len(all_stats) else None
            effects.append(ActionEffect(card, rnd.label, before, after))
    return effects
