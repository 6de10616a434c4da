"""Whatever a file or a workshop holds shows in the assistant as typed: headers, answers,
cell names, the messages that quote them; never as markup, never evaluated."""

from __future__ import annotations

import csv
from pathlib import Path

from pytestqt.qtbot import QtBot

from tests.ui.imports.test_assistant import _choose
from tests.ui.test_people_text_stays_text import (  # noqa: F401 - `window` is a fixture
    HOSTILE,
    Audit,
    _seen,
    window,
)
from trustboard.ui.imports.assistant import ImportAssistant
from trustboard.ui.imports.columns import TARGET
from trustboard.ui.main_window import MainWindow


def test_typed_markup_in_a_file_and_a_workshop_shows_as_text(
    qtbot: QtBot, window: MainWindow, tmp_path: Path  # noqa: F811 - the fixture
) -> None:
    session = window.session
    assert session is not None
    path = tmp_path / "survey.csv"
    with path.open("w", newline="", encoding="utf-8") as f:
        csv.writer(f).writerows([
            [f"{HOSTILE} [grid]", "=HYPERLINK(\"http://x\",\"y\")", "Comment"],
            [HOSTILE, "+1", HOSTILE],
            ["Agree", "@SUM(A1)", "-2"],
        ])  # fmt: skip
    dialog = ImportAssistant(session, path, window)
    qtbot.addWidget(dialog)
    dialog.show()
    with qtbot.waitSignal(dialog.planned, timeout=20_000):
        pass
    dialog.columns.selectRow(0)
    with qtbot.waitSignal(dialog.planned, timeout=20_000):
        _choose(dialog.columns.editor(0, TARGET), "score")  # a cell yet to choose: a message
    assert dialog.columns.item(1, 0).text() == '=HYPERLINK("http://x","y")'
    assert dialog.columns.item(1, 1).text() == "+1; @SUM(A1)"
    audit = Audit().widgets()
    assert audit.leaks == []
    assert _seen(audit, "importColumns", "importLabels", "importLabelsTitle",
                 "importPlanError") == []  # fmt: skip
