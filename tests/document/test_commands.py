"""Every edit undoes to exactly the state before, in memory and on disk."""

from __future__ import annotations

import copy
import dataclasses
from pathlib import Path

from trustboard.document import Change, WorkshopDocument
from trustboard.document.commands import (
    AnswerCommand,
    History,
    KpiCommand,
    RatingCommand,
    cards_command,
)
from trustboard.domain.workshop import Answer, Card, Layer, Perspective, Rating, Workshop, new_id
from trustboard.store import WorkshopFile

CELL = ("competence", "individuals")


def _open(tmp_path: Path, workshop: Workshop) -> tuple[WorkshopDocument, WorkshopFile]:
    wf = WorkshopFile.create(tmp_path / "w.trustboard", workshop)
    return WorkshopDocument(wf.workshop, wf), wf


def _on_disk(wf: WorkshopFile) -> Workshop:
    wf.flush()
    with WorkshopFile.open(wf.path, read_only=True) as again:
        return again.workshop


def test_add_move_delete_cards_undo_to_the_exact_state(tmp_path: Path, workshop: Workshop) -> None:
    doc, wf = _open(tmp_path, workshop)
    history = History()
    before = copy.deepcopy(doc.workshop)
    a = Card(new_id("c"), "Certified staff", CELL)
    b = Card(new_id("c"), "Reviews <b>&", CELL, order=1)
    history.push(cards_command(doc, {a.id: a, b.id: b}, "Add cards"))
    after_add = copy.deepcopy(doc.workshop)
    moved = dataclasses.replace(a, cell=("empathy", "technology"), layer=Layer.TO_BE)
    history.push(cards_command(doc, {a.id: moved}, "Move card"))
    history.push(cards_command(doc, {b.id: None}, "Delete card"))
    assert set(doc.current_round.cards) == {a.id}
    assert _on_disk(wf) == doc.workshop

    history.undo()
    history.undo()
    assert doc.workshop == after_add
    assert _on_disk(wf) == after_add
    history.undo()
    assert doc.workshop == before
    assert _on_disk(wf) == before
    history.redo()
    assert doc.workshop == after_add
    wf.close()


def test_typing_in_a_card_merges_into_one_undo_step(workshop: Workshop) -> None:
    doc = WorkshopDocument(workshop)
    history = History()
    card = Card(new_id("c"), "", CELL)
    history.push(cards_command(doc, {card.id: card}, "Add card"))
    for text in ("T", "Tr", "Tru", "Trust"):
        edited = dataclasses.replace(card, text=text)
        history.push(cards_command(doc, {card.id: edited}, "Edit", merge_key=("text", card.id)))
    assert doc.current_round.cards[card.id].text == "Trust"
    history.undo()
    assert doc.current_round.cards[card.id].text == ""
    history.undo()
    assert card.id not in doc.current_round.cards


def test_rating_answer_and_kpi_undo(workshop: Workshop) -> None:
    doc = WorkshopDocument(workshop)
    history = History()
    rid = workshop.current_round_id
    empty = doc.current_round.rating(CELL, Layer.AS_IS, Perspective.SELF)
    scored = Rating(CELL, Layer.AS_IS, Perspective.SELF, (3, 4, 4))
    history.push(RatingCommand(doc, rid, empty, scored))
    question = workshop.framework.questions_for(CELL)[0].id
    blank = Answer(CELL, question)
    for text in ("We", "We train", "We train twice a year"):
        history.push(
            AnswerCommand(doc, rid, blank, Answer(CELL, question, text), merge_key=question)
        )
    history.push(KpiCommand(doc, rid, "nps", None, 31.0))
    assert doc.current_round.kpis == {"nps": 31.0}
    assert doc.current_round.answers[(*CELL, question)].text == "We train twice a year"
    history.undo()
    history.undo()
    assert doc.current_round.answers == {}
    history.undo()
    assert doc.current_round.ratings == {}


def test_listeners_hear_each_change(workshop: Workshop) -> None:
    doc = WorkshopDocument(workshop)
    heard: list[Change] = []
    doc.subscribe(heard.append)
    card = Card(new_id("c"), "x", CELL)
    cards_command(doc, {card.id: card}, "Add").redo()
    assert heard == [Change("cards", workshop.current_round_id, (card.id,))]


def test_typing_into_one_card_is_one_undo_step(workshop: Workshop) -> None:
    doc = WorkshopDocument(workshop)
    history = History()
    card = Card(new_id("c"), "", CELL)
    history.push(cards_command(doc, {card.id: card}, "Add card"))
    other = Card(new_id("c"), "other", CELL)
    history.push(cards_command(doc, {other.id: other}, "Add card"))
    for text in ("T", "Tr", "Tru", "Trust"):  # keystrokes share the card's merge key
        typed = dataclasses.replace(card, text=text)
        history.push(cards_command(doc, {card.id: typed}, "Edit card", merge_key=card.id))
    edited = dataclasses.replace(other, text="other, edited")
    history.push(cards_command(doc, {other.id: edited}, "Edit card", merge_key=other.id))
    assert doc.current_round.cards[card.id].text == "Trust"
    assert history.undo()  # the other card's edit: a different key is its own step
    assert doc.current_round.cards[other.id].text == "other"
    assert doc.current_round.cards[card.id].text == "Trust"
    assert history.undo()  # all the typing at once
    assert doc.current_round.cards[card.id].text == ""
    assert history.undo() and history.undo()  # the two adds, one step each
    assert doc.current_round.cards == {}
    assert not history.undo()


def test_edits_without_a_merge_key_stay_separate_steps(workshop: Workshop) -> None:
    doc = WorkshopDocument(workshop)
    history = History()
    card = Card(new_id("c"), "a", CELL)
    history.push(cards_command(doc, {card.id: card}, "Add card"))
    for votes in (1, 2):
        history.push(cards_command(doc, {card.id: dataclasses.replace(card, votes=votes)}, "Vote"))
    assert history.undo()
    assert doc.current_round.cards[card.id].votes == 1
    assert history.redo()
    assert doc.current_round.cards[card.id].votes == 2
    assert not history.redo()


def test_typing_an_answer_merges_per_question(workshop: Workshop) -> None:
    doc = WorkshopDocument(workshop)
    history = History()
    rid = workshop.current_round_id
    first, second = (q.id for q in workshop.framework.questions_for(CELL)[:2])

    def answer(question: str, text: str) -> None:
        before = doc.current_round.answers.get((*CELL, question), Answer(CELL, question))
        after = dataclasses.replace(before, text=text)
        history.push(AnswerCommand(doc, rid, before, after, merge_key="typing"))

    answer(first, "W")
    answer(first, "We train")
    answer(second, "Yes")  # same key, other question: its own step
    assert history.undo()
    assert doc.current_round.answers[(*CELL, first)].text == "We train"
    assert history.undo()
    assert doc.current_round.answers.get((*CELL, first), Answer(CELL, first)).text == ""
    assert not history.undo()
