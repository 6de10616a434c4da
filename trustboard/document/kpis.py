"""The rules of KPI edits: a value within its bounds, custom KPIs added and removed.

Numbers arrive already parsed (each input reads them its own way: the panel with the
user's locale, a phone as JSON); messages are written for the room.
"""

from __future__ import annotations

import re

from trustboard.document.commands import Command, DetailsCommand, KpiCommand, MacroCommand
from trustboard.document.document import WorkshopDocument
from trustboard.domain import limits
from trustboard.domain.checks import amount
from trustboard.domain.errors import ValidationError
from trustboard.domain.workshop import KpiDef, Workshop
from trustboard.i18n import _

MAX_NAME = 60
MAX_UNIT = 12
MAGNITUDE_TEXT = f"±{amount(limits.KPI_MAGNITUDE)}".replace("-", "−")


class KpiError(ValidationError, ValueError):
    """A KPI edit the rules refuse; the message is for the room."""

    def __init__(self, message: str) -> None:
        super().__init__("", message)


def bounds_text(kpi: KpiDef) -> str:
    unit = f" {kpi.unit}" if kpi.unit else ""
    lo = f"{kpi.minimum:g}".replace("-", "−") if kpi.minimum is not None else None
    hi = f"{kpi.maximum:g}".replace("-", "−") if kpi.maximum is not None else None
    if lo is not None and hi is not None:
        return f"{lo} to {hi}{unit}"
    if lo is not None:
        return f"{lo}{unit} or more"
    if hi is not None:
        return f"up to {hi}{unit}"
    return _("any number")


def check_kpi_value(kpi: KpiDef, value: float | None) -> float | None:
    """The value to store (None clears it); KpiError names the allowed range."""
    if value is None:
        return None
    if abs(value) > limits.KPI_MAGNITUDE:
        raise KpiError(f"{kpi.name} must lie within {MAGNITUDE_TEXT}")
    try:
        kpi.check(value)
    except ValidationError:
        raise KpiError(f"{kpi.name} must be {bounds_text(kpi)}") from None
    return value


def set_kpi(doc: WorkshopDocument, kpi_id: str, value: float | None) -> KpiCommand | None:
    """Set or clear a KPI in the current round; None when it already holds that value.

    A value typed by hand no longer comes from imported data: the step drops the KPI's
    basis in the round (its undo brings it back)."""
    kpi = doc.workshop.kpi_def(kpi_id)
    value = check_kpi_value(kpi, value)
    rnd = doc.current_round
    before = rnd.kpis.get(kpi_id)
    if value == before:
        return None
    text = f"Set {kpi.name}" if value is not None else f"Clear {kpi.name}"
    return KpiCommand(doc, rnd.id, kpi_id, before, value, text, rnd.kpi_basis.get(kpi_id))


def clean_kpi_name(workshop: Workshop, name: str, unit: str) -> tuple[str, str]:
    """A new KPI's name and unit as kept, or KpiError saying what to change."""
    name = " ".join(name.split())
    unit = unit.strip()
    if len(workshop.custom_kpis) >= limits.KPIS:
        raise KpiError(f"A workshop tracks at most {limits.KPIS} custom KPIs")
    if not name:
        raise KpiError(_("Give the KPI a name"))
    if len(name) > MAX_NAME:
        raise KpiError(f"Keep the name under {MAX_NAME} characters")
    if len(unit) > MAX_UNIT:
        raise KpiError(f"Keep the unit under {MAX_UNIT} characters, e.g. % or €")
    if any(k.name.casefold() == name.casefold() for k in workshop.kpi_defs):
        raise KpiError(f"There is already a KPI called “{name}”")
    return name, unit


def new_custom_kpi(
    workshop: Workshop, name: str, unit: str, lo: float | None, hi: float | None
) -> KpiDef:
    """A custom KPI with a fresh id; KpiError with a message for the room if not right."""
    name, unit = clean_kpi_name(workshop, name, unit)
    if any(v is not None and abs(v) > limits.KPI_MAGNITUDE for v in (lo, hi)):
        raise KpiError(f"Bounds: keep them within {MAGNITUDE_TEXT}")
    if lo is not None and hi is not None and lo >= hi:
        raise KpiError(_("The minimum must be below the maximum"))
    slug = re.sub(r"[^a-z0-9]+", "-", name.casefold()).strip("-")[:40] or "kpi"
    taken = {k.id for k in workshop.kpi_defs}
    kpi_id, n = f"custom-{slug}", 2
    while kpi_id in taken:
        kpi_id, n = f"custom-{slug}-{n}", n + 1
    return KpiDef(kpi_id, name, unit, lo, hi)


def add_kpi(doc: WorkshopDocument, kpi: KpiDef) -> DetailsCommand:
    before = doc.workshop.custom_kpis
    return DetailsCommand(doc, {"custom_kpis": before}, {"custom_kpis": (*before, kpi)},
                          f"Add KPI “{kpi.name}”")  # fmt: skip


def remove_kpi(doc: WorkshopDocument, kpi_id: str) -> MacroCommand:
    """Clear the KPI's value in every round, then drop its definition: one step."""
    ws = doc.workshop
    kpi = ws.kpi_def(kpi_id)
    children: list[Command] = [
        KpiCommand(doc, r.id, kpi_id, r.kpis[kpi_id], None, before_basis=r.kpi_basis.get(kpi_id))
        for r in ws.rounds
        if kpi_id in r.kpis
    ]
    before = ws.custom_kpis
    after = tuple(k for k in before if k.id != kpi_id)
    children.append(DetailsCommand(doc, {"custom_kpis": before}, {"custom_kpis": after}))
    return MacroCommand(children, f"Remove KPI “{kpi.name}”", doc)
