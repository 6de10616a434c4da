"""What an edit needs from storage: the records to put, and whether it may write at all.

The workshop file (`trustboard.store.WorkshopFile`) implements it; the edit layer knows
only this, so another store (the room's server, a test double) can stand in for it.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Protocol

from trustboard.domain.workshop import Answer, Card, KpiBasis, Rating, Round


class WorkshopStore(Protocol):
    """Persists each change the document makes to its Workshop, record by record."""

    @property
    def read_only_reason(self) -> str:
        """Why nothing may be written (empty when edits are saved)."""
        ...

    def put_cards(self, round_id: str, cards: Iterable[Card], removed: Iterable[str] = ()) -> None:
        """Store these cards of a round and forget the `removed` card ids, in one go."""
        ...

    def put_rating(self, round_id: str, rating: Rating) -> None:
        """Store a cell's rating; one without scores is forgotten."""
        ...

    def put_answer(self, round_id: str, answer: Answer) -> None:
        """Store an answer; an empty, not-done one is forgotten."""
        ...

    def put_kpi(
        self, round_id: str, kpi_id: str, value: float | None, basis: KpiBasis | None = None
    ) -> None:
        """Store a KPI reading of a round, with how it was computed from data when it was;
        None forgets it. (The document passes `basis` only when there is one, so a store
        written before imports keeps working.)"""
        ...

    def put_round(self, rnd: Round, order: int) -> None:
        """Store a round's own fields (label, date, place, a dot vote running in it)."""
        ...

    def put_workshop(self) -> None:
        """Store the workshop's details and framework after either changed."""
        ...

    def replace_all(self) -> None:
        """Store the whole workshop again (rounds started, removed or reordered)."""
        ...
