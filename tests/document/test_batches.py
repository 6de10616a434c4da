"""A batch (an import, a round start) is one command the views hear of once."""

from __future__ import annotations

import copy
import datetime as dt

from trustboard.document import Change, WorkshopDocument
from trustboard.document.commands import History
from trustboard.document.rounds import start_round_command
from trustboard.domain.workshop import Workshop
from trustboard.services.card_import import import_command as import_cards
from trustboard.services.card_import import parse_cards
from trustboard.services.survey_import import import_command as import_survey
from trustboard.services.survey_import import parse_survey

SURVEY = """element,domain,perspective,score,comment
Competence,Individuals,self,4,Good people
Competence,Individuals,customer,2,
Reliability,Technology,self,3,Slow at night
Integrity,Organizations,customer,5,
"""


def _listen(doc: WorkshopDocument) -> list[Change]:
    heard: list[Change] = []
    doc.subscribe(heard.append)
    return heard


def test_a_survey_import_is_one_change_and_one_undo_step(workshop: Workshop) -> None:
    doc, history = WorkshopDocument(workshop), History()
    before = copy.deepcopy(doc.workshop)
    heard = _listen(doc)
    history.push(import_survey(doc, parse_survey(SURVEY, workshop.framework)))
    assert len(heard) == 1
    (change,) = heard
    assert change.what == "records"
    assert [p.what for p in change.each()] == ["rating", "cards"]
    assert len(change.each()[0].ids) == 3  # three cells rated, each named once
    assert len(change.each()[1].ids) == 2  # two comments became cards
    history.undo()
    assert len(heard) == 2 and doc.workshop == before


def test_a_card_import_is_one_change(workshop: Workshop) -> None:
    doc, history = WorkshopDocument(workshop), History()
    heard = _listen(doc)
    csv = "element,domain,layer,kind,text,author\n" + "".join(
        f"Competence,Individuals,as-is,evidence,Card {i},\n" for i in range(50)
    )
    history.push(import_cards(doc, parse_cards(csv, workshop.framework)))
    assert [c.what for c in heard] == ["cards"] and len(heard[0].ids) == 50
    orders = [c.order for c in doc.current_round.cards_in(("competence", "individuals"))]
    assert orders == [float(i) for i in range(50)]


def test_a_round_start_is_one_change(workshop: Workshop) -> None:
    doc, history = WorkshopDocument(workshop), History()
    heard = _listen(doc)
    history.push(start_round_command(doc, "Q3 review", dt.date(2026, 7, 1)))
    assert [c.what for c in heard] == ["rounds"]


def test_a_single_change_is_its_own_part() -> None:
    change = Change("cards", "r-1", ("c-1",))
    assert change.each() == (change,)
