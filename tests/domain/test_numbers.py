"""Numbers read with the locale's separators, and shown so they read back the same."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from trustboard.domain.numbers import format_number, parse_number

GERMAN = {"decimal": ",", "group": "."}
ENGLISH = {"decimal": ".", "group": ","}
FRENCH = {"decimal": ",", "group": "\u202f"}
SWISS = {"decimal": ".", "group": "’"}
LOCALES = [GERMAN, ENGLISH, FRENCH, SWISS]


@pytest.mark.parametrize(
    ("text", "german", "english"),
    [
        ("1.250", 1250, 1.25),
        ("1,250", 1.25, 1250),
        ("1.250,5", 1250.5, None),
        ("1,250.5", None, 1250.5),
        ("1.250.000", 1_250_000, None),
        ("62,5", 62.5, 62.5),  # not written the English way: still read as people mean it
        ("62.5", 62.5, 62.5),  # not written the German way: the same
        ("−5", -5, -5),
        ("0,125", 0.125, 0.125),  # no group starts with a 0
        ("0.125", 0.125, 0.125),
    ],
)
def test_the_locale_decides_what_a_separator_means(
    text: str, german: float | None, english: float | None
) -> None:
    if german is not None:
        assert parse_number(text, **GERMAN) == german
    if english is not None:
        assert parse_number(text, **ENGLISH) == english


def test_spaced_and_apostrophe_groups() -> None:
    assert parse_number("1\u202f250,5", **FRENCH) == 1250.5
    assert parse_number("1 250,5 €", "€", **FRENCH) == 1250.5
    assert parse_number("1’250.5", **SWISS) == 1250.5


@pytest.mark.parametrize("locale", LOCALES, ids=["de", "en", "fr", "ch"])
@pytest.mark.parametrize("text", ["abc", "1.2.3", "1,2,3", "nan", "inf", "12 apples", "1.25.0"])
def test_not_numbers_in_any_locale(locale: dict[str, str], text: str) -> None:
    with pytest.raises(ValueError, match="is not a number"):
        parse_number(text, **locale)


@pytest.mark.parametrize("locale", LOCALES, ids=["de", "en", "fr", "ch"])
def test_empty_is_none(locale: dict[str, str]) -> None:
    assert parse_number("  ", **locale) is None
    assert parse_number(" % ", "%", **locale) is None


@pytest.mark.parametrize("locale", LOCALES, ids=["de", "en", "fr", "ch"])
@given(value=st.floats(min_value=-1e9, max_value=1e9, allow_nan=False))
def test_a_shown_value_reads_back_as_itself(locale: dict[str, str], value: float) -> None:
    shown = format_number(value, decimal=locale["decimal"])
    assert parse_number(shown, **locale) == float(f"{value:g}")
