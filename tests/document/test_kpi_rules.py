"""KPI rules hold without any widget: values within bounds, custom KPIs added and removed."""

from __future__ import annotations

import copy

import pytest

from trustboard.document import WorkshopDocument, kpis
from trustboard.document.commands import History
from trustboard.domain.workshop import Workshop


def test_a_value_outside_its_bounds_is_refused_with_the_range(workshop: Workshop) -> None:
    doc = WorkshopDocument(workshop)
    with pytest.raises(kpis.KpiError, match="Customer retention rate must be 0 to 100 %"):
        kpis.set_kpi(doc, "retention", 120.0)
    with pytest.raises(ValueError, match="must lie within"):  # the panel catches ValueError
        kpis.set_kpi(doc, "clv", 1e13)
    assert doc.current_round.kpis == {}


def test_kpi_edits_undo_to_the_exact_state(workshop: Workshop) -> None:
    doc, history = WorkshopDocument(workshop), History()
    before = copy.deepcopy(doc.workshop)
    history.push(kpis.set_kpi(doc, "retention", 62.5))
    assert kpis.set_kpi(doc, "retention", 62.5) is None  # no empty undo step
    churn = kpis.new_custom_kpi(doc.workshop, "  Churn   rate ", "%", 0.0, None)
    assert (churn.id, churn.name) == ("custom-churn-rate", "Churn rate")
    history.push(kpis.add_kpi(doc, churn))
    history.push(kpis.set_kpi(doc, churn.id, 3.0))
    history.push(kpis.remove_kpi(doc, churn.id))
    assert doc.workshop.custom_kpis == () and churn.id not in doc.current_round.kpis
    while history.undo():
        pass
    assert doc.workshop == before


def test_a_custom_kpi_needs_a_new_name_and_sensible_bounds(workshop: Workshop) -> None:
    with pytest.raises(kpis.KpiError, match="Give the KPI a name"):
        kpis.new_custom_kpi(workshop, "  ", "", None, None)
    with pytest.raises(kpis.KpiError, match="already a KPI called"):
        kpis.new_custom_kpi(workshop, "net PROMOTER score", "", None, None)
    with pytest.raises(kpis.KpiError, match="minimum must be below"):
        kpis.new_custom_kpi(workshop, "Flat", "", 5.0, 5.0)
