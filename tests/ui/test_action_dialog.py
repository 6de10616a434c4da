"""Promoting a card to an action, editing it and removing it again, through the dialog."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QDialogButtonBox,
    QWidget,
)
from pytestqt.qtbot import QtBot

from trustboard.domain.framework import Framework
from trustboard.domain.workshop import Action, ActionStatus, Card, Layer, new_workshop
from trustboard.store import WorkshopFile
from trustboard.ui.dialogs.action_dialog import ActionDialog, promote_card
from trustboard.ui.session import Session

CI = ("competence", "individuals")
PEOPLE = ("Ana Lima", "Bo Chen", "Chidi Okafor")


@pytest.fixture
def session(qapp: object, tmp_path: Path, rtx: Framework) -> Iterator[Session]:
    ws = new_workshop(rtx, "Actions", participants=PEOPLE)
    s = Session(WorkshopFile.create(tmp_path / "w.trustboard", ws))
    yield s
    s.close()


def _driver(qtbot: QtBot, fill: Callable[[ActionDialog], None]) -> Callable[[ActionDialog], bool]:
    """Stands in for exec(): shows the dialog, lets `fill` drive it, says whether it was accepted."""

    def run(dialog: ActionDialog) -> bool:
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.waitExposed(dialog)
        fill(dialog)
        return dialog.result() == ActionDialog.DialogCode.Accepted

    return run


def _save(qtbot: QtBot, dialog: ActionDialog) -> None:
    save = dialog.buttons.button(QDialogButtonBox.StandardButton.Save)
    qtbot.mouseClick(save, Qt.MouseButton.LeftButton)


def test_promote_a_card_and_undo(qtbot: QtBot, session: Session, reopen) -> None:  # type: ignore[no-untyped-def]
    card_id = session.add_card(CI, "Publish staff profiles <b>&", layer=Layer.TO_BE)
    assert card_id
    steps = session.undo_stack.count()

    def fill(d: ActionDialog) -> None:
        assert d.windowTitle() == "Promote to action"
        assert d.card_text.text() == "Publish staff profiles <b>&"
        assert d.card_text.textFormat() == Qt.TextFormat.PlainText
        assert not d.remove.isVisible()
        assert d.no_due.isChecked() and not d.due.isEnabled()
        qtbot.keyClicks(d.owner, "Bo")
        assert d.owner.completer().completionCount() == 1
        assert d.owner.completer().currentCompletion() == "Bo Chen"
        qtbot.keyClicks(d.owner, " Chen")
        qtbot.keyClick(d.no_due, Qt.Key.Key_Space)
        assert d.due.isEnabled()
        d.due.setDate(QDate(2031, 3, 14))
        d.status.setCurrentIndex(d.status.findData(ActionStatus.IN_PROGRESS.value))
        _save(qtbot, d)

    assert promote_card(session, card_id, None, run=_driver(qtbot, fill))
    action = session.round.cards[card_id].action
    assert action == Action("Bo Chen", dt.date(2031, 3, 14), ActionStatus.IN_PROGRESS)
    assert session.undo_stack.count() == steps + 1
    assert session.undo_stack.undoText() == (
        "Promote to action “Publish staff profiles…” in Competence × Individuals"
    )
    with reopen(session) as wf:
        assert wf.workshop.current_round.cards[card_id].action == action
    session.undo_stack.undo()
    assert session.round.cards[card_id].action is None


def test_edit_keeps_what_is_not_touched_and_cancel_changes_nothing(
    qtbot: QtBot, session: Session
) -> None:
    card_id = session.add_card(CI, "Mentoring for new hires")
    assert card_id
    existing = Action("Ana Lima", dt.date(2030, 1, 31), ActionStatus.OPEN)
    session.update_card(card_id, action=existing)
    steps = session.undo_stack.count()

    def cancel(d: ActionDialog) -> None:
        assert d.windowTitle() == "Edit action"
        assert d.owner.text() == "Ana Lima"
        assert d.due.date() == QDate(2030, 1, 31) and not d.no_due.isChecked()
        d.owner.setText("Somebody else")
        qtbot.keyClick(d, Qt.Key.Key_Escape)

    assert not promote_card(session, card_id, None, run=_driver(qtbot, cancel))
    assert session.round.cards[card_id].action == existing
    assert session.undo_stack.count() == steps

    def mark_done(d: ActionDialog) -> None:
        d.status.setCurrentIndex(d.status.findData(ActionStatus.DONE.value))
        _save(qtbot, d)

    assert promote_card(session, card_id, None, run=_driver(qtbot, mark_done))
    assert session.round.cards[card_id].action == Action(
        "Ana Lima", dt.date(2030, 1, 31), ActionStatus.DONE
    )
    assert session.undo_stack.undoText() == (
        "Edit action “Mentoring for new…” in Competence × Individuals"
    )


def test_remove_action_turns_it_back_into_a_card(qtbot: QtBot, session: Session, reopen) -> None:  # type: ignore[no-untyped-def]
    card_id = session.add_card(CI, "Quarterly review")
    assert card_id
    session.update_card(card_id, action=Action("Chidi Okafor"))

    def remove(d: ActionDialog) -> None:
        assert d.remove.isVisible()
        qtbot.mouseClick(d.remove, Qt.MouseButton.LeftButton)

    assert promote_card(session, card_id, None, run=_driver(qtbot, remove))
    assert session.round.cards[card_id].action is None
    assert session.undo_stack.undoText() == (
        "Remove action “Quarterly review” in Competence × Individuals"
    )
    with reopen(session) as wf:
        assert wf.workshop.current_round.cards[card_id].action is None
    session.undo_stack.undo()
    assert session.round.cards[card_id].action == Action("Chidi Okafor")


def test_result_action_reads_the_fields(qtbot: QtBot) -> None:
    card = Card("c-1", "text", CI, action=Action("x", dt.date(2029, 5, 1), ActionStatus.DONE))
    dialog = ActionDialog(card, participants=PEOPLE, today=dt.date(2029, 1, 1))
    qtbot.addWidget(dialog)
    assert dialog.result_action() == card.action
    dialog.no_due.setChecked(True)
    assert dialog.result_action() == Action("x", None, ActionStatus.DONE)
    dialog.remove_action()
    assert dialog.result_action() is None


def test_new_action_suggests_a_date_two_weeks_out(qtbot: QtBot) -> None:
    dialog = ActionDialog(Card("c-1", "t", CI), today=dt.date(2029, 1, 1))
    qtbot.addWidget(dialog)
    assert dialog.due.date() == QDate(2029, 1, 15)
    assert dialog.result_action() == Action()  # no due date unless the box is unticked


def test_read_only_session_refuses(qapp: object, tmp_path: Path, rtx: Framework) -> None:
    path = tmp_path / "ro.trustboard"
    ws = new_workshop(rtx, "T")
    ws.current_round.cards["c-1"] = Card("c-1", "t", CI)
    WorkshopFile.create(path, ws).close()
    session = Session(WorkshopFile.open(path, read_only=True))
    try:
        called: list[ActionDialog] = []
        assert not promote_card(session, "c-1", None, run=lambda d: called.append(d) or True)
        assert called == []
    finally:
        session.close()


def test_every_control_has_a_name_and_a_tooltip(
    qtbot: QtBot, unnamed_controls: Callable[[QWidget], list[str]]
) -> None:
    card = Card("c-1", "t", CI, action=Action("x"))
    dialog = ActionDialog(card, participants=PEOPLE)
    qtbot.addWidget(dialog)
    assert unnamed_controls(dialog) == []
