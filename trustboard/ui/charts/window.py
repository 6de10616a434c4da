"""The charts window: a tab per chart, built when first shown, redrawn as the workshop changes.

Nothing here imports pyqtgraph at module level: a chart's module (and pyqtgraph with it)
is imported the first time its tab is shown, so opening the app never pays for it.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QEvent, Qt, QTimer
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QMessageBox,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from trustboard.document import Change
from trustboard.domain.framework import Framework
from trustboard.export.filenames import safe_file_name
from trustboard.i18n import N_, _
from trustboard.ui.screen_fit import open_size
from trustboard.ui.session import Session
from trustboard.ui.text import BODY_PX, HEADING_PX, literal_text, set_pixel_size

if TYPE_CHECKING:
    from trustboard.ui.charts.base import Chart


@dataclass(frozen=True)
class ChartSpec:
    key: str
    title: str
    module: str  # under trustboard.ui.charts
    cls: str
    tip: str


CHARTS = (
    ChartSpec("heatmap", N_("Heatmap"), "matrix", "HeatmapChart", N_("As-is median per cell")),
    ChartSpec("gap", N_("Gap"), "bars", "GapChart", N_("To-be minus as-is per cell")),
    ChartSpec("perception", N_("Perception gap"), "matrix", "PerceptionChart",
              N_("Our view minus the customers': blind spots and hidden strengths")),
    ChartSpec("weakest", N_("Weakest leg"), "bars", "WeakestLegChart",
              N_("Per column, the lowest-rated row: the leg that tips the stool")),
    ChartSpec("spread", N_("Spread"), "bars", "SpreadChart",
              N_("How far apart the scores are per cell; contested cells first to discuss")),
    ChartSpec("trend", N_("Trend"), "time", "TrendChart", N_("Each element across the rounds")),
    ChartSpec("kpis", N_("KPIs"), "time", "KpiChart", N_("Business KPIs against the trust score")),
)  # fmt: skip


def _load(module: str) -> ModuleType:
    """The chart module, imported on first use; spelt out so installers see the imports."""
    if module == "matrix":
        from trustboard.ui.charts import matrix

        return matrix
    if module == "bars":
        from trustboard.ui.charts import bars

        return bars
    from trustboard.ui.charts import time

    return time


# What the charts draw from: scores, KPIs, the rounds, the grid, custom KPI definitions.
CHARTED = frozenset({"rating", "kpi", "rounds", "framework", "details"})


def specs_for(framework: Framework) -> list[ChartSpec]:
    """The weakest-leg view only where the framework lets the weakest row decide."""
    return [s for s in CHARTS if s.key != "weakest" or framework.weakest_decides]


class ChartsWindow(QWidget):
    """All charts of the open workshop; follows `session.changed` and the round on the board."""

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.setObjectName("chartsWindow")
        self.setWindowTitle(_("Charts"))
        self.setAccessibleName(self.windowTitle())
        self.charts: dict[str, Chart] = {}
        self._stale: set[str] = set()
        self._specs: list[ChartSpec] = []
        self._pages: dict[str, QWidget] = {}
        self._page_layouts: dict[str, QVBoxLayout] = {}
        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("chartTabs")
        self.tabs.setDocumentMode(True)
        set_pixel_size(self.tabs.tabBar(), HEADING_PX, bold=True)
        self.export_button = QPushButton(_("Export PNG…"))
        self.export_button.setObjectName("exportChart")
        self.export_button.setToolTip(_("Save the chart on show as a PNG picture"))
        set_pixel_size(self.export_button, BODY_PX)
        self.export_button.clicked.connect(self._export_dialog)
        bar = QHBoxLayout()
        bar.addStretch(1)
        bar.addWidget(self.export_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addLayout(bar)
        layout.addWidget(self.tabs, 1)
        # Many changes arrive at once (an import, an undo of a macro): redraw once after them.
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self.refresh)
        self._build_tabs()
        self.tabs.currentChanged.connect(lambda _i: self.refresh())
        session.changed.connect(self._on_changed)
        session.view_changed.connect(self._mark_all_stale)
        session.viewed_round_changed.connect(self._mark_all_stale)
        open_size(self, 1280, 800)

    # -- tabs ------------------------------------------------------------------------

    def _build_tabs(self) -> None:
        self.tabs.blockSignals(True)
        current = self.current_key()
        while self.tabs.count():
            self.tabs.removeTab(0)
        for page in self._pages.values():
            page.deleteLater()
        self._pages.clear()
        self._page_layouts.clear()
        self.charts.clear()
        self._specs = specs_for(self.session.framework)
        for spec in self._specs:
            page = QWidget()
            page.setObjectName(f"chartPage_{spec.key}")
            page_layout = QVBoxLayout(page)
            page_layout.setContentsMargins(0, 0, 0, 0)
            self._pages[spec.key] = page
            self._page_layouts[spec.key] = page_layout
            index = self.tabs.addTab(page, _(spec.title))
            self.tabs.setTabToolTip(index, _(spec.tip))
        keys = [s.key for s in self._specs]
        if current in keys:
            self.tabs.setCurrentIndex(keys.index(current))
        self.tabs.blockSignals(False)
        self._stale = set(keys)

    @property
    def keys(self) -> list[str]:
        return [s.key for s in self._specs]

    def current_key(self) -> str:
        i = self.tabs.currentIndex()
        return self._specs[i].key if 0 <= i < len(self._specs) else ""

    def show_chart(self, key: str) -> Chart:
        """Bring a chart's tab to the front (building and drawing it) and return the chart."""
        self.tabs.setCurrentIndex(self.keys.index(key))
        return self.chart(key)

    def chart(self, key: str) -> Chart:
        """The chart for `key`, built on first use and brought up to date."""
        chart = self.charts.get(key)
        if chart is None:
            spec = next(s for s in self._specs if s.key == key)
            chart = getattr(_load(spec.module), spec.cls)()
            chart.setObjectName(f"chart_{key}")
            self._page_layouts[key].addWidget(chart)
            chart.show()  # now, not when the layout's queued show arrives
            self.charts[key] = chart
            self._stale.add(key)
        if key in self._stale:
            s = self.session
            chart.update_chart(s.workshop, s.round, s.perspective)
            self._stale.discard(key)
        return chart

    # -- following the workshop ------------------------------------------------------

    @property
    def pending(self) -> bool:
        """True while a redraw is scheduled but not done."""
        return self._timer.isActive()

    def _on_changed(self, change: Change) -> None:
        if change.what not in CHARTED:
            return  # typing an answer or moving a card must not redraw charts
        new_keys = [s.key for s in specs_for(self.session.framework)]
        if change.what == "framework" and new_keys != self.keys:
            self._build_tabs()
        self._mark_all_stale()

    def _mark_all_stale(self) -> None:
        self._stale = set(self.keys)
        self._timer.start()

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt override
        # Draw the chart on show before the first paint, not one event-loop turn later.
        super().showEvent(event)
        self.refresh()

    def refresh(self) -> None:
        """Redraw the chart on show now; the others redraw when their tab is opened."""
        self._timer.stop()
        key = self.current_key()
        if key and self.isVisible():  # a hidden window catches up in showEvent
            self.chart(key)

    # -- export ----------------------------------------------------------------------

    def export_current(self, path: Path | str, width: int | None = None) -> Path:
        """The chart on show as a PNG (see `export_png`)."""
        return export_png(self.chart(self.current_key()), path, width)

    def _export_dialog(self) -> None:
        key = self.current_key()
        default = Path.home() / safe_file_name(f"{self.session.file.path.stem} - {key}", ".png")
        name, _filter = QFileDialog.getSaveFileName(
            self, _("Export chart as PNG"), str(default), _("PNG pictures (*.png)")
        )
        if not name:
            return
        try:
            self.export_current(name)
        except OSError as exc:
            QMessageBox.warning(
                self,
                _("Charts"),
                literal_text(_("The chart could not be saved:\n{error}").format(error=exc)),
            )


def export_png(chart: QWidget, path: Path | str, width: int | None = None) -> Path:
    """Save `chart` as a PNG with pyqtgraph's ImageExporter (its SVG exporter is broken
    with current PySide6). `width` in pixels; the chart's own size when None."""
    from pyqtgraph.exporters import ImageExporter  # type: ignore[import-untyped]

    target = Path(path)
    if target.suffix.lower() != ".png":
        target = target.with_name(target.name + ".png")
    if not chart.isVisible():
        _lay_out_offscreen(chart)
    # A chart drawn a moment ago may still have its layout pending: settle it first.
    QCoreApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)
    with warnings.catch_warnings():
        # pyqtgraph 0.13 builds its own export options in a way it deprecates itself;
        # nothing for us to change, and the PNG is the same.
        warnings.filterwarnings(
            "ignore", "Parameter has no default value", DeprecationWarning, "pyqtgraph"
        )
        exporter = ImageExporter(chart.ci)  # type: ignore[attr-defined]
    if width:
        exporter.parameters()["width"] = int(width)
    if not exporter.export(str(target)):
        raise OSError(f"could not write {target}")
    return target


def _lay_out_offscreen(chart: QWidget) -> None:
    """A chart that was never shown has no layout yet: lay it out without a window."""
    if chart.parentWidget() is not None:
        raise ValueError("show the chart's tab before exporting it")
    chart.setAttribute(Qt.WidgetAttribute.WA_DontShowOnScreen, True)
    chart.resize(1280, 800)  # what a projector shows
    chart.show()  # delivers the pending resize, which sizes the scene
