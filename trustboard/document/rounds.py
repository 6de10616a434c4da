"""Starting the next round in the same file, as one undoable step."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field

from trustboard.document.commands import Command
from trustboard.document.document import WorkshopDocument
from trustboard.domain import limits
from trustboard.domain.checks import check_text
from trustboard.domain.errors import ValidationError
from trustboard.domain.framework import Cell
from trustboard.domain.workshop import (
    WAITING,
    ActionStatus,
    Card,
    Layer,
    Rating,
    Round,
    new_id,
)
from trustboard.i18n import _


def carried_over(previous: Round, label: str, date: dt.date) -> Round:
    """A new round that starts where `previous` wanted to go.

    What carries over, as copies with new ids:

    - every to-be rating (both perspectives, all scores): last round's targets stay the targets;
    - every to-be card that is not an action (ideas, risks, ... in their cells or Unsorted),
      with its votes reset to 0 because the room votes again;
    - every action card whose status is open or in progress, wherever it sat, placed in the
      to-be layer of its cell with its owner, due date and status unchanged.

    Cards a phone wrote privately and the facilitator has not revealed yet carry over by
    the same rule and stay waiting (with their phone as owner); cards the facilitator hid
    do not carry over.

    What does not: as-is ratings and as-is cards (the room assesses afresh), done actions,
    answers to the reflection questions, KPI values and notes. The previous round keeps
    all of it untouched.
    """
    rnd = Round(new_id("r"), label, date)
    for key, rating in previous.ratings.items():
        if rating.layer == Layer.TO_BE and rating.scores:
            rnd.ratings[key] = Rating(
                rating.cell, rating.layer, rating.perspective, rating.scores, rating.by
            )
    waiting = [c for c in previous.held.values() if c.held == WAITING]
    carried = [c for c in (*previous.cards.values(), *waiting) if _carries(c)]
    # Actions from the as-is layer join the to-be lane after the cards already there.
    carried.sort(key=lambda c: (c.layer != Layer.TO_BE, c.order, c.id))
    next_order: dict[Cell | None, float] = {}
    for card in carried:
        order = next_order.get(card.cell, 0.0)
        next_order[card.cell] = order + 1
        copy = dataclasses.replace(card, id=new_id("c"), layer=Layer.TO_BE, votes=0, order=order,
                                   voters=())  # fmt: skip
        (rnd.held if copy.held else rnd.cards)[copy.id] = copy
    return rnd


def _carries(card: Card) -> bool:
    if card.action is not None:
        return card.action.status != ActionStatus.DONE
    return card.layer == Layer.TO_BE


@dataclass
class StartRoundCommand(Command):
    """Append a round and make it current; undo puts the old list and current round back."""

    doc: WorkshopDocument
    new_round: Round
    before_rounds: Sequence[Round]
    before_current: str
    text: str = field(default_factory=lambda: _("Start new round"))

    def redo(self) -> None:
        self.doc.set_rounds([*self.before_rounds, self.new_round], self.new_round.id)

    def undo(self) -> None:
        self.doc.set_rounds(self.before_rounds, self.before_current)


def start_round_command(doc: WorkshopDocument, label: str, date: dt.date) -> StartRoundCommand:
    """The next round after the current one (see `carried_over` for what it starts with)."""
    label = label.strip()
    if not label:
        raise ValidationError("rounds.label", _("a round needs a name, e.g. “Q3 review”"))
    check_text(label, "rounds.label", limits.TITLE_CHARS, _("the round's name"))
    if len(doc.workshop.rounds) >= limits.ROUNDS:
        raise ValidationError(
            "rounds",
            _("a workshop holds at most {n} rounds; start a new workshop").format(n=limits.ROUNDS),
        )
    taken = {r.label.strip().casefold() for r in doc.workshop.rounds}
    if label.casefold() in taken:
        raise ValidationError(
            "rounds.label", _("there is already a round called “{name}”").format(name=label)
        )
    previous = doc.current_round
    return StartRoundCommand(
        doc,
        carried_over(previous, label, date),
        tuple(doc.workshop.rounds),
        doc.workshop.current_round_id,
        _("Start round “{name}”").format(name=label),
    )


@dataclass
class RoundNotesCommand(Command):
    """The story of a round; typing is one undo step until the focus moves on."""

    doc: WorkshopDocument
    round_id: str
    before: str
    after: str
    text: str = field(default_factory=lambda: _("Edit the round's notes"))
    merge_key: object = None

    def redo(self) -> None:
        self.doc.set_round_notes(self.round_id, self.after)

    def undo(self) -> None:
        self.doc.set_round_notes(self.round_id, self.before)

    def merge(self, other: Command) -> bool:
        if (
            isinstance(other, RoundNotesCommand)
            and self.merge_key is not None
            and other.merge_key == self.merge_key
            and other.round_id == self.round_id
        ):
            self.after = other.after
            return True
        return False


def set_round_notes(doc: WorkshopDocument, round_id: str, notes: str) -> RoundNotesCommand | None:
    """The facilitator's story of a round (printed first in the brief); None when unchanged.
    Refused (ValidationError) when longer than a round's notes may be."""
    check_text(notes, f"rounds.{round_id}.notes", limits.ANSWER_CHARS, _("the round's notes"))
    rnd = doc.workshop.round(round_id)
    if rnd.notes == notes:
        return None
    return RoundNotesCommand(doc, round_id, rnd.notes, notes, merge_key=("notes", round_id))
