"""Undo while a card's text is being typed takes back the typing, then the card, and a
card removed under its open editor closes that editor without errors."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from trustboard.ui.actions import ActionId
from trustboard.ui.main_window import MainWindow

CI = ("competence", "individuals")


def test_undo_while_typing_in_a_card_takes_back_the_typing_without_errors(
    qtbot: QtBot, demo_window: MainWindow
) -> None:
    session, scene = demo_window.session, demo_window.scene
    assert session is not None and scene is not None
    card_id = session.add_card(CI, "original")
    assert card_id
    scene.cards[card_id].start_edit()
    editor = scene.cards[card_id].editor
    assert editor is not None
    editor.setPlainText("NEW TEXT")
    demo_window.actions_[ActionId.UNDO].trigger()  # the toolbar button keeps the editor open
    assert session.round.cards[card_id].text == "original"
    assert [session.undo_stack.text(i) for i in range(session.undo_stack.count())][-2:] == [
        "Add card “original” in Competence × Individuals",
        "Edit card “NEW TEXT” in Competence × Individuals",
    ]
    demo_window.actions_[ActionId.UNDO].trigger()  # undo the add while nothing is open
    assert card_id not in session.round.cards
    other = session.add_card(CI, "typing when its card disappears")
    assert other
    scene.cards[other].start_edit()
    session.undo_stack.undo()  # removes the card under the open editor
    assert other not in session.round.cards
