"""Start the Qt application: one place that builds the window and what it needs."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtWidgets import QApplication, QMessageBox

from trustboard import APP_ID, APP_NAME, __version__
from trustboard.paths import UserPaths


def make_app(argv: list[str] | None = None) -> QApplication:
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        app = QApplication(argv if argv is not None else [sys.argv[0]])
    app.setApplicationName(APP_NAME)
    app.setApplicationVersion(__version__)
    app.setOrganizationName(APP_NAME)
    app.setDesktopFileName(APP_ID)
    return app


def run_app(
    paths: UserPaths, *, file: Path | None = None, demo: bool = False, read_only: bool = False
) -> int:
    app = make_app()
    from trustboard.ui.main_window import MainWindow

    window = MainWindow(paths)
    if demo:
        from trustboard.services.demo import ensure_demo_file

        try:
            file = ensure_demo_file(paths)
        except Exception as exc:  # the window still opens; the message says what failed
            QMessageBox.critical(
                window, APP_NAME, f"The demo workshop could not be created:\n{exc}"
            )
    window.show()
    if file is not None:
        window.open_file(file, read_only=read_only)
    return app.exec()
