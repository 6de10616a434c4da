"""Damaged workshop files: each is refused cleanly, or opens into a workshop everything handles.

A seeded, bounded run (TRUSTBOARD_FUZZ_CASES cases, 150 by default; TRUSTBOARD_FUZZ_SEED
changes the seed). Each case mutates the demo workshop or a small one, saved through the
store: byte flips, truncations, a wrong type in one field, duplicate keys, huge numbers,
deep nesting, other encodings. For every case:

- opening it read-only or read-write either raises a clean TrustBoardFileError or gives a
  workshop, and `trustboard check` agrees; the file is never written, nothing is left
  beside it;
- an accepted workshop goes through analytics, the summary and the full PDF report;
- every 10th accepted case (and the three unchanged bases: demo, small, brand-new) also
  gets the board drawn and every chart tab opened on every round.

A larger run: `python bench/fuzz.py workshop --cases 2000`.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from tests.fuzz.mutate import DEFAULT_SEED, explain
from tests.fuzz.workshop_cases import make_case, open_or_refuse, plan, use_workshop, write_case

SEED = int(os.environ.get("TRUSTBOARD_FUZZ_SEED", DEFAULT_SEED))
CASES = int(os.environ.get("TRUSTBOARD_FUZZ_CASES", 150))
QT_EVERY = 10  # the board and the charts for every 10th case, besides the bases


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
    path = write_case(case, tmp_path / "case")
    try:
        workshop = open_or_refuse(path)
        if workshop is None:
            return
        use_workshop(workshop, tmp_path / "out")
        if case.kind == "original" or index % QT_EVERY == 0:
            draw_board_and_every_chart(qtbot, path)
    except Exception as exc:
        raise AssertionError(explain(case.describe(), exc)) from None
