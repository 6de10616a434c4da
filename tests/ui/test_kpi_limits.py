"""KPI values at the limits: refused at input beyond them, drawn by the chart right at them."""

from __future__ import annotations

import math

import pytest
from pytestqt.qtbot import QtBot

from trustboard.document.commands import DetailsCommand, KpiCommand
from trustboard.domain import limits
from trustboard.domain.workshop import KpiDef
from trustboard.ui.charts import ChartsWindow
from trustboard.ui.charts.time import kpi_range
from trustboard.ui.docks.kpi_panel import KpiPanel, new_custom_kpi
from trustboard.ui.session import Session

BOUND = limits.KPI_MAGNITUDE


def _panel(qtbot: QtBot, session: Session) -> KpiPanel:
    panel = KpiPanel(session)
    qtbot.addWidget(panel)
    return panel


def _type(qtbot: QtBot, panel: KpiPanel, kpi_id: str, text: str) -> bool:
    field = panel.fields[kpi_id]
    field.setText(text)
    return panel.commit(kpi_id)


@pytest.mark.parametrize("text", ["1e308", "-1e13", "nan", "inf", "-Infinity", "1e999"])
def test_the_kpi_panel_refuses_huge_and_non_numbers_with_a_message(
    qtbot: QtBot, session: Session, text: str
) -> None:
    panel = _panel(qtbot, session)
    assert not _type(qtbot, panel, "clv", text)
    assert panel.errors["clv"].isVisibleTo(panel)
    assert panel.errors["clv"].text()
    assert session.round.kpis == {}


def test_the_kpi_panel_keeps_a_value_right_at_the_limit(qtbot: QtBot, session: Session) -> None:
    panel = _panel(qtbot, session)
    assert _type(qtbot, panel, "clv", "1e12")
    assert session.round.kpis == {"clv": BOUND}
    assert not panel.errors["clv"].isVisibleTo(panel)


def test_kpi_fields_stop_at_a_sane_length(qtbot: QtBot, session: Session) -> None:
    panel = _panel(qtbot, session)
    field = panel.fields["nps"]
    field.setFocus()
    qtbot.keyClicks(field, "1" * 100)
    assert len(field.text()) == field.maxLength() < 100
    assert "At most" in field.toolTip()


@pytest.mark.parametrize("bound", ["1e308", "-1e13"])
def test_a_custom_kpi_bound_beyond_the_limit_is_refused(session: Session, bound: str) -> None:
    with pytest.raises(ValueError, match="within ±1,000,000,000,000"):
        new_custom_kpi(session.workshop, "Churn", "%", bound, "")


def test_the_kpi_chart_draws_values_at_the_limits(qtbot: QtBot, session: Session) -> None:
    wide = KpiDef("custom-wide", "Wide", "", -BOUND, BOUND)
    session.push(DetailsCommand(session.doc, {"custom_kpis": ()}, {"custom_kpis": (wide,)}))
    doc, rid = session.doc, session.round.id
    session.push(KpiCommand(doc, rid, "custom-wide", None, BOUND))
    session.push(KpiCommand(doc, rid, "clv", None, BOUND))
    session.push(KpiCommand(doc, rid, "nps", None, -100.0))
    window = ChartsWindow(session)
    qtbot.addWidget(window)
    window.resize(1280, 800)
    window.show()
    qtbot.waitExposed(window)
    chart = window.show_chart("kpis")
    assert set(chart.kpi_curves) == {"custom-wide", "clv", "nps"}
    assert list(chart.kpi_curves["custom-wide"].getData()[1]) == [BOUND]
    for curve in chart.kpi_curves.values():
        lo, hi = curve.getViewBox().viewRange()[1]
        assert math.isfinite(lo) and math.isfinite(hi) and hi > lo
    window.grab()  # paints every panel, labels included


@pytest.mark.parametrize(
    ("minimum", "maximum", "values"),
    [
        (None, None, [BOUND, -BOUND]),
        (-BOUND, BOUND, [-BOUND]),
        (5.0, 5.0, [5.0]),  # a hand-edited file may hold bounds that leave no room
        (None, None, [0.0]),
    ],
)
def test_the_kpi_range_always_has_room(
    minimum: float | None, maximum: float | None, values: list[float]
) -> None:
    lo, hi = kpi_range(minimum, maximum, values)
    assert math.isfinite(lo) and math.isfinite(hi) and hi > lo
    assert lo <= min(values) and max(values) <= hi


def test_a_custom_kpi_whose_bounds_meet_is_refused(session: Session) -> None:
    with pytest.raises(ValueError, match="minimum must be below the maximum"):
        new_custom_kpi(session.workshop, "Flat", "", "5", "5")


def test_no_custom_kpi_is_added_past_the_limit(session: Session) -> None:
    many = tuple(KpiDef(f"custom-k{i}", f"K {i}") for i in range(limits.KPIS))
    session.push(DetailsCommand(session.doc, {"custom_kpis": ()}, {"custom_kpis": many}))
    with pytest.raises(ValueError, match="at most 50 custom KPIs"):
        new_custom_kpi(session.workshop, "One more", "", "", "")
