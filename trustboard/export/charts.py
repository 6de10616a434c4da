"""Charts for the full report: bars and lines drawn with reportlab graphics, labels as text.

Shapes come from `reportlab.graphics`; every label goes through the text engine, so an
element named in Arabic or Japanese prints as well in a chart as in the tables.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from reportlab.graphics import renderPDF
from reportlab.graphics.shapes import Circle, Drawing, Group, Line, Polygon, PolyLine, Rect
from reportlab.lib.colors import HexColor
from reportlab.platypus import Flowable

from trustboard.export.context import GREY, number
from trustboard.export.pdf_builder import LINE
from trustboard.export.text import TextEngine, TextStyle

SERIES = ("#1a73e8", "#e8710a", "#188038", "#d93025", "#9334e6", "#12b5cb", "#f9ab00", "#5f6368")
# Each line of a trend chart has its own colour, dash and marker, and sits a little to the
# side of the others, so series with the same values stay visible and tell apart in grey.
DASHES: tuple[tuple[float, ...] | None, ...] = (
    None,
    (5, 2.5),
    (1.2, 2),
    (7, 2, 1.2, 2),
    (3, 3),
    (9, 3),
    (1.2, 1.2, 1.2, 4),
    (5, 1.5, 5, 4),
)
MARKERS = ("circle", "square", "triangle", "diamond", "down", "ring", "box", "cross")
LABEL = TextStyle(size=8.5)
TICK = TextStyle(size=7.5, colour=GREY, align="centre")


@dataclass(frozen=True)
class Bar:
    label: str
    value: float | None
    colour: str


class BarChart(Flowable):  # type: ignore[misc]
    """One horizontal bar per row; `low` below zero makes it diverge around a middle line."""

    ROW = 15.0

    def __init__(self, engine: TextEngine, bars: Sequence[Bar], low: float, high: float) -> None:
        super().__init__()
        self.engine = engine
        self.bars = list(bars)
        self.low, self.high = low, high

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        self.width = availWidth
        self.height = self.ROW * len(self.bars) + 22
        return self.width, self.height

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:  # noqa: N803
        """Many cells: the bars continue on the next page, each part with its own axis."""
        fit = int((availHeight - 22) // self.ROW)
        if fit < 3 or fit >= len(self.bars):
            return []
        head = BarChart(self.engine, self.bars[:fit], self.low, self.high)
        return [head, BarChart(self.engine, self.bars[fit:], self.low, self.high)]

    def draw(self) -> None:
        label_w = self.width * 0.38
        plot_x = label_w + 8
        plot_w = self.width - plot_x - 30
        span = self.high - self.low or 1.0

        def x_of(v: float) -> float:
            return plot_x + (v - self.low) / span * plot_w

        top = self.height
        drawing = Drawing(self.width, self.height)
        drawing.initialFontName = self.engine.chain.primary()  # no unembedded Helvetica
        for tick in range(int(self.low), int(self.high) + 1):
            x = x_of(tick)
            colour = HexColor(GREY if tick == 0 else LINE)
            drawing.add(Line(x, 14, x, top, strokeColor=colour, strokeWidth=0.5))
        for i, bar in enumerate(self.bars):
            y = top - (i + 1) * self.ROW
            if bar.value is not None:
                x0, x1 = sorted(
                    (x_of(0 if self.low < 0 <= self.high else self.low), x_of(bar.value))
                )
                drawing.add(
                    Rect(
                        x0,
                        y + 3,
                        max(x1 - x0, 0.8),
                        self.ROW - 6,
                        fillColor=HexColor(bar.colour),
                        strokeColor=None,
                    )
                )
        renderPDF.draw(drawing, self.canv, 0, 0)
        engine = self.engine
        for i, bar in enumerate(self.bars):
            baseline = top - (i + 1) * self.ROW + 4.5
            line = engine.single_line(bar.label, label_w, LABEL)
            engine.draw_line(
                self.canv, line, 0, baseline, label_w, TextStyle(size=8.5, align="end")
            )
            value = number(bar.value, signed=self.low < 0)
            text = engine.single_line(value, 28, TICK)
            engine.draw_line(self.canv, text, self.width - 28, baseline, 28, TICK)
        for tick in range(int(self.low), int(self.high) + 1):
            text = engine.single_line(
                f"{tick:+d}" if self.low < 0 and tick else str(tick), 20, TICK
            )
            engine.draw_line(self.canv, text, x_of(tick) - 10, 3, 20, TICK)


@dataclass(frozen=True)
class Series:
    label: str
    values: Sequence[float | None]


class TrendChart(Flowable):  # type: ignore[misc]
    """One line per element across the rounds, on the rating scale; legend on the right."""

    HEIGHT = 170.0

    def __init__(
        self,
        engine: TextEngine,
        rounds: Sequence[str],
        series: Sequence[Series],
        low: float,
        high: float,
    ) -> None:
        super().__init__()
        self.engine = engine
        self.rounds = list(rounds)
        self.series = list(series)
        self.low, self.high = low, high

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        self.width = availWidth
        legend = 14.0 * len(self.series) + 10
        self.height = max(self.HEIGHT, legend)
        return self.width, self.height

    def draw(self) -> None:
        legend_w = min(170.0, self.width * 0.3)
        plot_x, plot_y = 22.0, 26.0
        plot_w = self.width - legend_w - plot_x - 14
        plot_h = self.height - plot_y - 8
        span = self.high - self.low or 1.0
        n = len(self.rounds)

        def xy(i: int, v: float) -> tuple[float, float]:
            x = plot_x + (plot_w * (i + 0.5) / n)
            return x, plot_y + (v - self.low) / span * plot_h

        drawing = Drawing(self.width, self.height)
        drawing.initialFontName = self.engine.chain.primary()  # no unembedded Helvetica
        for step in range(int(self.low), int(self.high) + 1):
            y = xy(0, step)[1]
            drawing.add(
                Line(plot_x, y, plot_x + plot_w, y, strokeColor=HexColor(LINE), strokeWidth=0.5)
            )
        count = len(self.series)
        nudge = min(2.0, plot_w / max(n, 1) / max(count, 1) / 3)
        legend_x = self.width - legend_w
        for k, series in enumerate(self.series):
            colour = HexColor(SERIES[k % len(SERIES)])
            dash = DASHES[k % len(DASHES)]
            shift = (k - (count - 1) / 2) * nudge
            points = [
                (x + shift, y)
                for x, y in (xy(i, v) for i, v in enumerate(series.values) if v is not None)
            ]
            if len(points) > 1:
                flat = [c for p in points for c in p]
                drawing.add(
                    PolyLine(flat, strokeColor=colour, strokeWidth=1.4, strokeDashArray=dash)
                )
            for x, y in points:
                drawing.add(marker(MARKERS[k % len(MARKERS)], x, y, colour))
            y = self.height - 14 * (k + 1) + 4
            drawing.add(
                Line(
                    legend_x,
                    y,
                    legend_x + 16,
                    y,
                    strokeColor=colour,
                    strokeWidth=1.4,
                    strokeDashArray=dash,
                )
            )
            drawing.add(marker(MARKERS[k % len(MARKERS)], legend_x + 8, y, colour))
        renderPDF.draw(drawing, self.canv, 0, 0)
        engine, canv = self.engine, self.canv
        for step in range(int(self.low), int(self.high) + 1):
            y = xy(0, step)[1]
            engine.draw_line(canv, engine.single_line(str(step), 16, TICK), 0, y - 3, 16, TICK)
        column = plot_w / max(n, 1)
        for i, label in enumerate(self.rounds):
            x = xy(i, self.low)[0] - column / 2
            engine.draw_line(
                canv, engine.single_line(label, column - 4, TICK), x + 2, 10, column - 4, TICK
            )
        for k, series in enumerate(self.series):
            y = self.height - 14 * (k + 1)
            line = engine.single_line(series.label, legend_w - 22, LABEL)
            engine.draw_line(canv, line, legend_x + 20, y, legend_w - 22, LABEL)


def marker(shape: str, x: float, y: float, colour: object, r: float = 2.8) -> Group:
    """A small mark of `shape` centred on (x, y); ring, box and cross are drawn hollow."""
    solid = {"fillColor": colour, "strokeColor": colour, "strokeWidth": 0.6}
    hollow = {"fillColor": HexColor("#ffffff"), "strokeColor": colour, "strokeWidth": 1.1}
    group = Group()
    if shape == "circle":
        group.add(Circle(x, y, r, **solid))
    elif shape == "ring":
        group.add(Circle(x, y, r, **hollow))
    elif shape == "square":
        group.add(Rect(x - r * 0.85, y - r * 0.85, r * 1.7, r * 1.7, **solid))
    elif shape == "box":
        group.add(Rect(x - r * 0.85, y - r * 0.85, r * 1.7, r * 1.7, **hollow))
    elif shape == "triangle":
        group.add(Polygon([x - r, y - r * 0.8, x + r, y - r * 0.8, x, y + r * 1.1], **solid))
    elif shape == "down":
        group.add(Polygon([x - r, y + r * 0.8, x + r, y + r * 0.8, x, y - r * 1.1], **solid))
    elif shape == "diamond":
        group.add(Polygon([x - r, y, x, y + r * 1.2, x + r, y, x, y - r * 1.2], **solid))
    else:  # cross
        group.add(Line(x - r, y - r, x + r, y + r, strokeColor=colour, strokeWidth=1.2))
        group.add(Line(x - r, y + r, x + r, y - r, strokeColor=colour, strokeWidth=1.2))
    return group
