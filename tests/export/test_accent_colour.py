"""The export's accent colour is a whole colour: a trailing newline does not slip through."""

from __future__ import annotations

import pytest

from trustboard.export.options import SummaryOptions


@pytest.mark.parametrize("accent", ["#fff3a3\n", "#fff3a3 ", "#fff3a3a", "fff3a3"])
def test_an_accent_that_is_not_exactly_a_colour_is_refused(accent: str) -> None:
    with pytest.raises(ValueError, match="is not a colour"):
        SummaryOptions(accent=accent)


def test_an_accent_colour_is_kept() -> None:
    assert SummaryOptions(accent="#fff3a3").accent == "#fff3a3"
