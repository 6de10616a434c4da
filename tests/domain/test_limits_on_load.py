"""A file with a huge number, an oversized text or a broken character is refused on load,
with the field and the limit named, and the file is left exactly as it was."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from trustboard.domain import limits
from trustboard.domain.workshop import Card, KpiDef, Workshop, new_id
from trustboard.store import WorkshopFile
from trustboard.store.errors import TrustBoardFileError

Tables = dict[str, Any]


def _saved(tmp_path: Path, workshop: Workshop) -> Path:
    card = Card(new_id("c"), "A quote", ("competence", "individuals"))
    workshop.current_round.cards[card.id] = card
    workshop.current_round.kpis["nps"] = 12
    workshop.custom_kpis = (KpiDef("custom-churn", "Churn", "%", 0, 100),)
    path = tmp_path / "w.trustboard"
    WorkshopFile.create(path, workshop).close()
    return path


def _refused(path: Path, change: Callable[[Tables], None], raw: str | None = None) -> str:
    """Apply `change` to the file's data (or write `raw`), open it, return the message."""
    tables = json.loads(path.read_text("utf-8"))
    change(tables)
    text = raw if raw is not None else json.dumps(tables)
    path.write_text(text, "utf-8")
    before = path.read_bytes()
    with pytest.raises(TrustBoardFileError) as caught:
        WorkshopFile.open(path)
    assert path.read_bytes() == before
    return caught.value.problem


def _first(table: dict[str, Any]) -> dict[str, Any]:
    return next(iter(table.values()))  # type: ignore[no-any-return]


def _huge(text: str, marker: str = "123456789") -> str:
    """JSON where the marker number becomes a 400-digit whole number."""
    return text.replace(marker, "1" + "0" * 400)


@pytest.mark.parametrize(
    ("where", "set_marker"),
    [
        ("order", lambda t: _first(t["cards"]).update(order=123456789)),
        ("value", lambda t: _first(t["kpis"]).update(value=123456789)),
        ("minimum", lambda t: t["meta"]["workshop"]["custom_kpis"][0].update(minimum=123456789)),
        ("maximum", lambda t: t["meta"]["workshop"]["custom_kpis"][0].update(maximum=123456789)),
    ],
)
def test_a_400_digit_number_is_refused_with_its_field_not_an_overflow(
    tmp_path: Path, workshop: Workshop, where: str, set_marker: Callable[[Tables], None]
) -> None:
    path = _saved(tmp_path, workshop)
    tables = json.loads(path.read_text("utf-8"))
    set_marker(tables)
    problem = _refused(path, lambda t: None, raw=_huge(json.dumps(tables)))
    assert f".{where}: the number is too large" in problem


@pytest.mark.parametrize("value", ["NaN", "Infinity", "-Infinity", "1e400", "1e13"])
def test_a_kpi_value_that_is_not_a_sane_number_is_refused(
    tmp_path: Path, workshop: Workshop, value: str
) -> None:
    path = _saved(tmp_path, workshop)
    tables = json.loads(path.read_text("utf-8"))
    _first(tables["kpis"])["value"] = 123456789
    problem = _refused(path, lambda t: None, raw=json.dumps(tables).replace("123456789", value))
    assert ".value: the number" in problem


@pytest.mark.parametrize("bound", ["minimum", "maximum"])
def test_a_custom_kpi_bound_beyond_the_limit_is_refused(
    tmp_path: Path, workshop: Workshop, bound: str
) -> None:
    path = _saved(tmp_path, workshop)
    problem = _refused(
        path, lambda t: t["meta"]["workshop"]["custom_kpis"][0].update({bound: -1e300})
    )
    assert f"custom_kpis[0].{bound}" in problem
    assert "±1,000,000,000,000" in problem


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (lambda t: _first(t["cards"]).update(votes=10**30), "votes: a number with more than 15"),
        (lambda t: _first(t["rounds"]).update(order=10**30), "order: a number with more than 15"),
        (lambda t: t["framework"]["framework"]["scale"][0].update(value=-(10**30)), "value:"),
    ],
)
def test_whole_numbers_that_must_be_small_are_bounded(
    tmp_path: Path, workshop: Workshop, change: Callable[[Tables], None], expected: str
) -> None:
    problem = _refused(_saved(tmp_path, workshop), change)
    assert expected in problem


def test_a_huge_schema_version_is_damage(tmp_path: Path, workshop: Workshop) -> None:
    path = _saved(tmp_path, workshop)
    problem = _refused(path, lambda t: t["meta"]["file"].update(schema_version=10**400))
    assert "schema_version" in problem


def test_a_round_label_over_the_limit_names_the_round_and_the_limit(
    tmp_path: Path, workshop: Workshop
) -> None:
    path = _saved(tmp_path, workshop)
    problem = _refused(path, lambda t: _first(t["rounds"]).update(label="x" * 100_000))
    assert "round 1's label is 100,000 characters; at most 200 are allowed" in problem


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (lambda t: t["meta"]["workshop"].update(title="T" * 201), "title: the title is 201"),
        (lambda t: _first(t["cards"]).update(text="c" * (limits.CARD_CHARS + 1)), "text:"),
        (
            lambda t: t["meta"]["workshop"].update(participants=["p"] * 501),
            "participants: 501 items; at most 500",
        ),
        (
            lambda t: t["framework"]["framework"]["elements"].extend(
                {"id": f"x{i}", "name": f"X {i}"} for i in range(limits.ELEMENTS)
            ),
            "framework.elements: 34 items; at most 30",
        ),
    ],
)
def test_oversized_content_is_refused_on_load(
    tmp_path: Path, workshop: Workshop, change: Callable[[Tables], None], expected: str
) -> None:
    assert expected in _refused(_saved(tmp_path, workshop), change)


def test_too_many_rounds_are_refused_before_they_are_read(
    tmp_path: Path, workshop: Workshop
) -> None:
    def many(t: Tables) -> None:
        first = _first(t["rounds"])
        t["rounds"].update({f"r-{i}": dict(first, order=i + 1) for i in range(limits.ROUNDS)})

    assert "rounds: 201 rounds; at most 200" in _refused(_saved(tmp_path, workshop), many)


def test_a_lone_surrogate_in_the_title_is_refused_as_not_valid_text(
    tmp_path: Path, workshop: Workshop
) -> None:
    path = _saved(tmp_path, workshop)
    tables = json.loads(path.read_text("utf-8"))
    tables["meta"]["workshop"]["title"] = "Trust SURROGATE review"
    raw = json.dumps(tables).replace("SURROGATE", "\\ud800")
    problem = _refused(path, lambda t: None, raw=raw)
    assert problem.endswith("title: the title is not valid text (it holds a broken character)")
