"""Every export of the corpus (tests/imports/corpus) through the assistant, as a
facilitator would: opened, its mapping loaded with Load mapping… where one is kept,
previewed, imported; the workshop then holds exactly what the file holds. Bad files are
refused in words. And the Google Forms export edited in the table before importing."""

from __future__ import annotations

import copy
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from tests.imports.test_cli_corpus import (
    CORPUS,
    IMPORTED,
    REFUSED,
    check_summary,
    check_workshop,
    expected,
)
from tests.ui.imports.test_assistant import _choose, _row
from trustboard.domain.workshop import Layer, Perspective
from trustboard.ui.imports.assistant import ImportAssistant
from trustboard.ui.imports.card_values import AS_FILE
from trustboard.ui.imports.columns import CELL, LAYER, PERSPECTIVE
from trustboard.ui.imports.labels import NOT_PLACED, SKIP
from trustboard.ui.session import Session

WAIT = 20_000
INTEGRITY = "Integrity: we are honest with you [Organizations]"
COMMENTS = "Anything else you would like to tell us?"
CI = ("competence", "individuals")


def _open(qtbot: QtBot, session: Session, path: Path, mapping: Path | None = None) -> ImportAssistant:
    dialog = ImportAssistant(session, path, ask_path=lambda *_a: mapping)
    qtbot.addWidget(dialog)
    dialog.show()
    with qtbot.waitSignal(dialog.planned, timeout=WAIT):
        pass
    if mapping is not None:
        with qtbot.waitSignal(dialog.planned, timeout=WAIT):
            dialog.load_button.click()
    return dialog


@pytest.mark.parametrize("name", IMPORTED)
def test_each_export_imports_what_the_file_holds(
    qtbot: QtBot, session: Session, name: str
) -> None:
    want = expected(name)
    mapping = CORPUS / want["mapping"] if want["mapping"] else None
    dialog = _open(qtbot, session, CORPUS / name, mapping)
    assert not dialog.preview.error.isVisible(), dialog.preview.error.text()
    check_summary(dialog.plan.summary(session.framework), want, session.framework)
    assert dialog.how.text().startswith("Read as ")
    assert dialog.import_now()
    check_workshop(session.workshop, want)
    assert session.undo_stack.count() == 1


@pytest.mark.parametrize("name", REFUSED)
def test_a_bad_export_is_refused_in_words(qtbot: QtBot, session: Session, name: str) -> None:
    dialog = ImportAssistant(session, CORPUS / name)
    qtbot.addWidget(dialog)
    dialog.show()
    with qtbot.waitSignal(dialog.stopped, timeout=WAIT):
        pass
    text = dialog.error_label.text()
    for needle in expected(name)["message_contains"]:
        assert needle in text
    assert "Nothing was imported" in text and "Traceback" not in text
    assert not dialog.import_button.isEnabled() and not dialog.tabs.isEnabled()
    assert session.undo_stack.count() == 0


def test_google_forms_mapped_in_the_table_a_label_fixed_imported_and_undone(
    qtbot: QtBot, session: Session
) -> None:
    before = copy.deepcopy(session.workshop)
    dialog = _open(qtbot, session, CORPUS / "google_forms.csv")
    assert dialog.how.text().startswith(
        "Read as CSV, UTF-8, comma-separated; looks like a Google Forms export (6 rows"
    )
    assert dialog.preview.headline.text() == (
        "6 respondents: 22 scores in 4 cells, 4 cards, 2 KPIs."
    )
    # Comments go to a cell rather than Unsorted.
    with qtbot.waitSignal(dialog.planned, timeout=WAIT):
        _choose(dialog.columns.editor(_row(dialog, COMMENTS), CELL), CI)
    assert "Cards: Competence × Individuals 4" in dialog.preview.kpis.text()
    # "Don't know" taken off the scale: the preview names the row; placed as skip again.
    row = _row(dialog, INTEGRITY)
    dialog.columns.selectRow(row)
    labels = dialog.labels.table
    dont_know = [labels.item(r, 0).text() for r in range(labels.rowCount())].index("Don't know")
    with qtbot.waitSignal(dialog.planned, timeout=WAIT):
        _choose(labels.cellWidget(dont_know, 1), NOT_PLACED)
    assert "google_forms.csv, row 4, column 'Integrity" in dialog.preview.error.text()
    assert dialog.labels.unplaced() == ["Don't know"] and not dialog.import_button.isEnabled()
    with qtbot.waitSignal(dialog.planned, timeout=WAIT):
        _choose(dialog.labels.table.cellWidget(dont_know, 1), SKIP)
    cells = [dialog.preview.scores.item(r, 3).text() for r in range(4)]
    assert cells == ["6", "5", "6", "5"]  # scores per cell, in board order
    assert "Net promoter score: 16.7 ± 71.8 (n = 6)" in dialog.preview.kpis.text()
    assert "1 answer left out" in dialog.preview.skipped_title.text()

    assert dialog.import_now()
    rnd = session.round
    assert sorted(rnd.rating(CI, Layer.AS_IS, Perspective.CUSTOMER).scores) == [2, 3, 4, 4, 5, 5]
    assert {c.cell for c in rnd.cards.values()} == {CI}
    assert round(rnd.kpis["trust-yes"], 2) == 66.67
    assert session.undo_stack.count() == 1
    session.undo_stack.undo()
    assert session.workshop == before


def test_a_trello_export_with_no_mapping_file_its_labels_placed_in_the_values_table(
    qtbot: QtBot, session: Session
) -> None:
    dialog = _open(qtbot, session, CORPUS / "trello.csv")
    labels_row = _row(dialog, "Labels")
    dialog.columns.selectRow(labels_row)
    assert dialog.labels.title.text() == "Values of “Labels” → card kinds"
    values = dialog.labels.table
    for row in range(values.rowCount()):  # whatever was suggested: read as the file says
        if values.cellWidget(row, 1).value() != AS_FILE:
            with qtbot.waitSignal(dialog.planned, timeout=WAIT):
                _choose(values.cellWidget(row, 1), AS_FILE)
    assert "unknown card kind 'Idea (green)'" in dialog.preview.error.text()
    assert {i.row() for i in dialog.columns.selectedItems()} == {labels_row}
    assert dialog.labels.unplaced() == ["Idea (green)", "Risk (red)"]
    for row, kind in ((0, "idea"), (1, "risk")):
        with qtbot.waitSignal(dialog.planned, timeout=WAIT):
            _choose(values.cellWidget(row, 1), kind)
    assert dialog.labels.unplaced() == []
    assert dialog.preview.headline.text() == "The file: 6 cards."
    # A list that names no cell: placed by hand.
    lists = _row(dialog, "List Name")
    dialog.columns.selectRow(lists)
    texts = [values.item(r, 0).text() for r in range(values.rowCount())]
    with qtbot.waitSignal(dialog.planned, timeout=WAIT):
        _choose(values.cellWidget(texts.index("Competence — Technology"), 1), "empathy/technology")
    text_row = _row(dialog, "Card Name")  # an ideas board: its cards are to-be
    assert dialog.columns.editor(text_row, LAYER).isEnabled()
    assert not dialog.columns.editor(text_row, PERSPECTIVE).isEnabled()
    with qtbot.waitSignal(dialog.planned, timeout=WAIT):
        _choose(dialog.columns.editor(text_row, LAYER), Layer.TO_BE)
    assert dialog.import_now()
    cards = {c.text: c for c in session.round.cards.values()}
    assert {c.layer for c in cards.values()} == {Layer.TO_BE}
    assert cards["Publish lab test results"].kind == "idea"
    assert cards["Peak season delivery misses"].kind == "risk"
    assert cards["Live stock per store"].cell == ("empathy", "technology")
    assert cards["Call-back reminders in the CRM"].cell == ("reliability", "individuals")
