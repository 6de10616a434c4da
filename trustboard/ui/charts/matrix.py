"""The grid as a coloured matrix: the rating heatmap and the perception-gap matrix."""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QPainterPath, QPen
from PySide6.QtWidgets import QGraphicsPathItem, QGraphicsRectItem, QWidget

from trustboard.analytics.cells import PERCEPTION_STEP, Perception, cell_stats
from trustboard.domain.framework import Framework
from trustboard.domain.workshop import Layer, Perspective, Round, Workshop
from trustboard.i18n import N_, _, ngettext
from trustboard.ui.charts import style
from trustboard.ui.charts.base import (
    PERSPECTIVE_TEXT,
    Chart,
    category_ticks,
    font,
    set_axis_label,
    text_item,
)

NAN = float("nan")
PERCEPTION_NAMES = {
    Perception.BLIND_SPOT: N_("blind spot"),
    Perception.HIDDEN_STRENGTH: N_("hidden strength"),
    Perception.SHARED_VIEW: N_("shared view"),
}


def _lut(stops: Sequence[str]) -> np.ndarray:
    cmap = pg.ColorMap(np.linspace(0, 1, len(stops)), [QColor(s) for s in stops])
    return cmap.getLookupTable(nPts=256, alpha=False)


class MatrixChart(Chart):
    """Rows are elements, columns are domains, as on the board; a number in every cell."""

    stops: tuple[str, ...] = style.RDBU

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.plot = self.new_plot(2)
        self.plot.invertY(True)
        self.plot.showAxis("top")
        self.plot.hideAxis("bottom")
        self.plot.getAxis("left").setStyle(tickLength=0)
        self.plot.getAxis("top").setStyle(tickLength=0)
        self._empty = QGraphicsRectItem()
        # Hatched, not a flat grey: a flat grey reads as a middling score on a projector.
        self._empty.setBrush(QBrush(QColor(style.EMPTY_HATCH), Qt.BrushStyle.BDiagPattern))
        self._empty.setPen(QPen(QColor(0, 0, 0, 0)))
        self.plot.addItem(self._empty)
        self.image = pg.ImageItem(axisOrder="row-major")
        self.image.setLookupTable(_lut(self.stops))
        self.plot.addItem(self.image)
        self._grid = QGraphicsPathItem()
        pen = QPen(QColor(style.GRID_LINE), 5)
        pen.setCosmetic(True)
        self._grid.setPen(pen)
        self.plot.addItem(self._grid)
        self.values = np.zeros((0, 0))
        self.cell_text: dict[tuple[int, int], tuple[str, str]] = {}
        self._labels: list[pg.TextItem] = []
        self._captions: list[pg.TextItem] = []
        self._numbers: list[pg.TextItem] = []
        self.plot.vb.sigResized.connect(self._fit_labels)
        self.key_plot = self.new_plot(3)
        self.key_plot.setFixedHeight(96)
        key_left = self.key_plot.getAxis("left")
        key_left.setStyle(showValues=False, tickLength=0)
        key_left.setPen(pg.mkPen(None))
        self.key_plot.getAxis("bottom").setStyle(tickLength=0)
        self.key_image = pg.ImageItem(axisOrder="row-major")
        self.key_image.setLookupTable(_lut(self.stops))
        self.key_plot.addItem(self.key_image)

    def show_matrix(
        self,
        framework: Framework,
        values: np.ndarray,
        levels: tuple[float, float],
        texts: dict[tuple[int, int], tuple[str, str]],
    ) -> None:
        rows, cols = values.shape
        self.values = values
        self.cell_text = texts
        self.image.setImage(values, levels=levels, autoLevels=False)
        self.image.setRect(QRectF(0, 0, cols, rows))
        self._empty.setRect(QRectF(0, 0, cols, rows))
        path = QPainterPath()
        for c in range(1, cols):
            path.moveTo(c, 0)
            path.lineTo(c, rows)
        for r in range(1, rows):
            path.moveTo(0, r)
            path.lineTo(cols, r)
        self._grid.setPath(path)
        for item in self._labels:
            self.plot.removeItem(item)
        self._labels.clear()
        self._captions.clear()
        self._numbers.clear()
        lo, hi = levels
        for (r, c), (number, caption) in texts.items():
            value = values[r, c]
            if math.isnan(value):
                ink = style.MUTED
            else:
                ink = style.ink_on(style.blend((value - lo) / (hi - lo), self.stops))
            if not number:  # an empty cell: one caption in the middle, legible on the hatching
                note = text_item(caption, style.VALUE_CAPTION_PX, colour=style.INK, fill="w")
                note.setPos(c + 0.5, r + 0.5)
                self.plot.addItem(note)
                self._labels.append(note)
                continue
            big = text_item(number, style.VALUE_PX, colour=ink, anchor=(0.5, 0.85), bold=True)
            big.setPos(c + 0.5, r + 0.5)
            small = text_item(caption, style.VALUE_CAPTION_PX, colour=ink, anchor=(0.5, 0.0))
            small.setPos(c + 0.5, r + 0.55)
            for item in (big, small):
                self.plot.addItem(item)
                self._labels.append(item)
            self._captions.append(small)
            self._numbers.append(big)
        left, top = self.plot.getAxis("left"), self.plot.getAxis("top")
        category_ticks(left, [e.name for e in framework.elements], 0.5)
        category_ticks(top, [d.name for d in framework.active_domains], 0.5)
        set_axis_label(left, framework.element_label)
        set_axis_label(top, framework.domain_label)
        self.plot.setRange(xRange=(0, cols), yRange=(0, rows), padding=0)
        self._fit_labels()
        # Line the key up under the grid: give its left axis the row labels' width.
        self.key_plot.getAxis("left").setWidth(int(left.maximumWidth()))

    def _fit_labels(self) -> None:
        """In a small window the captions would overlap the numbers: keep just the numbers."""
        rows = max(1, self.values.shape[0])
        height = self.plot.vb.height() / rows
        roomy = height >= 1.5 * (style.VALUE_PX + style.VALUE_CAPTION_PX)
        for caption in self._captions:
            caption.setVisible(roomy)
        px = style.VALUE_PX if roomy or height >= 1.2 * style.VALUE_PX else style.VALUE_CAPTION_PX
        for number in self._numbers:
            number.setAnchor((0.5, 0.85) if roomy else (0.5, 0.5))
            number.setFont(font(px, bold=True))

    def show_key(self, steps: Sequence[float], labels: Sequence[str]) -> None:
        """The palette as a strip of swatches under the matrix, one per labelled step."""
        self.key_image.setImage(
            np.array([list(steps)], dtype=float), levels=(min(steps), max(steps))
        )
        self.key_image.setRect(QRectF(0, 0, len(steps), 1))
        category_ticks(self.key_plot.getAxis("bottom"), labels, 0.5)
        self.key_plot.setRange(xRange=(0, len(steps)), yRange=(0, 1), padding=0)


class HeatmapChart(MatrixChart):
    key = "heatmap"
    tab_title = N_("Heatmap")

    def update_chart(self, workshop: Workshop, rnd: Round, perspective: Perspective) -> None:
        fw = workshop.framework
        scale = fw.scale
        elements, domains = fw.elements, fw.active_domains
        values = np.full((len(elements), len(domains)), NAN)
        texts: dict[tuple[int, int], tuple[str, str]] = {}
        for r, e in enumerate(elements):
            for c, d in enumerate(domains):
                rating = rnd.rating((e.id, d.id), Layer.AS_IS, perspective)
                median = rating.median
                n = len(rating.scores)
                if median is None:
                    texts[(r, c)] = ("", _("no scores"))
                    continue
                values[r, c] = median
                word = scale.label(int(median)) if median == int(median) else ""
                count = ngettext("{n} score", "{n} scores", n).format(n=n)
                texts[(r, c)] = (style.fmt(median), f"{word} · {count}" if word else count)
        self.show_matrix(fw, values, (scale.minimum, scale.maximum), texts)
        steps = [s.value for s in scale.steps]
        if len(steps) <= 7:
            labels = [f"{s.value} {s.label}" for s in scale.steps]
        else:  # a 0–10 scale: name the ends, number the rest
            labels = [
                f"{s.value} {s.label}" if i in (0, len(steps) - 1) else str(s.value)
                for i, s in enumerate(scale.steps)
            ]
        self.show_key(steps, labels)
        self.set_title(
            _("Rating heatmap — {round}").format(round=rnd.label),
            _("As-is median per cell, {view}; hatched: nobody scored it").format(
                view=_(PERSPECTIVE_TEXT[perspective])
            ),
        )


class PerceptionChart(MatrixChart):
    """Our view minus the customers': red where we think better of ourselves (blind spot)."""

    key = "perception"
    tab_title = N_("Perception gap")
    stops = tuple(reversed(style.RDBU))

    def update_chart(self, workshop: Workshop, rnd: Round, perspective: Perspective) -> None:
        fw = workshop.framework
        stats = cell_stats(fw, rnd)
        elements, domains = fw.elements, fw.active_domains
        values = np.full((len(elements), len(domains)), NAN)
        texts: dict[tuple[int, int], tuple[str, str]] = {}
        for r, e in enumerate(elements):
            for c, d in enumerate(domains):
                s = stats[(e.id, d.id)]
                gap = s.perception_gap
                if gap is None or s.perception is None:
                    texts[(r, c)] = ("", _("needs both views"))
                    continue
                values[r, c] = gap
                texts[(r, c)] = (style.fmt(gap, signed=True), _(PERCEPTION_NAMES[s.perception]))
        # Colour saturates at two steps: gaps beyond that are rare and the number says it.
        reach = 2 * PERCEPTION_STEP
        self.show_matrix(fw, values, (-reach, reach), texts)
        self.show_key(
            [-reach, -PERCEPTION_STEP, 0, PERCEPTION_STEP, reach],
            [
                f"{style.fmt(-reach)} {_(PERCEPTION_NAMES[Perception.HIDDEN_STRENGTH])}",
                style.fmt(-PERCEPTION_STEP),
                f"0 {_(PERCEPTION_NAMES[Perception.SHARED_VIEW])}",
                style.fmt(PERCEPTION_STEP, signed=True),
                f"{style.fmt(reach, signed=True)} {_(PERCEPTION_NAMES[Perception.BLIND_SPOT])}",
            ],
        )
        self.set_title(
            _("Perception gap — {round}").format(round=rnd.label),
            _(
                "Our as-is median minus the customers’: blind spot = we rate ourselves higher, "
                "hidden strength = customers rate us higher"
            ),
        )
