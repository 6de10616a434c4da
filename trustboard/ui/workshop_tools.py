"""The windows and dialogs the menus open on the workshop: charts, rounds, the import assistant,
PDF export, details, framework, timebox. Each loads its module when first asked for."""

from __future__ import annotations

import importlib
import sys
import threading
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from PySide6 import QtWidgets
from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QWidget

from trustboard.i18n import _
from trustboard.paths import UserPaths
from trustboard.services.settings import Settings
from trustboard.ui.screen_fit import open_size
from trustboard.ui.timer import Timebox

if TYPE_CHECKING:
    from trustboard.ui.session import Session

CHART_MODULES = ("pyqtgraph", *(f"trustboard.ui.charts.{m}" for m in ("matrix", "bars", "time")))


class ToolsHost(Protocol):
    paths: UserPaths
    settings: Settings
    session: Session | None
    timebox: Timebox

    def window(self) -> QWidget: ...


class _CloseOnEscape(QObject):
    """Esc closes a tool window, as it closes a dialog."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if (
            event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() == Qt.Key.Key_Escape
            and isinstance(watched, QWidget)
        ):
            watched.close()
            return True
        return False


def _import_all(names: tuple[str, ...]) -> None:
    for name in names:
        importlib.import_module(name)


class WorkshopTools:
    def __init__(self, host: ToolsHost) -> None:
        self.host = host
        self.charts_window: QWidget | None = None
        self.preload_thread: threading.Thread | None = None

    @property
    def _parent(self) -> QWidget:
        return self.host.window()

    def preload_charts(self) -> None:
        """Import the chart modules (pyqtgraph: ~0.4 s) on a worker thread while the room
        talks, so the first View > Charts paints at once. Imports hold Python's import
        lock, so a click on Charts meanwhile simply waits for this to finish."""
        if self.preload_thread is None and not all(m in sys.modules for m in CHART_MODULES):
            self.preload_thread = threading.Thread(
                target=_import_all, args=(CHART_MODULES,), name="trustboard-preload", daemon=True
            )
            self.preload_thread.start()

    def show_charts(self) -> None:
        """The charts in a window of their own; pyqtgraph loads the first time."""
        session = self.host.session
        if session is None:
            return
        if self.charts_window is None:
            from trustboard.ui.charts import ChartsWindow

            self.charts_window = ChartsWindow(session, self._parent)
            self.charts_window.setWindowFlag(Qt.WindowType.Window)
            self.charts_window.setWindowTitle(
                _("Charts — {title}").format(title=session.workshop.title)
            )
            open_size(self.charts_window, 1280, 800)
            self.charts_window.installEventFilter(_CloseOnEscape(self.charts_window))
        self.charts_window.show()
        self.charts_window.raise_()

    def close_windows(self) -> None:
        if self.charts_window is not None:
            self.charts_window.close()
            self.charts_window.deleteLater()
        self.charts_window = None

    def show_rounds(self, *, new: bool = False) -> None:
        if self.host.session is None:
            return
        from trustboard.ui.rounds_dialog import RoundsDialog

        dialog = RoundsDialog(self.host.session, self._parent)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.show()
        if new:
            dialog.label_edit.setFocus()

    def import_ratings(self) -> None:
        """File → Import…: choose a survey, spreadsheet or board export, then the assistant."""
        if self.host.session is None:
            return
        from trustboard.ui.imports.drop import import_filter

        name, _unused = QtWidgets.QFileDialog.getOpenFileName(
            self._parent, _("Import"), "", import_filter()
        )
        if name:
            self.import_file(Path(name))

    def import_file(self, path: Path) -> None:
        """The import assistant on `path` (also for a CSV/XLSX dropped on the window)."""
        if self.host.session is None:
            return
        from trustboard.ui.imports.assistant import ImportAssistant

        dialog = ImportAssistant(self.host.session, path, self._parent)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()

    def export_pdf(self, email: bool = False) -> None:
        """The export dialog; reportlab loads with the first export, not at start-up."""
        if self.host.session is None:
            return
        from trustboard.ui.export_dialog import ExportDialog

        dialog = ExportDialog(self.host.session, self.host.paths, self._parent)
        if email:
            dialog.exported.connect(lambda _result: dialog.email())
        dialog.exec()

    def edit_details(self) -> None:
        if self.host.session is None:
            return
        from trustboard.ui.dialogs.details_dialog import DetailsDialog

        DetailsDialog(self.host.session, self._parent).exec()

    def edit_framework(self) -> None:
        if self.host.session is None:
            return
        from trustboard.ui.dialogs.framework_editor import FrameworkEditorDialog

        FrameworkEditorDialog(self.host.session, self.host.paths, self._parent).exec()

    def ask_timebox(self) -> None:
        minutes, ok = QtWidgets.QInputDialog.getInt(
            self._parent,
            _("Timebox"),
            _("Minutes for each cell or step:"),
            self.host.settings.timer_minutes,
            1,
            180,
        )
        if ok:
            self.set_timebox(minutes)

    def set_timebox(self, minutes: int) -> None:
        self.host.timebox.set_minutes(minutes)
        self.host.settings.timer_minutes = minutes
        self.host.settings.save()
