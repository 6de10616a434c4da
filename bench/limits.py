"""A workshop at every limit at once: does the window, every chart and both PDFs stay usable?

    python bench/limits.py            # offscreen; QT_QPA_PLATFORM=xcb under Xvfb for real paints

`trustboard/domain/limits.py` promises that a workshop inside its limits stays fast. This
builds the largest workshop those limits allow in every direction at once (30 × 30 grid,
50 questions per row and column, an 11-step scale, 200-character titles, 5,000-character
cards, 500 participants, many rounds, every import and mapping a workshop remembers) and times, each against the demo workshop in the
same run: opening it in the real window until the board has painted, showing every chart
tab, and writing the summary and the full report.
"""

from __future__ import annotations

import datetime as dt
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import TYPE_CHECKING

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

if TYPE_CHECKING:
    from trustboard.domain.workshop import Workshop

WORDS = ("trust", "evidence", "customers", "honest", "repair", "delivery", "privacy", "mentor")


def _text(n: int, seed: int) -> str:
    out: list[str] = []
    i = seed
    while sum(len(w) + 1 for w in out) < n:
        out.append(WORDS[i % len(WORDS)])
        i = i * 7 + 3
    return " ".join(out)[:n]


def _long(n: int, seed: int) -> str:
    """`_text` for very long texts, without its quadratic cost."""
    part = _text(2_000, seed)
    return (part * (n // len(part) + 1))[:n]


def workshop_at_limits(rounds: int = 12) -> Workshop:
    """The largest workshop the limits allow in every direction at once."""
    from trustboard.domain import limits
    from trustboard.domain.framework import (
        Axis,
        CardKind,
        Framework,
        Question,
        RatingScale,
        ScaleStep,
    )
    from trustboard.domain.workshop import (
        Answer,
        Card,
        ImportRecord,
        KpiBasis,
        Layer,
        Perspective,
        Rating,
        Round,
        SavedMapping,
        Workshop,
    )

    def axes(prefix: str, count: int) -> tuple[Axis, ...]:
        return tuple(
            Axis(
                f"{prefix}{i}",
                _text(limits.NAME_CHARS, i),
                "group",
                _text(limits.DEFINITION_CHARS, i),
                tuple(
                    Question(f"{prefix}{i}-q{j}", _text(300, i + j))
                    for j in range(min(limits.QUESTIONS_PER_SET, limits.QUESTIONS_TOTAL // 60))
                ),
            )
            for i in range(count)
        )

    steps = tuple(ScaleStep(v, _text(40, v)) for v in range(limits.SCALE_STEPS))
    extra = (CardKind(f"kind{i}", _text(40, i), "#a4c2f4") for i in range(limits.CARD_KINDS - 1))
    kinds = (CardKind("evidence", "Evidence", "#ffd966"), *extra)
    fw = Framework(
        "limits",
        _text(limits.NAME_CHARS, 1),
        _text(limits.DEFINITION_CHARS, 2),
        axes("e", limits.ELEMENTS),
        axes("d", limits.DOMAINS),
        RatingScale(steps),
        kinds,
    )
    fw.validate()
    cells = list(fw.cells())
    all_rounds = []
    for r in range(rounds):
        rnd = Round(f"r{r}", _text(limits.TITLE_CHARS, r), dt.date(2026, 1, 1) + dt.timedelta(r))
        for i, cell in enumerate(cells):
            layer = Layer.AS_IS if i % 2 else Layer.TO_BE
            long = i % 50 == 0  # a few cards as long as a card may be
            card = Card(
                f"c{r}-{i}",
                _text(limits.CARD_CHARS if long else 120, i),
                cell,
                layer,
                kinds[i % len(kinds)].id,
                f"Person {i % 500}",
                i % 5,
                float(i),
            )
            rnd.cards[card.id] = card
            rating = Rating(cell, Layer.AS_IS, Perspective.SELF, tuple(range(11)))
            rnd.ratings[rating.key] = rating
        q = fw.questions_for(cells[0])[0]
        answer = Answer(cells[0], q.id, _text(limits.ANSWER_CHARS, 3), True)
        rnd.answers[answer.key] = answer
        rnd.kpis.update({"retention": 50.0 + r, "nps": -100.0 + 10 * r})
        rnd.kpi_basis["nps"] = KpiBasis(limits.RESPONSES, 4.6, _text(limits.SOURCE_CHARS, r))
        all_rounds.append(rnd)
    # What imports keep: every file remembered, with every response id, and every mapping.
    per_file = limits.RESPONSE_IDS // limits.IMPORT_RECORDS
    imported = tuple(
        ImportRecord(
            f"{i:064x}",
            _text(limits.SOURCE_CHARS, i),
            all_rounds[i % len(all_rounds)].id,
            dt.datetime(2026, 1, 1, 9, 0),
            per_file,
            tuple(f"R_{i}_{j:0{limits.RESPONSE_ID_CHARS - 10}d}" for j in range(per_file)),
        )
        for i in range(limits.IMPORT_RECORDS)
    )
    mappings = tuple(
        SavedMapping(f"{i:064x}", _text(limits.SOURCE_CHARS, i), _long(limits.MAPPING_CHARS, i))
        for i in range(limits.MAPPINGS)
    )
    ws = Workshop(
        title=_text(limits.TITLE_CHARS, 5),
        framework=fw,
        organisation=_text(limits.TITLE_CHARS, 6),
        facilitator=_text(limits.TITLE_CHARS, 7),
        participants=tuple(f"Person {i}" for i in range(limits.PARTICIPANTS)),
        date=dt.date(2026, 3, 31),
        rounds=all_rounds,
        current_round_id=all_rounds[-1].id,
        mappings=mappings,
        imports=imported,
    )
    ws.validate()
    return ws


def demo() -> Workshop:
    from trustboard.assets import templates_dir
    from trustboard.frameworks.templates import load_template
    from trustboard.services.demo import demo_workshop

    fw = load_template(templates_dir() / "rtx-trust-framework.toml").framework
    return demo_workshop(fw, dt.date(2026, 3, 31))


def _timed(fn: object, runs: int = 3) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()  # type: ignore[operator]
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def measure(ws: Workshop, folder: Path, name: str) -> dict[str, float]:
    from PySide6.QtWidgets import QApplication

    from trustboard.export import ReportOptions, SummaryOptions, write_report, write_summary
    from trustboard.paths import UserPaths
    from trustboard.store import WorkshopFile
    from trustboard.ui.main_window import MainWindow

    app = QApplication.instance() or QApplication([])
    path = folder / f"{name}.trustboard"
    WorkshopFile.create(path, ws).close()
    figures: dict[str, float] = {}
    window = MainWindow(UserPaths.under(folder / "home"))
    window.resize(1280, 720)
    window.show()

    def open_and_paint() -> None:
        window.open_file(path)
        window.grab()
        app.processEvents()
        window.close_workshop()

    figures["open + paint"] = _timed(open_and_paint)
    window.open_file(path)

    def charts() -> None:
        window.tools.show_charts()
        charts_window = window.tools.charts_window
        for key in charts_window.keys:  # type: ignore[union-attr]
            charts_window.show_chart(key).grab()  # type: ignore[union-attr]
        app.processEvents()

    figures["every chart"] = _timed(charts, 1)
    window.close_workshop()
    window.close()
    rid = ws.current_round_id
    figures["summary PDF"] = _timed(
        lambda: write_summary(ws, rid, folder / f"{name}-summary.pdf", SummaryOptions()), 1
    )
    figures["full report PDF"] = _timed(
        lambda: write_report(ws, rid, folder / f"{name}-report.pdf", ReportOptions()), 1
    )
    return figures


def main() -> int:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        measure(demo(), folder, "warm-up")  # fonts, imports and first paints, for neither
        base = measure(demo(), folder, "demo")
        big = measure(workshop_at_limits(), folder, "limits")
    print(f"{'':18} {'demo':>9} {'at limits':>10} {'ratio':>7}")
    for key, value in base.items():
        print(f"{key:18} {value * 1000:7.0f}ms {big[key] * 1000:8.0f}ms {big[key] / value:6.1f}×")
    return 0


if __name__ == "__main__":
    sys.exit(main())
