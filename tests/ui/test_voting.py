"""Dot voting: the budget is enforced, votes can be hidden, results come out sorted."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QWidget,
)
from pytestqt.qtbot import QtBot

from trustboard.domain.framework import Framework
from trustboard.domain.workshop import Layer, new_workshop
from trustboard.store import WorkshopFile
from trustboard.ui.docks.voting import VotingPanel
from trustboard.ui.session import Session

CI = ("competence", "individuals")
RT = ("reliability", "technology")


@pytest.fixture
def session(qapp: object, tmp_path: Path, rtx: Framework) -> Iterator[Session]:
    ws = new_workshop(rtx, "Vote", participants=("Ana", "Bo"))
    s = Session(WorkshopFile.create(tmp_path / "w.trustboard", ws))
    yield s
    s.close()


@pytest.fixture
def panel(qtbot: QtBot, session: Session) -> VotingPanel:
    widget = VotingPanel(session)
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def _cards(session: Session) -> tuple[str, str, str]:
    a = session.add_card(RT, "Encrypt customer data <b>&", layer=Layer.TO_BE)
    b = session.add_card(CI, "Mentoring", layer=Layer.TO_BE)
    c = session.add_card(CI, "Publish reviews", layer=Layer.TO_BE)
    assert a and b and c
    return a, b, c


def test_defaults_come_from_the_workshop(panel: VotingPanel) -> None:
    assert panel.per_person.value() == 3
    assert panel.people.value() == 2
    assert not panel.active and not panel.end.isEnabled()
    assert panel.per_person.accessibleName() and panel.hide_votes.toolTip()


def test_budget_is_enforced_and_counts_from_the_model(
    qtbot: QtBot, panel: VotingPanel, session: Session, reopen
) -> None:  # type: ignore[no-untyped-def]
    a, b, _ = _cards(session)
    session.vote(a, +1)  # a vote from before the round does not count against it
    panel.per_person.setValue(2)
    panel.people.setValue(2)
    qtbot.mouseClick(panel.start, Qt.MouseButton.LeftButton)
    assert panel.active and panel.end.isEnabled()
    assert panel.votes_left == 4
    assert panel.remaining.text() == "Votes left: 4 of 4"
    for card_id in (a, a, b):
        assert panel.cast_vote(card_id)
    session.vote(b, +1)  # a vote cast from the board counts too
    assert panel.votes_left == 0
    with qtbot.waitSignal(panel.vote_refused) as refused:
        assert not panel.cast_vote(a)
    assert "No votes left" in refused.args[0]
    assert "No votes left" in panel.message.text()
    assert session.round.cards[a].votes == 3
    assert panel.retract_vote(a)
    assert panel.votes_left == 1
    session.undo_stack.undo()  # undoing the retraction uses the vote again
    assert panel.votes_left == 0
    assert not panel.cast_vote(b)
    with reopen(session) as wf:
        assert wf.workshop.current_round.cards[a].votes == 3
        assert wf.workshop.current_round.cards[b].votes == 2


def test_hidden_votes_until_the_round_ends(
    qtbot: QtBot, panel: VotingPanel, session: Session
) -> None:
    a, b, _ = _cards(session)
    panel.hide_votes.setFocus()
    qtbot.keyClick(panel.hide_votes, Qt.Key.Key_Space)
    assert session.votes_hidden
    qtbot.mouseClick(panel.start, Qt.MouseButton.LeftButton)
    assert session.votes_hidden
    panel.cast_vote(b)
    panel.cast_vote(b)
    panel.cast_vote(a)
    top = panel.results_view.topLevelItem(0)
    assert top is not None and "hidden" in top.text(1)
    assert panel.results_view.topLevelItemCount() == 1  # no counts leak while hidden

    with qtbot.waitSignal(panel.round_ended):
        qtbot.mouseClick(panel.end, Qt.MouseButton.LeftButton)
    assert not session.votes_hidden
    assert not panel.hide_votes.isChecked()
    assert not panel.active
    rows = [
        tuple(panel.results_view.topLevelItem(i).text(col) for col in range(3))
        for i in range(panel.results_view.topLevelItemCount())
    ]
    assert rows == [
        ("2", "Mentoring", "Competence × Individuals"),
        ("1", "Encrypt customer data <b>&", "Reliability × Technology"),
    ]


def test_results_sorted_by_votes_then_board_order(panel: VotingPanel, session: Session) -> None:
    a, b, c = _cards(session)
    unsorted = session.add_card(None, "Loose idea", layer=Layer.TO_BE)
    assert unsorted
    panel.start_round()
    for card_id in (unsorted, c, a):  # one vote each: ties go by the board's order
        panel.cast_vote(card_id)
    results = panel.results()
    # CI (row 1) before RT (row 2); within CI the card added first; Unsorted last.
    assert [card.id for card in results] == [c, a, unsorted]
    panel.cast_vote(a)
    assert [card.id for card in panel.end_round()] == [a, c, unsorted]
    assert b not in {card.id for card in panel.results()}  # no votes, no result


def test_votes_outside_a_round_are_not_limited(panel: VotingPanel, session: Session) -> None:
    a, _, _ = _cards(session)
    for _ in range(5):
        assert panel.cast_vote(a)
    assert session.round.cards[a].votes == 5
    assert panel.retract_vote(a)
    assert session.round.cards[a].votes == 4


def test_read_only_session_cannot_start_voting(
    qtbot: QtBot, qapp: object, tmp_path: Path, rtx: Framework
) -> None:
    path = tmp_path / "ro.trustboard"
    WorkshopFile.create(path, new_workshop(rtx, "T")).close()
    session = Session(WorkshopFile.open(path, read_only=True))
    try:
        panel = VotingPanel(session)
        qtbot.addWidget(panel)
        assert not panel.start.isEnabled()
        assert not panel.start_round()
        assert session.read_only_reason in panel.message.text()
    finally:
        session.close()


def test_every_control_has_a_name_and_a_tooltip(
    panel: VotingPanel, unnamed_controls: Callable[[QWidget], list[str]]
) -> None:
    assert unnamed_controls(panel) == []


def test_the_budget_holds_for_votes_cast_from_the_board_too(
    qtbot: QtBot, session: Session, panel: VotingPanel
) -> None:
    """The workshop keeps the budget, so a vote that bypasses the panel is refused as well."""
    a, b, _ = _cards(session)
    panel.per_person.setValue(1)
    panel.people.setValue(1)
    qtbot.mouseClick(panel.start, Qt.MouseButton.LeftButton)
    assert session.vote(a, +1)  # the board's vote key goes straight to the session
    with qtbot.waitSignal(panel.vote_refused) as refused:
        assert not session.vote(b, +1)
    assert "No votes left" in refused.args[0]
    assert "No votes left" in panel.message.text()
    assert session.round.cards[b].votes == 0
