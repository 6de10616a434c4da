"""PDF export time against text length: a long title, organisation and round label, long cards.

    python bench/export_sizes.py            # 5k, 10k, 20k and 100k characters
    python bench/export_sizes.py 5000 20000 # chosen lengths

Each case runs in its own process with a time limit (60 s), so a slow case is reported
as over the limit instead of stopping the run. Two shapes of text: words ("Trust … ")
and one unbroken word, since a line breaker meets them differently. Layout should grow
linearly: twice the text, about twice the time.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LIMIT = 60.0
LENGTHS = (5_000, 10_000, 20_000, 100_000)

CHILD = """
import sys, time
sys.path.insert(0, {root!r})
from bench.pdf import workshop_with
from trustboard.export import ReportOptions, SummaryOptions, write_report, write_summary
n, shape, what = {n}, {shape!r}, {what!r}
ws = workshop_with(0)
text = ("Trust builds " * n)[:n] if shape == "words" else ("x" * n)
if what == "summary":
    ws.title = text
    ws.organisation = text
    ws.current_round.label = text
    write = lambda: write_summary(ws, ws.current_round_id, {out!r}, SummaryOptions())
else:
    import dataclasses
    cards = ws.current_round.cards
    for key in list(cards)[:3]:
        cards[key] = dataclasses.replace(cards[key], text=text)
    write = lambda: write_report(ws, ws.current_round_id, {out!r}, ReportOptions())
start = time.perf_counter()
r = write()
print(time.perf_counter() - start, r.pages)
"""


def measure(n: int, shape: str, what: str, out: Path) -> str:
    code = CHILD.format(root=str(ROOT), n=n, shape=shape, what=what, out=str(out))
    try:
        done = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, timeout=LIMIT
        )
    except subprocess.TimeoutExpired:
        return f"> {LIMIT:.0f} s"
    if done.returncode != 0:
        last = (done.stderr.strip().splitlines() or ["?"])[-1]
        return f"failed: {last[:60]}"
    seconds, pages = done.stdout.split()
    return f"{float(seconds):6.2f} s ({pages} pages)"


def main(argv: list[str]) -> int:
    lengths = [int(a) for a in argv] or list(LENGTHS)
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder) / "out.pdf"
        for what, label in (("summary", "title+org+round"), ("report", "3 cards")):
            for shape in ("words", "one word"):
                for n in lengths:
                    print(
                        f"{what:8} {label:16} {shape:9} {n:7,} chars  {measure(n, shape, what, out)}"
                    )
                    sys.stdout.flush()
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
