"""Rounds in the window: start one (undoable), browse an earlier one read-only, compare two."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from pytestqt.qtbot import QtBot

from trustboard.document.rounds import start_round_command
from trustboard.domain.workshop import Layer, Perspective
from trustboard.store import WorkshopFile
from trustboard.ui.board.scene import BoardScene
from trustboard.ui.rounds_dialog import RoundsDialog
from trustboard.ui.session import Session
from trustboard.ui.theme import LIGHT

CI = ("competence", "individuals")
DAY = dt.date(2026, 7, 1)


def _dialog(qtbot: QtBot, session: Session) -> RoundsDialog:
    dialog = RoundsDialog(session)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def _fill_first_round(session: Session) -> None:
    session.add_card(CI, "Staff hold first-aid certificates", layer=Layer.AS_IS)
    idea = session.add_card(CI, "Mentoring pairs", kind="idea", layer=Layer.TO_BE)
    assert idea is not None
    session.vote(idea, +2)
    for s in (3, 4):
        session.add_score(CI, s, layer=Layer.AS_IS, perspective=Perspective.SELF)
    session.add_score(CI, 5, layer=Layer.TO_BE, perspective=Perspective.SELF)


def test_start_a_round_carries_over_and_undoes(
    qtbot: QtBot, session: Session, reopen: Callable[[Session], WorkshopFile]
) -> None:
    _fill_first_round(session)
    first = session.round
    dialog = _dialog(qtbot, session)
    steps = session.undo_stack.count()
    dialog.label_edit.setText("Q3 review")
    assert dialog.start_round(date=DAY)
    assert session.undo_stack.count() == steps + 1
    assert session.undo_stack.text(steps) == "Start round “Q3 review”"
    new = session.round
    assert new.id != first.id and new.label == "Q3 review" and new.date == DAY
    assert [c.text for c in new.cards.values()] == ["Mentoring pairs"]
    assert next(iter(new.cards.values())).votes == 0
    assert new.rating(CI, Layer.TO_BE, Perspective.SELF).scores == (5,)
    assert new.rating(CI, Layer.AS_IS, Perspective.SELF).scores == ()
    assert dialog.table.rowCount() == 2
    assert dialog.table.item(1, 5).text() == "current, on the board"
    with reopen(session) as on_disk:
        assert [r.label for r in on_disk.workshop.rounds] == ["Round 1", "Q3 review"]
    session.undo_stack.undo()
    assert [r.id for r in session.workshop.rounds] == [first.id]
    assert session.round is first
    assert dialog.table.rowCount() == 1
    session.undo_stack.redo()
    assert session.round is new


def test_a_round_needs_a_fresh_name(qtbot: QtBot, session: Session) -> None:
    dialog = _dialog(qtbot, session)
    dialog.label_edit.setText("round 1")
    assert not dialog.start_round(date=DAY)
    assert dialog.start_error.isVisible()
    assert "There is already a round called" in dialog.start_error.text()
    assert len(session.workshop.rounds) == 1
    assert session.undo_stack.count() == 0


def test_an_earlier_round_is_browsable_and_refuses_edits(qtbot: QtBot, session: Session) -> None:
    _fill_first_round(session)
    first = session.round
    first_cards = set(first.cards)
    scene = BoardScene(session, LIGHT)
    session.push(start_round_command(session.doc, "Q3", DAY))
    current = session.round
    assert set(scene.cards) == set(current.cards)
    steps = session.undo_stack.count()
    seen: list[str] = []
    session.viewed_round_changed.connect(lambda: seen.append(session.round.label))
    session.set_viewed_round(first.id)
    assert seen == ["Round 1"]
    assert session.browsing and session.read_only
    assert "earlier round “Round 1”" in session.read_only_reason
    assert session.current_round is current
    # the board shows the earlier round, and says so
    assert set(scene.cards) == first_cards
    assert scene.round_note.text() == "Earlier round: Round 1 — read-only"
    # every kind of edit is refused, and nothing reaches either round
    assert session.add_card(CI, "sneaky") is None
    assert not session.add_score(CI, 1)
    card_id = next(iter(first_cards))
    assert not session.update_card(card_id, text="changed")
    assert not session.delete_cards([card_id])
    assert not session.vote(card_id, +1)
    assert session.undo_stack.count() == steps
    assert set(first.cards) == first_cards
    assert first.rating(CI, Layer.AS_IS, Perspective.SELF).scores == (3, 4)
    # back to the current round: editable again
    session.set_viewed_round(None)
    assert not session.browsing and not session.read_only
    assert set(scene.cards) == set(current.cards)
    assert scene.round_note.text() == ""
    assert session.add_card(CI, "allowed") is not None


def test_undoing_the_round_being_browsed_away_stops_browsing(
    qtbot: QtBot, session: Session
) -> None:
    first = session.round.id
    session.push(start_round_command(session.doc, "Q3", DAY))
    session.set_viewed_round(first)
    session.undo_stack.undo()  # Q3 is gone: the browsed round is the current one again
    assert session.round.id == first
    assert not session.browsing


def test_view_and_compare_from_the_dialog(qtbot: QtBot, session: Session) -> None:
    session.add_score(CI, 2)
    first = session.round.id
    session.push(start_round_command(session.doc, "Q3", DAY))
    session.add_score(CI, 4)
    dialog = _dialog(qtbot, session)
    dialog.table.selectRow(0)
    dialog.view_button.click()
    assert session.round.id == first
    assert dialog.back_button.isEnabled()
    assert dialog.table.item(0, 5).text() == "on the board"
    dialog.back_button.click()
    assert not session.browsing
    view = dialog.comparison
    assert view is not None
    cmp = view.compare(first, session.round.id)
    assert cmp.cells[CI].change == 2
    assert view.table.item(0, 0).text() == "Trust score (all cells)"
    assert [view.table.item(0, c).text() for c in (1, 2, 3)] == ["2", "4", "+2"]
    assert "1 cell up, 0 down" in view.summary.text()
