"""Dot votes: who cast them, and the budget a voting session gives each person.

The budget lives in the workshop (`Round.voting`), not in a widget, so a vote from the
board, the keyboard or a phone is counted and refused the same way.
"""

from __future__ import annotations

import dataclasses

from trustboard.document.commands import CardsCommand, cards_command
from trustboard.document.document import WorkshopDocument
from trustboard.domain.errors import ValidationError
from trustboard.domain.workshop import Card, Round, Voting
from trustboard.i18n import ngettext, pgettext


class VoteBudgetError(ValidationError):
    """A vote beyond the budget; the message says why and what the room can do."""

    code = "budget"  # what the room's page is told

    def __init__(self, message: str) -> None:
        super().__init__("", message)


def start_voting(doc: WorkshopDocument, per_person: int, people: int, per_card: int = 0) -> Voting:
    """Start (or restart) voting in the current round; counting begins at today's dots.
    `per_card` caps one person's dots on one card (0: no cap)."""
    rnd = doc.current_round
    voters: dict[str, int] = {}
    for card in rnd.cards.values():
        for key, n in card.voters:
            voters[key] = voters.get(key, 0) + n
    voting = Voting(per_person, people, rnd.total_votes, tuple(voters.items()), per_card)
    doc.set_voting(rnd.id, voting)
    return voting


def end_voting(doc: WorkshopDocument) -> None:
    if doc.current_round.voting is not None:
        doc.set_voting(doc.current_round.id, None)


def end_voting_everywhere(doc: WorkshopDocument) -> None:
    """The rounds changed under a vote: no round keeps counting against an old budget."""
    for rnd in doc.workshop.rounds:
        if rnd.voting is not None:
            doc.set_voting(rnd.id, None)


def votes_cast(rnd: Round, voter: str = "") -> int:
    """Dots cast since voting started: by everyone, or by `voter` when given."""
    voting = rnd.voting
    if voting is None:
        return 0
    if voter:
        return max(0, rnd.votes_by(voter) - voting.started_with(voter))
    return max(0, rnd.total_votes - voting.start_total)


def votes_left(rnd: Round, voter: str = "") -> int:
    """What the room (or `voter`) may still cast; 0 while no voting runs."""
    voting = rnd.voting
    if voting is None:
        return 0
    if voter:
        return max(0, min(voting.per_person - votes_cast(rnd, voter), votes_left(rnd)))
    return max(0, voting.budget - votes_cast(rnd))


def _check_budget(rnd: Round, voter: str, delta: int, card: Card) -> None:
    voting = rnd.voting
    if voting is None:
        return
    if voter and voting.per_card and card.votes_by(voter) + delta > voting.per_card:
        raise VoteBudgetError(per_card_refusal(voting.per_card))
    if votes_left(rnd) <= 0:
        people = voting.people
        raise VoteBudgetError(
            ngettext(
                "No votes left: {people} participant × {per_person} = {budget} votes have all "
                "been cast. Take a vote back or end the round.",
                "No votes left: {people} participants × {per_person} = {budget} votes have all "
                "been cast. Take a vote back or end the round.",
                people,
            ).format(people=people, per_person=voting.per_person, budget=voting.budget)
        )
    left = votes_left(rnd, voter)
    if left <= 0:
        raise VoteBudgetError(
            ngettext(
                "No votes left for {voter}: each person has {n} and it is cast. "
                "Take a vote back or end the round.",
                "No votes left for {voter}: each person has {n} and all are cast. "
                "Take a vote back or end the round.",
                voting.per_person,
            ).format(voter=voter, n=voting.per_person)
        )
    if delta > left:
        raise VoteBudgetError(
            ngettext(
                "Only {n} vote left, so {wanted} cannot be cast at once. "
                "Take a vote back or end the round.",
                "Only {n} votes left, so {wanted} cannot be cast at once. "
                "Take a vote back or end the round.",
                left,
            ).format(n=left, wanted=delta)
        )


def per_card_refusal(cap: int) -> str:
    """Why a person's dots cannot go on one card (the voting's per-card cap)."""
    return ngettext(
        "Each person may put at most {n} vote on one card. Put the others on other cards.",
        "Each person may put at most {n} votes on one card. Put the others on other cards.",
        cap,
    ).format(n=cap)


def vote(doc: WorkshopDocument, card_id: str, delta: int, voter: str = "") -> CardsCommand | None:
    """Add (delta > 0) or take back (delta < 0) dots on a card, by `voter` when known.

    While voting runs, dots beyond the room's or the voter's budget, or beyond the voter's
    cap on one card, raise VoteBudgetError and change nothing. A known voter takes back
    only their own dots; never below zero.
    """
    rnd = doc.current_round
    card = rnd.cards[card_id]
    if delta > 0:
        _check_budget(rnd, voter, delta, card)
    updated = _with_votes(card, delta, voter)
    if updated == card:
        return None
    return cards_command(doc, {card_id: updated}, pgettext("undo", "Vote"))


def _with_votes(card: Card, delta: int, voter: str) -> Card:
    if not voter:
        floor = card.votes - card.anonymous_votes  # others' named dots stay theirs
        return dataclasses.replace(card, votes=max(floor, card.votes + delta))
    mine = card.votes_by(voter)
    new = max(0, mine + delta)
    voters = dict(card.voters)
    if new:
        voters[voter] = new
    else:
        voters.pop(voter, None)
    return dataclasses.replace(card, votes=card.votes + (new - mine), voters=tuple(voters.items()))
