"""Damaged workshop files: each is refused cleanly, or opens into a workshop everything handles.

A seeded, bounded run (TRUSTBOARD_FUZZ_CASES cases, 150 by default; TRUSTBOARD_FUZZ_SEED
changes the seed). Each case mutates the demo workshop or a small one, saved through the
store: byte flips, truncations, a wrong type in one field, duplicate keys, huge numbers,
deep nesting, other encodings. For every case:

- opening it read-only or read-write either raises a clean TrustBoardFileError or gives a
  workshop, and `trustboard check` agrees; the file is never written, nothing is left
  beside it;
- an accepted workshop goes through analytics, the summary and the full PDF report;
- every 10th accepted case (and the three unchanged bases: demo, small, brand-new, and
  every accepted huge number) also gets the board drawn and every chart tab opened on
  every round;
- a file with a key given twice, or a number that is not finite (NaN, Infinity, 1e400),
  must be refused: opening it would lose data or break the charts.

A larger run: `python bench/fuzz.py workshop --cases 2000`.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from tests.fuzz.mutate import DEFAULT_SEED, explain, hang_guard
from tests.fuzz.workshop_cases import check_case, make_case, plan, use_workshop

SEED = int(os.environ.get("TRUSTBOARD_FUZZ_SEED", DEFAULT_SEED))
CASES = int(os.environ.get("TRUSTBOARD_FUZZ_CASES", 150))
QT_EVERY = 10  # the board and the charts for every 10th case
QT_ALWAYS = ("original", "huge")  # and for the bases and every accepted huge number


def draw_board_and_every_chart(qtbot: QtBot, path: Path) -> None:
    """The board painted and every chart tab shown, on every round of the workshop."""
    from trustboard.store import WorkshopFile
    from trustboard.ui.board.scene import BoardScene
    from trustboard.ui.board.view import BoardView
    from trustboard.ui.charts import ChartsWindow
    from trustboard.ui.session import Session
    from trustboard.ui.theme import LIGHT

    session = Session(WorkshopFile.open(path, read_only=True))
    try:
        scene = BoardScene(session, LIGHT)
        view = BoardView(scene)
        qtbot.addWidget(view)
        view.resize(1280, 800)
        window = ChartsWindow(session)
        qtbot.addWidget(window)
        window.resize(1280, 800)
        window.show()
        for rnd in session.workshop.rounds:
            session.set_viewed_round(rnd.id)
            view.grab()  # paints every item of the board
            for key in window.keys:
                window.show_chart(key)
                window.grab()  # paints the chart
    finally:
        session.close()


@pytest.mark.parametrize("index", range(CASES), ids=[plan(i, SEED) for i in range(CASES)])
def test_a_damaged_workshop_is_refused_cleanly_or_fully_usable(
    index: int, tmp_path: Path, qtbot: QtBot
) -> None:
    case = make_case(index, SEED)
    with hang_guard():
        try:
            workshop = check_case(case, tmp_path / "case")
            if workshop is None:
                return
            use_workshop(workshop, tmp_path / "out")
            if case.kind in QT_ALWAYS or index % QT_EVERY == 0:
                draw_board_and_every_chart(qtbot, tmp_path / "case" / "case.trustboard")
        except Exception as exc:
            raise AssertionError(explain(case.describe(), exc)) from None
