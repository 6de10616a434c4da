"""The summary's first page is the sponsor's brief: the story, the findings worded, the
priorities and the actions; the figures follow on the next pages."""

from __future__ import annotations

import subprocess
from pathlib import Path

from tests.export.helpers import need
from trustboard.analytics.findings import findings
from trustboard.domain.workshop import KpiBasis, Workshop
from trustboard.export import SummaryOptions, write_summary


def page_text(pdf: Path, first: int, last: int) -> str:
    args = [need("pdftotext", "poppler-utils"), "-enc", "UTF-8", "-f", str(first), "-l", str(last)]
    out = subprocess.run([*args, str(pdf), "-"], capture_output=True, check=True, timeout=120)
    return " ".join(out.stdout.decode("utf-8").split())


def test_the_first_page_is_the_brief(demo: Workshop, tmp_path: Path) -> None:
    rnd = demo.current_round
    rnd.notes = "The room agreed that onboarding is where trust is won or lost."
    previous = demo.rounds[demo.rounds.index(rnd) - 1]
    previous.kpis["nps"], rnd.kpis["nps"] = 30, 22
    previous.kpi_basis["nps"], rnd.kpi_basis["nps"] = KpiBasis(200, 8.0), KpiBasis(150, 9.0)
    out = tmp_path / "summary.pdf"
    result = write_summary(demo, rnd.id, out, SummaryOptions())
    first = page_text(out, 1, 1)
    assert first.index("onboarding is where trust is won") < first.index("Key findings")
    assert "(−8; n = 200 → 150) — within the margin of error — not a clear change (±12)." in first
    brief = findings(demo, rnd.id, names=True)
    assert brief.findings and brief.priorities and brief.actions
    for finding in brief.findings:
        assert finding.text in first
    for action in brief.actions:
        assert action.text[:40] in first
    assert "Top priorities by votes" in first and "Actions" in first
    assert "The grid" not in first  # the figures follow on the next page
    assert "The grid" in page_text(out, 2, 2)
    assert result.size <= 150 * 1024


def test_names_left_out_of_the_brief(demo: Workshop, tmp_path: Path) -> None:
    out = tmp_path / "summary.pdf"
    write_summary(demo, demo.current_round_id, out, SummaryOptions(names=False))
    first = page_text(out, 1, 1)
    assert f"{len(demo.participants)} participants" in first
    owners = {c.action.owner for c in demo.current_round.cards.values() if c.action}
    for name in [*demo.participants, *owners]:
        if name:
            assert name not in first
