"""Edits over a limit are refused before they reach the workshop or its file."""

from __future__ import annotations

import copy
import dataclasses
import datetime as dt

import pytest

from trustboard.document import WorkshopDocument
from trustboard.document.rounds import start_round_command
from trustboard.domain import limits
from trustboard.domain.errors import ValidationError
from trustboard.domain.workshop import Answer, Card, KpiDef, Round, Workshop, new_id

CI = ("competence", "individuals")


def test_a_card_text_over_the_limit_is_refused_and_nothing_changes(workshop: Workshop) -> None:
    doc = WorkshopDocument(workshop)
    card = Card(new_id("c"), "x" * (limits.CARD_CHARS + 1), CI)
    with pytest.raises(ValidationError, match=r"text: the card's text is 5,001 characters"):
        doc.set_cards(workshop.current_round_id, {card.id: card})
    assert workshop.current_round.cards == {}


def test_a_card_with_a_broken_character_is_refused(workshop: Workshop) -> None:
    doc = WorkshopDocument(workshop)
    card = Card(new_id("c"), "half \udc80 a character", CI)
    with pytest.raises(ValidationError, match="not valid text"):
        doc.set_cards(workshop.current_round_id, {card.id: card})
    assert workshop.current_round.cards == {}


def test_an_answer_over_the_limit_is_refused(workshop: Workshop) -> None:
    doc = WorkshopDocument(workshop)
    question = workshop.framework.questions_for(CI)[0]
    answer = Answer(CI, question.id, "a" * (limits.ANSWER_CHARS + 1))
    with pytest.raises(ValidationError, match="the answer is 10,001 characters"):
        doc.set_answer(workshop.current_round_id, answer)
    assert workshop.current_round.answers == {}


@pytest.mark.parametrize("value", [1e308, float("nan"), float("inf"), -1e13])
def test_a_kpi_value_beyond_the_limit_is_refused(workshop: Workshop, value: float) -> None:
    doc = WorkshopDocument(workshop)
    with pytest.raises(ValidationError, match=r"^kpis\.clv: the value"):
        doc.set_kpi(workshop.current_round_id, "clv", value)
    assert workshop.current_round.kpis == {}


def test_a_kpi_value_at_the_limit_is_kept(workshop: Workshop) -> None:
    doc = WorkshopDocument(workshop)
    doc.set_kpi(workshop.current_round_id, "clv", limits.KPI_MAGNITUDE)
    assert workshop.current_round.kpis == {"clv": limits.KPI_MAGNITUDE}


def test_a_custom_kpi_with_an_infinite_bound_is_refused(workshop: Workshop) -> None:
    doc = WorkshopDocument(workshop)
    kpi = KpiDef("custom-x", "X", "", None, float("inf"))
    with pytest.raises(ValidationError, match=r"custom_kpis\[0\]\.maximum"):
        doc.set_details(custom_kpis=(kpi,))
    assert workshop.custom_kpis == ()


def test_a_title_over_the_limit_is_refused(workshop: Workshop) -> None:
    doc = WorkshopDocument(workshop)
    with pytest.raises(ValidationError, match="the title is 100,000 characters; at most 200"):
        doc.set_details(title="T" * 100_000)
    assert workshop.title == "Test workshop"


def test_a_round_name_over_the_limit_is_refused(workshop: Workshop) -> None:
    doc = WorkshopDocument(workshop)
    with pytest.raises(ValidationError, match="the round's name is 201 characters"):
        start_round_command(doc, "R" * 201, dt.date(2026, 7, 1))


def test_no_round_starts_past_the_limit(workshop: Workshop) -> None:
    first = workshop.rounds[0]
    workshop.rounds += [
        Round(f"r-{i}", f"Round {i}", first.date) for i in range(2, limits.ROUNDS + 1)
    ]
    doc = WorkshopDocument(workshop)
    with pytest.raises(ValidationError, match="at most 200 rounds"):
        start_round_command(doc, "One more", dt.date(2026, 7, 1))


def test_a_refused_list_of_rounds_leaves_the_workshop_as_it_was(workshop: Workshop) -> None:
    doc = WorkshopDocument(workshop)
    before = copy.deepcopy(workshop)
    bad = dataclasses.replace(workshop.rounds[0], id="r-new", label="L" * 201)
    with pytest.raises(ValidationError, match="label"):
        doc.set_rounds([*workshop.rounds, bad], "r-new")
    assert workshop == before
