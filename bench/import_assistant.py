"""The import assistant with a 2,000-respondent × 50-question export (bench/imports.py's
survey), as CSV and XLSX: how long until the preview shows, how long the GUI thread is
ever blocked meanwhile (reading and planning run on a worker thread), and the import.

    QT_QPA_PLATFORM=offscreen python bench/import_assistant.py [--respondents N]

  open        the dialog built, shown and painted (before the file is read)
  preview     open → the preview of the suggested mapping on show
  worst gap   from then to the preview, the longest the GUI thread did not turn its event
              loop (a 1 ms timer's worst gap: what a click or a repaint would have waited)
  import      Import pressed → one undo step pushed and the dialog closed
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QElapsedTimer, QTimer
from PySide6.QtWidgets import QApplication

from bench.imports import write
from trustboard.assets import templates_dir
from trustboard.domain.workshop import new_workshop
from trustboard.frameworks.templates import load_template
from trustboard.store import WorkshopFile
from trustboard.ui.imports.assistant import ImportAssistant
from trustboard.ui.session import Session


def run(app: QApplication, folder: Path, data: Path) -> tuple[float, float, float, float]:
    fw = load_template(templates_dir() / "rtx-trust-framework.toml").framework
    board = folder / f"{data.suffix[1:]}.trustboard"
    session = Session(WorkshopFile.create(board, new_workshop(fw, "Bench")))
    gaps: list[int] = []
    clock, timer = QElapsedTimer(), QTimer()
    timer.setInterval(1)
    timer.timeout.connect(lambda: gaps.append(clock.restart()))
    done: list[float] = []
    start = time.perf_counter()
    dialog = ImportAssistant(session, data)
    dialog.planned.connect(lambda: done.append(time.perf_counter()))
    dialog.show()
    app.processEvents()  # opened and painted; from here on the file is read and planned
    opened = time.perf_counter() - start
    clock.start()
    timer.start()
    while not done:
        app.processEvents()
    timer.stop()
    preview = done[0] - start
    assert dialog.import_button.isEnabled(), dialog.preview.error.text()
    start = time.perf_counter()
    assert dialog.import_now()
    imported = time.perf_counter() - start
    dialog.deleteLater()
    session.close()
    return opened, preview, max(gaps[1:]) / 1000, imported


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--respondents", type=int, default=2000)
    args = parser.parse_args()
    app = QApplication.instance() or QApplication([])
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        paths = write(folder, args.respondents)
        print(f"{args.respondents:,} respondents × 50 questions")
        print(f"{'':6} {'open':>7} {'preview':>9} {'worst gap':>10} {'import':>8}")
        for path in paths:
            opened, preview, gap, imported = run(app, folder, path)
            print(f"{path.suffix[1:]:6} {opened * 1000:5.0f}ms {preview:8.2f}s "
                  f"{gap * 1000:8.0f}ms {imported:7.2f}s")  # fmt: skip


if __name__ == "__main__":
    main()
