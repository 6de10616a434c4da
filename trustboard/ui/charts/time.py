"""Charts across rounds: each element's trend, and the business KPIs against the trust score."""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QLocale, Qt
from PySide6.QtWidgets import QWidget

from trustboard.analytics.cells import element_trend, round_stats
from trustboard.analytics.rounds import KpiTrack, round_series
from trustboard.domain.workshop import Perspective, Round, Workshop
from trustboard.i18n import N_, _, ngettext
from trustboard.ui.charts import style
from trustboard.ui.charts.base import (
    Chart,
    category_ticks,
    fit_text,
    legend,
    rich,
    set_axis_label,
    style_axis,
    text_item,
)

NAN = float("nan")
# Panel titles must fit half a projector's width: short names for the standard KPIs.
SHORT_NAMES = {
    "retention": N_("Customer retention"),
    "clv": N_("Customer lifetime value"),
    "nps": N_("Net promoter score"),
    "trust-yes": N_("“Do you trust us?” — yes"),
}
TITLE_CHARS = 34
HEADROOM = 0.2
LABEL_FILL = (255, 255, 255, 215)  # value labels stay legible where a line runs behind them
TRUST_PEN = pg.mkPen(style.INK, width=3, style=Qt.PenStyle.DashLine)
DASHES = (Qt.PenStyle.SolidLine, Qt.PenStyle.DashLine)


def _xy(values: tuple[float | None, ...] | list[float | None]) -> tuple[np.ndarray, np.ndarray]:
    """Rounds and values, NaN where a round has none; empty when none has (pyqtgraph warns
    about an all-NaN series, and the test suite turns warnings into errors)."""
    y = _array(values)
    if np.isnan(y).all():
        return np.array([]), np.array([])
    return np.arange(len(y), dtype=float), y


def _array(values: tuple[float | None, ...] | list[float | None]) -> np.ndarray:
    return np.array([NAN if v is None else v for v in values], dtype=float)


def _round_axis(
    plot: pg.PlotItem, labels: tuple[str, ...], viewed: int, most: int = 12, margin: float = 0.6
) -> None:
    """Rounds along the bottom; with more than `most`, every k-th is named (always the last)."""
    bottom = plot.getAxis("bottom")
    step = max(1, -(-len(labels) // most))
    last = len(labels) - 1
    category_ticks(bottom, [t if (last - i) % step == 0 else "" for i, t in enumerate(labels)])
    set_axis_label(bottom, _("Round"))
    # Margin each side, so the first and last round labels are not cut (pyqtgraph drops them).
    plot.setXRange(-margin, max(len(labels) - 1, 1) + margin, padding=0)
    if 0 <= viewed < len(labels):
        plot.addItem(viewed_marker(viewed))


def viewed_marker(x: float) -> pg.InfiniteLine:
    """A broad pale band at the round on the board, behind the data."""
    line = pg.InfiniteLine(x, angle=90, pen=pg.mkPen("#9a9a9a", width=10))
    line.setOpacity(0.35)
    line.setZValue(-10)
    return line


class TrendChart(Chart):
    """Each element's as-is median (our view), round after round, plus the trust score."""

    key = "trend"
    tab_title = N_("Trend")

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._legend: pg.LegendItem | None = None
        self.plot: pg.PlotItem | None = None
        self.curves: dict[str, pg.PlotDataItem] = {}  # element id -> its line
        self.trust_curve: pg.PlotDataItem | None = None

    def update_chart(self, workshop: Workshop, rnd: Round, perspective: Perspective) -> None:
        # Rebuilt whole: the number of lines follows the framework and it is cheap.
        if self.plot is not None:
            self.ci.removeItem(self.plot)
        if self._legend is not None:
            self.ci.removeItem(self._legend)
        fw = workshop.framework
        scale = fw.scale
        stats = round_stats(workshop)
        trend = element_trend(workshop, stats)
        series = round_series(workshop, stats)
        plot = self.plot = self.new_plot(3)
        self.curves.clear()
        entries = []
        for i, e in enumerate(fw.elements):
            x, y = _xy([p.value for p in trend[e.id]])
            # Medians often coincide: earlier lines are drawn wider and later ones on top,
            # so two lines on the same values show as a stripe of both colours.
            width = max(3, 9 - 2 * i)
            curve = plot.plot(
                x,
                y,
                pen=pg.mkPen(style.colour(i), width=width, style=DASHES[i % 2]),
                symbol=style.symbol(i),
                symbolSize=max(14, 28 - 4 * i),
                symbolBrush=style.colour(i),
                symbolPen=pg.mkPen("w", width=1.5),
                connect="finite",
            )
            self.curves[e.id] = curve
            entries.append((e.name, curve))
        self.trust_curve = plot.plot(
            *_xy(series.trust), pen=TRUST_PEN, symbol="x", symbolSize=16,
            symbolBrush=style.INK, symbolPen=pg.mkPen(style.INK), connect="finite",
        )  # fmt: skip
        entries.append((_("Trust score (all cells)"), self.trust_curve))
        self._legend = legend(self, 2, entries, min(len(entries), 5))
        _round_axis(plot, series.labels, workshop.rounds.index(rnd))
        left = plot.getAxis("left")
        left.setTicks([[(s.value, f"{s.value} {s.label}") for s in scale.steps], []])
        fit_text(left, [f"{s.value} {s.label}" for s in scale.steps])
        set_axis_label(left, _("As-is median (our view)"))
        plot.setYRange(scale.minimum - 0.2, scale.maximum + 0.2, padding=0)
        plot.showGrid(y=True, alpha=0.25)
        self.set_title(
            _("Trend per element"),
            ngettext(
                "{n} round; the shaded line is the round on the board",
                "{n} rounds; the shaded line is the round on the board",
                len(workshop.rounds),
            ).format(n=len(workshop.rounds)),
        )


class KpiChart(Chart):
    """One small plot per KPI with values: the KPI (left axis) and the trust score (right)."""

    key = "kpis"
    tab_title = N_("KPIs")

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._items: list[pg.GraphicsObject] = []
        self.kpi_curves: dict[str, pg.PlotDataItem] = {}
        self.trust_curves: dict[str, pg.PlotDataItem] = {}
        self._trust_views: list[pg.ViewBox] = []
        self.note_text = ""  # shown instead of panels when no KPI has a value

    def _clear(self) -> None:
        for item in self._items:
            self.ci.removeItem(item)
        for view in self._trust_views:
            if view.scene() is not None:
                view.scene().removeItem(view)
        self._items.clear()
        self._trust_views.clear()
        self.kpi_curves.clear()
        self.trust_curves.clear()

    def update_chart(self, workshop: Workshop, rnd: Round, perspective: Perspective) -> None:
        self._clear()
        series = round_series(workshop)
        tracks = [t for t in series.kpis if t.has_values]
        scale = workshop.framework.scale
        viewed = workshop.rounds.index(rnd)
        self.set_title(
            _("KPIs against the trust score"),
            _(
                "Solid: the KPI (left axis); dashed black: trust score, the median of all cells "
                "(right axis, {low}–{high})"
            ).format(low=scale.minimum, high=scale.maximum),
        )
        self.note_text = ""
        if not tracks:
            self.note_text = _("No KPI values yet: enter them in the KPI panel, round by round.")
            note = pg.LabelItem(
                self.note_text,
                size=f"{style.AXIS_LABEL_PX}px",
                color=style.MUTED,
            )
            self.ci.addItem(note, row=2, col=0)
            self._items.append(note)
            return
        columns = 1 if len(tracks) == 1 else 2
        grid = pg.GraphicsLayout()
        grid.setSpacing(24)
        for col in range(columns):
            grid.layout.setColumnStretchFactor(col, 1)
        self.ci.addItem(grid, row=2, col=0)
        self._items.append(grid)
        plots = []
        for n, track in enumerate(tracks):
            plot = self._panel(
                grid, n // columns, n % columns, track, series.labels, series.trust,
                scale.minimum, scale.maximum, columns,
            )  # fmt: skip
            view = self._trust_panel(plot, track.kpi.id, series.trust, scale.minimum, scale.maximum)
            # The band goes in the lowest view, behind the trust line too.
            view.addItem(viewed_marker(viewed))
            plots.append(plot)
        # Equal panels whatever their titles: the widest one's minimum for every column.
        widest = max(p.effectiveSizeHint(Qt.SizeHint.MinimumSize).width() for p in plots)
        for col in range(columns):
            grid.layout.setColumnMinimumWidth(col, widest)

    def _panel(
        self,
        grid: pg.GraphicsLayout,
        row: int,
        col: int,
        track: KpiTrack,
        labels: tuple[str, ...],
        trust: tuple[float | None, ...],
        scale_lo: int,
        scale_hi: int,
        columns: int,
    ) -> pg.PlotItem:
        plot = grid.addPlot(row=row, col=col)
        plot.setMenuEnabled(False)
        plot.hideButtons()
        plot.setMouseEnabled(x=False, y=False)
        for name in ("left", "bottom", "right"):
            style_axis(plot.getAxis(name))
        kpi = track.kpi
        unit = f" ({kpi.unit})" if kpi.unit else ""
        name = _(SHORT_NAMES[kpi.id]) if kpi.id in SHORT_NAMES else kpi.name
        if len(name) > TITLE_CHARS:
            name = name[: TITLE_CHARS - 1].rstrip() + "…"
        plot.setTitle(
            rich(f"{name}{unit}"),
            size=f"{style.AXIS_LABEL_PX}px",
            color=style.INK,
            bold=True,
        )
        x = np.arange(len(labels), dtype=float)
        y = _array(track.values)
        curve = plot.plot(
            x, y, pen=pg.mkPen(style.CALM, width=5), symbol="o", symbolSize=16,
            symbolBrush=style.CALM, symbolPen=pg.mkPen("w", width=1.5), connect="finite",
        )  # fmt: skip
        self.kpi_curves[kpi.id] = curve
        lo, hi = kpi_range(kpi.minimum, kpi.maximum, [v for v in track.values if v is not None])
        hi += (hi - lo) * HEADROOM  # room for the value labels above the points
        plot.setYRange(lo, hi, padding=0)
        t_lo, t_hi = trust_range(scale_lo, scale_hi)
        for xi, value, score in zip(x, track.values, trust, strict=True):
            if value is None:
                continue
            # Above the point, unless the trust marker sits just there: then below it.
            above = (value - lo) / (hi - lo)
            marker = (score - t_lo) / (t_hi - t_lo) if score is not None else -1.0
            anchor = (0.5, -0.25) if 0 <= marker - above <= 0.22 else (0.5, 1.25)
            text = number(value) + ("%" if kpi.unit == "%" else "")
            label = text_item(text, style.BAR_LABEL_PX, colour=style.CALM, anchor=anchor,
                              bold=True, fill=LABEL_FILL)  # fmt: skip
            label.setPos(xi, value)
            plot.addItem(label)
        _round_axis(plot, labels, -1, most=4 if columns > 1 else 8, margin=0.8)
        # The bottom axis label says how closely the KPI has followed the trust score.
        r = track.against(trust)
        bottom = plot.getAxis("bottom")
        if r is None:
            bottom.showLabel(False)
        else:
            correlation = f"{r:+.2f}".replace("-", "−").replace(".", QLocale().decimalPoint())
            set_axis_label(bottom, _("r = {r} with the trust score").format(r=correlation))
        # Translators: the axis of a KPI without a unit.
        set_axis_label(plot.getAxis("left"), kpi.unit or _("value"))
        return plot

    def _trust_panel(
        self, plot: pg.PlotItem, kpi_id: str, trust: tuple[float | None, ...], lo: int, hi: int
    ) -> pg.ViewBox:
        """The trust score on a second y axis at the right, sharing the rounds axis."""
        view = pg.ViewBox(enableMouse=False)
        view.enableAutoRange(enable=False)  # it must not drag the shared rounds axis along
        plot.showAxis("right")
        right = plot.getAxis("right")
        right.linkToView(view)
        right.setTicks([[(v, str(v)) for v in range(lo, hi + 1)], []])
        set_axis_label(right, _("Trust score"))
        view.setXLink(plot.vb)
        plot.scene().addItem(view)
        view.setZValue(plot.vb.zValue() - 1)  # under the KPI line and its value labels
        curve = pg.PlotDataItem(
            *_xy(trust), pen=TRUST_PEN, symbol="s",
            symbolSize=12, symbolBrush=style.INK, symbolPen=pg.mkPen(style.INK),
            connect="finite",
        )  # fmt: skip
        view.addItem(curve)
        view.setYRange(*trust_range(lo, hi), padding=0)
        view.setXRange(*plot.vb.viewRange()[0], padding=0)

        def follow() -> None:
            view.setGeometry(plot.vb.sceneBoundingRect())
            view.linkedViewChanged(plot.vb, view.XAxis)

        plot.vb.sigResized.connect(follow)
        follow()
        self.trust_curves[kpi_id] = curve
        self._trust_views.append(view)
        return view


def number(value: float) -> str:
    """A KPI value for a label: thousands separated, at most one decimal."""
    locale = QLocale()
    text = locale.toString(float(value), "f", 1)
    if text.endswith(locale.decimalPoint() + "0"):
        text = text[: -1 - len(locale.decimalPoint())]
    return text.replace("-", "−")


def kpi_range(
    minimum: float | None, maximum: float | None, values: list[float]
) -> tuple[float, float]:
    """A y range around the values (changes of a few points matter), inside the KPI's bounds."""
    lo, hi = min(values), max(values)
    pad = max((hi - lo) * 0.3, abs(hi) * 0.05, abs(lo) * 0.05, 1.0)
    lo, hi = lo - pad, hi + pad
    if minimum is not None:
        lo = max(lo, minimum)
    if maximum is not None:
        hi = min(hi, maximum)
    if not hi > lo:  # bounds that leave no room (min = max in an edited file): open it up
        lo, hi = lo - 1.0, hi + 1.0
    return lo, hi


def trust_range(lo: int, hi: int) -> tuple[float, float]:
    """The trust axis: the whole scale, with the same headroom as the KPI axis."""
    return lo - 0.2, hi + 0.2 + (hi - lo) * HEADROOM
