"""The main window: start screen or board, the cell panel, menus built from the action registry."""

from __future__ import annotations

import importlib
import os
import sys
import threading
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

# Dialogs are reached as QtWidgets.X: PySide6 builds a class (and its enums) on first use,
# and the first window shows none of them.
from PySide6 import QtWidgets
from PySide6.QtCore import QByteArray, QEvent, QObject, Qt, QTimer
from PySide6.QtGui import (
    QAction,
    QActionGroup,
    QCloseEvent,
    QDragEnterEvent,
    QDropEvent,
    QGuiApplication,
    QKeyEvent,
    QPalette,
)
from PySide6.QtWidgets import (
    QDockWidget,
    QLabel,
    QMainWindow,
    QStackedWidget,
    QToolBar,
    QWidget,
)

from trustboard import APP_NAME
from trustboard import FILE_SUFFIX as SUFFIX
from trustboard.display import display_name, display_path
from trustboard.domain.errors import DomainError
from trustboard.paths import UserPaths
from trustboard.services.settings import Settings
from trustboard.store.errors import TrustBoardFileError
from trustboard.ui.actions import ActionId, build_actions
from trustboard.ui.card_commands import CardCommands
from trustboard.ui.modes import LayerMode
from trustboard.ui.text import literal_text, mnemonic_safe
from trustboard.ui.theme import HIGH_CONTRAST, high_contrast_palette, system_theme
from trustboard.ui.timer import Timebox, TimerBadge

# The board, the file and presenter mode load when a workshop opens, not at start-up:
# the first window (the start screen) needs none of them.

if TYPE_CHECKING:
    from trustboard.store import WorkshopFile
    from trustboard.store.lock import LockHolder
    from trustboard.ui.board.scene import BoardScene
    from trustboard.ui.board.view import BoardView
    from trustboard.ui.docks.voting import VotingPanel
    from trustboard.ui.presenter import Presenter
    from trustboard.ui.session import Session
    from trustboard.ui.start_page import StartPage

PRELOAD_DELAY_MS = 3000  # after a workshop opens; long after the first paint
CHART_MODULES = ("pyqtgraph", *(f"trustboard.ui.charts.{m}" for m in ("matrix", "bars", "time")))


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


def _describe(action: QAction, verb: str, what: str) -> None:
    tip = f"{verb} {what}" if what else f"Nothing to {verb.lower()}"
    action.setToolTip(literal_text(tip))  # `what` may name a KPI or a round
    action.setStatusTip(tip)


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.resolve() == b.resolve()
    except OSError:
        return False


def _import_all(names: tuple[str, ...]) -> None:
    for name in names:
        importlib.import_module(name)


FILE_FILTER = f"TrustBoard workshops (*{SUFFIX});;All files (*)"
_ALWAYS = frozenset(
    {
        ActionId.TIMER_PER_CELL,
        ActionId.PRESENT_ANONYMOUS,
        ActionId.NEW,
        ActionId.OPEN,
        ActionId.QUIT,
        ActionId.HIGH_CONTRAST,
        ActionId.SIDE_PANEL,
        ActionId.VOTING,
        ActionId.ACTIONS,
        ActionId.KPIS,
    }
)
_NEEDS_EDIT = frozenset(
    {
        ActionId.CUT,
        ActionId.PASTE,
        ActionId.DUPLICATE,
        ActionId.DELETE,
        ActionId.ADD_CARD,
        ActionId.EDIT_CARD,
        ActionId.PROMOTE,
        ActionId.VOTE_UP,
        ActionId.VOTE_DOWN,
        ActionId.EDIT_FRAMEWORK,
        ActionId.DETAILS,
    }
)
_NEEDS_SELECTION = frozenset(
    {
        ActionId.CUT,
        ActionId.COPY,
        ActionId.DUPLICATE,
        ActionId.DELETE,
        ActionId.EDIT_CARD,
        ActionId.PROMOTE,
        ActionId.VOTE_UP,
        ActionId.VOTE_DOWN,
    }
)
# These work while an earlier round is browsed: they switch back to the current one first.
_NEEDS_WRITABLE_FILE = frozenset({ActionId.NEW_ROUND, ActionId.IMPORT_RATINGS})
BOARD_ONLY = (
    ActionId.ADD_CARD,
    ActionId.EDIT_CARD,
    ActionId.VOTE_UP,
    ActionId.VOTE_DOWN,
    ActionId.DELETE,
)


class MainWindow(QMainWindow):
    def __init__(self, paths: UserPaths, settings: Settings | None = None) -> None:
        super().__init__()
        self.paths = paths
        self.settings = settings or Settings.load(paths)
        self.session: Session | None = None
        self.scene: BoardScene | None = None
        self.view: BoardView | None = None
        self.cell_panel: QWidget | None = None
        self.voting_panel: VotingPanel | None = None
        self.charts_window: QWidget | None = None
        self.file_notice: QtWidgets.QMessageBox | None = None  # a conflict, a vanished folder
        self._told_conflict: Path | None = None
        self._told_folder_gone = False
        self.preload_thread: threading.Thread | None = None
        self.timebox = Timebox(self.settings.timer_minutes, self)
        self.setObjectName("mainWindow")
        self.setWindowTitle(APP_NAME)
        self.setAcceptDrops(True)
        self._init_actions()
        self._init_central()
        self._init_docks()
        self._init_menus()
        self._init_toolbar()
        self._init_status()
        self._presenter: Presenter | None = None
        self._restore_geometry()
        self._update_enabled()
        # Light or dark follows the desktop, also when it changes while we run.
        QGuiApplication.styleHints().colorSchemeChanged.connect(self._follow_system_theme)

    @property
    def presenter(self) -> Presenter:
        if self._presenter is None:
            from trustboard.ui.presenter import Presenter

            self._presenter = Presenter(self)
        return self._presenter

    # -- construction ----------------------------------------------------------------

    def _init_actions(self) -> None:
        self.actions_ = build_actions(self)
        self.cards = c = CardCommands(self)
        a = self.actions_
        connect = {
            ActionId.NEW: self.show_start,
            ActionId.OPEN: self.open_dialog,
            ActionId.SAVE_AS: lambda: self.save_as(copy=False),
            ActionId.SAVE_COPY: lambda: self.save_as(copy=True),
            ActionId.EXPORT_PDF: self.export_pdf,
            ActionId.EMAIL_PDF: lambda: self.export_pdf(email=True),
            ActionId.CLOSE: self.close_workshop,
            ActionId.QUIT: self.close,
            ActionId.CUT: c.cut,
            ActionId.COPY: c.copy,
            ActionId.PASTE: c.paste,
            ActionId.DUPLICATE: c.duplicate,
            ActionId.DELETE: c.delete,
            ActionId.SELECT_ALL: c.select_all,
            ActionId.ADD_CARD: c.add,
            ActionId.EDIT_CARD: c.edit,
            ActionId.PROMOTE: c.promote,
            ActionId.VOTE_UP: lambda: c.vote(+1),
            ActionId.VOTE_DOWN: lambda: c.vote(-1),
            ActionId.ZOOM_IN: lambda: self.view and self.view.zoom_in(),
            ActionId.ZOOM_OUT: lambda: self.view and self.view.zoom_out(),
            ActionId.FIT_ALL: lambda: self.view and self.view.fit_all(),
            ActionId.FIT_CELL: lambda: self.view and self.view.fit_cell(),
            ActionId.NEXT_CELL: lambda: self.session and self.session.step_cell(+1),
            ActionId.PREVIOUS_CELL: lambda: self.session and self.session.step_cell(-1),
            ActionId.TIMER_TOGGLE: self.timebox.toggle,
            ActionId.TIMER_RESET: self.timebox.reset,
            ActionId.TIMER_SET: self.ask_timebox,
            ActionId.EDIT_FRAMEWORK: self.edit_framework,
            ActionId.DETAILS: self.edit_details,
            ActionId.CHARTS: self.show_charts,
            ActionId.ROUNDS: self.show_rounds,
            ActionId.NEW_ROUND: lambda: self.show_rounds(new=True),
            ActionId.CURRENT_ROUND: lambda: self.session and self.session.set_viewed_round(None),
            ActionId.IMPORT_RATINGS: self.import_ratings,
        }
        for action_id, slot in connect.items():
            a[action_id].triggered.connect(slot)
        layers = QActionGroup(self)
        for action_id, mode in (
            (ActionId.LAYER_AS_IS, LayerMode.AS_IS),
            (ActionId.LAYER_TO_BE, LayerMode.TO_BE),
            (ActionId.LAYER_BOTH, LayerMode.BOTH),
        ):
            layers.addAction(a[action_id])
            a[action_id].triggered.connect(
                lambda _=False, m=mode: self.session and self.session.set_layer_mode(m)
            )
        a[ActionId.LAYER_AS_IS].setChecked(True)
        persp = QActionGroup(self)
        for action_id, p in (
            (ActionId.PERSPECTIVE_SELF, "self"),
            (ActionId.PERSPECTIVE_CUSTOMER, "customer"),
        ):
            persp.addAction(a[action_id])
            a[action_id].triggered.connect(lambda _=False, p=p: self._set_perspective(p))
        a[ActionId.PERSPECTIVE_SELF].setChecked(True)
        a[ActionId.PRESENTER].toggled.connect(lambda on: self.presenter.set_active(on))
        a[ActionId.HIGH_CONTRAST].toggled.connect(self._apply_theme)
        a[ActionId.HIGH_CONTRAST].setChecked(self.settings.theme == "high-contrast")
        a[ActionId.HIGH_CONTRAST].toggled.connect(self._remember_theme)  # not the line above
        a[ActionId.PRESENT_ANONYMOUS].setChecked(self.settings.anonymous_presenter)
        a[ActionId.PRESENT_ANONYMOUS].toggled.connect(self._set_present_anonymous)

    def _init_central(self) -> None:
        self.stack = QStackedWidget(self)
        self.setCentralWidget(self.stack)
        self.timer_badge = TimerBadge(self.timebox)
        # The start screen is built right after the window's first paint, so the window
        # shows at once; anything that needs it earlier builds it on the spot.
        self._start_page: StartPage | None = None
        QTimer.singleShot(0, self._show_start_page_if_idle)

    @property
    def start_page(self) -> StartPage:
        if self._start_page is None:
            from trustboard.ui.start_page import StartPage

            page = StartPage(self.paths, self.settings, self)
            page.new_requested.connect(self._create_from_template)
            page.open_requested.connect(self.open_file)
            page.open_file_dialog_requested.connect(self.open_dialog)
            page.demo_requested.connect(self.open_demo)
            self.stack.insertWidget(0, page)
            self._start_page = page
        return self._start_page

    def _show_start_page_if_idle(self) -> None:
        page = self.start_page
        if self.session is None:
            self.stack.setCurrentWidget(page)

    def _init_docks(self) -> None:
        """Docks stay for the window's life; their contents are made per open workshop."""
        self.docks: dict[ActionId, QDockWidget] = {}
        for action_id, title, name, area in (
            (ActionId.SIDE_PANEL, "Cell", "cellDock", Qt.DockWidgetArea.RightDockWidgetArea),
            (ActionId.VOTING, "Dot voting", "votingDock", Qt.DockWidgetArea.RightDockWidgetArea),
            (ActionId.KPIS, "KPIs", "kpiDock", Qt.DockWidgetArea.RightDockWidgetArea),
            (
                ActionId.ACTIONS,
                "Action plan",
                "actionsDock",
                Qt.DockWidgetArea.BottomDockWidgetArea,
            ),
        ):
            dock = QDockWidget(title, self)
            dock.setObjectName(name)
            self.addDockWidget(area, dock)
            dock.hide()
            action = self.actions_[action_id]
            action.toggled.connect(lambda on, d=dock: d.setVisible(on and self.session is not None))
            dock.visibilityChanged.connect(
                lambda visible, a=action: self.session is not None and a.setChecked(visible)
            )
            self.docks[action_id] = dock
        self.panel_dock = self.docks[ActionId.SIDE_PANEL]
        self.tabifyDockWidget(self.panel_dock, self.docks[ActionId.VOTING])
        self.tabifyDockWidget(self.panel_dock, self.docks[ActionId.KPIS])
        self.actions_[ActionId.SIDE_PANEL].setChecked(True)

    def _init_menus(self) -> None:
        a = self.actions_
        bar = self.menuBar()
        menus: list[tuple[str, list[Any]]] = [
            (
                "&File",
                [
                    ActionId.NEW,
                    ActionId.OPEN,
                    "recent",
                    None,
                    ActionId.SAVE_AS,
                    ActionId.SAVE_COPY,
                    None,
                    ActionId.IMPORT_RATINGS,
                    ActionId.EXPORT_PDF,
                    ActionId.EMAIL_PDF,
                    None,
                    ActionId.CLOSE,
                    ActionId.QUIT,
                ],
            ),
            (
                "&Edit",
                [
                    ActionId.UNDO,
                    ActionId.REDO,
                    "history",
                    None,
                    ActionId.CUT,
                    ActionId.COPY,
                    ActionId.PASTE,
                    ActionId.DUPLICATE,
                    ActionId.DELETE,
                    ActionId.SELECT_ALL,
                ],
            ),
            (
                "&Card",
                [
                    ActionId.ADD_CARD,
                    ActionId.EDIT_CARD,
                    ActionId.PROMOTE,
                    "kinds",
                    None,
                    ActionId.VOTE_UP,
                    ActionId.VOTE_DOWN,
                    None,
                    ActionId.DUPLICATE,
                    ActionId.DELETE,
                ],
            ),
            (
                "&View",
                [
                    ActionId.LAYER_AS_IS,
                    ActionId.LAYER_TO_BE,
                    ActionId.LAYER_BOTH,
                    None,
                    ActionId.PERSPECTIVE_SELF,
                    ActionId.PERSPECTIVE_CUSTOMER,
                    None,
                    ActionId.ZOOM_IN,
                    ActionId.ZOOM_OUT,
                    ActionId.FIT_ALL,
                    ActionId.FIT_CELL,
                    None,
                    ActionId.SIDE_PANEL,
                    ActionId.VOTING,
                    ActionId.ACTIONS,
                    ActionId.KPIS,
                    ActionId.CHARTS,
                    None,
                    ActionId.HIGH_CONTRAST,
                    ActionId.PRESENT_ANONYMOUS,
                    ActionId.PRESENTER,
                ],
            ),
            (
                "&Workshop",
                [
                    ActionId.PREVIOUS_CELL,
                    ActionId.NEXT_CELL,
                    None,
                    ActionId.TIMER_TOGGLE,
                    ActionId.TIMER_RESET,
                    ActionId.TIMER_SET,
                    ActionId.TIMER_PER_CELL,
                    None,
                    ActionId.NEW_ROUND,
                    ActionId.ROUNDS,
                    ActionId.CURRENT_ROUND,
                    None,
                    ActionId.DETAILS,
                    ActionId.EDIT_FRAMEWORK,
                ],
            ),
        ]
        for title, entries in menus:
            menu = bar.addMenu(title)
            menu.setObjectName(f"menu{title.strip('&')}")
            for entry in entries:
                if entry is None:
                    menu.addSeparator()
                elif entry == "recent":
                    self.recent_menu = menu.addMenu("Open &Recent")
                    self.recent_menu.aboutToShow.connect(self._fill_recent)
                elif entry == "kinds":
                    self.kind_menu = menu.addMenu("Card &kind")
                    self.kind_menu.setObjectName("menuCardKind")
                    self.kind_menu.aboutToShow.connect(self._fill_kinds)
                    self.card_menu = menu
                elif entry == "history":
                    self.history_menu = menu.addMenu("&History")
                    self.history_menu.aboutToShow.connect(self._fill_history)
                else:
                    menu.addAction(a[entry])
        self.addActions(list(a.values()))

    def _init_toolbar(self) -> None:
        a = self.actions_
        tb = QToolBar("Board", self)
        tb.setObjectName("boardToolbar")
        tb.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        for entry in (
            ActionId.ADD_CARD,
            ActionId.UNDO,
            ActionId.REDO,
            None,
            ActionId.LAYER_AS_IS,
            ActionId.LAYER_TO_BE,
            ActionId.LAYER_BOTH,
            None,
            ActionId.PERSPECTIVE_SELF,
            ActionId.PERSPECTIVE_CUSTOMER,
            None,
            ActionId.PREVIOUS_CELL,
            ActionId.NEXT_CELL,
            None,
            ActionId.FIT_ALL,
            ActionId.PRESENTER,
        ):
            if entry is None:
                tb.addSeparator()
            else:
                tb.addAction(a[entry])
        tb.addSeparator()
        tb.addWidget(self.timer_badge)
        self.addToolBar(tb)
        tb.hide()  # board tools and the timebox: shown with a workshop, not on the start screen
        self.toolbar = tb

    def _init_status(self) -> None:
        self.save_label = QLabel("")
        self.save_label.setAccessibleName("Save status")
        self.statusBar().addPermanentWidget(self.save_label)

    # -- files -----------------------------------------------------------------------

    def open_dialog(self) -> None:
        start = (
            str(Path(self.settings.recent_files[0]).parent) if self.settings.recent_files else ""
        )
        name, _ = QtWidgets.QFileDialog.getOpenFileName(self, "Open workshop", start, FILE_FILTER)
        if name:
            self.open_file(Path(name))

    def open_demo(self) -> None:
        from trustboard.services.demo import ensure_demo_file

        try:
            self.open_file(ensure_demo_file(self.paths))
        except (OSError, TrustBoardFileError, KeyError) as exc:
            QtWidgets.QMessageBox.critical(
                self, APP_NAME, f"The demo workshop could not be created:\n{exc}"
            )

    def open_file(self, path: Path, *, read_only: bool = False) -> bool:
        path = Path(path)
        if self.session is not None and _same_file(path, self.session.file.path):
            self.raise_()  # already open here; reopening would meet our own lock
            return True
        try:
            from trustboard.store import WorkshopFile

            wf = WorkshopFile.open(path, read_only=read_only)
            told = False
            if wf.lock_holder is not None:  # open in another TrustBoard: ask what to do
                choice = self.ask_lock_holder(path, wf.lock_holder)
                if choice == "cancel":
                    wf.close()
                    return False
                told = choice == "read-only"
                if choice == "take-over":
                    wf.close()
                    wf = WorkshopFile.open(path, take_over=True)
        except TrustBoardFileError as exc:
            QtWidgets.QMessageBox.warning(
                self, APP_NAME, f"This workshop could not be opened.\n\n{exc.problem}\n\n{path}"
            )
            return False
        self._show_workshop(wf)
        if wf.read_only and not told:
            QtWidgets.QMessageBox.information(
                self, APP_NAME, literal_text(f"{path.name} opened read-only: {wf.read_only_reason}")
            )
        return True

    def ask_lock_holder(self, path: Path, holder: LockHolder) -> str:
        """read-only, take-over or cancel, for a workshop open in another TrustBoard; a
        method so tests can answer. Taking over is offered for a lock written on another
        computer, which may have crashed or lost the network long ago."""
        box = QtWidgets.QMessageBox(self)
        box.setIcon(QtWidgets.QMessageBox.Icon.Warning)
        box.setWindowTitle(APP_NAME)
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setText(f"{path.name} is open in another TrustBoard.")
        details = (
            f"User: {holder.user or 'unknown'}\nComputer: {holder.host}\nSince: {holder.since}\n\n"
        )
        if holder.elsewhere:
            details += (
                "If that computer is no longer using it (it was shut down or lost the "
                "connection), you can take it over. Edits on that computer that are not yet "
                "saved may then be lost, and saves it still makes would overwrite yours."
            )
        else:
            details += (
                f"It is open on this computer (process {holder.pid}). Close it there to edit "
                "it here, or open it read-only."
            )
        box.setInformativeText(details)
        read_only = box.addButton("Open read-only", QtWidgets.QMessageBox.ButtonRole.AcceptRole)
        answers = {read_only: "read-only"}
        if holder.elsewhere:
            take = box.addButton("Take over", QtWidgets.QMessageBox.ButtonRole.DestructiveRole)
            answers[take] = "take-over"
        cancel = box.addButton("Cancel", QtWidgets.QMessageBox.ButtonRole.RejectRole)
        answers[cancel] = "cancel"
        box.setDefaultButton(read_only)
        box.setEscapeButton(cancel)
        box.exec()
        return answers.get(box.clickedButton(), "cancel")

    def _create_from_template(self, request: tuple[Any, dict[str, Any]]) -> None:
        template, details = request
        from trustboard.export.filenames import safe_file_name

        title = details.get("title") or template.framework.name
        default = Path.home() / safe_file_name(title, SUFFIX)  # a "/" in it is no folder
        name, _ = QtWidgets.QFileDialog.getSaveFileName(
            self, "Save the new workshop as", str(default), FILE_FILTER
        )
        if name:
            self.create_workshop(Path(name), template.framework, details)

    def create_workshop(self, path: Path, framework: Any, details: dict[str, Any]) -> bool:
        if path.suffix != SUFFIX:
            path = path.with_name(path.name + SUFFIX)
        try:
            import datetime

            from trustboard.domain.workshop import new_workshop

            ws = new_workshop(
                framework,
                details.get("title") or framework.name,
                organisation=details.get("organisation", ""),
                facilitator=details.get("facilitator", ""),
                participants=tuple(details.get("participants", ())),
                date=details.get("date") or datetime.date.today(),
            )
            from trustboard.store import WorkshopFile

            wf = WorkshopFile.create(path, ws, overwrite=path.exists())
        except (TrustBoardFileError, OSError, ValueError, DomainError) as exc:
            # DomainError: details over a workshop limit (e.g. 501 participants); no file made.
            QtWidgets.QMessageBox.warning(
                self, APP_NAME, f"The workshop could not be created.\n\n{exc}"
            )
            return False
        self._show_workshop(wf)
        return True

    def _show_workshop(self, wf: WorkshopFile) -> None:
        if not self.close_workshop():
            wf.close()  # the user kept the unsaved workshop open; leave the new one
            return
        from trustboard.ui.board.scene import BoardScene
        from trustboard.ui.board.view import BoardView
        from trustboard.ui.session import Session

        session = Session(wf, self)
        self.session = session
        theme = (
            HIGH_CONTRAST if self.actions_[ActionId.HIGH_CONTRAST].isChecked() else system_theme()
        )
        self.scene = BoardScene(session, theme)
        self.view = BoardView(self.scene, self)
        for action_id in BOARD_ONLY:
            action = self.actions_[action_id]
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            self.view.addAction(action)
        self.view.context_menu_requested.connect(self.cards.context_menu)
        self._build_kind_actions(session)
        self.stack.addWidget(self.view)
        self.stack.setCurrentWidget(self.view)
        self.toolbar.show()
        self._fill_docks(session)
        self._wire_undo(session)
        session.current_cell_changed.connect(self._timebox_per_cell)
        if os.environ.get("TRUSTBOARD_PRELOAD_CHARTS", "1") != "0":
            QTimer.singleShot(PRELOAD_DELAY_MS, self, self.preload_charts)
        session.viewed_round_changed.connect(self._update_title)
        session.viewed_round_changed.connect(self._update_enabled)
        self._told_conflict, self._told_folder_gone = None, False
        session.saved.connect(self._saved)
        session.save_failed.connect(self._save_failed)
        session.changed.connect(lambda _c: self.save_label.setText("Saving…"))
        self.scene.selectionChanged.connect(self._update_enabled)
        self.settings.add_recent(wf.path)
        self.settings.save()
        self._update_title()
        self._update_enabled()
        self.view.setFocus()
        session.step_cell(+1)
        self.view.fit_all()

    def _fill_docks(self, session: Session) -> None:
        from trustboard.ui.docks.actions_table import ActionsTable
        from trustboard.ui.docks.voting import VotingPanel
        from trustboard.ui.docks.kpi_panel import KpiPanel
        from trustboard.ui.docks.cell_panel import CellPanel

        self.cell_panel = CellPanel(session)
        self.voting_panel = VotingPanel(session)
        contents = {
            ActionId.SIDE_PANEL: self.cell_panel,
            ActionId.VOTING: self.voting_panel,
            ActionId.ACTIONS: ActionsTable(session),
            ActionId.KPIS: KpiPanel(session),
        }
        for action_id, widget in contents.items():
            self.docks[action_id].setWidget(widget)
            self.docks[action_id].setVisible(self.actions_[action_id].isChecked())

    def _wire_undo(self, session: Session) -> None:
        stack = session.undo_stack
        undo, redo = self.actions_[ActionId.UNDO], self.actions_[ActionId.REDO]
        undo.triggered.connect(lambda: self._undo_redo(session.undo))
        redo.triggered.connect(lambda: self._undo_redo(session.redo))
        stack.canUndoChanged.connect(lambda _can: self._update_enabled())
        stack.canRedoChanged.connect(lambda _can: self._update_enabled())
        # The label stays "Undo" so the toolbar does not shift; what it undoes is in the
        # tooltip, the status bar and Edit > History.
        stack.undoTextChanged.connect(lambda t: _describe(undo, "Undo", t))
        stack.redoTextChanged.connect(lambda t: _describe(redo, "Redo", t))

    def _undo_redo(self, step: Callable[[], None]) -> None:
        # A card being typed into is an edit too: keep it first, so undo takes it back.
        if self.scene is not None:
            self.scene.finish_edits()
        step()

    def _unwire_undo(self, session: Session) -> None:
        stack = session.undo_stack
        for signal in (
            stack.canUndoChanged,
            stack.canRedoChanged,
            stack.undoTextChanged,
            stack.redoTextChanged,
        ):
            signal.disconnect()  # lambdas among them would outlive the actions otherwise
        for action_id in (ActionId.UNDO, ActionId.REDO):
            self.actions_[action_id].triggered.disconnect()
        _describe(self.actions_[ActionId.UNDO], "Undo", "")
        _describe(self.actions_[ActionId.REDO], "Redo", "")

    def close_workshop(self) -> bool:
        """Save and close the open workshop; False when it stays open.

        If the last save fails (disk full, stick pulled out) the user is asked whether to
        try again, save it somewhere else, or discard the unsaved edits; until they decide,
        the workshop stays open and keeps trying to save.
        """
        session = self.session
        if session is None:
            return True
        if self._presenter is not None and self._presenter.active:
            self.actions_[ActionId.PRESENTER].setChecked(False)
        if self.scene is not None:
            self.scene.finish_edits()
        if not self._release(session):
            return False
        self._tell_conflict(session)  # the last save may have met another program's change
        self._unwire_undo(session)
        self.session = None
        session.deleteLater()
        if self.view is not None:
            self.stack.removeWidget(self.view)
            self.view.deleteLater()
        for dock in self.docks.values():
            widget = dock.widget()
            dock.setWidget(None)
            if widget is not None:
                widget.deleteLater()
            dock.hide()
        if self.charts_window is not None:
            self.charts_window.close()
            self.charts_window.deleteLater()
        self.view = self.scene = self.cell_panel = self.voting_panel = self.charts_window = None
        self.kind_menu.clear()
        self.toolbar.hide()
        self.stack.setCurrentWidget(self.start_page)
        self._update_title()
        self._update_enabled()
        return True

    def _release(self, session: Session) -> bool:
        while True:
            try:
                session.close()
                return True
            except OSError as exc:
                choice = self.ask_unsaved(exc)
            if choice == "retry":
                continue
            if choice == "elsewhere":
                name, _ = QtWidgets.QFileDialog.getSaveFileName(
                    self, "Save the workshop somewhere else", "", FILE_FILTER
                )
                if not name:
                    continue
                try:
                    session.file.save_copy(Path(name))
                except OSError as again:
                    QtWidgets.QMessageBox.warning(
                        self, APP_NAME, literal_text(f"Could not write {name}:\n{again}")
                    )
                    continue
                session.discard_and_close()  # everything is in the copy
                self.settings.add_recent(Path(name))
                self.settings.save()
                return True
            if choice == "discard":
                session.discard_and_close()
                return True
            return False

    def ask_unsaved(self, error: OSError) -> str:
        """retry, elsewhere, discard or keep (stay open); a method so tests can answer."""
        box = QtWidgets.QMessageBox(self)
        box.setIcon(QtWidgets.QMessageBox.Icon.Warning)
        box.setWindowTitle(APP_NAME)
        box.setText("The latest changes could not be saved.")
        box.setInformativeText(
            literal_text(
                f"{error.strerror or error}. The workshop stays open and TrustBoard keeps "
                "trying to save. You can try again, save it somewhere else, or close without them."
            )
        )
        retry = box.addButton("Try again", QtWidgets.QMessageBox.ButtonRole.AcceptRole)
        elsewhere = box.addButton("Save elsewhere…", QtWidgets.QMessageBox.ButtonRole.ActionRole)
        discard = box.addButton(
            "Close without them", QtWidgets.QMessageBox.ButtonRole.DestructiveRole
        )
        keep = box.addButton("Keep it open", QtWidgets.QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(retry)
        box.exec()
        answers = {retry: "retry", elsewhere: "elsewhere", discard: "discard", keep: "keep"}
        return answers.get(box.clickedButton(), "keep")

    def show_start(self) -> None:
        self.close_workshop()

    def save_as(self, *, copy: bool) -> None:
        if self.session is None:
            return
        title = "Save a copy as" if copy else "Save workshop as"
        start = self.session.file.path
        if self.session.file.folder_gone:  # offer a folder that exists
            start = Path.home() / start.name
        name, _ = QtWidgets.QFileDialog.getSaveFileName(self, title, str(start), FILE_FILTER)
        if name:
            self.save_to(Path(name), copy=copy)

    def save_to(self, target: Path, *, copy: bool) -> bool:
        if self.session is None:
            return False
        if target.suffix != SUFFIX:
            target = target.with_name(target.name + SUFFIX)
        if _same_file(target, self.session.file.path):
            return True  # it is this file, and it is saved as we go
        # When this file's folder is gone, the new file is the only home of the edits.
        instead = not copy and self.session.file.folder_gone
        try:
            self.session.file.save_copy(target, instead_of_this=instead)
        except OSError as exc:
            QtWidgets.QMessageBox.warning(
                self, APP_NAME, literal_text(f"Could not write {target}:\n{exc}")
            )
            return False
        if not copy:
            return self.open_file(target)
        self.statusBar().showMessage(f"Copy saved to {target}", 5000)
        return True

    def _fill_recent(self) -> None:
        self.recent_menu.clear()
        for path in self.settings.existing_recent():
            act = self.recent_menu.addAction(mnemonic_safe(display_path(path)))
            act.triggered.connect(lambda _=False, p=path: self.open_file(p))
        if self.recent_menu.isEmpty():
            self.recent_menu.addAction("No recent workshops").setEnabled(False)

    def _build_kind_actions(self, session: Session) -> None:
        """One entry per card kind of this framework; Alt+1… work on the board."""
        self.kind_menu.clear()
        for n, kind in enumerate(session.framework.card_kinds, start=1):
            act = self.kind_menu.addAction(mnemonic_safe(kind.name))
            act.setObjectName(f"action_kind_{kind.id}")
            act.setToolTip(literal_text(f"Make the selected cards “{kind.name}” cards"))
            act.setCheckable(True)
            act.setData(kind.id)
            if n <= 9:
                act.setShortcut(f"Alt+{n}")
                act.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            act.triggered.connect(lambda _=False, k=kind.id: self.cards.set_kind(k))
            if self.view is not None:
                self.view.addAction(act)

    def _fill_kinds(self) -> None:
        """Tick the kind the selected cards share; kinds need a selection."""
        session = self.session
        ids = self.scene.selected_card_ids() if self.scene else []
        kinds = {session.round.cards[i].kind for i in ids} if session else set()
        for act in self.kind_menu.actions():
            act.setChecked(kinds == {act.data()})
            act.setEnabled(bool(ids) and session is not None and not session.read_only)

    def _fill_history(self) -> None:
        self.history_menu.clear()
        if self.session is None:
            return
        stack = self.session.undo_stack
        for i in range(stack.count()):
            act = self.history_menu.addAction(mnemonic_safe(stack.text(i)))
            act.setCheckable(True)
            act.setChecked(i == stack.index() - 1)
            act.triggered.connect(lambda _=False, n=i + 1: stack.setIndex(n))

    def _saved(self) -> None:
        session = self.session
        if session is None:
            return
        self._told_folder_gone = False
        if not self._tell_conflict(session):
            self.save_label.setText("All changes saved")

    def _save_failed(self, message: str) -> None:
        session = self.session
        if session is not None and session.file.folder_gone:
            self.save_label.setText("NOT SAVED — folder gone")
            folder = session.file.saving_to.parent
            details = (
                f"The folder {folder} is gone (moved or deleted?). Your work is kept in "
                "memory: use Save As… to save it somewhere else."
            )
            self.statusBar().showMessage(details)
            if not self._told_folder_gone:
                self._told_folder_gone = True
                self.show_file_notice(
                    "The workshop's folder is gone, so it cannot be saved there.",
                    details,
                    offer_save_as=True,
                )
            return
        self.save_label.setText("NOT SAVED — retrying")
        self.statusBar().showMessage(
            f"Could not save: {message}. Your edits are kept and saving is retried."
        )

    def _tell_conflict(self, session: Session) -> bool:
        """Say once that another program changed the file and where our version went."""
        copy = session.file.conflict_copy
        if copy is None or copy == self._told_conflict:
            return False
        self._told_conflict = copy
        original = session.file.path
        self.save_label.setText("Saved to a conflict copy")
        self._update_title()
        self.settings.add_recent(copy)
        self.settings.save()
        self.show_file_notice(
            f"{original.name} was changed by another program while it was open here.",
            f"Nothing was overwritten and nothing is lost. The other program's version stays "
            f"in:\n{original}\n\nYour version is saved beside it, in:\n{copy}\n\n"
            "Your further changes are saved there too. Compare the two and keep what you need.",
        )
        return True

    def show_file_notice(
        self, text: str, details: str, *, offer_save_as: bool = False
    ) -> QtWidgets.QMessageBox:
        """A message about the open file that does not stop the workshop (not modal)."""
        if self.file_notice is not None:
            self.file_notice.close()
            self.file_notice.deleteLater()
        box = QtWidgets.QMessageBox(self)
        box.setIcon(QtWidgets.QMessageBox.Icon.Warning)
        box.setWindowTitle(APP_NAME)
        box.setTextFormat(Qt.TextFormat.PlainText)  # it names files, which may look like markup
        box.setText(text)
        box.setInformativeText(details)
        if offer_save_as:
            save = box.addButton("Save As…", QtWidgets.QMessageBox.ButtonRole.AcceptRole)
            save.clicked.connect(lambda: self.save_as(copy=False))
            box.addButton("Later", QtWidgets.QMessageBox.ButtonRole.RejectRole)
        else:
            box.addButton(QtWidgets.QMessageBox.StandardButton.Ok)
        box.setModal(False)
        box.show()
        self.file_notice = box
        return box

    def _update_title(self) -> None:
        if self.session is None:
            self.setWindowTitle(APP_NAME)
            return
        suffix = f" [read-only: {self.session.read_only_reason}]" if self.session.read_only else ""
        saving_to = self.session.file.saving_to  # a conflict copy once there was a conflict
        self.setWindowTitle(f"{display_name(saving_to)}{suffix} — {APP_NAME}")
        self.setWindowFilePath(str(saving_to))

    def _update_enabled(self) -> None:
        session = self.session
        editable = session is not None and not session.read_only
        file_writable = session is not None and not session.file.read_only
        selected = bool(self.scene and self.scene.selected_card_ids())
        stack = session.undo_stack if session is not None else None
        browsing = session is not None and session.browsing
        for action_id, action in self.actions_.items():
            if action_id in _ALWAYS:
                continue
            if action_id == ActionId.UNDO:
                ok = bool(stack and stack.canUndo()) and not browsing
            elif action_id == ActionId.REDO:
                ok = bool(stack and stack.canRedo()) and not browsing
            elif action_id == ActionId.CURRENT_ROUND:
                ok = browsing
            elif action_id in _NEEDS_WRITABLE_FILE:
                ok = file_writable
            else:
                ok = (
                    session is not None
                    and (editable or action_id not in _NEEDS_EDIT)
                    and (selected or action_id not in _NEEDS_SELECTION)
                )
            action.setEnabled(ok)

    def _set_perspective(self, value: str) -> None:
        from trustboard.domain.workshop import Perspective

        if self.session is not None:
            self.session.set_perspective(Perspective(value))

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
        if self.session is None:
            return
        if self.charts_window is None:
            from trustboard.ui.charts import ChartsWindow

            self.charts_window = ChartsWindow(self.session, self)
            self.charts_window.setWindowFlag(Qt.WindowType.Window)
            self.charts_window.setWindowTitle(f"Charts — {self.session.workshop.title}")
            self.charts_window.resize(1280, 800)
            self.charts_window.installEventFilter(_CloseOnEscape(self.charts_window))
        self.charts_window.show()
        self.charts_window.raise_()

    def show_rounds(self, *, new: bool = False) -> None:
        if self.session is None:
            return
        from trustboard.ui.rounds_dialog import RoundsDialog

        dialog = RoundsDialog(self.session, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.show()
        if new:
            dialog.label_edit.setFocus()

    def import_ratings(self) -> None:
        if self.session is None:
            return
        name, _ = QtWidgets.QFileDialog.getOpenFileName(
            self, "Import survey ratings", "", "Survey CSV (*.csv);;All files (*)"
        )
        if name:
            from trustboard.ui.survey_dialog import SurveyImportDialog

            SurveyImportDialog(self.session, Path(name), self).exec()

    def export_pdf(self, email: bool = False) -> None:
        """The export dialog; reportlab loads with the first export, not at start-up."""
        if self.session is None:
            return
        from trustboard.ui.export_dialog import ExportDialog

        dialog = ExportDialog(self.session, self.paths, self)
        if email:
            dialog.exported.connect(lambda _result: dialog.email())
        dialog.exec()

    def _set_present_anonymous(self, on: bool) -> None:
        self.settings.anonymous_presenter = on
        self.settings.save()
        if self._presenter is not None and self._presenter.active and self.scene is not None:
            self.scene.anonymous_view = on
            self.scene.refresh()

    def _timebox_per_cell(self, cell: object) -> None:
        if cell is not None and self.actions_[ActionId.TIMER_PER_CELL].isChecked():
            self.timebox.reset()
            self.timebox.start()

    def ask_timebox(self) -> None:
        minutes, ok = QtWidgets.QInputDialog.getInt(
            self, "Timebox", "Minutes for each cell or step:", self.settings.timer_minutes, 1, 180
        )
        if ok:
            self.set_timebox(minutes)

    def set_timebox(self, minutes: int) -> None:
        self.timebox.set_minutes(minutes)
        self.settings.timer_minutes = minutes
        self.settings.save()

    def edit_details(self) -> None:
        if self.session is None:
            return
        from trustboard.ui.dialogs.details_dialog import DetailsDialog

        DetailsDialog(self.session, self).exec()

    def edit_framework(self) -> None:
        if self.session is None:
            return
        from trustboard.ui.dialogs.framework_editor import FrameworkEditorDialog

        FrameworkEditorDialog(self.session, self.paths, self).exec()

    # -- look ------------------------------------------------------------------------

    def _apply_theme(self, high_contrast: bool) -> None:
        if self.scene is not None:
            self.scene.set_theme(HIGH_CONTRAST if high_contrast else system_theme())
        # The whole window, panels and start screen too; an empty palette hands every
        # colour back to the system's (light or dark).
        self.setPalette(high_contrast_palette() if high_contrast else QPalette())

    def _remember_theme(self, high_contrast: bool) -> None:
        self.settings.theme = "high-contrast" if high_contrast else "system"
        self.settings.save()

    def _follow_system_theme(self, *_: object) -> None:
        self._apply_theme(self.actions_[ActionId.HIGH_CONTRAST].isChecked())

    def _restore_geometry(self) -> None:
        if self.settings.window_geometry:
            self.restoreGeometry(QByteArray.fromBase64(self.settings.window_geometry.encode()))
        else:
            self.resize(1440, 900)

    # -- Qt events -------------------------------------------------------------------

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802 - Qt override
        if any(u.toLocalFile().endswith(SUFFIX) for u in event.mimeData().urls()):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802 - Qt override
        for url in event.mimeData().urls():
            if url.toLocalFile().endswith(SUFFIX):
                event.acceptProposedAction()
                self.open_file(Path(url.toLocalFile()))
                return

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt override
        if not self.close_workshop():
            event.ignore()
            return
        self.settings.window_geometry = bytes(self.saveGeometry().toBase64().data()).decode()
        self.settings.save()
        super().closeEvent(event)
