"""Planning an import (checked before anything changes) and the one undo step that adds it."""

from __future__ import annotations

import copy
import json

import pytest

from trustboard.document.commands import History
from trustboard.document.document import WorkshopDocument
from trustboard.domain.framework import Framework
from trustboard.domain.workshop import KpiDef, Layer, Perspective, Workshop
from trustboard.services.import_errors import ImportFileError
from trustboard.services.imports.layouts import detect
from trustboard.services.imports.mapping import ColumnMap, Mapping, MappingError, Target, suggest
from trustboard.services.imports.plan import ImportPlan, import_command, plan_import
from trustboard.services.imports.read import ImportCancelled, Table, read_bytes

STAFF = "How much do you trust us? [Competence of individuals]"
SURVEY = (
    f"Response ID,{STAFF},How likely are you to recommend us to a friend?,Do you trust us?,"
    "Anything else?,And finally?\n"
    "r1,Agree,9,Yes,Great staff,Great staff\n"
    "r2,Disagree,6,No,Slow replies,\n"
    "r3,Don't know,10,yes,,Slow replies\n"
    "r4,Strongly agree,,,,\n"
)
CELL = ("competence", "individuals")


def table(text: str = SURVEY, name: str = "survey.csv") -> Table:
    return read_bytes(text.encode(), name)


def planned(workshop: Workshop, text: str = SURVEY, **kwargs: bool) -> tuple[ImportPlan, Mapping]:
    t = table(text)
    mapping = suggest(detect(t), workshop.framework, workshop)
    return plan_import(t, mapping, workshop, **kwargs), mapping


def test_a_survey_plan_counts_scores_kpis_and_cards(workshop: Workshop, rtx: Framework) -> None:
    plan, _ = planned(workshop)
    assert (plan.tool, plan.respondents, plan.response_ids) == (
        "a survey export",
        4,
        ("r1", "r2", "r3", "r4"),
    )
    assert plan.scores == {(CELL, Layer.AS_IS, Perspective.CUSTOMER): [4, 2, 5]}
    assert {k.kpi: (k.value, k.n) for k in plan.kpis} == {
        "nps": (pytest.approx(100 / 3), 3),
        "trust-yes": (pytest.approx(200 / 3), 3),
    }
    # r1 said "Great staff" twice: one card; r2 and r3 each said "Slow replies" once
    assert [(c.text, c.cell, c.kind) for c in plan.cards] == [
        ("Great staff", None, "customer-voice"),
        ("Slow replies", None, "customer-voice"),
        ("Slow replies", None, "customer-voice"),
    ]
    assert [(s.row, s.column, s.reason) for s in plan.skipped] == [
        (4, STAFF, '"Don\'t know" is marked skip')
    ]
    summary = plan.summary(rtx)
    json.dumps(summary)
    assert summary["scores"] == [
        {"element": "Competence", "domain": "Individuals", "layer": "as-is",
         "perspective": "customer", "count": 3, "median": 4}
    ]  # fmt: skip
    assert summary["cards_per_cell"] == [{"element": "", "domain": "", "count": 3}]
    assert (summary["skipped_total"], summary["already"], plan.empty) == (1, "", False)


@pytest.mark.parametrize(
    ("answer", "words"),
    [
        (
            "Maybe",
            "the answer 'Maybe' has no value on the scale 1–5; map it in the assistant or mark it skip",
        ),
        ("7", "the answer 7 is outside the scale 1–5; rescale the column"),
        ("=cmd|' /C calc'!A0", "the answer \"=cmd|' /C calc'!A0\" has no value on the scale"),
    ],
)
def test_answers_off_the_scale_are_named_by_row_and_column(
    workshop: Workshop, answer: str, words: str
) -> None:
    text = SURVEY.replace("r4,Strongly agree", f'r4,"{answer}"')
    with pytest.raises(
        ImportFileError, match=r"survey.csv, row 5, column 'How much do you trust us"
    ) as caught:
        planned(workshop, text)
    assert words in str(caught.value)


def test_rescaled_numbers_land_on_the_nearest_step(workshop: Workshop) -> None:
    t = table("Staff\n0\n5\n7\n10\n")
    mapping = Mapping("m", (ColumnMap("Staff", Target.SCORE, CELL, rescale=(0.0, 10.0)),))
    plan = plan_import(t, mapping, workshop)
    assert plan.scores[(CELL, Layer.AS_IS, Perspective.CUSTOMER)] == [1, 3, 4, 5]
    with pytest.raises(
        ImportFileError, match="row 3, column 'Staff': the answer 11 is outside the range 0–10"
    ):
        plan_import(table("Staff\n1\n11\n"), mapping, workshop)


def test_imported_files_and_responses_are_left_out_unless_again(workshop: Workshop) -> None:
    doc = WorkshopDocument(workshop)
    plan, mapping = planned(workshop)
    History().push(import_command(doc, plan, mapping))
    again, _ = planned(workshop)
    assert again.empty and again.respondents == 0
    assert again.already.startswith("This file was imported on ")
    assert again.already.endswith(" into Round 1.")
    assert planned(workshop, again=True)[0].respondents == 4
    # a later export of the same survey: two old responses, one new, one twice
    later, _ = planned(workshop, SURVEY + "r5,Agree,8,No,,\nr5,Agree,8,No,,\n")
    assert later.respondents == 1 and later.response_ids == ("r5",)
    assert later.already == "4 responses were imported before and are left out."
    assert [s.reason for s in later.skipped][-1] == "the same response id as row 6"


def test_import_is_one_undo_step(workshop: Workshop) -> None:
    doc, history = WorkshopDocument(workshop), History()
    before = copy.deepcopy(workshop)
    plan, mapping = planned(workshop)
    command = import_command(doc, plan, mapping)
    assert command.text == "Import survey: 4 responses"
    history.push(command)
    rnd = workshop.current_round
    assert rnd.rating(CELL, Layer.AS_IS, Perspective.CUSTOMER).scores == (4, 2, 5)
    assert len(rnd.cards) == 3
    assert rnd.kpis == {"nps": 33.33, "trust-yes": 66.67}
    assert rnd.kpi_basis["nps"].n == 3 and rnd.kpi_basis["nps"].source == "survey.csv"
    (record,) = workshop.imports
    assert (record.sha256, record.rows, record.response_ids) == (plan.sha256, 4, plan.response_ids)
    assert [m.signature for m in workshop.mappings] == [mapping.signature]
    assert suggest(detect(table()), workshop.framework, workshop) == mapping
    history.undo()
    assert workshop.rounds == before.rounds
    assert (workshop.imports, workshop.mappings) == ((), ())


def test_long_ratings_go_to_each_rows_cell(workshop: Workshop) -> None:
    text = (
        "element,domain,perspective,score,layer,comment\n"
        "Competence,Individuals,self,3,,Proud of it\n"
        "competence,individuals,customer,5,to-be,Want more\n"
        "Integrity,Organizations,customer,2,,\n"
    )
    plan, _ = planned(workshop, text)
    assert plan.scores == {
        (CELL, Layer.AS_IS, Perspective.SELF): [3],
        (CELL, Layer.TO_BE, Perspective.CUSTOMER): [5],
        (("integrity", "organizations"), Layer.AS_IS, Perspective.CUSTOMER): [2],
    }
    assert [(c.text, c.cell, c.layer, c.kind) for c in plan.cards] == [
        ("Proud of it", CELL, Layer.AS_IS, "evidence"),
        ("Want more", CELL, Layer.TO_BE, "customer-voice"),
    ]
    bad = text.replace("Integrity,Organizations", "Honesty,Organizations")
    with pytest.raises(ImportFileError, match="row 4, column 'element': unknown element 'Honesty'"):
        planned(workshop, bad)


def test_cards_from_trustboard_and_miro(workshop: Workshop) -> None:
    plan, _ = planned(
        workshop,
        "element,domain,layer,kind,text,author\nCompetence,Individuals,to-be,Idea,Train more,Ann\n",
    )
    assert [(c.text, c.cell, c.layer, c.kind, c.author) for c in plan.cards] == [
        ("Train more", CELL, Layer.TO_BE, "idea", "Ann")
    ]
    miro = (
        "Content,Author,Frame\nSlow,Ann,Competence / Individuals\nOdd idea,Bo,Parking lot\n,Cy,\n"
    )
    plan, mapping = planned(workshop, miro)
    assert [(c.text, c.cell, c.author) for c in plan.cards] == [
        ("Slow", CELL, "Ann"),
        ("Odd idea", None, "Bo"),
    ]
    assert [s.reason for s in plan.skipped] == ["no text for a card"]
    command = import_command(WorkshopDocument(workshop), plan, mapping)
    assert command.text == "Import cards: 2 cards"


def test_a_mapping_that_does_not_fit_is_refused(workshop: Workshop) -> None:
    t = table()
    cases = [
        (
            ColumnMap("Gone", Target.SCORE, CELL),
            "column 'Gone': the mapping names this column but the file has no such column",
        ),
        (
            ColumnMap(STAFF, Target.SCORE, ("honesty", "individuals")),
            "cell 'honesty/individuals' is not a cell of this board",
        ),
        (ColumnMap(STAFF, Target.SCORE), "is mapped to scores but to no cell"),
        (
            ColumnMap(STAFF, Target.SCORE, CELL, labels=(("Agree", 9),)),
            "the label 'Agree' is given 9, which is not on the scale 1–5",
        ),
        (
            ColumnMap(STAFF, Target.KPI, kpi="happiness"),
            "KPI 'happiness' is not one of this workshop's KPIs",
        ),
    ]
    for column, words in cases:
        with pytest.raises(MappingError, match=r"survey.csv") as caught:
            plan_import(t, Mapping("m", (column,)), workshop)
        assert words in str(caught.value)


def test_a_custom_kpi_is_the_mean_and_checked_against_its_bounds(workshop: Workshop) -> None:
    workshop.custom_kpis = (KpiDef("spend", "Spend", "", 0, 100),)
    mapping = Mapping("m", (ColumnMap("Spend", Target.KPI, kpi="spend"),))
    (kpi,) = plan_import(table("Spend\n10\n20\n"), mapping, workshop).kpis
    assert (kpi.kpi, kpi.value, kpi.n) == ("spend", 15.0, 2)
    with pytest.raises(ImportFileError, match="the KPI 'spend' comes to 150"):
        plan_import(table("Spend\n100\n200\n"), mapping, workshop)


def test_planning_can_be_cancelled(workshop: Workshop) -> None:
    t = table()
    mapping = suggest(detect(t), workshop.framework)
    with pytest.raises(ImportCancelled):
        plan_import(t, mapping, workshop, progress=lambda f: False)


def test_more_response_ids_than_a_workshop_keeps_is_refused_in_the_plan(
    workshop: Workshop, monkeypatch: pytest.MonkeyPatch
) -> None:
    from trustboard.domain import limits

    monkeypatch.setattr(limits, "RESPONSE_IDS", 3)
    with pytest.raises(
        ImportFileError,
        match="column 'Response ID': holds 4 response ids; a workshop remembers at most 3",
    ):
        planned(workshop)


def test_a_mapping_name_over_lines_is_kept_on_one_line(workshop: Workshop) -> None:
    plan, mapping = planned(workshop)
    mapping = Mapping("Quarterly\nsurvey  " + "x" * 300, mapping.columns, mapping.signature)
    History().push(import_command(WorkshopDocument(workshop), plan, mapping))
    (saved,) = workshop.mappings
    assert saved.name.startswith("Quarterly survey xxx") and len(saved.name) == 200
