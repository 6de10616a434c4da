"""The summary's first page: the sponsor's brief — who took part, the facilitator's story,
the findings worded plainly, the priorities and the actions. The figures follow it."""

from __future__ import annotations

from reportlab.platypus import Flowable

from trustboard.analytics.findings import Brief, findings
from trustboard.export.context import Context, shorten, status_label
from trustboard.export.pdf_builder import PdfBuilder, fmt_date
from trustboard.export.sections import SUMMARY_TEXT
from trustboard.i18n import _

NOTES_CHARS = 2_400  # the story on the brief; the rest waits for the full report


def brief_of(ctx: Context) -> Brief:
    return findings(ctx.workshop, ctx.round.id, names=ctx.names)


def brief_page(b: PdfBuilder, ctx: Context) -> list[Flowable]:
    """Everything after the title block on the first page of the summary."""
    brief = brief_of(ctx)
    s = b.styles
    out: list[Flowable] = []
    if brief.notes.strip():
        out += b.heading(_("The story of the session"))
        story = shorten(brief.notes, NOTES_CHARS) if len(brief.notes) > NOTES_CHARS else None
        paragraphs = [story] if story else [p for p in brief.notes.splitlines() if p.strip()]
        out += [b.text(p, s.body, space_after=3) for p in paragraphs]
    out += b.heading(_("Key findings"))
    if not brief.findings:
        out.append(b.text(_("No ratings or measures in this round yet."), s.small))
    # each sentence names its kind ("Weakest", "Blind spot", "Rose since …"): no sub-heads
    out += [b.text(f"•  {f.text}", s.body, space_after=1.5) for f in brief.findings]
    out += b.heading(_("Top priorities by votes"))
    if brief.priorities:
        out += [b.text(f"{i}. {shorten(p, SUMMARY_TEXT)}", s.body, space_after=2)
                for i, p in enumerate(brief.priorities, start=1)]  # fmt: skip
    else:
        out.append(b.text(_("No votes were cast in this round."), s.small))
    out += b.heading(_("Actions"))
    if not brief.actions:
        out.append(b.text(_("No actions were agreed in this round."), s.small))
    for a in brief.actions:
        bits = [status_label(a.status)]
        if a.owner:
            bits.append(_("owner {name}").format(name=shorten(a.owner, 60)))
        if a.due:
            bits.append(_("due {date}").format(date=fmt_date(a.due)))
        else:
            bits.append(_("no due date"))
        out.append(b.text(f"•  {shorten(a.text, SUMMARY_TEXT)} — {', '.join(bits)}", s.body))
    return out
