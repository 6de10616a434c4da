"""The window's docks: made once, filled with a workshop's panels when it opens.

A panel's View action is ticked while the panel is open, even behind another tab of its
group; choosing it shows the panel and brings it to the front (it closes the panel only
when the panel is already in front). Presenter mode puts every dock away and gives the set
back exactly as it was: which are open, which tab is in front, where they sit.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QDockWidget, QMainWindow, QTabBar, QWidget
from shiboken6 import getCppPointer

from trustboard.i18n import N_, _
from trustboard.ui.actions import ActionId

if TYPE_CHECKING:
    from trustboard.ui.docks.voting import VotingPanel
    from trustboard.ui.session import Session

RIGHT, BOTTOM = Qt.DockWidgetArea.RightDockWidgetArea, Qt.DockWidgetArea.BottomDockWidgetArea
DOCKS = (  # the action that shows it, title, object name, where; the first three share tabs
    (ActionId.SIDE_PANEL, N_("Cell"), "cellDock", RIGHT),
    (ActionId.VOTING, N_("Dot voting"), "votingDock", RIGHT),
    (ActionId.KPIS, N_("KPIs"), "kpiDock", RIGHT),
    (ActionId.ACTIONS, N_("Action plan"), "actionsDock", BOTTOM),
)


class DockSet:
    """Docks stay for the window's life; their contents are made per open workshop."""

    def __init__(self, window: QMainWindow, actions: dict[ActionId, QAction]) -> None:
        self.window = window
        self.actions = actions
        # Other parts add their docks here too (the room's, under "room"): presenter mode
        # puts them away and brings them back with these.
        self.docks: dict[ActionId | str, QDockWidget] = {}
        self._actions: dict[ActionId | str, QAction] = {}  # the action that opens each
        self.cell_panel: QWidget | None = None
        self.voting_panel: VotingPanel | None = None
        self._open = False
        self._syncing = False  # the action follows the dock: do not act on it again
        self._put_away: QByteArray | None = None  # the docks as they were before presenting
        for action_id, title, name, area in DOCKS:
            dock = QDockWidget(_(title), window)
            dock.setObjectName(name)
            window.addDockWidget(area, dock)
            dock.hide()
            self._wire(action_id, dock, actions[action_id])
        first = self.docks[ActionId.SIDE_PANEL]
        window.tabifyDockWidget(first, self.docks[ActionId.VOTING])
        window.tabifyDockWidget(first, self.docks[ActionId.KPIS])
        actions[ActionId.SIDE_PANEL].setChecked(True)

    def adopt(self, key: str, dock: QDockWidget, text: str) -> QAction:
        """Take in another part's dock (the room's): its action, returned to go in a menu,
        opens and raises it as the panels' do, and presenter mode puts it away with them."""
        action = QAction(text, self.window)
        action.setCheckable(True)
        action.setChecked(not dock.isHidden())
        self._wire(key, dock, action)
        return action

    def _wire(self, key: ActionId | str, dock: QDockWidget, action: QAction) -> None:
        self.docks[key] = dock
        self._actions[key] = action
        action.toggled.connect(lambda on: self._toggled(key, on))
        dock.visibilityChanged.connect(lambda _visible: self._follow(key))

    # -- showing a panel -----------------------------------------------------------------

    def show_panel(self, key: ActionId | str) -> None:
        """Open the panel if it is closed and bring it to the front of its tab group."""
        if not self._open:
            return
        self._tick(key, True)
        dock = self.docks[key]
        dock.show()
        dock.raise_()  # a tabbed dock becomes its group's current tab

    def in_front(self, dock: QDockWidget) -> bool:
        """Open, and not behind another tab of its group."""
        if dock.isHidden():
            return False
        layout = self.window.layout()
        if layout is not None:
            layout.activate()  # the tab bars follow the docks' last changes
        me = getCppPointer(dock)[0]  # the window's tab bars name their docks so
        for bar in self.window.findChildren(
            QTabBar, options=Qt.FindChildOption.FindDirectChildrenOnly
        ):
            tabs = [bar.tabData(i) for i in range(bar.count())]
            if bar.isVisible() and me in tabs:
                return bool(tabs[bar.currentIndex()] == me)
        return True

    def _toggled(self, key: ActionId | str, on: bool) -> None:
        if self._syncing or not self._open:
            return
        dock = self.docks[key]
        if on:
            self.show_panel(key)
        elif not dock.isHidden() and not self.in_front(dock) and self.window.isVisible():
            self.show_panel(key)  # open but behind another tab: asked for, not closed
        else:
            dock.hide()

    def _follow(self, key: ActionId | str) -> None:
        """Tick the action while the panel is open; a tab behind another is still open."""
        if self._open and self._put_away is None:
            self._tick(key, not self.docks[key].isHidden())

    def _tick(self, key: ActionId | str, on: bool) -> None:
        self._syncing = True
        try:
            self._actions[key].setChecked(on)
        finally:
            self._syncing = False

    # -- presenter mode ------------------------------------------------------------------

    def put_away(self) -> None:
        """Hide every dock for presenter mode, remembering exactly how they were."""
        if self._put_away is not None:
            return
        self._put_away = self.window.saveState()
        for dock in self.docks.values():
            dock.hide()

    def bring_back(self) -> None:
        """The docks as they were before presenter mode: open ones, front tabs, places."""
        state, self._put_away = self._put_away, None
        if state is None:
            return
        self.window.restoreState(state)
        for dock in self.docks.values():
            if dock.widget() is None:
                dock.hide()  # emptied meanwhile (the room closed while presenting)
        for key in self._actions:
            self._follow(key)

    # -- the open workshop ---------------------------------------------------------------

    def fill(self, session: Session) -> None:
        from trustboard.ui.docks.actions_table import ActionsTable
        from trustboard.ui.docks.cell_panel import CellPanel
        from trustboard.ui.docks.kpi_panel import KpiPanel
        from trustboard.ui.docks.voting import VotingPanel

        self._open = True
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
            self.docks[action_id].setVisible(self.actions[action_id].isChecked())

    def empty(self) -> None:
        self._open = False
        self._put_away = None
        for dock in self.docks.values():
            widget = dock.widget()
            dock.setWidget(None)  # type: ignore[arg-type]
            if widget is not None:
                widget.deleteLater()
            dock.hide()
        self.cell_panel = self.voting_panel = None
