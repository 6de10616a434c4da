"""PDF export: size and time of a typical summary and of a 2,000-card full report.

    python bench/pdf.py            # prints the figures; exit 1 when a budget is broken

Budgets (issue 6): summary of a typical workshop (12 cells, 150 cards) ≤ 150 KB and
≤ 1 s; full report of 2,000 cards ≤ 3 MB and ≤ 5 s. "Cold" is the first export in a
fresh process (fonts found and parsed, reportlab imported); "warm" the best of five after.
"Protected" is the same export with a password (AES-256), timed in the same run, open and
protected exports taking turns; its time over the open export's must stay ≤ 1.2× (issue 16).
"""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from trustboard.domain.workshop import Workshop

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

KB = 1024
BUDGETS = {"summary": (150 * KB, 1.0), "report": (3 * 1024 * KB, 5.0)}
MAX_PROTECTED_RATIO = 1.2
PASSWORD = "Vertrauen ist gut – 信頼"

CHILD = """
import sys, time
sys.path.insert(0, {root!r})
from bench.pdf import workshop_with
from trustboard.export import ReportOptions, SummaryOptions, write_report, write_summary
ws = workshop_with({cards})
start = time.perf_counter()
if {full}:
    r = write_report(ws, ws.current_round_id, {out!r}, ReportOptions())
else:
    r = write_summary(ws, ws.current_round_id, {out!r}, SummaryOptions())
print(time.perf_counter() - start, r.size, r.pages)
"""

PHRASES = (
    "Customers praise the repair desk for honest advice",
    "Delivery promises slip in peak weeks; people notice",
    "Staff can refund small amounts without asking a manager",
    "Privacy summary at checkout is read by few customers",
    "Mentoring pairs for seasonal hires would help",
)


def workshop_with(cards: int) -> Workshop:
    """The demo workshop, its current round topped up to `cards` cards."""
    from trustboard.assets import templates_dir
    from trustboard.domain.workshop import Card, Layer
    from trustboard.frameworks.templates import load_template
    from trustboard.services.demo import demo_workshop

    fw = load_template(templates_dir() / "rtx-trust-framework.toml").framework
    ws = demo_workshop(fw, dt.date(2026, 3, 31))
    rnd = ws.current_round
    cells = list(fw.cells())
    kinds = [k.id for k in fw.card_kinds]
    for i in range(max(0, cards - len(rnd.cards))):
        layer = Layer.AS_IS if i % 3 else Layer.TO_BE
        text = f"{PHRASES[i % len(PHRASES)]} (note {i + 1})"
        card = Card(
            f"c-b{i:05d}",
            text,
            cells[i % len(cells)],
            layer,
            kinds[i % len(kinds)],
            f"Person {i % 9}",
            i % 4,
            100.0 + i,
        )
        rnd.cards[card.id] = card
    return ws


def _cold(cards: int, full: bool, out: Path) -> tuple[float, int, int]:
    code = CHILD.format(root=str(ROOT), cards=cards, full=full, out=str(out))
    line = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout.split()
    return float(line[0]), int(line[1]), int(line[2])


def _warm(cards: int, full: bool, out: Path) -> tuple[float, float, int, int]:
    """Best of five open and of five protected exports, taking turns: (open, protected, ...)."""
    from trustboard.export import ReportOptions, SummaryOptions, write_report, write_summary

    ws = workshop_with(cards)
    best = {"": float("inf"), PASSWORD: float("inf")}
    size, pages = 0, 0
    for _ in range(5):
        for password in best:
            start = time.perf_counter()
            if full:
                r = write_report(ws, ws.current_round_id, out, ReportOptions(password=password))
            else:
                r = write_summary(ws, ws.current_round_id, out, SummaryOptions(password=password))
            best[password] = min(best[password], time.perf_counter() - start)
            if not password:
                size, pages = r.size, r.pages
    return best[""], best[PASSWORD], size, pages


def main() -> int:
    ok = True
    with tempfile.TemporaryDirectory() as folder:
        for name, cards, full in (("summary", 150, False), ("report", 2000, True)):
            out = Path(folder) / f"{name}.pdf"
            cold, size, pages = _cold(cards, full, out)
            warm, locked, _, _ = _warm(cards, full, out)
            ratio = locked / warm
            max_size, max_time = BUDGETS[name]
            good = size <= max_size and cold <= max_time and ratio <= MAX_PROTECTED_RATIO
            ok &= good
            print(
                f"{name:8} {cards:5} cards  {pages:3} pages  {size / KB:7.1f} KB "
                f"(≤ {max_size / KB:.0f})  cold {cold:5.2f} s  warm {warm:5.2f} s "
                f"(≤ {max_time:.0f})  protected {locked:6.3f} s vs {warm:6.3f} s = {ratio:4.2f}× "
                f"(≤ {MAX_PROTECTED_RATIO}×)  {'ok' if good else 'OVER BUDGET'}"
            )
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
