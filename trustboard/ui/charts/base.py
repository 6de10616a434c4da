"""What every chart shares: a white page, a title, large labelled axes, no accidental zooming.

Imports pyqtgraph, so only the chart modules import this, and only when a chart is shown.
"""

from __future__ import annotations

from collections.abc import Sequence

import pyqtgraph as pg
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import QWidget

from trustboard.domain.workshop import Perspective, Round, Workshop
from trustboard.i18n import N_, _
from trustboard.ui.charts import style
from trustboard.ui.text import html_text

PERSPECTIVE_TEXT = {Perspective.SELF: N_("our view"), Perspective.CUSTOMER: N_("customers’ view")}


def font(px: int, *, bold: bool = False) -> QFont:
    f = QFont()
    f.setPixelSize(px)
    f.setBold(bold)
    return f


def rich(text: str) -> str:
    """pyqtgraph labels render HTML: what people typed must show as typed."""
    return html_text(text)


def text_item(
    text: str,
    px: int,
    *,
    colour: str = style.INK,
    anchor: tuple[float, float] = (0.5, 0.5),
    bold: bool = False,
    fill: str | tuple[int, int, int, int] | None = None,
) -> pg.TextItem:
    """Plain text in pixels, whatever the zoom (TextItem ignores the view's scaling)."""
    item = pg.TextItem(text, color=colour, anchor=anchor, fill=fill)
    item.setFont(font(px, bold=bold))
    return item


class Chart(pg.GraphicsLayoutWidget):
    """A chart page: a title row, then whatever plots the subclass lays out below."""

    key = ""
    tab_title = ""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setBackground("w")
        self.setAccessibleName(_(self.tab_title) if self.tab_title else "")
        self.ci.setContentsMargins(18, 12, 30, 18)
        self.ci.setSpacing(10)
        self.title = pg.LabelItem("", size=f"{style.TITLE_PX}px", color=style.INK, bold=True)
        self.ci.addItem(self.title, row=0, col=0)
        self.subtitle = pg.LabelItem("", size=f"{style.TICK_PX}px", color=style.MUTED)
        self.ci.addItem(self.subtitle, row=1, col=0)
        self.summary = ""  # one plain sentence of what the chart shows, for screen readers

    def set_title(self, title: str, subtitle: str = "") -> None:
        self.title.setText(rich(title))
        self.subtitle.setText(rich(subtitle))
        self.summary = f"{title}. {subtitle}".strip(". ")
        self.setAccessibleDescription(self.summary)

    def update_chart(self, workshop: Workshop, rnd: Round, perspective: Perspective) -> None:
        raise NotImplementedError

    # -- building blocks -------------------------------------------------------------

    def new_plot(self, row: int, col: int = 0, *, colspan: int = 1) -> pg.PlotItem:
        plot = self.ci.addPlot(row=row, col=col, colspan=colspan)
        plot.setMenuEnabled(False)
        plot.hideButtons()
        plot.setMouseEnabled(x=False, y=False)
        plot.vb.setDefaultPadding(0.02)
        for name in ("left", "bottom", "right", "top"):
            style_axis(plot.getAxis(name))
        return plot


def style_axis(axis: pg.AxisItem, label: str = "") -> None:
    axis.setPen(pg.mkPen(style.INK, width=2))
    axis.setTextPen(pg.mkPen(style.INK))
    axis.setTickFont(font(style.TICK_PX))
    axis.setStyle(tickTextOffset=8, tickLength=-8)
    fit_text(axis, ["−10.5"])
    if label:
        set_axis_label(axis, label)


def set_axis_label(axis: pg.AxisItem, label: str) -> None:
    axis.setLabel(
        rich(label),
        **{"font-size": f"{style.AXIS_LABEL_PX}px", "color": style.INK, "font-weight": "bold"},
    )


def category_ticks(axis: pg.AxisItem, names: Sequence[str], offset: float = 0.0) -> None:
    """One tick per category at 0, 1, 2, ... (+ offset), labelled with its name."""
    axis.setTicks([[(i + offset, name) for i, name in enumerate(names)], []])
    fit_text(axis, names)


def fit_text(axis: pg.AxisItem, samples: Sequence[str]) -> None:
    """Reserve room for the widest tick label now, so the first paint is already right.

    (pyqtgraph otherwise grows the axis after a paint, and a first frame or a PNG
    export shows clipped labels.)
    """
    metrics = QFontMetrics(font(style.TICK_PX))
    if axis.orientation in ("left", "right"):
        widest = max((metrics.horizontalAdvance(s) for s in samples), default=0)
        axis.setStyle(autoExpandTextSpace=False, tickTextWidth=widest + 4)
    else:
        axis.setStyle(autoExpandTextSpace=False, tickTextHeight=metrics.height() + 2)


def legend(
    chart: Chart, row: int, entries: Sequence[tuple[str, pg.GraphicsObject]], columns: int
) -> pg.LegendItem:
    """A legend in its own row of the layout, so it never covers the data."""
    item = pg.LegendItem(
        labelTextSize=f"{style.LEGEND_PX}px",
        labelTextColor=style.INK,
        colCount=max(1, columns),
        horSpacing=14,
        frame=False,
    )
    for name, sample in entries:
        item.addItem(sample, rich(name))
    chart.ci.addItem(item, row=row, col=0)
    return item
