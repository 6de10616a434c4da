"""Services and the import engine in the reader's language: reasons, summaries, undo texts."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.i18n.visible import unwrapped, workshop_data
from trustboard import i18n
from trustboard.document.document import WorkshopDocument
from trustboard.domain.framework import Framework
from trustboard.domain.workshop import Workshop
from trustboard.services import card_import, survey_import
from trustboard.services.catalogue import find_template
from trustboard.services.import_errors import ImportFileError
from trustboard.services.imports.layouts import detect
from trustboard.services.imports.mapping import MappingError, from_toml, suggest
from trustboard.services.imports.plan import import_command, plan_import
from trustboard.services.imports.read import TableError, read_bytes
from trustboard.services.summary import format_summary, summarise

CARDS = "element,domain,layer,kind,text,author\n"
SURVEY = "element,domain,perspective,score\n"

# (file name, bytes) that every reader refuses, each for its own reason
REFUSED_FILES = [
    ("empty.csv", b"   \n"),
    ("photo.csv", b"\x89PNG\r\n\x1a\nrest"),
    ("old.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600),
    ("bin.csv", bytes(range(256)) * 4),
    ("quote.csv", b'a,b\n1,"2\n'),
    ("wide.csv", b"a,b\n1,2,3\n"),
    ("head.csv", b"a,b\n"),
    ("broken.xlsx", b"PK\x03\x04broken"),
]

# (csv text, parser) whose first problem is refused with a reason
REFUSED_ROWS: list[tuple[str, Callable[[str, Framework], object]]] = [
    ("", card_import.parse_cards),
    ("element\n", card_import.parse_cards),
    (CARDS + "competence,mars,as-is,evidence,ok,\n", card_import.parse_cards),
    (CARDS + "nobody,individuals,as-is,evidence,ok,\n", card_import.parse_cards),
    (CARDS + "competence,individuals,later,evidence,ok,\n", card_import.parse_cards),
    (CARDS + "competence,individuals,as-is,gossip,ok,\n", card_import.parse_cards),
    (CARDS + "competence,individuals,as-is,evidence,  ,\n", card_import.parse_cards),
    (CARDS + "competence,individuals,as-is,evidence,ok\n", card_import.parse_cards),
    (
        CARDS + "competence,individuals,as-is,evidence," + "x" * (card_import.MAX_TEXT + 1) + ",\n",
        card_import.parse_cards,
    ),
    (SURVEY, survey_import.parse_survey),
    ("element,domain\n", survey_import.parse_survey),
    ("element,domain,perspective,score,score\n", survey_import.parse_survey),
    (SURVEY + "competence,individuals,them,3\n", survey_import.parse_survey),
    (SURVEY + "competence,individuals,self,many\n", survey_import.parse_survey),
    (SURVEY + "competence,individuals,self,2.5\n", survey_import.parse_survey),
    (SURVEY + "competence,individuals,self,99\n", survey_import.parse_survey),
    (SURVEY + "competence,individuals,self,\n", survey_import.parse_survey),
]

MAPPINGS = [
    "name = [",
    'oops = "x"',
    "name = 3",
    "column = 3",
    "[[column]]\nwho = 1",
    "[[column]]\nheader = 1",
    '[[column]]\nheader = "Q"\ntarget = "nowhere"',
    '[[column]]\nheader = "Q"\ntarget = "score"\ncell = "competence"',
    '[[column]]\nheader = "Q"\ntarget = "score"\nperspective = "them"',
    '[[column]]\nheader = "Q"\ntarget = "score"\nlayer = "later"',
    '[[column]]\nheader = "Q"\ntarget = "score"\nlabels = 3',
    '[[column]]\nheader = "Q"\ntarget = "score"\nlabels = { "Yes" = "maybe" }',
    '[[column]]\nheader = "Q"\ntarget = "score"\nrescale = [10, 0]',
    '[[column]]\nheader = "Q"\ntarget = "score"\nvalues = 3',
]

STAFF = "How much do you trust us? [Competence of individuals]"
PLAN_SURVEY = f"Response ID,{STAFF}\nr1,Agree\nr1,Agree\nr2,Maybe later\n"


def data_of(workshop: Workshop, *extra: str) -> list[str]:
    return [*workshop_data(workshop), *extra]


def reason(exc: BaseException) -> str:
    """An import error's message without its place (file, row, column: the file's data)."""
    return str(exc)


@pytest.fixture
def pseudo() -> None:
    i18n.set_language("pseudo")


@pytest.mark.usefixtures("pseudo")
@pytest.mark.parametrize(("name", "data"), REFUSED_FILES)
def test_every_refused_file_says_why_in_the_catalogue(name: str, data: bytes) -> None:
    with pytest.raises(TableError) as caught:
        read_bytes(data, name)
    assert not unwrapped([(name, str(caught.value))], data=[name]), str(caught.value)
    assert caught.value.problem.startswith("[!! ")


@pytest.mark.usefixtures("pseudo")
@pytest.mark.parametrize(("text", "parse"), REFUSED_ROWS)
def test_every_refused_row_says_why_in_the_catalogue(
    text: str, parse: Callable[[str, Framework], object], workshop: Workshop
) -> None:
    with pytest.raises(ImportFileError) as caught:
        parse(text, workshop.framework)
    message = str(caught.value)
    assert caught.value.problem.startswith("[!! "), message
    shown = message.replace("CSV", " ")
    header = text.split("\n", 1)[0].split(",")
    quoted = [repr(v) for line in text.splitlines() for v in line.split(",")]
    quoted += ["element", "domain", "layer", "kind", "text", "author", "perspective", "score"]
    quoted += ["comment", "as-is", "to-be", "self", "customer", "nothing"]
    assert not unwrapped([("row", shown)], data=data_of(workshop, *header, *quoted)), message


@pytest.mark.usefixtures("pseudo")
@pytest.mark.parametrize("toml", MAPPINGS)
def test_every_refused_mapping_says_why_in_the_catalogue(toml: str) -> None:
    with pytest.raises(MappingError) as caught:
        from_toml(toml, "map.toml")
    message = str(caught.value)
    keys = ["header", "target", "cell", "perspective", "layer", "kpi", "labels", "rescale"]
    keys += ["values", "name", "signature", "column", "oops", "who", "Yes", "maybe", "Q"]
    keys += ["self", "customer", "as-is", "to-be", "skip", "element", "domain", "TOML"]
    keys += ["score", "ignore", "comment", "response", "card", "text", "kind", "author", "id"]
    keys += ["Agree", "Don't know", "Frame", "competence", "individuals", "nowhere", "them"]
    keys += ["later", "map.toml", "Invalid", "value", "line", "col", "Expected"]
    assert "map.toml" in message and "[!! " in message
    assert not unwrapped([("mapping", message)], data=keys), message


def test_a_plan_skips_and_refuses_in_the_catalogue(workshop: Workshop) -> None:
    i18n.set_language("pseudo")
    table = read_bytes(PLAN_SURVEY.encode(), "survey.csv")
    mapping = suggest(detect(table), workshop.framework, workshop)
    with pytest.raises(ImportFileError) as caught:
        plan_import(table, mapping, workshop)
    assert "[!! the answer 'Maybe later' has no value on the scale 1–5" in str(caught.value)

    table = read_bytes(PLAN_SURVEY.replace("Maybe later", "Agree").encode(), "survey.csv")
    plan = plan_import(table, mapping, workshop)
    assert [s.reason for s in plan.skipped] == ["[!! the same response id as row 2 !!]"]
    doc = WorkshopDocument(workshop, None)
    command = import_command(doc, plan, mapping)
    assert command.text == "[!! Import survey: 2 responses !!]"
    command.redo()
    again = plan_import(table, mapping, workshop)
    assert again.already.startswith("[!! This file was imported on ")


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        ("de", "Diese Datei wurde am 03.03.2026 in Round 1 importiert."),
        ("fr", "Ce fichier a été importé le 3 mars 2026 dans Round 1."),
        ("en", "This file was imported on 3 Mar 2026 into Round 1."),
    ],
)
def test_the_import_date_is_written_the_language_s_way(
    code: str, expected: str, workshop: Workshop, monkeypatch: pytest.MonkeyPatch
) -> None:
    import trustboard.services.imports.plan as plan_module

    class Day(dt.datetime):
        @classmethod
        def now(cls, tz: dt.tzinfo | None = None) -> Day:  # type: ignore[override]
            return cls(2026, 3, 3, 10, 0)

    monkeypatch.setattr(plan_module.dt, "datetime", Day)
    table = read_bytes(PLAN_SURVEY.replace("Maybe later", "Agree").encode(), "survey.csv")
    mapping = suggest(detect(table), workshop.framework, workshop)
    import_command(WorkshopDocument(workshop, None), plan_import(table, mapping, workshop),
                   mapping).redo()  # fmt: skip
    i18n.set_language(code)
    label = workshop.current_round.label
    assert plan_import(table, mapping, workshop).already == expected.replace("Round 1", label)


def test_the_check_summary_is_wrapped_and_translated(workshop: Workshop) -> None:
    summary = summarise(workshop, 9)
    i18n.set_language("pseudo")
    shown = format_summary(summary)
    assert not unwrapped([("check", shown)], data=data_of(workshop, "9")), shown
    i18n.set_language("de")
    shown = format_summary(summary)
    assert "  Vertrauenselemente  Competence" in shown  # the column grows with the label
    assert "0 Felder bewertet, 0 Bewertungen" in shown
    i18n.set_language("fr")
    assert "0 case notée, 0 note" in format_summary(summary)


def test_undo_texts_of_the_csv_imports(workshop: Workshop) -> None:
    doc = WorkshopDocument(workshop, None)
    parsed = card_import.parse_cards(CARDS + "competence,individuals,as-is,evidence,ok,\n",
                                     workshop.framework)  # fmt: skip
    i18n.set_language("de")
    assert card_import.import_command(doc, parsed).text == "1 Karte importieren"
    survey = survey_import.parse_survey(
        SURVEY + "competence,individuals,self,3\ncompetence,individuals,customer,4\n",
        workshop.framework,
    )
    i18n.set_language("fr")
    assert survey_import.import_command(doc, survey).text == "Importer 2 notes d'enquête"


def test_german_and_french_reasons(workshop: Workshop) -> None:
    i18n.set_language("de")
    with pytest.raises(ImportFileError) as caught:
        card_import.parse_cards(CARDS + "competence,mars,as-is,evidence,ok,\n", workshop.framework)
    assert str(caught.value).startswith("CSV, Zeile 2, Spalte 'domain': unbekannter Bereich 'mars'")
    with pytest.raises(TableError) as refused:
        read_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600, "alt.xls")
    assert "ist eine alte Excel-97–2003-Arbeitsmappe (.xls)" in str(refused.value)
    i18n.set_language("fr")
    with pytest.raises(ImportFileError) as caught:
        survey_import.parse_survey(SURVEY + "competence,individuals,self,99\n", workshop.framework)
    assert str(caught.value).endswith("'score'\u00a0: 99 est hors de l'échelle 1–5")
    table = read_bytes("a;b\n1;2\n".encode("cp1252"), "x.csv")
    assert table.how == "CSV, UTF-8, séparé par des points-virgules"


def test_an_unknown_template_is_said_in_the_language(data_dir: object) -> None:
    i18n.set_language("fr")
    with pytest.raises(KeyError) as caught:
        find_template(data_dir, "nope")  # type: ignore[arg-type]
    assert caught.value.args[0].startswith("aucun modèle 'nope' (disponibles\u00a0: ")


def test_desktop_entry_messages_are_wrapped(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from trustboard.desktop import DesktopIntegration

    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    monkeypatch.setenv("PATH", str(tmp_path / "no-tools"))  # the refresh tools are "not found"
    i18n.set_language("pseudo")
    target = DesktopIntegration.for_user()
    report = target.install(["/opt/TrustBoard/TrustBoard"]) + target.uninstall()
    report += target.uninstall()
    tools = ["update-mime-database", "update-desktop-database", "/opt/TrustBoard/TrustBoard"]
    data = [str(tmp_path), *tools, "application/x-trustboard", "*.trustboard", "%f"]
    assert not unwrapped([(line, line) for line in report], data=data), report
