"""Panels follow each card edit by updating what it touches, and stay right."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QTreeWidget
from pytestqt.qtbot import QtBot

from trustboard.domain.framework import Framework
from trustboard.domain.workshop import Action, Layer, new_workshop
from trustboard.store import WorkshopFile
from trustboard.ui.docks.actions_table import ActionsModel
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


def _rows(view: QTreeWidget) -> list[tuple[str, str, str]]:
    return [
        (view.topLevelItem(i).text(0), view.topLevelItem(i).text(1), view.topLevelItem(i).text(2))
        for i in range(view.topLevelItemCount())
    ]


def test_results_after_many_edits_are_those_of_a_fresh_count(
    qtbot: QtBot, session: Session, monkeypatch: pytest.MonkeyPatch
) -> None:
    panel = VotingPanel(session)
    qtbot.addWidget(panel)
    ids = [session.add_card(CI if i % 2 else RT, f"card {i}") for i in range(8)]
    panel.people.setValue(10)  # a budget the dozen votes below fit in
    panel.start_round()
    rebuilt: list[int] = []
    monkeypatch.setattr(panel, "_rank", lambda: rebuilt.append(1))
    for n, card_id in enumerate(ids):
        for _ in range(n % 4):
            assert session.vote(card_id, +1)  # type: ignore[arg-type]
    session.update_card(ids[3], text="renamed")  # type: ignore[arg-type]
    session.move_cards([ids[5]], RT, Layer.AS_IS, 0)  # type: ignore[list-item]
    session.delete_cards([ids[2]])  # type: ignore[list-item]
    session.vote(ids[1], -1)  # type: ignore[arg-type]
    session.undo_stack.undo()
    session.undo_stack.undo()
    assert rebuilt == []  # each edit moved its own rows; nothing counted everything again
    monkeypatch.undo()
    fresh = VotingPanel(session)
    qtbot.addWidget(fresh)
    assert [c.id for c in panel.results()] == [c.id for c in fresh.results()]
    assert _rows(panel.results_view) == _rows(fresh.results_view)
    assert panel.votes_cast == sum(c.votes for c in session.round.cards.values())
    assert panel.remaining.text() == f"Votes left: {panel.votes_left} of {panel.budget}"


def test_the_actions_table_resets_only_for_cards_that_are_or_were_actions(
    session: Session,
) -> None:
    plain = session.add_card(CI, "plain")
    acted = session.add_card(RT, "acted")
    assert plain and acted
    model = ActionsModel(session)
    resets: list[int] = []
    model.modelReset.connect(lambda: resets.append(1))
    session.update_card(plain, text="still plain")
    session.vote(plain, +1)
    assert resets == []  # nothing in the table changed, so its selection and scroll stay
    session.update_card(acted, action=Action("Ana"))
    assert [c.id for c in model.cards] == [acted]
    session.update_card(acted, text="acted on")
    assert model.cards[0].text == "acted on"
    session.update_card(acted, action=None)
    assert model.cards == []
    assert len(resets) == 3
