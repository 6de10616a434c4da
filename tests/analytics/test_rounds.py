"""Two rounds compared, and KPIs beside the trust score, against numbers worked out by hand."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.analytics.ratings import CI, CO, RI, RO, rate
from trustboard.analytics.cells import action_effects, element_trend
from trustboard.analytics.overview import overview
from trustboard.analytics.rounds import compare_rounds, correlation, round_series
from trustboard.domain.framework import Framework
from trustboard.domain.workshop import (
    Action,
    Card,
    KpiDef,
    Layer,
    Perspective,
    Round,
    Workshop,
)


@pytest.fixture
def two_rounds(rtx: Framework) -> Workshop:
    a = Round("ra", "Q1", dt.date(2026, 1, 10))
    b = Round("rb", "Q2", dt.date(2026, 4, 10))
    rate(a, CI, Perspective.SELF, 2, 3)  # 2.5
    rate(a, CI, Perspective.CUSTOMER, 2)
    rate(a, CO, Perspective.SELF, 4)
    rate(a, RO, Perspective.SELF, 3)
    rate(b, CI, Perspective.SELF, 4)  # +1.5
    rate(b, CI, Perspective.CUSTOMER, 3, 4)  # 3.5: +1.5
    rate(b, CO, Perspective.SELF, 3, 3)  # −1
    rate(b, RI, Perspective.SELF, 5)  # new in B: no change to report
    rate(b, RO, Perspective.SELF, 4)  # +1, ties nothing
    return Workshop("T", rtx, rounds=[a, b], current_round_id="rb")


def test_cell_by_cell_change(two_rounds: Workshop) -> None:
    a, b = two_rounds.rounds
    cmp = compare_rounds(two_rounds.framework, a, b)
    assert (cmp.label_a, cmp.label_b) == ("Q1", "Q2")
    ci = cmp.cells[CI]
    assert (ci.self_view.before, ci.self_view.after, ci.change) == (2.5, 4, 1.5)
    assert ci.customer_view.change == 1.5
    assert cmp.cells[CO].change == -1
    assert cmp.cells[RI].self_view.before is None
    assert cmp.cells[RI].change is None
    assert cmp.cells[("empathy", "technology")].change is None
    assert [c.cell for c in cmp.improved()] == [CI, RO]
    assert [c.cell for c in cmp.worsened()] == [CO]
    # competence: median(2.5, 4) = 3.25 -> median(4, 3) = 3.5
    assert cmp.elements["competence"].before == 3.25
    assert cmp.elements["competence"].change == 0.25
    # reliability: only RO in A (3); RI 5 and RO 4 in B -> 4.5
    assert (cmp.elements["reliability"].before, cmp.elements["reliability"].after) == (3, 4.5)
    assert cmp.elements["reliability"].change == 1.5
    assert cmp.elements["empathy"].change is None
    assert cmp.domains["individuals"].change == 2  # 2.5 -> median(4, 5) = 4.5
    # overall: median(2.5, 4, 3) = 3 -> median(4, 3, 5, 4) = 4
    assert (cmp.trust.before, cmp.trust.after, cmp.trust.change) == (3, 4, 1)


def test_improvements_tie_in_board_order(rtx: Framework) -> None:
    a = Round("ra", "A", dt.date(2026, 1, 1))
    b = Round("rb", "B", dt.date(2026, 2, 1))
    for cell in (RO, CI):
        rate(a, cell, Perspective.SELF, 2)
        rate(b, cell, Perspective.SELF, 3)
    cmp = compare_rounds(rtx, a, b)
    assert [c.cell for c in cmp.improved()] == [CI, RO]
    assert cmp.worsened() == []


def test_comparing_a_round_with_itself_changes_nothing(two_rounds: Workshop) -> None:
    b = two_rounds.rounds[1]
    cmp = compare_rounds(two_rounds.framework, b, b)
    assert all(c.change in (0, None) for c in cmp.cells.values())
    assert cmp.improved() == cmp.worsened() == []


def test_kpis_per_round_beside_the_trust_score(two_rounds: Workshop) -> None:
    a, b = two_rounds.rounds
    c = Round("rc", "Q3", dt.date(2026, 7, 10))  # no ratings: no trust score
    two_rounds.rounds.append(c)
    two_rounds.custom_kpis = (KpiDef("churn-calls", "Churn calls", "", 0, None),)
    a.kpis.update({"retention": 60.0, "nps": -5.0})
    b.kpis.update({"retention": 62.5, "churn-calls": 40.0})
    c.kpis.update({"nps": 10.0})
    series = round_series(two_rounds)
    assert series.labels == ("Q1", "Q2", "Q3")
    assert series.trust == (3, 4, None)
    assert series.track("retention").values == (60.0, 62.5, None)
    assert series.track("nps").values == (-5.0, None, 10.0)
    assert series.track("churn-calls").values == (None, 40.0, None)
    assert not series.track("clv").has_values
    assert [t.kpi.id for t in series.kpis] == [
        "retention",
        "clv",
        "nps",
        "trust-yes",
        "churn-calls",
    ]
    assert series.track("retention").against(series.trust) is None  # only two rounds have both
    with pytest.raises(KeyError):
        series.track("nope")


def test_correlation_by_hand() -> None:
    assert correlation([1, 2, 3], [2, 4, 6]) == pytest.approx(1)
    assert correlation([1, 2, 3], [6, 4, 2]) == pytest.approx(-1)
    # means 2.5; sxy = 4 × 0.75 = 3; sxx = syy = 5 -> r = 0.6
    assert correlation([1, 2, 3, 4], [2, 1, 4, 3]) == pytest.approx(0.6)
    assert correlation([1, None, 2, 3], [10, 5, 20, 30]) == pytest.approx(1)  # gaps skipped
    assert correlation([1, 2], [1, 2]) is None  # two points prove nothing
    assert correlation([3, 3, 3], [1, 2, 3]) is None  # flat


def test_the_full_pass_matches_the_single_functions(rtx: Framework, two_rounds: Workshop) -> None:
    a, b = two_rounds.rounds
    act = Card("c-act", "Coach staff", CO, Layer.TO_BE, "idea", action=Action("Mei"))
    a.cards[act.id] = act
    ov = overview(two_rounds)
    assert ov.round_id == "rb"
    assert ov.stats[CI].as_is_self == 4
    assert ov.element_medians["competence"] == 3.5
    assert ov.domain_medians["individuals"] == 4.5  # median(4, 5)
    assert ov.weakest == {}  # the RTx grid does not let the weakest decide
    assert ov.trend == element_trend(two_rounds)
    assert ov.effects == action_effects(two_rounds)
    assert [(e.before, e.after, e.moved) for e in ov.effects] == [(4, 3, -1)]
    assert ov.since_previous == compare_rounds(rtx, a, b)
    assert ov.series.trust == (3, 4)
    assert ov.unevidenced == [CI, CO, RI, RO]
    first = overview(two_rounds, "ra")
    assert first.since_previous is None
    assert first.stats[CI].as_is_self == 2.5


def test_the_weakest_leg_in_the_full_pass(rtx: Framework) -> None:
    from dataclasses import replace

    stool = replace(rtx, weakest_decides=True)
    rnd = Round("r", "R", dt.date(2026, 1, 1))
    rate(rnd, CI, Perspective.SELF, 4)
    rate(rnd, RI, Perspective.SELF, 2)
    rate(rnd, ("integrity", "individuals"), Perspective.SELF, 2)  # tie: the first row wins
    ov = overview(Workshop("T", stool, rounds=[rnd], current_round_id="r"))
    assert ov.weakest["individuals"] == "reliability"
    assert ov.weakest["technology"] is None
