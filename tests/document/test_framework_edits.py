"""Editing a workshop's framework: undo restores it exactly, and no card is ever lost."""

from __future__ import annotations

import copy
from pathlib import Path

import pytest

from trustboard.document import Change, WorkshopDocument
from trustboard.document.commands import AnswerCommand, History, RatingCommand, cards_command
from trustboard.document.framework_edits import framework_command, impact_of
from trustboard.domain.errors import ValidationError
from trustboard.domain.framework import Framework
from trustboard.domain.workshop import (
    Answer,
    Card,
    Layer,
    Perspective,
    Rating,
    Workshop,
    new_id,
)
from trustboard.frameworks import editing
from trustboard.frameworks.templates import load_templates, save_user_template
from trustboard.store import WorkshopFile


def _populated(workshop: Workshop) -> WorkshopDocument:
    doc = WorkshopDocument(workshop)
    cards = {}
    for i, cell in enumerate(
        [("empathy", "individuals"), ("empathy", "technology"), ("competence", "technology")]
    ):
        card = Card(new_id("c"), f"card {i}", cell)
        cards[card.id] = card
    cards_command(doc, cards, "Add").redo()
    rid = workshop.current_round_id
    rating = Rating(("empathy", "technology"), Layer.AS_IS, Perspective.SELF, (2, 3))
    RatingCommand(
        doc, rid, doc.current_round.rating(rating.cell, rating.layer, rating.perspective), rating
    ).redo()
    return doc


def test_removing_a_populated_row_loses_no_card_and_undo_restores_all(workshop: Workshop) -> None:
    doc = _populated(workshop)
    history = History()
    before = copy.deepcopy(doc.workshop)
    after = editing.remove_axis(doc.framework, "elements", "empathy")
    cmd = framework_command(doc, after, "Remove Empathy")
    impact = impact_of(cmd)
    assert (impact.cards, impact.ratings) == (2, 1)
    assert "2 cards move to Unsorted" in impact.describe()
    history.push(cmd)
    assert [e.id for e in doc.framework.elements] == ["competence", "reliability", "integrity"]
    assert len(doc.current_round.cards) == 3
    assert len(doc.current_round.cards_in(None)) == 2
    assert doc.current_round.ratings == {}
    doc.workshop.validate()
    history.undo()
    assert doc.workshop == before


def test_removing_a_column_on_disk_then_undo(tmp_path: Path, workshop: Workshop) -> None:
    wf = WorkshopFile.create(tmp_path / "w.trustboard", workshop)
    doc = WorkshopDocument(wf.workshop, wf)
    _populated_doc = doc
    card = Card(new_id("c"), "in technology", ("competence", "technology"))
    cards_command(_populated_doc, {card.id: card}, "Add").redo()
    before = copy.deepcopy(doc.workshop)
    history = History()
    history.push(
        framework_command(doc, editing.remove_axis(doc.framework, "domains", "technology"), "x")
    )
    wf.close()
    with WorkshopFile.open(wf.path) as reopened:
        assert [d.id for d in reopened.workshop.framework.domains] == [
            "individuals",
            "organizations",
        ] + [d.id for d in before.framework.domains if d.optional]
        assert reopened.workshop.current_round.cards[card.id].cell is None
        doc2 = WorkshopDocument(reopened.workshop, reopened)
        # undo works on the reopened file too, through a command built before
        cmd = framework_command(doc2, before.framework, "restore")
        cmd.redo()
        assert reopened.workshop.framework == before.framework


@pytest.mark.parametrize(
    "edit",
    [
        lambda fw: editing.add_axis(fw, "elements", "Transparency", index=1, group="character")[0],
        lambda fw: editing.add_axis(fw, "domains", "Offer / Brand 2")[0],
        lambda fw: editing.update_axis(fw, "elements", "competence", name="Capability"),
        lambda fw: editing.update_axis(fw, "domains", "technology", definition="Data, apps, AI"),
        lambda fw: editing.move_axis(fw, "elements", "empathy", 0),
        lambda fw: editing.move_axis(fw, "domains", "individuals", 2),
        lambda fw: editing.set_axis_questions(
            fw, "elements", "integrity", ["Do we admit mistakes?"]
        ),
        lambda fw: editing.set_cell_questions(fw, ("competence", "individuals"), ["A?", "B?"]),
        lambda fw: editing.set_info(fw, name="Our trust grid"),
    ],
)
def test_every_framework_edit_undoes_to_the_exact_framework(workshop: Workshop, edit) -> None:  # type: ignore[no-untyped-def]
    doc = _populated(workshop)
    history = History()
    original = doc.framework
    history.push(framework_command(doc, edit(original), "edit"))
    assert doc.framework != original
    history.undo()
    assert doc.framework == original
    history.redo()
    assert doc.framework == edit(original)


def test_optional_domain_switches_on_and_off(rtx: Framework) -> None:
    optional = [d for d in rtx.domains if d.optional]
    assert [d.name for d in optional] == ["Offer / Brand"]
    d = optional[0]
    assert not d.enabled
    on = editing.update_axis(rtx, "domains", d.id, enabled=True)
    assert d.id in [x.id for x in on.active_domains]
    off = editing.update_axis(on, "domains", d.id, enabled=False)
    assert off == rtx


def test_a_required_domain_cannot_be_switched_off(rtx: Framework) -> None:
    with pytest.raises(ValidationError, match="only optional columns"):
        editing.update_axis(rtx, "domains", "individuals", enabled=False)


def test_the_last_row_cannot_be_removed(rtx: Framework) -> None:
    fw = rtx
    for e in rtx.elements[:-1]:
        fw = editing.remove_axis(fw, "elements", e.id)
    with pytest.raises(ValidationError, match="last element"):
        editing.remove_axis(fw, "elements", fw.elements[0].id)


def test_edited_question_keeps_ids_of_unchanged_texts(rtx: Framework) -> None:
    cell = ("competence", "individuals")
    fw = editing.set_cell_questions(rtx, cell, ["Keep me?", "Second?"])
    keep_id = fw.cell_questions[cell][0].id
    fw2 = editing.set_cell_questions(fw, cell, ["New first?", "Keep me?"])
    assert fw2.cell_questions[cell][1].id == keep_id
    fw2.validate()


def test_new_ids_are_unique_and_readable(rtx: Framework) -> None:
    fw, first = editing.add_axis(rtx, "domains", "Café & Bar")
    fw, second = editing.add_axis(fw, "domains", "Café & Bar")
    assert (first, second) == ("cafe-bar", "cafe-bar-2")


def test_save_as_user_template_lists_next_to_builtins(tmp_path: Path, rtx: Framework) -> None:
    custom = editing.set_info(rtx, id="our-grid", name="Our grid")
    path = save_user_template(custom, tmp_path / "user", taken={rtx.id})
    templates, errors = load_templates([(tmp_path / "user", False)])
    assert errors == []
    assert [t.id for t in templates] == ["our-grid"]
    assert templates[0].framework == custom
    assert not templates[0].builtin
    assert path.suffix == ".json"
    with pytest.raises(ValidationError, match="already a template"):
        save_user_template(rtx, tmp_path / "user", taken={rtx.id})


def test_a_framework_edit_is_one_change_for_the_views(workshop: Workshop) -> None:
    doc = _populated(workshop)
    history = History()
    heard: list[Change] = []
    doc.subscribe(heard.append)
    history.push(framework_command(doc, editing.remove_axis(doc.framework, "elements",
                                                            "empathy"), "Remove Empathy"))  # fmt: skip
    assert len(heard) == 1
    assert [p.what for p in heard[0].each()] == ["cards", "rating", "framework"]
    history.undo()
    assert len(heard) == 2
    assert [p.what for p in heard[1].each()] == ["framework", "cards", "rating"]


def test_switching_a_column_off_keeps_its_cards_ratings_and_answers(workshop: Workshop) -> None:
    doc = WorkshopDocument(workshop)
    history = History()
    on = editing.update_axis(doc.framework, "domains", "offer-brand", enabled=True)
    history.push(framework_command(doc, on, "Switch Offer / Brand on"))
    cell = ("empathy", "offer-brand")
    card = Card(new_id("c"), "Works as advertised", cell)
    cards_command(doc, {card.id: card}, "Add").redo()
    question = doc.framework.questions_for(cell)[0]
    answer = Answer(cell, question.id, "We call back within a day")
    AnswerCommand(doc, workshop.current_round_id, Answer(cell, question.id), answer).redo()
    off = editing.update_axis(doc.framework, "domains", "offer-brand", enabled=False)
    cmd = framework_command(doc, off, "Switch Offer / Brand off")
    assert impact_of(cmd).empty
    assert impact_of(cmd).describe() == "No cards, ratings or answers are affected."
    history.push(cmd)
    assert doc.current_round.answers[(*cell, question.id)] == answer  # kept for its return
    assert doc.current_round.cards[card.id] == card


def test_the_impact_names_each_kind_of_work_with_its_count(workshop: Workshop) -> None:
    doc = _populated(workshop)
    cmd = framework_command(
        doc, editing.remove_axis(doc.framework, "domains", "technology"), "Remove Technology"
    )
    impact = impact_of(cmd)
    assert (impact.cards, impact.ratings, impact.answers) == (2, 1, 0)
    assert not impact.empty
    text = impact.describe()
    assert text.startswith("2 cards move to Unsorted; 1 rating")
    assert "answer" not in text
    assert text.endswith(". Undo brings everything back.")
