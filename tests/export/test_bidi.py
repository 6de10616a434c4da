"""Right-to-left text: levels and the order runs are drawn in."""

from __future__ import annotations

from trustboard.export.bidi import base_level, levels, line_levels, visual_order


def test_the_first_strong_character_sets_the_direction() -> None:
    assert base_level("hello שלום") == 0
    assert base_level("123 שלום hello") == 1
    assert base_level("!!!") == 0


def test_hebrew_in_english() -> None:
    text = "say שלום now"
    lv = levels(text, 0)
    assert lv[:4] == [0, 0, 0, 0]
    assert lv[4:8] == [1, 1, 1, 1]
    assert lv[8:] == [0, 0, 0, 0]


def test_numbers_in_arabic_stay_left_to_right() -> None:
    text = "عدد 123 هنا"
    lv = levels(text, 1)
    assert lv[4:7] == [2, 2, 2]
    assert {lv[i] for i in (0, 1, 2, 8, 9, 10)} == {1}


def test_neutrals_between_rtl_words_are_rtl() -> None:
    lv = levels("אבג, דהו", 1)
    assert set(lv) == {1}


def test_trailing_spaces_go_back_to_the_paragraph_level() -> None:
    assert line_levels("אב  ", [1, 1, 1, 1], 0) == [1, 1, 0, 0]


def test_visual_order_reverses_rtl_runs() -> None:
    assert visual_order([0, 1, 1, 0]) == [0, 2, 1, 3]
    assert visual_order([1, 2, 1]) == [2, 1, 0]
    assert visual_order([0, 0]) == [0, 1]
    assert visual_order([]) == []
