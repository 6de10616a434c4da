"""People's text shown by Qt stays literal: markup, entities, any script, line breaks."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QTextDocument

from trustboard.ui.text import mnemonic_safe, plain_label, plain_tooltip

HOSTILE = [
    "<b>&",
    "Tom &amp; Jerry",
    "a < b > c",
    "&lt;script&gt;alert(1)&lt;/script&gt;",
    "quote \" and ' apostrophe",
    "信任 · ثقة · 🤝",
    "",
]


@pytest.mark.parametrize("text", HOSTILE)
def test_a_tooltip_renders_the_text_literally(qtbot: object, text: str) -> None:
    doc = QTextDocument()
    doc.setHtml(plain_tooltip(text))
    assert doc.toPlainText() == text


def test_a_tooltip_keeps_line_breaks(qtbot: object) -> None:
    doc = QTextDocument()
    doc.setHtml(plain_tooltip("first <i>\nsecond &"))
    lines = doc.toPlainText().replace("\u2028", "\n").split("\n")
    assert lines == ["first <i>", "second &"]


@pytest.mark.parametrize("text", HOSTILE)
def test_a_plain_label_shows_the_text_literally(qtbot: object, text: str) -> None:
    label = plain_label(text)
    assert label.text() == text
    doc = QTextDocument()
    doc.setPlainText(label.text())
    assert doc.toPlainText() == text


def test_an_ampersand_on_a_button_is_not_a_shortcut() -> None:
    assert mnemonic_safe("R&D") == "R&&D"
