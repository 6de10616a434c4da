"""The main window: a shell that puts together the start screen or the board, the docks,
the menus and toolbar from the action registry, the file lifecycle and presenter mode."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

# Dialogs are reached as QtWidgets.X: PySide6 builds a class on first use (none at start).
from PySide6.QtCore import QByteArray, QTimer
from PySide6.QtGui import (
    QActionGroup,
    QCloseEvent,
    QDragEnterEvent,
    QDropEvent,
    QGuiApplication,
    QPalette,
)
from PySide6.QtWidgets import QMainWindow, QStackedWidget, QWidget

from trustboard import APP_NAME
from trustboard import FILE_SUFFIX as SUFFIX
from trustboard.paths import UserPaths
from trustboard.services.settings import Settings
from trustboard.ui.actions import (
    SPECS,
    ActionId,
    WindowState,
    build_actions,
    update_enabled,
)
from trustboard.ui.agenda import add_agenda
from trustboard.ui.card_commands import CardCommands
from trustboard.ui.docks.dock_set import DockSet
from trustboard.ui.files import WorkshopFiles, session_title
from trustboard.ui.imports.drop import dropped_file
from trustboard.ui.menus import Menus, build_toolbar
from trustboard.ui.modes import LayerMode
from trustboard.ui.room import hooks as room_hooks
from trustboard.ui.save_status import SaveStatus
from trustboard.ui.screen_fit import open_size
from trustboard.ui.theme import HIGH_CONTRAST, high_contrast_palette, system_theme
from trustboard.ui.timer import Timebox
from trustboard.ui.undo_actions import UndoActions
from trustboard.ui.workshop_tools import WorkshopTools

# The board, the file and presenter mode load when a workshop opens, not at start-up:
# the first window (the start screen) needs none of them.

if TYPE_CHECKING:
    from trustboard.document import Change
    from trustboard.store import WorkshopFile
    from trustboard.ui.board.scene import BoardScene
    from trustboard.ui.board.view import BoardView
    from trustboard.ui.docks.voting import VotingPanel
    from trustboard.ui.presenter import Presenter
    from trustboard.ui.room.controller import RoomController
    from trustboard.ui.session import Session
    from trustboard.ui.start_page import StartPage

PRELOAD_DELAY_MS = 3000  # after a workshop opens; long after the first paint
LAYERS = {
    ActionId.LAYER_AS_IS: LayerMode.AS_IS,
    ActionId.LAYER_TO_BE: LayerMode.TO_BE,
    ActionId.LAYER_BOTH: LayerMode.BOTH,
}
PERSPECTIVES = {ActionId.PERSPECTIVE_SELF: "self", ActionId.PERSPECTIVE_CUSTOMER: "customer"}


class MainWindow(QMainWindow):
    """The shell: it builds its parts in `_init_…` steps and passes each what it needs."""

    def __init__(self, paths: UserPaths, settings: Settings | None = None) -> None:
        super().__init__()
        self.paths = paths
        self.settings = settings or Settings.load(paths)
        self.session: Session | None = None
        self.scene: BoardScene | None = None
        self.view: BoardView | None = None
        self.timebox = Timebox(self.settings.timer_minutes, self)
        self._presenter: Presenter | None = None
        self._room: RoomController | None = None  # made on first use: ui/room/hooks.py
        self.setObjectName("mainWindow")
        self.setWindowTitle(APP_NAME)
        self.setAccessibleName(APP_NAME)
        self.setAcceptDrops(True)
        self.files = WorkshopFiles(self)
        self.tools = WorkshopTools(self)
        self._init_actions()
        self._init_central()
        self._init_docks()
        self._init_menus()
        room_hooks.install(self)
        self.save_status = SaveStatus(self)
        self._restore_geometry()
        self.update_enabled()
        # Light or dark follows the desktop, also when it changes while we run.
        QGuiApplication.styleHints().colorSchemeChanged.connect(
            lambda *_: self._apply_theme(self.high_contrast())
        )

    @property
    def presenter(self) -> Presenter:
        if self._presenter is None:
            from trustboard.ui.presenter import Presenter

            self._presenter = Presenter(self)
        return self._presenter

    @property
    def cell_panel(self) -> QWidget | None:
        return self.dock_set.cell_panel

    @property
    def voting_panel(self) -> VotingPanel | None:
        return self.dock_set.voting_panel

    # -- construction ----------------------------------------------------------------

    def _init_actions(self) -> None:
        self.actions_ = a = build_actions(self)
        self.cards = c = CardCommands(self)
        f, t = self.files, self.tools
        connect: dict[ActionId, Callable[[], object]] = {
            ActionId.NEW: self.close_workshop,  # back to the start screen
            ActionId.OPEN: f.open_dialog,
            ActionId.SAVE_AS: lambda: f.save_as(copy=False),
            ActionId.SAVE_COPY: lambda: f.save_as(copy=True),
            ActionId.EXPORT_PDF: t.export_pdf,
            ActionId.EMAIL_PDF: lambda: t.export_pdf(email=True),
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
            ActionId.SET_AUTHOR: c.set_author,
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
            ActionId.TIMER_SET: t.ask_timebox,
            ActionId.EDIT_FRAMEWORK: t.edit_framework,
            ActionId.DETAILS: t.edit_details,
            ActionId.CHARTS: t.show_charts,
            ActionId.ROUNDS: t.show_rounds,
            ActionId.NEW_ROUND: lambda: t.show_rounds(new=True),
            ActionId.CURRENT_ROUND: lambda: self.session and self.session.set_viewed_round(None),
            ActionId.IMPORT_RATINGS: t.import_ratings,
            ActionId.LEAVE_PRESENTER: self.presenter_stopped,
        }
        for action_id, slot in connect.items():
            a[action_id].triggered.connect(lambda _checked=False, s=slot: s())
        self._init_checkable_actions()
        self.undo = UndoActions(
            a[ActionId.UNDO],
            a[ActionId.REDO],
            lambda: self.scene and self.scene.finish_edits(),
            self.update_enabled,
        )

    def _init_checkable_actions(self) -> None:
        a = self.actions_
        for choices, choose in (
            (LAYERS, "set_layer_mode"),
            (PERSPECTIVES, "set_perspective"),
        ):
            group = QActionGroup(self)  # one of them is checked
            for action_id, value in choices.items():
                group.addAction(a[action_id])
                a[action_id].triggered.connect(
                    lambda _checked=False, v=value, c=choose: self._choose(c, v)
                )
            a[next(iter(choices))].setChecked(True)
        a[ActionId.PRESENTER].toggled.connect(self._set_presenting)
        a[ActionId.HIGH_CONTRAST].toggled.connect(self._apply_theme)
        a[ActionId.HIGH_CONTRAST].setChecked(self.settings.theme == "high-contrast")
        a[ActionId.HIGH_CONTRAST].toggled.connect(self._remember_theme)  # not the line above
        a[ActionId.PRESENT_ANONYMOUS].setChecked(self.settings.anonymous_presenter)
        a[ActionId.PRESENT_ANONYMOUS].toggled.connect(self._set_present_anonymous)

    def _init_central(self) -> None:
        self.stack = QStackedWidget(self)
        self.setCentralWidget(self.stack)
        # The start screen is built right after the window's first paint, so the window
        # shows at once; anything that needs it earlier builds it on the spot.
        self._start_page: StartPage | None = None
        QTimer.singleShot(0, self._show_start_page_if_idle)

    @property
    def start_page(self) -> StartPage:
        if self._start_page is None:
            from trustboard.ui.start_page import StartPage

            page = StartPage(self.paths, self.settings, self)
            page.new_requested.connect(self.files.create_from_template)
            page.open_requested.connect(self.open_file)
            page.open_file_dialog_requested.connect(self.files.open_dialog)
            page.demo_requested.connect(self.open_demo)
            self.stack.insertWidget(0, page)
            self._start_page = page
        return self._start_page

    def _init_docks(self) -> None:
        self.dock_set = DockSet(self, self.actions_)
        self.docks = self.dock_set.docks

    def _init_menus(self) -> None:
        self.menus = Menus(self, self.actions_, self.settings, self.open_file)
        self.addActions([a for i, a in self.actions_.items() if SPECS[i].menu or SPECS[i].context])
        self.toolbar = build_toolbar(self, self.actions_, add_agenda(self))  # timebox, agenda

    def _show_start_page_if_idle(self) -> None:
        page = self.start_page
        if self.session is None:
            self.stack.setCurrentWidget(page)

    # -- the open workshop -----------------------------------------------------------

    def open_file(self, path: Path, *, read_only: bool = False) -> bool:
        return self.files.open_file(path, read_only=read_only)

    def open_demo(self) -> None:
        self.files.open_demo()

    def save_as(self, *, copy: bool) -> None:
        self.files.save_as(copy=copy)

    def show_workshop(self, wf: WorkshopFile) -> None:
        if not self.close_workshop():
            wf.close()  # the user kept the unsaved workshop open; leave the new one
            return
        from trustboard.ui.board.scene import BoardScene
        from trustboard.ui.board.view import BoardView
        from trustboard.ui.session import Session

        session = Session(wf, self)
        self.session = session
        theme = HIGH_CONTRAST if self.high_contrast() else system_theme()
        self.scene = scene = BoardScene(session, theme)
        self.view = view = BoardView(scene, self)
        view.addActions([a for i, a in self.actions_.items() if SPECS[i].board])
        view.context_menu_requested.connect(self.menus.card_context_menu)
        self.menus.show_session(session, view, scene.selected_card_ids, self.cards.set_kind)
        self.stack.addWidget(view)
        self.stack.setCurrentWidget(view)
        self.toolbar.show()
        self.dock_set.fill(session)
        self.undo.wire(session)
        session.current_cell_changed.connect(self._timebox_per_cell)
        if os.environ.get("TRUSTBOARD_PRELOAD_CHARTS", "1") != "0":
            QTimer.singleShot(PRELOAD_DELAY_MS, self, self.tools.preload_charts)
        session.viewed_round_changed.connect(self.update_title)
        session.changed.connect(self._follow_details)
        session.viewed_round_changed.connect(self.update_enabled)
        self.save_status.follow(session)
        scene.selectionChanged.connect(self.update_enabled)
        self.settings.add_recent(wf.path)
        self.settings.save()
        self.update_title()
        self.update_enabled()
        view.setFocus()
        session.step_cell(+1)
        view.fit_all()

    def close_workshop(self) -> bool:
        """Close the room, save and close the workshop; False when it stays open (a failed
        last save the user chose to keep open: it goes on trying)."""
        session = self.session
        if session is None:
            return True
        if self._presenter is not None and self._presenter.active:
            self.actions_[ActionId.PRESENTER].setChecked(False)
        if self._room is not None:  # nothing listens once the workshop closes
            self._room.close()
        if self.scene is not None:
            self.scene.finish_edits()
        if not self.files.release(session):
            return False
        self.save_status.tell_conflict(session)  # the last save may have met another's change
        self.undo.unwire(session)
        self.session = None
        session.deleteLater()
        if self.view is not None:
            self.stack.removeWidget(self.view)
            self.view.deleteLater()
        self.dock_set.empty()
        self.tools.close_windows()
        self.view = self.scene = None
        self.menus.show_session(None)
        self.toolbar.hide()
        self.stack.setCurrentWidget(self.start_page)
        self.update_title()
        self.update_enabled()
        return True

    def _follow_details(self, change: Change) -> None:
        if any(part.what == "details" for part in change.each()):  # the title may be new
            self.update_title()

    def update_title(self) -> None:
        self.setWindowTitle(session_title(self.session))
        if self.session is not None:  # a conflict copy once there was a conflict
            self.setWindowFilePath(str(self.session.file.saving_to))

    def update_enabled(self) -> None:
        presenting = self._presenter is not None and self._presenter.active
        selection = bool(self.scene and self.scene.selected_card_ids())
        state = WindowState.of(self.session, selection, presenting, self._room)
        update_enabled(self.actions_, state)

    def _choose(self, setter: str, value: object) -> None:
        if self.session is None:
            return
        if setter == "set_perspective":  # the domain loads with the first workshop
            from trustboard.domain.workshop import Perspective

            value = Perspective(value)
        getattr(self.session, setter)(value)  # set_layer_mode, set_perspective

    def _timebox_per_cell(self, cell: object) -> None:
        if cell is not None and self.actions_[ActionId.TIMER_PER_CELL].isChecked():
            self.timebox.reset()
            self.timebox.start()

    # -- presenter mode --------------------------------------------------------------

    def _set_presenting(self, on: bool) -> None:
        self.presenter.set_active(on)
        self.update_enabled()  # Esc leaves presenter mode only while there is one

    def presenter_stopped(self) -> None:
        self.actions_[ActionId.PRESENTER].setChecked(False)

    def chrome(self) -> list[QWidget]:
        """What presenter mode hides on one screen: menus, toolbar, status bar, docks."""
        return [self.menuBar(), self.toolbar, self.statusBar(), *self.docks.values()]

    def _set_present_anonymous(self, on: bool) -> None:
        self.settings.anonymous_presenter = on
        self.settings.save()
        if self._presenter is not None and self._presenter.active and self.scene is not None:
            self.scene.anonymous_view = on
            self.scene.refresh()

    # -- look ------------------------------------------------------------------------

    def high_contrast(self) -> bool:
        return self.actions_[ActionId.HIGH_CONTRAST].isChecked()

    def _apply_theme(self, high_contrast: bool) -> None:
        if self.scene is not None:
            self.scene.set_theme(HIGH_CONTRAST if high_contrast else system_theme())
        # The whole window, panels and start screen too; an empty palette hands every
        # colour back to the system's (light or dark).
        self.setPalette(high_contrast_palette() if high_contrast else QPalette())

    def _remember_theme(self, high_contrast: bool) -> None:
        self.settings.theme = "high-contrast" if high_contrast else "system"
        self.settings.save()

    def _restore_geometry(self) -> None:
        saved = self.settings.window_geometry  # unreadable (another Qt wrote it): the default
        if not saved or not self.restoreGeometry(QByteArray.fromBase64(saved.encode())):
            open_size(self, 1440, 900)

    # -- Qt events -------------------------------------------------------------------

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802 - Qt override
        if dropped_file(event.mimeData(), can_import=self.session is not None):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802 - Qt override
        path = dropped_file(event.mimeData(), can_import=self.session is not None)
        if path is not None:
            event.acceptProposedAction()
            (self.open_file if path.name.endswith(SUFFIX) else self.tools.import_file)(path)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt override
        if not self.close_workshop():
            event.ignore()
            return
        if self.save_status.notice is not None:  # notices about files go with the window
            self.save_status.notice.close()
        self.settings.window_geometry = bytes(self.saveGeometry().toBase64().data()).decode()
        self.settings.save()
        super().closeEvent(event)
