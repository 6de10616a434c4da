"""Text from files is shown on a terminal or in a window, never obeyed or dropped."""

from __future__ import annotations

import json
import os

import pytest

from trustboard.display import display_name, display_text, terminal_safe, terminal_safe_json


@pytest.mark.parametrize(
    ("raw", "shown"),
    [
        ("\x1b]52;c;aGk=\x07", "\\x1b]52;c;aGk=\\x07"),  # clipboard write
        ("\x1b[2K\r", "\\x1b[2K\\x0d"),  # clear the line, go back to its start
        ("\x9b2J", "\\x9b2J"),  # C1 CSI: one byte does what ESC [ does
        ("\x00\x7f\x85", "\\x00\\x7f\\x85"),
        ("\u202eexe.txt\u2066\u2069", "\\u202eexe.txt\\u2066\\u2069"),
        (os.fsdecode(b"caf\xe9"), "caf\\udce9"),
    ],
)
def test_terminal_safe_shows_what_a_terminal_would_obey(raw: str, shown: str) -> None:
    assert terminal_safe(raw) == shown


def test_terminal_safe_keeps_ordinary_text_newlines_and_tabs() -> None:
    text = "Q3 trust\tworkshop\n信頼 🎉 مرحبا «ok» — 1 × 2"
    assert terminal_safe(text) == text


def test_terminal_safe_json_is_the_same_json() -> None:
    data = {"title": "a\x1b]0;x\x07 \x9b2K \u202e b", "n": 1}
    out = terminal_safe_json(data)
    assert terminal_safe(out) == out
    assert json.loads(out) == data


def test_a_name_that_is_not_utf8_shows_one_replacement_character_per_byte() -> None:
    name = os.fsdecode(b"Caf\xe9 \xff\xfe.trustboard")
    assert display_text(name) == "Caf\ufffd \ufffd\ufffd.trustboard"
    assert display_name(f"/tmp/{name}") == "Caf\ufffd \ufffd\ufffd.trustboard"
    assert display_text("plain ✓") == "plain ✓"
