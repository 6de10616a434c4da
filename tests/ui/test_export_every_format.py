"""File → Export… writes every format the command line writes, through the dialog."""

from __future__ import annotations

import csv
from pathlib import Path

import openpyxl
import pytest
from pptx import Presentation
from PySide6.QtGui import QImage
from pytestqt.qtbot import QtBot

from trustboard.paths import UserPaths
from trustboard.ui.board.picture import write_board_picture
from trustboard.ui.export_dialog import ExportDialog
from trustboard.ui.export_formats import FORMATS
from trustboard.ui.session import Session


def make(qtbot: QtBot, session: Session, tmp_path: Path, key: str) -> ExportDialog:
    def ask(parent: object, suggested: str) -> Path:
        return tmp_path / Path(suggested).name

    dialog = ExportDialog(session, UserPaths.under(tmp_path / "data"), ask_path=ask,
                          run=lambda args: None, open_url=lambda url: True,
                          which=lambda name: None)  # fmt: skip
    qtbot.addWidget(dialog)
    dialog.choose(key)
    assert dialog.fmt().key == key
    return dialog


def export(qtbot: QtBot, dialog: ExportDialog) -> Path:
    with qtbot.waitSignal(dialog.exported, timeout=120_000) as blocker:
        dialog.export_button.click()
    dialog.wait_for_jobs()
    path: Path = blocker.args[0].path
    assert path.exists() and "Saved" in dialog.status.text()
    return path


def csv_rows(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.reader(handle))


@pytest.mark.parametrize("key", [f.key for f in FORMATS])
def test_each_format_is_written_and_reads_back(
    qtbot: QtBot, demo_session: Session, tmp_path: Path, key: str
) -> None:
    dialog = make(qtbot, demo_session, tmp_path, key)
    fmt = dialog.fmt()
    assert dialog.suggested_name().endswith(fmt.suffix)
    path = export(qtbot, dialog)
    assert path.suffix == fmt.suffix
    if fmt.pdf:
        assert path.read_bytes().startswith(b"%PDF")
    elif key == "slides":
        assert len(Presentation(str(path)).slides) >= 5
    elif key == "workbook":
        book = openpyxl.load_workbook(path, read_only=True)
        assert book.sheetnames == ["Cards", "Ratings", "Answers", "Actions", "KPIs"]
        book.close()
    elif fmt.suffix == ".csv":
        assert len(csv_rows(path)) > 1
    elif key == "png":  # the whole board, cards and all, as a picture drawn directly shows it
        image = QImage(str(path))
        assert not image.isNull() and image.width() >= 2400
        direct = write_board_picture(demo_session.workshop, demo_session.round.id,
                                     tmp_path / "direct.png")  # fmt: skip
        assert image == QImage(str(direct.path))
    else:
        assert b"<svg" in path.read_bytes()[:2000]


def test_only_the_options_that_apply_are_enabled(
    qtbot: QtBot, demo_session: Session, tmp_path: Path
) -> None:
    dialog = make(qtbot, demo_session, tmp_path, "summary")
    expected = {  # paper/password, accent/organisation, layer
        "summary": (True, True, False),
        "report": (True, True, False),
        "slides": (False, True, False),
        "workbook": (False, False, False),
        "cards": (False, False, False),
        "actions": (False, False, False),
        "png": (False, False, True),
        "svg": (False, False, True),
    }
    for key, (pdf, branded, layer) in expected.items():
        dialog.choose(key)
        assert dialog.names.isEnabled(), key
        assert dialog.paper.isEnabled() is pdf, key
        assert dialog.password.isEnabled() is pdf, key
        assert dialog.colour.isEnabled() is branded, key
        assert dialog.organisation.isEnabled() is branded, key
        assert dialog.layer.isEnabled() is layer, key
        assert dialog.answers.isEnabled() is (key == "report"), key
    dialog.wait_for_jobs()


def test_a_password_typed_for_a_pdf_does_not_stop_other_formats(
    qtbot: QtBot, demo_session: Session, tmp_path: Path
) -> None:
    dialog = make(qtbot, demo_session, tmp_path, "summary")
    dialog.password.setText("correct horse battery")
    assert not dialog.export_button.isEnabled()  # not yet typed again
    dialog.choose("slides")
    assert dialog.export_button.isEnabled()
    assert dialog.options().password == ""
    assert Presentation(str(export(qtbot, dialog))).slides


@pytest.mark.parametrize("key", ["cards", "workbook"])
def test_no_names_leaves_out_the_columns_of_names(
    qtbot: QtBot, demo_session: Session, tmp_path: Path, key: str
) -> None:
    headers = {}
    for names in (True, False):
        folder = tmp_path / str(names)
        folder.mkdir()
        dialog = make(qtbot, demo_session, folder, key)
        dialog.names.setChecked(names)
        path = export(qtbot, dialog)
        if key == "cards":
            headers[names] = csv_rows(path)[0]
        else:
            book = openpyxl.load_workbook(path, read_only=True)
            headers[names] = [c.value for c in next(book["Cards"].iter_rows(max_row=1))]
            book.close()
    assert set(headers[False]) < set(headers[True])


def preview_of(qtbot: QtBot, dialog: ExportDialog) -> None:
    dialog.wait_for_jobs()
    dialog._start_preview()
    qtbot.waitUntil(lambda: dialog._preview_job is None, timeout=120_000)


def test_each_format_has_its_preview(qtbot: QtBot, demo_session: Session, tmp_path: Path) -> None:
    dialog = make(qtbot, demo_session, tmp_path, "slides")
    preview_of(qtbot, dialog)
    assert dialog.preview.text().startswith("The slides:\n\n1. ")
    dialog.choose("workbook")
    preview_of(qtbot, dialog)
    assert "Cards: " in dialog.preview.text() and "KPIs: " in dialog.preview.text()
    dialog.choose("actions")
    preview_of(qtbot, dialog)
    assert dialog.preview.text().startswith(("The headings and first", "No rows yet"))
    dialog.choose("png")
    preview_of(qtbot, dialog)
    pixmap = dialog.preview.pixmap()
    assert not pixmap.isNull() and pixmap.width() <= 300 * dialog.devicePixelRatioF() + 1


def test_email_attaches_the_exported_format(
    qtbot: QtBot, demo_session: Session, tmp_path: Path
) -> None:
    commands: list[list[str]] = []
    dialog = make(qtbot, demo_session, tmp_path, "slides")
    dialog._run, dialog._which = commands.append, lambda name: "/usr/bin/xdg-email"
    export(qtbot, dialog)
    dialog.email_button.click()
    attached = Path(commands[-1][commands[-1].index("--attach") + 1])
    assert attached.name == "TrustBoard slides.pptx"
    assert "PDF" not in " ".join(commands[-1])


def test_a_failed_write_is_said_in_words(
    qtbot: QtBot, demo_session: Session, tmp_path: Path
) -> None:
    dialog = make(qtbot, demo_session, tmp_path / "missing", "workbook")
    dialog.export_button.click()
    qtbot.waitUntil(lambda: dialog._job is None, timeout=60_000)
    text = dialog.status.text()
    assert text.startswith("The file was not written: ") and "missing" in text
    assert "Traceback" not in text and dialog.result_ is None
    dialog.wait_for_jobs()


def test_every_format_fits_a_1280x720_screen(
    qtbot: QtBot, demo_session: Session, tmp_path: Path
) -> None:
    from tests.ui.test_fits_720 import _too_big

    dialog = make(qtbot, demo_session, tmp_path, "summary")
    dialog.show()
    for fmt in FORMATS:
        dialog.choose(fmt.key)
        preview_of(qtbot, dialog)
        assert _too_big(dialog) == [], fmt.key


def test_the_layer_chosen_is_the_layer_drawn(
    qtbot: QtBot, demo_session: Session, tmp_path: Path
) -> None:
    dialog = make(qtbot, demo_session, tmp_path, "svg")
    dialog.layer.setCurrentIndex(dialog.layer.findData("to-be"))
    svg = export(qtbot, dialog).read_text(encoding="utf-8")
    assert "Layer: to-be" in svg and "Layer: as-is" not in svg


def test_a_csv_takes_the_list_separator_of_a_comma_decimal_language(
    qtbot: QtBot, demo_session: Session, tmp_path: Path, interface_language: object
) -> None:
    english = make(qtbot, demo_session, tmp_path, "cards")
    assert english.list_separator.isHidden()  # "," is the English list separator anyway
    assert english.options().csv_separator == ","
    interface_language("de")  # type: ignore[operator]
    dialog = make(qtbot, demo_session, tmp_path, "cards")
    assert not dialog.list_separator.isHidden()
    assert "„;“" in dialog.list_separator.text()
    dialog.choose("slides")
    assert not dialog.list_separator.isEnabled()
    dialog.choose("actions")
    assert dialog.list_separator.isEnabled()
    dialog.list_separator.setChecked(True)
    with qtbot.waitSignal(dialog.exported, timeout=120_000) as blocker:
        dialog.export_button.click()
    path = blocker.args[0].path
    assert "gespeichert" in dialog.status.text()
    header = path.read_text(encoding="utf-8-sig").splitlines()[0]
    assert header.count(";") >= 3 and "," not in header
