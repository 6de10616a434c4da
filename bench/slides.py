"""Slides export: size and time of the demo workshop's deck, against an empty deck.

    python bench/slides.py         # prints the figures; exit 1 when a budget is broken

Budgets (issue 16): the demo's slides ≤ 2 s and ≤ 2 MB. "Cold" is the first export in a
fresh process (python-pptx imported, fonts found); "warm" the best of three after. The
same run saves an empty python-pptx Presentation, so a slow machine shows as a slow
baseline rather than as our own cost.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

MB = 1024 * 1024
MAX_SIZE, MAX_TIME = 2 * MB, 2.0

CHILD = """
import sys, time
sys.path.insert(0, {root!r})
start = time.perf_counter()
from pptx import Presentation
Presentation().save({empty!r})
empty = time.perf_counter() - start
from bench.pdf import workshop_with
from trustboard.export.options import SummaryOptions
ws = workshop_with(0)
start = time.perf_counter()
from trustboard.export.slides import write_slides
r = write_slides(ws, ws.current_round_id, {out!r}, SummaryOptions())
print(time.perf_counter() - start, r.size, r.pages, empty)
"""


def _cold(out: Path, empty: Path) -> tuple[float, int, int, float]:
    code = CHILD.format(root=str(ROOT), out=str(out), empty=str(empty))
    line = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout.split()
    return float(line[0]), int(line[1]), int(line[2]), float(line[3])


def _warm(out: Path, empty: Path) -> tuple[float, float]:
    from pptx import Presentation

    from bench.pdf import workshop_with
    from trustboard.export.options import SummaryOptions
    from trustboard.export.slides import write_slides

    ws = workshop_with(0)
    best = best_empty = float("inf")
    for _ in range(3):
        start = time.perf_counter()
        Presentation().save(str(empty))
        best_empty = min(best_empty, time.perf_counter() - start)
        start = time.perf_counter()
        write_slides(ws, ws.current_round_id, out, SummaryOptions())
        best = min(best, time.perf_counter() - start)
    return best, best_empty


def main() -> int:
    with tempfile.TemporaryDirectory() as folder:
        out, empty = Path(folder) / "demo.pptx", Path(folder) / "empty.pptx"
        cold, size, slides, cold_empty = _cold(out, empty)
        warm, warm_empty = _warm(out, empty)
        empty_size = empty.stat().st_size
    good = size <= MAX_SIZE and cold <= MAX_TIME
    print(
        f"demo slides  {slides} slides  {size / 1024:7.1f} KB (≤ {MAX_SIZE / 1024:.0f}; "
        f"empty deck {empty_size / 1024:.1f} KB)  cold {cold:5.2f} s  warm {warm:5.2f} s "
        f"(≤ {MAX_TIME:.0f}; empty deck cold {cold_empty:4.2f} s, warm {warm_empty:4.2f} s, "
        f"ratio warm {warm / warm_empty:4.1f}×)  {'ok' if good else 'OVER BUDGET'}"
    )
    return 0 if good else 1


if __name__ == "__main__":
    raise SystemExit(main())
