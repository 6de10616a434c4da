"""Start the Qt application: one place that builds the window and what it needs."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QIcon
from PySide6.QtWidgets import QApplication

from trustboard import APP_ID, APP_NAME, __version__
from trustboard.assets import resource
from trustboard.paths import UserPaths


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
    return app


def run_app(
    paths: UserPaths, *, file: Path | None = None, demo: bool = False, read_only: bool = False
) -> int:
    app = make_app()
    from trustboard.services.settings import Settings
    from trustboard.ui.main_window import MainWindow

    window = MainWindow(paths, Settings.load(paths))
    window.show()
    if demo:
        window.open_demo()
    elif file is not None:
        window.open_file(file, read_only=read_only)
    return app.exec()
