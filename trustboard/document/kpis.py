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
from trustboard.domain.numbers import format_number
from trustboard.domain.workshop import KpiDef, Workshop
from trustboard.i18n import _, number_symbols

MAX_NAME = 60
MAX_UNIT = 12


def magnitude_text() -> str:
    """The largest KPI value as the current locale writes it: "±1,000,000,000,000"."""
    return f"±{amount(limits.KPI_MAGNITUDE)}".replace("-", "−")


class KpiError(ValidationError, ValueError):
    """A KPI edit the rules refuse; the message is for the room."""

    def __init__(self, message: str) -> None:
        super().__init__("", message)


def bounds_text(kpi: KpiDef) -> str:
    """The values a KPI allows, for the room: "0 to 100 %", "−100 or more", "any number"."""
    unit = f" {kpi.unit}" if kpi.unit else ""
    decimal = number_symbols()[0]
    lo = hi = ""
    if kpi.minimum is not None:
        lo = format_number(kpi.minimum, decimal=decimal).replace("-", "−")
    if kpi.maximum is not None:
        hi = format_number(kpi.maximum, decimal=decimal).replace("-", "−")
    if lo and hi:
        # Translators: a KPI's range; {highest} carries the unit, e.g. "0 to 100 %".
        return _("{lowest} to {highest}").format(lowest=lo, highest=hi + unit)
    if lo:
        return _("{lowest} or more").format(lowest=lo + unit)
    if hi:
        return _("up to {highest}").format(highest=hi + unit)
    return _("any number")


def check_kpi_value(kpi: KpiDef, value: float | None) -> float | None:
    """The value to store (None clears it); KpiError names the allowed range."""
    if value is None:
        return None
    if abs(value) > limits.KPI_MAGNITUDE:
        raise KpiError(
            _("{name} must lie within {range}").format(name=kpi.name, range=magnitude_text())
        )
    try:
        kpi.check(value)
    except ValidationError:
        raise KpiError(
            _("{name} must be {bounds}").format(name=kpi.name, bounds=bounds_text(kpi))
        ) from None
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
    text = (
        _("Set {name}").format(name=kpi.name)
        if value is not None
        else _("Clear {name}").format(name=kpi.name)
    )
    return KpiCommand(doc, rnd.id, kpi_id, before, value, text, rnd.kpi_basis.get(kpi_id))


def clean_kpi_name(workshop: Workshop, name: str, unit: str) -> tuple[str, str]:
    """A new KPI's name and unit as kept, or KpiError saying what to change."""
    name = " ".join(name.split())
    unit = unit.strip()
    if len(workshop.custom_kpis) >= limits.KPIS:
        raise KpiError(_("A workshop tracks at most {n} custom KPIs").format(n=limits.KPIS))
    if not name:
        raise KpiError(_("Give the KPI a name"))
    if len(name) > MAX_NAME:
        raise KpiError(_("Keep the name under {n} characters").format(n=MAX_NAME))
    if len(unit) > MAX_UNIT:
        raise KpiError(_("Keep the unit under {n} characters, e.g. % or €").format(n=MAX_UNIT))
    if any(k.name.casefold() == name.casefold() for k in workshop.kpi_defs):
        raise KpiError(_("There is already a KPI called “{name}”").format(name=name))
    return name, unit


def new_custom_kpi(
    workshop: Workshop, name: str, unit: str, lo: float | None, hi: float | None
) -> KpiDef:
    """A custom KPI with a fresh id; KpiError with a message for the room if not right."""
    name, unit = clean_kpi_name(workshop, name, unit)
    if any(v is not None and abs(v) > limits.KPI_MAGNITUDE for v in (lo, hi)):
        raise KpiError(_("Bounds: keep them within {range}").format(range=magnitude_text()))
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
                          _("Add KPI “{name}”").format(name=kpi.name))  # fmt: skip


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
    return MacroCommand(children, _("Remove KPI “{name}”").format(name=kpi.name), doc)
