"""Who wrote a card is a card edit like any other; Esc on a typed new card loses nothing."""

from __future__ import annotations

import pytest

from trustboard.document import WorkshopDocument, cards
from trustboard.document.commands import History
from trustboard.domain import limits
from trustboard.domain.errors import ValidationError
from trustboard.domain.workshop import Workshop

CELL = ("competence", "individuals")


def _new(doc: WorkshopDocument, history: History, text: str = "") -> str:
    command = cards.add_card(doc, CELL, text)
    history.push(command)
    return next(iter(command.after))


def test_set_author_is_one_undoable_step_naming_the_card(workshop: Workshop) -> None:
    doc, history = WorkshopDocument(workshop), History()
    first, second = _new(doc, history, "Badges at door"), _new(doc, history, "Other")
    command = cards.set_author(doc, [first], "  Alice Martin ")
    assert command is not None
    assert command.text == "Set author of “Badges at door” in " + cards.cell_name(doc, CELL)
    history.push(command)
    assert doc.current_round.cards[first].author == "Alice Martin"
    both = cards.set_author(doc, [first, second], "Bob")
    assert both is not None and both.text == "Set author of 2 cards"
    history.push(both)
    assert {c.author for c in doc.current_round.cards.values()} == {"Bob"}
    history.undo()
    assert doc.current_round.cards[first].author == "Alice Martin"
    assert doc.current_round.cards[second].author == ""
    assert cards.set_author(doc, [first], "Alice Martin") is None  # nothing to do


def test_set_author_refuses_a_name_over_the_limit(workshop: Workshop) -> None:
    doc, history = WorkshopDocument(workshop), History()
    card_id = _new(doc, history, "x")
    with pytest.raises(ValidationError):
        cards.set_author(doc, [card_id], "a" * (limits.TITLE_CHARS + 1))
    assert doc.current_round.cards[card_id].author == ""


def test_discarding_a_typed_new_card_can_be_undone_with_its_words(workshop: Workshop) -> None:
    doc, history = WorkshopDocument(workshop), History()
    card_id = _new(doc, history)  # added empty, as the board adds it before typing
    command = cards.discard_new_card(doc, card_id, "Half a thought")
    assert command is not None
    assert command.text.startswith("Discard new card “Half a thought”")
    history.push(command)
    assert card_id not in doc.current_round.cards
    history.undo()
    assert doc.current_round.cards[card_id].text == "Half a thought"
    assert cards.discard_new_card(doc, "no-such-card", "x") is None
