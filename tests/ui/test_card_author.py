"""Card → Set author…: who wrote a card, picked from the workshop's participants."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from trustboard.domain import limits
from trustboard.ui.action_specs import ActionId
from trustboard.ui.dialogs.author_dialog import AuthorDialog
from trustboard.ui.main_window import MainWindow


def test_the_author_dialog_offers_the_participants_and_the_current_author(
    qtbot: QtBot, unnamed_controls: Callable[[QWidget], list[str]]
) -> None:
    dialog = AuthorDialog(["Alice Martin", "Bob Leroy"], "Bob Leroy")
    qtbot.addWidget(dialog)
    assert unnamed_controls(dialog) == []
    names = [dialog.names.itemText(i) for i in range(dialog.names.count())]
    assert names == ["Alice Martin", "Bob Leroy"]
    assert dialog.author() == "Bob Leroy"
    dialog.names.setCurrentIndex(0)
    assert dialog.author() == "Alice Martin"
    dialog.names.setCurrentText("  Someone new ")
    assert dialog.author() == "Someone new"
    assert dialog.names.lineEdit().maxLength() == limits.TITLE_CHARS


def test_set_author_from_the_card_menu_is_one_undo_step(
    qtbot: QtBot, demo_window: MainWindow
) -> None:
    session, scene = demo_window.session, demo_window.scene
    assert session is not None and scene is not None
    participants = session.workshop.participants
    assert participants  # the demo has a room of people to pick from
    card_id = next(i for i, c in session.round.cards.items() if c.author != participants[-1])
    was = session.round.cards[card_id].author
    scene.clearSelection()
    scene.cards[card_id].setSelected(True)
    offered: list[Sequence[str]] = []

    def pick(parent: QWidget | None, names: Sequence[str], current: str) -> str:
        offered.append(names)
        return names[-1]

    demo_window.cards.ask_author = pick  # type: ignore[method-assign]
    action = demo_window.actions_[ActionId.SET_AUTHOR]
    assert action.isEnabled()
    action.trigger()
    assert offered == [participants]
    assert session.round.cards[card_id].author == participants[-1]
    assert session.undo_stack.undoText().startswith("Set author of")
    session.undo_stack.undo()
    assert session.round.cards[card_id].author == was


def test_set_author_cancelled_changes_nothing(qtbot: QtBot, demo_window: MainWindow) -> None:
    session, scene = demo_window.session, demo_window.scene
    assert session is not None and scene is not None
    card_id = next(iter(session.round.cards))
    before = session.round.cards[card_id]
    scene.clearSelection()
    scene.cards[card_id].setSelected(True)
    demo_window.cards.ask_author = lambda parent, names, current: None  # type: ignore[method-assign]
    count = session.undo_stack.count()
    demo_window.actions_[ActionId.SET_AUTHOR].trigger()
    assert session.round.cards[card_id] == before
    assert session.undo_stack.count() == count
