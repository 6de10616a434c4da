"""File → Export… (the PDF): options, preview, a worker-thread export with progress, Email…."""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

import pytest
from PySide6.QtCore import QUrl
from pytestqt.qtbot import QtBot

from trustboard.export import Paper
from trustboard.paths import UserPaths
from trustboard.ui.export_dialog import ExportDialog
from trustboard.ui.session import Session


class Recorder:
    def __init__(self) -> None:
        self.commands: list[list[str]] = []
        self.urls: list[QUrl] = []

    def run(self, args: list[str]) -> None:
        self.commands.append(args)

    def open_url(self, url: QUrl) -> bool:
        self.urls.append(url)
        return True


@pytest.fixture
def recorder() -> Recorder:
    return Recorder()


def make(
    qtbot: QtBot,
    session: Session,
    tmp_path: Path,
    recorder: Recorder,
    which: str | None = "/usr/bin/xdg-email",
) -> ExportDialog:
    dialog = ExportDialog(
        session,
        UserPaths.under(tmp_path / "data"),
        ask_path=lambda parent, suggested: tmp_path / "out.pdf",
        run=recorder.run,
        open_url=recorder.open_url,
        which=lambda name: which,
    )
    qtbot.addWidget(dialog)
    dialog.destroyed.connect(lambda: None)
    return dialog


def export(qtbot: QtBot, dialog: ExportDialog) -> None:
    with qtbot.waitSignal(dialog.exported, timeout=60_000):
        dialog.export_button.click()


def test_options_follow_the_widgets(
    qtbot: QtBot, demo_session: Session, tmp_path: Path, recorder: Recorder
) -> None:
    dialog = make(qtbot, demo_session, tmp_path, recorder)
    assert not dialog.answers.isEnabled()  # answers only matter in the full report
    dialog.choose("report")
    assert dialog.answers.isEnabled()
    dialog.paper.setCurrentIndex(1)
    dialog.names.setChecked(False)
    dialog.answers.setChecked(False)
    dialog.organisation.setText("Acme <Ltd>")
    dialog.set_accent("#aa3300")
    options = dialog.options()
    assert options.paper is Paper.LETTER
    assert (options.names, options.answers, options.organisation) == (False, False, "Acme <Ltd>")
    assert options.accent == "#aa3300"
    dialog.paper.setCurrentIndex(2)  # a narrow page for reading on a phone
    assert dialog.options().paper is Paper.PHONE
    dialog.wait_for_jobs()


def test_passwords_must_match(
    qtbot: QtBot, demo_session: Session, tmp_path: Path, recorder: Recorder
) -> None:
    dialog = make(qtbot, demo_session, tmp_path, recorder)
    dialog.password.setText("one")
    dialog.password_again.setText("two")
    assert not dialog.export_button.isEnabled()
    assert "differ" in dialog.password_note.text()
    dialog.password_again.setText("one")
    assert dialog.export_button.isEnabled()
    assert "AES-256" in dialog.password_note.text()
    dialog.wait_for_jobs()


def test_export_runs_in_the_background_and_reports(
    qtbot: QtBot, demo_session: Session, tmp_path: Path, recorder: Recorder
) -> None:
    dialog = make(qtbot, demo_session, tmp_path, recorder)
    dialog.choose("report")
    assert not dialog.email_button.isEnabled()
    export(qtbot, dialog)
    out = tmp_path / "out.pdf"
    assert out.read_bytes().startswith(b"%PDF-")
    assert dialog.progress.value() == dialog.progress.maximum()
    assert "Saved out.pdf" in dialog.status.text()
    assert dialog.email_button.isEnabled()
    dialog.wait_for_jobs()


@pytest.fixture
def private_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The system's temporary folder, inside this test's own."""
    folder = tmp_path / "tmp"
    folder.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(folder))
    return folder


def test_email_uses_xdg_email_on_linux(
    qtbot: QtBot,
    demo_session: Session,
    tmp_path: Path,
    recorder: Recorder,
    monkeypatch: pytest.MonkeyPatch,
    private_tmp: Path,
) -> None:
    monkeypatch.setattr(sys, "platform", "linux")
    dialog = make(qtbot, demo_session, tmp_path, recorder)
    export(qtbot, dialog)
    dialog.email_button.click()
    (command,) = recorder.commands
    assert command[0] == "/usr/bin/xdg-email"
    attached = Path(command[command.index("--attach") + 1])
    assert attached.name == "TrustBoard summary.pdf"
    assert attached.parent.parent == private_tmp
    assert attached.read_bytes() == (tmp_path / "out.pdf").read_bytes()
    assert "summary" in command[command.index("--subject") + 1]
    assert recorder.urls == []
    dialog.wait_for_jobs()


HOSTILE = "Round 1',bcc='x@y',cc='z@w"


def test_email_hands_the_mail_client_no_workshop_text(
    qtbot: QtBot,
    demo_session: Session,
    tmp_path: Path,
    recorder: Recorder,
    monkeypatch: pytest.MonkeyPatch,
    private_tmp: Path,
) -> None:
    monkeypatch.setattr(sys, "platform", "linux")
    ws = demo_session.workshop
    ws.current_round.label = HOSTILE
    ws.title = "Title\",attachment='/etc/passwd"
    ws.organisation = "Org',to='boss@example.com"
    dialog = make(qtbot, demo_session, tmp_path, recorder)
    dialog.choose("report")
    chosen = tmp_path / f"{HOSTILE}.pdf"
    dialog._ask_path = lambda parent, suggested: chosen
    export(qtbot, dialog)
    assert chosen.exists()
    dialog.email_button.click()
    (command,) = recorder.commands
    for arg in command:
        for text in (HOSTILE, ws.title, ws.organisation, "bcc", "x@y", "boss@", "passwd"):
            assert text not in arg
    attached = command[command.index("--attach") + 1]
    assert not set("'\",=") & set(attached)
    assert Path(attached).name == "TrustBoard report.pdf"
    assert Path(attached).read_bytes() == chosen.read_bytes()
    dialog.wait_for_jobs()


def test_email_without_xdg_email_opens_a_draft_and_the_folder(
    qtbot: QtBot,
    demo_session: Session,
    tmp_path: Path,
    recorder: Recorder,
    monkeypatch: pytest.MonkeyPatch,
    private_tmp: Path,
) -> None:
    monkeypatch.setattr(sys, "platform", "linux")
    demo_session.workshop.current_round.label = HOSTILE
    dialog = make(qtbot, demo_session, tmp_path, recorder, which=None)
    dialog.password.setText("pw")
    dialog.password_again.setText("pw")
    export(qtbot, dialog)
    dialog.email_button.click()
    draft, folder = recorder.urls
    assert draft.scheme() == "mailto"
    query = draft.query(QUrl.ComponentFormattingOption.FullyDecoded)
    assert "password" in query
    assert "bcc" not in query and "x@y" not in query
    assert Path(folder.toLocalFile()).parent == private_tmp
    assert (Path(folder.toLocalFile()) / "TrustBoard summary.pdf").exists()
    dialog.wait_for_jobs()


def test_a_slash_in_the_round_label_still_suggests_a_name_beside_the_workshop(
    qtbot: QtBot, demo_session: Session, tmp_path: Path, recorder: Recorder
) -> None:
    demo_session.workshop.current_round.label = 'Q1/Q2: "final"?'
    dialog = make(qtbot, demo_session, tmp_path, recorder)
    suggested = Path(dialog.suggested_name())
    assert suggested.parent == demo_session.file.path.parent
    assert suggested.name == "demo – Q1-Q2 final summary.pdf"
    dialog.wait_for_jobs()


@pytest.mark.parametrize(
    ("password", "reason"),
    [("\u00ad\u200b", "invisible"), ("p" * 128, "at most 127 bytes")],
)
def test_a_password_the_pdf_cannot_use_is_explained_and_blocks_export(
    qtbot: QtBot,
    demo_session: Session,
    tmp_path: Path,
    recorder: Recorder,
    password: str,
    reason: str,
) -> None:
    dialog = make(qtbot, demo_session, tmp_path, recorder)
    dialog.password.setText(password)
    dialog.password_again.setText(password)
    assert reason in dialog.password_note.text()
    assert not dialog.export_button.isEnabled()
    dialog.start_export()  # e.g. the default button's shortcut: still nothing is written
    assert not (tmp_path / "out.pdf").exists()
    dialog.wait_for_jobs()


def test_the_preview_shows_the_first_page(
    qtbot: QtBot, demo_session: Session, tmp_path: Path, recorder: Recorder
) -> None:
    pytest.importorskip("pypdfium2")
    dialog = make(qtbot, demo_session, tmp_path, recorder)
    qtbot.waitUntil(lambda: not dialog.preview.pixmap().isNull(), timeout=30_000)
    assert dialog.preview.pixmap().width() > 100
    dialog.wait_for_jobs()


def test_cancel_stops_a_big_export(
    qtbot: QtBot, demo_session: Session, tmp_path: Path, recorder: Recorder
) -> None:
    from trustboard.domain.workshop import Card

    rnd = demo_session.workshop.current_round
    cell = next(iter(demo_session.framework.cells()))
    for i in range(1500):
        rnd.cards[f"c-big{i}"] = Card(f"c-big{i}", f"card number {i}", cell)
    dialog = make(qtbot, demo_session, tmp_path, recorder)
    dialog.choose("report")
    dialog.export_button.click()
    qtbot.waitUntil(lambda: dialog.progress.maximum() > 0, timeout=30_000)
    dialog.cancel()
    qtbot.waitUntil(lambda: dialog._job is None, timeout=30_000)
    assert "Cancelled" in dialog.status.text() or dialog.result_ is not None
    dialog.wait_for_jobs()


def test_the_window_and_this_dialog_load_without_reportlab() -> None:
    import subprocess

    code = (
        "import sys, trustboard.ui.main_window, trustboard.ui.export_dialog;"
        "print(sorted({m.split('.')[0] for m in sys.modules} & {'reportlab', 'pypdfium2'}))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


class NoMailClient(Recorder):
    """A system where nothing answers a mailto: link."""

    def open_url(self, url: QUrl) -> bool:
        self.urls.append(url)
        return url.scheme() != "mailto"


def test_email_says_plainly_when_no_mail_client_answered_and_offers_the_folder(
    qtbot: QtBot,
    demo_session: Session,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    private_tmp: Path,
) -> None:
    monkeypatch.setattr(sys, "platform", "linux")
    recorder = NoMailClient()
    dialog = make(qtbot, demo_session, tmp_path, recorder, which=None)
    export(qtbot, dialog)
    assert dialog.show_file_button.isHidden()
    dialog.email_button.click()
    status = dialog.status.text()
    assert "No mail client answered" in status
    assert "Handed" not in status and "new message" not in status
    assert str(tmp_path / "out.pdf") in status  # where the PDF is: nothing was lost
    assert [u.scheme() for u in recorder.urls] == ["mailto"]  # no folder opened unasked
    assert not dialog.show_file_button.isHidden()
    dialog.show_file_button.click()
    assert Path(recorder.urls[-1].toLocalFile()) == tmp_path  # the saved file's folder
    dialog.wait_for_jobs()


def test_email_says_so_when_xdg_email_cannot_start(
    qtbot: QtBot,
    demo_session: Session,
    tmp_path: Path,
    recorder: Recorder,
    monkeypatch: pytest.MonkeyPatch,
    private_tmp: Path,
) -> None:
    monkeypatch.setattr(sys, "platform", "linux")

    def broken(args: list[str]) -> None:
        raise FileNotFoundError(2, "No such file or directory", args[0])

    dialog = make(qtbot, demo_session, tmp_path, recorder)
    dialog._run = broken
    export(qtbot, dialog)
    dialog.email_button.click()
    assert "No mail client answered" in dialog.status.text()
    assert not dialog.show_file_button.isHidden()
    dialog.wait_for_jobs()
