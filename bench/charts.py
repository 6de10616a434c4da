"""Charts speed: first paint of each chart tab, against an empty pyqtgraph PlotWidget.

    python bench/charts.py [--repeat 7] [--rounds 10] [--cards 10000]

Offscreen by default (QT_QPA_PLATFORM=xcb under Xvfb for real paints). Each figure is
the time from constructing the window to the end of its first paint event, median of
`--repeat` runs, measured in the same process right after the baseline: constructing,
showing and painting an empty `pyqtgraph.PlotWidget`. The workshop has `--rounds` rounds
of `--cards` cards and ~10,000 scores each, so the trend and KPI tabs do the full
analytics pass. The budget is 300 ms. pyqtgraph's own import, paid once when the charts
are first opened, is measured separately in a fresh interpreter.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication, QWidget

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # read when the QApplication is made
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

BUDGET_MS = 300.0
IMPORT = "import time, PySide6.QtWidgets; t = time.perf_counter(); import pyqtgraph; " \
         "print(time.perf_counter() - t)"  # fmt: skip


class _Painted(QObject):
    def __init__(self) -> None:
        super().__init__()
        self.done = False

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.Paint:
            self.done = True
        return False


def first_paint(app: QApplication, make: Callable[[], tuple[QWidget, QWidget]]) -> float:
    """Milliseconds from construction until `painted` (the widget drawn) has had a paint."""
    t = time.perf_counter()
    top, painted = make()
    spy = _Painted()
    painted.installEventFilter(spy)
    top.resize(1280, 800)
    top.show()
    deadline = time.perf_counter() + 10
    while not spy.done and time.perf_counter() < deadline:
        app.processEvents()
    elapsed = (time.perf_counter() - t) * 1000
    assert spy.done, "no paint event"
    top.close()
    top.deleteLater()
    app.processEvents()
    return elapsed


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeat", type=int, default=7)
    ap.add_argument("--rounds", type=int, default=10)
    ap.add_argument("--cards", type=int, default=10_000)
    ns = ap.parse_args()
    app = QApplication.instance() or QApplication(sys.argv)
    assert isinstance(app, QApplication)

    imports = []
    for _ in range(3):
        cmd = [sys.executable, "-c", IMPORT]
        imports.append(float(subprocess.run(cmd, capture_output=True, text=True).stdout))
    import pyqtgraph as pg
    from analytics import build  # bench/analytics.py: the same 10 × 10,000 workshop

    from trustboard.store import WorkshopFile
    from trustboard.ui.charts import ChartsWindow
    from trustboard.ui.charts.window import specs_for
    from trustboard.ui.session import Session

    folder = Path(tempfile.mkdtemp())
    ws = build(ns.rounds, ns.cards, scores_per_rating=200)
    for i, rnd in enumerate(ws.rounds):
        rnd.kpis.update({"nps": 10.0 + i, "retention": 60.0 + i, "trust-yes": 50.0 + i})
    session = Session(WorkshopFile.create(folder / "bench.trustboard", ws))
    n_cards = sum(len(r.cards) for r in ws.rounds)

    def empty_plot() -> tuple[QWidget, QWidget]:
        w = pg.PlotWidget()
        return w, w.viewport()

    def charts(key: str) -> Callable[[], tuple[QWidget, QWidget]]:
        def make() -> tuple[QWidget, QWidget]:
            w = ChartsWindow(session)
            w.tabs.setCurrentIndex(w.keys.index(key))  # before show: only this chart is built
            return w, w.chart(key).viewport()

        return make

    for key in ("heatmap", "trend"):  # warm up: chart modules imported, caches filled
        first_paint(app, charts(key))
    first_paint(app, empty_plot)
    print(f"{ns.rounds} rounds, {n_cards:,} cards; first paint, median of {ns.repeat} (ms)")
    print(f"  pyqtgraph import, once per app run (fresh interpreter): "
          f"{statistics.median(imports) * 1000:6.0f} ms")  # fmt: skip
    worst = 0.0
    for spec in specs_for(ws.framework):
        base, ours = [], []
        for _ in range(ns.repeat):  # interleaved so drift hits both alike
            base.append(first_paint(app, empty_plot))
            ours.append(first_paint(app, charts(spec.key)))
        b, o = statistics.median(base), statistics.median(ours)
        worst = max(worst, o)
        print(f"  {spec.title:16} {o:7.1f}   empty PlotWidget {b:6.1f}   ×{o / b:4.1f}")
    session.close()
    ok = worst <= BUDGET_MS
    print(f"  slowest {worst:.0f} ms; budget {BUDGET_MS:.0f} ms: {'ok' if ok else 'OVER'}")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
