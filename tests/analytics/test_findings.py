"""The sponsor's brief worked out by hand: every finding computed and worded, noise not called
a change, and names left out when asked."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.analytics.ratings import CI, CO, ET, RI, rate
from trustboard.analytics.findings import Brief, combined_margin, findings
from trustboard.domain.framework import Framework
from trustboard.domain.workshop import (
    Action,
    Card,
    KpiBasis,
    KpiDef,
    Perspective,
    Round,
    Workshop,
)


@pytest.fixture
def ws(rtx: Framework) -> Workshop:
    a = Round("ra", "Q1", dt.date(2026, 1, 10))
    b = Round("rb", "Q2", dt.date(2026, 4, 10), notes="The room argued about onboarding.")
    rate(a, CI, Perspective.SELF, 2, 2)
    rate(a, CO, Perspective.SELF, 4, 4)
    rate(b, CI, Perspective.SELF, 4, 4, 4)  # rose by 2
    rate(b, CI, Perspective.CUSTOMER, 2, 2)  # blind spot: 4 against 2
    rate(b, CO, Perspective.SELF, 3, 3, 3)  # fell by 1
    rate(b, CO, Perspective.CUSTOMER, 5, 5)  # hidden strength: 3 against 5
    rate(b, RI, Perspective.SELF, 1, 1, 2)  # weakest, our view
    rate(b, ET, Perspective.CUSTOMER, 1)  # weakest, customers' view
    a.kpis.update(nps=30, churn=10)
    a.kpi_basis["nps"] = KpiBasis(200, 8.0)
    b.kpis.update(nps=22, churn=4)
    b.kpi_basis["nps"] = KpiBasis(150, 9.0)  # combined ±12.0: −8 is noise
    b.kpi_basis["churn"] = KpiBasis(90, 2.0)
    a.kpi_basis["churn"] = KpiBasis(80, 2.0)  # combined ±2.8: −6 is a clear change
    b.cards["c1"] = Card("c1", "Fix   onboarding", CI, votes=7)
    b.cards["c2"] = Card("c2", "Unsorted idea", None, votes=2)
    b.cards["c3"] = Card(
        "c3", "Call every churned client", CO,
        action=Action("Dana", dt.date(2026, 5, 1)),
    )  # fmt: skip
    return Workshop(
        "Trust at Acme", rtx, participants=("Dana", "Eli", "Farah"), rounds=[a, b],
        current_round_id="rb", custom_kpis=(KpiDef("churn", "Churn", "%"),),
    )  # fmt: skip


def texts(brief: Brief, kind: str) -> list[str]:
    return [f.text for f in brief.findings if f.kind == kind]


def test_who_notes_and_round(ws: Workshop) -> None:
    brief = findings(ws, "rb", names=True)
    assert brief.who == "Dana, Eli, Farah"
    assert brief.notes == "The room argued about onboarding."
    assert (brief.round_label, brief.date) == ("Q2", dt.date(2026, 4, 10))


def test_weakest_cells_for_each_view(ws: Workshop) -> None:
    weakest = texts(findings(ws, "rb", names=True), "weakest")
    assert (
        weakest[0]
        == "Weakest (our view): Reliability × Individuals — median 1 of 5, from 3 people."
    )
    assert weakest[1].startswith("Weakest (our view): Competence × Organizations — median 3")
    assert (
        "Weakest (customers' view): Empathy × Technology — median 1 of 5, from 1 person." in weakest
    )


def test_blind_spots_and_hidden_strengths(ws: Workshop) -> None:
    brief = findings(ws, "rb", names=True)
    assert texts(brief, "blind spot") == [
        "Blind spot: Competence × Individuals — we rate ourselves higher: 4 (our view, "
        "3 people) against 2 (customers' view, 2 people)."
    ]
    assert texts(brief, "hidden strength") == [
        "Hidden strength: Competence × Organizations — customers rate us higher: 3 (our view, "
        "3 people) against 5 (customers' view, 2 people)."
    ]


def test_movements_since_the_previous_round(ws: Workshop) -> None:
    moved = texts(findings(ws, "rb", names=True), "movement")
    assert moved == [
        "Rose since Q1: Competence × Individuals — our view 2 → 4 (+2), from 3 people this round.",
        "Fell since Q1: Competence × Organizations — our view 4 → 3 (−1), from 3 people this round.",
    ]
    assert texts(findings(ws, "ra", names=True), "movement") == []


def test_noise_is_not_called_a_change(ws: Workshop) -> None:
    kpis = texts(findings(ws, "rb", names=True), "kpi")
    nps = next(t for t in kpis if t.startswith("Net promoter score"))
    assert nps == (
        "Net promoter score: 30 → 22 since Q1 (−8; n = 200 → 150) — within the margin of "
        "error — not a clear change (±12)."
    )
    churn = next(t for t in kpis if t.startswith("Churn"))
    assert churn.endswith(
        "10% → 4% since Q1 (−6; n = 80 → 90) — beyond the margin of error (±2.8): a clear change."
    )


def test_combined_margin_adds_in_quadrature() -> None:
    assert combined_margin(KpiBasis(1, 3.0), KpiBasis(1, 4.0)) == 5.0
    assert combined_margin(KpiBasis(1, 3.0), None) == 3.0
    assert combined_margin(KpiBasis(1), None) is None


def test_nps_without_a_margin_is_flagged_as_maybe_noise(ws: Workshop) -> None:
    for rnd in ws.rounds:
        rnd.kpi_basis.clear()
    kpis = texts(findings(ws, "rb", names=True), "kpi")
    assert kpis[0].endswith("n not known) — margin of error not known: it may be noise.")
    assert "typed in, n not known" in kpis[0]


def test_priorities_and_actions(ws: Workshop) -> None:
    brief = findings(ws, "rb", names=True)
    assert brief.priorities == (
        "Fix onboarding — 7 votes (Competence × Individuals)",
        "Unsorted idea — 2 votes",
    )
    (action,) = brief.actions
    assert (action.text, action.owner, action.due) == (
        "Call every churned client", "Dana", dt.date(2026, 5, 1),
    )  # fmt: skip


def test_names_false_leaves_names_out(ws: Workshop) -> None:
    brief = findings(ws, "rb", names=False)
    assert brief.who == "3 participants"
    assert brief.actions[0].owner == ""
    everything = repr(brief)
    for name in ws.participants:
        assert name not in everything
