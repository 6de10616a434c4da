"""Framework validation (used by templates, the framework editor and files) holds the limits."""

from __future__ import annotations

import dataclasses

import pytest

from trustboard.domain import limits
from trustboard.domain.errors import ValidationError
from trustboard.domain.framework import Axis, CardKind, Framework, Question, RatingScale, ScaleStep
from trustboard.frameworks.editing import add_axis


def test_more_elements_than_the_limit_are_refused(rtx: Framework) -> None:
    rows = tuple(Axis(f"e{i}", f"Row {i}") for i in range(limits.ELEMENTS + 1))
    with pytest.raises(ValidationError, match=r"^elements: 31 elements; at most 30"):
        dataclasses.replace(rtx, elements=rows).validate()


def test_more_domains_than_the_limit_are_refused(rtx: Framework) -> None:
    columns = tuple(Axis(f"d{i}", f"Column {i}") for i in range(limits.DOMAINS + 1))
    with pytest.raises(ValidationError, match=r"^domains: 31 domains; at most 30"):
        dataclasses.replace(rtx, domains=columns).validate()


def test_a_scale_of_more_steps_than_the_limit_is_refused(rtx: Framework) -> None:
    steps = tuple(ScaleStep(v, str(v)) for v in range(limits.SCALE_STEPS + 1))
    with pytest.raises(ValidationError, match=r"^scale: 12 scale steps; at most 11"):
        dataclasses.replace(rtx, scale=RatingScale(steps)).validate()


def test_a_scale_value_far_outside_any_scale_is_refused(rtx: Framework) -> None:
    steps = (ScaleStep(1, "low"), ScaleStep(10**400, "high"))
    with pytest.raises(ValidationError, match=r"^scale\[1\]\.value: a number with more than"):
        dataclasses.replace(rtx, scale=RatingScale(steps)).validate()


def test_more_questions_in_one_set_than_the_limit_are_refused(rtx: Framework) -> None:
    questions = tuple(Question(f"q{i}", f"Why {i}?") for i in range(limits.QUESTIONS_PER_SET + 1))
    first = dataclasses.replace(rtx.elements[0], questions=questions)
    broken = dataclasses.replace(rtx, elements=(first, *rtx.elements[1:]))
    with pytest.raises(ValidationError, match=r"elements\[0\]\.questions: 51 questions; at most"):
        broken.validate()


def test_more_questions_in_all_than_the_limit_are_refused(rtx: Framework) -> None:
    def axes(prefix: str, count: int) -> tuple[Axis, ...]:
        return tuple(
            Axis(
                f"{prefix}{n}",
                f"{prefix} {n}",
                questions=tuple(
                    Question(f"q-{prefix}{n}-{i}", "Why?") for i in range(limits.QUESTIONS_PER_SET)
                ),
            )
            for n in range(count)
        )

    broken = dataclasses.replace(
        rtx, elements=axes("e", 30), domains=axes("d", 11), cell_questions={}
    )
    with pytest.raises(ValidationError, match=r"^questions: 2,050 questions; at most 2,000"):
        broken.validate()


def test_a_name_over_the_limit_is_refused(rtx: Framework) -> None:
    first = dataclasses.replace(rtx.elements[0], name="N" * (limits.NAME_CHARS + 1))
    with pytest.raises(ValidationError, match=r"elements\[0\]\.name: the name is 121 characters"):
        dataclasses.replace(rtx, elements=(first, *rtx.elements[1:])).validate()


def test_more_card_kinds_than_the_limit_are_refused(rtx: Framework) -> None:
    kinds = (*rtx.card_kinds, *(CardKind(f"k{i}", f"K {i}", "#ffffff") for i in range(20)))
    with pytest.raises(ValidationError, match=r"^card_kinds: .* card kinds; at most 20"):
        dataclasses.replace(rtx, card_kinds=kinds).validate()


def test_a_colour_with_a_trailing_newline_is_refused(rtx: Framework) -> None:
    kinds = (dataclasses.replace(rtx.card_kinds[0], colour="#fff3a3\n"), *rtx.card_kinds[1:])
    with pytest.raises(ValidationError, match=r"card_kinds\[0\]\.colour: .* is not a colour"):
        dataclasses.replace(rtx, card_kinds=kinds).validate()


def test_an_id_with_a_trailing_newline_is_refused(rtx: Framework) -> None:
    with pytest.raises(ValidationError, match=r"^id: .* is not a valid id"):
        dataclasses.replace(rtx, id="rtx\n").validate()


def test_a_long_bad_id_is_quoted_short(rtx: Framework) -> None:
    with pytest.raises(ValidationError) as caught:
        dataclasses.replace(rtx, id="X" * 100_000).validate()
    assert len(str(caught.value)) < 200


def test_the_framework_editor_cannot_add_a_row_past_the_limit(rtx: Framework) -> None:
    fw = rtx
    for i in range(limits.ELEMENTS - len(rtx.elements)):
        fw, _ = add_axis(fw, "elements", f"Row {i}")
    with pytest.raises(ValidationError, match=r"^elements: 31 elements; at most 30"):
        add_axis(fw, "elements", "One too many")
