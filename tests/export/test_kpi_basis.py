"""The summary lists a KPI computed from imported data with how: "n = 412 · ±4.6"."""

from __future__ import annotations

from pathlib import Path

from tests.export.helpers import pdftotext
from trustboard.domain.workshop import KpiBasis, Workshop
from trustboard.export import SummaryOptions, write_summary


def test_the_summary_shows_how_a_kpi_was_computed(demo: Workshop, tmp_path: Path) -> None:
    rnd = demo.current_round
    rnd.kpis["nps"] = 23.5
    rnd.kpi_basis["nps"] = KpiBasis(412, 4.63, "survey.csv")
    rnd.kpi_basis.pop("retention", None)
    out = tmp_path / "summary.pdf"
    write_summary(demo, demo.current_round_id, out, SummaryOptions())
    text = " ".join(pdftotext(out).split())
    assert "Net promoter score (n = 412 · ±4.6)" in text
    assert "rate (n =" not in text  # a value typed by hand is listed as before
