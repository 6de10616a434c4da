"""Charts of the workshop (pyqtgraph, imported only when a chart is first shown)."""

from trustboard.ui.charts.window import CHARTS, ChartsWindow, export_png

__all__ = ["CHARTS", "ChartsWindow", "export_png"]
