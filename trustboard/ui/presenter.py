"""Presenter mode: the board full screen for the room; with two screens, a console for you.

One screen: the window goes full screen, editing chrome hides, the timer grows, and the
view follows the current cell. Two screens: the projector gets an audience window (a
second view of the same scene, the current cell's name and the timer) while the laptop
keeps the window as the facilitator's console (questions, ratings, notes, timer).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QGuiApplication, QScreen
from PySide6.QtWidgets import QDockWidget, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from trustboard.domain.framework import Cell, Framework
from trustboard.i18n import _
from trustboard.services.settings import Settings
from trustboard.ui.board.view import BoardView
from trustboard.ui.text import cell_label
from trustboard.ui.theme import HIGH_CONTRAST, high_contrast_palette, system_theme
from trustboard.ui.timer import Timebox, TimerBadge

if TYPE_CHECKING:
    from trustboard.ui.board.scene import BoardScene
    from trustboard.ui.docks.dock_set import DockSet
    from trustboard.ui.session import Session


class PresenterHost(Protocol):
    """What presenter mode needs of the window it presents from."""

    session: Session | None
    scene: BoardScene | None
    view: BoardView | None
    settings: Settings
    timebox: Timebox
    dock_set: DockSet  # put away while presenting on one screen, given back as they were

    def high_contrast(self) -> bool: ...
    def chrome(self) -> list[QWidget]: ...  # menus, toolbars, docks: hidden on one screen
    def presenter_stopped(self) -> None: ...  # untick View > Presenter mode
    def screen(self) -> QScreen: ...
    def isMaximized(self) -> bool: ...  # noqa: N802 - Qt's names
    def isFullScreen(self) -> bool: ...  # noqa: N802
    def showFullScreen(self) -> None: ...  # noqa: N802
    def showMaximized(self) -> None: ...  # noqa: N802
    def showNormal(self) -> None: ...  # noqa: N802


class PresenterBar(QWidget):
    """The strip above the board in presenter mode: where we are, and how long is left."""

    HEIGHT = 96

    def __init__(self, window: PresenterHost, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("presenterBar")
        self.setAccessibleName(_("Current cell and timer"))
        self.setAutoFillBackground(True)
        self.heading = QLabel()
        self.heading.setTextFormat(Qt.TextFormat.PlainText)
        self.heading.setObjectName("presenterHeading")
        font = self.heading.font()
        font.setPixelSize(40)
        font.setBold(True)
        self.heading.setFont(font)
        self.timer = TimerBadge(window.timebox)
        self.timer.set_large(True)
        self.timer.setFixedHeight(self.HEIGHT - 16)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(24, 8, 16, 8)
        layout.addWidget(self.heading, 1)
        layout.addWidget(self.timer)
        self.setFixedHeight(self.HEIGHT)

    def show_cell(self, framework: Framework, cell: Cell | None) -> None:
        self.heading.setText(cell_label(framework, cell) if cell else framework.name)


class AudienceWindow(QWidget):
    """What the projector shows while the laptop runs the console."""

    def __init__(self, window: PresenterHost) -> None:
        super().__init__(None, Qt.WindowType.Window)
        assert window.scene is not None and window.session is not None
        self.setObjectName("audienceWindow")
        self.setWindowTitle(_("TrustBoard — audience"))
        self.setAccessibleName(_("Audience view"))
        self.bar = PresenterBar(window, self)
        self.heading = self.bar.heading
        self.timer = self.bar.timer
        self.view = BoardView(window.scene, self)
        self.view.setInteractive(False)
        self.view.set_presenting(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.bar)
        layout.addWidget(self.view, 1)
        from trustboard.ui.board.legend import BoardLegend

        shown = getattr(getattr(window, "menus", None), "legend", None)  # as the window shows it
        expanded = shown is None or bool(shown.expanded)
        self.legend = BoardLegend(self.view, window.session, expanded=expanded)
        self._session = window.session
        window.session.current_cell_changed.connect(self.show_cell)
        self.show_cell(window.session.current_cell)

    def show_cell(self, cell: Cell | None) -> None:
        self.bar.show_cell(self._session.framework, cell)
        if cell is None:
            self.view.fit_all()
        else:
            self.view.fit_cell()


class Presenter:
    """Enters and leaves presenter mode; Esc (an action of the registry) leaves it."""

    def __init__(self, window: PresenterHost) -> None:
        self.window = window
        self.active = False
        self.audience: AudienceWindow | None = None
        self._hidden: list[QWidget] = []
        self._was_maximized = False
        self._resizer = _BarResizer(self)
        self.bar: PresenterBar | None = None
        self._following = False  # only the one-screen mode follows the cell in the window

    @staticmethod
    def projector_screen(primary: QScreen | None) -> QScreen | None:
        """The screen that is not the laptop's, when there are two or more."""
        screens = QGuiApplication.screens()
        others = [s for s in screens if s is not primary]
        return others[0] if len(screens) > 1 and others else None

    def set_active(self, on: bool) -> None:
        if on == self.active:
            return
        w = self.window
        if on and (w.session is None or w.scene is None or w.view is None):
            w.presenter_stopped()
            return
        self.active = on
        if on:
            self._enter()
        else:
            self._exit()

    def _enter(self) -> None:
        w = self.window
        assert w.scene is not None and w.view is not None and w.session is not None
        w.scene.anonymous_view = w.settings.anonymous_presenter
        # Black on white for the board and the bar over it, as high contrast is in the window.
        high = w.settings.presenter_high_contrast or w.high_contrast()
        if high:
            w.scene.set_theme(HIGH_CONTRAST)
        else:
            w.scene.refresh()
        screen = self.projector_screen(w.screen())
        if screen is not None:
            self.audience = AudienceWindow(w)
            if high:
                self.audience.bar.setPalette(high_contrast_palette())
            self.audience.setScreen(screen)
            self.audience.setGeometry(screen.geometry())
            self.audience.showFullScreen()
            self.audience.show_cell(w.session.current_cell)
            room = getattr(w, "_room", None)
            if room is not None and room.is_open and room.parts is not None:
                room.parts.show_on(self.audience.view)  # the join code on the projector too
            return
        self._was_maximized = w.isMaximized()
        # Hiding a tabbed dock would show the tab behind it: the dock set puts them all
        # away at once (remembering the window's state, toolbar included, before any of
        # it hides) and gives them back as they were.
        w.dock_set.put_away()
        chrome = [x for x in w.chrome() if not isinstance(x, QDockWidget)]
        self._hidden = [x for x in chrome if x.isVisible()]
        for widget in self._hidden:
            widget.hide()
        self.bar = PresenterBar(w, w.view)
        if high:
            self.bar.setPalette(high_contrast_palette())
        self.bar.setGeometry(0, 0, w.view.width(), PresenterBar.HEIGHT)
        self.bar.show()
        w.view.set_presenting(True, top_margin=PresenterBar.HEIGHT)
        w.view.installEventFilter(self._resizer)
        self._show_heading(w.session.current_cell)
        w.session.current_cell_changed.connect(self._follow)
        self._following = True
        w.showFullScreen()
        self.refit()

    def _follow(self, cell: Cell | None) -> None:
        view = self.window.view
        if view is not None and self.active:
            view.fit_cell()
            self._show_heading(cell)

    def _show_heading(self, cell: Cell | None) -> None:
        session = self.window.session
        if self.bar is not None and session is not None:
            self.bar.show_cell(session.framework, cell)

    def _exit(self) -> None:
        w = self.window
        if self.audience is not None:
            self.audience.close()
            self.audience.deleteLater()
            self.audience = None
        if self.bar is not None:
            self.bar.deleteLater()
            self.bar = None
        if w.view is not None:
            w.view.set_presenting(False)  # the resizer stays for one more resize: see below
        if w.session is not None and self._following:
            w.session.current_cell_changed.disconnect(self._follow)
        self._following = False
        for widget in self._hidden:
            widget.show()
        self._hidden = []
        if w.scene is not None:
            w.scene.anonymous_view = False
            w.scene.set_theme(HIGH_CONTRAST if w.high_contrast() else system_theme())
        if w.isFullScreen():
            w.showMaximized() if self._was_maximized else w.showNormal()
        w.dock_set.bring_back()  # once the window has its size again
        if w.view is not None:
            w.view.fit_all()

    def refit(self) -> None:
        """Fit the board to the view as it is now: the current cell while presenting (large
        type), the whole grid once presenter mode is over."""
        view, session = self.window.view, self.window.session
        if view is None:
            return
        if self.active and session is not None and session.current_cell is not None:
            view.fit_cell()
        else:
            view.fit_all()


class _BarResizer(QObject):
    """Follows the board's size while presenting (full screen arrives a moment after it
    is asked for), and once more when the window comes back from full screen."""

    def __init__(self, presenter: Presenter) -> None:
        super().__init__()
        self.presenter = presenter

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if event.type() != QEvent.Type.Resize or not isinstance(watched, QWidget):
            return False
        bar = self.presenter.bar
        if bar is not None:
            bar.setGeometry(0, 0, watched.width(), PresenterBar.HEIGHT)
        self.presenter.refit()
        if not self.presenter.active:
            watched.removeEventFilter(self)  # back to the window: this was the last resize
        return False
