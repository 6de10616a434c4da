"""Browsing an earlier round: the cell panel shows that round's answers, read-only, and
undo from its fields cannot take back the room's latest work."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from trustboard.ui.main_window import MainWindow

CI = ("competence", "individuals")


def test_the_cell_panel_follows_round_browsing_and_turns_read_only(demo_window: MainWindow) -> None:
    session, panel = demo_window.session, demo_window.cell_panel
    assert session is not None and panel is not None
    session.set_current_cell(CI)
    question = panel.questions_box.rows[0].question.id
    session.set_answer(CI, question, text="Q2 answer")
    row = panel.questions_box.rows[0]
    assert row.editor.toPlainText() == "Q2 answer"
    session.set_viewed_round(session.workshop.rounds[0].id)
    row = panel.questions_box.rows[0]
    earlier = session.workshop.rounds[0].answers.get((*CI, question))
    assert row.editor.toPlainText() == (earlier.text if earlier else "")
    assert row.editor.isReadOnly()
    assert panel.read_only_label.isVisibleTo(panel)
    session.set_viewed_round(None)
    assert panel.questions_box.rows[0].editor.toPlainText() == "Q2 answer"
    assert not panel.questions_box.rows[0].editor.isReadOnly()


def test_undo_from_an_answer_field_does_nothing_while_browsing(
    qtbot: QtBot, demo_window: MainWindow
) -> None:
    session, panel = demo_window.session, demo_window.cell_panel
    assert session is not None and panel is not None
    card_id = session.add_card(CI, "the room just wrote this")
    session.set_viewed_round(session.workshop.rounds[0].id)
    editor = panel.questions_box.rows[0].editor
    editor.setFocus()
    qtbot.keyClick(editor, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert card_id in session.current_round.cards
