"""Spreadsheet export time: a workshop of 10,000 cards as XLSX and as CSV, against a baseline.

    python bench/export_sheets.py          # 10,000 cards over three rounds
    python bench/export_sheets.py 50000    # another number of cards

The baseline is csv.writer writing the same rows (every sheet's) to a file in the same run,
the least any export of these records can cost, so the figures compare across machines.
Target: the XLSX of 10,000 cards in at most 2 s. Each figure is the best of three runs; the
XLSX's first run, which also loads openpyxl, is shown beside it.
"""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from trustboard.assets import templates_dir  # noqa: E402
from trustboard.domain.workshop import Action, Card, Layer, Round, Workshop  # noqa: E402
from trustboard.export.spreadsheet import (  # noqa: E402
    workbook_sheets,
    write_cards_csv,
    write_xlsx,
)
from trustboard.frameworks.templates import load_template  # noqa: E402
from trustboard.services.demo import demo_workshop  # noqa: E402

TARGET = 2.0
RUNS = 3


def workshop_of(cards: int) -> Workshop:
    """The demo's rounds and a third, with `cards` cards spread over the three."""
    fw = load_template(templates_dir() / "rtx-trust-framework.toml").framework
    ws = demo_workshop(fw, dt.date(2026, 3, 31))
    third = dataclasses.replace(ws.rounds[1], id="r-bench3", label="Q3", cards={})
    third.date = dt.date(2026, 6, 30)
    ws.rounds.append(third)
    rounds: list[Round] = ws.rounds
    cells = list(fw.cells())
    have = sum(len(r.cards) for r in rounds)
    for i in range(max(0, cards - have)):
        rnd = rounds[i % 3]
        text = f"Customers told us {i} times that delivery updates matter — 信頼 🤝"
        if i % 97 == 0:
            text = f'=HYPERLINK("https://example.invalid/{i}")'
        action = Action("Ana Lima", dt.date(2026, 7, 1)) if i % 10 == 0 else None
        card = Card(
            f"c-b{i:06d}", text, cells[i % len(cells)], Layer.AS_IS, "evidence",
            "Ana Lima", i % 7, float(i), action,
        )  # fmt: skip
        rnd.cards[card.id] = card
    return ws


def timed(run: Callable[[], object]) -> list[float]:
    times = []
    for _ in range(RUNS):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return times


def main() -> int:
    cards = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
    ws = workshop_of(cards)
    total = sum(len(r.cards) for r in ws.rounds)
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder)

        def baseline() -> None:
            with (out / "baseline.csv").open("w", encoding="utf-8", newline="") as fh:
                writer = csv.writer(fh)
                for sheet in workbook_sheets(ws):
                    writer.writerow([c.header for c in sheet.columns])
                    writer.writerows(sheet.rows)

        rows = sum(len(s.rows) for s in workbook_sheets(ws))
        base = min(timed(baseline))
        runs = timed(lambda: write_xlsx(ws, out / "board.xlsx"))
        xlsx, first = min(runs), runs[0]
        size = (out / "board.xlsx").stat().st_size
        cards_csv = min(timed(lambda: write_cards_csv(ws, ws.rounds[0].id, out / "cards.csv")))
    print(f"{total:,} cards, {rows:,} rows over 5 sheets (3 rounds)")
    print(f"  baseline csv.writer, same rows  {base:6.3f} s")
    print(f"  write_xlsx                      {xlsx:6.3f} s  ({size / 1e6:.1f} MB, "
          f"{xlsx / base:.1f}× baseline; first run {first:.3f} s)")  # fmt: skip
    print(f"  write_cards_csv (one round)     {cards_csv:6.3f} s")
    ok = xlsx <= TARGET
    print(f"  target XLSX ≤ {TARGET:.0f} s: {'met' if ok else 'MISSED'}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
