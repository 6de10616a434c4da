"""The import assistant driven as a facilitator drives it: read, map, fix a label,
preview, import as one undo step; and each way a file can be refused."""

from __future__ import annotations

import copy
import threading
from pathlib import Path

from pytestqt.qtbot import QtBot

from tests.ui.imports.conftest import OpenAssistant
from tests.ui.imports.fake_engine import SEEN, FakeEngine
from trustboard.domain.workshop import Layer, Perspective
from trustboard.store import WorkshopFile
from trustboard.ui.imports.columns import CELL, KPI, TARGET, ValueCombo
from trustboard.ui.imports.labels import SKIP, UNPLACED_BRUSH
from trustboard.ui.session import Session

STAFF = "How much do you trust us? [Our staff]"
TOOLS = "How much do you trust us? [Our tools]"
NPS = "How likely are you to recommend us to a friend?"
CI = ("competence", "individuals")


def _survey(tmp_path: Path, name: str = "form.csv") -> Path:
    path = tmp_path / name
    path.write_text(
        f'Timestamp,"{STAFF}","{TOOLS}","{NPS}"\n'
        "2026/11/02 10:01,Agree,Somewhat,9\n"
        "2026/11/02 10:05,Strongly agree,Agree,10\n"
        "2026/11/02 10:09,Don't know,Disagree,3\n",
        encoding="utf-8",
    )
    return path


def _row(dialog: object, header: str) -> int:
    questions = dialog.columns.questions  # type: ignore[attr-defined]
    return next(i for i, q in enumerate(questions) if q.header == header)


def _choose(box: ValueCombo, value: object) -> None:
    assert value in box.values, value
    box.setCurrentIndex(box.values.index(value))  # as a click on the list would


def test_map_a_column_fix_a_label_preview_import_and_undo(
    qtbot: QtBot, session: Session, tmp_path: Path, open_assistant: OpenAssistant, fake: FakeEngine
) -> None:
    before = copy.deepcopy(session.round)
    dialog = open_assistant(_survey(tmp_path))
    assert "Read as CSV, UTF-8, comma-separated; looks like a Google Forms export" in (
        dialog.how.text()
    )
    assert "3 rows, 4 columns" in dialog.how.text()
    assert dialog.columns.rowCount() == 4
    assert dialog.columns.editor(_row(dialog, NPS), TARGET).value() == "kpi"
    assert dialog.columns.editor(_row(dialog, NPS), KPI).value() == "nps"
    # The suggested score column: its labels guessed, "Don't know" skipped.
    assert "2 scores in 1 cell" in dialog.preview.headline.text()
    assert dialog.preview.scores.item(0, 0).text() == "Competence × Individuals"
    assert "Net promoter score: 25.0 ± 12.5 (n = 3)" in dialog.preview.kpis.text()
    assert "1 answer left out" in dialog.preview.skipped_title.text()
    assert dialog.preview.skipped.item(0, 2).text() == "marked skip"
    assert dialog.import_button.isEnabled()

    # Map the second grid row to a cell: "Somewhat" is no common label, so it waits.
    row = _row(dialog, TOOLS)
    dialog.columns.selectRow(row)
    with qtbot.waitSignal(dialog.planned, timeout=10_000):
        _choose(dialog.columns.editor(row, TARGET), "score")
    assert "choose a cell" in dialog.preview.error.text()
    assert not dialog.import_button.isEnabled()
    with qtbot.waitSignal(dialog.planned, timeout=10_000):
        _choose(dialog.columns.editor(row, CELL), ("competence", "technology"))
    assert "“Somewhat” has no value on the scale" in dialog.preview.error.text()
    assert "Nothing will be imported" in dialog.preview.error.text()
    assert dialog.labels.unplaced() == ["Somewhat"]
    assert dialog.labels.table.item(0, 0).background() == UNPLACED_BRUSH
    labels = dialog.labels.table
    somewhat = next(r for r in range(labels.rowCount()) if labels.item(r, 0).text() == "Somewhat")
    with qtbot.waitSignal(dialog.planned, timeout=10_000):
        _choose(labels.cellWidget(somewhat, 1), 3)
    assert dialog.labels.unplaced() == []
    assert "5 scores in 2 cells" in dialog.preview.headline.text()
    assert dialog.import_button.isEnabled()

    steps = session.undo_stack.count()
    dialog.import_button.click()
    assert dialog.result() == dialog.DialogCode.Accepted
    rnd = session.round
    assert rnd.rating(CI, Layer.AS_IS, Perspective.CUSTOMER).scores == (4, 5)
    tools = rnd.rating(("competence", "technology"), Layer.AS_IS, Perspective.CUSTOMER)
    assert tools.scores == (3, 4, 2)
    assert session.undo_stack.count() == steps + 1
    assert session.undo_stack.text(steps) == "Import survey: 3 responses"
    assert dict(fake.imported[-1].columns[2].labels)["Somewhat"] == 3  # the fixed label
    session.undo_stack.undo()
    assert session.round == before


def test_reading_and_planning_never_run_on_the_gui_thread(
    tmp_path: Path, open_assistant: OpenAssistant, fake: FakeEngine
) -> None:
    open_assistant(_survey(tmp_path))
    assert fake.threads and threading.main_thread().name not in fake.threads
    assert {name.split("-")[-1] for name in fake.threads} == {"read", "plan"}


def test_stop_during_a_slow_read_stops_it_and_changes_nothing(
    qtbot: QtBot, session: Session, tmp_path: Path, open_assistant: OpenAssistant, fake: FakeEngine
) -> None:
    fake.gate = threading.Event()
    dialog = open_assistant(_survey(tmp_path), wait=False)
    qtbot.waitUntil(lambda: dialog.progress.value() == 10, timeout=10_000)  # held mid-read
    assert dialog.progress.isVisible() and dialog.stop_button.isVisible()
    assert not dialog.import_button.isEnabled() and not dialog.tabs.isEnabled()
    with qtbot.waitSignal(dialog.stopped, timeout=10_000) as stopped:
        dialog.stop_button.click()
        fake.gate.set()
    assert stopped.args == ["Reading form.csv was stopped. Nothing was imported."]
    assert dialog.error_label.isVisible() and not dialog.progress.isVisible()
    assert dialog.table is None and not dialog.import_button.isEnabled()
    assert session.undo_stack.count() == 0


def test_a_broken_file_is_a_message_not_a_traceback(
    qtbot: QtBot, session: Session, tmp_path: Path, open_assistant: OpenAssistant
) -> None:
    path = tmp_path / "export.csv"
    path.write_bytes(b"PK\x03\x04\xff\xfe broken")
    dialog = open_assistant(path, wait=False)
    with qtbot.waitSignal(dialog.stopped, timeout=10_000):
        pass
    text = dialog.error_label.text()
    assert text.startswith("export.csv, row 1: this is not a CSV file or an Excel workbook")
    assert "Nothing was imported. Fix the file and open it again." in text
    assert "Traceback" not in text
    assert not dialog.import_button.isEnabled() and not dialog.import_now()
    assert session.undo_stack.count() == 0 and session.round.ratings == {}


def test_typed_headers_and_answers_show_as_text(
    qtbot: QtBot, tmp_path: Path, open_assistant: OpenAssistant
) -> None:
    path = tmp_path / "typed.csv"
    header = "<b>& bold [Our staff]"
    path.write_text(f'"{header}","=HYPERLINK(""http://x"")"\n<i>Agree,@SUM(A1)\n')
    dialog = open_assistant(path)
    assert dialog.columns.item(0, 0).text() == header
    assert dialog.columns.item(1, 0).text() == '=HYPERLINK("http://x")'
    assert dialog.columns.item(1, 1).text() == "@SUM(A1)"
    dialog.columns.selectRow(0)
    assert dialog.labels.title.text() == f"Answers of “{header}” → scale values"
    assert dialog.labels.table.item(0, 0).text() == "<i>Agree"
    assert dialog.labels.unplaced() == ["<i>Agree"]


def test_an_imported_file_is_said_and_import_again_adds_it(
    qtbot: QtBot, session: Session, tmp_path: Path, open_assistant: OpenAssistant
) -> None:
    import hashlib

    path = _survey(tmp_path)
    SEEN.add(hashlib.sha256(path.read_bytes()).hexdigest())
    try:
        dialog = open_assistant(path)
        assert dialog.preview.already.isVisible()
        assert "This file was imported on 1 Dec 2026" in dialog.preview.already.text()
        assert dialog.preview.again.isVisible() and not dialog.import_button.isEnabled()
        assert dialog.status.text() == (
            "Nothing new to import: tick “Import again” to add it anyway."
        )
        with qtbot.waitSignal(dialog.planned, timeout=10_000):
            dialog.preview.again.setChecked(True)
        assert "2 scores in 1 cell" in dialog.preview.headline.text()
        assert dialog.import_now()
        assert session.round.rating(CI, Layer.AS_IS, Perspective.CUSTOMER).scores == (4, 5)
    finally:
        SEEN.clear()


def test_a_read_only_workshop_imports_nothing(
    qtbot: QtBot, session: Session, tmp_path: Path, open_assistant: OpenAssistant
) -> None:
    session.file.flush()
    read_only = Session(WorkshopFile.open(session.file.path, read_only=True))
    try:
        dialog = open_assistant(_survey(tmp_path), session=read_only)
        assert not dialog.import_button.isEnabled() and not dialog.import_now()
        assert "This workshop is read-only:" in dialog.status.text()
        assert read_only.undo_stack.count() == 0
    finally:
        read_only.close()


def test_save_and_load_a_mapping(
    qtbot: QtBot, tmp_path: Path, open_assistant: OpenAssistant
) -> None:
    target = tmp_path / "mapping.toml"
    broken = tmp_path / "broken.toml"
    broken.write_text(f"{STAFF}=teleport\n", encoding="utf-8")
    answers = iter([target, broken, target])
    dialog = open_assistant(_survey(tmp_path), ask_path=lambda *_a: next(answers))
    dialog.save_button.click()
    assert target.read_text(encoding="utf-8").splitlines()[1] == f"{STAFF}=score"
    assert dialog.note.text() == "Mapping saved to mapping.toml."
    mapping = dialog.mapping
    dialog.load_button.click()  # broken: said, nothing changes
    assert dialog.note.text() == (
        "broken.toml, row 1: unknown target “teleport” The mapping on show is unchanged."
    )
    assert dialog.mapping is mapping
    target.write_text(f"{TOOLS}=ignore\nGone column=ignore\n", encoding="utf-8")
    with qtbot.waitSignal(dialog.planned, timeout=10_000):
        dialog.load_button.click()
    assert "Not in this file, so left out: Gone column." in dialog.note.text()
    assert dialog.columns.editor(_row(dialog, STAFF), TARGET).value() == "ignore"
    assert dialog.preview.headline.text() == "Nothing to import with this mapping."
    assert not dialog.import_button.isEnabled()
    assert "Nothing to import yet" in dialog.status.text()


def test_skip_is_a_choice_for_an_answer(
    qtbot: QtBot, tmp_path: Path, open_assistant: OpenAssistant
) -> None:
    dialog = open_assistant(_survey(tmp_path))
    dialog.columns.selectRow(_row(dialog, STAFF))
    labels = dialog.labels.table
    texts = [labels.item(r, 0).text() for r in range(labels.rowCount())]
    assert labels.cellWidget(texts.index("Don't know"), 1).value() == SKIP
    assert labels.cellWidget(texts.index("Agree"), 1).value() == 4


def test_a_problem_brings_its_column_and_answers_into_view(
    qtbot: QtBot, tmp_path: Path, open_assistant: OpenAssistant
) -> None:
    dialog = open_assistant(_survey(tmp_path))
    dialog.tabs.setCurrentIndex(1)
    row = _row(dialog, TOOLS)
    dialog.columns.selectRow(0)
    _choose(dialog.columns.editor(row, TARGET), "score")
    with qtbot.waitSignal(dialog.planned, timeout=10_000):
        _choose(dialog.columns.editor(row, CELL), ("competence", "technology"))
    assert "“Somewhat” has no value" in dialog.preview.error.text()
    assert dialog.tabs.currentIndex() == 0
    assert {i.row() for i in dialog.columns.selectedItems()} == {row}
    assert dialog.labels.unplaced() == ["Somewhat"]


def test_planning_shows_progress_without_a_stop_and_import_waits_for_it(
    qtbot: QtBot, tmp_path: Path, open_assistant: OpenAssistant, fake: FakeEngine
) -> None:
    fake.plan_gate = threading.Event()
    dialog = open_assistant(_survey(tmp_path), wait=False)
    with qtbot.waitSignal(dialog.loaded, timeout=10_000):
        pass
    assert dialog.progress.isVisible() and not dialog.stop_button.isVisible()
    assert dialog.preview.headline.text() == "Working out what the import adds…"
    assert not dialog.import_button.isEnabled() and not dialog.import_now()
    with qtbot.waitSignal(dialog.planned, timeout=10_000):
        fake.plan_gate.set()
    assert not dialog.progress.isVisible() and dialog.import_button.isEnabled()


def test_numbers_of_another_range_are_rescaled_only_when_asked(
    qtbot: QtBot, tmp_path: Path, open_assistant: OpenAssistant
) -> None:
    dialog = open_assistant(_survey(tmp_path))
    row = _row(dialog, NPS)
    dialog.columns.selectRow(row)
    with qtbot.waitSignal(dialog.planned, timeout=10_000):
        _choose(dialog.columns.editor(row, TARGET), "score")
    pane = dialog.labels
    assert pane.rescale.isVisibleTo(dialog) and not pane.rescale.isChecked()
    assert pane.rescale.text() == "Spread the numbers 0–10 evenly onto 1–5"  # NPS's range
    assert pane.unplaced() == ["9", "10"]  # 3 is on the scale as it is
    with qtbot.waitSignal(dialog.planned, timeout=10_000):
        pane.rescale.setChecked(True)
    column = next(c for c in dialog.mapping.columns if c.header == NPS)
    assert column.rescale == (0.0, 10.0) and pane.unplaced() == []
    with qtbot.waitSignal(dialog.planned, timeout=10_000):
        pane.rescale.setChecked(False)
    assert next(c for c in dialog.mapping.columns if c.header == NPS).rescale is None
