"""Slides: read back with python-pptx, an independent reader of the written file."""

from __future__ import annotations

import dataclasses
import zipfile
from pathlib import Path

import pytest
from pptx import Presentation
from pptx.chart.chart import Chart
from pptx.enum.chart import XL_MARKER_STYLE
from pptx.enum.dml import MSO_LINE_DASH_STYLE
from pptx.oxml.ns import qn
from pptx.presentation import Presentation as PresentationType
from pptx.slide import Slide
from pptx.table import Table

from tests.export.helpers import add_cards
from trustboard.domain.workshop import (
    Action,
    KpiBasis,
    Layer,
    Perspective,
    Rating,
    Workshop,
    median,
)
from trustboard.export.context import Context
from trustboard.export.options import ExportError, SummaryOptions
from trustboard.export.sections import _rating_colour
from trustboard.export.slides import Fonts, write_slides

TITLES = [
    "Key numbers",
    "Brief",
    "The grid",
    "Perception gap: our view and the customers'",
    "Trend over rounds",
    "Top priorities",
    "Actions",
]
FONTS = Fonts("Noto Sans", "Droid Sans Fallback", "Noto Sans Hebrew", "Noto Sans Arabic", "X")
HOSTILE = [
    "<b>bold & brave</b> \"quoted\" 'single'",
    '=HYPERLINK("http://example.invalid","click")',
    "+1 more -2 less @mention",
    "Great service 👍 🎉 ❤️",
    "الثقة تبنى ببطء",
    "信任是慢慢建立的 신뢰는 천천히",
]


def write(ws: Workshop, path: Path, **options: object) -> PresentationType:
    write_slides(ws, ws.current_round_id, path, SummaryOptions(**options), fonts=FONTS)  # type: ignore[arg-type]
    return Presentation(str(path))


def title_of(slide: Slide) -> str:
    shape = slide.shapes.title
    assert shape is not None
    return shape.text_frame.text


def tables(slide: Slide) -> list[Table]:
    return [s.table for s in slide.shapes if s.has_table]  # type: ignore[attr-defined]


def charts(slide: Slide) -> list[Chart]:
    return [s.chart for s in slide.shapes if s.has_chart]  # type: ignore[attr-defined]


def all_text(prs: PresentationType) -> str:
    out: list[str] = []
    for slide in prs.slides:
        for shape in slide.shapes:
            if shape.has_text_frame:
                out.append(shape.text_frame.text)
            if getattr(shape, "has_table", False):
                for row in shape.table.rows:  # type: ignore[attr-defined]
                    out += [cell.text for cell in row.cells]
            if getattr(shape, "has_chart", False):
                chart = shape.chart  # type: ignore[attr-defined]
                out += [str(c) for c in chart.plots[0].categories]
    return "\n".join(out)


def test_eight_slides_with_their_titles(demo: Workshop, tmp_path: Path) -> None:
    out = tmp_path / "deck.pptx"
    result = write_slides(demo, demo.current_round_id, out, SummaryOptions(), fonts=FONTS)
    prs = Presentation(str(out))
    assert result.pages == len(prs.slides) == 8
    assert result.size == out.stat().st_size
    assert abs(prs.slide_width / prs.slide_height - 16 / 9) < 0.01
    assert title_of(prs.slides[0]) == demo.title
    assert [title_of(s) for s in list(prs.slides)[1:]] == TITLES


def test_title_slide_says_who_and_when(demo: Workshop, tmp_path: Path) -> None:
    prs = write(demo, tmp_path / "deck.pptx", organisation="Harbour & Co")
    text = prs.slides[0].placeholders[1].text_frame.text
    rnd = demo.current_round
    assert "Harbour & Co" in text
    assert rnd.label in text and str(rnd.date.year) in text
    assert f"{len(demo.participants)} participants" in text
    assert all(p in text for p in demo.participants)


def test_heatmap_cells_are_the_rounds_medians(demo: Workshop, tmp_path: Path) -> None:
    prs = write(demo, tmp_path / "deck.pptx")
    (table,) = tables(prs.slides[3])
    fw, rnd = demo.framework, demo.current_round
    assert [table.cell(0, c + 1).text for c in range(len(fw.active_domains))] == [
        d.name for d in fw.active_domains
    ]
    checked = 0
    for r, e in enumerate(fw.elements, start=1):
        assert table.cell(r, 0).text == e.name
        for c, d in enumerate(fw.active_domains, start=1):
            own = rnd.ratings.get((e.id, d.id, "as-is", "self"))
            theirs = rnd.ratings.get((e.id, d.id, "as-is", "customer"))
            ours = median(own.scores) if own else None
            lines = table.cell(r, c).text.split("\n")
            assert lines[0] == ("–" if ours is None else f"{ours:g}")
            if theirs is not None and theirs.scores:
                assert lines[1] == f"customers {median(theirs.scores):g}"
                checked += 1
            fill = table.cell(r, c).fill.fore_color.rgb
            ctx = Context.of(demo, rnd.id, True)
            assert f"#{fill}".lower() == _rating_colour(ctx, ours)  # the PDF's (and board's) ramp
    assert checked > 0  # the demo has customer ratings


def test_key_numbers_give_n_margin_and_change(demo: Workshop, tmp_path: Path) -> None:
    first, now = demo.rounds[0], demo.current_round
    first.kpis["nps"], now.kpis["nps"] = 25.0, 28.0
    first.kpis["retention"], now.kpis["retention"] = 70.0, 64.0
    now.kpi_basis["nps"] = KpiBasis(412, 4.56, "survey.csv")
    now.kpi_basis["retention"] = KpiBasis(80, 2.0)
    prs = write(demo, tmp_path / "deck.pptx")
    (table,) = tables(prs.slides[1])
    rows = {row.cells[0].text: [c.text for c in row.cells] for row in table.rows}
    assert rows["Measure"] == ["Measure", "This round", first.label, "Change", "Based on"]
    # inside the margin of error: not a change; outside it: a change
    assert rows["Net promoter score"][1:] == ["28", "25", "+3 (within ±4.6)", "n = 412 · ±4.6"]
    assert rows["Customer retention rate"][1:] == ["64 %", "70 %", "-6", "n = 80 · ±2"]
    assert rows["Cards on the board"][1:4] == [
        str(len(now.cards)),
        str(len(first.cards)),
        f"{len(now.cards) - len(first.cards):+d}",
    ]
    ours = next(v for k, v in rows.items() if k.startswith("Trust score, our view"))
    theirs = next(v for k, v in rows.items() if k.startswith("Trust score, customers' view"))
    own_medians = [
        median(r.scores) for k, r in now.ratings.items() if k[2:] == ("as-is", "self") and r.scores
    ]
    assert ours[1] == f"{median([m for m in own_medians if m is not None]):g}"
    assert theirs[4].endswith("cells rated by customers")


def test_gap_chart_series_are_our_and_customer_medians(demo: Workshop, tmp_path: Path) -> None:
    prs = write(demo, tmp_path / "deck.pptx")
    (chart,) = charts(prs.slides[4])
    names = [s.name for s in chart.plots[0].series]
    assert names == ["Our view", "Customers' view"]
    ours, theirs = (list(s.values) for s in chart.plots[0].series)
    rnd = demo.current_round
    expected_ours, expected_theirs = [], []
    for cell in demo.framework.cells():
        a = rnd.ratings.get((*cell, "as-is", "self"))
        b = rnd.ratings.get((*cell, "as-is", "customer"))
        a_med = median(a.scores) if a else None
        b_med = median(b.scores) if b else None
        if a_med is not None or b_med is not None:
            expected_ours.append(a_med)
            expected_theirs.append(b_med)
    assert ours == expected_ours and theirs == expected_theirs
    assert chart.plots[0].has_data_labels


def test_trend_chart_has_a_line_per_view_with_distinct_markers(
    demo: Workshop, tmp_path: Path
) -> None:
    prs = write(demo, tmp_path / "deck.pptx")
    (chart,) = charts(prs.slides[5])
    assert list(chart.plots[0].categories) == [r.label for r in demo.rounds]
    series = list(chart.plots[0].series)
    assert [s.name for s in series] == ["Our view", "Customers' view"]
    for rnd, value in zip(demo.rounds, series[0].values, strict=True):
        cells = [rnd.ratings.get((*c, "as-is", "self")) for c in demo.framework.cells()]
        meds = [median(r.scores) for r in cells if r is not None and r.scores]
        assert value == median([m for m in meds if m is not None])
    assert [s.marker.style for s in series] == [XL_MARKER_STYLE.CIRCLE, XL_MARKER_STYLE.SQUARE]
    # coinciding lines stay visible: the customers' line is thinner, dashed, smaller-marked
    ours, theirs = series
    assert theirs.format.line.width < ours.format.line.width
    assert theirs.marker.size < ours.marker.size
    assert theirs.format.line.dash_style == MSO_LINE_DASH_STYLE.DASH


def test_priorities_and_actions_are_native_tables(demo: Workshop, tmp_path: Path) -> None:
    prs = write(demo, tmp_path / "deck.pptx")
    (voted,) = tables(prs.slides[6])
    top = sorted(demo.current_round.cards.values(), key=lambda c: -c.votes)[0]
    assert voted.cell(1, 0).text == str(top.votes)
    (plan,) = tables(prs.slides[7])
    assert [c.text for c in plan.rows[0].cells] == ["Action", "Owner", "Due", "Status"]
    owners = {c.action.owner for c in demo.current_round.cards.values() if c.action}
    assert owners <= {row.cells[1].text for row in list(plan.rows)[1:]}


def test_hostile_text_is_shown_as_typed(demo: Workshop, tmp_path: Path) -> None:
    cards = add_cards(demo, HOSTILE, votes=50)
    rnd = demo.current_round
    rnd.cards[cards[1].id] = dataclasses.replace(cards[1], action=Action(owner="عمر <i>&"))
    demo.title = "=SUM(A1) 信頼 <script>"
    prs = write(demo, tmp_path / "deck.pptx", organisation="Ω & <Co>")
    text = all_text(prs)
    for sample in [*HOSTILE, "عمر <i>&", "=SUM(A1) 信頼 <script>", "Ω & <Co>"]:
        assert sample in text, sample
    (voted,) = tables(prs.slides[6])
    assert {voted.cell(r, 1).text for r in range(1, 7)} == set(HOSTILE)


def test_runs_name_fonts_for_every_script(demo: Workshop, tmp_path: Path) -> None:
    add_cards(demo, HOSTILE, votes=50)
    prs = write(demo, tmp_path / "deck.pptx")
    (voted,) = tables(prs.slides[6])
    seen = 0
    for r in range(1, 7):
        para = voted.cell(r, 1).text_frame.paragraphs[0]
        (run,) = para.runs
        rpr = run._r.find(qn("a:rPr"))
        assert rpr is not None
        assert rpr.find(qn("a:latin")).get("typeface") == "Noto Sans"
        assert rpr.find(qn("a:ea")).get("typeface") == "Droid Sans Fallback"
        if run.text.startswith("الثقة"):
            assert rpr.find(qn("a:cs")).get("typeface") == "Noto Sans Arabic"
            assert para._p.find(qn("a:pPr")).get("rtl") == "1"
            seen += 1
    assert seen == 1


def test_titles_take_the_accent_colour(demo: Workshop, tmp_path: Path) -> None:
    prs = write(demo, tmp_path / "deck.pptx", accent="#8a2be2")
    for slide in prs.slides:
        run = slide.shapes.title.text_frame.paragraphs[0].runs[0]  # type: ignore[union-attr]
        assert str(run.font.color.rgb) == "8A2BE2"
    (table,) = tables(prs.slides[1])
    assert str(table.cell(0, 0).fill.fore_color.rgb) == "8A2BE2"


def test_no_names_leaves_every_name_out(demo: Workshop, tmp_path: Path) -> None:
    out = tmp_path / "deck.pptx"
    prs = write(demo, out, names=False)
    text = all_text(prs)
    assert f"{len(demo.participants)} participants" in text
    owners = {c.action.owner for c in demo.current_round.cards.values() if c.action}
    names = {*demo.participants, demo.facilitator, *owners} - {""}
    raw = b"".join(zipfile.ZipFile(out).read(n) for n in zipfile.ZipFile(out).namelist())
    for name in names:
        assert name not in text, name
        assert name.encode() not in raw, name
    (plan,) = tables(prs.slides[7])
    assert [c.text for c in plan.rows[0].cells] == ["Action", "Due", "Status"]


def test_a_round_without_customers_or_votes_says_so(demo: Workshop, tmp_path: Path) -> None:
    rnd = demo.current_round
    for key in [k for k in rnd.ratings if k[3] == "customer"]:
        del rnd.ratings[key]
    for cid, card in list(rnd.cards.items()):
        rnd.cards[cid] = dataclasses.replace(card, votes=0, voters=(), action=None)
    prs = write(demo, tmp_path / "deck.pptx")
    assert charts(prs.slides[4]) == []
    assert "Customers gave no ratings" in all_text(prs)
    assert "No votes were cast" in all_text(prs)
    assert "No actions were agreed" in all_text(prs)


def test_written_atomically_and_refused_in_words(demo: Workshop, tmp_path: Path) -> None:
    out = tmp_path / "deck.pptx"
    out.write_bytes(b"old")
    with pytest.raises(ExportError, match="no round"):
        write_slides(demo, "nope", out, SummaryOptions(), fonts=FONTS)
    assert out.read_bytes() == b"old"
    write(demo, out)
    assert out.read_bytes()[:2] == b"PK"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["deck.pptx"]  # no temp file left
    missing = tmp_path / "gone" / "deck.pptx"
    with pytest.raises(ExportError, match=r"Could not write the slides to .*gone"):
        write_slides(demo, demo.current_round_id, missing, SummaryOptions(), fonts=FONTS)


def test_installed_fonts_come_from_the_pdfs_families() -> None:
    from trustboard.export.discovery import CJK, TEXT

    fonts = Fonts.installed()
    assert fonts.latin in (*TEXT, "Arial")
    assert fonts.east_asian in (*CJK, "Microsoft YaHei")
    assert fonts.complex_for("שלום") == fonts.hebrew
    assert fonts.complex_for("سلام") == fonts.arabic


def test_control_characters_are_dropped_not_fatal(demo: Workshop, tmp_path: Path) -> None:
    add_cards(demo, ["null\x00byte\x1b[31m bell\x07 tab\tend"], votes=99)
    prs = write(demo, tmp_path / "deck.pptx")
    (voted,) = tables(prs.slides[6])
    assert voted.cell(1, 1).text == "nullbyte[31m bell tab end"


def test_a_password_is_refused_and_nothing_written(demo: Workshop, tmp_path: Path) -> None:
    out = tmp_path / "deck.pptx"
    with pytest.raises(ExportError, match=r"cannot be protected with a password.*deck\.pptx"):
        write_slides(demo, demo.current_round_id, out, SummaryOptions(password="s3cret"))
    assert not out.exists()


def test_chart_labels_name_fonts_for_every_script(demo: Workshop, tmp_path: Path) -> None:
    demo.rounds[0].label = "الربع الأول"
    prs = write(demo, tmp_path / "deck.pptx")
    for slide in (prs.slides[4], prs.slides[5]):
        (chart,) = charts(slide)
        rpr = chart.font._rPr
        assert rpr.find(qn("a:latin")).get("typeface") == "Noto Sans"
        assert rpr.find(qn("a:ea")).get("typeface") == "Droid Sans Fallback"
    (trend,) = charts(prs.slides[5])
    assert trend.font._rPr.find(qn("a:cs")).get("typeface") == "Noto Sans Arabic"


def test_everything_sits_on_the_slide(demo: Workshop, tmp_path: Path) -> None:
    add_cards(demo, ["A long card " * 30] * 10, votes=7)
    prs = write(demo, tmp_path / "deck.pptx")
    width, height = prs.slide_width, prs.slide_height
    for n, slide in enumerate(prs.slides):
        for shape in slide.shapes:
            bottom = shape.top + shape.height
            if getattr(shape, "has_table", False):
                bottom = shape.top + sum(r.height for r in shape.table.rows)  # type: ignore[attr-defined]
            assert shape.left >= 0 and shape.left + shape.width <= width, (n, shape.name)
            assert shape.top >= 0 and bottom <= height, (n, shape.name)


def test_a_large_grid_is_split_and_the_gap_chart_keeps_the_widest(tmp_path: Path) -> None:
    from bench.limits import workshop_at_limits

    ws = workshop_at_limits(rounds=2)
    fw = ws.framework
    rnd = ws.current_round
    for i, cell in enumerate(fw.cells()):  # customers rate every cell, some far from us
        theirs = Rating(cell, Layer.AS_IS, Perspective.CUSTOMER, (1 + i % 5,) * 3)
        rnd.ratings[theirs.key] = theirs
    out = tmp_path / "big.pptx"
    write_slides(ws, ws.current_round_id, out, SummaryOptions(), fonts=FONTS)
    prs = Presentation(str(out))
    grids = [s for s in prs.slides if title_of(s).startswith("The grid (")]
    cells = 0
    for slide in grids:
        (table,) = tables(slide)
        assert len(table.rows) <= 9 and len(table.columns) <= 8  # 8 elements × 7 domains at most
        cells += (len(table.rows) - 1) * (len(table.columns) - 1)
    assert cells == len(fw.elements) * len(fw.active_domains) == 900
    gap = next(s for s in prs.slides if title_of(s).startswith("Perception gap"))
    (chart,) = charts(gap)
    assert len(list(chart.plots[0].categories)) == 16


def test_the_facilitators_story_is_in_the_speaker_notes(demo: Workshop, tmp_path: Path) -> None:
    demo.current_round.notes = "The room agreed delivery is the weak leg.\nالتسليم بطيء"
    prs = write(demo, tmp_path / "deck.pptx")
    notes = prs.slides[1].notes_slide.notes_text_frame
    assert notes is not None
    assert notes.text == "The room agreed delivery is the weak leg.\nالتسليم بطيء"


def test_a_crowd_is_counted_not_listed_on_the_title_slide(demo: Workshop, tmp_path: Path) -> None:
    demo.participants = tuple(f"Participant with a rather long name number {i}" for i in range(90))
    prs = write(demo, tmp_path / "deck.pptx")
    text = prs.slides[0].placeholders[1].text_frame.text
    assert "90 participants: Participant with a rather long name number 0, " in text
    shown = text.count("Participant with")
    assert 3 <= shown <= 10 and f"and {90 - shown} more" in text


def slide_text(slide: Slide) -> str:
    return "\n".join(
        p.text for shape in slide.shapes if shape.has_text_frame
        for p in shape.text_frame.paragraphs  # type: ignore[attr-defined]
    )  # fmt: skip


def test_brief_slide_words_the_findings(demo: Workshop, tmp_path: Path) -> None:
    from trustboard.analytics.findings import findings
    from trustboard.domain.workshop import KpiBasis

    rnd = demo.current_round
    rnd.notes = "Onboarding is where trust is won."
    previous = demo.rounds[demo.rounds.index(rnd) - 1]
    previous.kpis["nps"], rnd.kpis["nps"] = 30, 22
    previous.kpi_basis["nps"], rnd.kpi_basis["nps"] = KpiBasis(200, 8.0), KpiBasis(150, 9.0)
    prs = write(demo, tmp_path / "deck.pptx")
    text = slide_text(prs.slides[2])
    assert "Onboarding is where trust is won." in text
    brief = findings(demo, rnd.id, names=True)
    assert brief.findings
    for finding in brief.findings:
        assert f"• {finding.text}" in text
    assert "within the margin of error — not a clear change" in text


def test_brief_slide_leaves_names_out(demo: Workshop, tmp_path: Path) -> None:
    prs = write(demo, tmp_path / "deck.pptx", names=False)
    text = slide_text(prs.slides[2])
    assert "Weakest (our view)" in text
    for name in demo.participants:
        assert name not in text
