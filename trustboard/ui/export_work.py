"""The PDF export's work around the dialog: a job on a worker thread, the first page
rendered as a preview, where to save, and the copy of the PDF handed to a mail client."""

from __future__ import annotations

import shutil
import sys
import tempfile
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QUrl, QUrlQuery, Signal
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QCheckBox, QFileDialog, QWidget

from trustboard.export.options import ExportCancelled, ExportError, csv_separator
from trustboard.i18n import _


class ListSeparatorCheck(QCheckBox):
    """ "Separate columns with ';'" where the interface's locale writes decimals with a comma
    (a German or French spreadsheet opens such a CSV in columns); hidden where "," is it."""

    def __init__(self) -> None:
        self.local = csv_separator("auto")  # the person's locale, not the workshop's
        # Translators: a CSV option; {separator} is ";" in German and French
        super().__init__(_("Separate columns with “{separator}”").format(separator=self.local))
        self.setObjectName("listSeparatorCheck")
        self.setAccessibleName(_("Separate columns as spreadsheets here expect"))
        self.setToolTip(
            _("As spreadsheets in your language expect. Off: commas, which every CSV reader takes")
        )
        self.setVisible(self.local != ",")

    def separator(self) -> str:
        return self.local if self.isChecked() and self.local != "," else ","


class Job(QObject):
    """A build on a worker thread; its signals arrive on the thread that made the job."""

    progress = Signal(int, int)
    done = Signal(object)  # ExportResult, or a QImage for a preview
    failed = Signal(str)

    def __init__(self, work: Callable[[Job], object]) -> None:
        super().__init__()
        self.cancelled = threading.Event()
        self._work = work
        self._thread = threading.Thread(target=self._run, name="pdf-export", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def run_here(self) -> None:
        """Run on the calling thread, the same signals emitted: the board scene draws
        its cards only on the GUI thread (off it, a picture shows an empty board)."""
        self._run()

    def wait(self, timeout: float | None = None) -> None:
        if self._thread.is_alive():  # never started when it ran here
            self._thread.join(timeout)

    def report(self, done: int, total: int) -> None:
        if self.cancelled.is_set():
            raise ExportCancelled(_("the export was cancelled"))
        self.progress.emit(done, total)

    def _run(self) -> None:
        try:
            self.done.emit(self._work(self))
        except ExportCancelled:
            self.failed.emit("")
        except (ExportError, OSError) as exc:
            self.failed.emit(str(exc))
        except Exception as exc:  # a thread must report, not die silently
            self.failed.emit(_("unexpected error: {error}").format(error=repr(exc)))


def ask_save_path(parent: QWidget, suggested: str) -> Path | None:
    """Ask where to save; the suggested name's extension says the format and is kept."""
    suffix = Path(suggested).suffix.lower() or ".pdf"
    kind = suffix[1:].upper()
    name, _unused = QFileDialog.getSaveFileName(
        parent, _("Export"), suggested, f"{kind} (*{suffix})"
    )
    if not name:
        return None
    return Path(name if name.lower().endswith(suffix) else name + suffix)


def email_text(what: str, password: bool) -> tuple[str, str]:
    """Subject and body of the draft. They hold no workshop text: a mail client parses
    what it is handed, and a title or label must never become a recipient or a field."""
    # Translators: {what} is a file's word: "summary", "full report", "slides" ...
    subject = _("Workshop {what} (TrustBoard)").format(what=what)
    body = [_("Hello,\n\nattached is the {what} of our workshop.").format(what=what)]
    if password:
        body.append(_("The PDF is protected with a password, which you will get separately."))
    return subject, "\n\n".join(body) + "\n"


def send_by_mail(
    saved: Path,
    key: str,
    word: str,
    password: bool,
    run: Callable[[list[str]], object],
    which: Callable[[str], str | None],
    open_url: Callable[[QUrl], object],
) -> tuple[str, bool]:
    """Hand a copy of the file to a mail client (see mail_copy): (what to say, whether a
    mail client took it). When none answers, say so and where the file is."""
    what = _("full report") if key == "report" else word
    try:
        pdf = mail_copy(saved, key)
    except OSError as exc:
        problem = _(
            "The file was not handed to your mail client: {problem}. It is saved as {path}."
        )
        return problem.format(problem=exc.strerror or exc, path=saved), True
    subject, body = email_text(what, password)
    handed = hand_to_mail_client(pdf, subject, body, run, which, open_url)
    return handed or no_mail_client(saved), handed is not None


def no_mail_client(saved: Path) -> str:
    """What to say when no mail client answered: plainly, and where the PDF is."""
    return _(
        "No mail client answered, so no message was started. The file is saved as {path}; "
        "“Show in folder” opens its folder so you can attach it yourself."
    ).format(path=saved)


def hand_to_mail_client(
    pdf: Path,
    subject: str,
    body: str,
    run: Callable[[list[str]], object],
    which: Callable[[str], str | None],
    open_url: Callable[[QUrl], object],
) -> str | None:
    """Start a message with `pdf` attached (or a mailto: draft and its folder shown);
    returns what to tell the user, or None when no mail client answered."""
    mailer = which("xdg-email") if sys.platform.startswith("linux") else None
    if mailer:
        try:
            run([mailer, "--subject", subject, "--body", body, "--attach", str(pdf)])
        except OSError:
            return None
        return _("Handed {name} to your mail client.").format(name=pdf.name)
    url = QUrl("mailto:")
    query = QUrlQuery()
    query.addQueryItem("subject", subject)
    attach = _("(Attach {name} from {folder}.)").format(name=pdf.name, folder=pdf.parent)
    query.addQueryItem("body", body + f"\n{attach}\n")
    url.setQuery(query)
    if not open_url(url):  # QDesktopServices.openUrl: False when nothing handles mailto:
        return None
    show_in_folder(pdf, run, open_url)
    return _("Attach {name} to the new message; its folder is open.").format(name=pdf.name)


def show_in_folder(
    path: Path, run: Callable[[list[str]], object], open_url: Callable[[QUrl], object]
) -> None:
    """Show the file in the system's file manager (selected where the system can)."""
    if sys.platform == "win32":
        run(["explorer", f"/select,{path}"])
    elif sys.platform == "darwin":
        run(["open", "-R", str(path)])
    else:
        open_url(QUrl.fromLocalFile(str(path.parent)))


def mail_copy(pdf: Path, kind: str) -> Path:
    """A copy of `pdf` under a fixed name in a private folder of its own.

    The mail client gets this path, never the one the user chose: no text from the
    workshop reaches its command line, and the name holds no quote, comma or "=".
    The copy stays until the system clears its temporary folder, since the mail
    client may read it only when the message is sent.
    """
    folder = Path(tempfile.mkdtemp(prefix="trustboard-mail-"))  # mode 0700
    target = folder / f"TrustBoard {kind}{pdf.suffix.lower()}"
    shutil.copyfile(pdf, target)
    if not _mail_safe(str(target)):
        shutil.rmtree(folder, ignore_errors=True)
        raise OSError(
            _("the temporary folder {folder} has a name a mail client could misread").format(
                folder=folder.parent
            )
        )
    return target


def _mail_safe(path: str) -> bool:
    """No character that a mail client's own argument syntax gives a meaning to."""
    return not any(ch in "'\",=&?%" or ord(ch) < 0x20 or ord(ch) == 0x7F for ch in path)


def render_first_page(pdf: Path, width: float) -> QImage | None:
    """The first page as an image `width` pixels wide; None without pypdfium2."""
    try:
        import pypdfium2 as pdfium
    except ImportError:
        return None
    document: Any = pdfium.PdfDocument(str(pdf))
    try:
        page = document[0]
        scale = width / page.get_width()
        bitmap = page.render(scale=scale, rev_byteorder=True)
        image = QImage(
            bitmap.buffer,
            bitmap.width,
            bitmap.height,
            bitmap.stride,
            QImage.Format.Format_RGBX8888
            if bitmap.n_channels == 4
            else QImage.Format.Format_RGB888,
        ).copy()
        page.close()
        return image
    finally:
        document.close()
