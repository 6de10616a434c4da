"""German words are long: on a 1280×720 projector (1280×680 less a taskbar) the start page
and the shell's dialogs grow or wrap their texts, never clip them, in German and French,
and in the right-to-left pseudo-language, where the window is mirrored."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel, QWidget
from pytestqt.qtbot import QtBot

from trustboard.paths import UserPaths
from trustboard.services.settings import Settings
from trustboard.ui.main_window import MainWindow

Switch = Callable[[str], str]
SCREEN = QSize(1280, 680)


def _clipped(root: QWidget) -> list[str]:
    """Shown labels and buttons narrower than their text (a wrapping label may be narrow)."""
    QApplication.processEvents()
    out = []
    for w in root.findChildren(QWidget):
        if not w.isVisibleTo(root) or w.width() <= 0:
            continue
        if (isinstance(w, QLabel) and w.text() and not w.wordWrap() and w.pixmap().isNull()) or (
            isinstance(w, QAbstractButton) and w.text()
        ):
            need = w.sizeHint().width()
        else:
            continue
        if w.width() < need:
            out.append(f"{type(w).__name__} {w.text()!r}: {w.width()} < {need}")
    return out


def _fits(window: QWidget) -> list[str]:
    smallest = window.minimumSize().expandedTo(window.minimumSizeHint())
    if smallest.width() > SCREEN.width() or smallest.height() > SCREEN.height():
        return [f"cannot shrink below {smallest.width()}×{smallest.height()}"]
    return []


@pytest.mark.parametrize("code", ["de", "fr", "pseudo-rtl"])
def test_the_start_page_fits_720_without_clipping(
    code: str, qtbot: QtBot, data_dir: UserPaths, interface_language: Switch
) -> None:
    interface_language(code)
    w = MainWindow(data_dir, Settings.load(data_dir))
    qtbot.addWidget(w)
    w.resize(SCREEN)
    w.show()
    qtbot.waitExposed(w)
    w.start_page.ensure_templates()
    rtl = Qt.LayoutDirection.RightToLeft
    assert (w.start_page.layoutDirection() == rtl) == (code == "pseudo-rtl")
    assert _fits(w) == []
    assert _clipped(w.start_page) == []
    w.close()


@pytest.mark.parametrize("code", ["de", "fr", "pseudo-rtl"])
def test_the_shells_dialogs_fit_720_without_clipping(
    code: str, qtbot: QtBot, data_dir: UserPaths, interface_language: Switch
) -> None:
    from trustboard.ui.agenda import AgendaDialog
    from trustboard.ui.export_dialog import ExportDialog
    from trustboard.ui.rounds_dialog import RoundsDialog

    interface_language(code)
    w = MainWindow(data_dir, Settings.load(data_dir))
    qtbot.addWidget(w)
    w.show()
    w.open_demo()
    session = w.session
    assert session is not None
    export = ExportDialog(session, w.paths)
    export.status.setText("")
    dialogs: list[QWidget] = [export, RoundsDialog(session), AgendaDialog(w.agenda.steps)]
    for dialog in dialogs:
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.waitExposed(dialog)
        name = type(dialog).__name__
        assert _fits(dialog) == [], name
        assert _clipped(dialog) == [], name
        dialog.close()
    export.wait_for_jobs()
    w.files.ask_unsaved = lambda error: "discard"  # type: ignore[method-assign]
    w.close()
