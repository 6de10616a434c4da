"""Start-up in another language: the window's first paint in German and French against
English, measured in the same run (issue 17: ≤ 1.05× English).

    python bench/languages.py          # offscreen; prints medians and ratios; exit 1 if over

Each launch is the real `trustboard --lang CODE` start to the start screen's first paint
(bench/board.py's probe); the languages take turns so the machine's drift hits all alike.
The catalogue of a language that is not used is never opened: English opens none.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.board import TRUSTBOARD, _first_paint  # noqa: E402

LANGUAGES = ("en", "de", "fr")
MAX_RATIO = 1.05


def _launch(code: str, data: str) -> float:
    probe = TRUSTBOARD.replace(
        '["--data-dir", sys.argv[1]]', f'["--lang", "{code}", "--data-dir", sys.argv[1]]'
    )
    return _first_paint(probe, data)[1]  # to the start screen, which shows translated texts


def main(runs: int = 15) -> int:
    data = tempfile.mkdtemp()
    for code in LANGUAGES:  # warm-up: disk cache and bytecode for each alike
        _launch(code, data)
    times: dict[str, list[float]] = {code: [] for code in LANGUAGES}
    for _ in range(runs):
        for code in LANGUAGES:
            times[code].append(_launch(code, data))
    english = statistics.median(times["en"])
    ok = True
    for code in LANGUAGES:
        median = statistics.median(times[code])
        ratio = median / english
        good = ratio <= MAX_RATIO
        ok &= good
        print(
            f"{code}: start screen painted in {median * 1000:5.0f} ms median "
            f"(best {min(times[code]) * 1000:4.0f}) = {ratio:4.2f}× English "
            f"(≤ {MAX_RATIO}×) {'ok' if good else 'OVER'}"
        )
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main(int(sys.argv[1]) if len(sys.argv) > 1 else 15))
