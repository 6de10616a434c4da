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
    return f"{value:.1f}".rstrip("0").rstrip(".") if value != int(value) else f"{int(value)}"


def _signed(value: float) -> str:
    return ("+" if value > 0 else "−" if value < 0 else "±") + _num(abs(value))


def _people(n: int) -> str:
    return "1 person" if n == 1 else f"{n} people"


def cell_name(framework: Framework, cell: Cell) -> str:
    try:
        return f"{framework.element(cell[0]).name} × {framework.domain(cell[1]).name}"
    except KeyError:
        return " × ".join(cell)


def _count(rnd: Round, cell: Cell, perspective: Perspective) -> int:
    r = rnd.ratings.get((*cell, Layer.AS_IS.value, perspective.value))
    return len(r.scores) if r is not None else 0


_VIEW = {Perspective.SELF: "our view", Perspective.CUSTOMER: "customers' view"}


def _weakest(fw: Framework, rnd: Round, stats: dict[Cell, CellStats]) -> list[Finding]:
    out = []
    for p, attr in ((Perspective.SELF, "as_is_self"), (Perspective.CUSTOMER, "as_is_customer")):
        scored = [(getattr(s, attr), i, c) for i, (c, s) in enumerate(stats.items())
                  if getattr(s, attr) is not None]  # fmt: skip
        for value, _, cell in sorted(scored)[:WEAKEST]:
            out.append(Finding("weakest", (
                f"Weakest ({_VIEW[p]}): {cell_name(fw, cell)} — median {_num(value)} "
                f"of {_num(fw.scale.maximum)}, from {_people(_count(rnd, cell, p))}.")))  # fmt: skip
    return out


def _perception(fw: Framework, rnd: Round, stats: dict[Cell, CellStats]) -> list[Finding]:
    out = []
    for kind, sign in ((Perception.BLIND_SPOT, 1), (Perception.HIDDEN_STRENGTH, -1)):
        found = [s for s in stats.values() if s.perception == kind]
        found.sort(key=lambda s: -sign * (s.perception_gap or 0))
        for s in found[:PERCEPTION]:
            ours, theirs = s.as_is_self or 0, s.as_is_customer or 0
            who = "we rate ourselves higher" if sign > 0 else "customers rate us higher"
            out.append(Finding(str(kind), (
                f"{str(kind).capitalize()}: {cell_name(fw, s.cell)} — {who}: "
                f"{_num(ours)} (our view, {_people(_count(rnd, s.cell, Perspective.SELF))}) "
                f"against {_num(theirs)} (customers' view, "
                f"{_people(_count(rnd, s.cell, Perspective.CUSTOMER))}).")))  # fmt: skip
    return out


def _movements(fw: Framework, previous: Round, rnd: Round) -> list[Finding]:
    cmp = compare_rounds(fw, previous, rnd)
    out = []
    for moved, word in ((cmp.improved(), "Rose"), (cmp.worsened(), "Fell")):
        for c in moved[:MOVEMENTS]:
            v = c.self_view
            out.append(Finding("movement", (
                f"{word} since {previous.label}: {cell_name(fw, c.cell)} — our view "
                f"{_num(v.before or 0)} → {_num(v.after or 0)} ({_signed(c.change or 0)}), "
                f"from {_people(_count(rnd, c.cell, Perspective.SELF))} this round.")))  # fmt: skip
    return out


def combined_margin(now: KpiBasis | None, was: KpiBasis | None) -> float | None:
    """The margin of error of a change between two independent readings: the two margins
    added in quadrature; None when neither reading knows its margin."""
    margins = [b.margin for b in (now, was) if b is not None and b.margin is not None]
    return math.sqrt(sum(m * m for m in margins)) if margins else None


def _n(now: KpiBasis | None, was: KpiBasis | None = None, *, both: bool = False) -> str:
    if not both:
        return f"n = {now.n}" if now is not None else "typed in, n not known"
    if now is None and was is None:
        return "typed in, n not known"
    return f"n = {was.n if was else '?'} → {now.n if now else '?'}"


def kpi_finding(kpi: KpiDef, rnd: Round, previous: Round | None) -> Finding | None:
    now = rnd.kpis.get(kpi.id)
    if now is None:
        return None
    unit = f" {kpi.unit}" if kpi.unit and kpi.unit != "%" else kpi.unit
    basis = rnd.kpi_basis.get(kpi.id)
    was = previous.kpis.get(kpi.id) if previous is not None else None
    if previous is None or was is None:
        return Finding("kpi", f"{kpi.name}: {_num(now)}{unit} ({_n(basis)}).")
    before = previous.kpi_basis.get(kpi.id)
    change = now - was
    text = (f"{kpi.name}: {_num(was)}{unit} → {_num(now)}{unit} since {previous.label} "
            f"({_signed(change)}; {_n(basis, before, both=True)})")  # fmt: skip
    margin = combined_margin(basis, before)
    if margin is not None:
        if abs(change) <= margin:
            text += f" — within the margin of error — not a clear change (±{_num(margin)})."
        else:
            text += f" — beyond the margin of error (±{_num(margin)}): a clear change."
    elif kpi.id == NPS_ID and change:
        text += " — margin of error not known: it may be noise."
    else:
        text += "."
    return Finding("kpi", text)


def findings(workshop: Workshop, round_id: str, *, names: bool) -> Brief:
    """The brief of one round. Raises KeyError for an unknown round."""
    fw = workshop.framework
    rnd = workshop.round(round_id)
    index = workshop.rounds.index(rnd)
    previous = workshop.rounds[index - 1] if index > 0 else None
    stats = cell_stats(fw, rnd)
    count = len(workshop.participants)
    who = f"{count} participant{'s' * (count != 1)}"
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
        where = f" ({cell_name(fw, card.cell)})" if card.cell is not None else ""
        votes = f"{card.votes} vote{'s' * (card.votes != 1)}"
        priorities.append(f"{' '.join(card.text.split())} — {votes}{where}")
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
