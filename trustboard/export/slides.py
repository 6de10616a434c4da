"""Slides for a steering-committee deck: one round of a workshop as a 16:9 .pptx. No Qt.

    from trustboard.export.slides import write_slides
    write_slides(workshop, workshop.current_round_id, Path("round.pptx"), SummaryOptions())

Eight slides: title; key numbers; the brief (findings worded plainly); the grid as a
heatmap; the perception gap; the trend over rounds; top priorities; actions. Tables and
charts are PowerPoint's own (editable, restylable), never pictures. Every run names a
Latin, an East Asian and a complex-script font from the same fallback families the PDF
uses, so Chinese, Japanese, Korean, Arabic and Hebrew render in PowerPoint and
LibreOffice alike.
"""

from __future__ import annotations

import io
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from pptx import Presentation
from pptx.chart.data import CategoryChartData
from pptx.dml.color import RGBColor
from pptx.enum.chart import XL_CHART_TYPE, XL_LEGEND_POSITION, XL_MARKER_STYLE
from pptx.enum.dml import MSO_LINE_DASH_STYLE
from pptx.enum.text import PP_ALIGN
from pptx.oxml.ns import qn
from pptx.presentation import Presentation as PresentationType
from pptx.slide import Slide
from pptx.table import Table, _Cell
from pptx.text.text import TextFrame
from pptx.util import Emu, Inches, Pt

from trustboard.analytics.cells import (
    CellStats,
    Perception,
    actions,
    largest_perception_gaps,
    round_stats,
    top_voted,
    trust_score,
)
from trustboard.analytics.findings import findings
from trustboard.domain.framework import Cell
from trustboard.domain.workshop import Card, Workshop, basis_text, median
from trustboard.export.context import Context, day_text, number, status_label, unit_suffix
from trustboard.export.discovery import CJK, SCRIPTS, TEXT, system_families
from trustboard.export.options import ExportError, ExportResult, SummaryOptions
from trustboard.export.text import clean
from trustboard.fsutil import atomic_write
from trustboard.i18n import _, ngettext, number_symbols, pgettext, using

WIDTH, HEIGHT = Inches(13.333), Inches(7.5)  # 16:9
MARGIN = Inches(0.5)
TOP = Inches(1.35)  # below the title
INK = "1F2328"
GREY = "5F6368"
UNRATED = "#f1f3f4"
# The board's colour ramp (light RdBu): low, middle, high, soft enough to read on.
RAMP = ("#f8c9b4", "#f7f7f7", "#b9d8ea")
CUSTOMER_COLOUR = "#c0692b"  # the customers' series: warm, beside the (usually cool) accent
PRIORITIES = 8
GRID_DOMAINS = 7  # per heatmap slide
GRID_ELEMENTS = 8
GAP_CELLS = 16  # bars per view in the perception gap chart
_CHART_SIZE = (Emu(WIDTH - 2 * MARGIN), Emu(HEIGHT - TOP - Inches(1.0)))
ACTIONS = 12
CARD_TEXT = 200
NAME_TEXT = 60
PEOPLE = 30  # names on the title slide; more are counted
PEOPLE_TEXT = 400  # characters of names on the title slide
BRIEF_STORY = 300  # characters of the story on the brief slide; all of it is in the notes
BRIEF_FINDINGS = 18


def _rgb(hex_colour: str) -> RGBColor:
    value = hex_colour.lstrip("#")
    return RGBColor(int(value[0:2], 16), int(value[2:4], 16), int(value[4:6], 16))  # type: ignore[no-untyped-call]


def rating_colour(value: float | None, low: int, high: int) -> str:
    """A cell's fill for a rating, the same ramp as the board and the PDF's heatmap."""
    if value is None:
        return UNRATED
    t = min(1.0, max(0.0, (value - low) / max(1, high - low)))
    a, c, f = (RAMP[0], RAMP[1], t * 2) if t < 0.5 else (RAMP[1], RAMP[2], (t - 0.5) * 2)
    start, end = (tuple(int(x[i : i + 2], 16) for i in (1, 3, 5)) for x in (a, c))
    pairs = zip(start, end, strict=True)
    return "#" + "".join(f"{round(x + (y - x) * f):02x}" for x, y in pairs)


def score(value: float | None) -> str:
    return number(value)


def change(now: float | None, was: float | None, margin: float | None = None) -> str:
    """The change since the last round; one inside a measure's margin of error says so,
    so noise is not read as a change."""
    if now is None or was is None:
        return "–"
    moved = round(now - was, 2)
    if margin is not None and abs(moved) <= margin:
        # Translators: a change inside a measure's margin of error: "+2 (within ±4.6)"
        return _("{change} (within ±{margin})").format(
            change=number(moved, signed=True), margin=number(round(margin, 1))
        )
    return number(moved, signed=True)


def shorten(text: str, limit: int) -> str:
    flat = " ".join(clean(text).split())
    return flat if len(flat) <= limit else flat[: limit - 1].rstrip() + "…"


# --- fonts -------------------------------------------------------------------------------

_HEBREW = ("Noto Sans Hebrew", "Arial Hebrew", "Tahoma", "Arial")
_ARABIC = ("Noto Sans Arabic", "Noto Naskh Arabic", "Tahoma", "Geeza Pro", "Arial")


@dataclass(frozen=True)
class Fonts:
    """The typefaces named on every run: the first installed of the PDF's fallback families,
    or a family every PowerPoint has when this computer has none of them."""

    latin: str
    east_asian: str
    hebrew: str
    arabic: str
    other: str  # complex scripts other than Hebrew and Arabic (Devanagari, Thai, …)

    @classmethod
    def installed(cls) -> Fonts:
        have = {f.name for f in system_families()}

        def first(names: Sequence[str], fallback: str) -> str:
            return next((n for n in names if n in have), fallback)

        return cls(
            latin=first(TEXT, "Arial"),
            east_asian=first(CJK, "Microsoft YaHei"),
            hebrew=first(_HEBREW, "Arial"),
            arabic=first(_ARABIC, "Arial"),
            other=first(SCRIPTS, "Nirmala UI"),
        )

    def complex_for(self, text: str) -> str:
        for ch in text:
            cp = ord(ch)
            if 0x0590 <= cp <= 0x05FF or 0xFB1D <= cp <= 0xFB4F:
                return self.hebrew
            if 0x0600 <= cp <= 0x08FF or 0xFB50 <= cp <= 0xFEFF:
                return self.arabic
            if 0x0900 <= cp <= 0x0E7F:
                return self.other
        return self.arabic


def _right_to_left(text: str) -> bool:
    """True when the first strongly directional character reads right to left."""
    for ch in text:
        kind = unicodedata.bidirectional(ch)
        if kind in ("R", "AL"):
            return True
        if kind == "L":
            return False
    return False


# --- text ----------------------------------------------------------------------------------


class Deck:
    """The presentation being built, with its accent, fonts and slide layouts."""

    def __init__(self, accent: str, fonts: Fonts, lang: str = "") -> None:
        self.prs: PresentationType = Presentation()
        self.prs.slide_width, self.prs.slide_height = WIDTH, HEIGHT
        self.accent = accent
        self.fonts = fonts
        self.lang = lang  # the language the deck's own texts are in ("de"), for spelling
        if lang:
            self.prs.core_properties.language = lang

    def write(
        self,
        frame: TextFrame,
        lines: Sequence[str],
        size: float,
        *,
        bold: bool = False,
        colour: str = INK,
        align: PP_ALIGN | None = None,
    ) -> None:
        """Replace the frame's text with `lines`, one paragraph each, fonts named on every run."""
        frame.word_wrap = True
        for i, line in enumerate(lines):
            para = frame.paragraphs[0] if i == 0 else frame.add_paragraph()  # type: ignore[no-untyped-call]
            text = clean(line).replace("\n", " ")
            para.text = ""
            run = para.add_run()
            run.text = text
            font = run.font
            font.size = Pt(size)
            font.bold = bold
            font.name = self.fonts.latin
            font.color.rgb = _rgb(colour)
            rpr = run._r.get_or_add_rPr()
            if self.lang:
                rpr.set("lang", self.lang)
            self.typefaces(rpr, text)
            if _right_to_left(text):
                para._p.get_or_add_pPr().set("rtl", "1")
                para.alignment = PP_ALIGN.RIGHT if align is None else align
            elif align is not None:
                para.alignment = align

    def typefaces(self, rpr: Any, text: str) -> None:
        """Name the East Asian and complex-script fonts on a run's (or a chart's) properties,
        after its Latin one, where the file format wants them."""
        for tag, face in (("a:ea", self.fonts.east_asian), ("a:cs", self.fonts.complex_for(text))):
            node = rpr.find(qn(tag))
            if node is None:
                node = rpr.makeelement(qn(tag), {})
                rpr.append(node)
            node.set("typeface", face)

    def chart_fonts(self, chart: Any, size: float, text: str) -> None:
        """Every label of a chart in the deck's fonts; `text` is the labels, for the script."""
        chart.font.size, chart.font.name = Pt(size), self.fonts.latin
        self.typefaces(chart.font._rPr, text)

    def slide(self, title: str) -> Slide:
        """A "title only" slide, its title in the accent colour along the top."""
        slide: Slide = self.prs.slides.add_slide(self.prs.slide_layouts[5])
        shape = slide.shapes.title
        assert shape is not None
        shape.left, shape.top = MARGIN, Inches(0.35)
        shape.width, shape.height = Emu(WIDTH - 2 * MARGIN), Inches(0.85)
        self.write(
            shape.text_frame, [title], 30, bold=True, colour=self.accent, align=PP_ALIGN.LEFT
        )
        return slide

    def note(self, slide: Slide, text: str, top: int, height: int = Inches(0.6)) -> None:
        box = slide.shapes.add_textbox(MARGIN, Emu(top), Emu(WIDTH - 2 * MARGIN), Emu(height))
        self.write(box.text_frame, [text], 13, colour=GREY)

    def table(
        self,
        slide: Slide,
        rows: Sequence[Sequence[str]],
        widths: Sequence[float],
        *,
        top: int = TOP,
        size: float = 14,
        height: int | None = None,
    ) -> Table:
        """A native table; the first row is the header, in the accent colour."""
        width = WIDTH - 2 * MARGIN
        row_height = Inches(0.4)
        shape = slide.shapes.add_table(
            len(rows),
            len(widths),
            MARGIN,
            Emu(top),
            Emu(width),
            Emu(height or row_height * len(rows)),
        )
        table = shape.table
        total = sum(widths)
        for i, w in enumerate(widths):
            table.columns[i].width = Emu(int(width * w / total))
        for r, row in enumerate(rows):
            table.rows[r].height = row_height
            for c, text in enumerate(row):
                cell = table.cell(r, c)
                head = r == 0
                self.write(
                    cell.text_frame,
                    text.split("\n"),
                    size,
                    bold=head,
                    colour="FFFFFF" if head else INK,
                )
                self.fill(cell, self.accent if head else ("#ffffff" if r % 2 else "#f6f8fa"))
        return table

    @staticmethod
    def fill(cell: _Cell, colour: str) -> None:
        cell.fill.solid()  # type: ignore[no-untyped-call]
        cell.fill.fore_color.rgb = _rgb(colour)

    def save(self) -> bytes:
        out = io.BytesIO()
        self.prs.save(out)
        return out.getvalue()


# --- the slides ----------------------------------------------------------------------------


@dataclass(frozen=True)
class _Round(Context):
    """The PDF's view of one round, with every round's cell statistics (for the trend) and
    the organisation the title names."""

    all_stats: list[dict[Cell, CellStats]] = field(default_factory=list)
    organisation: str = ""

    def cell_label(self, cell: Cell | None, limit: int = NAME_TEXT) -> str:
        return clean(super().cell_label(cell, limit))  # no control characters in a deck


def customer_score(stats: dict[Cell, CellStats]) -> float | None:
    """The customers' counterpart of `trust_score`: the median of the cells' customer medians."""
    return median([s.as_is_customer for s in stats.values() if s.as_is_customer is not None])


def _title(deck: Deck, ctx: _Round) -> None:
    slide = deck.prs.slides.add_slide(deck.prs.slide_layouts[0])
    title, subtitle = slide.shapes.title, slide.placeholders[1]
    assert title is not None
    title.left, title.top, title.width, title.height = (
        MARGIN,
        Inches(1.6),
        WIDTH - 2 * MARGIN,
        Inches(1.6),
    )
    deck.write(
        title.text_frame, [ctx.workshop.title or _("Workshop")], 40, bold=True, colour=deck.accent
    )
    subtitle.left, subtitle.top = MARGIN, Inches(3.5)
    subtitle.width, subtitle.height = WIDTH - 2 * MARGIN, Inches(3.2)
    ws, rnd = ctx.workshop, ctx.round
    day = rnd.date or ws.date
    lines = [x for x in (ctx.organisation,) if x]
    lines.append(f"{rnd.label} · {day_text(day) if day else _('no date')}")
    count = len(ws.participants)
    people = ngettext("{n} participant", "{n} participants", count).format(n=count)
    if ctx.names and ws.participants:
        names: list[str] = []
        for p in ws.participants[:PEOPLE]:  # as many as fit a few lines of the slide
            if names and sum(len(n) + 2 for n in names) + len(p) > PEOPLE_TEXT:
                break
            names.append(shorten(p, NAME_TEXT))
        rest = count - len(names)
        more = (
            ngettext(" and {n} more", " and {n} more", rest).format(n=rest)
            if count > len(names)
            else ""
        )
        # Translators: "8 participants: Ana, Ben and 6 more"
        people = _("{count}: {names}").format(count=people, names=", ".join(names) + more)
    lines.append(people)
    if ctx.names and ws.facilitator:
        lines.append(_("Facilitated by {name}").format(name=shorten(ws.facilitator, NAME_TEXT)))
    deck.write(subtitle.text_frame, lines, 20, colour=GREY)


def _key_numbers(deck: Deck, ctx: _Round) -> None:
    slide = deck.slide(_("Key numbers"))
    if ctx.round.notes.strip():  # the facilitator's story of the session, to speak from
        frame = slide.notes_slide.notes_text_frame
        assert frame is not None
        deck.write(frame, clean(ctx.round.notes).split("\n"), 12)
    before = ctx.all_stats[ctx.workshop.rounds.index(ctx.previous)] if ctx.previous else None
    prev = shorten(ctx.previous.label, 30) if ctx.previous else _("Previous round")
    ours, theirs = trust_score(ctx.stats), customer_score(ctx.stats)
    rated_by_customers = sum(1 for s in ctx.stats.values() if s.as_is_customer is not None)
    rows: list[list[str]] = [
        [_("Measure"), _("This round"), prev, pgettext("report table", "Change"), _("Based on")]
    ]
    rated = sum(1 for s in ctx.stats.values() if s.as_is_self is not None)
    rows.append(
        [
            _("Trust score, our view (median as-is rating)"),
            score(ours),
            score(trust_score(before) if before else None),
            change(ours, trust_score(before) if before else None),
            ngettext("{n} rated cell", "{n} rated cells", rated).format(n=rated),
        ]
    )
    rows.append(
        [
            _("Trust score, customers' view (median as-is rating)"),
            score(theirs),
            score(customer_score(before) if before else None),
            change(theirs, customer_score(before) if before else None),
            ngettext(
                "{n} cell rated by customers", "{n} cells rated by customers", rated_by_customers
            ).format(n=rated_by_customers)
            if rated_by_customers
            else _("no customer ratings"),
        ]
    )
    for kpi in ctx.workshop.kpi_defs:
        now = ctx.round.kpis.get(kpi.id)
        was = ctx.previous.kpis.get(kpi.id) if ctx.previous else None
        if now is None and was is None:
            continue
        unit = unit_suffix(kpi.unit)
        basis = ctx.round.kpi_basis.get(kpi.id)
        decimal = number_symbols()[0]
        rows.append(
            [
                shorten(kpi.name, 80),
                "–" if now is None else number(now) + unit,
                "–" if was is None else number(was) + unit,
                change(now, was, basis.margin if basis is not None else None),
                basis_text(basis, decimal=decimal) if basis is not None else _("typed in"),
            ]
        )
    cards = len(ctx.round.cards)
    rows.append(
        [
            _("Cards on the board"),
            str(cards),
            str(len(ctx.previous.cards)) if ctx.previous else "–",
            change(cards, len(ctx.previous.cards) if ctx.previous else None),
            "",
        ]
    )
    size = 16 if len(rows) <= 9 else 12
    deck.table(slide, rows, [4.6, 1.4, 1.4, 2.0, 2.2], size=size)
    scale = ctx.framework.scale
    deck.note(
        slide,
        _(
            "Ratings are medians on the {low}–{high} scale. “n” is how many answers a "
            "measure was computed from; ± its 95 % margin of error."
        ).format(low=scale.minimum, high=scale.maximum),
        HEIGHT - Inches(0.9),
    )


def _brief(deck: Deck, ctx: _Round) -> None:
    """The findings worded plainly, each saying whose view and how many gave it; the
    facilitator's story (shortened) above them."""
    # Translators: the slide with the findings for the sponsor
    slide = deck.slide(_("Brief"))
    brief = findings(ctx.workshop, ctx.round.id, names=ctx.names)
    top = int(TOP)
    story = " ".join(brief.notes.split())
    if story:
        deck.note(slide, shorten(story, BRIEF_STORY), top, Inches(0.8))
        top += int(Inches(0.85))
    lines = [f"• {shorten(f.text, CARD_TEXT)}" for f in brief.findings[:BRIEF_FINDINGS]]
    if not lines:
        lines = [_("No ratings or measures in this round yet.")]
    box = slide.shapes.add_textbox(
        MARGIN, Emu(top), Emu(WIDTH - 2 * MARGIN), Emu(HEIGHT - top - Inches(0.3))
    )
    deck.write(box.text_frame, lines, 14 if len(lines) <= 8 else 12 if len(lines) <= 14 else 10)


def _chunks(count: int, most: int) -> list[range]:
    """`range(count)` in even parts of at most `most`."""
    parts = max(1, -(-count // most))
    per = -(-count // parts) if count else 0
    return [range(i * per, min(count, (i + 1) * per)) for i in range(parts)]


def _heatmap(deck: Deck, ctx: _Round) -> None:
    """The grid; a large one on several slides of at most GRID_DOMAINS × GRID_ELEMENTS
    cells, each with its element and domain names, so no cell gets too small to read."""
    fw = ctx.framework
    elements, domains = fw.elements, fw.active_domains
    row_parts, col_parts = (
        _chunks(len(elements), GRID_ELEMENTS),
        _chunks(len(domains), GRID_DOMAINS),
    )
    scale = fw.scale
    for rows_part in row_parts:
        for cols_part in col_parts:
            title = _("The grid")
            if len(row_parts) > 1 or len(col_parts) > 1:
                title += " " + _(
                    "({rows} {first_row}–{last_row}, {columns} {first}–{last})"
                ).format(
                    rows=shorten(fw.element_label, 20),
                    first_row=rows_part.start + 1,
                    last_row=rows_part.stop,
                    columns=shorten(fw.domain_label, 20),
                    first=cols_part.start + 1,
                    last=cols_part.stop,
                )
            slide = deck.slide(title)
            part_domains = [domains[i] for i in cols_part]
            part_elements = [elements[i] for i in rows_part]
            head = [shorten(fw.element_label, 30)]
            head += [shorten(d.name, NAME_TEXT) for d in part_domains]
            rows: list[list[str]] = [head]
            for e in part_elements:
                row = [shorten(e.name, NAME_TEXT)]
                for d in part_domains:
                    s = ctx.stats[(e.id, d.id)]
                    text = score(s.as_is_self)
                    if s.as_is_customer is not None:
                        text += "\n" + _("customers {score}").format(score=score(s.as_is_customer))
                    row.append(text)
                rows.append(row)
            wide = len(part_domains) > 5 or len(part_elements) > 6
            avail = HEIGHT - TOP - Inches(1.0)
            widths = [2.2] + [1.6] * len(part_domains)
            table = deck.table(slide, rows, widths, size=12 if wide else 16, height=avail)
            for r in range(1, len(rows)):
                table.rows[r].height = Emu(int((avail - Inches(0.4)) / max(1, len(rows) - 1)))
            for r, e in enumerate(part_elements, start=1):
                for c, d in enumerate(part_domains, start=1):
                    value = ctx.stats[(e.id, d.id)].as_is_self
                    deck.fill(table.cell(r, c), rating_colour(value, scale.minimum, scale.maximum))
            deck.note(
                slide,
                _(
                    "Each cell: our as-is rating (median, {low}–{high}); “customers” is how "
                    "customers rate us today. Colour follows our rating, warm (low) to cool "
                    "(high), as on the board."
                ).format(low=scale.minimum, high=scale.maximum),
                HEIGHT - Inches(0.9),
            )


def _gap(deck: Deck, ctx: _Round) -> None:
    slide = deck.slide(_("Perception gap: our view and the customers'"))
    cells = [
        s for s in ctx.stats.values() if s.as_is_self is not None or s.as_is_customer is not None
    ]
    if not any(s.as_is_customer is not None for s in cells):
        deck.note(
            slide, _("Customers gave no ratings in this round, so there is no gap to show."), TOP
        )
        return
    total = len(cells)
    blind = sum(1 for s in cells if s.perception == Perception.BLIND_SPOT)
    hidden = sum(1 for s in cells if s.perception == Perception.HIDDEN_STRENGTH)
    if total > GAP_CELLS:  # a readable chart: the cells where the views differ most
        widest = {s.cell for s in largest_perception_gaps(ctx.stats, GAP_CELLS)}
        cells = [s for s in cells if s.cell in widest]
    data = CategoryChartData()  # type: ignore[no-untyped-call]
    data.categories = [ctx.cell_label(s.cell) for s in cells]
    data.add_series(_("Our view"), [s.as_is_self for s in cells])  # type: ignore[no-untyped-call]
    data.add_series(_("Customers' view"), [s.as_is_customer for s in cells])  # type: ignore[no-untyped-call]
    chart = _chart(slide, XL_CHART_TYPE.BAR_CLUSTERED, data)
    for series, colour in zip(chart.series, (deck.accent, CUSTOMER_COLOUR), strict=True):
        series.format.fill.solid()
        series.format.fill.fore_color.rgb = _rgb(colour)
    scale = ctx.framework.scale
    axis = chart.value_axis
    axis.minimum_scale, axis.maximum_scale = scale.minimum, scale.maximum
    chart.category_axis.reverse_order = True  # board order, top to bottom
    plot = chart.plots[0]
    plot.has_data_labels = True  # the median at the end of each bar, readable when printed
    plot.data_labels.number_format, plot.data_labels.number_format_is_linked = "General", False
    labels = " ".join(ctx.cell_label(s.cell) for s in cells)
    deck.chart_fonts(chart, 11 if len(cells) > 16 else 13, labels)
    deck.note(
        slide,
        ngettext(
            "{n} blind spot (we rate ourselves a step or more above our customers)",
            "{n} blind spots (we rate ourselves a step or more above our customers)",
            blind,
        ).format(n=blind)
        + " "
        + ngettext(
            "and {n} hidden strength (customers rate us a step or more higher).",
            "and {n} hidden strengths (customers rate us a step or more higher).",
            hidden,
        ).format(n=hidden)
        + " "
        + _("Medians of the as-is ratings.")
        + (
            " "
            + ngettext(
                "Shown: the {n} of {total} cells where the views differ most.",
                "Shown: the {n} of {total} cells where the views differ most.",
                total,
            ).format(n=len(cells), total=total)
            if total > len(cells)
            else ""
        ),
        HEIGHT - Inches(0.9),
    )


def _chart(slide: Slide, kind: Any, data: CategoryChartData) -> Any:
    """A native chart filling the slide below its title, its legend on top."""
    frame = slide.shapes.add_chart(kind, MARGIN, TOP, *_CHART_SIZE, data)  # type: ignore[arg-type]
    chart = frame.chart  # type: ignore[attr-defined]
    chart.has_legend = True
    chart.legend.position = XL_LEGEND_POSITION.TOP
    chart.legend.include_in_layout = False
    return chart


def _trend(deck: Deck, ctx: _Round) -> None:
    slide = deck.slide(_("Trend over rounds"))
    rounds = ctx.workshop.rounds
    ours = [trust_score(s) for s in ctx.all_stats]
    theirs = [customer_score(s) for s in ctx.all_stats]
    data = CategoryChartData()  # type: ignore[no-untyped-call]
    data.categories = [shorten(r.label, 40) for r in rounds]
    data.add_series(_("Our view"), ours)  # type: ignore[no-untyped-call]
    if any(v is not None for v in theirs):
        data.add_series(_("Customers' view"), theirs)  # type: ignore[no-untyped-call]
    chart = _chart(slide, XL_CHART_TYPE.LINE_MARKERS, data)
    # Where the two views coincide the customers' thinner dashed line and small squares
    # sit on top of our wide line and large circles, so both stay visible.
    styles = (
        (deck.accent, XL_MARKER_STYLE.CIRCLE, 14, 4.5, MSO_LINE_DASH_STYLE.SOLID),
        (CUSTOMER_COLOUR, XL_MARKER_STYLE.SQUARE, 8, 2.25, MSO_LINE_DASH_STYLE.DASH),
    )
    for series, (colour, marker, size, width, dash) in zip(chart.series, styles, strict=False):
        series.smooth = False
        series.format.line.color.rgb = _rgb(colour)
        series.format.line.width = Pt(width)
        series.format.line.dash_style = dash
        series.marker.style = marker
        series.marker.size = size
        series.marker.format.fill.solid()
        series.marker.format.fill.fore_color.rgb = _rgb(colour)
    scale = ctx.framework.scale
    axis = chart.value_axis
    axis.minimum_scale, axis.maximum_scale = scale.minimum, scale.maximum
    deck.chart_fonts(chart, 13, " ".join(r.label for r in rounds))
    text = _("Median as-is rating over every cell, per round.")
    if len(rounds) < 2:
        text = _("Only one round so far: the trend starts with the next round.") + " " + text
    deck.note(slide, text, HEIGHT - Inches(0.9))


def _priorities(deck: Deck, ctx: _Round) -> None:
    slide = deck.slide(_("Top priorities"))
    cards: list[Card] = top_voted(ctx.round, PRIORITIES)
    if not cards:
        deck.note(slide, _("No votes were cast in this round."), TOP)
        return
    rows = [[_("Votes"), _("Card"), _("Cell")]]
    rows += [[str(c.votes), shorten(c.text, CARD_TEXT), ctx.cell_label(c.cell)] for c in cards]
    deck.table(slide, rows, [1.25, 7.15, 3.6], size=14 if len(rows) <= 7 else 12)


def _actions(deck: Deck, ctx: _Round) -> None:
    slide = deck.slide(_("Actions"))
    found = actions(ctx.round)
    if not found:
        deck.note(slide, _("No actions were agreed in this round."), TOP)
        return
    shown = found[:ACTIONS]
    head = [_("Action"), _("Owner"), _("Due"), _("Status")]
    if not ctx.names:
        del head[1]
    rows = [head]
    for card in shown:
        assert card.action is not None
        row = [shorten(card.text, CARD_TEXT)]
        if ctx.names:
            row.append(shorten(card.action.owner, NAME_TEXT) or "–")
        due = card.action.due
        row += [day_text(due), status_label(card.action.status)]
        rows.append(row)
    widths = [7.4, 2.2, 1.5, 1.2] if ctx.names else [9.6, 1.5, 1.2]
    deck.table(slide, rows, widths, size=13 if len(rows) <= 8 else 11)
    notes = []
    if len(found) > len(shown):
        rest = len(found) - len(shown)
        notes.append(
            ngettext(
                "… and {n} more action in the workshop file.",
                "… and {n} more actions in the workshop file.",
                rest,
            ).format(n=rest)
        )
    if not ctx.names:
        notes.append(_("Owners' names are left out of this copy."))
    if notes:
        deck.note(slide, " ".join(notes), HEIGHT - Inches(0.8))


def write_slides(
    workshop: Workshop,
    round_id: str,
    path: Path,
    options: SummaryOptions,
    *,
    fonts: Fonts | None = None,
) -> ExportResult:
    """Write one round's slides to `path` (replaced atomically); pages is the slide count.

    A .pptx cannot carry the PDF's password protection: asked for one, nothing is written
    rather than a readable deck the user believes is locked.
    """
    with using(workshop.framework.language) as code:
        return _write_slides(workshop, round_id, path, options, fonts, code)


def deck_lang(code: str) -> str:
    """The language tag of the deck's texts: the pseudo-languages are English underneath."""
    return "en" if code.startswith("pseudo") else code


def _write_slides(
    workshop: Workshop,
    round_id: str,
    path: Path,
    options: SummaryOptions,
    fonts: Fonts | None,
    code: str,
) -> ExportResult:
    if options.password:
        raise ExportError(
            _(
                "Slides cannot be protected with a password, so {name} was not written. "
                "Export without a password, or choose a PDF to protect it."
            ).format(name=Path(path).name)
        )
    ctx = replace(
        _Round.of(workshop, round_id, options.names),
        all_stats=round_stats(workshop),
        organisation=shorten(options.organisation or workshop.organisation, 120),
    )
    deck = Deck(options.accent, fonts or Fonts.installed(), lang=deck_lang(code))
    for build in (_title, _key_numbers, _brief, _heatmap, _gap, _trend, _priorities, _actions):
        build(deck, ctx)
    data = deck.save()
    target = Path(path)
    try:
        atomic_write(target, data)
    except OSError as exc:
        raise ExportError(
            _(
                "Could not write the slides to {path}: {reason}. Choose a folder you can write to."
            ).format(path=target, reason=exc.strerror or exc)
        ) from None
    return ExportResult(target, len(deck.prs.slides), len(data))
