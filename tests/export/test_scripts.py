"""Every script people type prints, and can be found again in the PDF's text."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.export.helpers import add_cards, contains_words, normalise, pdftotext, pypdf_text
from trustboard.domain.workshop import Workshop
from trustboard.export import ReportOptions, SummaryOptions, write_report, write_summary

SAMPLES = {
    "latin": "Café naïve façade — Ærøskøbing, Łódź, São Paulo, Straße",
    "greek": "Η εμπιστοσύνη χτίζεται σιγά σιγά",
    "cyrillic": "Доверие строится медленно, теряется быстро",
    "arabic": "الثقة تبنى ببطء وتضيع بسرعة 2026",
    "hebrew": "אמון נבנה לאט ונשבר מהר",
    "chinese": "信任是慢慢建立的",
    "japanese": "信頼はゆっくり築かれる",
    "korean": "신뢰는 천천히 쌓인다",
    "mixed": "Customers said شكرا جزيلا and תודה רבה after the call",
}
EMOJI = "Great service 👍 🎉 ❤️ ☕ ✅"


@pytest.fixture
def multiscript(demo: Workshop) -> Workshop:
    add_cards(demo, [*SAMPLES.values(), EMOJI], author="Zoë Ångström", votes=9)
    return demo


@pytest.mark.parametrize("extract", [pypdf_text, pdftotext], ids=["pypdf", "pdftotext"])
def test_the_report_keeps_every_script(multiscript: Workshop, tmp_path: Path, extract) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "report.pdf"
    result = write_report(multiscript, multiscript.current_round_id, out, ReportOptions())
    assert result.warnings == ()
    text = extract(out)
    for script, sample in SAMPLES.items():
        assert contains_words(text, sample) == [], script
    found = normalise(text)
    for emoji in ("👍", "🎉", "❤", "☕", "✅"):
        assert emoji in found
    for card in multiscript.current_round.cards.values():
        assert contains_words(text, card.text) == [], card.text


def test_every_card_of_the_demo_is_in_the_report(demo: Workshop, tmp_path: Path) -> None:
    out = tmp_path / "report.pdf"
    write_report(demo, demo.current_round_id, out, ReportOptions())
    text = pdftotext(out)
    for card in demo.current_round.cards.values():
        assert contains_words(text, card.text) == [], card.text


@pytest.mark.parametrize("write", [write_summary, write_report], ids=["summary", "report"])
def test_no_names_leaves_out_every_person(multiscript: Workshop, tmp_path: Path, write) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "anonymous.pdf"
    options = ReportOptions(names=False)
    write(multiscript, multiscript.current_round_id, out, options)
    people = {*multiscript.participants, multiscript.facilitator, "Zoë Ångström"}
    people |= {c.author for c in multiscript.current_round.cards.values() if c.author}
    for text in (pdftotext(out), pypdf_text(out)):
        flat = normalise(text)
        for person in people:
            for part in person.split():
                assert normalise(part) not in flat, person
        assert f"{len(multiscript.participants)}participants" in flat


def test_names_print_when_wanted(multiscript: Workshop, tmp_path: Path) -> None:
    out = tmp_path / "named.pdf"
    write_report(multiscript, multiscript.current_round_id, out, ReportOptions())
    flat = normalise(pdftotext(out))
    assert normalise("Zoë Ångström") in flat
    assert normalise(multiscript.facilitator) in flat
    assert all(normalise(p) in flat for p in multiscript.participants)


def test_the_summary_names_the_round_and_the_organisation(demo: Workshop, tmp_path: Path) -> None:
    out = tmp_path / "summary.pdf"
    options = SummaryOptions(organisation="Ärzte ohne Grenzen <AoG>")
    result = write_summary(demo, demo.current_round_id, out, options)
    assert 2 <= result.pages <= 3  # the brief on page 1, then 1–2 pages of figures
    text = pdftotext(out)
    for expected in (
        "Q2 review",
        "Ärzte ohne Grenzen <AoG>",
        demo.title,
        "Action plan",
        "Top-voted cards",
        "Perception gaps",
        "Net promoter score",
    ):
        assert expected in text
