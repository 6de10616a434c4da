"""The survey import dialog: preview, errors naming row and column, import as one undo step."""

from __future__ import annotations

import copy
import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from trustboard.document.rounds import start_round_command
from trustboard.domain.workshop import Layer, Perspective
from trustboard.store import WorkshopFile
from trustboard.ui.session import Session
from trustboard.ui.survey_dialog import SurveyImportDialog

HEADER = "element,domain,perspective,score,comment\n"
CI = ("competence", "individuals")


def _dialog(qtbot: QtBot, session: Session, path: Path) -> SurveyImportDialog:
    dialog = SurveyImportDialog(session, path)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def test_preview_then_import_then_undo(
    qtbot: QtBot, session: Session, tmp_path: Path, reopen: Callable[[Session], WorkshopFile]
) -> None:
    session.add_score(CI, 3, perspective=Perspective.CUSTOMER)
    before = copy.deepcopy(session.round)
    path = tmp_path / "survey.csv"
    path.write_text(
        HEADER
        + "Competence,Individuals,customer,5,Helpful <b>& quick\n"
        + "competence,individuals,customer,4,\n"
        + "Empathy,Technology,self,2,\n",
        encoding="utf-8",
    )
    dialog = _dialog(qtbot, session, path)
    assert dialog.import_button.isEnabled()
    assert not dialog.error_label.isVisible()
    assert dialog.rows_table.rowCount() == 3
    assert dialog.rows_table.item(0, 6).text() == "Helpful <b>& quick"
    assert dialog.totals_table.rowCount() == 2
    assert [dialog.totals_table.item(0, c).text() for c in range(6)] == [
        "Competence × Individuals", "Customers", "as-is", "2", "4.5", "1",
    ]  # fmt: skip
    assert "3 scores in 2 cells and 1 comment card" in dialog.summary.text()
    steps = session.undo_stack.count()
    dialog.import_button.click()
    assert dialog.result() == SurveyImportDialog.DialogCode.Accepted
    rnd = session.round
    assert rnd.rating(CI, Layer.AS_IS, Perspective.CUSTOMER).scores == (3, 5, 4)
    assert [c.text for c in rnd.cards.values()] == ["Helpful <b>& quick"]
    assert session.undo_stack.count() == steps + 1
    assert session.undo_stack.text(steps) == "Import 3 survey scores"
    with reopen(session) as on_disk:
        on_disk_round = on_disk.workshop.current_round
        assert on_disk_round.rating(CI, Layer.AS_IS, Perspective.CUSTOMER).scores == (3, 5, 4)
    session.undo_stack.undo()
    assert session.round == before


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"elem,domain,perspective,score\n", "row 1, column 'element': the header lacks"),
        (HEADER.encode() + b"Competense,individuals,self,3,\n", "row 2, column 'element'"),
        (
            HEADER.encode() + b"competence,individuals,self,6,\n",
            "6 is outside the scale 1–5",
        ),
        (HEADER.encode() + b"competence,individuals,self,3,caf\xe9\n", "row 2: is not UTF-8"),
    ],
)
def test_broken_files_say_where_and_import_nothing(
    qtbot: QtBot, session: Session, tmp_path: Path, content: bytes, message: str
) -> None:
    path = tmp_path / "survey.csv"
    path.write_bytes(content)
    dialog = _dialog(qtbot, session, path)
    assert dialog.error_label.isVisible()
    assert message in dialog.error_label.text()
    assert "Nothing will be imported" in dialog.error_label.text()
    assert not dialog.import_button.isEnabled()
    assert not dialog.import_now()
    assert dialog.rows_table.rowCount() == 0
    assert session.undo_stack.count() == 0
    assert session.round.ratings == {}


def test_a_hundred_thousand_rows_preview_only_the_first(
    qtbot: QtBot, session: Session, tmp_path: Path
) -> None:
    path = tmp_path / "big.csv"
    rows = "".join(f"competence,individuals,customer,{i % 5 + 1},\n" for i in range(100_000))
    path.write_text(HEADER + rows, encoding="utf-8")
    dialog = _dialog(qtbot, session, path)
    assert dialog.rows_table.rowCount() == 20
    assert dialog.totals_table.item(0, 3).text() == "100,000"
    assert dialog.import_now()
    assert len(session.round.rating(CI, Layer.AS_IS, Perspective.CUSTOMER).scores) == 100_000
    assert session.undo_stack.count() == 1


def test_importing_while_browsing_goes_to_the_current_round(
    qtbot: QtBot, session: Session, tmp_path: Path
) -> None:
    first = session.round.id
    session.push(start_round_command(session.doc, "Q3", dt.date(2026, 7, 1)))
    current = session.round
    session.set_viewed_round(first)
    path = tmp_path / "survey.csv"
    path.write_text(HEADER + "competence,individuals,self,4,\n", encoding="utf-8")
    dialog = _dialog(qtbot, session, path)
    assert "“Q3”" in dialog.summary.text()
    assert dialog.import_now()
    assert not session.browsing
    assert current.rating(CI, Layer.AS_IS, Perspective.SELF).scores == (4,)
    assert session.workshop.round(first).ratings == {}
