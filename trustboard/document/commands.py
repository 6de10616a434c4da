"""Undoable edits, free of Qt: each holds the before and after state and replays one of them.

The UI wraps these in QUndoCommands; `redo`/`undo` only call WorkshopDocument primitives,
so the board and panels follow through the document's change notifications.
"""

from __future__ import annotations

import contextlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from trustboard.document.document import WorkshopDocument
from trustboard.domain.framework import Framework
from trustboard.domain.workshop import Answer, Card, KpiBasis, Rating
from trustboard.i18n import _, pgettext


class Command:
    """Base: `text` for the Edit menu; `merge_key` lets typing collapse into one step."""

    text: str = ""
    merge_key: object = None

    def redo(self) -> None:
        raise NotImplementedError

    def undo(self) -> None:
        raise NotImplementedError

    def merge(self, other: Command) -> bool:
        """Absorb `other` (done right after self, same merge_key); True when merged."""
        return False


@dataclass
class CardsCommand(Command):
    """Any change to cards: add, edit, move, vote, delete — as before/after per card id."""

    doc: WorkshopDocument
    round_id: str
    before: dict[str, Card | None]
    after: dict[str, Card | None]
    text: str = field(default_factory=lambda: _("Change cards"))
    merge_key: object = None

    def redo(self) -> None:
        self.doc.set_cards(self.round_id, self.after)

    def undo(self) -> None:
        self.doc.set_cards(self.round_id, self.before)

    def merge(self, other: Command) -> bool:
        if not isinstance(other, CardsCommand) or other.merge_key != self.merge_key:
            return False
        if self.merge_key is None:
            return False
        for card_id, card in other.after.items():
            self.before.setdefault(card_id, other.before.get(card_id))
            self.after[card_id] = card
        return True


@dataclass
class RatingCommand(Command):
    doc: WorkshopDocument
    round_id: str
    before: Rating
    after: Rating
    text: str = field(default_factory=lambda: _("Rate cell"))

    def redo(self) -> None:
        self.doc.set_rating(self.round_id, self.after)

    def undo(self) -> None:
        self.doc.set_rating(self.round_id, self.before)


@dataclass
class AnswerCommand(Command):
    """Typing an answer is one undo step per question until the focus moves on."""

    doc: WorkshopDocument
    round_id: str
    before: Answer
    after: Answer
    text: str = field(default_factory=lambda: _("Answer question"))
    merge_key: object = None

    def redo(self) -> None:
        self.doc.set_answer(self.round_id, self.after)

    def undo(self) -> None:
        self.doc.set_answer(self.round_id, self.before)

    def merge(self, other: Command) -> bool:
        if (
            isinstance(other, AnswerCommand)
            and self.merge_key is not None
            and other.merge_key == self.merge_key
            and other.after.key == self.after.key
        ):
            self.after = other.after
            return True
        return False


@dataclass
class KpiCommand(Command):
    """A KPI value of a round, with how it was computed from data (None: typed by hand)."""

    doc: WorkshopDocument
    round_id: str
    kpi_id: str
    before: float | None
    after: float | None
    text: str = field(default_factory=lambda: _("Set KPI"))
    before_basis: KpiBasis | None = None
    after_basis: KpiBasis | None = None

    def redo(self) -> None:
        self.doc.set_kpi(self.round_id, self.kpi_id, self.after, self.after_basis)

    def undo(self) -> None:
        self.doc.set_kpi(self.round_id, self.kpi_id, self.before, self.before_basis)


@dataclass
class DetailsCommand(Command):
    doc: WorkshopDocument
    before: dict[str, object]
    after: dict[str, object]
    text: str = field(default_factory=lambda: _("Edit workshop details"))

    def redo(self) -> None:
        self.doc.set_details(**self.after)

    def undo(self) -> None:
        self.doc.set_details(**self.before)


@dataclass
class FrameworkCommand(Command):
    """A framework edit plus whatever it does to records (cards to Unsorted, ratings removed).

    Redo swaps the framework after moving records out of the way; undo puts the old
    framework back first so the restored records fit it again. Views hear of it once.
    """

    doc: WorkshopDocument
    before: Framework
    after: Framework
    cards: dict[str, tuple[dict[str, Card | None], dict[str, Card | None]]] = field(
        default_factory=dict
    )  # round id -> (before, after)
    ratings: dict[str, list[Rating]] = field(default_factory=dict)  # removed, per round
    answers: dict[str, list[Answer]] = field(default_factory=dict)  # removed, per round
    text: str = field(default_factory=lambda: _("Edit framework"))

    def redo(self) -> None:
        with self.doc.batch():
            self._redo()

    def undo(self) -> None:
        with self.doc.batch():
            self._undo()

    def _redo(self) -> None:
        for round_id, (_before, after) in self.cards.items():
            self.doc.set_cards(round_id, after)
        for round_id, ratings in self.ratings.items():
            for r in ratings:
                self.doc.set_rating(round_id, Rating(r.cell, r.layer, r.perspective))
        for round_id, answers in self.answers.items():
            for a in answers:
                self.doc.set_answer(round_id, Answer(a.cell, a.question_id))
        self.doc.set_framework(self.after)

    def _undo(self) -> None:
        self.doc.set_framework(self.before)
        for round_id, (before, _after) in self.cards.items():
            self.doc.set_cards(round_id, before)
        for round_id, ratings in self.ratings.items():
            for r in ratings:
                self.doc.set_rating(round_id, r)
        for round_id, answers in self.answers.items():
            for a in answers:
                self.doc.set_answer(round_id, a)


@dataclass
class MacroCommand(Command):
    """Several commands as one undo step (undone in reverse order).

    Given the document, listeners hear of the whole step once (see WorkshopDocument.batch).
    """

    children: Sequence[Command]
    text: str = field(default_factory=lambda: pgettext("undo", "Edit"))
    doc: WorkshopDocument | None = None

    def redo(self) -> None:
        with self._batch():
            for child in self.children:
                child.redo()

    def undo(self) -> None:
        with self._batch():
            for child in reversed(self.children):
                child.undo()

    def _batch(self) -> contextlib.AbstractContextManager[None]:
        return self.doc.batch() if self.doc is not None else contextlib.nullcontext()


def cards_command(
    doc: WorkshopDocument,
    after: Mapping[str, Card | None],
    text: str,
    *,
    round_id: str | None = None,
    merge_key: object = None,
) -> CardsCommand:
    """Build a CardsCommand whose `before` is read from the document now (a card on the
    board or held back from it)."""
    rid = round_id or doc.workshop.current_round_id
    rnd = doc.workshop.round(rid)
    before = {card_id: rnd.card(card_id) for card_id in after}
    return CardsCommand(doc, rid, before, dict(after), text, merge_key)


class History:
    """A plain undo stack for scripts and tests; the window uses QUndoStack the same way."""

    def __init__(self) -> None:
        self._done: list[Command] = []
        self._undone: list[Command] = []

    def push(self, command: Command) -> None:
        command.redo()
        self._undone.clear()
        if self._done and command.merge_key is not None and self._done[-1].merge(command):
            return
        self._done.append(command)

    def undo(self) -> bool:
        if not self._done:
            return False
        command = self._done.pop()
        command.undo()
        self._undone.append(command)
        return True

    def redo(self) -> bool:
        if not self._undone:
            return False
        command = self._undone.pop()
        command.redo()
        self._done.append(command)
        return True
