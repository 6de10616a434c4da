"""The PDF tests' own helper: it must not pass a right-to-left word drawn backwards."""

from __future__ import annotations

from tests.export.helpers import contains_words

HEBREW = "אמון נבנה לאט"
ARABIC = "الثقة تبنى ببطء"


def test_words_found_in_reading_order_are_there() -> None:
    assert contains_words(f"Customers said {HEBREW} and\n{ARABIC}.", f"{HEBREW} {ARABIC}") == []


def test_a_right_to_left_word_drawn_backwards_is_missing() -> None:
    backwards = " ".join(word[::-1] for word in HEBREW.split())
    assert contains_words(backwards, HEBREW) == HEBREW.split()
    assert contains_words("ةقثلا", "الثقة") == ["الثقة"]


def test_arabic_presentation_forms_count_as_their_letters() -> None:
    assert contains_words("\ufe8d\ufedf\ufe9c\ufed8\ufe94", "الثقة") == []  # as pdftotext gives it
