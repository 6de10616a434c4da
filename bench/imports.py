"""Import speed: a 2,000-respondent × 50-question survey export, as CSV and as XLSX.

    python bench/imports.py [--repeat N] [--respondents N]

Generates the exports in a temporary folder (a Google-Forms-like wide layout: response id,
timestamp, email, 40 grid questions with agreement labels, NPS, "Do you trust us?", three
free-text columns and four choice columns), then times, per format:

  read        read_table (decode, delimiter, header rows; or openpyxl read-only)
  detect      detect (tool, question texts, answer counts, roles)
  suggest     suggest (cells, labels, KPIs)
  plan        plan_import (every answer checked and placed)
  total       the four above: the assistant's wait before the preview (target ≤ 2 s)
  apply       import_command + History.push on a WorkshopDocument (target ≤ 3 s)

against baselines measured in the same run: csv.reader over the same CSV (bytes decoded,
every row listed) and openpyxl's own read-only iteration over the same XLSX.
"""

from __future__ import annotations

import argparse
import csv
import io
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import openpyxl

from trustboard.assets import templates_dir
from trustboard.document.commands import History
from trustboard.document.document import WorkshopDocument
from trustboard.domain.workshop import new_workshop
from trustboard.frameworks.templates import load_template
from trustboard.services.imports import detect, import_command, plan_import, read_table, suggest

AGREEMENT = ("Strongly disagree", "Disagree", "Neither agree nor disagree", "Agree",
             "Strongly agree", "Don't know")  # fmt: skip
COMMENTS = ("Great staff, always kind", "Slow to answer my emails", "信頼できるチーム",
            "Prices went up without warning 😕", '"Quoted" text, with commas')  # fmt: skip


def rows(n: int) -> tuple[list[str], list[list[Any]]]:
    fw = load_template(templates_dir() / "rtx-trust-framework.toml").framework
    cells = [(e.name, d.name) for e in fw.elements for d in fw.active_domains]
    header = ["Response ID", "Timestamp", "Email Address"]
    header += [
        f"How much do you trust us? [{cells[i % len(cells)][0]} of our "
        f"{cells[i % len(cells)][1]} (q{i})]"
        for i in range(40)
    ]
    header += ["How likely are you to recommend us to a friend?", "Do you trust us?"]
    header += ["What do we do well?", "What should we change?", "Anything else?"]
    header += ["Region", "Plan", "Years as a customer", "Channel"]
    rng = random.Random(15)
    out: list[list[Any]] = []
    for i in range(n):
        row: list[Any] = [f"R_{i:06d}", f"2026-12-01 10:{i % 60:02d}:00", f"p{i}@example.com"]
        row += [rng.choice(AGREEMENT) for _ in range(40)]
        row += [rng.randint(0, 10), rng.choice(("Yes", "No"))]
        row += [rng.choice(COMMENTS) if rng.random() < 0.2 else "" for _ in range(3)]
        row += [rng.choice(("North", "South")), rng.choice(("Basic", "Pro")), rng.randint(1, 9),
                rng.choice(("Web", "Phone", "Shop"))]  # fmt: skip
        out.append(row)
    return header, out


def write(folder: Path, n: int) -> tuple[Path, Path]:
    header, data = rows(n)
    path_csv = folder / "survey.csv"
    with path_csv.open("w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(header)
        writer.writerows(data)
    # Shared strings, as Excel, Microsoft Forms and Google Sheets write them (openpyxl's
    # write-only mode would write each text inline, which no survey tool does).
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Form1"
    sheet.append(header)
    for row in data:
        sheet.append(row)
    path_xlsx = folder / "survey.xlsx"
    book.save(path_xlsx)
    return path_csv, path_xlsx


def timed(fn: Callable[[], Any]) -> tuple[float, Any]:
    start = time.perf_counter()
    result = fn()
    return time.perf_counter() - start, result


def baseline_csv(path: Path) -> int:
    return len(list(csv.reader(io.StringIO(path.read_bytes().decode("utf-8"), newline=""))))


def baseline_xlsx(path: Path) -> int:
    book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    n = sum(1 for _ in book.worksheets[0].iter_rows(values_only=True))
    book.close()
    return n


def once(path: Path) -> dict[str, float]:
    fw = load_template(templates_dir() / "rtx-trust-framework.toml").framework
    ws = new_workshop(fw, "Bench")
    t: dict[str, float] = {}
    t["read"], table = timed(lambda: read_table(path))
    t["detect"], layout = timed(lambda: detect(table))
    t["suggest"], mapping = timed(lambda: suggest(layout, fw, ws))
    t["plan"], plan = timed(lambda: plan_import(table, mapping, ws))
    t["total"] = t["read"] + t["detect"] + t["suggest"] + t["plan"]
    doc, history = WorkshopDocument(ws), History()
    t["apply"], _ = timed(lambda: history.push(import_command(doc, plan, mapping)))
    t["answers"] = float(sum(len(v) for v in plan.scores.values()))
    return t


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--respondents", type=int, default=2000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        path_csv, path_xlsx = write(Path(folder), args.respondents)
        print(f"{args.respondents:,} respondents × 50 columns; median of {args.repeat} runs (s)")
        print(
            f"  csv {path_csv.stat().st_size / 1e6:.1f} MB, xlsx {path_xlsx.stat().st_size / 1e6:.1f} MB"
        )
        for label, path, base in (
            ("CSV", path_csv, baseline_csv),
            ("XLSX", path_xlsx, baseline_xlsx),
        ):
            runs = [once(path) for _ in range(args.repeat)]
            base_s = statistics.median(
                timed(lambda p=path, b=base: b(p))[0] for _ in range(args.repeat)
            )
            med = {k: statistics.median(r[k] for r in runs) for k in runs[0]}
            name = "csv.reader" if label == "CSV" else "openpyxl rows"
            print(f"{label}: {int(med['answers']):,} scores placed")
            for key in ("read", "detect", "suggest", "plan", "total", "apply"):
                target = {"total": "  (target ≤ 2 s)", "apply": "  (target ≤ 3 s)"}.get(key, "")
                print(f"  {key:8} {med[key]:7.3f}{target}")
            print(f"  baseline {name}: {base_s:.3f}  (read is {med['read'] / base_s:.1f}× it)")


if __name__ == "__main__":
    main()
