"""Edits reach storage through one small interface, which the workshop file implements."""

from __future__ import annotations

import inspect
from collections.abc import Iterable
from pathlib import Path

from trustboard.document import WorkshopDocument
from trustboard.document.commands import History, cards_command
from trustboard.document.storage import WorkshopStore
from trustboard.domain.workshop import Answer, Card, Rating, Workshop, new_id
from trustboard.store import WorkshopFile

CELL = ("competence", "individuals")


def _members(cls: type) -> list[str]:
    return [n for n in vars(cls) if not n.startswith("_")]


def test_the_workshop_file_offers_every_member_of_the_store_protocol_alike(
    tmp_path: Path, workshop: Workshop
) -> None:
    with WorkshopFile.create(tmp_path / "w.trustboard", workshop) as wf:
        for name in _members(WorkshopStore):
            wanted = getattr(WorkshopStore, name)
            if isinstance(wanted, property):  # read_only_reason: each open file has its own
                assert isinstance(getattr(wf, name), str), name
                continue
            ours = getattr(WorkshopFile, name, None)
            assert ours is not None, f"WorkshopFile has no {name}"
            assert list(inspect.signature(ours).parameters) == list(
                inspect.signature(wanted).parameters
            ), name


class _Records:
    """A store that only remembers what it was asked to put."""

    read_only_reason = ""

    def __init__(self) -> None:
        self.put: list[str] = []

    def put_cards(self, round_id: str, cards: Iterable[Card], removed: Iterable[str] = ()) -> None:
        self.put += [c.id for c in cards] + [f"-{r}" for r in removed]

    def put_rating(self, round_id: str, rating: Rating) -> None: ...
    def put_answer(self, round_id: str, answer: Answer) -> None: ...
    def put_kpi(self, round_id: str, kpi_id: str, value: float | None) -> None: ...
    def put_workshop(self) -> None: ...
    def replace_all(self) -> None: ...


def test_edits_run_on_any_store_that_keeps_the_protocol(workshop: Workshop) -> None:
    store = _Records()
    doc = WorkshopDocument(workshop, store)
    card = Card(new_id("c"), "Certified staff", CELL)
    history = History()
    history.push(cards_command(doc, {card.id: card}, "Add card"))
    history.undo()
    assert store.put == [card.id, f"-{card.id}"]
    assert card.id not in workshop.current_round.cards
