"""The sponsor's brief: what one round found, worded plainly, each number saying whose view
it is and how many people gave it. Built on the other analytics; no Qt."""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass

from trustboard.analytics.cells import CellStats, Perception, actions, cell_stats, top_voted
from trustboard.analytics.rounds import compare_rounds
from trustboard.domain.framework import Cell, Framework
from trustboard.domain.workshop import KpiBasis, KpiDef, Layer, Perspective, Round, Workshop
from trustboard.i18n import _, format_percent, ngettext, number_symbols

WEAKEST = 2  # cells named as weakest, per view
PERCEPTION = 2  # blind spots and hidden strengths named, each
MOVEMENTS = 2  # cell movements named, each way
PRIORITIES = 5
ACTIONS = 12
# A KPI whose margin of error is not known is still compared with its previous value;
# NPS always gets the reminder that its margin matters, even unknown.
NPS_ID = "nps"


@dataclass(frozen=True)
class Finding:
    """One line of the brief: `kind` groups it ("weakest", "blind spot", "hidden strength",
    "movement", "kpi"), `text` is the plain sentence a sponsor reads."""

    kind: str
    text: str


@dataclass(frozen=True)
class BriefAction:
    text: str
    owner: str  # "" when names are left out or nobody owns it
    due: dt.date | None
    status: str


@dataclass(frozen=True)
class Brief:
    title: str
    round_label: str
    date: dt.date | None
    who: str  # the names, or "N participants"
    notes: str  # the facilitator's story, printed first
    findings: tuple[Finding, ...]
    priorities: tuple[str, ...]  # "Text — 7 votes (Element × Domain)"
    actions: tuple[BriefAction, ...]


def _num(value: float) -> str:
    """At most one decimal, with the current language's decimal sign: "3.5", "3,5"."""
    text = f"{value:.1f}".rstrip("0").rstrip(".") if value != int(value) else f"{int(value)}"
    return text.replace(".", number_symbols()[0])


def _signed(value: float) -> str:
    return ("+" if value > 0 else "−" if value < 0 else "±") + _num(abs(value))


def _people(n: int) -> str:
    return ngettext("{n} person", "{n} people", n).format(n=n)


def cell_name(framework: Framework, cell: Cell) -> str:
    try:
        return f"{framework.element(cell[0]).name} × {framework.domain(cell[1]).name}"
    except KeyError:
        return " × ".join(cell)


def _count(rnd: Round, cell: Cell, perspective: Perspective) -> int:
    r = rnd.ratings.get((*cell, Layer.AS_IS.value, perspective.value))
    return len(r.scores) if r is not None else 0


def _weakest(fw: Framework, rnd: Round, stats: dict[Cell, CellStats]) -> list[Finding]:
    out = []
    for p, attr in ((Perspective.SELF, "as_is_self"), (Perspective.CUSTOMER, "as_is_customer")):
        scored = [(getattr(s, attr), i, c) for i, (c, s) in enumerate(stats.items())
                  if getattr(s, attr) is not None]  # fmt: skip
        for value, _unused, cell in sorted(scored)[:WEAKEST]:
            if p is Perspective.SELF:
                # Translators: {cell} is "Element × Domain"; {people} is "4 people"
                text = _("Weakest (our view): {cell} — median {value} of {top}, from {people}.")
            else:
                text = _(
                    "Weakest (customers' view): {cell} — median {value} of {top}, from {people}."
                )
            out.append(Finding("weakest", text.format(
                cell=cell_name(fw, cell), value=_num(value), top=_num(fw.scale.maximum),
                people=_people(_count(rnd, cell, p)))))  # fmt: skip
    return out


def _perception(fw: Framework, rnd: Round, stats: dict[Cell, CellStats]) -> list[Finding]:
    out = []
    for kind, sign in ((Perception.BLIND_SPOT, 1), (Perception.HIDDEN_STRENGTH, -1)):
        found = [s for s in stats.values() if s.perception == kind]
        found.sort(key=lambda s: -sign * (s.perception_gap or 0))
        for s in found[:PERCEPTION]:
            ours, theirs = s.as_is_self or 0, s.as_is_customer or 0
            if sign > 0:
                text = _(
                    "Blind spot: {cell} — we rate ourselves higher: {ours} (our view, "
                    "{our_people}) against {theirs} (customers' view, {their_people})."
                )
            else:
                text = _(
                    "Hidden strength: {cell} — customers rate us higher: {ours} (our view, "
                    "{our_people}) against {theirs} (customers' view, {their_people})."
                )
            out.append(Finding(str(kind), text.format(
                cell=cell_name(fw, s.cell), ours=_num(ours), theirs=_num(theirs),
                our_people=_people(_count(rnd, s.cell, Perspective.SELF)),
                their_people=_people(_count(rnd, s.cell, Perspective.CUSTOMER)))))  # fmt: skip
    return out


def _movements(fw: Framework, previous: Round, rnd: Round) -> list[Finding]:
    cmp = compare_rounds(fw, previous, rnd)
    out = []
    for moved, rose in ((cmp.improved(), True), (cmp.worsened(), False)):
        for c in moved[:MOVEMENTS]:
            v = c.self_view
            if rose:
                # Translators: {round} is the previous round's name, e.g. "Round 1"
                text = _(
                    "Rose since {round}: {cell} — our view {before} → {after} ({change}), "
                    "from {people} this round."
                )
            else:
                text = _(
                    "Fell since {round}: {cell} — our view {before} → {after} ({change}), "
                    "from {people} this round."
                )
            out.append(Finding("movement", text.format(
                round=previous.label, cell=cell_name(fw, c.cell), before=_num(v.before or 0),
                after=_num(v.after or 0), change=_signed(c.change or 0),
                people=_people(_count(rnd, c.cell, Perspective.SELF)))))  # fmt: skip
    return out


def combined_margin(now: KpiBasis | None, was: KpiBasis | None) -> float | None:
    """The margin of error of a change between two independent readings: the two margins
    added in quadrature; None when neither reading knows its margin."""
    margins = [b.margin for b in (now, was) if b is not None and b.margin is not None]
    return math.sqrt(sum(m * m for m in margins)) if margins else None


def _n(now: KpiBasis | None, was: KpiBasis | None = None, *, both: bool = False) -> str:
    unknown = _("typed in, n not known")
    if not both:
        return f"n = {now.n}" if now is not None else unknown
    if now is None and was is None:
        return unknown
    return f"n = {was.n if was else '?'} → {now.n if now else '?'}"


def _unit(unit: str) -> str:
    """A unit after a number: " €", and "%" the way the language writes a percentage."""
    if unit == "%":
        percent = format_percent(0)  # "0%", "0 %", "0 %"
        return percent[1:] if percent.startswith("0") else "%"
    return f" {unit}" if unit else ""


def kpi_finding(kpi: KpiDef, rnd: Round, previous: Round | None) -> Finding | None:
    now = rnd.kpis.get(kpi.id)
    if now is None:
        return None
    unit = _unit(kpi.unit)
    basis = rnd.kpi_basis.get(kpi.id)
    was = previous.kpis.get(kpi.id) if previous is not None else None
    if previous is None or was is None:
        # Translators: a measure and its value, e.g. "NPS: 32 (n = 412)."
        text = _("{name}: {value} ({basis}).").format(
            name=kpi.name, value=_num(now) + unit, basis=_n(basis)
        )
        return Finding("kpi", text)
    before = previous.kpi_basis.get(kpi.id)
    change = now - was
    fields = {
        "name": kpi.name,
        "before": _num(was) + unit,
        "after": _num(now) + unit,
        "round": previous.label,
        "change": _signed(change),
        "basis": _n(basis, before, both=True),
    }
    margin = combined_margin(basis, before)
    if margin is not None and abs(change) <= margin:
        text = _(
            "{name}: {before} → {after} since {round} ({change}; {basis}) — within the "
            "margin of error — not a clear change (±{margin})."
        )
    elif margin is not None:
        text = _(
            "{name}: {before} → {after} since {round} ({change}; {basis}) — beyond the "
            "margin of error (±{margin}): a clear change."
        )
    elif kpi.id == NPS_ID and change:
        text = _(
            "{name}: {before} → {after} since {round} ({change}; {basis}) — margin of "
            "error not known: it may be noise."
        )
    else:
        text = _("{name}: {before} → {after} since {round} ({change}; {basis}).")
    return Finding("kpi", text.format(margin=_num(margin or 0), **fields))


def findings(workshop: Workshop, round_id: str, *, names: bool) -> Brief:
    """The brief of one round. Raises KeyError for an unknown round."""
    fw = workshop.framework
    rnd = workshop.round(round_id)
    index = workshop.rounds.index(rnd)
    previous = workshop.rounds[index - 1] if index > 0 else None
    stats = cell_stats(fw, rnd)
    count = len(workshop.participants)
    who = ngettext("{n} participant", "{n} participants", count).format(n=count)
    if names and count:
        who = ", ".join(workshop.participants)
    found = [*_weakest(fw, rnd, stats), *_perception(fw, rnd, stats)]
    if previous is not None:
        found += _movements(fw, previous, rnd)
    for kpi in workshop.kpi_defs:
        f = kpi_finding(kpi, rnd, previous)
        if f is not None:
            found.append(f)
    priorities = []
    for card in top_voted(rnd, PRIORITIES):
        votes = ngettext("{n} vote", "{n} votes", card.votes).format(n=card.votes)
        text = " ".join(card.text.split())
        if card.cell is not None:
            # Translators: a top-voted card: its text, "7 votes", "Element × Domain"
            line = _("{text} — {votes} ({cell})").format(
                text=text, votes=votes, cell=cell_name(fw, card.cell)
            )
        else:
            line = _("{text} — {votes}").format(text=text, votes=votes)
        priorities.append(line)
    plan = tuple(
        BriefAction(
            " ".join(c.text.split()),
            c.action.owner if names else "",
            c.action.due,
            c.action.status.value,
        )
        for c in actions(rnd)[:ACTIONS]
        if c.action is not None
    )
    return Brief(
        workshop.title,
        rnd.label,
        rnd.date or workshop.date,
        who,
        rnd.notes,
        tuple(found),
        tuple(priorities),
        plan,
    )
