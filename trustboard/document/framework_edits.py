"""Turn a framework edit into one undoable command that never drops records silently."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

from trustboard.document.commands import FrameworkCommand
from trustboard.document.document import WorkshopDocument
from trustboard.domain.framework import Framework
from trustboard.domain.workshop import Answer, Card, Rating
from trustboard.i18n import _, ngettext


@dataclass(frozen=True)
class Impact:
    """What an edit would do to the room's work, for the confirmation message."""

    cards: int = 0
    ratings: int = 0
    answers: int = 0

    @property
    def empty(self) -> bool:
        return not (self.cards or self.ratings or self.answers)

    def describe(self) -> str:
        if self.empty:
            return _("No cards, ratings or answers are affected.")
        parts = []
        if self.cards:
            parts.append(
                ngettext(
                    "{n} card moves to Unsorted", "{n} cards move to Unsorted", self.cards
                ).format(n=self.cards)
            )
        if self.ratings:
            parts.append(
                ngettext("{n} rating is removed", "{n} ratings are removed", self.ratings).format(
                    n=self.ratings
                )
            )
        if self.answers:
            parts.append(
                ngettext("{n} answer is removed", "{n} answers are removed", self.answers).format(
                    n=self.answers
                )
            )
        # Translators: {changes} lists what an edit does, joined by "; ".
        return _("{changes}. Undo brings everything back.").format(changes="; ".join(parts))


def _fits(after: Framework, cell: tuple[str, str]) -> bool:
    return any(e.id == cell[0] for e in after.elements) and any(
        d.id == cell[1] for d in after.domains
    )


def _asks(after: Framework, cell: tuple[str, str], question_id: str) -> bool:
    """Whether the question is still asked in that cell (a removed question's answer goes)."""
    domain = next((d for d in after.domains if d.id == cell[1]), None)
    if domain is not None and not domain.enabled:
        return True  # a switched-off column keeps its answers for when it comes back
    return any(q.id == question_id for q in after.questions_for(cell))


def framework_command(doc: WorkshopDocument, after: Framework, text: str) -> FrameworkCommand:
    """A command that swaps in `after`; cards of vanished cells go to Unsorted in every round
    (cards held back from the board too: they move exactly like the ones on it)."""
    cmd = FrameworkCommand(doc, doc.framework, after, text=text)
    for rnd in doc.workshop.rounds:
        moved_before: dict[str, Card | None] = {}
        moved_after: dict[str, Card | None] = {}
        for card in (*rnd.cards.values(), *rnd.held.values()):
            if card.cell is not None and not _fits(after, card.cell):
                moved_before[card.id] = card
                moved_after[card.id] = dataclasses.replace(card, cell=None)
        if moved_before:
            cmd.cards[rnd.id] = (moved_before, moved_after)
        ratings: list[Rating] = [r for r in rnd.ratings.values() if not _fits(after, r.cell)]
        answers: list[Answer] = [
            a
            for a in rnd.answers.values()
            if not _fits(after, a.cell) or not _asks(after, a.cell, a.question_id)
        ]
        if ratings:
            cmd.ratings[rnd.id] = ratings
        if answers:
            cmd.answers[rnd.id] = answers
    return cmd


def impact_of(cmd: FrameworkCommand) -> Impact:
    return Impact(
        cards=sum(len(before) for before, _after in cmd.cards.values()),
        ratings=sum(len(v) for v in cmd.ratings.values()),
        answers=sum(len(v) for v in cmd.answers.values()),
    )
