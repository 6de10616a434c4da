"""Board speed: cold start against a bare Qt window, big boards, dragging, memory.

    python bench/board.py            # offscreen; QT_QPA_PLATFORM=xcb under Xvfb for real paints
    python bench/board.py --boards   # skip the cold starts: big boards, dragging, drops

Each figure is compared with a baseline measured in the same run, because these machines
are noisy: cold start against a bare PySide6 QMainWindow "hello", and board paints against
painting the same view with no cards.
"""

from __future__ import annotations

import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

HELLO = """
import sys, time
from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow
app = QApplication(sys.argv)
w = QMainWindow(); w.setCentralWidget(QLabel("hello")); w.resize(1280, 800)
class F(QObject):
    def eventFilter(self, o, e):
        if e.type() == QEvent.Type.Paint:
            print("painted", flush=True); app.quit()
        return False
f = F(); w.installEventFilter(f); w.show(); app.exec()
"""

TRUSTBOARD = """
import sys
import trustboard.cli  # first, as `trustboard` starts: Qt comes after the arguments
from PySide6.QtCore import QEvent, QObject, QTimer
import trustboard.ui.main_window as main_window
class F(QObject):
    def eventFilter(self, o, e):
        if e.type() == QEvent.Type.Paint:
            if isinstance(o, main_window.MainWindow) and not getattr(self, "done", False):
                self.done = True
                print("painted", flush=True)
                o.start_page.installEventFilter(self)
            elif not isinstance(o, main_window.MainWindow):
                print("start screen", flush=True); QTimer.singleShot(0, o.window().close)
        return False
f = F()
show = main_window.MainWindow.show
def watched_show(window):  # the same one filter on the window as the bare one has
    window.installEventFilter(f)
    show(window)
main_window.MainWindow.show = watched_show
sys.exit(trustboard.cli.main(["--data-dir", sys.argv[1]]))  # what `trustboard` runs
"""


def _first_paint(code: str, *args: str) -> tuple[float, float]:
    """Seconds to the window's first paint, and to its start screen's (0 when none)."""
    # As an installed app runs: with compiled bytecode (pip and the bundle both ship it), so
    # drop a DONTWRITEBYTECODE the shell may set; the warm-up launch writes what is missing.
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPATH"] = str(ROOT)
    t = time.perf_counter()
    proc = subprocess.Popen(
        [sys.executable, "-c", code, *args], stdout=subprocess.PIPE, text=True, env=env
    )
    assert proc.stdout is not None
    line = proc.stdout.readline()
    first = time.perf_counter() - t
    assert line.strip() == "painted", line
    second = proc.stdout.readline()
    page = time.perf_counter() - t if second.strip() == "start screen" else 0.0
    proc.wait(timeout=60)
    return first, page


def cold_start(runs: int = 21) -> dict[str, float]:
    """Bare window and ours, to first paint and to the start screen: medians and bests."""
    data = tempfile.mkdtemp()
    hello, ours, page = [], [], []
    _first_paint(HELLO)  # warm-up: disk cache and bytecode, for both alike
    _first_paint(TRUSTBOARD, data)
    for _ in range(runs):  # interleaved so drift hits both alike
        hello.append(_first_paint(HELLO)[0])
        first, start_screen = _first_paint(TRUSTBOARD, data)
        ours.append(first)
        page.append(start_screen)
    return {
        "hello": statistics.median(hello),
        "ours": statistics.median(ours),
        "page": statistics.median(page),
        "hello_best": min(hello),
        "ours_best": min(ours),
    }


def boards() -> None:
    from PySide6.QtCore import QPointF
    from PySide6.QtWidgets import QApplication

    from trustboard.store import WorkshopFile
    from trustboard.ui.board.scene import BoardScene
    from trustboard.ui.board.view import BoardView
    from trustboard.ui.session import Session
    from trustboard.ui.theme import LIGHT

    app = QApplication.instance() or QApplication([])
    tmp = Path(tempfile.mkdtemp())

    from big_boards import big_workshop  # bench/big_boards.py

    def make(n: int) -> Path:
        return big_workshop(tmp, n)

    def open_and_paint(path: Path) -> tuple[float, Session, BoardScene, BoardView]:
        t = time.perf_counter()
        session = Session(WorkshopFile.open(path))
        scene = BoardScene(session, LIGHT)
        view = BoardView(scene)
        view.resize(1600, 1000)
        view.show()
        view.fit_all()
        view.viewport().repaint()
        app.processEvents()
        return time.perf_counter() - t, session, scene, view

    base_t, s0, _, v0 = open_and_paint(make(0))
    v0.close()
    s0.close()
    print(f"empty board open+paint: {base_t * 1000:.0f} ms (baseline)")
    for n in (2_000, 10_000):
        elapsed, session, scene, view = open_and_paint(make(n))
        rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(f"{n:>6,} cards open+paint: {elapsed * 1000:.0f} ms; peak RSS so far {rss:.0f} MB")
        if n == 2_000:
            # Drag one card across the board: move + repaint per frame, as a mouse drag does.
            view.set_zoom(0.6)
            item = next(iter(scene.cards.values()))
            frames = []
            for _ in range(60):
                t = time.perf_counter()
                item.setPos(item.pos() + QPointF(7, 3))
                view.viewport().repaint()
                frames.append(time.perf_counter() - t)
            frames.sort()
            print(
                f"  drag frame at 2,000 cards: median {statistics.median(frames) * 1000:.1f} ms, "
                f"95th {frames[int(len(frames) * 0.95)] * 1000:.1f} ms"
            )
            t = time.perf_counter()
            for _ in range(20):
                view.set_zoom(view.zoom * 1.05)
                view.viewport().repaint()
            print(
                f"  zoom step repaint at 2,000 cards: {(time.perf_counter() - t) / 20 * 1000:.1f} ms"
            )
        print(f"  drop at the end of a drag at {n:,} cards: {drop_ms(app, scene, view):.1f} ms "
              f"(median of 5)")  # fmt: skip
        view.close()
        session.close()


def drop_ms(app: object, scene: object, view: object) -> float:
    """Drag a card one cell sideways with the mouse; time the release (the drop)."""
    from PySide6.QtCore import QPoint, Qt
    from PySide6.QtTest import QTest

    from trustboard.ui.board import geometry

    s = scene.session  # type: ignore[attr-defined]
    card = sorted(s.round.cards.values(), key=lambda c: (c.cell, c.order))[len(s.round.cards) // 2]
    domains = [d.id for d in s.framework.active_domains]
    view.set_zoom(0.6)  # type: ignore[attr-defined]  # the least zoom that shows cards
    times = []
    for _ in range(5):
        item = scene.cards[card.id]  # type: ignore[attr-defined]
        cell = s.round.cards[card.id].cell
        side = 1 if domains.index(cell[1]) < len(domains) - 1 else -1
        view.centerOn(item)  # type: ignore[attr-defined]
        app.processEvents()  # type: ignore[attr-defined]
        vp = view.viewport()  # type: ignore[attr-defined]
        start = view.mapFromScene(item.sceneBoundingRect().center())  # type: ignore[attr-defined]
        step = (geometry.CELL_W + geometry.GAP) * view.zoom  # type: ignore[attr-defined]
        end = start + QPoint(int(step) * side, 0)  # one cell to the side
        QTest.mousePress(vp, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, start)
        for k in range(1, 9):
            QTest.mouseMove(vp, start + (end - start) * (k / 8))
        app.processEvents()  # type: ignore[attr-defined]
        t = time.perf_counter()
        QTest.mouseRelease(vp, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, end)
        app.processEvents()  # type: ignore[attr-defined]
        times.append(time.perf_counter() - t)
        assert s.round.cards[card.id].cell != cell, "the drag moved nothing"
        while getattr(getattr(scene, "settler", None), "pending", False):
            app.processEvents()  # type: ignore[attr-defined]
        QTest.qWait(600)  # no double click from the next press
    return statistics.median(times) * 1000


def main() -> None:
    if "--boards" in sys.argv:
        boards()
        return
    t = cold_start()
    # The median is what a launch usually costs; the best of the runs is the cost with
    # the least interference from the rest of the machine. Both are same-run ratios.
    print(
        f"cold start to first paint (median of 21): bare QMainWindow {t['hello'] * 1000:.0f} ms, "
        f"TrustBoard {t['ours'] * 1000:.0f} ms, ratio {t['ours'] / t['hello']:.2f}x; "
        f"start screen drawn at {t['page'] * 1000:.0f} ms ({t['page'] / t['hello']:.2f}x)"
    )
    print(
        f"cold start to first paint (best of 21): bare {t['hello_best'] * 1000:.0f} ms, "
        f"TrustBoard {t['ours_best'] * 1000:.0f} ms, ratio {t['ours_best'] / t['hello_best']:.2f}x"
    )
    boards()


if __name__ == "__main__":
    main()
