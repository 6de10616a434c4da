"""The fuzz runs of tests/fuzz at any size, with a tally per mutation and the slowest cases.

    python bench/fuzz.py workshop --cases 2000 [--seed N] [--qt-every 10]
    python bench/fuzz.py template --cases 2000
    python bench/fuzz.py import --cases 2000
    python bench/fuzz.py workshop --only 107        # one case, with its full traceback

Each case is the one the test of the same index checks (same seed, same bytes), and the
checks are the same. A case over --slow seconds (60 by default) is stopped and counted as
slow: a file that keeps TrustBoard busy that long is a finding too. Prints, per mutation
kind, how many cases were refused cleanly, accepted and used, or failed; then each
distinct failure (exception type and where it was raised) with its first case.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import re
import signal
import sys
import tempfile
import time
import traceback
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.fuzz.mutate import DEFAULT_SEED  # noqa: E402


class Slow(BaseException):  # not an Exception: the code under test must not catch it
    pass


@contextlib.contextmanager
def deadline(seconds: float) -> Iterator[None]:
    def stop(signum: int, frame: object) -> None:
        raise Slow(f"still running after {seconds:.0f} s")

    old = signal.signal(signal.SIGALRM, stop)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, old)


class _Bot:
    """What the Qt part needs of pytest-qt's qtbot: keep the widgets, close them after."""

    def __init__(self) -> None:
        self.widgets: list[Any] = []

    def addWidget(self, widget: Any) -> None:  # noqa: N802 - qtbot's name
        self.widgets.append(widget)

    def close(self) -> None:
        from PySide6.QtCore import QCoreApplication, QEvent

        for w in self.widgets:
            w.close()
            w.deleteLater()
        self.widgets.clear()
        # No event loop runs between cases: delete them now, as qtbot's teardown does, so
        # hundreds of windows are not left for the interpreter's exit to tear down.
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def _qt_errors() -> list[BaseException]:
    """Exceptions raised inside Qt callbacks (paint, slots) are collected, not just printed."""
    caught: list[BaseException] = []

    def hook(kind: type[BaseException], exc: BaseException, tb: Any) -> None:
        caught.append(exc.with_traceback(tb))

    sys.excepthook = hook
    return caught


def runner(what: str, qt_every: int) -> tuple[Callable[[int, int], Any], Callable[..., Any]]:
    """(make_case, check(case, folder) -> "refused" | "accepted") for one input kind."""
    if what == "workshop":
        from tests.fuzz.test_workshop_fuzz import QT_ALWAYS
        from tests.fuzz.workshop_cases import check_case, make_case, use_workshop

        qt: dict[str, Any] = {}

        def check(case: Any, folder: Path) -> str:
            workshop = check_case(case, folder / "case")
            if workshop is None:
                return "refused"
            use_workshop(workshop, folder / "out")
            path = folder / "case" / "case.trustboard"
            if qt_every and (case.kind in QT_ALWAYS or case.index % qt_every == 0):
                if not qt:
                    from PySide6.QtWidgets import QApplication

                    qt["app"] = QApplication.instance() or QApplication([])
                    qt["errors"] = _qt_errors()
                from tests.fuzz.test_workshop_fuzz import draw_board_and_every_chart

                bot = _Bot()
                try:
                    draw_board_and_every_chart(bot, path)  # type: ignore[arg-type]
                finally:
                    bot.close()
                if qt["errors"]:
                    raise qt["errors"].pop()
            return "accepted"

        return make_case, check
    if what == "template":
        from tests.fuzz.template_cases import check_template_case, make_case, use_framework

        def check_template(case: Any, folder: Path) -> str:
            framework = check_template_case(case, folder)
            if framework is None:
                return "refused"
            use_framework(framework, folder)
            return "accepted"

        return make_case, check_template
    from tests.fuzz.import_cases import check_import_case, make_case
    from tests.fuzz.workshop_cases import use_workshop

    def check_import(case: Any, folder: Path) -> str:
        workshop = check_import_case(case, folder / "case")
        if workshop is None:
            return "refused"
        use_workshop(workshop, folder / "out")
        return "accepted"

    return make_case, check_import


def _kind_of_failure(exc: BaseException) -> str:
    """Failures of one kind share a key: the exception type and the function raising it, or
    for a failed check its message with the numbers taken out."""
    if isinstance(exc, AssertionError):
        return "check failed: " + re.sub(r"[0-9][0-9,]*", "N", str(exc).split("\n")[0])[:90]
    frames = [
        f for f in traceback.extract_tb(exc.__traceback__) if "/tests/fuzz/" not in f.filename
    ]
    frames = frames or traceback.extract_tb(exc.__traceback__)
    f = frames[-1]
    name = f.filename.split("/site-packages/")[-1].split("/lib/python3.11/")[-1]
    return f"{type(exc).__name__} in {name.split(str(ROOT) + '/')[-1]} {f.name}()"


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("what", choices=("workshop", "template", "import"))
    p.add_argument("--cases", type=int, default=500)
    p.add_argument("--seed", type=int, default=DEFAULT_SEED)
    p.add_argument("--only", type=int, help="run this one case and print its traceback")
    p.add_argument("--qt-every", type=int, default=10, help="board and charts every Nth case")
    p.add_argument("--slow", type=float, default=60.0, help="stop a case after this many s")
    ns = p.parse_args()
    make_case, check = runner(ns.what, ns.qt_every)
    indices = [ns.only] if ns.only is not None else list(range(ns.cases))
    tally: dict[str, Counter[str]] = defaultdict(Counter)
    failures: dict[str, list[str]] = defaultdict(list)
    times: list[tuple[float, str]] = []
    start = time.perf_counter()
    for index in indices:
        case = make_case(index, ns.seed)
        with tempfile.TemporaryDirectory() as folder:
            t0 = time.perf_counter()
            try:
                with deadline(ns.slow):
                    outcome = check(case, Path(folder))
            except Slow as exc:
                outcome = "slow"
                failures[f"Slow: {exc}"].append(case.describe())
                if ns.only is not None:
                    traceback.print_exc(limit=-12)
            except Exception as exc:
                outcome = "failed"
                key = _kind_of_failure(exc)
                failures[key].append(f"{case.describe()}\n  {str(exc)[:200]}")
                if ns.only is not None:
                    traceback.print_exc()
            times.append((time.perf_counter() - t0, case.name))
        tally[case.kind][outcome] += 1
    total = time.perf_counter() - start
    print(f"{ns.what}: {len(indices)} cases, seed {ns.seed}, {total:.1f} s")
    outcomes = ("refused", "accepted", "failed", "slow")
    print(f"  {'mutation':12}" + "".join(f"{o:>10}" for o in outcomes))
    for kind in sorted(tally):
        print(f"  {kind:12}" + "".join(f"{tally[kind][o]:>10}" for o in outcomes))
    print("slowest cases:")
    for seconds, name in sorted(times, reverse=True)[:5]:
        print(f"  {seconds:7.2f} s  {name}")
    print(f"{len(failures)} distinct failures:")
    for key, cases in sorted(failures.items(), key=lambda kv: -len(kv[1])):
        print(f"- {key} ({len(cases)} cases); first:\n    " + cases[0].replace("\n", "\n    "))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
