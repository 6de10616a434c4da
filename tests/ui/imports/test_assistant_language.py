"""The import assistant in the facilitator's language: under the pseudo-language every text
it shows is the catalogue's; German and French read as people there say it."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from pytestqt.qtbot import QtBot

from tests.i18n.visible import unwrapped, visible_texts, workshop_data
from tests.ui.imports.conftest import OpenAssistant
from tests.ui.imports.fake_engine import SCALE
from trustboard.ui.imports.assistant import ImportAssistant
from trustboard.ui.session import Session

STAFF = "How much do you trust us? [Our staff]"
NPS = "How likely are you to recommend us to a friend?"
ANSWERS = ("Agree", "Somewhat", "Strongly agree", "Don't know", "Disagree")
# What the file and the engine say (the reader's own words come translated by the engine).
ENGINE_WORDS = ("CSV, UTF-8, comma-separated", "Google Forms")


def _survey(tmp_path: Path) -> Path:
    path = tmp_path / "form.csv"
    path.write_text(
        f'Timestamp,"{STAFF}","{NPS}"\n'
        "2026/11/02 10:01,Agree,9\n"
        "2026/11/02 10:05,Strongly agree,10\n"
        "2026/11/02 10:09,Somewhat,3\n",
        encoding="utf-8",
    )
    return path


def _file_data(dialog: ImportAssistant, session: Session) -> list[str]:
    data = [*workshop_data(session.workshop), *ENGINE_WORDS, *ANSWERS, *SCALE]
    data += [dialog.path.name, dialog.path.stem, "Timestamp", STAFF, NPS, "nps"]
    data += [q.header for q in dialog.columns.questions]
    data += [a for q in dialog.columns.questions for a in q.answers]
    return data


def test_under_pseudo_every_text_of_the_assistant_is_the_catalogue_s(
    qtbot: QtBot,
    session: Session,
    tmp_path: Path,
    open_assistant: OpenAssistant,
    interface_language: Callable[[str], str],
) -> None:
    interface_language("pseudo")
    dialog = open_assistant(_survey(tmp_path))
    dialog.columns.selectRow(1)  # a score column: its answers and the scale beside it
    texts = visible_texts(dialog)
    texts += [("how", dialog.how.text()), ("status", dialog.status.text())]
    texts += [("headline", dialog.preview.headline.text())]
    texts += [("skipped", dialog.preview.skipped_title.text())]
    texts += [("labels", dialog.labels.title.text()), ("note", dialog.labels.note.text())]
    assert "[!! Import !!]" in [t for _where, t in texts]
    bad = unwrapped(texts, data=_file_data(dialog, session))
    assert bad == [], "\n".join(bad)


def test_german_assistant(
    qtbot: QtBot,
    session: Session,
    tmp_path: Path,
    open_assistant: OpenAssistant,
    interface_language: Callable[[str], str],
) -> None:
    interface_language("de")
    dialog = open_assistant(_survey(tmp_path))
    assert dialog.windowTitle() == "Importieren – form.csv"
    assert dialog.import_button.text() == "Importieren"
    assert dialog.cancel_button.text() == "Abbrechen"
    assert "3 Zeilen, 3 Spalten" in dialog.how.text()
    assert dialog.how.text().startswith("Gelesen als ")
    assert dialog.tabs.tabText(0) == "1. Spalten und Antworten"
    header = dialog.columns.horizontalHeaderItem(2)
    assert header is not None and header.text() == "Verwenden als"
    assert dialog.preview.again.text().startswith("Erneut importieren")


def test_french_assistant(
    qtbot: QtBot,
    session: Session,
    tmp_path: Path,
    open_assistant: OpenAssistant,
    interface_language: Callable[[str], str],
) -> None:
    interface_language("fr")
    dialog = open_assistant(_survey(tmp_path))
    assert dialog.import_button.text() == "Importer"
    assert dialog.load_button.text() == "Charger une correspondance…"
    assert "3 lignes, 3 colonnes" in dialog.how.text()
    assert dialog.how.text().startswith("Lu comme ")
    assert dialog.preview.again.text().startswith("Importer à nouveau")
