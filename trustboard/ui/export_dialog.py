"""File → Export…: every format (export_formats.FORMATS), the options that apply to
it, a preview, progress, then Email….

The file is built on a worker thread from a copy of the workshop, so the window stays
responsive for a report of thousands of cards; each format's library loads only when
it is first used. "Email…" hands the file to the user's mail client; TrustBoard itself
never opens a network connection.
"""

from __future__ import annotations

import copy
import shutil
import subprocess
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
    QVBoxLayout,
    QWidget,
)

from trustboard.domain.workshop import Layer, Workshop
from trustboard.export.filenames import safe_file_name
from trustboard.export.options import DEFAULT_ACCENT, ExportResult, Paper, ReportOptions
from trustboard.export.password import password_problem
from trustboard.i18n import _
from trustboard.paths import UserPaths
from trustboard.ui.dialogs import button, field
from trustboard.ui.export_formats import BY_KEY, FORMATS, Format, preview, saved_text, write
from trustboard.ui.export_work import Job, ask_save_path, send_by_mail, show_in_folder
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
        self.setWindowTitle(_("Export"))
        self._init_options()
        self._init_layout()
        self._preview_timer = QTimer(self, singleShot=True, interval=250)
        self._preview_timer.timeout.connect(self._start_preview)
        self._update()
        self._preview_timer.start()

    # -- construction ------------------------------------------------------------------

    def _init_options(self) -> None:
        ws = self.session.workshop
        self.format = field(QComboBox(), "formatChoice", _("What to export"), spoken=_("Format"))
        for fmt in FORMATS:
            self.format.addItem(_(fmt.label), fmt.key)
        self.layer = field(QComboBox(), "layerChoice", _("The board's layer"), spoken=_("Layer"))
        self.layer.addItem(_("As-is"), Layer.AS_IS.value)
        self.layer.addItem(_("To-be"), Layer.TO_BE.value)
        self.paper = field(QComboBox(), "paperChoice", _("Paper size"), spoken=_("Paper size"))
        # Translators: paper sizes; "Phone" is a page shaped for reading on a phone
        for name, paper in (
            ("A4", Paper.A4),
            (_("Letter"), Paper.LETTER),
            (_("Phone"), Paper.PHONE),
        ):
            self.paper.addItem(name, paper.value)
        self.names = field(
            QCheckBox(_("Include people's &names")),
            "namesCheck",
            _("Off: “8 participants”, and no authors or owners"),
            spoken=_("Include people's names"),
        )
        self.names.setChecked(not ws.anonymous)
        self.answers = field(
            QCheckBox(_("Include the room's &answers")),
            "answersCheck",
            _("Print the answers to the reflection questions (full report)"),
            spoken=_("Include the room's answers"),
        )
        self.answers.setChecked(True)
        from trustboard.ui.export_work import ListSeparatorCheck

        self.list_separator = ListSeparatorCheck()
        self.organisation = field(
            QLineEdit(ws.organisation),
            "organisationField",
            _("The organisation named on every page"),
            spoken=_("Organisation"),
        )
        self.colour = button(
            _("Accent colour…"), "accentButton", _("The colour of headings and bars")
        )
        self.password = field(
            QLineEdit(), "passwordField", _("Leave empty for no password"), spoken=_("Password")
        )
        self.password_again = field(
            QLineEdit(),
            "passwordAgainField",
            _("Type the password again"),
            spoken=_("Password, again"),
        )
        for edit in (self.password, self.password_again):
            edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.password_note = QLabel()
        self.password_note.setObjectName("passwordNote")
        self.password_note.setWordWrap(True)
        changes = [self.names.toggled, self.answers.toggled, self.list_separator.toggled]
        changes += [self.format.currentIndexChanged, self.layer.currentIndexChanged]
        for signal in (*changes, self.paper.currentIndexChanged, self.organisation.textChanged):
            signal.connect(self._options_changed)
        self.password.textChanged.connect(self._update)
        self.password_again.textChanged.connect(self._update)
        self.colour.clicked.connect(self.choose_colour)
        self.colour.setStyleSheet(f"border-left: 14px solid {self._accent};")

    def _init_layout(self) -> None:
        form = QFormLayout()
        form.addRow(_("&Format"), self.format)
        form.addRow(_("Layer"), self.layer)
        form.addRow(_("Paper"), self.paper)
        form.addRow("", self.names)
        form.addRow("", self.answers)
        form.addRow("", self.list_separator)
        form.addRow(_("Organisation"), self.organisation)
        form.addRow(_("Branding"), self.colour)
        form.addRow(_("Password"), self.password)
        # Translators: the password typed a second time
        form.addRow(_("Again"), self.password_again)
        form.addRow("", self.password_note)
        self.preview = QLabel(_("Preparing a preview…"))
        self.preview.setTextFormat(Qt.TextFormat.PlainText)  # its errors may quote the file
        self.preview.setObjectName("preview")
        self.preview.setAccessibleName(_("Preview of the export"))
        self.preview.setWordWrap(True)
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
        self.export_button = button(_("&Export…"), "exportButton", _("Write the file"))
        self.email_button = button(
            _("E&mail…"), "emailButton", _("Hand the file to your mail client")
        )
        self.cancel_button = button(_("&Cancel"), "cancelExportButton", _("Stop the export"))
        self.close_button = button(_("Close"), "closeButton", _("Close this dialog"))
        self.show_file_button = button(
            _("Show in &folder"), "showFileButton", _("Show the saved file")
        )
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

    def fmt(self) -> Format:
        return BY_KEY[self.format.currentData()]

    def choose(self, key: str) -> None:
        self.format.setCurrentIndex(self.format.findData(key))

    def options(self, *, with_password: bool = True) -> ReportOptions:
        """The choices that apply to the format; the others are left at their defaults."""
        fmt = self.fmt()
        return ReportOptions(
            paper=Paper(self.paper.currentData()),
            names=self.names.isChecked(),
            organisation=self.organisation.text().strip() if fmt.branded else "",
            accent=self._accent if fmt.branded else DEFAULT_ACCENT,
            password=self.password.text() if with_password and fmt.pdf else "",
            answers=self.answers.isChecked(),
            csv_separator=self.list_separator.separator(),
        )

    def layer_choice(self) -> Layer:
        return Layer(self.layer.currentData())

    def set_accent(self, colour: str) -> None:
        self._accent = QColor(colour).name()
        self.colour.setStyleSheet(f"border-left: 14px solid {self._accent};")
        self._options_changed()

    def choose_colour(self) -> None:
        picked = QColorDialog.getColor(QColor(self._accent), self, _("Accent colour"))
        if picked.isValid():
            self.set_accent(picked.name())

    def _passwords_ok(self) -> bool:
        password = self.password.text() if self.fmt().pdf else ""
        return password == self.password_again.text() and (
            not password or password_problem(password) is None
        )

    def _update(self) -> None:
        busy = self._job is not None
        problem = password_problem(self.password.text()) if self.password.text() else None
        if problem is not None:
            self.password_note.setText(problem)
        elif not self._passwords_ok():
            self.password_note.setText(_("The two passwords differ."))
        else:
            sealed = _("Encrypted with AES-256. Send the password separately.")
            self.password_note.setText(sealed if self.password.text() else "")
        fmt = self.fmt()
        self.answers.setEnabled(fmt.key == "report" and not busy)
        self.list_separator.setEnabled(fmt.suffix == ".csv" and not busy)
        for widget in (self.paper, self.password, self.password_again, self.password_note):
            widget.setEnabled(fmt.pdf and not busy)
        self.organisation.setEnabled(fmt.branded and not busy)
        self.colour.setEnabled(fmt.branded and not busy)
        self.layer.setEnabled(fmt.picture and not busy)
        self.format.setEnabled(not busy)
        self.export_button.setEnabled(self._passwords_ok() and not busy)
        self.cancel_button.setVisible(busy)
        self.email_button.setEnabled(self.result_ is not None and not busy)

    def _options_changed(self, *_args: object) -> None:
        self._update()
        self._preview_timer.start()

    def _snapshot(self) -> Workshop:
        """The export reads a copy, so edits cannot change it halfway through."""
        return copy.deepcopy(self.session.workshop)

    # -- preview -----------------------------------------------------------------------

    def _start_preview(self) -> None:
        if self._preview_job is not None:
            self._preview_dirty = True  # one at a time; redo when this one ends
            return
        ws, options = self._snapshot(), self.options(with_password=False)
        width = PREVIEW_WIDTH * self.devicePixelRatioF()
        fmt, layer = self.fmt(), self.layer_choice()

        def work(job: Job) -> object:
            return preview(fmt, ws, ws.current_round_id, options, layer, width)

        job = self._preview_job = Job(work)
        job.done.connect(self._preview_done)
        job.failed.connect(self._preview_done)
        job.run_here() if fmt.picture else job.start()

    def _preview_done(self, image: object) -> None:
        self._preview_job = None
        picture = isinstance(image, QImage)  # text (slide titles, rows) reads from the top left
        top_left = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop
        self.preview.setAlignment(Qt.AlignmentFlag.AlignCenter if picture else top_left)
        if isinstance(image, QImage) and not image.isNull():
            pixmap = QPixmap.fromImage(image)
            pixmap.setDevicePixelRatio(self.devicePixelRatioF())
            self.preview.setPixmap(pixmap)
        elif image is None:
            self.preview.setText(_("No preview: install pypdfium2 to see the first page here."))
        elif isinstance(image, str) and image:
            self.preview.setText(image)
        if self._preview_dirty:
            self._preview_dirty = False
            self._start_preview()

    # -- export ------------------------------------------------------------------------

    def suggested_name(self) -> str:
        """Beside the workshop, named for it and the round; safe whatever the label holds."""
        file, fmt = self.session.file.path, self.fmt()
        what = _(fmt.word)
        name = safe_file_name(f"{file.stem} – {self.session.round.label} {what}", fmt.suffix)
        return str(file.with_name(name))

    def start_export(self) -> None:
        if self._job is not None or not self._passwords_ok():
            return
        target = self._ask_path(self, self.suggested_name())
        if target is None:
            return
        ws, options, fmt, layer = self._snapshot(), self.options(), self.fmt(), self.layer_choice()
        if target.suffix.lower() != fmt.suffix:
            target = target.with_name(target.name + fmt.suffix)

        def work(job: Job) -> object:
            return write(fmt, ws, ws.current_round_id, target, options, layer, job.report)

        self.result_ = None
        self.show_file_button.setVisible(False)
        job = self._job = Job(work)
        job.progress.connect(self._progress)
        job.done.connect(self._export_done)
        job.failed.connect(self._export_failed)
        self.progress.setRange(0, 0)
        self.progress.setVisible(True)
        self.status.setText(_("Writing {name}…").format(name=target.name))
        self._update()
        job.run_here() if fmt.picture else job.start()

    def _progress(self, done: int, total: int) -> None:
        self.progress.setRange(0, total)
        self.progress.setValue(done)

    def _export_done(self, result: object) -> None:
        assert isinstance(result, ExportResult)
        self._job = None
        self.result_ = result
        self.progress.setRange(0, 1)
        self.progress.setValue(1)
        lines = [saved_text(result, self.fmt().suffix), *result.warnings]
        self.status.setText("\n".join(lines))
        self._update()
        self.exported.emit(result)

    def _export_failed(self, message: str) -> None:
        self._job = None
        self.progress.setVisible(False)
        failed = _("The file was not written: {problem}").format(problem=message)
        self.status.setText(failed if message else _("Cancelled."))
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
        fmt = self.fmt()
        password = fmt.pdf and bool(self.password.text())
        mail = (self._run, self._which, self._open_url)
        said, handed = send_by_mail(self.result_.path, fmt.key, _(fmt.word), password, *mail)
        self.show_file_button.setVisible(not handed)
        self.status.setText(said)

    def show_file(self) -> None:
        if self.result_ is not None:  # the saved PDF in its folder, to attach by hand
            show_in_folder(self.result_.path, self._run, self._open_url)

    def done(self, code: int) -> None:
        self.cancel()
        self.wait_for_jobs()
        super().done(code)
