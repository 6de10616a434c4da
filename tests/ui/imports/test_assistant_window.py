"""The assistant in the window: File → Import… and a dropped CSV/XLSX open it; every
control says its name in words; it fits a 1280×720 projector once a wide file is read."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPoint, QSize, Qt, QUrl
from PySide6.QtGui import QDropEvent
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from tests.ui.imports.conftest import OpenAssistant
from tests.ui.imports.fake_engine import FakeEngine
from tests.ui.test_accessible_names import badly_named_controls
from trustboard.ui.actions import ActionId
from trustboard.ui.imports import assistant
from trustboard.ui.imports.assistant import ImportAssistant
from trustboard.ui.imports.columns import TARGET
from trustboard.ui.main_window import MainWindow


def _csv(tmp_path: Path, name: str = "form.csv", columns: int = 3) -> Path:
    path = tmp_path / name
    header = ",".join(f'"How much do you trust us? [Item {i}]"' for i in range(columns))
    path.write_text(header + "\n" + ",".join(["Agree"] * columns) + "\n", encoding="utf-8")
    return path


def _drop(window: MainWindow, path: Path) -> QDropEvent:
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path))])
    event = QDropEvent(window.rect().center().toPointF(), Qt.DropAction.CopyAction, mime,
                       Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier)  # fmt: skip
    window.dropEvent(event)
    return event


@pytest.fixture
def fake_engine(monkeypatch: pytest.MonkeyPatch) -> FakeEngine:
    fake = FakeEngine()
    monkeypatch.setattr(assistant, "real_engine", fake.engine)
    return fake


@pytest.mark.parametrize("name", ["form.csv", "Export.XLSX", "answers.tsv"])
def test_dropping_a_survey_export_on_the_window_opens_the_assistant(
    qtbot: QtBot, demo_window: MainWindow, tmp_path: Path, fake_engine: FakeEngine, name: str
) -> None:
    path = _csv(tmp_path, name)
    event = _drop(demo_window, path)
    assert event.isAccepted()
    dialog = demo_window.findChild(ImportAssistant)
    assert dialog is not None and dialog.isVisible() and dialog.path == path
    with qtbot.waitSignal(dialog.planned, timeout=10_000):
        pass
    assert dialog.columns.rowCount() == 3
    dialog.reject()


def test_a_dropped_csv_with_no_workshop_open_is_not_taken(
    qtbot: QtBot, start_window: MainWindow, tmp_path: Path, fake_engine: FakeEngine
) -> None:
    _drop(start_window, _csv(tmp_path))
    assert start_window.findChild(ImportAssistant) is None


def test_a_dropped_picture_is_not_taken(
    qtbot: QtBot, demo_window: MainWindow, tmp_path: Path, fake_engine: FakeEngine
) -> None:
    picture = tmp_path / "board.png"
    picture.write_bytes(b"\x89PNG")
    assert not _drop(demo_window, picture).isAccepted()
    assert demo_window.findChild(ImportAssistant) is None


def test_file_import_opens_the_assistant_on_the_chosen_file(
    qtbot: QtBot, demo_window: MainWindow, tmp_path: Path, fake_engine: FakeEngine,
    monkeypatch: pytest.MonkeyPatch,
) -> None:  # fmt: skip
    from PySide6.QtWidgets import QFileDialog

    path = _csv(tmp_path)
    filters: list[str] = []

    def choose(*args: object) -> tuple[str, str]:
        filters.append(str(args[3]))
        return str(path), ""

    monkeypatch.setattr(QFileDialog, "getOpenFileName", choose)
    action = demo_window.actions_[ActionId.IMPORT]
    assert action is demo_window.actions_[ActionId.IMPORT_RATINGS]  # the old id still works
    assert action.text() == "&Import…"
    action.trigger()
    assert "*.xlsx" in filters[0] and "*.csv" in filters[0] and "*.tsv" in filters[0]
    dialog = demo_window.findChild(ImportAssistant)
    assert dialog is not None and dialog.path == path
    dialog.reject()


def test_every_control_says_its_name(
    qtbot: QtBot, tmp_path: Path, open_assistant: OpenAssistant,
    unnamed_controls: Callable[[QWidget], list[str]],
) -> None:  # fmt: skip
    dialog = open_assistant(_csv(tmp_path))
    dialog.columns.selectRow(0)
    dialog.columns.editor(0, TARGET).choose("score")  # its answers show, each with a value
    assert dialog.labels.table.rowCount() == 1
    assert badly_named_controls(dialog) == []
    assert unnamed_controls(dialog) == []


def test_a_wide_file_fits_a_1280x720_projector(
    qtbot: QtBot, tmp_path: Path, open_assistant: OpenAssistant
) -> None:
    dialog = open_assistant(_csv(tmp_path, columns=60))
    smallest = dialog.minimumSize().expandedTo(dialog.minimumSizeHint())
    assert smallest.width() <= 1280 and smallest.height() <= 680, smallest
    dialog.resize(QSize(1280, 680))
    for button in (dialog.import_button, dialog.cancel_button, dialog.save_button):
        assert dialog.rect().contains(button.mapTo(dialog, QPoint(button.width(), 0)))
    assert dialog.columns.rowCount() == 60
    # A long grid question keeps its row name ("… [Item 59]") in view: elided in the middle.
    assert dialog.columns.textElideMode() == Qt.TextElideMode.ElideMiddle


def test_closing_the_assistant_mid_read_stops_the_read_and_nothing_changes(
    qtbot: QtBot, demo_window: MainWindow, tmp_path: Path, fake_engine: FakeEngine
) -> None:
    import threading

    from PySide6.QtCore import QCoreApplication, QEvent

    session = demo_window.session
    assert session is not None
    steps = session.undo_stack.count()
    fake_engine.gate = threading.Event()
    demo_window.tools.import_file(_csv(tmp_path))
    dialog = demo_window.findChild(ImportAssistant)
    assert dialog is not None
    qtbot.waitUntil(lambda: dialog.progress.value() == 10, timeout=10_000)
    job = dialog.jobs[0]
    dialog.reject()  # Esc or Cancel while the file is being read
    assert job.cancelled
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)  # the dialog is gone
    assert demo_window.findChild(ImportAssistant) is None
    fake_engine.gate.set()
    job.thread.join(10)
    assert not job.thread.is_alive()
    QCoreApplication.processEvents()  # its report finds no dialog, and harms nothing
    assert session.undo_stack.count() == steps


def test_a_wide_file_gets_its_boxes_a_few_rows_a_turn_then_its_preview(
    qtbot: QtBot, tmp_path: Path, open_assistant: OpenAssistant, fake: FakeEngine
) -> None:
    dialog = open_assistant(_csv(tmp_path, columns=60), wait=False)
    with qtbot.waitSignal(dialog.loaded, timeout=10_000):
        pass
    table = dialog.columns
    assert table.rowCount() == 60 and table.cellWidget(59, TARGET) is None  # not yet
    assert not any(name.endswith("plan") for name in fake.threads)  # nor is the plan
    assert table.editor(40, TARGET).value() == "ignore"  # one asked for is built at once
    with qtbot.waitSignal(dialog.planned, timeout=10_000):
        pass
    assert all(table.cellWidget(row, TARGET) is not None for row in range(60))
    assert fake.threads[-1].endswith("plan")
