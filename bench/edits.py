"""Edit speed in the live window: how long one edit blocks the GUI thread.

    python bench/edits.py                    # 2,000, 10,000 and 100,000 cards
    python bench/edits.py --sizes 2000 10000 --reps 5

Drives the real MainWindow (offscreen): each edit goes in the way a user makes it (the
card editor's Enter, a score key, the vote command, Alt+arrow, the Undo action, a mouse
drag released over the next cell, Paste) at 50 % zoom, and is timed through one turn of
the event loop, repaint included. Cards out of sight that a grown row pushed down are put
in place in later turns; the longest of those turns is printed too. Each figure is the median of `--reps` edits, next to a bare baseline
measured in the same run (a QLabel's setText and the same event-loop pass in a bare
QMainWindow), because these machines are noisy. Under each row, the medians of the time
spent in the board's slots, in the docks' slots (voting, actions, cell panel), in the
store's writes and in the edit logic (session and document: rules, checks, signalling),
each less the others' time inside it, to tell whose work an edit waits for.

Also: a 1,000-row survey import into the biggest board, and the worst gap in a 1 ms timer
on the GUI thread while autosave writes a 10,000-card workshop (against the same timer
with nothing to save). Goals: each edit <= 16 ms at 10,000 cards and <= 50 ms at 100,000;
the import <= 1 s; the autosave gap <= 16 ms.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("TRUSTBOARD_PRELOAD_CHARTS", "0")  # no import thread during timings
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from PySide6.QtCore import QCoreApplication, QElapsedTimer, QEvent, QPoint, Qt, QTimer  # noqa: E402
from PySide6.QtGui import QGuiApplication  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow, QMessageBox  # noqa: E402

from trustboard.assets import templates_dir  # noqa: E402
from trustboard.domain.framework import Framework  # noqa: E402
from trustboard.domain.workshop import Card, Layer, new_id, new_workshop  # noqa: E402
from trustboard.frameworks.templates import load_template  # noqa: E402
from trustboard.paths import UserPaths  # noqa: E402
from trustboard.services.settings import Settings  # noqa: E402
from trustboard.store import WorkshopFile  # noqa: E402
from trustboard.ui import clipboard  # noqa: E402
from trustboard.ui.actions import ActionId  # noqa: E402
from trustboard.ui.main_window import MainWindow  # noqa: E402

KINDS = ("text", "score", "vote", "move", "undo", "drop", "paste")
PASTED = 20  # cards per paste
SPENT: dict[str, float] = {}  # seconds per part of the app during the current edit


_NESTED: list[float] = []  # per wrapped call in progress: time of the wrapped calls inside it


def _charge(part: str, cls: type, name: str) -> None:
    """Count the time `cls.name` takes against `part`, less the watched calls inside it
    (a store write inside a board slot is the store's), so no time is counted twice."""
    original = getattr(cls, name)

    def timed_call(*args: object, **kwargs: object) -> object:
        _NESTED.append(0.0)
        t = time.perf_counter()
        try:
            return original(*args, **kwargs)
        finally:
            elapsed = time.perf_counter() - t
            inner = _NESTED.pop()
            SPENT[part] = SPENT.get(part, 0.0) + elapsed - inner
            if _NESTED:
                _NESTED[-1] += elapsed

    setattr(cls, name, timed_call)


def watch_parts() -> None:
    """Where an edit's time goes: the board's slots, the store's writes, the docks' slots.
    Patched on the classes before the window exists, so the signal connections see it."""
    from trustboard.ui.board.scene import BoardScene
    from trustboard.ui.docks.actions_table import ActionsModel
    from trustboard.ui.docks.cell_panel import CellPanel
    from trustboard.ui.docks.voting import VotingPanel

    for name in ("_on_changed", "refresh", "rebuild", "drop_selected"):
        _charge("board", BoardScene, name)
    for name in ("put_cards", "put_rating"):
        _charge("store", WorkshopFile, name)
    from trustboard.document import WorkshopDocument
    from trustboard.ui.session import Session

    for name in ("set_cards", "set_rating"):  # checks, the model, telling the listeners
        _charge("logic", WorkshopDocument, name)
    for name in ("add_card", "update_card", "paste_cards", "move_cards", "vote", "add_score"):
        _charge("logic", Session, name)  # the edit rules: card order, renumbering
    _charge("panels", VotingPanel, "_on_changed")
    _charge("panels", ActionsModel, "_on_changed")
    _charge("panels", CellPanel, "_on_changed")
    _charge("panels", CellPanel, "_on_cell_changed")  # Alt+arrow moves the current cell too


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:8.1f}"


def timed(app: QApplication, action: Callable[[], object]) -> float:
    """Seconds from the edit to an idle event loop (repaint included)."""
    app.processEvents()
    SPENT.clear()
    t = time.perf_counter()
    action()
    app.processEvents()
    return time.perf_counter() - t


def baseline(app: QApplication, reps: int) -> float:
    window = QMainWindow()
    label = QLabel("0")
    window.setCentralWidget(label)
    window.resize(1600, 1000)
    window.show()
    app.processEvents()
    runs = [timed(app, lambda i=i: label.setText(f"edit {i}")) for i in range(reps)]
    window.close()
    return statistics.median(runs)


def make_file(fw: Framework, n: int, folder: Path) -> Path:
    ws = new_workshop(fw, "Bench")
    cells = list(fw.cells())
    for i in range(n):
        c = Card(new_id("c"), f"Evidence card number {i} with a few words",
                 cells[i % len(cells)], Layer.AS_IS, "evidence", "Amara Okafor",
                 i % 3, float(i // len(cells)))  # fmt: skip
        ws.current_round.cards[c.id] = c
    path = folder / f"{n}.trustboard"
    WorkshopFile.create(path, ws).close()
    return path


def open_window(app: QApplication, path: Path, folder: Path) -> MainWindow:
    paths = UserPaths.under(folder / f"data-{path.stem}")
    window = MainWindow(paths, Settings.load(paths))
    window.resize(1600, 1000)
    window.show()
    assert window.open_file(path), path
    app.processEvents()
    return window


class Edits:
    """One kind of edit at a time on an open window; each call makes one edit."""

    def __init__(self, app: QApplication, window: MainWindow) -> None:
        self.app = app
        self.w = window
        assert window.session is not None and window.scene is not None and window.view
        self.session = window.session
        self.scene = window.scene
        self.view = window.view
        self.n = 0
        # A card in the middle of the board, in sight at a working zoom (50 %).
        cards = sorted(self.session.round.cards.values(), key=lambda c: (c.cell, c.order))
        self.card_id = cards[len(cards) // 2].id
        self.view.set_zoom(0.5)
        self.view.centerOn(self.scene.cards[self.card_id])
        self.settle_slices: list[float] = []  # event-loop turns after an edit, placing cards

    def settle(self) -> None:
        """Let cards of moved rows (out of sight) reach their place; time each turn."""
        while getattr(getattr(self.scene, "settler", None), "pending", False):
            t = time.perf_counter()
            self.app.processEvents()
            self.settle_slices.append(time.perf_counter() - t)

    def sideways(self, card_id: str) -> int:
        """+1 (right) when the card has a cell to its right, else -1 (left)."""
        cell = self.session.round.cards[card_id].cell
        domains = [d.id for d in self.session.framework.active_domains]
        assert cell is not None
        return 1 if domains.index(cell[1]) < len(domains) - 1 else -1

    def select(self, card_id: str) -> None:
        self.scene.clearSelection()
        item = self.scene.cards[card_id]
        item.setSelected(True)
        card = self.session.round.cards[card_id]
        if card.cell is not None:
            self.session.set_current_cell(card.cell)
        self.view.setFocus()

    def prepare(self, kind: str) -> Callable[[], object]:
        """Set up one edit (untimed) and return the call that makes it (timed)."""
        self.n += 1
        n = self.n
        s, scene, view = self.session, self.scene, self.view
        card_id = self.card_id
        self.select(card_id)
        if kind == "text":
            item = scene.cards[card_id]
            item.start_edit()
            assert item.editor is not None
            item.editor.setPlainText(f"Edited text number {n}")
            return lambda: QTest.keyClick(view.viewport(), Qt.Key.Key_Return)
        if kind == "score":
            before = len(s.round.rating(s.current_cell, s.layer, s.perspective).scores)  # type: ignore[arg-type]

            def score() -> None:
                QTest.keyClick(view, Qt.Key.Key_3)
                cell = s.current_cell
                after = len(s.round.rating(cell, s.layer, s.perspective).scores)  # type: ignore[arg-type]
                assert after == before + 1, "the score key did not score"

            return score
        if kind == "vote":
            return lambda: self.w.cards.vote(+1)
        if kind == "move":
            return lambda: view.move_selected(0, self.sideways(card_id))
        if kind == "undo":
            s.vote(card_id, +1)
            self.app.processEvents()
            return lambda: self.w.actions_[ActionId.UNDO].trigger()
        if kind == "drop":
            return self._drag(card_id)
        if kind == "paste":
            cards = list(s.round.cards.values())[:PASTED]
            QGuiApplication.clipboard().setMimeData(clipboard.cards_to_mime(cards))
            return self.w.cards.paste
        raise ValueError(kind)

    def _drag(self, card_id: str) -> Callable[[], object]:
        """Press on the card and move the mouse over the next cell; the release is timed."""
        view, item = self.view, self.scene.cards[card_id]
        view.centerOn(item)
        self.app.processEvents()
        start = view.mapFromScene(item.sceneBoundingRect().center())
        step = int(462 * 0.5) * self.sideways(card_id)  # one cell (CELL_W + GAP) at 50 %
        end = start + QPoint(step, 0)
        vp = view.viewport()
        QTest.mousePress(vp, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, start)
        for k in range(1, 9):
            QTest.mouseMove(vp, start + (end - start) * (k / 8))
        old = self.session.round.cards[card_id].cell

        def release() -> None:
            QTest.mouseRelease(vp, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, end)
            assert self.session.round.cards[card_id].cell != old, "the drag moved nothing"

        return release


def autosave_gap(app: QApplication, window: MainWindow, seconds: float = 2.5) -> float:
    """Worst gap between ticks of a 1 ms timer on the GUI thread over `seconds`."""
    gaps: list[int] = []
    clock = QElapsedTimer()
    timer = QTimer()
    timer.setInterval(1)

    def tick() -> None:
        gaps.append(clock.restart())

    timer.timeout.connect(tick)
    clock.start()
    timer.start()
    end = time.perf_counter() + seconds
    first = True
    while time.perf_counter() < end:
        if window is not None and first:
            first = False
            session = window.session
            assert session is not None
            card_id = next(iter(session.round.cards))
            clock.restart()
            session.vote(card_id, +1)  # one edit: autosave writes the file after it
            clock.restart()  # the edit itself is timed elsewhere; the gap is autosave's
        app.processEvents()
    timer.stop()
    return max(gaps[1:]) / 1000 if len(gaps) > 1 else 0.0


def survey_csv(fw: Framework, folder: Path, rows: int = 1000) -> Path:
    cells = list(fw.cells())
    lines = ["element,domain,perspective,score,comment"]
    for i in range(rows):
        element, domain = cells[i % len(cells)]
        persp = "self" if i % 2 else "customer"
        score = fw.scale.steps[i % len(fw.scale.steps)].value
        comment = f"Comment {i} from the survey" if i % 50 == 0 else ""
        lines.append(f"{element},{domain},{persp},{score},{comment}")
    path = folder / "survey.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[2_000, 10_000, 100_000])
    parser.add_argument("--reps", type=int, default=7)
    parser.add_argument("--kinds", nargs="+", default=list(KINDS), choices=KINDS)
    args = parser.parse_args()
    app = QApplication.instance() or QApplication([])
    watch_parts()
    for kind in ("warning", "information", "critical"):
        setattr(QMessageBox, kind, lambda *a, **k: print("  message:", a[2] if len(a) > 2 else a))
    fw = load_template(templates_dir() / "rtx-trust-framework.toml").framework
    folder = Path(tempfile.mkdtemp(prefix="trustboard-edits-"))
    base = baseline(app, 21)
    print(f"baseline (bare QMainWindow, QLabel.setText + event loop): {base * 1000:.2f} ms")
    print(f"cards in {len(list(fw.cells()))} cells; median of {args.reps} edits, ms")
    print(f"{'cards':>8} " + " ".join(f"{k:>8}" for k in args.kinds))
    for n in args.sizes:
        window = open_window(app, make_file(fw, n, folder), folder)
        edits = Edits(app, window)
        figures = []
        parts: dict[str, list[float]] = {"board": [], "panels": [], "store": [], "logic": []}
        for kind in args.kinds:
            runs = []
            spent: dict[str, list[float]] = {part: [] for part in parts}
            for _ in range(args.reps):
                runs.append(timed(app, edits.prepare(kind)))
                for part in parts:
                    spent[part].append(SPENT.get(part, 0.0))
                edits.settle()
            figures.append(statistics.median(runs))
            for part in parts:
                parts[part].append(statistics.median(spent[part]))
        print(f"{n:>8,} " + " ".join(_ms(f) for f in figures), flush=True)
        for part, values in parts.items():
            print(f"{'  ' + part:>8} " + " ".join(_ms(f) for f in values), flush=True)
        if edits.settle_slices:
            slices = edits.settle_slices
            print(f"  then {len(slices)} turns of the event loop placed out-of-sight cards; "
                  f"longest {max(slices) * 1000:.1f} ms")  # fmt: skip
        if n == 10_000:
            quiet = autosave_gap(app, None)  # type: ignore[arg-type]
            busy = autosave_gap(app, window)
            print(f"  autosave at {n:,} cards: worst GUI-thread gap {busy * 1000:.1f} ms "
                  f"(same timer, nothing to save: {quiet * 1000:.1f} ms)")  # fmt: skip
        if n == max(args.sizes):
            from PySide6.QtCore import QEventLoop

            from trustboard.ui.imports.assistant import ImportAssistant

            dialog = ImportAssistant(window.session, survey_csv(fw, folder), window)  # type: ignore[arg-type]
            loop = QEventLoop()
            dialog.planned.connect(loop.quit)
            loop.exec()  # the file is read and planned on a worker thread
            assert dialog.import_button.isEnabled(), dialog.preview.error.text()
            elapsed = timed(app, dialog.import_now)
            split = ", ".join(f"{part} {t * 1000:.0f}" for part, t in sorted(SPENT.items()))
            print(f"  1,000-row survey import into {n:,} cards: {elapsed * 1000:.0f} ms ({split})")
        window.close_workshop()
        window.close()
        window.deleteLater()  # gone before the next size, not left to the interpreter's exit
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        app.processEvents()
    # Qt's offscreen clipboard crashes at exit while it holds our data (the paste edits
    # copied cards); the real platforms' clipboards do not.
    app.clipboard().clear()


if __name__ == "__main__":
    main()
