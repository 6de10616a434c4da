"""The file itself: valid, small, deterministic, the right paper, written atomically."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from tests.export.helpers import add_cards, need
from trustboard.domain.workshop import Workshop
from trustboard.export import (
    ExportCancelled,
    ExportError,
    Paper,
    ReportOptions,
    SummaryOptions,
    write_report,
    write_summary,
)


@pytest.mark.parametrize("write", [write_summary, write_report], ids=["summary", "report"])
def test_qpdf_finds_no_error(demo: Workshop, tmp_path: Path, write) -> None:  # type: ignore[no-untyped-def]
    add_cards(demo, ["مرحبا بالعالم", "日本語のカード", "emoji 👍"])
    out = tmp_path / "out.pdf"
    write(demo, demo.current_round_id, out, ReportOptions())
    result = subprocess.run(
        [need("qpdf", "qpdf"), "--check", str(out)], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "No syntax or stream encoding errors" in result.stdout


@pytest.mark.parametrize(
    ("paper", "size"), [(Paper.A4, (595.28, 841.89)), (Paper.LETTER, (612.0, 792.0))]
)
def test_paper_sizes(
    demo: Workshop, tmp_path: Path, paper: Paper, size: tuple[float, float]
) -> None:
    from pypdf import PdfReader

    out = tmp_path / f"{paper}.pdf"
    write_report(demo, demo.current_round_id, out, ReportOptions(paper=paper))
    for page in PdfReader(out).pages:
        box = page.mediabox
        assert (round(float(box.width), 2), round(float(box.height), 2)) == size


def test_fonts_are_embedded_as_subsets(demo: Workshop, tmp_path: Path) -> None:
    add_cards(demo, ["中文 العربية עברית Ελληνικά 👍"])
    out = tmp_path / "fonts.pdf"
    write_report(demo, demo.current_round_id, out, ReportOptions())
    listing = subprocess.run(
        [need("pdffonts", "poppler-utils"), str(out)], capture_output=True, text=True, check=True
    ).stdout.splitlines()[2:]
    assert len(listing) >= 4
    for line in listing:
        name, *_, emb, sub, _uni, _obj, _gen = line.split()
        assert (emb, sub) == ("yes", "yes"), line
        assert name[6] == "+", line  # subset fonts are named ABCDEF+Family


def test_the_same_workshop_gives_the_same_bytes(demo: Workshop, tmp_path: Path) -> None:
    a, b = tmp_path / "a.pdf", tmp_path / "b.pdf"
    write_report(demo, demo.current_round_id, a, ReportOptions())
    write_report(demo, demo.current_round_id, b, ReportOptions())
    assert a.read_bytes() == b.read_bytes()


def test_a_cancelled_export_leaves_the_old_file(demo: Workshop, tmp_path: Path) -> None:
    out = tmp_path / "keep.pdf"
    out.write_bytes(b"%PDF-1.4 the good old one")

    def progress(done: int, total: int) -> None:
        if done > 3:
            raise ExportCancelled("stopped")

    with pytest.raises(ExportCancelled):
        write_report(demo, demo.current_round_id, out, ReportOptions(), progress=progress)
    assert out.read_bytes() == b"%PDF-1.4 the good old one"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["keep.pdf"]


def test_progress_reaches_the_end(demo: Workshop, tmp_path: Path) -> None:
    seen: list[tuple[int, int]] = []
    write_report(
        demo,
        demo.current_round_id,
        tmp_path / "p.pdf",
        ReportOptions(),
        progress=lambda done, total: seen.append((done, total)),
    )
    assert seen[0][0] == 0
    assert seen[-1][0] == seen[-1][1]


def test_an_unwritable_place_is_a_clear_error(demo: Workshop, tmp_path: Path) -> None:
    with pytest.raises(ExportError, match="cannot write"):
        write_summary(demo, demo.current_round_id, tmp_path / "missing" / "x.pdf", SummaryOptions())


def test_a_bad_accent_colour_is_refused() -> None:
    with pytest.raises(ValueError, match="accent"):
        SummaryOptions(accent="red")


def test_many_cards_export(demo: Workshop, tmp_path: Path) -> None:
    add_cards(
        demo, [f"Card {i}: customers mention delivery, returns and staff #{i}" for i in range(2000)]
    )
    out = tmp_path / "big.pdf"
    result = write_report(demo, demo.current_round_id, out, ReportOptions())
    assert result.pages > 50
    assert result.size < 3 * 1024 * 1024


def test_an_unknown_round_is_a_clear_error(demo: Workshop, tmp_path: Path) -> None:
    with pytest.raises(ExportError, match="no round"):
        write_summary(demo, "r-nope", tmp_path / "x.pdf", SummaryOptions())
