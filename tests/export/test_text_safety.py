"""What people type is printed, never interpreted: markup, entities, paths, huge cards."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

from tests.export.helpers import add_cards, need, normalise, pdftotext, pypdf_text
from trustboard.domain.workshop import Workshop
from trustboard.export import ReportOptions, SummaryOptions, write_report, write_summary

HOSTILE = [
    "<b>not bold</b>",
    "a<b",
    "Fish & chips &amp; &lt; &#169; &bogus;",
    "<img src='/etc/passwd' width=10 height=10/>",
    '<img src="../../secret.png"/>',
    "<a href='file:///etc/shadow'>click</a>",
    "<para><font name='Courier'>x</font></para> <br/> <unclosed",
    "]]> <!-- comment --> <?xml version='1.0'?> %s %(x)s {0}",
    "\\ ( ) unbalanced ( parens \\) in PDF strings",
]


def test_hostile_text_prints_literally(demo: Workshop, tmp_path: Path) -> None:
    add_cards(demo, HOSTILE)
    demo.title = "<b>Q3 & Q4</b> review"
    out = tmp_path / "hostile.pdf"
    write_report(demo, demo.current_round_id, out, ReportOptions())
    for text in (pdftotext(out), pypdf_text(out)):
        flat = normalise(text)
        for sample in [*HOSTILE, demo.title]:
            assert normalise(sample) in flat, sample


def test_markup_never_opens_a_file(demo: Workshop, tmp_path: Path) -> None:
    """reportlab's <img> opens the file it names; user text must never get that far."""
    secret = tmp_path / "secret.png"
    add_cards(demo, [f"<img src='{secret}'/>", f'<img src="{secret}" width="5"/>'])
    opened: list[str] = []

    def audit(event: str, args: tuple[object, ...]) -> None:
        if event == "open" and args and str(args[0]).endswith("secret.png"):
            opened.append(str(args[0]))

    import sys

    sys.addaudithook(audit)
    write_report(demo, demo.current_round_id, tmp_path / "r.pdf", ReportOptions())
    assert opened == []


def test_newlines_are_kept(demo: Workshop, tmp_path: Path) -> None:
    add_cards(demo, ["first line\nsecond line\r\nthird line\n\nafter a blank"])
    out = tmp_path / "lines.pdf"
    write_report(demo, demo.current_round_id, out, ReportOptions())
    lines = [line.strip() for line in pdftotext(out).splitlines()]
    i = lines.index("first line")
    assert lines[i + 1 : i + 3] == ["second line", "third line"]
    assert "after a blank" in lines[i + 3 : i + 6]


def test_a_card_longer_than_a_page_flows_over_pages(demo: Workshop, tmp_path: Path) -> None:
    words = [f"w{i:05d}" for i in range(3400)]  # 20,400 characters in one card
    text = " ".join(words)
    assert len(text) >= 20_000
    add_cards(demo, [text, "x" * 20_000])  # and one that has no space to break at
    out = tmp_path / "long.pdf"
    result = write_report(demo, demo.current_round_id, out, ReportOptions())
    extracted = pdftotext(out)
    assert all(w in extracted for w in words)
    # each page's header and footer out: the 20,000 letters follow on, none lost
    flowing = re.sub(
        r"MadewithTrustBoard[\d.]+|Page\d+of\d+|NorthwindOutfitters\(fictional\)·"
        r"Customertrustworkshop",
        "",
        normalise(extracted),
    )
    assert "x" * 20_000 in flowing
    assert result.pages > 10
    summary = write_summary(demo, demo.current_round_id, tmp_path / "s.pdf", SummaryOptions())
    assert summary.pages <= 3  # the brief on page 1, then at most 2 pages of figures


@pytest.mark.parametrize("text", ["", " ", "\n\n\n", "\u200f\u200e", "\x00\x07bell", "\ud800"])
def test_odd_text_does_not_break_the_export(demo: Workshop, tmp_path: Path, text: str) -> None:
    add_cards(demo, [text])
    out = tmp_path / "odd.pdf"
    write_report(demo, demo.current_round_id, out, ReportOptions())
    qpdf = need("qpdf", "qpdf")
    assert subprocess.run([qpdf, "--check", str(out)], capture_output=True).returncode == 0
