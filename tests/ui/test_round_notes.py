"""The round's "Notes / story": typed in the Rounds dialog, saved, one undo step per burst."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from trustboard.domain import limits
from trustboard.store import WorkshopFile
from trustboard.ui.rounds_dialog import RoundsDialog
from trustboard.ui.session import Session


def _dialog(qtbot: QtBot, session: Session) -> RoundsDialog:
    dialog = RoundsDialog(session)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    return dialog


def test_typing_the_story_is_saved_and_undone_in_one_step(
    qtbot: QtBot, session: Session, reopen: Callable[[Session], WorkshopFile]
) -> None:
    dialog = _dialog(qtbot, session)
    edit = dialog.notes.edit
    steps = session.undo_stack.count()
    edit.setFocus()
    qtbot.waitUntil(edit.hasFocus)
    qtbot.keyClicks(edit, "Onboarding wins trust")
    assert session.round.notes == "Onboarding wins trust"
    assert session.undo_stack.count() == steps + 1  # one step for the whole burst
    assert session.undo_stack.text(steps) == "Edit the round's notes"
    with reopen(session) as on_disk:
        assert on_disk.workshop.current_round.notes == "Onboarding wins trust"
    dialog.label_edit.setFocus()  # the burst ends when the focus moves on
    qtbot.waitUntil(lambda: not edit.hasFocus())
    qtbot.keyClick(edit, Qt.Key.Key_End)
    qtbot.keyClicks(edit, ".")
    assert session.undo_stack.count() == steps + 2
    session.undo_stack.undo()
    assert session.round.notes == "Onboarding wins trust"
    assert edit.toPlainText() == "Onboarding wins trust"
    session.undo_stack.undo()
    assert session.round.notes == "" and edit.toPlainText() == ""


def test_notes_too_long_are_refused_with_a_message(qtbot: QtBot, session: Session) -> None:
    dialog = _dialog(qtbot, session)
    dialog.notes.edit.setPlainText("x" * (limits.ANSWER_CHARS + 1))
    assert session.round.notes == ""
    assert not dialog.notes.error.isHidden()
    assert "Shorten them" in dialog.notes.error.text()
