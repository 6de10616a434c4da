"""Analytics against numbers worked out by hand."""

from __future__ import annotations

import datetime as dt

from trustboard.analytics.cells import (
    Perception,
    action_effects,
    axis_medians,
    cell_stats,
    element_trend,
    largest_gaps,
    largest_perception_gaps,
    most_contested,
    scored_without_evidence,
    top_voted,
    trust_score,
    weakest_driver,
)
from trustboard.domain.framework import Framework
from trustboard.domain.workshop import (
    Action,
    Card,
    Layer,
    Perspective,
    Rating,
    Round,
    Workshop,
    new_id,
)

CI = ("competence", "individuals")
CO = ("competence", "organizations")
RI = ("reliability", "individuals")


def rate(rnd: Round, cell: tuple[str, str], layer: Layer, p: Perspective, *scores: int) -> None:
    r = Rating(cell, layer, p, scores)
    rnd.ratings[r.key] = r


def test_medians_gaps_and_perception_by_hand(workshop: Workshop) -> None:
    rnd = workshop.current_round
    rate(rnd, CI, Layer.AS_IS, Perspective.SELF, 4, 4, 5, 2)  # median 4, spread 3
    rate(rnd, CI, Layer.AS_IS, Perspective.CUSTOMER, 2, 3)  # median 2.5
    rate(rnd, CI, Layer.TO_BE, Perspective.SELF, 5)
    rate(rnd, CO, Layer.AS_IS, Perspective.SELF, 2, 3)  # median 2.5
    rate(rnd, CO, Layer.AS_IS, Perspective.CUSTOMER, 4)  # customers think better of us
    rate(rnd, RI, Layer.AS_IS, Perspective.SELF, 3)
    rate(rnd, RI, Layer.AS_IS, Perspective.CUSTOMER, 3)
    stats = cell_stats(workshop.framework, rnd)
    ci = stats[CI]
    assert (ci.as_is_self, ci.as_is_customer, ci.to_be_self) == (4, 2.5, 5)
    assert ci.gap == 1
    assert ci.perception_gap == 1.5
    assert ci.perception is Perception.BLIND_SPOT
    assert stats[CO].perception is Perception.HIDDEN_STRENGTH
    assert stats[RI].perception is Perception.SHARED_VIEW
    assert stats[("empathy", "technology")].perception is None
    assert ci.spread_self == 3
    assert ci.scores == 7
    assert [s.cell for s in largest_gaps(stats)] == [CI]
    # 1.5 and −1.5 tie: board order
    assert [s.cell for s in largest_perception_gaps(stats)] == [CI, CO]
    assert [s.cell for s in most_contested(stats)] == [CI, CO]
    assert scored_without_evidence(stats) == [CI, CO, RI]
    per_element = axis_medians(workshop.framework, stats, "element")
    assert per_element["competence"] == 3.25  # median of 4 and 2.5
    assert per_element["reliability"] == 3
    assert per_element["empathy"] is None
    assert trust_score(stats) == 3  # median of 4, 2.5, 3


def test_empty_round_has_no_numbers(workshop: Workshop) -> None:
    stats = cell_stats(workshop.framework, workshop.current_round)
    assert len(stats) == 12
    assert all(s.as_is_self is None and s.gap is None for s in stats.values())
    assert trust_score(stats) is None
    assert largest_gaps(stats) == []
    assert weakest_driver(workshop.framework, stats) == {
        "individuals": None,
        "organizations": None,
        "technology": None,
    }


def test_weakest_driver_ties_go_to_the_first_row(workshop: Workshop) -> None:
    rnd = workshop.current_round
    rate(rnd, CI, Layer.AS_IS, Perspective.SELF, 2)
    rate(rnd, RI, Layer.AS_IS, Perspective.SELF, 2)
    rate(rnd, ("integrity", "individuals"), Layer.AS_IS, Perspective.SELF, 4)
    stats = cell_stats(workshop.framework, rnd)
    assert weakest_driver(workshop.framework, stats)["individuals"] == "competence"


def test_evidence_cards_count_and_votes_rank(workshop: Workshop) -> None:
    rnd = workshop.current_round
    for text, kind, votes in (("a", "evidence", 1), ("b", "idea", 5), ("c", "customer-voice", 5)):
        card = Card(new_id("c"), text, CI, Layer.AS_IS, kind, votes=votes, order=len(rnd.cards))
        rnd.cards[card.id] = card
    rate(rnd, CI, Layer.AS_IS, Perspective.SELF, 3)
    stats = cell_stats(workshop.framework, rnd)
    assert stats[CI].evidence == 2
    assert stats[CI].cards_as_is == 3
    assert scored_without_evidence(stats) == []
    assert [c.text for c in top_voted(rnd, 2)] == ["b", "c"]


def test_trend_and_action_effects_across_rounds(rtx: Framework) -> None:
    first = Round("r1", "Q1", dt.date(2026, 1, 1))
    second = Round("r2", "Q2", dt.date(2026, 4, 1))
    rate(first, CI, Layer.AS_IS, Perspective.SELF, 2, 3)
    rate(second, CI, Layer.AS_IS, Perspective.SELF, 4)
    action = Card("c-act", "Train staff", CI, Layer.TO_BE, "idea", action=Action("Mei"))
    first.cards[action.id] = action
    ws = Workshop("T", rtx, rounds=[first, second], current_round_id="r2")
    trend = element_trend(ws)
    assert [(p.label, p.value) for p in trend["competence"]] == [("Q1", 2.5), ("Q2", 4)]
    assert [p.value for p in trend["empathy"]] == [None, None]
    effects = action_effects(ws)
    assert len(effects) == 1
    assert (effects[0].before, effects[0].after, effects[0].moved) == (2.5, 4, 1.5)
