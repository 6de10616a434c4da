"""The one place that changes an open workshop: the domain, the file, and who is told."""

from __future__ import annotations

import contextlib
import dataclasses
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from trustboard.document.storage import WorkshopStore
from trustboard.domain import limits
from trustboard.domain.checks import check_text
from trustboard.domain.errors import ValidationError
from trustboard.domain.framework import Cell, Framework
from trustboard.domain.workshop import (
    Answer,
    Card,
    ImportRecord,
    KpiBasis,
    Layer,
    Rating,
    Round,
    SavedMapping,
    Voting,
    Workshop,
    check_answer,
    check_basis,
    check_card,
    check_imports,
    check_rating,
)
from trustboard.i18n import _


@dataclass(frozen=True)
class Change:
    """What changed, so views redraw only that. `ids` are card ids or cell keys.

    A batch (an import, a paste, a round start) is one Change: of its one kind, or "records"
    when it touched several kinds, with one Change per kind in `parts`.
    """

    # cards | rating | answer | kpi | framework | details | rounds | voting | imports | records
    what: str
    round_id: str = ""
    ids: tuple[Any, ...] = ()
    parts: tuple[Change, ...] = ()

    def each(self) -> tuple[Change, ...]:
        """The single-kind changes this one stands for (itself unless it is a mixed batch)."""
        return self.parts or (self,)


def merged(changes: Iterable[Change]) -> Change | None:
    """One Change for a batch: ids joined per kind and round, in the order they came."""
    by_kind: dict[tuple[str, str], dict[Any, None]] = {}
    for change in changes:
        by_kind.setdefault((change.what, change.round_id), {}).update(dict.fromkeys(change.ids))
    parts = tuple(Change(what, rid, tuple(ids)) for (what, rid), ids in by_kind.items())
    if not parts:
        return None
    if len(parts) == 1:
        return parts[0]
    rounds = {p.round_id for p in parts}
    ids = tuple(i for p in parts for i in p.ids)
    return Change("records", rounds.pop() if len(rounds) == 1 else "", ids, parts)


Listener = Callable[[Change], None]
Lane = tuple[Cell | None, Layer]

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
        self._batch: list[Change] | None = None
        # round id -> (that Round, its cards by lane): set_cards keeps it up to date, so a
        # lane costs its own cards, not the round's; a replaced Round is indexed afresh.
        self._lanes: dict[str, tuple[Round, dict[Lane, dict[str, Card]]]] = {}

    # -- observers -------------------------------------------------------------------

    def subscribe(self, listener: Listener) -> None:
        self._listeners.append(listener)

    def unsubscribe(self, listener: Listener) -> None:
        self._listeners.remove(listener)

    def _emit(self, change: Change) -> None:
        if self._batch is not None:
            self._batch.append(change)
            return
        for listener in list(self._listeners):
            listener(change)

    @contextlib.contextmanager
    def batch(self) -> Iterator[None]:
        """Tell listeners once, at the end, about every change made inside (nesting joins)."""
        if self._batch is not None:
            yield
            return
        self._batch = []
        try:
            yield
        finally:
            changes, self._batch = self._batch, None
            change = merged(changes)
            if change is not None:
                self._emit(change)

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

    def lane(self, round_id: str, cell: Cell | None, layer: Layer) -> list[Card]:
        """The cards of one cell and layer of a round, in board order (`Round.cards_in`),
        at the cost of that lane: the round is read once, at the first call."""
        cards = self._lanes_of(self.workshop.round(round_id)).get((cell, layer), {})
        return sorted(cards.values(), key=lambda c: (c.order, c.id))

    def _lanes_of(self, rnd: Round) -> dict[Lane, dict[str, Card]]:
        cached = self._lanes.get(rnd.id)
        if cached is not None and cached[0] is rnd:
            return cached[1]
        lanes: dict[Lane, dict[str, Card]] = {}
        for card in rnd.cards.values():
            lanes.setdefault((card.cell, card.layer), {})[card.id] = card
        self._lanes[rnd.id] = (rnd, lanes)
        return lanes

    def set_cards(self, round_id: str, changes: Mapping[str, Card | None]) -> None:
        """Put each card (or remove it where the value is None) in one go.

        A card goes to the board (`Round.cards`) or is held back (`Round.held`) by its
        `held`, leaving the other; so revealing, hiding and showing are card edits too.
        """
        rnd = self.workshop.round(round_id)
        for card in changes.values():
            if card is not None:
                check_card(self.framework, card)
        cached = self._lanes.get(round_id)
        if cached is not None and cached[0] is rnd:
            lanes = cached[1]  # shown cards only: held ones are in no lane
            for card_id, card in changes.items():
                if (old := rnd.cards.get(card_id)) is not None:
                    lanes.get((old.cell, old.layer), {}).pop(card_id, None)
                if card is not None and not card.held:
                    lanes.setdefault((card.cell, card.layer), {})[card_id] = card
        kept = [card for card in changes.values() if card is not None]
        removed = [card_id for card_id, card in changes.items() if card is None]
        for card_id in removed:
            rnd.cards.pop(card_id, None)
            rnd.held.pop(card_id, None)
        for card in kept:
            if card.held:
                rnd.cards.pop(card.id, None)
                rnd.held[card.id] = card
            else:
                rnd.held.pop(card.id, None)
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

    def set_kpi(
        self, round_id: str, kpi_id: str, value: float | None, basis: KpiBasis | None = None
    ) -> None:
        """Set or clear (None) a KPI of a round, with how it was computed from data (`basis`);
        without a basis the value stands alone, as one typed by hand does."""
        if value is not None:
            self.workshop.kpi_def(kpi_id).check(value)
        if basis is not None:
            if value is None:
                raise ValidationError(f"kpis.{kpi_id}", _("a basis needs a value"))
            check_basis(basis, f"kpis.{kpi_id}.basis")
        rnd = self.workshop.round(round_id)
        if value is None:
            rnd.kpis.pop(kpi_id, None)
        else:
            rnd.kpis[kpi_id] = value
        if basis is None:
            rnd.kpi_basis.pop(kpi_id, None)
        else:
            rnd.kpi_basis[kpi_id] = basis
        if self.file is not None:
            if basis is None:  # a store written before imports takes three arguments
                self.file.put_kpi(round_id, kpi_id, value)
            else:
                self.file.put_kpi(round_id, kpi_id, value, basis)
        self._emit(Change("kpi", round_id, (kpi_id,)))

    def set_imports(
        self, mappings: tuple[SavedMapping, ...], imports: tuple[ImportRecord, ...]
    ) -> None:
        """Replace the saved survey mappings and the record of imported files together."""
        check_imports(dataclasses.replace(self.workshop, mappings=mappings, imports=imports))
        changed = tuple(
            name
            for name, value in (("mappings", mappings), ("imports", imports))
            if getattr(self.workshop, name) != value
        )
        self.workshop.mappings = mappings
        self.workshop.imports = imports
        if self.file is not None:
            self.file.put_workshop()
        self._emit(Change("imports", ids=changed))

    def set_voting(self, round_id: str, voting: Voting | None) -> None:
        """Start (or restart) dot voting in a round with its budget, or end it (None)."""
        if voting is not None and (voting.per_person < 1 or voting.people < 1):
            raise ValidationError("voting", _("each of at least one person needs a vote"))
        if voting is not None and voting.per_card < 0:
            raise ValidationError(
                "voting", _("the votes one person may put on one card cannot be negative")
            )
        rnd = self.workshop.round(round_id)
        rnd.voting = voting
        if self.file is not None:  # a vote survives a restart of the app mid-session
            self.file.put_round(rnd, self.workshop.rounds.index(rnd))
        self._emit(Change("voting", round_id))

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
            raise TypeError(_("not workshop details: {keys}").format(keys=sorted(unknown)))
        updated = dataclasses.replace(self.workshop, **values)
        updated.validate()
        for name, value in values.items():
            setattr(self.workshop, name, value)
        if self.file is not None:
            self.file.put_workshop()
        self._emit(Change("details", ids=tuple(values)))

    def set_round_notes(self, round_id: str, notes: str) -> None:
        """The facilitator's story of a round: printed first in the brief."""
        check_text(notes, f"rounds.{round_id}.notes", limits.ANSWER_CHARS, _("the round's notes"))
        rnd = self.workshop.round(round_id)
        rnd.notes = notes
        if self.file is not None:
            self.file.put_round(rnd, self.workshop.rounds.index(rnd))
        self._emit(Change("notes", round_id))

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
