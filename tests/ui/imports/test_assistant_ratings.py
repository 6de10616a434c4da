"""TrustBoard's own long ratings layout (element, domain, perspective, score, comment)
through the assistant: mapped by its headers, the preview's counts, one undo step, into
the current round even while an earlier one is browsed; 100,000 rows stay responsive."""

from __future__ import annotations

import copy
import datetime as dt
from pathlib import Path

from pytestqt.qtbot import QtBot

from trustboard.document.rounds import start_round_command
from trustboard.domain.workshop import Layer, Perspective
from trustboard.ui.imports.assistant import ImportAssistant
from trustboard.ui.session import Session

HEADER = "element,domain,perspective,score,comment\n"
CI = ("competence", "individuals")
WAIT = 30_000


def _open(qtbot: QtBot, session: Session, path: Path) -> ImportAssistant:
    dialog = ImportAssistant(session, path)
    qtbot.addWidget(dialog)
    dialog.show()
    with qtbot.waitSignal(dialog.planned, timeout=WAIT):
        pass
    return dialog


def test_long_ratings_preview_then_import_then_undo(
    qtbot: QtBot, session: Session, tmp_path: Path
) -> None:
    session.add_score(CI, 3, perspective=Perspective.CUSTOMER)
    before = copy.deepcopy(session.round)
    path = tmp_path / "ratings.csv"
    path.write_text(
        HEADER
        + "Competence,Individuals,customer,5,Helpful <b>& quick\n"
        + "competence,individuals,customer,4,\n"
        + "Empathy,Technology,self,2,\n",
        encoding="utf-8",
    )
    dialog = _open(qtbot, session, path)
    assert "looks like a TrustBoard ratings export" in dialog.how.text()
    scores = dialog.preview.scores
    rows = [[scores.item(r, c).text() for c in range(5)] for r in range(scores.rowCount())]
    assert ["Competence × Individuals", "Customers", "As-is", "2", "4.5"] in rows
    assert ["Empathy × Technology", "We (self)", "As-is", "1", "2"] in rows
    assert dialog.import_now()
    rnd = session.round
    assert rnd.rating(CI, Layer.AS_IS, Perspective.CUSTOMER).scores == (3, 5, 4)
    assert [c.text for c in rnd.cards.values()] == ["Helpful <b>& quick"]
    session.undo_stack.undo()
    assert session.round == before


def test_a_hundred_thousand_rows_import_as_one_step(
    qtbot: QtBot, session: Session, tmp_path: Path
) -> None:
    path = tmp_path / "big.csv"
    rows = "".join(f"competence,individuals,customer,{i % 5 + 1},\n" for i in range(100_000))
    path.write_text(HEADER + rows, encoding="utf-8")
    dialog = _open(qtbot, session, path)
    assert dialog.preview.scores.item(0, 3).text() == "100,000"
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
    dialog = _open(qtbot, session, path)
    assert "“Q3”" in dialog.status.text()
    assert dialog.import_now()
    assert not session.browsing
    assert session.round.rating(CI, Layer.AS_IS, Perspective.SELF).scores == (4,)
    assert current.id == session.round.id
    assert session.workshop.round(first).ratings == {}
