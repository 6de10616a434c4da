"""The assistant on the real import engine, driven end to end as a facilitator would:
a Google Forms export read, a column mapped, a label fixed, the preview checked, imported
as one undo step (scores, NPS with n, comment cards), then undone exactly."""

from __future__ import annotations

import copy
import threading
from pathlib import Path
from typing import Any

from pytestqt.qtbot import QtBot

from tests.ui.imports.test_assistant import _choose, _row
from trustboard.domain.workshop import Layer, Perspective
from trustboard.ui.imports.assistant import ImportAssistant
from trustboard.ui.imports.columns import CELL, TARGET
from trustboard.ui.imports.engine import real_engine
from trustboard.ui.session import Session

STAFF = "How much do you trust our competence? [Individuals]"
TOOLS = "How much do you trust us? [Our tools]"
NPS = "How likely are you to recommend us to a friend?"
MORE = "Anything else?"
CI, RT = ("competence", "individuals"), ("reliability", "technology")
WAIT = 20_000


def _google_forms(tmp_path: Path) -> Path:
    path = tmp_path / "Customer trust (Responses).csv"
    path.write_text(
        f'Timestamp,{STAFF},{TOOLS},{NPS},{MORE}\n'
        "2026/11/02 10:01:00 AM GMT+1,Agree,Mostly,9,Quick <b>& kind\n"
        "2026/11/02 10:05:00 AM GMT+1,Strongly agree,Agree,10,\n"
        '2026/11/02 10:09:00 AM GMT+1,Don\'t know,Disagree,3,"=HYPERLINK(""http://x"")"\n',
        encoding="utf-8",
    )
    return path


def _open(qtbot: QtBot, session: Session, path: Path) -> ImportAssistant:
    dialog = ImportAssistant(session, path)
    qtbot.addWidget(dialog)
    dialog.show()
    with qtbot.waitSignal(dialog.planned, timeout=20_000):
        pass
    return dialog


def test_a_google_forms_export_mapped_fixed_previewed_imported_and_undone(
    qtbot: QtBot, session: Session, tmp_path: Path
) -> None:
    before = copy.deepcopy(session.workshop)
    dialog = _open(qtbot, session, _google_forms(tmp_path))
    assert dialog.how.text().startswith(
        "Read as CSV, UTF-8, comma-separated; looks like a Google Forms export (3 rows"
    )
    assert (
        dialog.preview.headline.text()
    ) == "3 respondents: 2 scores in 1 cell, 2 cards, 1 KPI."
    assert dialog.columns.editor(_row(dialog, TOOLS), TARGET).value() == "ignore"

    row = _row(dialog, TOOLS)  # map the unmatched grid row to a cell
    dialog.columns.selectRow(row)
    _choose(dialog.columns.editor(row, TARGET), "score")
    with qtbot.waitSignal(dialog.planned, timeout=20_000):
        _choose(dialog.columns.editor(row, CELL), RT)
    assert "Mostly" in dialog.preview.error.text()
    assert not dialog.import_button.isEnabled()
    assert dialog.labels.unplaced() == ["Mostly"]
    labels = dialog.labels.table
    somewhat = [labels.item(r, 0).text() for r in range(labels.rowCount())].index("Mostly")
    with qtbot.waitSignal(dialog.planned, timeout=20_000):
        _choose(labels.cellWidget(somewhat, 1), 4)
    assert dialog.preview.headline.text().startswith("3 respondents: 5 scores in 2 cells")
    cells = [dialog.preview.scores.item(r, 0).text() for r in range(dialog.preview.scores.rowCount())]
    assert cells == ["Competence × Individuals", "Reliability × Technology"]
    assert dialog.preview.kpis.text().startswith("Net promoter score: 33.3 ± ")
    assert "(n = 3)" in dialog.preview.kpis.text() and "Cards: Unsorted 2" in dialog.preview.kpis.text()
    assert "is marked skip" in dialog.preview.skipped.item(0, 2).text()

    steps = session.undo_stack.count()
    assert dialog.import_now()
    rnd = session.round
    assert rnd.rating(CI, Layer.AS_IS, Perspective.CUSTOMER).scores == (4, 5)
    assert rnd.rating(RT, Layer.AS_IS, Perspective.CUSTOMER).scores == (4, 4, 2)
    assert round(rnd.kpis["nps"], 1) == 33.3 and rnd.kpi_basis["nps"].n == 3
    assert sorted(c.text for c in rnd.cards.values()) == ['=HYPERLINK("http://x")', "Quick <b>& kind"]
    assert session.undo_stack.count() == steps + 1
    assert len(session.workshop.mappings) == 1 and len(session.workshop.imports) == 1

    again = _open(qtbot, session, _google_forms(tmp_path))  # the saved mapping, and "already"
    assert again.columns.editor(_row(again, TOOLS), CELL).value() == RT
    assert "imported" in again.preview.already.text() and not again.import_button.isEnabled()
    again.reject()

    session.undo_stack.undo()
    assert session.workshop == before


def test_stop_during_a_slow_read_of_a_big_export(
    qtbot: QtBot, session: Session, tmp_path: Path
) -> None:
    """The real reader, its progress held mid-file on an Event: Stop ends the read at its
    next progress report; nothing is read, planned or imported."""
    path = tmp_path / "big.csv"
    rows = "".join(f"2026/11/02,Agree,Disagree,{i % 11},\n" for i in range(20_000))
    path.write_text(f"Timestamp,{STAFF},{TOOLS},{NPS},{MORE}\n{rows}", encoding="utf-8")
    engine = real_engine()
    held, release = threading.Event(), threading.Event()
    read = engine.read_table

    def slow_read(p: Path, **kw: Any) -> Any:
        progress = kw.pop("progress")

        def hold(fraction: float) -> bool:
            if fraction > 0:
                held.set()
                release.wait(10)
            return bool(progress(fraction))

        return read(p, progress=hold, **kw)

    engine.read_table = slow_read
    dialog = ImportAssistant(session, path, engine=engine)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(held.is_set, timeout=WAIT)
    assert dialog.stop_button.isVisible() and not dialog.import_button.isEnabled()
    with qtbot.waitSignal(dialog.stopped, timeout=WAIT) as stopped:
        dialog.stop_button.click()
        release.set()
    assert stopped.args == ["Reading big.csv was stopped. Nothing was imported."]
    assert dialog.table is None and dialog.plan is None
    assert session.undo_stack.count() == 0 and session.round.ratings == {}
