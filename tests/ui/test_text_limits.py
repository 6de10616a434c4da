"""Text fields stop at the workshop's limits, say so, and never hand an edit the model refuses."""

from __future__ import annotations

from PySide6.QtCore import QMimeData, Qt
from PySide6.QtWidgets import QPlainTextEdit
from pytestqt.qtbot import QtBot

from trustboard.domain import limits
from trustboard.domain.workshop import Card
from trustboard.ui import clipboard
from trustboard.ui.board.items import CardItem
from trustboard.ui.board.scene import BoardScene
from trustboard.ui.dialogs.action_dialog import ActionDialog
from trustboard.ui.dialogs.details_dialog import DetailsDialog
from trustboard.ui.docks.questions_box import QuestionRow
from trustboard.ui.rounds_dialog import RoundsDialog
from trustboard.ui.session import Session
from trustboard.ui.text_limits import limit_plain_text
from trustboard.ui.theme import LIGHT

CI = ("competence", "individuals")


def test_a_pasted_card_text_over_the_limit_is_cut_and_stored(
    qtbot: QtBot, session: Session
) -> None:
    scene = BoardScene(session, LIGHT)
    card_id = session.add_card(CI, "start ")
    assert card_id
    item: CardItem = scene.cards[card_id]
    item.start_edit()
    assert item.editor is not None
    assert "5,000" in item.editor.toolTip()
    cursor = item.editor.textCursor()
    cursor.insertText("x" * (limits.CARD_CHARS + 1_000))
    assert len(item.editor.toPlainText()) == limits.CARD_CHARS
    item.finish_edit(commit=True)
    text = session.round.cards[card_id].text
    assert len(text) == limits.CARD_CHARS and text.startswith("start x")


def test_a_pasted_answer_over_the_limit_is_cut_before_it_is_stored(
    qtbot: QtBot, session: Session
) -> None:
    question = session.framework.questions_for(CI)[0]
    row = QuestionRow(session, CI, question)
    qtbot.addWidget(row)
    assert "10,000" in row.editor.toolTip()
    row.editor.insertPlainText("a" * (limits.ANSWER_CHARS + 50))
    assert len(row.editor.toPlainText()) == limits.ANSWER_CHARS
    stored = session.round.answers[(*CI, question.id)].text
    assert stored == "a" * limits.ANSWER_CHARS


def test_a_cut_never_splits_an_emoji(qtbot: QtBot) -> None:
    edit = QPlainTextEdit()
    qtbot.addWidget(edit)
    guard = limit_plain_text(edit, 3)
    edit.insertPlainText("ab🎉🎉")
    assert edit.toPlainText() == "ab🎉"
    assert guard.cut


def test_detail_fields_stop_at_the_limit_and_too_many_people_get_a_message(
    qtbot: QtBot, session: Session
) -> None:
    dialog = DetailsDialog(session)
    qtbot.addWidget(dialog)
    for line in (dialog.title, dialog.organisation, dialog.facilitator):
        assert line.maxLength() == limits.TITLE_CHARS
        assert "200" in line.toolTip()
    dialog.title.setFocus()
    dialog.title.selectAll()
    qtbot.keyClicks(dialog.title, "T" * (limits.TITLE_CHARS + 5))
    assert len(dialog.title.text()) == limits.TITLE_CHARS
    dialog.participants.setPlainText("\n".join(f"P{i}" for i in range(limits.PARTICIPANTS + 1)))
    dialog.accept()
    assert dialog.error.text() == "501 participants; at most 500 are allowed."
    assert session.workshop.participants == ()
    assert session.undo_stack.count() == 0


def test_a_round_name_stops_at_the_limit(qtbot: QtBot, session: Session) -> None:
    dialog = RoundsDialog(session)
    qtbot.addWidget(dialog)
    assert dialog.label_edit.maxLength() == limits.TITLE_CHARS
    dialog.label_edit.setText("R" * (limits.TITLE_CHARS + 20))
    assert dialog.start_round()
    assert session.workshop.current_round.label == "R" * limits.TITLE_CHARS


def test_typing_keeps_going_under_the_limit(qtbot: QtBot) -> None:
    edit = QPlainTextEdit()
    qtbot.addWidget(edit)
    guard = limit_plain_text(edit, 10)
    qtbot.keyClicks(edit, "hello")
    qtbot.keyClick(edit, Qt.Key.Key_Return)
    assert edit.toPlainText() == "hello\n" and not guard.cut


def test_an_action_owner_stops_at_the_limit(qtbot: QtBot) -> None:
    dialog = ActionDialog(Card("c-1", "t", CI))
    qtbot.addWidget(dialog)
    assert dialog.owner.maxLength() == limits.ACTION_CHARS


def test_a_pasted_article_becomes_a_card_cut_at_the_limit(qtbot: QtBot, session: Session) -> None:
    mime = QMimeData()
    mime.setText("word " * 3_000)
    cards = clipboard.cards_from_mime(mime, {"evidence"})
    assert [len(c.text) for c in cards] == [limits.CARD_CHARS]
    assert len(session.paste_cards(cards, CI)) == 1  # the model takes it: no refusal mid-paste


def test_pasted_cards_with_broken_text_are_left_out(qapp: object) -> None:
    mime = QMimeData()
    records = (
        '[{"round": "", "element": null, "domain": null, "layer": "as-is", "kind": "evidence", '
    )
    bad = records + '"text": "half \\ud800"}, {"round": "", "element": null, "domain": null, '
    good = (
        bad
        + '"layer": "as-is", "kind": "evidence", "text": "whole", "author": "'
        + "A" * 300
        + '"}]'
    )
    mime.setData(clipboard.MIME, good.encode("utf-8"))
    cards = clipboard.cards_from_mime(mime, {"evidence"})
    assert [(c.text, len(c.author)) for c in cards] == [("whole", limits.TITLE_CHARS)]
