"""Editing the workshop's details after it was created: one undo step, saved."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate
from pytestqt.qtbot import QtBot

from trustboard.store import WorkshopFile
from trustboard.ui.dialogs.details_dialog import DetailsDialog
from trustboard.ui.session import Session


def test_details_change_as_one_undo_step_and_reach_the_file(qtbot: QtBot, session: Session) -> None:
    dialog = DetailsDialog(session)
    qtbot.addWidget(dialog)
    dialog.title.setText("Q4 trust <b>&")
    dialog.organisation.setText("Acme")
    dialog.date.setDate(QDate(2026, 12, 1))
    dialog.participants.setPlainText("Mei Lin\n\nمريم\nMei Lin\n")
    dialog.anonymous.setChecked(True)
    dialog.accept()
    ws = session.workshop
    assert ws.title == "Q4 trust <b>&"
    assert ws.participants == ("Mei Lin", "مريم")
    assert ws.date == dt.date(2026, 12, 1)
    assert ws.anonymous
    assert session.undo_stack.count() == 1
    session.file.flush()
    with WorkshopFile.open(session.file.path, read_only=True) as wf:
        assert wf.workshop.title == "Q4 trust <b>&"
        assert wf.workshop.anonymous
    session.undo_stack.undo()
    assert ws.title == "Board test"
    assert ws.participants == ()
    assert not ws.anonymous


def test_an_empty_title_is_refused_with_a_message(qtbot: QtBot, session: Session) -> None:
    dialog = DetailsDialog(session)
    qtbot.addWidget(dialog)
    dialog.title.setText("   ")
    dialog.accept()
    assert not dialog.error.isHidden()
    assert session.workshop.title == "Board test"
    assert session.undo_stack.count() == 0
