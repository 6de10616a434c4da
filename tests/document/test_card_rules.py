"""Card edits are rules of the document: any input (board, CLI, importer, phone) gets the same."""

from __future__ import annotations

import copy

import pytest

from trustboard.document import Change, WorkshopDocument, cards
from trustboard.document.commands import History
from trustboard.domain.errors import ValidationError
from trustboard.domain.workshop import Layer, Workshop

CELL = ("competence", "individuals")
OTHER = ("reliability", "individuals")


def _doc(workshop: Workshop) -> tuple[WorkshopDocument, History]:
    return WorkshopDocument(workshop), History()


def _lane(doc: WorkshopDocument, cell: tuple[str, str] = CELL) -> list[str]:
    return [c.text for c in doc.current_round.cards_in(cell, Layer.AS_IS)]


def _add(doc: WorkshopDocument, history: History, *texts: str, cell=CELL) -> list[str]:
    ids = []
    for text in texts:
        command = cards.add_card(doc, cell, text)
        history.push(command)
        ids.append(next(iter(command.after)))
    return ids


def test_new_cards_go_to_the_end_of_their_cell(workshop: Workshop) -> None:
    doc, history = _doc(workshop)
    _add(doc, history, "a", "b", "c")
    assert _lane(doc) == ["a", "b", "c"]


def test_a_move_drops_the_cards_where_they_were_let_go_not_at_the_end(
    workshop: Workshop,
) -> None:
    doc, history = _doc(workshop)
    a, _, _, d = _add(doc, history, "a", "b", "c", "d")
    history.push(cards.move_cards(doc, [d], CELL, Layer.AS_IS, 1))
    assert _lane(doc) == ["a", "d", "b", "c"]
    history.push(cards.move_cards(doc, [a], OTHER, Layer.AS_IS, 0))
    assert _lane(doc) == ["d", "b", "c"] and _lane(doc, OTHER) == ["a"]
    assert cards.move_cards(doc, [a], OTHER, Layer.AS_IS, 0) is None  # already there


def test_placed_is_the_lane_the_board_shows_during_a_drag(workshop: Workshop) -> None:
    doc, history = _doc(workshop)
    a, b, c = _add(doc, history, "a", "b", "c")
    lane = cards.placed(doc.current_round, [c], CELL, Layer.AS_IS, 0)
    assert [card.id for card in lane] == [c, a, b]


def test_a_batch_of_new_cards_follows_each_cells_last_card(workshop: Workshop) -> None:
    doc, history = _doc(workshop)
    _add(doc, history, "first")
    new = [cards.NewCard(t, CELL) for t in ("x", "y")] + [cards.NewCard("z", OTHER)]
    history.push(cards.add_cards(doc, new, "Import 3 cards"))
    assert _lane(doc) == ["first", "x", "y"] and _lane(doc, OTHER) == ["z"]


def test_paste_and_duplicate_make_fresh_cards_without_votes(workshop: Workshop) -> None:
    doc, history = _doc(workshop)
    (a,) = _add(doc, history, "a")
    history.push(cards.edit_card(doc, a, votes=3, voters=(("ana", 2),)))
    history.push(cards.duplicate_cards(doc, [a]))
    pasted = cards.paste_cards(doc, [doc.current_round.cards[a]], OTHER, Layer.TO_BE)
    assert pasted is not None
    history.push(pasted)
    copies = [c for c in doc.current_round.cards.values() if c.id != a]
    assert len(copies) == 2
    assert all(c.votes == 0 and c.voters == () for c in copies)
    assert {c.cell for c in copies} == {CELL, OTHER}


def test_kind_changes_are_checked_against_the_framework(workshop: Workshop) -> None:
    doc, history = _doc(workshop)
    a, b = _add(doc, history, "a", "b")
    with pytest.raises(ValidationError, match="no card kind"):
        cards.set_kind(doc, [a], "no-such-kind")
    history.push(cards.set_kind(doc, [a, b], "risk"))
    assert {c.kind for c in doc.current_round.cards.values()} == {"risk"}
    assert cards.set_kind(doc, [a, b], "risk") is None  # nothing to do, no empty undo step


def test_every_card_rule_undoes_to_the_exact_state(workshop: Workshop) -> None:
    doc, history = _doc(workshop)
    before = copy.deepcopy(doc.workshop)
    a, b = _add(doc, history, "a", "b")
    steps = [
        cards.move_cards(doc, [b], OTHER, Layer.TO_BE),
        cards.duplicate_cards(doc, [a]),
        cards.set_kind(doc, [a], "idea"),
        cards.edit_card(doc, a, text="changed"),
        cards.delete_cards(doc, [a, b]),
    ]
    for step in steps:
        assert step is not None
        history.push(step)
        history.undo()
        history.push(step)
    while history.undo():
        pass
    assert doc.workshop == before


def test_a_paste_is_one_change_for_the_views(workshop: Workshop) -> None:
    doc, history = _doc(workshop)
    _add(doc, history, "a", "b")
    heard: list[Change] = []
    doc.subscribe(heard.append)
    history.push(cards.paste_cards(doc, list(doc.current_round.cards.values()), OTHER,
                                   Layer.AS_IS))  # fmt: skip
    assert [c.what for c in heard] == ["cards"] and len(heard[0].ids) == 2


def test_only_an_action_has_a_status_to_set(workshop: Workshop) -> None:
    from trustboard.domain.workshop import Action, ActionStatus

    doc, history = _doc(workshop)
    a, b = _add(doc, history, "a", "b")
    with pytest.raises(ValidationError, match="not an action"):
        cards.set_action_status(doc, a, ActionStatus.DONE)
    history.push(cards.set_action(doc, b, Action("Ana"), "Make action"))
    history.push(cards.set_action_status(doc, b, ActionStatus.IN_PROGRESS))
    assert doc.current_round.cards[b].action == Action("Ana", None, ActionStatus.IN_PROGRESS)
    assert cards.set_action_status(doc, b, ActionStatus.IN_PROGRESS) is None


def test_the_lane_index_follows_every_edit_undo_and_new_round(workshop: Workshop) -> None:
    """`WorkshopDocument.lane` is kept by set_cards; it must always be what a scan finds."""
    import datetime as dt
    import random

    from trustboard.document.rounds import start_round_command

    doc, history = _doc(workshop)
    rng = random.Random(12)
    lanes = [(cell, layer) for cell in (CELL, OTHER, None) for layer in Layer]
    for step in range(300):
        ids = list(doc.current_round.cards)
        roll = rng.random()
        if roll < 0.35 or not ids:
            cell, layer = rng.choice(lanes)
            history.push(cards.add_card(doc, cell, f"card {step}", layer=layer))
        elif roll < 0.65:
            cell, layer = rng.choice(lanes)
            moving = rng.sample(ids, min(len(ids), rng.randint(1, 3)))
            command = cards.move_cards(doc, moving, cell, layer, rng.choice([None, 0, 1, 5]))
            if command is not None:
                history.push(command)
        elif roll < 0.75:
            command = cards.delete_cards(doc, [rng.choice(ids)])
            if command is not None:
                history.push(command)
        elif roll < 0.97:
            history.undo() if rng.random() < 0.7 else history.redo()
        else:
            history.push(start_round_command(doc, f"Round {step}", dt.date(2026, 1, 1)))
        rnd = doc.current_round
        for cell, layer in lanes:
            assert doc.lane(rnd.id, cell, layer) == rnd.cards_in(cell, layer), step
