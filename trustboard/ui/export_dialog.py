"""File → Export PDF…: options, a preview of the first page, progress, then Email….

The PDF is built on a worker thread from a copy of the workshop, so the window stays
responsive for a report of thousands of cards; reportlab loads only when this dialog
first exports. "Email…" hands the file to the user's mail client; TrustBoard itself
never opens a network connection.
"""

from __future__ import annotations

import copy
import shutil
import subprocess
import tempfile
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt, QTimer, QUrl, Signal
from PySide6.QtGui import QColor, QDesktopServices, QImage, QPixmap
from PySide6.QtWidgets import (
    QCheckBox,
    QColorDialog,
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from trustboard.domain.workshop import Workshop
from trustboard.export.filenames import safe_file_name
from trustboard.export.options import DEFAULT_ACCENT, ExportResult, Paper, ReportOptions
from trustboard.export.password import password_problem
from trustboard.paths import UserPaths
from trustboard.ui.dialogs import button, field
from trustboard.ui.export_work import (
    Job,
    ask_save_path,
    email_text,
    hand_to_mail_client,
    mail_copy,
    no_mail_client,
    render_first_page,
    show_in_folder,
)
from trustboard.ui.session import Session

AskPath = Callable[[QWidget, str], Path | None]
Run = Callable[[list[str]], object]
PREVIEW_WIDTH = 300


class ExportDialog(QDialog):
    exported = Signal(object)  # ExportResult

    def __init__(
        self,
        session: Session,
        paths: UserPaths,
        parent: QWidget | None = None,
        *,
        ask_path: AskPath = ask_save_path,
        run: Run = subprocess.Popen,
        open_url: Callable[[QUrl], object] = QDesktopServices.openUrl,
        which: Callable[[str], str | None] = shutil.which,
    ) -> None:
        super().__init__(parent)
        self.session = session
        self.paths = paths
        self._ask_path, self._run, self._open_url, self._which = ask_path, run, open_url, which
        self.result_: ExportResult | None = None
        self._job: Job | None = None
        self._preview_job: Job | None = None
        self._preview_dirty = False
        self._accent = DEFAULT_ACCENT
        self.setObjectName("exportDialog")
        self.setWindowTitle("Export PDF")
        self._init_options()
        self._init_layout()
        self._preview_timer = QTimer(self, singleShot=True, interval=250)
        self._preview_timer.timeout.connect(self._start_preview)
        self._update()
        self._schedule_preview()

    # -- construction ------------------------------------------------------------------

    def _init_options(self) -> None:
        ws = self.session.workshop
        self.summary = field(
            QRadioButton("&Summary (1–2 pages)"),
            "summaryChoice",
            "Title, grid, gaps, top votes, actions and measures",
            spoken="Summary",
        )
        self.report = field(
            QRadioButton("&Full report"),
            "reportChoice",
            "The summary, then charts and every cell with its cards",
            spoken="Full report",
        )
        self.summary.setChecked(True)
        self.paper = field(QComboBox(), "paperChoice", "Paper size", spoken="Paper size")
        self.paper.addItem("A4", Paper.A4.value)
        self.paper.addItem("Letter", Paper.LETTER.value)
        self.names = field(
            QCheckBox("Include people's &names"),
            "namesCheck",
            "Off: “8 participants”, and no authors or owners",
            spoken="Include people's names",
        )
        self.names.setChecked(not ws.anonymous)
        self.answers = field(
            QCheckBox("Include the room's &answers"),
            "answersCheck",
            "Print the answers to the reflection questions (full report)",
            spoken="Include the room's answers",
        )
        self.answers.setChecked(True)
        self.organisation = field(
            QLineEdit(ws.organisation),
            "organisationField",
            "The organisation named on every page",
            spoken="Organisation",
        )
        self.colour = button("Accent colour…", "accentButton", "The colour of headings and bars")
        self.password = field(
            QLineEdit(), "passwordField", "Leave empty for no password", spoken="Password"
        )
        self.password_again = field(
            QLineEdit(), "passwordAgainField", "Type the password again", spoken="Password, again"
        )
        for edit in (self.password, self.password_again):
            edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.password_note = QLabel()
        self.password_note.setObjectName("passwordNote")
        self.password_note.setWordWrap(True)
        for signal in (self.summary.toggled, self.names.toggled, self.answers.toggled):
            signal.connect(self._options_changed)
        self.paper.currentIndexChanged.connect(self._options_changed)
        self.organisation.textChanged.connect(self._options_changed)
        self.password.textChanged.connect(self._update)
        self.password_again.textChanged.connect(self._update)
        self.colour.clicked.connect(self.choose_colour)
        self.colour.setStyleSheet(f"border-left: 14px solid {self._accent};")

    def _init_layout(self) -> None:
        form = QFormLayout()
        kind = QHBoxLayout()
        kind.addWidget(self.summary)
        kind.addWidget(self.report)
        form.addRow("Export", kind)
        form.addRow("Paper", self.paper)
        form.addRow("", self.names)
        form.addRow("", self.answers)
        form.addRow("Organisation", self.organisation)
        form.addRow("Branding", self.colour)
        form.addRow("Password", self.password)
        form.addRow("Again", self.password_again)
        form.addRow("", self.password_note)
        self.preview = QLabel("Preparing a preview…")
        self.preview.setTextFormat(Qt.TextFormat.PlainText)  # its errors may quote the file
        self.preview.setObjectName("preview")
        self.preview.setAccessibleName("Preview of the first page")
        self.preview.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.preview.setMinimumSize(PREVIEW_WIDTH, int(PREVIEW_WIDTH * 1.414))
        self.preview.setStyleSheet("border: 1px solid palette(mid);")
        top = QHBoxLayout()
        top.addLayout(form, 1)
        top.addWidget(self.preview)
        self.progress = QProgressBar()
        self.progress.setObjectName("exportProgress")
        self.progress.setVisible(False)
        self.status = QLabel()
        self.status.setObjectName("exportStatus")
        self.status.setWordWrap(True)
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.export_button = button("&Export…", "exportButton", "Write the PDF")
        self.email_button = button("E&mail…", "emailButton", "Hand the PDF to your mail client")
        self.cancel_button = button("&Cancel", "cancelExportButton", "Stop the export")
        self.close_button = button("Close", "closeButton", "Close this dialog")
        self.show_file_button = button("Show in &folder", "showFileButton", "Show the saved PDF")
        self.show_file_button.hide()  # offered when no mail client answered
        self.show_file_button.clicked.connect(self.show_file)
        self.export_button.setDefault(True)
        self.export_button.clicked.connect(self.start_export)
        self.email_button.clicked.connect(self.email)
        self.cancel_button.clicked.connect(self.cancel)
        self.close_button.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        for b in (self.export_button, self.cancel_button, self.show_file_button,
                  self.email_button, self.close_button):  # fmt: skip
            buttons.addWidget(b)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.progress)
        layout.addWidget(self.status)
        layout.addLayout(buttons)

    # -- options -----------------------------------------------------------------------

    def options(self, *, with_password: bool = True) -> ReportOptions:
        return ReportOptions(
            paper=Paper(self.paper.currentData()),
            names=self.names.isChecked(),
            organisation=self.organisation.text().strip(),
            accent=self._accent,
            password=self.password.text() if with_password else "",
            answers=self.answers.isChecked(),
        )

    def set_accent(self, colour: str) -> None:
        self._accent = QColor(colour).name()
        self.colour.setStyleSheet(f"border-left: 14px solid {self._accent};")
        self._options_changed()

    def choose_colour(self) -> None:
        picked = QColorDialog.getColor(QColor(self._accent), self, "Accent colour")
        if picked.isValid():
            self.set_accent(picked.name())

    def _passwords_ok(self) -> bool:
        password = self.password.text()
        return password == self.password_again.text() and (
            not password or password_problem(password) is None
        )

    def _update(self) -> None:
        busy = self._job is not None
        problem = password_problem(self.password.text()) if self.password.text() else None
        if problem is not None:
            self.password_note.setText(problem)
        elif not self._passwords_ok():
            self.password_note.setText("The two passwords differ.")
        elif self.password.text():
            self.password_note.setText("Encrypted with AES-256. Send the password separately.")
        else:
            self.password_note.setText("")
        self.answers.setEnabled(self.report.isChecked() and not busy)
        self.export_button.setEnabled(self._passwords_ok() and not busy)
        self.cancel_button.setVisible(busy)
        self.email_button.setEnabled(self.result_ is not None and not busy)

    def _options_changed(self, *_: object) -> None:
        self._update()
        self._schedule_preview()

    def _snapshot(self) -> Workshop:
        """The export reads a copy, so edits cannot change it halfway through."""
        return copy.deepcopy(self.session.workshop)

    # -- preview -----------------------------------------------------------------------

    def _schedule_preview(self) -> None:
        self._preview_timer.start()

    def _start_preview(self) -> None:
        if self._preview_job is not None:
            self._preview_dirty = True  # one at a time; redo when this one ends
            return
        ws, options = self._snapshot(), self.options(with_password=False)
        width = PREVIEW_WIDTH * self.devicePixelRatioF()

        def work(job: Job) -> object:
            from trustboard.export import write_summary

            with tempfile.TemporaryDirectory(prefix="trustboard-preview-") as folder:
                target = Path(folder) / "preview.pdf"
                write_summary(ws, ws.current_round_id, target, options)
                return render_first_page(target, width)

        job = self._preview_job = Job(work)
        job.done.connect(self._preview_done)
        job.failed.connect(self._preview_done)
        job.start()

    def _preview_done(self, image: object) -> None:
        self._preview_job = None
        if isinstance(image, QImage) and not image.isNull():
            pixmap = QPixmap.fromImage(image)
            pixmap.setDevicePixelRatio(self.devicePixelRatioF())
            self.preview.setPixmap(pixmap)
        elif image is None:
            self.preview.setText("No preview: install pypdfium2 to see the first page here.")
        elif isinstance(image, str) and image:
            self.preview.setText(f"No preview: {image}")
        if self._preview_dirty:
            self._preview_dirty = False
            self._start_preview()

    # -- export ------------------------------------------------------------------------

    def suggested_name(self) -> str:
        """Beside the workshop, named for it and the round; safe whatever the label holds."""
        file = self.session.file.path
        kind = "report" if self.report.isChecked() else "summary"
        name = safe_file_name(f"{file.stem} – {self.session.round.label} {kind}", ".pdf")
        return str(file.with_name(name))

    def start_export(self) -> None:
        if self._job is not None or not self._passwords_ok():
            return
        target = self._ask_path(self, self.suggested_name())
        if target is None:
            return
        ws, options, full = self._snapshot(), self.options(), self.report.isChecked()

        def work(job: Job) -> object:
            from trustboard.export import write_report, write_summary

            write = write_report if full else write_summary
            return write(ws, ws.current_round_id, target, options, progress=job.report)

        self.result_ = None
        self.show_file_button.setVisible(False)
        job = self._job = Job(work)
        job.progress.connect(self._progress)
        job.done.connect(self._export_done)
        job.failed.connect(self._export_failed)
        self.progress.setRange(0, 0)
        self.progress.setVisible(True)
        self.status.setText(f"Writing {target.name}…")
        self._update()
        job.start()

    def _progress(self, done: int, total: int) -> None:
        self.progress.setRange(0, total)
        self.progress.setValue(done)

    def _export_done(self, result: object) -> None:
        assert isinstance(result, ExportResult)
        self._job = None
        self.result_ = result
        self.progress.setRange(0, 1)
        self.progress.setValue(1)
        pages = f"{result.pages} page{'s' * (result.pages != 1)}"
        lines = [f"Saved {result.path.name}: {pages}, {result.size // 1024 + 1} KB."]
        lines += result.warnings
        self.status.setText("\n".join(lines))
        self._update()
        self.exported.emit(result)

    def _export_failed(self, message: str) -> None:
        self._job = None
        self.progress.setVisible(False)
        self.status.setText(f"The PDF was not written: {message}" if message else "Cancelled.")
        self._update()

    def cancel(self) -> None:
        if self._job is not None:
            self._job.cancelled.set()

    def wait_for_jobs(self, timeout: float = 30.0) -> None:
        for job in (self._job, self._preview_job):
            if job is not None:
                job.wait(timeout)

    # -- email -------------------------------------------------------------------------

    def email(self) -> None:
        """Hand a copy of the PDF to a mail client (see export_work.mail_copy); when none
        answers, say so, say where the PDF is and offer its folder."""
        if self.result_ is None:
            return
        what = "full report" if self.report.isChecked() else "summary"
        try:
            pdf = mail_copy(self.result_.path, "report" if self.report.isChecked() else "summary")
        except OSError as exc:
            self.status.setText(
                f"The PDF was not handed to your mail client: {exc.strerror or exc}. "
                f"It is saved as {self.result_.path}."
            )
            return
        subject, body = email_text(what, bool(self.password.text()))
        handed = hand_to_mail_client(pdf, subject, body, self._run, self._which, self._open_url)
        self.show_file_button.setVisible(handed is None)
        self.status.setText(handed or no_mail_client(self.result_.path))

    def show_file(self) -> None:
        if self.result_ is not None:  # the saved PDF in its folder, to attach by hand
            show_in_folder(self.result_.path, self._run, self._open_url)

    # -- Qt ----------------------------------------------------------------------------

    def done(self, code: int) -> None:
        self.cancel()
        self.wait_for_jobs()
        super().done(code)
