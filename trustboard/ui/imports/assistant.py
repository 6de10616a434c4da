"""The import assistant: a survey, spreadsheet or board export read, mapped column by
column, previewed and imported as one undo step. Reading and planning run on a worker
thread with progress and Stop; the GUI thread never parses the file."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QProgressBar,
    QPushButton,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from trustboard.i18n import N_, _
from trustboard.ui.imports import choices, mapping_files
from trustboard.ui.imports.columns import ColumnsTable
from trustboard.ui.imports.engine import Engine, real_engine
from trustboard.ui.imports.labels import LabelsPane
from trustboard.ui.imports.preview import ERROR_STYLE, PreviewPane
from trustboard.ui.imports.read_texts import problem_text, read_as
from trustboard.ui.imports.worker import Job
from trustboard.ui.screen_fit import open_size
from trustboard.ui.session import Session
from trustboard.ui.text import BODY_PX, CAPTION_PX, HEADING_PX, plain_label

REPLAN_MS = 300  # a burst of edits in the table makes one new preview
NOTHING = N_("Nothing was imported.")


class ImportAssistant(QDialog):
    """Opened on a file; Import stays disabled until a preview of the current mapping
    is on show and the workshop can take it."""

    loaded = Signal()  # the file is read and a mapping suggested
    planned = Signal()  # a preview (or the reason there is none) is on show
    stopped = Signal(str)  # reading failed or was stopped: the message shown

    def __init__(self, session: Session, path: Path | str, parent: QWidget | None = None, *,
                 engine: Engine | None = None,
                 ask_path: mapping_files.AskPath = mapping_files.ask_mapping_path) -> None:  # fmt: skip
        super().__init__(parent)
        self.session = session
        self.path = Path(path)
        self.engine = engine or real_engine()
        self._ask_path = ask_path
        self.table: Any = None
        self.layout_: Any = None
        self.mapping: Any = None
        self.plan: Any = None
        self._plan_key: tuple[int, bool] | None = None  # (edit number, again) of self.plan
        self._edits = 0
        self.jobs: list[Job] = []
        self.setObjectName("importAssistant")
        self.setWindowTitle(_("Import — {name}").format(name=self.path.name))
        open_size(self, 1240, 700)
        self._init_layout()
        self._replan_timer = QTimer(self, singleShot=True, interval=REPLAN_MS)
        self._replan_timer.timeout.connect(self.replan)
        self._read()

    # -- layout ------------------------------------------------------------------

    def _init_layout(self) -> None:
        layout = QVBoxLayout(self)
        layout.addWidget(plain_label(self.path.name, HEADING_PX, bold=True, name="importFile"))
        self.how = plain_label("", BODY_PX, name="importHow")
        layout.addWidget(self.how)
        self.error_label = plain_label("", BODY_PX, bold=True, name="importError")
        self.error_label.setStyleSheet(ERROR_STYLE)
        self.error_label.hide()
        layout.addWidget(self.error_label)
        row = QHBoxLayout()
        self.progress = QProgressBar()
        self.progress.setObjectName("importProgress")
        self.progress.setRange(0, 100)
        self.progress.setAccessibleName(_("Reading the file"))
        row.addWidget(self.progress, 1)
        self.stop_button = QPushButton(_("Stop"))
        self.stop_button.setObjectName("importStop")
        self.stop_button.setToolTip(_("Stop reading; nothing is imported"))
        self.stop_button.clicked.connect(self.stop)
        row.addWidget(self.stop_button)
        layout.addLayout(row)
        self.preview = PreviewPane(self.session.framework, self.session.workshop)
        self.preview.again_changed.connect(lambda _on: self.replan())
        layout.addWidget(self.preview.banner)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("importPages")
        self.tabs.setAccessibleName(_("Mapping and preview"))
        self.tabs.setToolTip(_("Map the columns, then check the preview"))
        self.columns = ColumnsTable(self.engine, self.session.framework, self.session.workshop)
        self.columns.column_changed.connect(self._column_edited)
        # The preview is worked out once the table has its boxes: building them while a
        # worker plans would make both wait on Python's interpreter lock, and the window stall.
        self.columns.filled.connect(self.replan)
        self.columns.itemSelectionChanged.connect(self._show_labels)
        self.labels = LabelsPane(self.session.framework)
        self.labels.column_changed.connect(self._label_edited)
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(self.columns)
        split.addWidget(self.labels)
        split.setStretchFactor(0, 1)
        split.setStretchFactor(1, 0)
        split.setSizes([920, 300])  # the mapping wants the width; a scale has few steps
        split.setChildrenCollapsible(False)
        self.tabs.addTab(split, _("1. Columns and answers"))
        self.tabs.addTab(self.preview, _("2. Preview: scores, KPIs, what is left out"))
        layout.addWidget(self.tabs, 1)
        self.status = plain_label("", CAPTION_PX, name="importStatus")
        layout.addWidget(self.status)
        buttons = QHBoxLayout()
        self.load_button = QPushButton(_("Load mapping…"))
        self.load_button.setObjectName("importLoadMapping")
        self.load_button.setToolTip(_("Use a mapping saved to a file (.toml)"))
        self.load_button.clicked.connect(self.load_mapping)
        self.save_button = QPushButton(_("Save mapping…"))
        self.save_button.setObjectName("importSaveMapping")
        self.save_button.setToolTip(_("Keep this mapping in a file, to share or reuse it"))
        self.save_button.clicked.connect(self.save_mapping)
        self.cancel_button = QPushButton(_("Cancel"))
        self.cancel_button.setObjectName("importCancel")
        self.cancel_button.setToolTip(_("Close without importing anything"))
        self.cancel_button.clicked.connect(self.reject)
        # Translators: the button that imports the file (a verb).
        self.import_button = QPushButton(_("Import"))
        self.import_button.setObjectName("importNow")
        self.import_button.setToolTip(
            _("Add what the preview shows to the current round, as one undo step")
        )
        self.import_button.setDefault(True)
        self.import_button.clicked.connect(self.import_now)
        for b in (self.load_button, self.save_button):
            buttons.addWidget(b)
        self.note = plain_label("", CAPTION_PX, name="importMappingNote")
        buttons.addWidget(self.note, 1)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.import_button)
        layout.addLayout(buttons)
        self._set_ready(False)

    def _set_ready(self, ready: bool) -> None:
        """Mapping tools while a file is read; Import only with a current preview."""
        for w in (self.tabs, self.load_button, self.save_button):
            w.setEnabled(ready)
        self._update_import()

    def _update_import(self) -> None:
        reason = self.session.file.read_only_reason if self.session.file.read_only else ""
        current = self.plan is not None and self._plan_key == self._key()
        self.import_button.setEnabled(current and not reason and not self.plan.empty)
        if reason:
            self.status.setText(
                _("This workshop is read-only: {reason}. {nothing}").format(
                    reason=reason, nothing=_(NOTHING)
                )
            )
        elif current and self.plan.empty and self.plan.already:
            self.status.setText(
                _("Nothing new to import: tick “{again}” to add it anyway.").format(
                    again=_("Import again")
                )
            )
        elif current and self.plan.empty:
            self.status.setText(_("Nothing to import yet: use a column as a score, comment, "
                                  "KPI or card text."))  # fmt: skip
        elif current:
            self.status.setText(
                _("Import adds this to the round “{round}” as one step; Undo takes it all "
                  "back.").format(round=self.session.current_round.label)
            )  # fmt: skip

    # -- work off the GUI thread ---------------------------------------------------

    def _start(self, run: Any, name: str, done: Any, failed: Any, *, stoppable: bool) -> Job:
        job = Job(run, name)
        job.progressed.connect(self._progressed)  # bound methods: delivered on this thread
        job.done.connect(done)
        job.failed.connect(failed)
        self.jobs.append(job)
        self.progress.setValue(0)
        self.progress.show()
        self.stop_button.setVisible(stoppable)  # a plan takes a moment; a big read may not
        job.start()
        return job

    def _finished(self) -> Job | None:
        """The job that just reported (its thread is ending), no longer running."""
        job = self.sender()
        if isinstance(job, Job):
            job.thread.join()
            self.jobs.remove(job)
        if not self.jobs:
            self.progress.hide()
            self.stop_button.hide()
        return job if isinstance(job, Job) else None

    def _progressed(self, fraction: float) -> None:
        self.progress.setValue(round(fraction * 100))

    def stop(self) -> None:
        """Stop what is running (at its next progress report); nothing is imported."""
        for job in self.jobs:
            job.cancel()

    def _read(self) -> None:
        e, s, path = self.engine, self.session, self.path
        self.how.setText(_("Reading…"))

        def run(progress: Any) -> tuple[Any, Any, Any]:
            table = e.read_table(path, progress=progress)
            layout = e.detect(table)
            return table, layout, e.suggest(layout, s.framework, s.workshop)

        self._start(run, "import-read", self._read_done, self._read_failed, stoppable=True)

    def _read_done(self, result: tuple[Any, Any, Any]) -> None:
        self._finished()
        self.table, self.layout_, self.mapping = result
        rows, columns = len(self.table.rows), len(self.table.columns)
        self.how.setText(read_as(self.table.how, self.layout_.tool, rows, columns))
        self.columns.show_mapping(list(self.layout_.questions), self.mapping)  # then: replan
        self._show_labels()
        self._set_ready(True)
        self.loaded.emit()

    def _read_failed(self, exc: Exception) -> None:
        job = self._finished()
        stopped = isinstance(exc, self.engine.cancelled) or (job is not None and job.cancelled)
        message = (
            _("Reading {name} was stopped. {nothing}").format(
                name=self.path.name, nothing=_(NOTHING)
            )
            if stopped
            else _("{problem}\n{nothing} Fix the file and open it again.").format(
                problem=problem_text(self.engine, exc), nothing=_(NOTHING)
            )
        )
        self.how.setText("")
        self.error_label.setText(message)
        self.error_label.show()
        self.stopped.emit(message)

    def _key(self) -> tuple[int, bool]:
        return self._edits, self.preview.again.isChecked()

    def replan(self) -> None:
        """Plan the import of the current mapping off the GUI thread, for the preview."""
        if self.table is None:
            return
        self._replan_timer.stop()
        self.stop()  # an older plan is of no use now
        e, s, table, mapping, key = self.engine, self.session, self.table, self.mapping, self._key()
        self.preview.show_busy(_("Working out what the import adds…"))

        def run(progress: Any) -> tuple[tuple[int, bool], Any, Any]:
            plan = e.plan_import(table, mapping, s.workshop, again=key[1], progress=progress)
            return key, plan, plan.summary(s.framework)

        self._start(run, "import-plan", self._planned, self._plan_failed, stoppable=False)
        self._update_import()

    def _planned(self, result: tuple[tuple[int, bool], Any, Any]) -> None:
        self._finished()
        key, plan, summary = result
        if key != self._key():
            return  # the mapping changed meanwhile: its own plan is on the way
        self.plan, self._plan_key = plan, key
        self.preview.show_summary(summary)
        self._update_import()
        self.planned.emit()

    def _plan_failed(self, exc: Exception) -> None:
        job = self._finished()
        if (job is not None and job.cancelled) or isinstance(exc, self.engine.cancelled):
            return  # superseded by a newer plan, or the dialog is closing
        self.plan, self._plan_key = None, None
        self.preview.show_error(problem_text(self.engine, exc))
        self._show_column(getattr(exc, "column", None))
        self._update_import()
        self.planned.emit()

    # -- edits ---------------------------------------------------------------------

    def _column_edited(self, column: Any) -> None:
        self.mapping = choices.with_column(self.mapping, column)
        self._edits += 1
        self.stop()  # a plan of the mapping before this edit is of no use
        self._show_labels()
        self._update_import()
        self._replan_timer.start()

    def _label_edited(self, column: Any) -> None:
        row = next(i for i, q in enumerate(self.columns.questions) if q.header == column.header)
        self.columns.columns[row] = column
        self._column_edited(column)

    def _show_column(self, header: str | None) -> None:
        """Bring the column a problem names into view, its answers beside it."""
        rows = [i for i, q in enumerate(self.columns.questions) if q.header == header]
        if rows:
            self.tabs.setCurrentIndex(0)
            self.columns.selectRow(rows[0])
            self.columns.scrollToItem(self.columns.item(rows[0], 0))

    def _show_labels(self) -> None:
        rows = {i.row() for i in self.columns.selectedItems()}
        if len(rows) != 1 or self.mapping is None:
            self.labels.show_column(None, None)
            return
        row = rows.pop()
        self.labels.show_column(self.columns.question(row), self.columns.columns[row])

    def save_mapping(self) -> None:
        if self.mapping is None:
            return
        path = self._ask_path(
            self,
            _("Save mapping"),
            _("{name} mapping").format(name=self.path.stem) + ".toml",
            True,
        )
        if path is not None:
            problem = mapping_files.save_mapping(self.engine, self.mapping, path)
            self.note.setText(problem or _("Mapping saved to {name}.").format(name=path.name))

    def load_mapping(self) -> None:
        if self.table is None:
            return
        path = self._ask_path(self, _("Load mapping"), "", False)
        if path is None:
            return
        mapping, problem = mapping_files.load_mapping(self.engine, path)
        if mapping is None:
            self.note.setText(
                _("{problem} The mapping on show is unchanged.").format(problem=problem)
            )
            return
        self.mapping = mapping
        self._edits += 1
        self.columns.show_mapping(list(self.layout_.questions), mapping)  # then: replan
        self._show_labels()
        missing = mapping_files.missing_headers(mapping, list(self.table.columns))
        loaded = _("Mapping loaded from {name}.").format(name=path.name)
        if missing:
            loaded = _("{loaded} Not in this file, so left out: {columns}.").format(
                loaded=loaded, columns=", ".join(missing)
            )
        self.note.setText(loaded)

    # -- import --------------------------------------------------------------------

    def import_now(self) -> bool:
        """Import the previewed plan as one undo step and close; False if refused."""
        if not self.import_button.isEnabled():
            return False
        s = self.session
        s.set_viewed_round(None)  # imports go to the current round; show it
        try:
            command = self.engine.import_command(s.doc, self.plan, self.mapping,
                                                 round_id=s.current_round.id)  # fmt: skip
        except self.engine.error as exc:
            self.preview.show_error(str(exc))
            return False
        if not s.push(command):
            return False
        self.accept()
        return True

    def done(self, result: int) -> None:
        self.stop()  # a read or plan still running stops at its next progress report
        super().done(result)
