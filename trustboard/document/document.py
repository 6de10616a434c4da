"""The one place that changes an open workshop: the domain, the file, and who is told."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from trustboard.document.storage import WorkshopStore
from trustboard.domain.framework import Framework
from trustboard.domain.workshop import (
    Answer,
    Card,
    Rating,
    Round,
    Workshop,
    check_answer,
    check_card,
    check_rating,
)


@dataclass(frozen=True)
class Change:
    """What changed, so views redraw only that. `ids` are card ids or cell keys."""

    what: str  # cards | rating | answer | kpi | framework | details | rounds
    round_id: str = ""
    ids: tuple[Any, ...] = ()


Listener = Callable[[Change], None]

DETAIL_FIELDS = (
    "title",
    "organisation",
    "facilitator",
    "participants",
    "date",
    "anonymous",
    "custom_kpis",
)


class WorkshopDocument:
    """Applies primitive changes, persists them, and notifies listeners.

    Undo lives one level up: commands (`trustboard.document.commands`) call these
    primitives with the before and after states.
    """

    def __init__(self, workshop: Workshop, file: WorkshopStore | None = None) -> None:
        self.workshop = workshop
        self.file = file
        self._listeners: list[Listener] = []

    # -- observers -------------------------------------------------------------------

    def subscribe(self, listener: Listener) -> None:
        self._listeners.append(listener)

    def unsubscribe(self, listener: Listener) -> None:
        self._listeners.remove(listener)

    def _emit(self, change: Change) -> None:
        for listener in list(self._listeners):
            listener(change)

    # -- state -----------------------------------------------------------------------

    @property
    def framework(self) -> Framework:
        return self.workshop.framework

    @property
    def current_round(self) -> Round:
        return self.workshop.current_round

    @property
    def read_only_reason(self) -> str:
        return self.file.read_only_reason if self.file is not None else ""

    # -- primitives ------------------------------------------------------------------

    def set_cards(self, round_id: str, changes: Mapping[str, Card | None]) -> None:
        """Put each card (or remove it where the value is None) in one go."""
        rnd = self.workshop.round(round_id)
        for card in changes.values():
            if card is not None:
                check_card(self.framework, card)
        kept = [card for card in changes.values() if card is not None]
        removed = [card_id for card_id, card in changes.items() if card is None]
        for card_id in removed:
            rnd.cards.pop(card_id, None)
        for card in kept:
            rnd.cards[card.id] = card
        if self.file is not None:
            self.file.put_cards(round_id, kept, removed)
        self._emit(Change("cards", round_id, tuple(changes)))

    def set_rating(self, round_id: str, rating: Rating) -> None:
        check_rating(self.framework, rating)
        rnd = self.workshop.round(round_id)
        if rating.scores:
            rnd.ratings[rating.key] = rating
        else:
            rnd.ratings.pop(rating.key, None)
        if self.file is not None:
            self.file.put_rating(round_id, rating)
        self._emit(Change("rating", round_id, (rating.cell,)))

    def set_answer(self, round_id: str, answer: Answer) -> None:
        check_answer(self.framework, answer)
        rnd = self.workshop.round(round_id)
        if answer.text or answer.done:
            rnd.answers[answer.key] = answer
        else:
            rnd.answers.pop(answer.key, None)
        if self.file is not None:
            self.file.put_answer(round_id, answer)
        self._emit(Change("answer", round_id, (answer.cell,)))

    def set_kpi(self, round_id: str, kpi_id: str, value: float | None) -> None:
        if value is not None:
            self.workshop.kpi_def(kpi_id).check(value)
        rnd = self.workshop.round(round_id)
        if value is None:
            rnd.kpis.pop(kpi_id, None)
        else:
            rnd.kpis[kpi_id] = value
        if self.file is not None:
            self.file.put_kpi(round_id, kpi_id, value)
        self._emit(Change("kpi", round_id, (kpi_id,)))

    def set_framework(self, framework: Framework) -> None:
        """Swap the workshop's framework; callers move affected records first."""
        framework.validate()
        self.workshop.framework = framework
        if self.file is not None:
            self.file.put_workshop()
        self._emit(Change("framework"))

    def set_details(self, **values: Any) -> None:
        unknown = set(values) - set(DETAIL_FIELDS)
        if unknown:
            raise TypeError(f"not workshop details: {sorted(unknown)}")
        updated = dataclasses.replace(self.workshop, **values)
        updated.validate()
        for name, value in values.items():
            setattr(self.workshop, name, value)
        if self.file is not None:
            self.file.put_workshop()
        self._emit(Change("details", ids=tuple(values)))

    def set_rounds(self, rounds: Iterable[Round], current_round_id: str) -> None:
        """Replace the list of rounds (start, remove or reorder rounds) in one step."""
        rounds = list(rounds)
        # Checked on a copy first: a refused list leaves the workshop exactly as it was.
        dataclasses.replace(
            self.workshop, rounds=rounds, current_round_id=current_round_id
        ).validate()
        self.workshop.rounds = rounds
        self.workshop.current_round_id = current_round_id
        if self.file is not None:
            self.file.replace_all()
        self._emit(Change("rounds"))
