"""The model refuses what cannot be right, and says where."""

from __future__ import annotations

import dataclasses

import pytest

from trustboard.domain.errors import ValidationError
from trustboard.domain.framework import Axis, Framework
from trustboard.domain.workshop import (
    Card,
    KpiDef,
    Layer,
    Perspective,
    Rating,
    Workshop,
    new_id,
)


def test_a_fresh_workshop_is_valid(workshop: Workshop) -> None:
    workshop.validate()
    assert len(workshop.rounds) == 1
    assert workshop.current_round is workshop.rounds[0]


def test_an_empty_element_name_is_refused(rtx: Framework) -> None:
    broken = dataclasses.replace(rtx, elements=(Axis("x", "  "), *rtx.elements[1:]))
    with pytest.raises(ValidationError, match=r"elements\[0\]\.name: must not be empty"):
        broken.validate()


def test_a_rating_outside_the_scale_is_refused(workshop: Workshop) -> None:
    bad = Rating(("competence", "individuals"), Layer.AS_IS, Perspective.SELF, (3, 9))
    workshop.current_round.ratings[bad.key] = bad
    with pytest.raises(ValidationError, match="score 9 is outside the scale 1–5"):
        workshop.validate()


def test_a_card_in_a_cell_that_does_not_exist_is_refused(workshop: Workshop) -> None:
    card = Card(new_id("c"), "x", ("competence", "moon"))
    workshop.current_round.cards[card.id] = card
    with pytest.raises(ValidationError, match="there is no domain 'moon'"):
        workshop.validate()


def test_a_card_of_an_unknown_kind_is_refused(workshop: Workshop) -> None:
    card = Card(new_id("c"), "x", ("competence", "individuals"), kind="gossip")
    workshop.current_round.cards[card.id] = card
    with pytest.raises(ValidationError, match="unknown card kind 'gossip'"):
        workshop.validate()


def test_unsorted_cards_are_valid(workshop: Workshop) -> None:
    card = Card(new_id("c"), "parked", None)
    workshop.current_round.cards[card.id] = card
    workshop.validate()
    assert workshop.current_round.cards_in(None) == [card]


@pytest.mark.parametrize(
    ("kpi", "value", "message"),
    [("nps", 101, "above 100"), ("nps", -101, "below -100"), ("retention", 120, "above 100")],
)
def test_kpis_are_bounded(workshop: Workshop, kpi: str, value: float, message: str) -> None:
    workshop.current_round.kpis[kpi] = value
    with pytest.raises(ValidationError, match=message):
        workshop.validate()


def test_custom_kpis_are_known(workshop: Workshop) -> None:
    workshop.current_round.kpis["churn"] = 5
    with pytest.raises(ValidationError, match="unknown KPI"):
        workshop.validate()
    workshop.custom_kpis = (KpiDef("churn", "Churn", "%", 0, 100),)
    workshop.validate()


def test_rating_median_and_spread() -> None:
    r = Rating(("a", "b"), Layer.AS_IS, Perspective.SELF, (1, 4, 4, 5))
    assert r.median == 4
    assert r.spread == 4
    assert Rating(("a", "b"), Layer.AS_IS, Perspective.SELF).median is None


def test_cells_walk_row_by_row_and_skip_switched_off_columns(rtx: Framework) -> None:
    cells = list(rtx.cells())
    assert cells[0] == ("competence", "individuals")
    assert cells[1] == ("competence", "organizations")
    assert all(rtx.domain(d).enabled for _, d in cells)
    assert len(cells) == len(rtx.elements) * len(rtx.active_domains)


def test_a_message_quotes_a_huge_key_and_value_in_part() -> None:
    from trustboard.domain.errors import PATH_CHARS, PROBLEM_CHARS, ValidationError

    error = ValidationError("ratings." + "k" * 100_000 + ".perspective", "x" * 100_000)
    assert len(str(error)) <= PATH_CHARS + PROBLEM_CHARS + 2
    assert str(error).startswith("ratings.kkk") and ".perspective: xxx" in str(error)
    assert "…" in error.path and "…" in error.problem
