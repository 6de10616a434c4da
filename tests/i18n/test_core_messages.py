"""The core's messages in the interface language: every refusal of a file, a template or an
edit, every undo step name and every default name goes through the catalogue.

The pseudo-language wraps each translated text in `[!! … !!]`; a message whose problem,
once every wrapped part is taken out, still holds words was built from English outside
the catalogue. Paths such as `cards[3].text` and file names are not translated: they sit
before the problem, which is what is checked.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from trustboard import i18n
from trustboard.document import WorkshopDocument, cards, kpis, rounds, voting
from trustboard.document.commands import History
from trustboard.document.framework_edits import Impact
from trustboard.domain import limits
from trustboard.domain.codec import framework_to_dict
from trustboard.domain.errors import ValidationError
from trustboard.domain.framework import Framework
from trustboard.domain.numbers import parse_number
from trustboard.domain.workshop import Card, Layer, Workshop, new_id, new_workshop
from trustboard.frameworks.templates import TemplateError, load_template
from trustboard.i18n_catalogue import extract, problems
from trustboard.store import SCHEMA_VERSION, TrustBoardFileError, WorkshopFile
from trustboard.store.errors import FolderGoneError, LockLostError, NewerFileError

CORPUS = Path(__file__).resolve().parents[1] / "corpus" / "bad_files"
CELL = ("competence", "individuals")
CORE = ("domain/", "store/", "document/", "frameworks/")
_WRAPPED = re.compile(r"\[!! (?:(?!\[!! ).)*? !!\]", re.DOTALL)


@pytest.fixture(autouse=True)
def _english_after() -> Iterator[None]:
    yield
    i18n.set_language("en")


def unwrapped(message: str) -> str:
    """What is left of `message` once every wrapped text (innermost first) is taken out."""
    while True:
        shorter = _WRAPPED.sub("", message)
        if shorter == message:
            return message
        message = shorter


def assert_wrapped(problem: str) -> None:
    assert problem.startswith("[!! "), problem
    assert not re.search(r"[A-Za-z]", unwrapped(problem)), problem


def _file(tmp_path: Path, workshop: Workshop, name: str = "w.trustboard") -> Path:
    path = tmp_path / name
    WorkshopFile.create(path, workshop).close()
    return path


def _newer(path: Path) -> None:
    data = json.loads(path.read_text(encoding="utf-8"))
    data["meta"]["file"]["schema_version"] = SCHEMA_VERSION + 1
    data["meta"]["file"]["app_version"] = "9.1.0"
    path.write_text(json.dumps(data), encoding="utf-8")


# -- the pseudo-language: nothing English outside the catalogue ----------------------------


@pytest.mark.parametrize("name", sorted(p.name for p in CORPUS.iterdir() if p.suffix != ".md"))
def test_every_broken_file_of_the_corpus_is_refused_in_the_interface_language(
    name: str, tmp_path: Path
) -> None:
    path = tmp_path / name
    shutil.copyfile(CORPUS / name, path)
    i18n.set_language("pseudo")
    with pytest.raises(TrustBoardFileError) as caught:
        WorkshopFile.open(path)
    assert_wrapped(caught.value.problem)
    assert str(path) in str(caught.value)  # the file is named as it is, untranslated


def test_truncated_foreign_missing_and_folder_files_are_refused_in_the_interface_language(
    tmp_path: Path, workshop: Workshop
) -> None:
    whole = _file(tmp_path, workshop).read_bytes()
    truncated = tmp_path / "cut.trustboard"
    truncated.write_bytes(whole[: len(whole) // 2])
    foreign = tmp_path / "foreign.trustboard"
    foreign.write_text(json.dumps({"_default": {"1": {"song": "la"}}}), encoding="utf-8")
    (tmp_path / "folder.trustboard").mkdir()
    i18n.set_language("pseudo")
    for path in (truncated, foreign, tmp_path / "none.trustboard", tmp_path / "folder.trustboard"):
        with pytest.raises(TrustBoardFileError) as caught:
            WorkshopFile.open(path)
        assert_wrapped(caught.value.problem)
    with pytest.raises(TrustBoardFileError) as caught:
        WorkshopFile.create(truncated, workshop)
    assert_wrapped(caught.value.problem)


def test_a_newer_file_and_a_locked_file_say_so_in_the_interface_language(
    tmp_path: Path, workshop: Workshop
) -> None:
    newer = _file(tmp_path, workshop, "newer.trustboard")
    _newer(newer)
    locked = _file(tmp_path, workshop, "locked.trustboard")
    i18n.set_language("pseudo")
    with pytest.raises(NewerFileError) as caught:
        WorkshopFile.open(newer)
    assert_wrapped(caught.value.problem)
    with WorkshopFile.open(newer, read_only=True) as wf:
        assert_wrapped(wf.read_only_reason)
    with WorkshopFile.open(locked) as first, WorkshopFile.open(locked) as second:
        assert not first.read_only
        assert second.read_only
        assert_wrapped(second.read_only_reason)
        with pytest.raises(TrustBoardFileError) as caught:
            second.put_card(second.workshop.current_round_id, Card(new_id("c"), "x", CELL))
        assert_wrapped(caught.value.problem)
    assert_wrapped(LockLostError(locked, "ana on laptop").problem)
    assert_wrapped(str(FolderGoneError(tmp_path / "gone")))


def _template(tmp_path: Path, framework: Framework, change: Callable[[dict], None]) -> Path:
    data = framework_to_dict(framework)
    change(data)
    path = tmp_path / f"{change.__name__}.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def test_a_broken_template_is_refused_in_the_interface_language(
    tmp_path: Path, rtx: Framework
) -> None:
    def duplicate_element(data: dict) -> None:
        data["elements"].append(dict(data["elements"][0]))

    def no_evidence(data: dict) -> None:
        data["card_kinds"] = [k for k in data["card_kinds"] if k["id"] != "evidence"]

    def wrong_type(data: dict) -> None:
        data["name"] = 42

    def unknown_key(data: dict) -> None:
        data["song"] = "la"

    not_json = tmp_path / "bad.json"
    not_json.write_text("{", encoding="utf-8")
    paths = [
        _template(tmp_path, rtx, change)
        for change in (duplicate_element, no_evidence, wrong_type, unknown_key)
    ]
    i18n.set_language("pseudo")
    for path in [not_json, *paths]:
        with pytest.raises(TemplateError) as caught:
            load_template(path)
        assert_wrapped(caught.value.problem)


def test_edits_the_rules_refuse_are_refused_in_the_interface_language(
    workshop: Workshop,
) -> None:
    doc, history = WorkshopDocument(workshop), History()
    added = cards.add_card(doc, CELL, "a")
    history.push(added)
    i18n.set_language("pseudo")
    refusals = [
        lambda: history.push(cards.add_card(doc, CELL, "x" * (limits.CARD_CHARS + 1))),
        lambda: cards.set_kind(doc, list(added.after), "nope"),
        lambda: rounds.start_round_command(doc, "   ", dt.date(2026, 3, 31)),
        lambda: kpis.new_custom_kpi(doc.workshop, "", "", None, None),
        lambda: kpis.new_custom_kpi(doc.workshop, "Churn", "", 5, 1),
        lambda: kpis.check_kpi_value(doc.workshop.kpi_def("retention"), 150),
        lambda: parse_number("zwölf"),
    ]
    for refuse in refusals:
        with pytest.raises((ValidationError, ValueError)) as caught:
            refuse()
        problem = getattr(caught.value, "problem", None) or str(caught.value)
        assert_wrapped(problem)


def test_undo_steps_and_default_names_are_in_the_interface_language(
    workshop: Workshop, rtx: Framework
) -> None:
    doc, history = WorkshopDocument(workshop), History()
    i18n.set_language("pseudo")
    added = cards.add_card(doc, CELL, "Staff wear name badges")
    history.push(added)
    card_id = next(iter(added.after))
    second = cards.add_card(doc, None, "")
    history.push(second)
    steps = [
        added,
        second,
        cards.edit_card(doc, card_id, text="Staff wear badges"),
        cards.move_cards(doc, [card_id], None, Layer.AS_IS, 0),
        cards.delete_cards(doc, [card_id, next(iter(second.after))]),
        rounds.start_round_command(doc, "Q3", dt.date(2026, 3, 31)),
    ]
    for step in steps:
        assert step is not None
        assert_wrapped(step.text)
    assert_wrapped(Impact(cards=2, ratings=1, answers=3).describe())
    assert_wrapped(Impact().describe())
    assert_wrapped(voting.per_card_refusal(2))
    fresh = new_workshop(rtx, "Werkstatt")
    assert_wrapped(fresh.rounds[0].label)
    assert all(k.name.startswith("[!! ") for k in fresh.kpi_defs[:4])


# -- German and French: real translations ----------------------------------------------


def test_the_newer_file_message_in_german(tmp_path: Path, workshop: Workshop) -> None:
    path = _file(tmp_path, workshop)
    _newer(path)
    i18n.set_language("de")
    with pytest.raises(NewerFileError) as caught:
        WorkshopFile.open(path)
    assert caught.value.problem == (
        f"wurde mit TrustBoard 9.1.0 gespeichert (Dateiformat {SCHEMA_VERSION + 1}); "
        f"diese Version liest Format {SCHEMA_VERSION} und älter. Aktualisieren Sie "
        "TrustBoard, um die Datei zu bearbeiten."
    )


def test_a_missing_file_and_a_long_card_in_german_and_french(
    tmp_path: Path, workshop: Workshop
) -> None:
    doc = WorkshopDocument(workshop)
    i18n.set_language("de")
    with pytest.raises(TrustBoardFileError, match=r"existiert nicht$"):
        WorkshopFile.open(tmp_path / "none.trustboard")
    with pytest.raises(ValidationError) as caught:
        History().push(cards.add_card(doc, CELL, "x" * 6000))
    assert "der Text der Karte hat 6.000 Zeichen; erlaubt sind höchstens" in caught.value.problem
    i18n.set_language("fr")
    with pytest.raises(TrustBoardFileError, match=r"n'existe pas$"):
        WorkshopFile.open(tmp_path / "none.trustboard")
    with pytest.raises(ValidationError) as caught:
        History().push(cards.add_card(doc, CELL, "x" * 6000))
    assert caught.value.problem.startswith("le texte de la carte fait 6\u202f000 caractères\u00a0;")


def test_undo_steps_plurals_and_defaults_in_german_and_french(
    workshop: Workshop, rtx: Framework
) -> None:
    doc, history = WorkshopDocument(workshop), History()
    i18n.set_language("de")
    added = cards.add_card(doc, None, "")
    assert added.text == "Karte hinzufügen in Unsortiert"
    history.push(added)
    other = cards.add_card(doc, CELL, "Namensschilder tragen")
    assert other.text == ("Karte hinzufügen „Namensschilder tragen“ in Competence × Individuals")
    history.push(other)
    a, b = next(iter(added.after)), next(iter(other.after))
    assert cards.delete_cards(doc, [a, b]).text == "2 Karten löschen"
    assert Impact(cards=1).describe() == (
        "1 Karte kommt nach „Unsortiert“. Mit „Rückgängig“ lässt sich alles wiederherstellen."
    )
    assert new_workshop(rtx, "W").rounds[0].label == "Runde 1"
    assert "Kundenbindungsrate" in [k.name for k in new_workshop(rtx, "W").kpi_defs]
    i18n.set_language("fr")
    assert cards.delete_cards(doc, [a, b]).text == "Supprimer 2 cartes"
    assert cards.delete_cards(doc, [a]).text.startswith("Supprimer la carte")
    assert voting.per_card_refusal(1).startswith("Chaque personne peut mettre au plus 1 vote ")
    assert voting.per_card_refusal(3).startswith("Chaque personne peut mettre au plus 3 votes ")
    assert new_workshop(rtx, "W").rounds[0].label == "Tour 1"
    assert kpis.bounds_text(new_workshop(rtx, "W").kpi_def("retention")) == "de 0 à 100 %"


def test_a_workshop_s_first_round_keeps_the_name_it_was_created_with(rtx: Framework) -> None:
    i18n.set_language("de")
    ws = new_workshop(rtx, "W")
    i18n.set_language("en")
    assert ws.rounds[0].label == "Runde 1"


# -- the catalogue: every core text translated, placeholders kept -------------------------


@pytest.mark.parametrize("code", ["de", "fr"])
def test_every_core_text_is_translated(code: str) -> None:
    ours = [s for s in extract() if s.where[0][0].startswith(CORE)]
    assert len(ours) > 300
    assert problems(code, ours) == []
