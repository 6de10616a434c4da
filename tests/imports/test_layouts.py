"""Which tool made an export, and what each column seems to hold."""

from __future__ import annotations

import io

import openpyxl

from trustboard.services.imports.layouts import Layout, column_letter, detect
from trustboard.services.imports.read import read_bytes


def layout(text: str, name: str = "s.csv") -> Layout:
    return detect(read_bytes(text.encode(), name))


def roles(found: Layout) -> list[str]:
    return [q.role for q in found.questions]


def test_google_forms_grid_question_and_roles() -> None:
    found = layout(
        "Timestamp,Email Address,How much do you trust us? [Our staff],"
        "How likely are you to recommend us to a friend?,Do you trust us?,Anything else?\n"
        "2026/12/01 10:00:00,a@x,Agree,9,Yes,Lovely people\n"
        "2026/12/01 10:05:00,b@x,Disagree,6,No,Too slow to answer my emails\n"
        "2026/12/01 10:09:00,c@x,Agree,10,Yes,Kind\n"
    )
    assert (found.tool, found.kind, found.response_id) == ("Google Forms", "wide", None)
    grid = found.questions[2]
    assert (grid.question, grid.item) == ("How much do you trust us?", "Our staff")
    assert grid.answers == ("Agree", "Disagree")
    assert roles(found) == ["timestamp", "person", "scale", "nps", "yesno", "text"]
    assert found.questions[3].numeric == (6.0, 10.0)


def test_microsoft_forms_xlsx() -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["ID", "Start time", "Completion time", "Email", "Name", "Rate our staff"])
    sheet.append([1, "12/1/26 10:00:00", "12/1/26 10:02:00", "anonymous", "", 4])
    sheet.append([2, "12/1/26 10:03:00", "12/1/26 10:05:00", "anonymous", "", 5])
    out = io.BytesIO()
    book.save(out)
    found = detect(read_bytes(out.getvalue(), "f.xlsx"))
    assert (found.tool, found.response_id) == ("Microsoft Forms", 0)
    assert roles(found) == ["id", "timestamp", "timestamp", "person", "person", "scale"]


def test_surveymonkey_grid_items_under_a_spanning_question() -> None:
    found = layout(
        "Respondent ID,Collector ID,Start Date,End Date,IP Address,How much do you trust us?,,Comments\n"
        ",,,,,Our staff,Our products,Open-Ended Response\n"
        "11,9,12/01/2026,12/01/2026,10.0.0.1,Agree,Disagree,Nice\n"
        "12,9,12/01/2026,12/01/2026,10.0.0.2,Agree,Agree,Fine\n"
    )
    assert (found.tool, found.response_id) == ("SurveyMonkey", 0)
    q = found.questions
    assert (q[5].header, q[5].question, q[5].item) == (
        "How much do you trust us? — Our staff",
        "How much do you trust us?",
        "Our staff",
    )
    assert (q[6].question, q[6].item) == ("How much do you trust us?", "Our products")
    assert (q[7].header, q[7].item) == ("Comments — Open-Ended Response", "")
    assert roles(found)[:5] == ["id", "meta", "timestamp", "timestamp", "person"]


def test_qualtrics_three_header_rows() -> None:
    found = layout(
        "StartDate,EndDate,Status,ResponseId,Q1_1\n"
        "Start Date,End Date,Response Type,Response ID,How much do you trust us? - Our staff\n"
        '"{""ImportId"":""startDate""}","{""ImportId"":""endDate""}","{""ImportId"":""status""}",'
        '"{""ImportId"":""_recordId""}","{""ImportId"":""QID1_1""}"\n'
        "2026-12-01,2026-12-01,0,R_abc,4\n"
    )
    assert (found.tool, found.response_id) == ("Qualtrics", 3)
    last = found.questions[4]
    assert (last.header, last.question, last.item) == (
        "Q1_1 — How much do you trust us? - Our staff",
        "How much do you trust us?",
        "Our staff",
    )
    assert roles(found) == ["timestamp", "timestamp", "meta", "id", "scale"]


def test_typeform_trello_miro_and_trustboard_layouts() -> None:
    typeform = layout("#,Rate us,Start Date (UTC),Submit Date (UTC),Network ID\nab1,4,x,y,z\n")
    assert (typeform.tool, typeform.response_id) == ("Typeform", 0)
    assert layout("element,domain,perspective,score\nA,B,self,3\n").kind == "long-ratings"
    assert layout("element,domain,text\nA,B,hi\n").tool == "TrustBoard cards"
    trello = layout("Card ID,Card Name,Card Description,List Name,Labels\n1,Hi,,Todo,\n")
    assert (trello.tool, trello.kind, trello.response_id) == ("Trello", "cards", 0)
    miro = layout("Content,Author,Frame\nSlow replies,Ann,Competence / Individuals\n")
    assert (miro.tool, miro.kind) == ("Miro", "cards")
    assert layout("Question one,Question two\n1,2\n").tool == "a survey export"


def test_signature_ignores_column_order_and_duplicates_are_told_apart() -> None:
    a = layout("Q1,Q2,Q3\n1,2,3\n")
    b = layout("Q3,Q1,Q2\n3,1,2\n")
    assert a.signature == b.signature
    assert a.signature != layout("Q1,Q2,Q4\n1,2,3\n").signature
    twice = layout("Q,Q,\n1,2,3\n")
    assert [q.header for q in twice.questions] == ["Q", "Q (2)", "Column C"]


def test_answers_most_common_first_and_capped() -> None:
    rows = "".join(f"{i % 60}x\n" for i in range(200)) + "5x\n"
    found = layout("Free\n" + rows)
    assert found.questions[0].answers[0] == "5x"
    assert len(found.questions[0].answers) == 50
    assert found.questions[0].role == "text"


def test_column_letters() -> None:
    assert [column_letter(i) for i in (0, 25, 26, 51, 702)] == ["A", "Z", "AA", "AZ", "AAA"]
