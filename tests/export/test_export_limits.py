"""Both exports succeed, and print the text, at every limit a workshop may hold at once;
beyond the limits (a file that somehow holds more) they still never crash."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from pathlib import Path

import pytest
from pypdf import PdfReader

from tests.export.helpers import contains_words, normalise, pdftotext
from trustboard.domain import limits
from trustboard.domain.framework import Axis, Framework
from trustboard.domain.workshop import (
    Card,
    Layer,
    Perspective,
    Rating,
    Round,
    Workshop,
    new_workshop,
)
from trustboard.export import ReportOptions, SummaryOptions, write_report, write_summary
from trustboard.export import text as text_module

DAY = dt.date(2026, 3, 31)


def sized(text: str, length: int) -> str:
    return (text * (length // len(text) + 1))[:length]


def workshop_of(rtx: Framework, elements: int, domains: int, *, cards: int = 4) -> Workshop:
    """A workshop as large as the limits allow, in every field at once."""
    fw = dataclasses.replace(
        rtx,
        elements=tuple(
            Axis(f"e{i}", sized(f"Element{i} Verlässlichkeit ", limits.NAME_CHARS))
            for i in range(elements)
        ),
        domains=tuple(
            Axis(f"d{i}", sized(f"Domain{i} 信頼性 ", limits.NAME_CHARS)) for i in range(domains)
        ),
        cell_questions={},
    )
    ws = new_workshop(
        fw,
        sized("Titleword Vertrauen الثقة 信頼 ", limits.TITLE_CHARS),
        organisation=sized("Orgword Gesellschaft ", limits.TITLE_CHARS),
        facilitator=sized("Facilitatorname ", limits.TITLE_CHARS),
        participants=tuple(
            sized(f"Person{i} Nachname ", limits.TITLE_CHARS) for i in range(limits.PARTICIPANTS)
        ),
        date=DAY,
        round_label=sized("Firstround label ", limits.TITLE_CHARS),
    )
    ws.rounds.append(Round("r-second", sized("Secondround label ", limits.TITLE_CHARS), DAY))
    ws.current_round_id = "r-second"
    cells = list(fw.cells())
    for rnd in ws.rounds:
        for i, cell in enumerate(cells):
            for layer in Layer:
                for perspective in Perspective:
                    scores = (i % 5, 3, 5 + layer.value.count("b"))
                    rnd.ratings[(*cell, layer.value, perspective.value)] = Rating(
                        cell, layer, perspective, scores
                    )
    rnd = ws.current_round
    for i in range(cards):
        text = sized(f"Cardstart{i} customers say the repair desk is honest ", limits.CARD_CHARS)
        text = text[: -len(f" Cardend{i}")] + f" Cardend{i}"
        rnd.cards[f"c{i}"] = Card(f"c{i}", text, cells[i * 37 % len(cells)], votes=i)
    return ws


@pytest.fixture(scope="module")
def at_limits(rtx: Framework) -> Workshop:
    return workshop_of(rtx, limits.ELEMENTS, limits.DOMAINS)


def test_the_summary_prints_everything_at_the_limits(at_limits: Workshop, tmp_path: Path) -> None:
    out = tmp_path / "summary.pdf"
    result = write_summary(at_limits, at_limits.current_round_id, out, SummaryOptions())
    text = pdftotext(out)
    assert not contains_words(text, at_limits.title)
    assert not contains_words(text, at_limits.organisation)
    flat = normalise(text)
    for i in range(limits.DOMAINS):  # every column of the grid, in tables of six
        assert f"Domain{i}" in flat
    for i in range(limits.ELEMENTS):
        assert f"Element{i}" in flat
    assert "460more" in flat  # 40 of 500 names, and the count of the rest
    assert result.pages < 40


def test_the_full_report_prints_everything_at_the_limits(
    at_limits: Workshop, tmp_path: Path
) -> None:
    out = tmp_path / "report.pdf"
    write_report(at_limits, at_limits.current_round_id, out, ReportOptions())
    flat = normalise(pdftotext(out))
    for card in at_limits.current_round.cards.values():
        assert not contains_words(flat, card.text)  # every word of the 5,000 characters
    assert "Person499" in flat  # the report names everyone
    assert "Cellbycell" in flat


@pytest.mark.parametrize("domains", [101, 130])
def test_more_domains_than_a_page_is_wide_still_export(
    rtx: Framework, domains: int, tmp_path: Path
) -> None:
    # The limits refuse such a workshop on load and on edit; the export must not crash on
    # one all the same (an older file, a future limit), so the framework is widened after.
    ws = workshop_of(rtx, 2, limits.DOMAINS, cards=1)
    ws.framework = dataclasses.replace(
        ws.framework,
        domains=tuple(
            Axis(f"d{i}", sized(f"Domain{i} 信頼性 ", limits.NAME_CHARS)) for i in range(domains)
        ),
    )
    write_summary(ws, ws.current_round_id, tmp_path / "s.pdf", SummaryOptions())
    write_report(ws, ws.current_round_id, tmp_path / "r.pdf", ReportOptions())
    flat = normalise(pdftotext(tmp_path / "s.pdf"))
    assert f"Domain{domains - 1}" in flat


def test_a_lone_surrogate_prints_as_a_replacement_character(demo: Workshop, tmp_path: Path) -> None:
    demo.title = "Trust \ud800 board"
    demo.current_round.label = "Q2 \udfff review"
    out = tmp_path / "s.pdf"
    write_summary(demo, demo.current_round_id, out, SummaryOptions(password="pw"))
    reader = PdfReader(out)
    assert reader.decrypt("pw")
    assert reader.metadata is not None and reader.metadata.title == "Trust \ufffd board"
    assert "Trust" in pdftotext(out, "pw") and "board" in pdftotext(out, "pw")


def test_one_long_unbroken_word_is_printed_whole(demo: Workshop, tmp_path: Path) -> None:
    word = "".join(chr(ord("a") + i % 26) for i in range(20_000))
    demo.title = word
    out = tmp_path / "s.pdf"
    write_summary(demo, demo.current_round_id, out, SummaryOptions())
    pages = [normalise(page) for page in pdftotext(out).split("\f")]
    # each page without its header (organisation · title, shortened) and footer
    body = "".join(
        re.sub(r"^.*?·[a-z]*\.\.\.|MadewithTrustBoard[\d.]+Page\d+of\d+$", "", page)
        for page in pages
    )
    assert word in body  # line after line, page after page, nothing lost or doubled
    assert body.count("abcdefghijklmnopqrstuvwxyz") == len(word) // 26


def test_wrapping_looks_at_each_character_a_bounded_number_of_times(
    demo: Workshop, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Layout must grow with the text, not with its square (100,000 characters took > 60 s)."""
    from trustboard.export.pdf_builder import PdfBuilder

    looked = [0]
    real = text_module._breakable_cjk

    def counting(ch: str) -> bool:
        looked[0] += 1
        return real(ch)

    monkeypatch.setattr(text_module, "_breakable_cjk", counting)
    engine = PdfBuilder(SummaryOptions(), None, "t", "o").engine
    for n in (10_000, 40_000):
        looked[0] = 0
        para = engine.paragraphs("x" * n)[0]
        lines = engine.wrap(para, 0, n, 300.0, 10.0)
        assert "".join(para.chars[line.start : line.end] for line in lines) == "x" * n
        assert looked[0] <= 3 * n


def test_a_long_text_is_wrapped_once_however_many_pages_it_fills(
    demo: Workshop, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each page's part of a long title or list must reuse the lines, not wrap them again."""
    wraps = [0]
    real = text_module.TextEngine.wrap

    def counting(
        self: text_module.TextEngine,
        para: text_module.Para,
        start: int,
        end: int,
        width: float,
        size: float,
    ) -> list[text_module.Line]:
        if end - start > 10_000:
            wraps[0] += 1
        return real(self, para, start, end, width, size)

    monkeypatch.setattr(text_module.TextEngine, "wrap", counting)
    demo.title = demo.organisation = demo.current_round.label = "Trust builds " * 4_000
    result = write_summary(demo, demo.current_round_id, tmp_path / "s.pdf", SummaryOptions())
    assert result.pages > 20
    assert wraps[0] <= 8  # title, organisation, and the round in its table cell


def test_a_line_never_breaks_at_a_no_break_space() -> None:
    """French writes "confiance ? »" with no-break spaces: the "?" never starts a line."""
    from trustboard.export.pdf_builder import PdfBuilder

    engine = PdfBuilder(SummaryOptions(), None, "t", "o").engine
    text = "Clients qui répondent oui à «\u00a0Nous faites-vous confiance\u00a0?\u00a0»"
    para = engine.paragraphs(text)[0]
    for width in range(40, 400, 7):
        lines = engine.wrap(para, 0, len(para.chars), float(width), 10.0)
        starts = [para.chars[line.start] for line in lines]
        assert "?" not in starts and "»" not in starts, (width, starts)
