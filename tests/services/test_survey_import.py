"""Survey ratings from a CSV: good files, broken files, 100,000 rows, undo, and the CLI."""

from __future__ import annotations

import copy
import random
import time
from pathlib import Path

import pytest

from trustboard.cli import main
from trustboard.document import WorkshopDocument
from trustboard.document.commands import History, MacroCommand
from trustboard.domain.framework import Framework
from trustboard.domain.workshop import Layer, Perspective, Rating, Workshop
from trustboard.services.card_import import CardImportError
from trustboard.services.import_errors import ImportFileError
from trustboard.services.survey_import import (
    SurveyImportError,
    import_command,
    parse_survey,
    read_survey,
)
from trustboard.store import WorkshopFile

HEADER = "element,domain,perspective,score,comment\n"
CI = ("competence", "individuals")
ET = ("empathy", "technology")


def test_a_good_survey(rtx: Framework) -> None:
    text = (
        " Element , DOMAIN,Perspective,Score,Comment,Submitted at\n"
        "competence,Individuals,customer,4,“Knew their tents” <b>&,2026-05-01\n"
        "COMPETENCE,individuals,Customer,2,,2026-05-01\n"
        "competence,individuals,self,5,,2026-05-02\n"
        "\n"
        'Empathy,Technology,customer,1,"two\nlines 信頼 🎉",2026-05-03\n'
        ",,,,,\n"
    )
    parsed = parse_survey(text, rtx, "survey.csv")
    assert parsed.rows == 4
    assert parsed.ignored_columns == ("Submitted at",)
    assert parsed.scores == {
        (CI, Layer.AS_IS, Perspective.CUSTOMER): [4, 2],
        (CI, Layer.AS_IS, Perspective.SELF): [5],
        (ET, Layer.AS_IS, Perspective.CUSTOMER): [1],
    }
    assert [c.comment for c in parsed.comments] == ["“Knew their tents” <b>&", "two\nlines 信頼 🎉"]
    assert [c.row for c in parsed.preview] == [2, 3, 4, 7]  # physical lines, multi-line aware
    totals = [
        (t.cell, t.perspective.value, t.count, t.median, t.comments) for t in parsed.totals(rtx)
    ]
    assert totals == [
        (CI, "customer", 2, 3, 1),
        (CI, "self", 1, 5, 0),
        (ET, "customer", 1, 1, 1),
    ]


def test_the_optional_layer_column(rtx: Framework) -> None:
    text = (
        "layer,element,domain,perspective,score\n"
        "to-be,competence,individuals,self,5\n"
        ",competence,individuals,self,3\n"
        "AS-IS,competence,individuals,self,4.0\n"
    )
    parsed = parse_survey(text, rtx)
    assert parsed.scores == {
        (CI, Layer.TO_BE, Perspective.SELF): [5],
        (CI, Layer.AS_IS, Perspective.SELF): [3, 4],
    }
    assert parsed.comments == []


@pytest.mark.parametrize(
    ("text", "where", "problem"),
    [
        (
            "element,domain,perspective,rating\ncompetence,individuals,self,3\n",
            "row 1, column 'score'",
            "the header lacks this column",
        ),
        ("elem;domain;perspective;score\n", "row 1, column 'element'", "lacks this column"),
        ("element,domain,score,perspective,score\n", "row 1, column 'score'", "appears twice"),
        ("", "survey.csv", "is empty"),
        (HEADER, "survey.csv", "no ratings"),
        (
            HEADER + "competence,individuals,self,3,\nCompetense,individuals,self,3,\n",
            "row 3, column 'element'",
            "unknown element 'Competense' (known: Competence, Reliability, Integrity, Empathy)",
        ),
        (HEADER + "competence,mars,self,3,\n", "row 2, column 'domain'", "unknown domain 'mars'"),
        (HEADER + "competence,offer / brand,self,3,\n", "row 2, column 'domain'", "switched off"),
        (
            HEADER + "competence,individuals,partner,3,\n",
            "row 2, column 'perspective'",
            "'partner' is not 'self' or 'customer'",
        ),
        (
            HEADER + "competence,individuals,self,7,\n",
            "row 2, column 'score'",
            "7 is outside the scale 1–5",
        ),
        (HEADER + "competence,individuals,self,0,\n", "row 2, column 'score'", "outside the scale"),
        (
            HEADER + "competence,individuals,self,3.5,\n",
            "row 2, column 'score'",
            "not a whole step",
        ),
        (HEADER + "competence,individuals,self,good,\n", "row 2, column 'score'", "not a number"),
        (HEADER + "competence,individuals,self, ,\n", "row 2, column 'score'", "is empty"),
        (
            "element,domain,perspective,score,layer\ncompetence,individuals,self,3,later\n",
            "row 2, column 'layer'",
            "'later' is not 'as-is' or 'to-be'",
        ),
        (HEADER + "competence,individuals,self,3\n", "row 2", "has 4 fields; the header has 5"),
        (HEADER + 'competence,individuals,self,3,"open quote\n', "row 2", "is not valid CSV"),
    ],
)
def test_broken_surveys_name_row_and_column(
    rtx: Framework, text: str, where: str, problem: str
) -> None:
    with pytest.raises(SurveyImportError) as err:
        parse_survey(text, rtx, "survey.csv")
    message = str(err.value)
    assert message.startswith("survey.csv")
    assert where in message
    assert problem in message


def test_not_utf8_names_the_line(rtx: Framework, tmp_path: Path) -> None:
    path = tmp_path / "survey.csv"
    path.write_bytes(
        HEADER.encode()
        + b"competence,individuals,self,3,ok\n"
        + "empathy,technology,customer,2,caf\xe9\n".encode("latin-1")
    )
    with pytest.raises(SurveyImportError, match=r"survey.csv, row 3: is not UTF-8"):
        read_survey(path, rtx)
    with pytest.raises(SurveyImportError, match="cannot be read"):
        read_survey(tmp_path / "missing.csv", rtx)


def test_a_survey_error_is_its_own_kind_not_a_card_import_error(
    rtx: Framework, tmp_path: Path
) -> None:
    """Code that handles a card CSV's problems must not take a survey's for one of theirs."""
    path = tmp_path / "survey.csv"
    path.write_bytes(HEADER.encode() + b"competence,individuals,self,\xff\n")
    problems = []
    for read in (lambda: read_survey(path, rtx), lambda: parse_survey("", rtx, "survey.csv")):
        with pytest.raises(ImportFileError) as caught:
            read()
        problems.append(caught.value)
    for problem in problems:
        assert type(problem) is SurveyImportError
        assert not isinstance(problem, CardImportError)
    assert "survey.csv, row 2: is not UTF-8" in str(problems[0])


def test_import_appends_and_undoes_as_one_step(workshop: Workshop) -> None:
    rnd = workshop.current_round
    existing = Rating(CI, Layer.AS_IS, Perspective.CUSTOMER, (3,))
    rnd.ratings[existing.key] = existing
    snapshot = copy.deepcopy(workshop)
    doc = WorkshopDocument(workshop)
    parsed = parse_survey(
        HEADER
        + "competence,individuals,customer,5,Great staff\n"
        + "competence,individuals,customer,4,\n"
        + "competence,individuals,self,2,We rush new hires\n",
        workshop.framework,
    )
    history = History()
    history.push(import_command(doc, parsed))
    assert rnd.rating(CI, Layer.AS_IS, Perspective.CUSTOMER).scores == (3, 5, 4)
    assert rnd.rating(CI, Layer.AS_IS, Perspective.SELF).scores == (2,)
    cards = rnd.cards_in(CI, Layer.AS_IS)
    assert [(c.text, c.kind, c.author) for c in cards] == [
        ("Great staff", "customer-voice", ""),
        ("We rush new hires", "evidence", ""),
    ]
    history.undo()
    assert workshop == snapshot
    assert not history.undo()  # it was one step


def test_a_hundred_thousand_rows(workshop: Workshop, tmp_path: Path) -> None:
    fw = workshop.framework
    rng = random.Random(5)
    cells = list(fw.cells())
    lines = [HEADER]
    expected: dict[tuple[tuple[str, str], str], int] = {}
    for i in range(100_000):
        e, d = rng.choice(cells)
        p = "self" if i % 3 else "customer"
        score = rng.randint(1, 5)
        expected[((e, d), p)] = expected.get(((e, d), p), 0) + score
        comment = f"comment {i}" if i % 50 == 0 else ""
        lines.append(f"{fw.element(e).name},{fw.domain(d).name},{p},{score},{comment}\n")
    path = tmp_path / "big.csv"
    path.write_text("".join(lines), encoding="utf-8")
    with WorkshopFile.create(tmp_path / "big.trustboard", workshop) as wf:
        doc = WorkshopDocument(wf.workshop, wf)
        t = time.perf_counter()
        parsed = read_survey(path, fw)
        command = import_command(doc, parsed)
        command.redo()
        elapsed = time.perf_counter() - t
        rnd = wf.workshop.current_round
        assert parsed.rows == 100_000
        assert isinstance(command, MacroCommand)
        assert len(command.children) == len(cells) * 2 + 1  # batched per cell, not per row
        got = {(r.cell, r.perspective.value): sum(r.scores) for r in rnd.ratings.values()}
        assert got == expected
        assert len(rnd.cards) == 2_000
        assert elapsed < 10, f"{elapsed:.1f} s"  # about 0.3 s on a laptop; generous for CI
        command.undo()
        assert rnd.ratings == {} and rnd.cards == {}


# -- the command line -------------------------------------------------------------------


@pytest.fixture
def board(tmp_path: Path, workshop: Workshop) -> Path:
    path = tmp_path / "w.trustboard"
    WorkshopFile.create(path, workshop).close()
    return path


def test_cli_import_ratings(
    board: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    survey = tmp_path / "survey.csv"
    survey.write_text(
        HEADER + "competence,individuals,customer,4,Friendly 🎉\nempathy,technology,self,2,\n",
        encoding="utf-8",
    )
    code = main(["import-ratings", str(board), str(survey)])
    out, err = capsys.readouterr()
    assert code == 0, err
    assert "imported 2 scores and 1 card into Round 1" in out
    with WorkshopFile.open(board, read_only=True) as wf:
        rnd = wf.workshop.current_round
        assert rnd.rating(CI, Layer.AS_IS, Perspective.CUSTOMER).scores == (4,)
        assert rnd.rating(ET, Layer.AS_IS, Perspective.SELF).scores == (2,)
        assert [c.text for c in rnd.cards.values()] == ["Friendly 🎉"]


def test_cli_import_ratings_is_all_or_nothing(
    board: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    survey = tmp_path / "survey.csv"
    survey.write_text(
        HEADER + "competence,individuals,customer,4,ok\nempathy,technology,self,9,\n",
        encoding="utf-8",
    )
    before = board.read_bytes()
    code = main(["import-ratings", str(board), str(survey)])
    _, err = capsys.readouterr()
    assert code == 1
    assert "survey.csv, row 3, column 'score': the answer 9 is outside the scale 1–5" in err
    assert "nothing was imported" in err
    assert board.read_bytes() == before
