"""Every export in the workshop's language: the PDF, the slides, the workbook and the CSV.

The pseudo-language wraps every catalogue text in `[!! … !!]`; what an export shows outside
the brackets must be the workshop's own data (names, cards, the framework's texts), a
number or a date. German and French spot checks read real translations and the locale's
formats; the catalogue test keeps the exports' texts complete in both languages.
"""

from __future__ import annotations

import argparse
import csv
import dataclasses
import io
import re
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tests.export.conftest import DAY
from tests.export.helpers import pdftotext, pypdf_text
from tests.i18n.visible import unwrapped, workshop_data
from trustboard import __version__, i18n
from trustboard.domain.framework import Framework
from trustboard.domain.workshop import Action, ActionStatus, Workshop
from trustboard.export import (
    ExportError,
    ReportOptions,
    SummaryOptions,
    write_report,
    write_summary,
)
from trustboard.export.options import csv_separator
from trustboard.export.text import TextEngine
from trustboard.services.demo import demo_workshop

EXPORT_PATHS = ("export/", "analytics/")


def workshop_in(rtx: Framework, language: str) -> Workshop:
    """The demo workshop with its framework written in `language`, a percentage KPI with a
    decimal, and an action with an owner and a due date."""
    ws = demo_workshop(dataclasses.replace(rtx, language=language), DAY)
    ws.current_round.kpis["retention"] = 62.5
    card = next(iter(ws.current_round.cards.values()))
    action = Action("Ana", DAY, ActionStatus.IN_PROGRESS)
    ws.current_round.cards[card.id] = dataclasses.replace(card, action=action)
    return ws


def allowed(ws: Workshop) -> list[str]:
    """What may show outside the brackets: the workshop's data, the names of the measures
    it tracks (the built-in ones come from the domain), and dates (their month names are
    the locale's, not the catalogue's)."""
    days = {DAY, ws.date, *(r.date for r in ws.rounds)}
    days |= {c.action.due for r in ws.rounds for c in r.cards.values() if c.action}
    dates = [i18n.format_date(d, "long") for d in days if d]
    return [*workshop_data(ws), *(k.name for k in ws.kpi_defs), *dates, __version__]


@pytest.fixture
def drawn(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[tuple[str, str]]]:
    """Every text the PDF's text engine lays out, as (where, text)."""
    seen: list[tuple[str, str]] = []
    paragraphs, single = TextEngine.paragraphs, TextEngine.single_line

    def record_paragraphs(self: TextEngine, text: str, bold: bool = False) -> object:
        seen.append(("pdf text", text))
        return paragraphs(self, text, bold)

    def record_single(self: TextEngine, text: str, width: float, style: object) -> object:
        seen.append(("pdf line", text))
        return single(self, text, width, style)  # type: ignore[arg-type]

    monkeypatch.setattr(TextEngine, "paragraphs", record_paragraphs)
    monkeypatch.setattr(TextEngine, "single_line", record_single)
    yield seen


def pdf_info(path: Path) -> dict[str, object]:
    from pypdf import PdfReader

    reader = PdfReader(path)
    meta = reader.metadata or {}
    return {
        "lang": str(reader.trailer["/Root"].get("/Lang")),
        "title": str(meta.get("/Title", "")),
        "subject": str(meta.get("/Subject", "")),
        "keywords": str(meta.get("/Keywords", "")),
        "pages": len(reader.pages),
    }


def flat(text: str) -> str:
    """Every kind of space as one plain space."""
    return re.sub(r"[\s\u00a0\u202f]+", " ", text)


# --- pseudo: nothing escapes the catalogue ------------------------------------------------


def test_every_text_of_the_full_report_is_translated(
    rtx: Framework, tmp_path: Path, drawn: list[tuple[str, str]]
) -> None:
    ws = workshop_in(rtx, "pseudo")
    out = tmp_path / "report.pdf"
    write_report(ws, ws.current_round_id, out, ReportOptions(details=True))
    data = allowed(ws)
    assert len(drawn) > 100
    assert unwrapped(drawn, data=data) == []
    # what a reader finds in the file is the same: every word outside the brackets is data
    extracted = pdftotext(out)
    assert "[!! Page 1 of" in flat(extracted)
    assert unwrapped([("pdftotext", flat(extracted))], data=_words(data)) == []
    info = pdf_info(out)
    assert info["subject"].startswith("[!! Full report of")
    assert "[!! trust workshop !!]" in info["keywords"]
    assert info["lang"] == "en"  # the pseudo-language is English underneath


def _words(data: list[str]) -> list[str]:
    """Data as single words too: a long card wraps, and a short one is cut with "…"."""
    return [*data, *(w for d in data for w in re.findall(r"[^\W\d_]{2,}", d))]


def test_every_text_of_the_summary_is_translated_without_names(
    rtx: Framework, tmp_path: Path, drawn: list[tuple[str, str]]
) -> None:
    ws = workshop_in(rtx, "pseudo")
    write_summary(ws, ws.current_round_id, tmp_path / "s.pdf", SummaryOptions(names=False))
    assert unwrapped(drawn, data=allowed(ws)) == []
    assert any("[!! Owners' names are left out of this copy. !!]" in t for _w, t in drawn)


def test_every_text_of_the_slides_is_translated(rtx: Framework, tmp_path: Path) -> None:
    from pptx import Presentation

    from trustboard.export.slides import write_slides

    ws = workshop_in(rtx, "pseudo")
    out = tmp_path / "deck.pptx"
    write_slides(ws, ws.current_round_id, out, SummaryOptions())
    texts = _slide_texts(Presentation(str(out)))
    assert len(texts) > 50
    assert unwrapped(texts, data=allowed(ws)) == []
    assert ("slide 2 title", "[!! Key numbers !!]") in texts


def _slide_texts(prs: object) -> list[tuple[str, str]]:
    out: list[tuple[str, str]] = []
    for n, slide in enumerate(prs.slides, start=1):  # type: ignore[attr-defined]
        title = slide.shapes.title
        for shape in slide.shapes:
            where = f"slide {n} title" if shape == title else f"slide {n}"
            if shape.has_text_frame and shape.text_frame.text:
                out.append((where, shape.text_frame.text))
            if shape.has_table:
                out += [(f"slide {n} table", c.text) for r in shape.table.rows for c in r.cells]
            if shape.has_chart:
                for plot in shape.chart.plots:
                    out += [(f"slide {n} series", s.name) for s in plot.series]
    return out


def test_every_sheet_name_header_and_label_of_the_workbook_is_translated(
    rtx: Framework, tmp_path: Path
) -> None:
    from openpyxl import load_workbook

    from trustboard.export.spreadsheet import write_xlsx

    ws = workshop_in(rtx, "pseudo")
    out = tmp_path / "book.xlsx"
    write_xlsx(ws, out)
    book = load_workbook(out, read_only=True)
    # a sheet's name cannot hold "[" or "]": the brackets show as parentheses
    names = [re.sub(r"^\(!! (.*) !!\)$", r"[!! \1 !!]", n) for n in book.sheetnames]
    texts = [("sheet", name) for name in names]
    for sheet in book.worksheets:
        for row in sheet.iter_rows(values_only=True):
            texts += [(sheet.title, v) for v in row if isinstance(v, str)]
    assert unwrapped(texts, data=allowed(ws)) == []
    assert book.sheetnames[0] == "(!! Cards !!)"
    # numbers stay numbers: the KPI sheet's values are not text in any language
    kpis = list(book.worksheets[4].iter_rows(values_only=True))
    assert any(row[3] == 62.5 for row in kpis[1:])


def test_csv_headers_and_labels_are_translated(rtx: Framework, tmp_path: Path) -> None:
    from trustboard.export.spreadsheet import write_actions_csv, write_cards_csv

    ws = workshop_in(rtx, "pseudo")
    for write in (write_cards_csv, write_actions_csv):
        out = tmp_path / f"{write.__name__}.csv"
        write(ws, ws.current_round_id, out)
        rows = list(csv.reader(io.StringIO(out.read_text(encoding="utf-8-sig"))))
        texts = [("csv", v) for row in rows for v in row]
        assert unwrapped(texts, data=allowed(ws)) == [], write.__name__
        assert all(h.startswith("[!! ") for h in rows[0])


def test_findings_and_errors_are_translated(rtx: Framework) -> None:
    from trustboard.analytics.findings import findings

    ws = workshop_in(rtx, "pseudo")
    with i18n.using("pseudo"):
        brief = findings(ws, ws.current_round_id, names=False)
        texts = [("finding", f.text) for f in brief.findings]
        texts += [("priority", p) for p in brief.priorities] + [("who", brief.who)]
        with pytest.raises(ExportError) as raised:
            write_summary(ws, "no-such-round", "x.pdf")
        for problem in ("\ud800", "\u00ad", "ä" * 100):
            with pytest.raises(ExportError) as bad:
                from trustboard.export.password import check_password

                check_password(problem)
            texts.append(("password", str(bad.value)))
        with pytest.raises(ExportError) as sep:
            csv_separator("|")
    texts += [("error", str(raised.value)), ("separator", str(sep.value))]
    assert len(brief.findings) >= 4
    assert unwrapped(texts, data=[*workshop_data(ws), "no-such-round", "'|'"]) == []


def test_the_command_line_reports_in_the_interface_language(
    board: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str],
    interface_language: Callable[[str], str],
) -> None:  # fmt: skip
    from trustboard.export import command

    interface_language("pseudo")
    parser = argparse.ArgumentParser()
    command.add_arguments(parser)
    helps = [("help", a.help) for a in parser._actions if a.help and a.dest != "help"]
    assert unwrapped(helps) == []
    ns = parser.parse_args([str(board), "-o", str(tmp_path / "s.pdf")])
    assert command.run(ns) == 0
    said = capsys.readouterr().out
    assert said.startswith("[!! wrote [!! the summary of")
    ns = parser.parse_args([str(board), "-o", str(tmp_path / "s.doc")])
    assert command.run(ns) == 1
    assert "[!! {name} has no format" not in capsys.readouterr().err  # filled in
    assert unwrapped([("cli", said)], data=["Q2 review", str(tmp_path), "KB"]) == []


# --- German and French ---------------------------------------------------------------------


def test_a_german_summary_reads_german(rtx: Framework, tmp_path: Path) -> None:
    ws = workshop_in(rtx, "de")
    out = tmp_path / "de.pdf"
    result = write_summary(ws, ws.current_round_id, out)
    text = flat(pdftotext(out))
    assert "31. März 2026" in text
    assert f"Seite 1 von {result.pages}" in text
    for heading in ("Wichtigste Erkenntnisse", "Maßnahmenplan", "Größte Abstände", "Moderation"):
        assert heading in text
    assert "62,5 %" in text  # the retention KPI: decimal comma, a space before %
    assert "in Arbeit" in text and "fällig am 31. März 2026" in text
    assert re.search(r"— \d+ Stimmen \(", text)  # the priorities' counts: German plurals
    assert "Key findings" not in text and "Page 1 of" not in text
    info = pdf_info(out)
    assert info["lang"] == "de"
    assert info["subject"] == "Zusammenfassung von Q2-Überprüfung"  # the demo speaks German too


def test_a_french_report_reads_french(rtx: Framework, tmp_path: Path) -> None:
    ws = workshop_in(rtx, "fr")
    out = tmp_path / "fr.pdf"
    result = write_report(ws, ws.current_round_id, out)
    text = flat(pypdf_text(out))
    assert "31 mars 2026" in text
    assert f"page 1 sur {result.pages}" in text
    for heading in ("Principaux constats", "Plan d'action", "Case par case", "Sommaire"):
        assert heading in text
    assert "62,5 %" in text
    assert pdf_info(out)["lang"] == "fr"


def test_the_workshop_language_wins_over_the_interface(
    rtx: Framework, tmp_path: Path, interface_language: Callable[[str], str]
) -> None:
    interface_language("de")
    english = workshop_in(rtx, "en")
    out = tmp_path / "en.pdf"
    write_summary(english, english.current_round_id, out)
    text = flat(pdftotext(out))
    assert "Key findings" in text and "Wichtigste" not in text
    assert "31 March 2026" in text
    assert pdf_info(out)["lang"] == "en"
    assert i18n.language() == "de"  # the interface is as it was


def test_german_and_french_slides(rtx: Framework, tmp_path: Path) -> None:
    from pptx import Presentation

    from trustboard.export.slides import write_slides

    for code, title, date in (("de", "Kennzahlen im Überblick", "31. März 2026"),
                              ("fr", "Chiffres clés", "31 mars 2026")):  # fmt: skip
        ws = workshop_in(rtx, code)
        out = tmp_path / f"{code}.pptx"
        write_slides(ws, ws.current_round_id, out, SummaryOptions())
        prs = Presentation(str(out))
        texts = dict(_slide_texts(prs))
        assert texts["slide 2 title"] == title
        assert date in prs.slides[0].placeholders[1].text_frame.text
        assert prs.core_properties.language == code
        gap_note = " ".join(t for w, t in _slide_texts(prs) if w == "slide 5")
        assert {"de": "blinde Flecken", "fr": "angles morts"}[code] in gap_note  # plurals
        run = prs.slides[1].shapes.title.text_frame.paragraphs[0].runs[0]
        assert run._r.get_or_add_rPr().get("lang") == code


def test_german_and_french_workbooks(rtx: Framework, tmp_path: Path) -> None:
    from openpyxl import load_workbook

    from trustboard.export.spreadsheet import write_xlsx

    expected = {
        "de": ["Karten", "Bewertungen", "Antworten", "Maßnahmen", "Kennzahlen"],
        "fr": ["Cartes", "Notes", "Réponses", "Actions", "Indicateurs"],
    }
    for code, names in expected.items():
        ws = workshop_in(rtx, code)
        out = tmp_path / f"{code}.xlsx"
        write_xlsx(ws, out)
        book = load_workbook(out, read_only=True)
        assert book.sheetnames == names
        header = next(book.worksheets[0].iter_rows(values_only=True))
        assert header[0] == {"de": "Runde", "fr": "Tour"}[code]
        layers = {row[3] for row in list(book.worksheets[0].iter_rows(values_only=True))[1:]}
        assert layers <= {"Ist", "Soll"} if code == "de" else layers <= {"actuel", "visé"}


def test_german_findings_use_the_decimal_comma(rtx: Framework) -> None:
    from trustboard.analytics.findings import findings

    ws = workshop_in(rtx, "de")
    with i18n.using("de"):
        brief = findings(ws, ws.current_round_id, names=True)
    texts = [f.text for f in brief.findings]
    assert any(t.startswith("Am schwächsten (unsere Sicht): ") for t in texts)
    with i18n.using("de"):
        name = i18n._("Customer retention rate")  # a standard KPI's name is translated too
    assert name != "Customer retention rate"
    retention = next(t for t in texts if t.startswith(f"{name}: "))
    assert "62,5" in retention and "62.5" not in retention


def test_the_command_line_says_what_it_wrote_in_the_interface_language(
    board: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from tests.export.helpers import run_cli

    out = tmp_path / "s.pdf"
    code, said, err = run_cli(capsys, "--lang", "de", "export", str(board), "-o", str(out))
    assert code == 0, err
    assert said.startswith("Geschrieben: die Zusammenfassung von Q2 review nach ")
    assert re.search(r"\(\d+ Seiten, \d+ KB\)$", said.strip())
    code, _said, err = run_cli(capsys, "--lang", "fr", "export", str(board), "-o", "x.doc")
    assert code == 1
    assert "x.doc n'a pas de format que TrustBoard sait écrire" in err
    assert pdf_info(out)["lang"] == "en"  # the file speaks the workshop's language


# --- CSV in the locale's list separator ----------------------------------------------------


def test_csv_separator_on_request(rtx: Framework, tmp_path: Path,
                                  interface_language: Callable[[str], str]) -> None:  # fmt: skip
    from trustboard.export.spreadsheet import write_cards_csv

    ws = workshop_in(rtx, "en")
    assert csv_separator("auto") == ","
    assert (csv_separator(","), csv_separator(";"), csv_separator("tab")) == (",", ";", "\t")
    interface_language("de")
    assert csv_separator("auto") == ";"  # the person opening it, not the workshop
    card = next(iter(ws.current_round.cards.values()))
    ws.current_round.cards[card.id] = dataclasses.replace(card, text="=1;2+3")
    out = tmp_path / "cards.csv"
    write_cards_csv(ws, ws.current_round_id, out, separator="auto")
    rows = list(csv.reader(io.StringIO(out.read_text(encoding="utf-8-sig")), delimiter=";"))
    assert rows[0][:3] == ["Round", "Element", "Domain"]  # the workshop's language: English
    assert [v for row in rows for v in row if "1;2" in v] == ["'=1;2+3"]  # still no formula
    write_cards_csv(ws, ws.current_round_id, out)  # the default stays a comma
    assert out.read_text(encoding="utf-8-sig").startswith("Round,Element,Domain,")


def test_the_command_line_takes_a_csv_separator(
    board: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from tests.export.helpers import run_cli

    out = tmp_path / "actions.csv"
    code, _out, err = run_cli(capsys, "export", str(board), "-o", str(out), "--actions",
                              "--csv-separator", "tab")  # fmt: skip
    assert code == 0, err
    assert out.read_text(encoding="utf-8-sig").startswith("Round\tCard\tOwner\tDue\t")


# --- the catalogue ---------------------------------------------------------------------------


@pytest.mark.parametrize("code", ["de", "fr"])
def test_every_export_text_is_translated(code: str) -> None:
    from trustboard.i18n_catalogue import extract, problems

    mine = [s for s in extract() if s.where[0][0].startswith(EXPORT_PATHS)]
    assert len(mine) > 200
    assert problems(code, mine) == []
