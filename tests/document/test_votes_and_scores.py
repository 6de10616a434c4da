"""Votes and scores carry who cast them; the voting budget is kept in the workshop."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest

from trustboard.document import WorkshopDocument, cards, ratings, voting
from trustboard.document.commands import History
from trustboard.document.voting import VoteBudgetError
from trustboard.domain.errors import ValidationError
from trustboard.domain.workshop import Layer, Perspective, Voting, Workshop, check_card
from trustboard.store import TrustBoardFileError, WorkshopFile

CELL = ("competence", "individuals")


def _setup(workshop: Workshop) -> tuple[WorkshopDocument, History, list[str]]:
    doc, history = WorkshopDocument(workshop), History()
    ids = []
    for text in ("a", "b", "c"):
        command = cards.add_card(doc, CELL, text)
        history.push(command)
        ids.append(next(iter(command.after)))
    return doc, history, ids


def _vote(
    doc: WorkshopDocument, history: History, card_id: str, delta: int, voter: str = ""
) -> None:
    command = voting.vote(doc, card_id, delta, voter)
    assert command is not None
    history.push(command)


def test_each_voter_has_their_own_budget_kept_in_the_workshop(workshop: Workshop) -> None:
    doc, history, (a, b, c) = _setup(workshop)
    voting.start_voting(doc, per_person=2, people=3)
    assert doc.current_round.voting is not None  # the workshop holds it, not a widget
    _vote(doc, history, a, +1, "ana")
    _vote(doc, history, b, +1, "ana")
    with pytest.raises(VoteBudgetError, match="No votes left for ana"):
        voting.vote(doc, c, +1, "ana")
    _vote(doc, history, c, +1, "ben")  # another person still may
    assert voting.votes_left(doc.current_round, "ana") == 0
    assert voting.votes_left(doc.current_round, "ben") == 1
    assert voting.votes_left(doc.current_round) == 3


def test_the_rooms_budget_refuses_the_dot_after_the_last(workshop: Workshop) -> None:
    doc, history, (a, b, _) = _setup(workshop)
    voting.start_voting(doc, per_person=1, people=2)
    _vote(doc, history, a, +1)
    _vote(doc, history, b, +1)
    before = copy.deepcopy(doc.workshop.current_round.cards)
    with pytest.raises(VoteBudgetError, match="No votes left: 2 participants × 1 = 2"):
        voting.vote(doc, a, +1)
    assert doc.current_round.cards == before  # nothing changed
    history.undo()  # undo gives the dot back to the budget
    assert voting.votes_left(doc.current_round) == 1


def test_a_voter_takes_back_only_their_own_dots(workshop: Workshop) -> None:
    doc, history, (a, _, _) = _setup(workshop)
    _vote(doc, history, a, +2, "ana")
    _vote(doc, history, a, +1)
    assert voting.vote(doc, a, -1, "ben") is None
    _vote(doc, history, a, -1, "ana")
    card = doc.current_round.cards[a]
    assert (card.votes, card.voters, card.anonymous_votes) == (2, (("ana", 1),), 1)
    _vote(doc, history, a, -1)  # the anonymous dot
    assert voting.vote(doc, a, -1) is None  # ana's dot is not the room's to take
    check_card(doc.framework, doc.current_round.cards[a])


def test_counting_starts_when_voting_starts(workshop: Workshop) -> None:
    doc, history, (a, _, _) = _setup(workshop)
    _vote(doc, history, a, +5, "ana")
    voting.start_voting(doc, per_person=1, people=1)
    _vote(doc, history, a, +1, "ana")
    assert voting.votes_cast(doc.current_round, "ana") == 1
    voting.end_voting(doc)
    assert doc.current_round.voting is None and voting.votes_left(doc.current_round) == 0


def test_a_known_participant_has_one_score_per_cell(workshop: Workshop) -> None:
    doc, history = WorkshopDocument(workshop), History()
    args = (CELL, Layer.AS_IS, Perspective.SELF)

    def add(score: int, who: str = "") -> None:
        command = ratings.add_score(doc, args[0], score, *args[1:], participant=who)
        assert command is not None
        history.push(command)

    add(2)
    add(3, "ana")
    add(5, "ana")  # ana changes her mind: her score is replaced
    add(4, "ben")
    rating = doc.current_round.rating(*args)
    assert rating.scores == (2, 5, 4) and rating.by == ("", "ana", "ben")
    assert ratings.add_score(doc, args[0], 5, *args[1:], participant="ana") is None
    history.push(ratings.remove_last_score(doc, *args, participant="ana"))
    assert doc.current_round.rating(*args).scores == (2, 4)
    history.push(ratings.remove_last_score(doc, *args, participant="ben"))
    assert doc.current_round.rating(*args).by == ()  # nobody known: anonymous as before


def test_anonymous_scores_stay_as_they_were(workshop: Workshop) -> None:
    doc, history = WorkshopDocument(workshop), History()
    for score in (3, 3, 4):
        history.push(ratings.add_score(doc, CELL, score, Layer.AS_IS, Perspective.SELF))
    rating = doc.current_round.rating(CELL, Layer.AS_IS, Perspective.SELF)
    assert rating.scores == (3, 3, 4) and rating.by == ()
    assert ratings.add_score(doc, CELL, 99, Layer.AS_IS, Perspective.SELF) is None


def test_a_participant_cannot_score_a_cell_twice_even_in_a_file(workshop: Workshop) -> None:
    from trustboard.domain.workshop import Rating, check_rating

    twice = Rating(CELL, Layer.AS_IS, Perspective.SELF, (3, 4), ("ana", "ana"))
    with pytest.raises(ValidationError, match="twice"):
        check_rating(workshop.framework, twice)


def test_a_running_vote_and_its_budget_survive_reopening_the_file(
    workshop: Workshop, tmp_path: Path
) -> None:
    path = tmp_path / "vote.trustboard"
    with WorkshopFile.create(path, workshop) as wf:
        doc, history = WorkshopDocument(wf.workshop, wf), History()
        for text in ("a", "b"):
            history.push(cards.add_card(doc, CELL, text))
        a, b = doc.current_round.cards
        _vote(doc, history, a, +1, "ana")
        voting.start_voting(doc, per_person=2, people=3)
        _vote(doc, history, b, +1, "ana")
        wf.flush()
    with WorkshopFile.open(path) as wf:
        doc = WorkshopDocument(wf.workshop, wf)
        assert doc.current_round.voting == Voting(2, 3, 1, (("ana", 1),))
        assert voting.votes_left(doc.current_round, "ana") == 1  # the dot before does not count
        voting.end_voting(doc)
        wf.flush()
    with WorkshopFile.open(path, read_only=True) as wf:
        assert wf.workshop.current_round.voting is None


@pytest.mark.parametrize(
    "bad",
    [
        {"per_person": 0, "people": 3},
        {"per_person": 2, "people": 10**400},
        {"per_person": 2, "people": 3, "start_by": {"ana": -1}},
        {"per_person": 2, "people": 3, "budget": 6},
    ],
)
def test_a_damaged_vote_in_a_file_is_refused(
    workshop: Workshop, tmp_path: Path, bad: dict[str, object]
) -> None:
    path = tmp_path / "vote.trustboard"
    WorkshopFile.create(path, workshop).close()
    data = json.loads(path.read_text(encoding="utf-8"))
    data["rounds"][workshop.current_round_id]["voting"] = bad
    path.write_text(json.dumps(data), encoding="utf-8")
    before = path.read_bytes()
    with pytest.raises(TrustBoardFileError, match="voting"):
        WorkshopFile.open(path)
    assert path.read_bytes() == before
