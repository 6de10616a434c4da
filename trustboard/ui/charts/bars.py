"""Horizontal bar charts of one round: the gap to the target, the spread, the weakest leg.

Bars run sideways so element and domain names, however long, sit on the left as they do
on the board.
"""

from __future__ import annotations

import math

import numpy as np
import pyqtgraph as pg
from PySide6.QtGui import QPen
from PySide6.QtWidgets import QWidget

from trustboard.analytics.cells import cell_stats, weakest_driver
from trustboard.analytics.spread import cell_spread
from trustboard.domain.framework import Cell
from trustboard.domain.workshop import Layer, Perspective, Round, Workshop
from trustboard.i18n import N_, _, ngettext
from trustboard.ui.charts import style
from trustboard.ui.charts.base import (
    PERSPECTIVE_TEXT,
    Chart,
    category_ticks,
    legend,
    set_axis_label,
    text_item,
)

GROUP = 0.8  # share of a row the bars of one group fill


def set_bars(
    item: pg.BarGraphItem,
    *,
    x0: np.ndarray,
    y: np.ndarray,
    width: np.ndarray,
    brushes: list[str],
    pens: list[QPen],
    **opts: object,
) -> None:
    """Bars with a brush and pen each; no bars at all when there are none to draw.

    pyqtgraph's BarGraphItem cannot take an empty list of pens (0.14 raises
    UnboundLocalError), and every new workshop has a round with nothing to draw, so an
    empty chart gets one shared pen and brush instead of empty lists.
    """
    if len(y):
        item.setOpts(x0=x0, y=y, width=width, brushes=brushes, pens=pens, **opts)
    else:
        empty = np.zeros(0)
        item.setOpts(
            x0=empty, y=empty, width=empty, brushes=None, pens=None,
            brush=style.CALM, pen=pg.mkPen(style.INK), **opts,
        )  # fmt: skip


class _BarChart(Chart):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.plot = self.new_plot(3)
        self.plot.invertY(True)
        self.plot.showGrid(x=True, y=False, alpha=0.25)
        self._labels: list[pg.GraphicsObject] = []
        self._legend: pg.LegendItem | None = None

    def _clear(self) -> None:
        for item in self._labels:
            self.plot.removeItem(item)
        self._labels.clear()
        if self._legend is not None:
            self.ci.removeItem(self._legend)
            self._legend = None

    def _add(self, item: pg.GraphicsObject) -> None:
        self.plot.addItem(item)
        self._labels.append(item)

    def _label(self, x: float, y: float, text: str, *, right: bool, bold: bool = False) -> None:
        """A value printed just past the end of its bar."""
        item = text_item(text, style.BAR_LABEL_PX, anchor=(1.0 if right else 0.0, 0.5), bold=bold)
        item.setPos(x, y)
        self._add(item)

    def _note(self, text: str) -> None:
        item = text_item(text, style.AXIS_LABEL_PX, colour=style.MUTED)
        item.setPos(0.5, 0.5)
        self.plot.addItem(item, ignoreBounds=True)
        self._labels.append(item)
        self.plot.setRange(xRange=(0, 1), yRange=(0, 1), padding=0)


class GapChart(_BarChart):
    """To-be minus as-is per cell: how far the room wants to move, grouped by element."""

    key = "gap"
    tab_title = N_("Gap")

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.bars: dict[str, pg.BarGraphItem] = {}  # domain id -> its bars
        self.gaps: dict[Cell, float] = {}
        set_axis_label(self.plot.getAxis("bottom"), _("To-be minus as-is (scale steps)"))
        self.plot.addItem(pg.InfiniteLine(0, angle=90, pen=pg.mkPen(style.INK, width=2)))

    def update_chart(self, workshop: Workshop, rnd: Round, perspective: Perspective) -> None:
        self._clear()
        for bar in self.bars.values():
            self.plot.removeItem(bar)
        self.bars.clear()
        fw = workshop.framework
        stats = cell_stats(fw, rnd)
        elements, domains = fw.elements, fw.active_domains
        self.gaps = {}
        for cell, s in stats.items():
            if perspective == Perspective.SELF:
                now, target = s.as_is_self, s.to_be_self
            else:
                now, target = s.as_is_customer, s.to_be_customer
            if now is not None and target is not None:
                self.gaps[cell] = target - now
        height = GROUP / len(domains)
        entries = []
        for j, d in enumerate(domains):
            ys, widths = [], []
            for i, e in enumerate(elements):
                gap = self.gaps.get((e.id, d.id))
                if gap is None:
                    continue
                y = i + (j - (len(domains) - 1) / 2) * height
                ys.append(y)
                widths.append(gap)
                # Name the domain at the bar: a zero gap has no bar, and colour alone is not
                # enough for everyone in the room.
                text = f"{d.name} {style.fmt(gap, signed=True)}"
                self._label(gap + (0.05 if gap >= 0 else -0.05), y, text, right=gap < 0)
            bar = pg.BarGraphItem(
                x0=np.zeros(len(ys)),
                y=np.array(ys, dtype=float),
                height=height * 0.9,
                width=np.array(widths, dtype=float),
                brush=style.colour(j),
                pen=pg.mkPen(style.INK, width=1),
            )
            self.plot.addItem(bar)
            self.bars[d.id] = bar
            entries.append((d.name, bar))
        self._legend = legend(self, 2, entries, len(entries))
        left = self.plot.getAxis("left")
        category_ticks(left, [e.name for e in elements])
        set_axis_label(left, fw.element_label)
        scope = _(PERSPECTIVE_TEXT[perspective])
        self.set_title(
            _("Gap to the target — {round}").format(round=rnd.label),
            _(
                "To-be median minus as-is median per cell, {view}; longer bars = further to go"
            ).format(view=scope),
        )
        if not self.gaps:
            self._note(_("No cell has both an as-is and a to-be score yet"))
            return
        lo = math.floor(min(0.0, *self.gaps.values()))
        hi = math.ceil(max(1.0, *self.gaps.values()))
        bottom = self.plot.getAxis("bottom")
        bottom.setTicks([[(v, style.fmt(v, signed=True)) for v in range(lo, hi + 1)], []])
        room = (hi - lo) * 0.5  # for the labels at the bar ends
        self.plot.setRange(
            xRange=(lo - (room if lo < 0 else 0.1), hi + room),
            yRange=(-0.5, len(elements) - 0.5),
            padding=0,
        )


class SpreadChart(_BarChart):
    """How far apart the room's scores are in each cell: range, middle half and median."""

    key = "spread"
    tab_title = N_("Spread")

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ranges = pg.BarGraphItem(x0=[], y=[], height=0.14, width=[])
        self.boxes = pg.BarGraphItem(x0=[], y=[], height=0.55, width=[])
        self.medians = pg.ScatterPlotItem(
            symbol="|", size=38, pen=pg.mkPen(style.INK, width=4), brush=style.INK
        )
        for item in (self.ranges, self.boxes, self.medians):
            self.plot.addItem(item)
        self.cells: list[Cell] = []
        self.contested: list[Cell] = []
        set_axis_label(self.plot.getAxis("bottom"), _("Score"))

    def update_chart(self, workshop: Workshop, rnd: Round, perspective: Perspective) -> None:
        self._clear()
        fw = workshop.framework
        scale = fw.scale
        spreads = cell_spread(fw, rnd, Layer.AS_IS, perspective)
        self.cells = list(spreads)
        self.contested = [c for c, s in spreads.items() if s.contested(scale)]
        scored = [(i, s) for i, s in enumerate(spreads.values()) if s.n]
        brushes = [
            style.HIGHLIGHT if s.contested(scale) else style.CALM for _cell, s in scored
        ]  # fmt: skip
        ys = np.array([i for i, _ in scored], dtype=float)
        low = np.array([s.low for _cell, s in scored], dtype=float)
        set_bars(
            self.ranges,
            x0=low,
            y=ys,
            width=np.array([s.range for _cell, s in scored], dtype=float),
            brushes=brushes,
            pens=[pg.mkPen(b) for b in brushes],
        )
        q1 = np.array([s.q1 for _cell, s in scored], dtype=float)
        q3 = np.array([s.q3 for _cell, s in scored], dtype=float)
        # A box of zero width (everyone agreed) would vanish: keep a sliver.
        set_bars(
            self.boxes,
            x0=np.minimum(q1, q3 - 0.04),
            y=ys,
            width=np.maximum(q3 - q1, 0.08),
            brushes=brushes,
            pens=[pg.mkPen(style.INK, width=1) for _bar in scored],
        )
        # The median tick fills most of a row: shorter when many cells share the height.
        tick = 38 if len(self.cells) <= 12 else max(16, 38 * 12 // len(self.cells))
        self.medians.setData(
            x=np.array([s.median for _cell, s in scored], dtype=float), y=ys, size=tick
        )
        right = scale.maximum + 0.6
        for i, s in enumerate(spreads.values()):
            if not s.n:
                self._label(right, i, _("no scores"), right=False)
                continue
            text = ngettext("range {range} · {n} score", "range {range} · {n} scores", s.n).format(
                range=s.range, n=s.n
            )
            self._label(right, i, text, right=False, bold=s.contested(scale))
        left = self.plot.getAxis("left")
        category_ticks(
            left, [f"{fw.element(c[0]).name} · {fw.domain(c[1]).name}" for c in self.cells]
        )
        set_axis_label(left, f"{fw.element_label} · {fw.domain_label}")
        bottom = self.plot.getAxis("bottom")
        bottom.setTicks([[(s.value, str(s.value)) for s in scale.steps], []])
        contested = pg.BarGraphItem(x0=[0], y=[0], height=1, width=1, brush=style.HIGHLIGHT)
        calm = pg.BarGraphItem(x0=[0], y=[0], height=1, width=1, brush=style.CALM)
        self._legend = legend(
            self,
            2,
            [
                (
                    _("Contested: range ≥ {spread}, discuss first").format(
                        spread=scale.disagreement_spread
                    ),
                    contested,
                ),
                (_("The room broadly agrees"), calm),
            ],
            2,
        )
        self.set_title(
            _("Spread per cell — {round}").format(round=rnd.label),
            _(
                "As-is scores, {view}: thin bar lowest to highest, "
                "box the middle half, black line the median"
            ).format(view=_(PERSPECTIVE_TEXT[perspective])),
        )
        self.plot.setRange(
            xRange=(scale.minimum - 0.3, scale.maximum + 3.2),
            yRange=(-0.6, max(len(self.cells), 1) - 0.4),
            padding=0,
        )


class WeakestLegChart(_BarChart):
    """Per column, every row's as-is median; the lowest (the leg that tips the stool) stands out."""

    key = "weakest"
    tab_title = N_("Weakest leg")

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.bars = pg.BarGraphItem(x0=[], y=[], height=0.2, width=[])
        self.plot.addItem(self.bars)
        self.weakest: dict[str, str | None] = {}
        self.values: dict[Cell, float] = {}

    def update_chart(self, workshop: Workshop, rnd: Round, perspective: Perspective) -> None:
        self._clear()
        fw = workshop.framework
        stats = cell_stats(fw, rnd)
        self.weakest = weakest_driver(fw, stats)
        elements, domains = fw.elements, fw.active_domains
        height = GROUP / len(elements)
        ys, widths, brushes, pens = [], [], [], []
        self.values = {}
        for i, d in enumerate(domains):
            for j, e in enumerate(elements):
                value = stats[(e.id, d.id)].as_is_self
                if value is None:
                    continue
                self.values[(e.id, d.id)] = value
                y = i + (j - (len(elements) - 1) / 2) * height
                weakest = self.weakest.get(d.id) == e.id
                ys.append(y)
                widths.append(value)
                brushes.append(style.HIGHLIGHT if weakest else style.BACKGROUND_BAR)
                pens.append(pg.mkPen(style.INK, width=3 if weakest else 1))
                text = f"{e.name} {style.fmt(value)}"
                if weakest:
                    text = _("{bar}  ◀ weakest leg").format(bar=text)
                self._label(value + 0.08, y, text, right=False, bold=weakest)
        set_bars(
            self.bars,
            x0=np.zeros(len(ys)),
            y=np.array(ys, dtype=float),
            width=np.array(widths, dtype=float),
            height=height * 0.85,
            brushes=brushes,
            pens=pens,
        )
        left = self.plot.getAxis("left")
        category_ticks(left, [d.name for d in domains])
        set_axis_label(left, fw.domain_label)
        bottom = self.plot.getAxis("bottom")
        bottom.setTicks([[(s.value, f"{s.value}") for s in fw.scale.steps], []])
        set_axis_label(bottom, _("As-is median (our view)"))
        self.set_title(
            _("Weakest leg — {round}").format(round=rnd.label),
            _(
                "Per {column}, the lowest-rated {row} decides: a stool falls when one leg breaks"
            ).format(column=fw.domain_label.lower(), row=fw.element_label.lower()),
        )
        if not self.values:
            self._note(_("Nothing scored yet"))
            return
        self.plot.setRange(
            xRange=(0, fw.scale.maximum + 2.6),
            yRange=(-0.5, len(domains) - 0.5),
            padding=0,
        )
