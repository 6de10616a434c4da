"""The main window (a first version: opens a workshop and shows what it holds)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QMainWindow, QMessageBox

from trustboard import APP_NAME
from trustboard.paths import UserPaths
from trustboard.store import TrustBoardFileError, WorkshopFile
from trustboard.store.autosave import Autosaver


class MainWindow(QMainWindow):
    def __init__(self, paths: UserPaths) -> None:
        super().__init__()
        self.paths = paths
        self.file: WorkshopFile | None = None
        self.autosaver: Autosaver | None = None
        self._label = QLabel("Open a workshop file to begin.")
        self._label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setCentralWidget(self._label)
        self.setWindowTitle(APP_NAME)
        self.resize(1280, 800)

    def open_file(self, path: Path, *, read_only: bool = False) -> bool:
        try:
            wf = WorkshopFile.open(path, read_only=read_only)
        except TrustBoardFileError as exc:
            QMessageBox.warning(self, APP_NAME, f"This workshop could not be opened.\n\n{exc}")
            return False
        self.close_file()
        self.file = wf
        if not wf.read_only:
            self.autosaver = Autosaver(wf)
        ws = wf.workshop
        suffix = " [read-only]" if wf.read_only else ""
        self.setWindowTitle(f"{path.name}{suffix} — {APP_NAME}")
        self._label.setText(f"{ws.title}\n{ws.organisation}\n{ws.framework.name}")
        return True

    def close_file(self) -> None:
        if self.autosaver is not None:
            self.autosaver.stop()
            self.autosaver = None
        if self.file is not None:
            self.file.close()
            self.file = None

    def closeEvent(self, event):
        self.close_file()
        super().closeEvent(event)
