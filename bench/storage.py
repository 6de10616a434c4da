"""Storage speed at 100 / 1,000 / 10,000 cards, against baselines measured in the same run.

    python bench/storage.py [--repeat N] [--sizes 100,1000,10000]

Prints a table: open+load, one edit persisted (put + atomic durable flush) against the
fastest plain save of the same data (json.dumps in one call + write + fsync), and how long
an edit holds the caller's (UI) thread, including the worst stall while the autosaver
writes in the background (beside the same loop's worst gap with nothing saving), and what
one full garbage collection costs before and after the saver froze what was loaded.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from trustboard.assets import templates_dir
from trustboard.domain.workshop import Card, Layer, new_id, new_workshop
from trustboard.frameworks.templates import load_template
from trustboard.store import WorkshopFile
from trustboard.store.autosave import Autosaver

TEXTS = [
    "Staff hold first-aid certificates",
    "“Promised a call back, never came”",
    "信頼の評価とフィードバック",
    "مراجعات العملاء",
    "Reviews <b>& ratings 🎉",
]


def build(folder: Path, n: int) -> Path:
    fw = load_template(templates_dir() / "rtx-trust-framework.toml").framework
    ws = new_workshop(fw, "Bench")
    cells = list(fw.cells())
    rnd = ws.current_round
    for i in range(n):
        c = Card(
            new_id("c"),
            f"{TEXTS[i % 5]} #{i}",
            cells[i % len(cells)],
            Layer.AS_IS if i % 3 else Layer.TO_BE,
            "evidence",
            "AO",
            i % 4,
            float(i),
        )
        rnd.cards[c.id] = c
    path = folder / f"bench-{n}.trustboard"
    WorkshopFile.create(path, ws, overwrite=True).close()
    return path


def full_gc_ms() -> float:
    """What one full garbage collection costs: it holds the interpreter, so the UI waits."""
    times = []
    for _ in range(3):
        t = time.perf_counter()
        gc.collect()
        times.append(time.perf_counter() - t)
    return med(times)


def med(xs: list[float]) -> float:
    return statistics.median(xs) * 1000


def bench(folder: Path, n: int, repeat: int) -> dict[str, float]:
    path = build(folder, n)
    loads = []
    for _ in range(repeat):
        t = time.perf_counter()
        WorkshopFile.open(path, read_only=True).close()
        loads.append(time.perf_counter() - t)

    wf = WorkshopFile.open(path)
    rid = wf.workshop.current_round_id
    card = next(iter(wf.workshop.current_round.cards.values()))
    data = json.loads(path.read_text(encoding="utf-8"))
    base_path = folder / "baseline.json"
    edits, baselines, puts = [], [], []
    for i in range(repeat):
        t = time.perf_counter()
        encoded = json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode()
        with open(base_path, "wb") as fh:
            fh.write(encoded)
            fh.flush()
            os.fsync(fh.fileno())
        baselines.append(time.perf_counter() - t)
        edited = Card(card.id, f"edit {i}", card.cell)
        t = time.perf_counter()
        wf.put_card(rid, edited)
        puts.append(time.perf_counter() - t)
        wf.flush()
        edits.append(time.perf_counter() - t)

    # Worst stall of the "UI" thread while the autosaver writes in the background, and
    # the worst gap of the same loop over the same time with nothing saving (the machine's
    # own noise: other processes, the scheduler).
    stalls, idle = [], []
    saved = threading.Event()
    gc_loaded = full_gc_ms()
    saver = Autosaver(wf, delay=0.0, max_delay=0.0, on_saved=saved.set)
    gc_frozen = full_gc_ms()  # the saver froze what was loaded
    for i in range(repeat):
        saved.clear()
        t = time.perf_counter()
        wf.put_card(rid, Card(card.id, f"bg {i}", card.cell))
        worst, last = time.perf_counter() - t, time.perf_counter()
        while not saved.is_set():
            now = time.perf_counter()
            worst, last = max(worst, now - last), now
        stalls.append(worst)
        quiet_until, last, worst = time.perf_counter() + (last - t), time.perf_counter(), 0.0
        while (now := time.perf_counter()) < quiet_until:
            worst, last = max(worst, now - last), now
        idle.append(worst)
    saver.stop()
    wf.close()
    return {
        "load_ms": med(loads),
        "edit_ms": med(edits),
        "baseline_ms": med(baselines),
        "ratio": statistics.median(edits) / statistics.median(baselines),
        "put_ms": med(puts),
        "stall_ms": max(stalls) * 1000,
        "idle_ms": max(idle) * 1000,
        "gc_ms": gc_loaded,
        "gc_frozen_ms": gc_frozen,
        "size_kb": path.stat().st_size / 1024,
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=15)
    parser.add_argument("--sizes", default="100,1000,10000", help="card counts, comma-separated")
    args = parser.parse_args()
    sizes = [int(n) for n in args.sizes.split(",")]
    with tempfile.TemporaryDirectory() as tmp:
        print(
            "| cards | file KB | open+load ms | edit persisted ms | json.dumps+write+fsync ms "
            "| ratio "
            "| edit on UI thread ms | worst UI stall during background save ms "
            "| same, nothing saving ms | full GC ms | full GC once saving (frozen) ms |"
        )
        print("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
        for n in sizes:
            r = bench(Path(tmp), n, args.repeat)
            print(
                f"| {n:,} | {r['size_kb']:.0f} | {r['load_ms']:.1f} | {r['edit_ms']:.1f} | "
                f"{r['baseline_ms']:.1f} | {r['ratio']:.2f}× | {r['put_ms']:.2f} | "
                f"{r['stall_ms']:.1f} | {r['idle_ms']:.1f} | {r['gc_ms']:.1f} | "
                f"{r['gc_frozen_ms']:.1f} |"
            )


if __name__ == "__main__":
    main()
