"""The questions box as the walk moves from cell to cell: rows are reused, never stale."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from trustboard.ui.docks.questions_box import QuestionsBox
from trustboard.ui.session import Session

CI = ("competence", "individuals")
RO = ("reliability", "organizations")


def test_moving_to_a_cell_reuses_the_rows_and_edits_land_in_the_new_cell(
    qtbot: QtBot, session: Session
) -> None:
    box = QuestionsBox(session)
    qtbot.addWidget(box)
    box.set_cell(CI)
    rows = list(box.rows)
    session.set_answer(CI, rows[0].question.id, text="said in the first cell")
    box.refresh()
    assert rows[0].editor.toPlainText() == "said in the first cell"

    box.set_cell(RO)
    wanted = session.framework.questions_for(RO)
    assert len(wanted) < len(rows)  # fewer prompts here: the first rows serve, the rest go
    assert box.rows == rows[: len(wanted)]
    assert [r.question for r in box.rows] == list(wanted)
    assert [r.label.text() for r in box.rows] == [q.text for q in wanted]
    assert box.rows[0].editor.toPlainText() == ""  # the new cell's answer, not the old one
    assert box.rows[0].editor.accessibleName() == f"Answer: {wanted[0].text}"

    first = session.framework.questions_for(CI)[0]
    box.rows[0].editor.setPlainText("said in the second cell")
    answers = session.round.answers
    assert answers[(*RO, wanted[0].id)].text == "said in the second cell"
    assert answers[(*CI, first.id)].text == "said in the first cell"
