"""Cards held back from the board (waiting for the reveal, or hidden) follow every edit that
moves cards, while the board, analytics and counts see only the cards on the board."""

from __future__ import annotations

import copy
import dataclasses
import datetime as dt

from trustboard.analytics.cells import cell_stats, top_voted
from trustboard.analytics.overview import overview
from trustboard.document import Change, WorkshopDocument
from trustboard.document.cards import delete_cards, duplicate_cards, paste_cards
from trustboard.document.commands import Command, History, cards_command
from trustboard.document.framework_edits import framework_command, impact_of
from trustboard.document.room_edits import device_key, hide_card
from trustboard.document.rounds import start_round_command
from trustboard.domain.workshop import HIDDEN, WAITING, Card, Layer, Workshop, new_id
from trustboard.frameworks import editing
from trustboard.services.summary import summarise

TECH = ("competence", "technology")
CELL = ("competence", "individuals")
ANA = device_key("a" * 22, "salt")


def _push(history: History, command: Command | None) -> None:
    assert command is not None
    history.push(command)


def _doc_with(workshop: Workshop, *cards: Card) -> WorkshopDocument:
    doc = WorkshopDocument(workshop)
    cards_command(doc, {c.id: c for c in cards}, "Add").redo()
    return doc


def test_set_cards_moves_a_card_between_the_board_and_the_held_ones(workshop: Workshop) -> None:
    card = Card(new_id("c"), "From a phone", CELL, owner=ANA)
    doc = _doc_with(workshop, card)
    rnd = doc.current_round
    assert doc.lane(rnd.id, CELL, Layer.AS_IS) == [card]  # the lane index is built now
    heard: list[Change] = []
    doc.subscribe(heard.append)
    waiting = dataclasses.replace(card, held=WAITING)
    doc.set_cards(rnd.id, {card.id: waiting})
    assert rnd.cards == {} and rnd.held == {card.id: waiting}
    assert doc.lane(rnd.id, CELL, Layer.AS_IS) == []
    doc.set_cards(rnd.id, {card.id: card})
    assert rnd.cards == {card.id: card} and rnd.held == {}
    assert doc.lane(rnd.id, CELL, Layer.AS_IS) == [card]
    doc.set_cards(rnd.id, {card.id: waiting})
    doc.set_cards(rnd.id, {card.id: None})
    assert rnd.cards == {} and rnd.held == {}
    assert heard == [Change("cards", rnd.id, (card.id,))] * 4


def test_removing_a_column_moves_held_cards_to_unsorted_too_and_undo_puts_them_back(
    workshop: Workshop,
) -> None:
    shown = Card(new_id("c"), "On the board", TECH)
    held = Card(new_id("c"), "Waiting", TECH, owner=ANA, held=WAITING)
    doc = _doc_with(workshop, shown, held)
    rnd = doc.current_round
    before = (copy.deepcopy(rnd.cards), copy.deepcopy(rnd.held))
    cmd = framework_command(doc, editing.remove_axis(doc.framework, "domains", "technology"), "x")
    assert impact_of(cmd).cards == 2
    history = History()
    history.push(cmd)
    assert rnd.cards[shown.id].cell is None
    assert rnd.held[held.id].cell is None and rnd.held[held.id].held == WAITING
    workshop.validate()
    history.undo()
    assert (rnd.cards, rnd.held) == before
    workshop.validate()


def test_a_new_round_carries_waiting_cards_as_waiting_and_leaves_hidden_ones(
    workshop: Workshop,
) -> None:
    to_be = Card(new_id("c"), "Idea, not yet revealed", CELL, Layer.TO_BE, "idea", owner=ANA,
                 held=WAITING)  # fmt: skip
    as_is = Card(new_id("c"), "As-is, not yet revealed", CELL, owner=ANA, held=WAITING)
    hid = Card(new_id("c"), "Hidden idea", CELL, Layer.TO_BE, "idea", owner=ANA, held=HIDDEN)
    doc = _doc_with(workshop, to_be, as_is, hid)
    previous = doc.current_round
    history = History()
    history.push(start_round_command(doc, "Q3", dt.date(2026, 9, 1)))
    new = doc.current_round
    assert new is not previous and new.cards == {}
    (carried,) = new.held.values()
    assert (carried.text, carried.held, carried.owner) == (to_be.text, WAITING, ANA)
    assert carried.id != to_be.id
    assert len(previous.held) == 3  # the previous round keeps all of them
    workshop.validate()


def test_copies_of_a_phones_card_are_the_boards_own(workshop: Workshop) -> None:
    card = Card(new_id("c"), "From a phone", CELL, owner=ANA)
    doc = _doc_with(workshop, card)
    history = History()
    _push(history, duplicate_cards(doc, [card.id]))
    _push(history, paste_cards(doc, [card], CELL, Layer.TO_BE))
    copies = [c for c in doc.current_round.cards.values() if c.id != card.id]
    assert len(copies) == 2
    assert all(c.owner == "" and c.held == "" for c in copies)


def test_the_board_cannot_delete_a_held_card_by_accident(workshop: Workshop) -> None:
    held = Card(new_id("c"), "Waiting", CELL, owner=ANA, held=WAITING)
    doc = _doc_with(workshop, held)
    assert delete_cards(doc, [held.id]) is None
    assert doc.current_round.held == {held.id: held}


def test_analytics_and_counts_see_only_the_cards_on_the_board(workshop: Workshop) -> None:
    shown = Card(new_id("c"), "On the board", CELL, votes=1)
    waiting = Card(new_id("c"), "Secret until the reveal", CELL, votes=5, owner=ANA,
                   held=WAITING)  # fmt: skip
    doc = _doc_with(workshop, shown, waiting)
    _push(History(), hide_card(doc, shown.id))
    rnd = doc.current_round
    assert rnd.cards == {} and rnd.total_votes == 0
    assert top_voted(rnd) == []
    assert all(
        s.cards_as_is == s.cards_to_be == 0 for s in cell_stats(workshop.framework, rnd).values()
    )
    assert summarise(workshop, 3)["cards"] == 0
    assert "Secret until the reveal" not in repr(overview(workshop))
