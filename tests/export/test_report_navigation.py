"""The full report finds its way: page numbers of a total, an outline, a linked contents
page, metadata, and fonts whose subsets each carry their own tag. Read back from the PDF."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

from tests.export.helpers import add_cards, need, pdftotext
from trustboard.domain.workshop import Workshop
from trustboard.export import ReportOptions, write_report


def _report(demo: Workshop, tmp_path: Path, **options: object) -> Path:
    out = tmp_path / "report.pdf"
    write_report(demo, demo.current_round_id, out, ReportOptions(**options))  # type: ignore[arg-type]
    return out


def test_every_page_says_page_n_of_m(demo: Workshop, tmp_path: Path) -> None:
    from pypdf import PdfReader

    out = _report(demo, tmp_path)
    pages = PdfReader(out).pages
    total = len(pages)
    assert total > 2
    for n, page in enumerate(pages, 1):
        assert f"Page {n} of {total}" in page.extract_text()
    assert f"Page {total} of {total}" in pdftotext(out)


def test_outline_lists_the_sections_and_the_cells(demo: Workshop, tmp_path: Path) -> None:
    from pypdf import PdfReader

    out = _report(demo, tmp_path)
    reader = PdfReader(out)
    outline = reader.outline
    top = [item.title for item in outline if not isinstance(item, list)]
    for title in ("The grid", "Action plan", "Trend by element", "Cell by cell"):
        assert title in top
    nested = [item for item in outline if isinstance(item, list)]
    cell_titles = [i.title for group in nested for i in group if not isinstance(i, list)]
    assert len(cell_titles) == len(list(demo.framework.cells()))
    # each bookmark opens the page where its section is printed
    for item in outline:
        if isinstance(item, list):
            continue
        page = reader.get_destination_page_number(item)
        assert item.title in reader.pages[page].extract_text(), item.title


def test_contents_page_links_to_each_section(demo: Workshop, tmp_path: Path) -> None:
    from pypdf import PdfReader

    out = _report(demo, tmp_path)
    reader = PdfReader(out)
    contents = [i for i, p in enumerate(reader.pages) if "Contents" in p.extract_text()]
    assert contents
    page = reader.pages[contents[0]]
    text = page.extract_text()
    assert "Cell by cell" in text and "Trend by element" in text
    links = [a.get_object() for a in page.get("/Annots", [])]
    dests = [str(a["/Dest"]) if "/Dest" in a else str(a["/A"]["/D"]) for a in links]
    assert len(dests) >= 6
    # the page number printed beside each title is where that section starts
    body = text.split("Contents", 1)[1].split("Page ", 1)[0].split("\n")
    titles = [t for t in body if t.strip() and not t.strip().isdigit()]
    numbers = [int(t) for t in body if t.strip().isdigit()]
    assert len(titles) == len(numbers) == len(dests)
    for title, number in zip(titles, numbers, strict=True):
        assert title in reader.pages[number - 1].extract_text(), (title, number)


def test_metadata_names_organisation_round_language_and_keywords(
    demo: Workshop, tmp_path: Path
) -> None:
    from pypdf import PdfReader

    out = _report(demo, tmp_path, organisation="Acme Bank")
    reader = PdfReader(out)
    info = reader.metadata
    assert info is not None
    label = demo.current_round.label
    assert "Acme Bank" in (info.title or "") and label in (info.title or "")
    assert label in (info.subject or "")
    assert "TrustBoard" in str(info.get("/Keywords", ""))
    assert reader.trailer["/Root"]["/Lang"] == "en"


def test_font_subsets_have_distinct_tags(demo: Workshop, tmp_path: Path) -> None:
    add_cards(demo, ["中文 العربية עברית Ελληνικά 👍"])
    out = _report(demo, tmp_path)
    listing = subprocess.run(
        [need("pdffonts", "poppler-utils"), str(out)], capture_output=True, text=True, check=True
    ).stdout.splitlines()[2:]
    tags = [line.split()[0].split("+")[0] for line in listing]
    assert len(tags) >= 4
    assert all(re.fullmatch(r"[A-Z]{6}", t) for t in tags), tags
    assert len(set(tags)) == len(tags), tags
    check = subprocess.run(
        [need("qpdf", "qpdf"), "--check", str(out)], capture_output=True, text=True, check=False
    )
    assert check.returncode == 0, check.stdout + check.stderr


def test_trend_lines_differ_in_dash_and_stay_apart(demo: Workshop, tmp_path: Path) -> None:
    from pypdf import PdfReader

    out = _report(demo, tmp_path)
    reader = PdfReader(out)
    page = next(p for p in reader.pages if "Our view" in p.extract_text())
    text = page.extract_text()
    assert "Our view" in text and "The customers' view" in text
    stream = page.get_contents().get_data().decode("latin-1")  # type: ignore[union-attr]
    dashes = set(re.findall(r"\[([\d. ]*)\] [\d.]+ d", stream))
    elements = len(demo.framework.elements)
    assert len(dashes - {""}) >= min(elements, 8) - 1  # the first line is solid
    # two charts, each with one line per element: every line is drawn as a path
    assert stream.count(" d\n") + stream.count(" d ") >= elements


def test_comparison_shows_the_customers_beside_ours(demo: Workshop, tmp_path: Path) -> None:
    from pypdf import PdfReader

    from trustboard.analytics.cells import axis_medians, cell_stats

    fw = demo.framework
    theirs = axis_medians(fw, cell_stats(fw, demo.current_round), "element", "as_is_customer")
    assert any(v is not None for v in theirs.values())
    out = _report(demo, tmp_path)
    page = next(
        p.extract_text()
        for p in PdfReader(out).pages
        if "Compared with the previous round" in p.extract_text()
        and "Contents" not in p.extract_text()
    )
    words = " ".join(page.split())
    assert "Customers" in words and "then" in words and "now" in words
    lines = page.splitlines()
    for element in fw.elements:
        value = theirs[element.id]
        row = next(x for x in lines if x.startswith(element.name + " ") and "×" not in x)
        assert row.split()[-1] == ("–" if value is None else f"{value:g}"), row


def test_phone_pages_are_narrow_and_their_body_text_reads_at_14_px(
    demo: Workshop, tmp_path: Path
) -> None:
    from collections import Counter

    from pypdf import PdfReader

    from trustboard.export import Paper

    out = _report(demo, tmp_path, paper=Paper.PHONE)
    reader = PdfReader(out)
    sizes: Counter[float] = Counter()
    for page in reader.pages:
        width = float(page.mediabox.width)
        assert width < float(page.mediabox.height) / 1.5  # narrow: one column
        stream = page.get_contents().get_data().decode("latin-1")  # type: ignore[union-attr]
        for size in re.findall(r"/F\d+\+\d+ ([\d.]+) Tf", stream):
            sizes[float(size) * 400 / width] += 1
    body = sizes.most_common(1)[0][0]  # the size most text is set in, as seen 400 px wide
    assert body >= 14, sizes
    assert "Page 1 of" in pdftotext(out)
    check = subprocess.run(
        [need("qpdf", "qpdf"), "--check", str(out)], capture_output=True, text=True, check=False
    )
    assert check.returncode == 0, check.stdout + check.stderr


def test_right_to_left_text_extracts_as_typed(demo: Workshop, tmp_path: Path) -> None:
    """Arabic comes back as its letters, not their shaped forms; Hebrew as typed."""
    arabic, hebrew = "مرحبا بالعالم الجميل", "שלום עולם יפה"
    add_cards(demo, [arabic, hebrew, f"Mixed {hebrew} words"])
    out = _report(demo, tmp_path)
    text = pdftotext(out)
    assert arabic in text
    assert hebrew in text
    # in a mixed line pdftotext marks the embedded run; its words still come as typed
    line = next(x for x in text.splitlines() if x.startswith("Mixed"))
    assert hebrew in line
