"""Fixtures for widget tests: an open session on a fresh or demo workshop file."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QComboBox,
    QDialogButtonBox,
    QHeaderView,
    QLineEdit,
    QMenuBar,
    QMessageBox,
    QPlainTextEdit,
    QTabBar,
    QToolBar,
    QToolButton,
    QWidget,
)
from pytestqt.qtbot import QtBot

from trustboard.domain.framework import Framework
from trustboard.domain.workshop import new_workshop
from trustboard.paths import UserPaths
from trustboard.services.demo import demo_workshop
from trustboard.services.settings import Settings
from trustboard.store import WorkshopFile
from trustboard.ui.main_window import MainWindow
from trustboard.ui.session import Session


@pytest.fixture
def session(qapp: object, tmp_path: Path, rtx: Framework) -> Iterator[Session]:
    wf = WorkshopFile.create(tmp_path / "board.trustboard", new_workshop(rtx, "Board test"))
    s = Session(wf)
    yield s
    s.close()


@pytest.fixture
def demo_session(qapp: object, tmp_path: Path, rtx: Framework) -> Iterator[Session]:
    wf = WorkshopFile.create(tmp_path / "demo.trustboard", demo_workshop(rtx))
    s = Session(wf)
    yield s
    s.close()


def _reopen(session: Session) -> WorkshopFile:
    session.file.flush()
    return WorkshopFile.open(session.file.path, read_only=True)


@pytest.fixture
def reopen() -> Callable[[Session], WorkshopFile]:
    """The file as it is on disk now (after flushing pending edits), opened read-only."""
    return _reopen


@pytest.fixture(autouse=True)
def _no_widgets_left_by_earlier_tests(qapp: object) -> None:
    """Delete the widgets earlier tests closed (pytest-qt only schedules it), so a test
    that walks every widget of the application meets its own and no one else's."""
    from PySide6.QtCore import QCoreApplication, QEvent

    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


@pytest.fixture(autouse=True, scope="session")
def _empty_clipboard_at_exit() -> Iterator[None]:
    """Qt's offscreen platform crashes at exit when the clipboard still holds our data
    (the xcb, Windows and macOS clipboards do not), so tests leave it empty."""
    yield
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance()
    if isinstance(app, QApplication):
        app.clipboard().clear()


def _unnamed_controls(root: QWidget) -> list[str]:
    """Interactive widgets a screen reader could not name, or that explain nothing on hover."""
    kinds = (
        QAbstractButton,
        QLineEdit,
        QPlainTextEdit,
        QComboBox,
        QAbstractSpinBox,
        QAbstractItemView,
    )
    missing = []
    for w in root.findChildren(QWidget):
        if not isinstance(w, kinds) or isinstance(w, QHeaderView):
            continue
        parent = w.parent()
        qt_parts = (QAbstractSpinBox, QComboBox, QLineEdit, QTabBar, QMenuBar)
        if isinstance(parent, qt_parts) or w.objectName().startswith("qt_"):
            continue  # Qt's own parts: a spin box's editor, clear and scroll buttons
        if isinstance(parent, QToolBar) and isinstance(w, QToolButton) and not w.defaultAction():
            continue  # the toolbar's own "more" button
        if w.window() is not root.window():
            continue  # popups (combo lists, completers) are named by their owner
        named = w.accessibleName() or (isinstance(w, QAbstractButton) and w.text())
        if not named or (not w.toolTip() and not isinstance(w.parent(), QDialogButtonBox)):
            missing.append(f"{type(w).__name__} {w.objectName()!r}")
    return missing


@pytest.fixture
def unnamed_controls() -> Callable[[QWidget], list[str]]:
    """Lists the interactive widgets under a root that lack an accessible name or tooltip."""
    return _unnamed_controls


@pytest.fixture
def start_window(qtbot: QtBot, data_dir: UserPaths) -> Iterator[MainWindow]:
    """The whole window on its start screen, shown; no workshop open."""
    w = MainWindow(data_dir, Settings.load(data_dir))
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    yield w
    w.close()


@pytest.fixture
def demo_window(qtbot: QtBot, data_dir: UserPaths) -> Iterator[MainWindow]:
    """The whole window, shown, on the demo workshop; unsaved edits are dropped at the end."""
    w = MainWindow(data_dir, Settings.load(data_dir))
    qtbot.addWidget(w)
    w.show()
    w.open_demo()
    yield w
    import shiboken6

    if shiboken6.isValid(w):  # a test that closed the window lets pytest-qt delete it
        w.files.ask_unsaved = lambda error: "discard"  # type: ignore[method-assign]
        w.close()


@pytest.fixture
def message_window(
    qtbot: QtBot, data_dir: UserPaths, monkeypatch: pytest.MonkeyPatch
) -> MainWindow:
    """A window, not yet shown, whose message boxes are kept in `messages`, not shown."""
    messages: list[str] = []
    for kind in ("warning", "information", "critical"):
        monkeypatch.setattr(QMessageBox, kind, lambda *a, **k: messages.append(a[2]))
    w = MainWindow(data_dir, Settings.load(data_dir))
    w.messages = messages  # type: ignore[attr-defined]
    qtbot.addWidget(w)
    return w
