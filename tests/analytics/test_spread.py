"""Spread per cell, against quartiles worked out by hand."""

from __future__ import annotations

from trustboard.analytics.spread import Spread, cell_spread, contested_agenda, summarise_scores
from trustboard.domain.workshop import Layer, Perspective, Rating, Round, Workshop

CI = ("competence", "individuals")
CO = ("competence", "organizations")
RI = ("reliability", "individuals")
ET = ("empathy", "technology")


def rate(
    rnd: Round, cell: tuple[str, str], *scores: int, p: Perspective = Perspective.SELF
) -> None:
    r = Rating(cell, Layer.AS_IS, p, scores)
    rnd.ratings[r.key] = r


def test_quartiles_by_hand() -> None:
    # sorted 2 4 4 5: q1 at rank 0.75 -> 2 + 0.75 * 2 = 3.5; q3 at rank 2.25 -> 4 + 0.25 = 4.25
    s = summarise_scores(CI, (4, 2, 5, 4))
    assert (s.n, s.low, s.q1, s.median, s.q3, s.high) == (4, 2, 3.5, 4, 4.25, 5)
    assert s.range == 3


def test_a_single_score_has_no_spread() -> None:
    s = summarise_scores(CI, (3,))
    assert (s.n, s.low, s.q1, s.median, s.q3, s.high, s.range) == (1, 3, 3, 3, 3, 3, 0)


def test_all_scores_tied() -> None:
    s = summarise_scores(CI, (4, 4, 4))
    assert (s.low, s.q1, s.median, s.q3, s.high, s.range) == (4, 4, 4, 4, 4, 0)


def test_an_empty_cell_has_no_numbers(workshop: Workshop) -> None:
    spreads = cell_spread(workshop.framework, workshop.current_round)
    assert len(spreads) == 12
    assert spreads[ET] == Spread(ET)
    assert spreads[ET].range is None
    assert not spreads[ET].contested(workshop.framework.scale)


def test_agenda_widest_first_and_ties_in_board_order(workshop: Workshop) -> None:
    rnd = workshop.current_round
    rate(rnd, RI, 1, 4)  # range 3
    rate(rnd, CO, 2, 4)  # range 2: contested on 1–5 (threshold 2)
    rate(rnd, CI, 5, 2, 3)  # range 3, earlier on the board than RI
    rate(rnd, ET, 3, 4)  # range 1: not contested
    rate(rnd, ET, 1, 5, p=Perspective.CUSTOMER)  # another perspective: not in this view
    spreads = cell_spread(workshop.framework, rnd)
    agenda = contested_agenda(spreads, workshop.framework.scale)
    assert [s.cell for s in agenda] == [CI, RI, CO]
    assert [s.cell for s in contested_agenda(spreads, workshop.framework.scale, 1)] == [CI]
    customer = cell_spread(workshop.framework, rnd, Layer.AS_IS, Perspective.CUSTOMER)
    assert customer[ET].range == 4
