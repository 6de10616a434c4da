"""New to-be cards are ideas, and the history says which card and cell an edit touched."""

from __future__ import annotations

import dataclasses

from trustboard.document import WorkshopDocument, cards
from trustboard.document.commands import History
from trustboard.domain.workshop import Layer, Workshop

CELL = ("competence", "individuals")


def _new(doc: WorkshopDocument, history: History, text: str = "", **kw: object) -> str:
    command = cards.add_card(doc, CELL, text, **kw)  # type: ignore[arg-type]
    history.push(command)
    return next(iter(command.after))


def test_new_to_be_cards_are_ideas_and_as_is_cards_evidence(workshop: Workshop) -> None:
    doc, history = WorkshopDocument(workshop), History()
    to_be = _new(doc, history, layer=Layer.TO_BE)
    as_is = _new(doc, history, layer=Layer.AS_IS)
    chosen = _new(doc, history, layer=Layer.TO_BE, kind="evidence")
    cards_ = doc.current_round.cards
    assert cards_[to_be].kind == "idea"
    assert cards_[as_is].kind == "evidence"
    assert cards_[chosen].kind == "evidence"  # a kind asked for is kept


def test_to_be_cards_are_evidence_in_a_framework_without_ideas(workshop: Workshop) -> None:
    kinds = tuple(k for k in workshop.framework.card_kinds if k.id != "idea")
    framework = dataclasses.replace(workshop.framework, card_kinds=kinds)
    doc, history = WorkshopDocument(dataclasses.replace(workshop, framework=framework)), History()
    card_id = _new(doc, history, layer=Layer.TO_BE)
    assert doc.current_round.cards[card_id].kind == "evidence"


def test_history_names_the_card_and_its_cell(workshop: Workshop) -> None:
    doc, history = WorkshopDocument(workshop), History()
    added = cards.add_card(doc, CELL)
    history.push(added)
    card_id = next(iter(added.after))
    assert added.text == "Add card in Competence × Individuals"
    typed = cards.edit_card(doc, card_id, text="Staff wear name badges\nin every store")
    assert typed is not None
    assert typed.text == "Edit card “Staff wear name…” in Competence × Individuals"
    history.push(typed)
    gone = cards.delete_cards(doc, [card_id])
    assert gone is not None
    assert gone.text == "Delete card “Staff wear name…” in Competence × Individuals"


def test_history_shortens_a_long_first_word_and_names_unsorted_cards(
    workshop: Workshop,
) -> None:
    doc, history = WorkshopDocument(workshop), History()
    command = cards.add_card(doc, None, "x" * 500)
    assert command.text == f"Add card “{'x' * cards.FIRST_CHARS}…” in Unsorted"
    history.push(command)
    short = cards.edit_card(doc, next(iter(command.after)), text="Short")
    assert short is not None and short.text == "Edit card “Short” in Unsorted"
