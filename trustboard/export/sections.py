"""The summary's sections: who and when, the heatmap, gaps, top votes, actions, KPIs."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from reportlab.lib.colors import HexColor
from reportlab.platypus import Flowable, KeepTogether
from reportlab.platypus.flowables import Spacer

from trustboard import i18n
from trustboard.analytics.cells import (
    actions,
    cell_stats,
    largest_gaps,
    largest_perception_gaps,
    top_voted,
    trust_score,
)
from trustboard.domain.framework import Axis
from trustboard.domain.workshop import Card, basis_text
from trustboard.export.context import (
    GREY,
    LABEL_TEXT,
    Context,
    number,
    shorten,
    status_label,
    unit_suffix,
)
from trustboard.export.pdf_builder import PdfBuilder, fmt_date, fmt_score, fmt_signed, tint
from trustboard.export.text import TextStyle
from trustboard.i18n import _, ngettext, pgettext

SUMMARY_ACTIONS = 12
SUMMARY_PEOPLE = 40  # names in a summary's title block; the full report has them all
SUMMARY_TEXT = 280  # characters of a card in a summary table; the full report has it all
HEATMAP_COLUMNS = 6  # domains side by side: "10 → 10" still fits in each column
GRID_NAME_TEXT = 48  # characters of a name in the grid; the tables below give it in full
_RAMP = (
    "#f8c9b4",
    "#f7f7f7",
    "#b9d8ea",
)  # low, middle, high (light RdBu, as on the board): soft enough to read on


def title_block(
    b: PdfBuilder, ctx: Context, kind: str, people_limit: int | None = SUMMARY_PEOPLE
) -> list[Flowable]:
    ws = ctx.workshop
    kicker = TextStyle(size=9, bold=True, colour=b.accent)
    out: list[Flowable] = [
        b.text(kind.upper(), kicker, space_after=2),
        b.text(ws.title, b.styles.title, space_after=2),
    ]
    if b.organisation:
        out.append(b.text(b.organisation, b.styles.subtitle, space_after=6))
    count = len(ws.participants)
    people = ngettext("{n} participant", "{n} participants", count).format(n=count)
    if ctx.names:
        # a summary stays short: hundreds of names belong in the full report
        shown = ws.participants if people_limit is None else ws.participants[:people_limit]
        people = ", ".join(shorten(p, LABEL_TEXT) for p in shown)
        if count > len(shown):
            more = count - len(shown)
            people += ngettext(
                " and {more} more ({n} in all; the full report lists them)",
                " and {more} more ({n} in all; the full report lists them)",
                more,
            ).format(more=more, n=count)
    rows = [
        [_("Date"), fmt_date(ctx.round.date or ws.date)],
        [_("Round"), ctx.round.label],
        [_("Framework"), ctx.framework.name],
    ]
    if ctx.names and ws.facilitator:
        rows.append([pgettext("report table", "Facilitator"), ws.facilitator])
    if ws.participants:
        rows.append([_("Participants"), people])
    label = b.styles.small
    out.append(
        b.table(
            [[b.text(k, label), b.text(v, b.styles.body)] for k, v in rows],
            [1, 5],
            header=False,
            zebra=False,
            styles=[("LINEBELOW", (0, 0), (-1, -1), 0, HexColor("#ffffff"))],
        )
    )
    return out


def _rating_colour(ctx: Context, value: float | None) -> str:
    if value is None:
        return "#f1f3f4"
    scale = ctx.framework.scale
    span = max(1, scale.maximum - scale.minimum)
    t = min(1.0, max(0.0, (value - scale.minimum) / span))
    low, mid, high = _RAMP
    a, c, f = (low, mid, t * 2) if t < 0.5 else (mid, high, (t - 0.5) * 2)
    ra, ga, ba = (int(a[i : i + 2], 16) for i in (1, 3, 5))
    rc, gc, bc = (int(c[i : i + 2], 16) for i in (1, 3, 5))
    mix = (round(x + (y - x) * f) for x, y in ((ra, rc), (ga, gc), (ba, bc)))
    return "#" + "".join(f"{v:02x}" for v in mix)


def heatmap(b: PdfBuilder, ctx: Context) -> list[Flowable]:
    """The grid as a table; a wide grid becomes several tables of at most HEATMAP_COLUMNS
    domains each, every one with the element names, so no column gets too narrow to read."""
    domains = ctx.framework.active_domains
    parts = max(1, -(-len(domains) // HEATMAP_COLUMNS))
    per = -(-len(domains) // parts) if domains else 0
    out: list[Flowable] = [*b.heading(_("The grid"))]
    for part in range(parts):
        chunk = domains[part * per : (part + 1) * per]
        if parts > 1:
            first, last = part * per + 1, part * per + len(chunk)
            what = shorten(ctx.framework.domain_label, 40)
            # Translators: which columns this part of a wide grid shows: "Domains 1–6 of 9"
            note = _("{what} {first}–{last} of {total}").format(
                what=what, first=first, last=last, total=len(domains)
            )
            out.append(b.text(note, b.styles.small, space_after=2))
        out += [_grid_table(b, ctx, chunk), Spacer(1, 6 if part < parts - 1 else 3)]
    scale = ctx.framework.scale
    legend = _(
        "Each cell: our as-is rating → our to-be rating (medians, {low}–{high}); "
        "“customers” is how customers rate us today. Colour follows the as-is rating, "
        "from warm (low) to cool (high), the same as on the board."
    ).format(low=scale.minimum, high=scale.maximum)
    return [*out, b.text(legend, b.styles.small)]


def _grid_table(b: PdfBuilder, ctx: Context, domains: Sequence[Axis]) -> Flowable:
    fw = ctx.framework
    s = b.styles
    header: list[Flowable | str] = [b.text(shorten(fw.element_label, 40), s.head)]
    header += [b.text(shorten(d.name, GRID_NAME_TEXT), s.head) for d in domains]
    rows: list[list[Flowable | str]] = [header]
    commands: list[tuple[Any, ...]] = []
    for r, element in enumerate(fw.elements, start=1):
        row: list[Any] = [b.text(shorten(element.name, GRID_NAME_TEXT), s.cell_bold)]
        for c, domain in enumerate(domains, start=1):
            st = ctx.stats[(element.id, domain.id)]
            rated = st.as_is_self is not None or st.to_be_self is not None
            main = f"{fmt_score(st.as_is_self)} → {fmt_score(st.to_be_self)}" if rated else "–"
            extra = (
                # Translators: under a cell's ratings in the grid: how customers rate it
                _("customers {score}").format(score=fmt_score(st.as_is_customer))
                if st.as_is_customer is not None
                else ""
            )
            cell = [b.text(main, s.big)]
            if extra:
                cell.append(b.text(extra, s.centre))
            row.append(cell)
            commands.append(
                ("BACKGROUND", (c, r), (c, r), HexColor(_rating_colour(ctx, st.as_is_self)))
            )
        rows.append(row)
    commands.append(("GRID", (0, 0), (-1, -1), 0.8, HexColor("#ffffff")))
    first = 1.6 if len(domains) <= 4 else 2.0
    return b.table(rows, [first] + [1.0] * len(domains), styles=commands, zebra=False)


def gaps(b: PdfBuilder, ctx: Context) -> list[list[Flowable]]:
    """Two sections: how far we want to move, and where customers see us differently."""
    out = b.heading(_("Largest gaps"))
    found = largest_gaps(ctx.stats)
    if found:
        rows: list[list[Flowable | str]] = [
            [
                _("Cell"),
                pgettext("layer", "As-is"),
                pgettext("layer", "To-be"),
                pgettext("report table", "Gap"),
            ]
        ]
        for st in found:
            rows.append(
                [
                    ctx.cell_label(st.cell),
                    fmt_score(st.as_is_self),
                    fmt_score(st.to_be_self),
                    fmt_signed(st.gap),
                ]
            )
        out.append(b.table(rows, [4, 1, 1, 1]))
    else:
        out.append(b.text(_("No cell has both an as-is and a to-be rating yet."), b.styles.small))
    first = out
    out = b.heading(_("Perception gaps"))
    found = largest_perception_gaps(ctx.stats)
    if found:
        rows = [
            [
                _("Cell"),
                _("We say"),
                _("Customers say"),
                pgettext("report table", "Gap"),
                _("Reading"),
            ]
        ]
        for st in found:
            reading = st.perception.label if st.perception else ""
            rows.append(
                [
                    ctx.cell_label(st.cell),
                    fmt_score(st.as_is_self),
                    fmt_score(st.as_is_customer),
                    fmt_signed(st.perception_gap),
                    reading,
                ]
            )
        out.append(b.table(rows, [3.4, 1, 1.3, 0.8, 1.5]))
    else:
        out.append(b.text(_("No cell has both our rating and the customers' yet."), b.styles.small))
    return [first, out]


def voted(b: PdfBuilder, ctx: Context) -> list[Flowable]:
    out = b.heading(_("Top-voted cards"))
    cards = top_voted(ctx.round)
    if not cards:
        return [*out, b.text(_("No votes were cast in this round."), b.styles.small)]
    rows: list[list[Flowable | str]] = [[_("Votes"), _("Card"), _("Cell")]]
    for card in cards:
        rows.append([str(card.votes), shorten(card.text, SUMMARY_TEXT), ctx.cell_label(card.cell)])
    return [*out, b.table(rows, [1.0, 4.8, 2.4])]


def action_plan(b: PdfBuilder, ctx: Context, limit: int | None = SUMMARY_ACTIONS) -> list[Flowable]:
    out = b.heading(_("Action plan"))
    found = actions(ctx.round)
    if not found:
        return [*out, b.text(_("No actions were agreed in this round."), b.styles.small)]
    shown = found if limit is None else found[:limit]
    head = [_("Action"), _("Owner"), _("Due"), _("Status")]
    if not ctx.names:
        del head[1]
    rows: list[list[Flowable | str]] = [head]
    for card in shown:
        assert card.action is not None
        text = shorten(card.text, SUMMARY_TEXT if limit is not None else 4 * SUMMARY_TEXT)
        row: list[Flowable | str] = [text]
        if ctx.names:
            row.append(shorten(card.action.owner, LABEL_TEXT) or "–")
        row += [fmt_date(card.action.due), status_label(card.action.status)]
        rows.append(row)
    widths = [5, 1.8, 1.3, 1.2] if ctx.names else [6.8, 1.3, 1.2]
    out.append(b.table(rows, widths))
    if len(found) > len(shown):
        more = len(found) - len(shown)
        text = ngettext(
            "… and {n} more in the full report.", "… and {n} more in the full report.", more
        ).format(n=more)
        out.append(b.text(text, b.styles.small))
    if not ctx.names:
        out.append(b.text(_("Owners' names are left out of this copy."), b.styles.small))
    return out


def kpis(b: PdfBuilder, ctx: Context) -> list[Flowable]:
    out = b.heading(_("Measures of this round"))
    score = trust_score(ctx.stats)
    before = trust_score(cell_stats(ctx.framework, ctx.previous)) if ctx.previous else None
    prev_label = ctx.previous.label if ctx.previous else _("Previous round")
    rows: list[list[Flowable | str]] = [
        [_("Measure"), _("This round"), shorten(prev_label, 40), pgettext("report table", "Change")]
    ]
    rows.append(
        [
            _("Trust score (median as-is rating, our view)"),
            fmt_score(score),
            fmt_score(before),
            _change(score, before),
        ]
    )
    for kpi in ctx.workshop.kpi_defs:
        now = ctx.round.kpis.get(kpi.id)
        was = ctx.previous.kpis.get(kpi.id) if ctx.previous else None
        if now is None and was is None:
            continue
        unit = unit_suffix(kpi.unit)
        basis = ctx.round.kpi_basis.get(kpi.id)
        decimal = i18n.number_symbols()[0]
        name = kpi.name if basis is None else f"{kpi.name} ({basis_text(basis, decimal=decimal)})"
        rows.append([name, _value(now, unit), _value(was, unit), _change(now, was)])
    out.append(b.table(rows, [3.8, 1.2, 1.4, 1.4]))  # room for "Veränderung"
    return out


def _value(value: float | None, unit: str) -> str:
    return "–" if value is None else number(value) + unit


def _change(now: float | None, was: float | None) -> str:
    return "–" if now is None or was is None else number(now - was, signed=True)


def card_meta(ctx: Context, card: Card, *, cell: bool = False) -> str:
    parts = [ctx.kind_name(card.kind)]
    if cell:
        parts.append(ctx.cell_label(card.cell))
    if card.votes:
        parts.append(ngettext("{n} vote", "{n} votes", card.votes).format(n=card.votes))
    if ctx.authors and card.author:
        # Translators: who wrote a card
        parts.append(_("by {name}").format(name=card.author))
    if card.action is not None:
        act = card.action
        # Translators: a card that is an action, then its status: "action, open"
        bits = [pgettext("card", "action"), status_label(act.status)]
        if ctx.names and act.owner:
            bits.append(_("owner {name}").format(name=act.owner))
        if act.due:
            bits.append(_("due {date}").format(date=fmt_date(act.due)))
        parts.append(", ".join(bits))
    return " · ".join(parts)


def keep(*flowables: Flowable) -> KeepTogether:
    return KeepTogether(list(flowables))


META = TextStyle(size=8, colour=GREY)
LIGHT = tint  # re-exported for the report's card backgrounds
