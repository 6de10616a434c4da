"""Starting the next round: what carries over, undo, and what reaches the file."""

from __future__ import annotations

import copy
import datetime as dt
from pathlib import Path

import pytest

from trustboard.document import WorkshopDocument
from trustboard.document.commands import History
from trustboard.document.rounds import carried_over, start_round_command
from trustboard.domain.errors import ValidationError
from trustboard.domain.workshop import (
    Action,
    ActionStatus,
    Answer,
    Card,
    Layer,
    Perspective,
    Rating,
    Round,
    Workshop,
)
from trustboard.store import WorkshopFile

CI = ("competence", "individuals")
CO = ("competence", "organizations")
DAY = dt.date(2026, 7, 1)


def _fill(rnd: Round) -> None:
    def card(cid: str, cell: tuple[str, str] | None, layer: Layer, **kw: object) -> None:
        rnd.cards[cid] = Card(cid, cid, cell, layer, **kw)  # type: ignore[arg-type]

    card("evidence", CI, Layer.AS_IS, kind="evidence")
    card("idea", CI, Layer.TO_BE, kind="idea", votes=3, order=0)
    card("idea-2", CI, Layer.TO_BE, kind="idea", order=1)
    card("loose", None, Layer.TO_BE, kind="idea")
    card("done", CO, Layer.TO_BE, kind="idea", action=Action("Bo", DAY, ActionStatus.DONE))
    card("risk-act", CI, Layer.AS_IS, kind="risk", action=Action("Mei", DAY))
    card("busy", CO, Layer.TO_BE, kind="idea", action=Action("Al", None, ActionStatus.IN_PROGRESS))
    for layer, p, scores in (
        (Layer.AS_IS, Perspective.SELF, (2, 3)),
        (Layer.AS_IS, Perspective.CUSTOMER, (2,)),
        (Layer.TO_BE, Perspective.SELF, (4, 5)),
        (Layer.TO_BE, Perspective.CUSTOMER, (4,)),
    ):
        r = Rating(CI, layer, p, scores)
        rnd.ratings[r.key] = r
    a = Answer(CI, "q1", "We train twice a year", True)
    rnd.answers[a.key] = a
    rnd.kpis["nps"] = 12.0
    rnd.notes = "first pass"


def test_what_carries_over(workshop: Workshop) -> None:
    previous = workshop.current_round
    _fill(previous)
    snapshot = copy.deepcopy(previous)
    new = carried_over(previous, "Q3 review", DAY)
    assert (new.label, new.date) == ("Q3 review", DAY)
    assert new.id != previous.id
    assert previous == snapshot  # the earlier round is untouched
    # to-be targets, both perspectives; as-is starts empty
    assert {k: r.scores for k, r in new.ratings.items()} == {
        (*CI, "to-be", "self"): (4, 5),
        (*CI, "to-be", "customer"): (4,),
    }
    assert new.answers == {} and new.kpis == {} and new.notes == ""
    carried = {c.text: c for c in new.cards.values()}
    assert set(carried) == {"idea", "idea-2", "loose", "risk-act", "busy"}
    assert not set(new.cards) & set(previous.cards)  # copies with new ids
    assert all(c.layer == Layer.TO_BE for c in carried.values())
    assert carried["idea"].votes == 0  # the room votes again
    assert carried["loose"].cell is None
    assert carried["risk-act"].action == Action("Mei", DAY)  # an open action from as-is
    assert carried["risk-act"].kind == "risk"
    assert carried["busy"].action == Action("Al", None, ActionStatus.IN_PROGRESS)
    # within a cell: the to-be cards in their order, then actions that came from as-is
    assert [c.text for c in new.cards_in(CI, Layer.TO_BE)] == ["idea", "idea-2", "risk-act"]


def test_start_round_undo_and_redo(workshop: Workshop) -> None:
    _fill(workshop.current_round)
    doc = WorkshopDocument(workshop)
    before_rounds = list(workshop.rounds)
    before_current = workshop.current_round_id
    snapshot = copy.deepcopy(workshop)
    changes: list[str] = []
    doc.subscribe(lambda change: changes.append(change.what))
    history = History()
    history.push(start_round_command(doc, "  Q3 review ", DAY))
    assert len(workshop.rounds) == 2
    new = workshop.current_round
    assert new.label == "Q3 review"
    assert workshop.rounds[0] is before_rounds[0]
    assert changes == ["rounds"]
    history.undo()
    assert workshop.rounds == before_rounds
    assert workshop.current_round_id == before_current
    assert workshop == snapshot
    history.redo()
    assert workshop.current_round is new  # the same round, ids and all


def test_a_round_needs_a_fresh_name(workshop: Workshop) -> None:
    doc = WorkshopDocument(workshop)
    with pytest.raises(ValidationError, match="needs a name"):
        start_round_command(doc, "  ", DAY)
    label = workshop.current_round.label
    with pytest.raises(ValidationError, match="already a round called"):
        start_round_command(doc, label.upper(), DAY)


def test_the_new_round_and_its_undo_reach_the_file(workshop: Workshop, tmp_path: Path) -> None:
    _fill(workshop.current_round)
    path = tmp_path / "w.trustboard"
    with WorkshopFile.create(path, workshop) as wf:
        doc = WorkshopDocument(wf.workshop, wf)
        cmd = start_round_command(doc, "Q3", DAY)
        cmd.redo()
        wf.flush()
        with WorkshopFile.open(path, read_only=True) as on_disk:
            ws = on_disk.workshop
            assert [r.label for r in ws.rounds] == ["Round 1", "Q3"]
            assert ws.current_round_id == cmd.new_round.id
            assert len(ws.current_round.cards) == 5
            assert ws.rounds[0].answers  # the earlier round is kept whole
        cmd.undo()
        wf.flush()
        with WorkshopFile.open(path, read_only=True) as on_disk:
            assert [r.label for r in on_disk.workshop.rounds] == ["Round 1"]
            assert on_disk.workshop.current_round.cards.keys() == workshop.rounds[0].cards.keys()
