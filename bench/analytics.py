"""Analytics speed: the full pass over 10 rounds × 10,000 cards, against a plain loop.

    python bench/analytics.py [--rounds 10] [--cards 10000] [--repeat 7] [--survey 100000]

The full pass is `trustboard.analytics.overview.overview` (every round's cell statistics,
trend, KPI series, action effects, spread, agenda, comparison with the previous round).
The baseline, timed in the same run, is a plain Python loop that touches the same data:
it counts every card per cell and sums every score. The budget is 200 ms.

`--survey N` also times a survey import of N rows (parse and check every row, build the
one undoable command, apply it) against `csv.reader` merely reading the same text.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import io
import random
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from trustboard.analytics.overview import overview
from trustboard.assets import templates_dir
from trustboard.domain.workshop import (
    Action,
    Card,
    Layer,
    Perspective,
    Rating,
    Round,
    Workshop,
    new_id,
)
from trustboard.frameworks.templates import load_template

BUDGET_MS = 200.0
KINDS = ("evidence", "customer-voice", "practice", "idea", "risk")


def build(rounds: int, cards: int, scores_per_rating: int = 200) -> Workshop:
    fw = load_template(templates_dir() / "rtx-trust-framework.toml").framework
    rng = random.Random(7)
    cells = list(fw.cells())
    out = []
    for r in range(rounds):
        rnd = Round(new_id("r"), f"Q{r + 1}", dt.date(2026, 1, 1) + dt.timedelta(days=91 * r))
        for i in range(cards):
            cell = cells[i % len(cells)]
            action = Action("Owner") if i % 97 == 0 else None
            card = Card(
                new_id("c"),
                f"card {i}",
                cell,
                Layer.AS_IS if i % 3 else Layer.TO_BE,
                KINDS[i % len(KINDS)],
                votes=i % 4,
                order=float(i),
                action=action,
            )
            rnd.cards[card.id] = card
        for cell in cells:
            for layer in Layer:
                for p in Perspective:
                    scores = tuple(rng.randint(1, 5) for _ in range(scores_per_rating))
                    rating = Rating(cell, layer, p, scores)
                    rnd.ratings[rating.key] = rating
        rnd.kpis.update({"nps": float(rng.randint(-20, 60)), "retention": 60.0 + r})
        out.append(rnd)
    return Workshop("Bench", fw, rounds=out, current_round_id=out[-1].id)


def baseline(ws: Workshop) -> int:
    total = 0
    for rnd in ws.rounds:
        per_cell: dict[object, int] = {}
        for card in rnd.cards.values():
            per_cell[card.cell] = per_cell.get(card.cell, 0) + 1
        for rating in rnd.ratings.values():
            total += sum(rating.scores)
        total += len(per_cell)
    return total


def timed(fn: Callable[[], object], repeat: int) -> float:
    runs = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        runs.append(time.perf_counter() - t)
    return statistics.median(runs) * 1000


def survey(n: int, repeat: int) -> None:
    from trustboard.document import WorkshopDocument
    from trustboard.services.survey_import import import_command, parse_survey

    ws = build(1, 0, scores_per_rating=0)
    fw = ws.framework
    rng = random.Random(3)
    cells = list(fw.cells())
    lines = ["element,domain,perspective,score,comment\n"]
    for i in range(n):
        e, d = cells[i % len(cells)]
        comment = f"comment {i}" if i % 10 == 0 else ""
        p = "customer" if i % 2 else "self"
        lines.append(
            f"{fw.element(e).name},{fw.domain(d).name},{p},{rng.randint(1, 5)},{comment}\n"
        )
    text = "".join(lines)

    def read_only() -> None:
        for _ in csv.reader(io.StringIO(text, newline="")):
            pass

    def full() -> None:
        fresh = build(1, 0, scores_per_rating=0)
        import_command(WorkshopDocument(fresh), parse_survey(text, fw)).redo()

    base = timed(read_only, repeat)
    ours = timed(full, repeat)
    print(f"survey import of {n:,} rows ({n // 10:,} with a comment)")
    print(f"  csv.reader only                        {base:8.1f} ms")
    print(
        f"  parse + check + one command + apply    {ours:8.1f} ms   ×{ours / base:.1f} csv.reader"
    )


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rounds", type=int, default=10)
    ap.add_argument("--cards", type=int, default=10_000, help="cards per round")
    ap.add_argument("--repeat", type=int, default=7)
    ap.add_argument("--survey", type=int, default=0, help="also time a survey import of N rows")
    ns = ap.parse_args()
    ws = build(ns.rounds, ns.cards)
    n_scores = sum(len(r.scores) for rnd in ws.rounds for r in rnd.ratings.values())
    n_cards = sum(len(rnd.cards) for rnd in ws.rounds)
    overview(ws)  # warm up
    base = timed(lambda: baseline(ws), ns.repeat)
    full = timed(lambda: overview(ws), ns.repeat)
    print(f"{ns.rounds} rounds, {n_cards:,} cards, {n_scores:,} scores (median of {ns.repeat})")
    print(f"  plain loop (count cards, sum scores)   {base:8.1f} ms")
    print(f"  full analytics pass (overview)         {full:8.1f} ms   ×{full / base:.1f} the loop")
    ok = full <= BUDGET_MS
    print(f"  budget {BUDGET_MS:.0f} ms: {'ok' if ok else 'OVER'}")
    if ns.survey:
        survey(ns.survey, max(3, ns.repeat // 2))
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
