"""The summary (1–2 pages) and the full report, assembled from the sections."""

from __future__ import annotations

from pathlib import Path

from reportlab.platypus import Flowable, PageBreak
from reportlab.platypus.flowables import CondPageBreak, Spacer

from trustboard.analytics.cells import (
    axis_medians,
    cell_stats,
    element_trend,
    round_stats,
)
from trustboard.domain.framework import Cell, Question
from trustboard.domain.workshop import Answer, Card, Layer, Perspective, Rating, Workshop
from trustboard.export import sections as sec
from trustboard.export.brief_page import brief_page
from trustboard.export.charts import Bar, BarChart, Series, TrendChart
from trustboard.export.context import Context, shorten
from trustboard.export.fonts import FontChain
from trustboard.export.options import ExportResult, ReportOptions, SummaryOptions
from trustboard.export.pdf_builder import (
    ContentsLine,
    PdfBuilder,
    Progress,
    fmt_score,
    fmt_signed,
    mark,
    outline_entries,
    tint,
)
from trustboard.i18n import _, ngettext, pgettext, using

GAP_COLOUR = "#1a73e8"
BLIND_SPOT = "#d93025"
HIDDEN_STRENGTH = "#188038"
# A cell with more prompts than this lists the ones the room ticked or answered and counts
# the rest, so a framework at its limits (100 prompts a cell) gives a report, not a book.
ALL_QUESTIONS_UP_TO = 12
# comparison tables: what, before, now, change (our view); then the customers, before and now
WIDTHS = (3.0, 1.3, 1.3, 1.1, 1.2, 1.2)


def _builder(workshop: Workshop, options: SummaryOptions, fonts: FontChain | None) -> PdfBuilder:
    organisation = options.organisation.strip() or workshop.organisation
    return PdfBuilder(options, fonts, workshop.title, organisation)


def _summary_story(
    b: PdfBuilder, ctx: Context, kind: str, actions_limit: int | None
) -> list[Flowable]:
    # each section stays on one page when it fits; a long one still flows on
    return [
        *sec.title_block(b, ctx, kind, sec.SUMMARY_PEOPLE if actions_limit else None),
        *brief_page(b, ctx),  # the sponsor's brief first; the figures behind it follow
        PageBreak(),
        sec.keep(*sec.heatmap(b, ctx)),
        sec.keep(*sec.kpis(b, ctx)),
        *[sec.keep(*part) for part in sec.gaps(b, ctx)],
        sec.keep(*sec.voted(b, ctx)),
        sec.keep(*sec.action_plan(b, ctx, actions_limit)),
    ]


def write_summary(
    workshop: Workshop,
    round_id: str,
    path: Path,
    options: SummaryOptions,
    *,
    fonts: FontChain | None = None,
    progress: Progress | None = None,
) -> ExportResult:
    with using(workshop.framework.language) as code:
        b = _builder(workshop, options, fonts)
        ctx = Context.of(workshop, round_id, options.names)
        story = _summary_story(b, ctx, _("Workshop summary"), sec.SUMMARY_ACTIONS)
        subject = _("Summary of {round}").format(round=ctx.round.label)
        return b.write(story, path, subject=subject, progress=progress, lang=pdf_lang(code))


def pdf_lang(code: str) -> str:
    """The PDF's /Lang for a catalogue code: the pseudo-languages are English underneath."""
    return "en" if code.startswith("pseudo") else code


def write_report(
    workshop: Workshop,
    round_id: str,
    path: Path,
    options: ReportOptions,
    *,
    fonts: FontChain | None = None,
    progress: Progress | None = None,
) -> ExportResult:
    with using(workshop.framework.language) as code:
        return _write_report(workshop, round_id, path, options, fonts, progress, code)


def _write_report(
    workshop: Workshop,
    round_id: str,
    path: Path,
    options: ReportOptions,
    fonts: FontChain | None,
    progress: Progress | None,
    code: str,
) -> ExportResult:
    b = _builder(workshop, options, fonts)
    ctx = Context.of(workshop, round_id, options.names)
    story = _summary_story(b, ctx, _("Full report"), None)
    front = len(story)
    story += [PageBreak(), *charts(b, ctx), *comparison(b, ctx)]
    story += [PageBreak(), *b.heading(_("Cell by cell"))]
    for cell in ctx.framework.cells():
        story += cell_section(b, ctx, cell, options.answers, details=options.details)
    unsorted = ctx.round.cards_in(None)
    if unsorted:
        story += [CondPageBreak(120), *b.heading(_("Unsorted cards"))]
        story += [f for card in unsorted for f in card_flowables(b, ctx, card)]
    story = [*story[:front], *contents_page(b, story), *story[front:]]
    title = " · ".join(x for x in (_("Full report"), b.organisation, ctx.round.label) if x)
    subject = _("Full report of {round} of the workshop {title}").format(
        round=ctx.round.label, title=workshop.title
    )
    return b.write(
        story,
        path,
        subject=subject,
        progress=progress,
        keywords=_keywords(b, ctx),
        title=f"{title}: {workshop.title}" if workshop.title else title,
        lang=pdf_lang(code),
    )


def _keywords(b: PdfBuilder, ctx: Context) -> list[str]:
    # Translators: a keyword in the PDF's properties
    words = ["TrustBoard", _("trust workshop")]
    return [*words, ctx.framework.name, b.organisation, ctx.round.label]


def contents_page(b: PdfBuilder, story: list[Flowable]) -> list[Flowable]:
    """A page listing the report's sections, each linked to where it starts."""
    entries = outline_entries(story)
    lines: list[Flowable] = [ContentsLine(b, f.outline[0], f.outline_key) for f in entries]
    return [PageBreak(), *b.heading(_("Contents"), outline=False), *lines]


def charts(b: PdfBuilder, ctx: Context) -> list[Flowable]:
    fw = ctx.framework
    scale = fw.scale
    out = b.heading(_("Trend by element"))
    every = round_stats(ctx.workshop)
    trend = element_trend(ctx.workshop, every)
    rounds = [r.label for r in ctx.workshop.rounds]
    series = [
        Series(fw.element(eid).name, [p.value for p in points]) for eid, points in trend.items()
    ]
    theirs = [
        Series(e.name, [axis_medians(fw, st, "element", "as_is_customer")[e.id] for st in every])
        for e in fw.elements
    ]
    out += [
        b.text(_("Our view"), b.styles.cell_bold, space_after=2),
        TrendChart(b.engine, rounds, series, scale.minimum, scale.maximum),
        b.text(_("The customers' view"), b.styles.cell_bold, space_after=2),
        TrendChart(b.engine, rounds, theirs, scale.minimum, scale.maximum)
        if any(v is not None for s in theirs for v in s.values)
        else b.text(_("No customer ratings in any round yet."), b.styles.small, space_after=4),
        b.text(
            _(
                "Median as-is rating of each element's cells, round by round: ours above, "
                "the customers' below, with the same line for the same element."
            ),
            b.styles.small,
        ),
    ]
    span = scale.maximum - scale.minimum
    out += b.heading(_("Gap: to-be minus as-is"))
    bars = [
        Bar(ctx.cell_label(c), s.gap, GAP_COLOUR) for c, s in ctx.stats.items() if s.gap is not None
    ]
    note = _("How far the room wants each cell to move (our view).")
    out += [
        BarChart(b.engine, bars, min(0, *(x.value or 0 for x in bars)), span)
        if bars
        else b.text(_("No cell has both an as-is and a to-be rating yet."), b.styles.small),
        b.text(note, b.styles.small),
    ]
    out += [CondPageBreak(200), *b.heading(_("Perception gap: our view minus the customers'"))]
    bars = [
        Bar(
            ctx.cell_label(c),
            s.perception_gap,
            BLIND_SPOT if (s.perception_gap or 0) > 0 else HIDDEN_STRENGTH,
        )
        for c, s in ctx.stats.items()
        if s.perception_gap is not None
    ]
    out += [
        BarChart(b.engine, bars, -span, span)
        if bars
        else b.text(_("No cell has both our rating and the customers' yet."), b.styles.small),
        b.text(
            _(
                "Red: we think better of ourselves than customers do (a blind spot). "
                "Green: customers think better of us (a hidden strength)."
            ),
            b.styles.small,
        ),
    ]
    return out


def comparison(b: PdfBuilder, ctx: Context) -> list[Flowable]:
    out: list[Flowable] = [CondPageBreak(160), *b.heading(_("Compared with the previous round"))]
    if ctx.previous is None:
        return [
            *out,
            b.text(_("This is the first round: there is nothing to compare yet."), b.styles.small),
        ]
    fw = ctx.framework
    before = cell_stats(fw, ctx.previous)
    now_axis = axis_medians(fw, ctx.stats, "element")
    was_axis = axis_medians(fw, before, "element")
    was_label, now_label = shorten(ctx.previous.label, 40), shorten(ctx.round.label, 40)
    their_now = axis_medians(fw, ctx.stats, "element", "as_is_customer")
    their_was = axis_medians(fw, before, "element", "as_is_customer")
    head: list[object] = [
        _("Element"),
        was_label,
        now_label,
        pgettext("report table", "Change"),
        _("Customers then"),
        _("Customers now"),
    ]
    rows: list[list[object]] = [head]
    for e in fw.elements:
        now, was = now_axis[e.id], was_axis[e.id]
        rows.append(
            [
                e.name,
                fmt_score(was),
                fmt_score(now),
                fmt_signed(now - was if now is not None and was is not None else None),
                fmt_score(their_was[e.id]),
                fmt_score(their_now[e.id]),
            ]
        )
    out.append(b.table(rows, WIDTHS))
    out.append(
        b.text(
            _("{before} and {now}: as-is, our view; then the customers' view.").format(
                before=was_label, now=now_label
            ),
            b.styles.small,
        )
    )
    out.append(Spacer(1, 8))
    rows = [
        [
            _("Cell"),
            was_label,
            now_label,
            pgettext("report table", "Change"),
            _("Customers then"),
            _("Customers now"),
        ]
    ]
    moved = []
    for cell, st in ctx.stats.items():
        was = before[cell].as_is_self if cell in before else None
        if st.as_is_self is not None and was is not None and st.as_is_self != was:
            moved.append((abs(st.as_is_self - was), cell, was, st.as_is_self))
    moved.sort(key=lambda m: (-m[0], list(ctx.stats).index(m[1])))
    for _unused, cell, was, now in moved[:10]:
        then = before[cell].as_is_customer if cell in before else None
        rows.append(
            [
                ctx.cell_label(cell),
                fmt_score(was),
                fmt_score(now),
                fmt_signed(now - was),
                fmt_score(then),
                fmt_score(ctx.stats[cell].as_is_customer),
            ]
        )
    if moved:
        out += [
            b.text(_("Cells that moved most (as-is, our view)"), b.styles.h3, space_after=3),
            b.table(rows, WIDTHS),
        ]
    return out


def _rating_line(rating: Rating, label: str, details: bool = False) -> str | None:
    if not rating.scores:
        return None
    count = len(rating.scores)
    line = ngettext(
        "{label}: median {median} · spread {spread} · {n} score",
        "{label}: median {median} · spread {spread} · {n} scores",
        count,
    ).format(label=label, median=fmt_score(rating.median), spread=rating.spread, n=count)
    if details:
        line += " (" + ", ".join(str(s) for s in sorted(rating.scores)) + ")"
    return line


def cell_section(
    b: PdfBuilder, ctx: Context, cell: Cell, answers: bool, *, details: bool = False
) -> list[Flowable]:
    s = b.styles
    rnd = ctx.round
    out: list[Flowable] = [
        CondPageBreak(90),
        Spacer(1, 8),
        mark(b.text(ctx.cell_label(cell), s.h3, space_after=3), ctx.cell_label(cell), 1),
    ]
    lines = [
        _rating_line(rnd.rating(cell, layer, persp), label, details)
        for layer, persp, label in (
            (Layer.AS_IS, Perspective.SELF, _("As-is, our view")),
            (Layer.AS_IS, Perspective.CUSTOMER, _("As-is, customers")),
            (Layer.TO_BE, Perspective.SELF, _("To-be, our view")),
            (Layer.TO_BE, Perspective.CUSTOMER, _("To-be, customers")),
        )
    ]
    present = [line for line in lines if line]
    out.append(
        b.text(
            "\n".join(present) if present else _("Not rated in this round."),
            s.small,
            space_after=4,
        )
    )
    st = ctx.stats.get(cell)
    if st is not None and st.perception is not None:
        out.append(
            b.text(
                _("Perception: {reading} ({gap})").format(
                    reading=st.perception.label, gap=fmt_signed(st.perception_gap)
                ),
                s.small,
                space_after=4,
            )
        )
    for layer, title in ((Layer.AS_IS, pgettext("layer", "As-is")),
                         (Layer.TO_BE, pgettext("layer", "To-be"))):  # fmt: skip
        cards = rnd.cards_in(cell, layer)
        if not cards:
            continue
        count = ngettext("{n} card", "{n} cards", len(cards)).format(n=len(cards))
        out.append(b.text(f"{title} · {count}", s.cell_bold, space_after=3))
        kinds = [k.id for k in ctx.framework.card_kinds]
        cards.sort(
            key=lambda c: (kinds.index(c.kind) if c.kind in kinds else len(kinds), c.order, c.id)
        )
        for card in cards:
            out += card_flowables(b, ctx, card)
    questions = ctx.framework.questions_for(cell)
    if questions:
        out.append(b.text(_("Reflection questions"), s.cell_bold, space_after=3))
        listed: list[tuple[Question, Answer | None]]
        listed = [(q, rnd.answers.get((*cell, q.id))) for q in questions]
        # by default, and always for a long list: only the questions the room took up
        if not details or len(questions) > ALL_QUESTIONS_UP_TO:
            listed = [(q, a) for q, a in listed if a is not None and (a.done or a.text.strip())]
        for q, answer in listed:
            tick = "☑" if answer is not None and answer.done else "☐"
            out.append(b.text(f"{tick} {q.text}", s.cell, space_after=1))
            if answers and answer is not None and answer.text.strip():
                out.append(b.text(answer.text, s.body, bar="#c5cae9", space_after=4))
        if rest := len(questions) - len(listed):
            out.append(
                b.text(
                    ngettext(
                        "{n} more question not taken up in this round.",
                        "{n} more questions not taken up in this round.",
                        rest,
                    ).format(n=rest),
                    s.cell,
                    space_after=1,
                )
            )
    return out


def card_flowables(b: PdfBuilder, ctx: Context, card: Card) -> list[Flowable]:
    colour = ctx.kind_colour(card.kind)
    return [
        b.text(
            card.text or _("(empty card)"), b.styles.body, bar=colour, background=tint(colour, 0.82)
        ),
        b.text(sec.card_meta(ctx, card), b.scaled(sec.META), space_after=5),
    ]
