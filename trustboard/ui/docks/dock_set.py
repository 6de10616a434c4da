"""The window's docks: made once, filled with a workshop's panels when it opens."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QDockWidget, QMainWindow, QWidget

from trustboard.ui.actions import ActionId

if TYPE_CHECKING:
    from trustboard.ui.docks.voting import VotingPanel
    from trustboard.ui.session import Session

RIGHT, BOTTOM = Qt.DockWidgetArea.RightDockWidgetArea, Qt.DockWidgetArea.BottomDockWidgetArea
DOCKS = (  # the action that shows it, title, object name, where; the first three share tabs
    (ActionId.SIDE_PANEL, "Cell", "cellDock", RIGHT),
    (ActionId.VOTING, "Dot voting", "votingDock", RIGHT),
    (ActionId.KPIS, "KPIs", "kpiDock", RIGHT),
    (ActionId.ACTIONS, "Action plan", "actionsDock", BOTTOM),
)


class DockSet:
    """Docks stay for the window's life; their contents are made per open workshop."""

    def __init__(self, window: QMainWindow, actions: dict[ActionId, QAction]) -> None:
        self.actions = actions
        self.docks: dict[ActionId, QDockWidget] = {}
        self.cell_panel: QWidget | None = None
        self.voting_panel: VotingPanel | None = None
        self._open = False
        for action_id, title, name, area in DOCKS:
            dock = QDockWidget(title, window)
            dock.setObjectName(name)
            window.addDockWidget(area, dock)
            dock.hide()
            action = actions[action_id]
            action.toggled.connect(lambda on, d=dock: d.setVisible(on and self._open))
            dock.visibilityChanged.connect(
                lambda visible, a=action: self._open and a.setChecked(visible)
            )
            self.docks[action_id] = dock
        first = self.docks[ActionId.SIDE_PANEL]
        window.tabifyDockWidget(first, self.docks[ActionId.VOTING])
        window.tabifyDockWidget(first, self.docks[ActionId.KPIS])
        actions[ActionId.SIDE_PANEL].setChecked(True)

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
        for dock in self.docks.values():
            widget = dock.widget()
            dock.setWidget(None)  # type: ignore[arg-type]
            if widget is not None:
                widget.deleteLater()
            dock.hide()
        self.cell_panel = self.voting_panel = None
