"""NPS and the share answering yes, against values worked out by hand."""

from __future__ import annotations

import pytest

from trustboard.services.imports.kpis import mean, nps, yes_or_no, yes_share


def test_nps_and_its_margin_by_hand() -> None:
    # promoters 10, 9, 10, 9, 9 (5); passives 8, 7; detractors 6, 0, 3 (3); n = 10
    result = nps([10, 9, 8, 7, 6, 0, 10, 3, 9, 9])
    assert (result.kpi, result.n) == ("nps", 10)
    assert result.value == pytest.approx(20.0)
    # 1.96 · sqrt((0.5 + 0.3 − 0.2²) / 10) · 100 = 1.96 · sqrt(0.076) · 100
    assert result.margin == pytest.approx(54.0335, abs=1e-3)


def test_nps_extremes_and_no_answers() -> None:
    assert nps([10, 9]).value == 100.0
    assert nps([10, 9]).margin == 0.0
    assert nps([0, 6, 5]).value == -100.0
    assert nps([7, 8]).value == 0.0
    empty = nps([])
    assert (empty.n, empty.margin) == (0, None)
    with pytest.raises(ValueError, match="11 is not a 0–10 answer"):
        nps([11])


def test_yes_share_and_its_margin_by_hand() -> None:
    result = yes_share([True, True, True, False])
    assert (result.kpi, result.n, result.value) == ("trust-yes", 4, 75.0)
    # 1.96 · sqrt(0.75 · 0.25 / 4) · 100
    assert result.margin == pytest.approx(42.4352, abs=1e-3)
    assert yes_share([], "custom").margin is None


def test_mean_of_a_custom_kpi() -> None:
    result = mean([2.0, 4.0, 6.0], "spend")
    assert (result.value, result.n) == (4.0, 3)
    assert result.margin == pytest.approx(1.96 * 2 / 3**0.5)
    assert mean([5.0], "spend").margin is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [("Yes", True), (" OUI ", True), ("sí", True), ("1", True), ("Nein", False), ("n", False),
     ("maybe", None), ("", None)],
)  # fmt: skip
def test_yes_and_no_in_common_spellings(text: str, expected: bool | None) -> None:
    assert yes_or_no(text) is expected
