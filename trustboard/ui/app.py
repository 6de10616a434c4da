"""Start the Qt application: one place that builds the window and what it needs."""

from __future__ import annotations

import gc
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QFileOpenEvent, QGuiApplication, QIcon
from PySide6.QtWidgets import QApplication

from trustboard import APP_ID, APP_NAME, __version__
from trustboard.assets import resource
from trustboard.paths import UserPaths

if TYPE_CHECKING:
    from trustboard.ui.main_window import MainWindow


def make_app(argv: list[str] | None = None) -> QApplication:
    """The QApplication, configured once; reused when one exists (tests)."""
    QGuiApplication.setHighDpiScaleFactorRoundingPolicy(
        Qt.HighDpiScaleFactorRoundingPolicy.PassThrough
    )
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        app = QApplication(argv if argv is not None else [sys.argv[0]])
    app.setApplicationName(APP_NAME)
    app.setApplicationDisplayName(APP_NAME)
    app.setApplicationVersion(__version__)
    app.setOrganizationName(APP_NAME)
    app.setDesktopFileName(APP_ID)
    icon = QIcon()
    for size in (16, 32, 48, 64, 128, 256):  # PNGs: no SVG plugin to load at start-up
        png = resource(f"icons/trustboard-{size}.png")
        if png.exists():
            icon.addFile(str(png))
    if icon.isNull():
        icon = QIcon(str(resource("icons/trustboard.svg")))
    app.setWindowIcon(icon)
    from trustboard.ui import language

    language.apply(app)
    return app


def run_app(
    paths: UserPaths,
    *,
    file: Path | None = None,
    demo: bool = False,
    read_only: bool = False,
    room: tuple[str | None, int] | None = None,
) -> int:
    """The window, with FILE (or the demo) open; `room` = (address or None, port) opens
    the room too and prints its join URL on stdout, one line, for scripts and tests."""
    app = make_app()
    from trustboard.services.settings import Settings
    from trustboard.ui.main_window import MainWindow

    window = MainWindow(paths, Settings.load(paths))
    if sys.platform == "darwin":  # Finder sends files as events to the app, not arguments
        # Only there: a filter on the app sees every event of every widget, ~1,000 before
        # the first paint alone, each a call into Python.
        app.installEventFilter(_FileOpenFilter(window))
    window.show()
    # Start-up is over: what it built lives as long as the app, so collections from now
    # on skip it. Before a workshop opens, whose objects go when it closes.
    gc.freeze()
    gc.enable()
    if demo:
        window.open_demo()
    elif file is not None:
        window.open_file(file, read_only=read_only)
    if room is not None:
        from trustboard.ui.room.hooks import open_from_command_line

        open_from_command_line(window, *room)
    return app.exec()


class _FileOpenFilter(QObject):
    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.FileOpen and isinstance(event, QFileOpenEvent):
            self.window.open_file(Path(event.file()))
            return True
        return False
