"""The action plan: every card of the current round that became an action, as a sortable table.

The model reads the session and follows `session.changed`; edits (status in place, the
rest through the action dialog) go back through `session.update_card`, so each is one
undo step and the table redraws from the model like every other view.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from enum import IntEnum
from typing import Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QAbstractTableModel,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QBrush, QColor, QFont, QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from trustboard.document import Change
from trustboard.document.cards import set_action_status
from trustboard.domain.workshop import ActionStatus, Card
from trustboard.i18n import N_, _, ngettext
from trustboard.ui.dialogs import board_order, button
from trustboard.ui.dialogs.action_dialog import (
    STATUS_LABELS,
    RunDialog,
    promote_card,
    status_label,
)
from trustboard.ui.session import Session
from trustboard.ui.text import cell_label, plain_label, plain_tooltip

ModelIndex = QModelIndex | QPersistentModelIndex
SORT_ROLE = Qt.ItemDataRole.UserRole
CARD_ID_ROLE = Qt.ItemDataRole.UserRole + 1
_OVERDUE = QColor("#b00020")
_STATUS_ORDER = {s: i for i, s in enumerate(STATUS_LABELS)}


class Column(IntEnum):
    ACTION = 0
    CELL = 1
    OWNER = 2
    DUE = 3
    STATUS = 4
    VOTES = 5


HEADERS = {
    Column.ACTION: N_("Action"),
    Column.CELL: N_("Cell"),
    Column.OWNER: N_("Owner"),
    # Translators: the column of the actions' due dates.
    Column.DUE: N_("Due"),
    Column.STATUS: N_("Status"),
    Column.VOTES: N_("Votes"),
}


def is_overdue(card: Card, today: dt.date) -> bool:
    action = card.action
    return (
        action is not None
        and action.due is not None
        and action.due < today
        and action.status != ActionStatus.DONE
    )


class ActionsModel(QAbstractTableModel):
    """One row per card with an action, in board order; the proxy does the sorting."""

    def __init__(self, session: Session, today: Callable[[], dt.date] = dt.date.today) -> None:
        super().__init__()
        self.session = session
        self.today = today
        self.cards: list[Card] = []
        self._load()
        session.changed.connect(self._on_changed)

    def _load(self) -> None:
        key = board_order(self.session.framework)
        actions = [c for c in self.session.round.cards.values() if c.action is not None]
        self.cards = sorted(actions, key=key)

    def _on_changed(self, change: Change) -> None:
        if change.what == "cards" and not self._touches_actions(change.ids):
            return  # no card here was or became an action: the table stays as it is
        if change.what in {"cards", "framework", "rounds"}:
            self.beginResetModel()
            self._load()
            self.endResetModel()

    def _touches_actions(self, ids: tuple[object, ...]) -> bool:
        shown = {c.id for c in self.cards}
        cards = self.session.round.cards
        return any(
            i in shown or ((card := cards.get(i)) is not None and card.action is not None)  # type: ignore[arg-type]
            for i in ids
        )

    def row_of(self, card_id: str) -> int:
        return next((i for i, c in enumerate(self.cards) if c.id == card_id), -1)

    def overdue_count(self) -> int:
        today = self.today()
        return sum(is_overdue(c, today) for c in self.cards)

    # -- Qt model --------------------------------------------------------------------

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self.cards)

    def columnCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(Column)

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:  # fmt: skip
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return _(HEADERS[Column(section)])
        return None

    def flags(self, index: ModelIndex) -> Qt.ItemFlag:
        flags = super().flags(index)
        if index.column() == Column.STATUS and not self.session.read_only:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.cards):
            return None
        card = self.cards[index.row()]
        column = Column(index.column())
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(card, column)
        if role == SORT_ROLE:
            return self._sort_key(card, column)
        if role == Qt.ItemDataRole.EditRole:
            return card.action.status.value if card.action else None
        if role == CARD_ID_ROLE:
            return card.id
        overdue = is_overdue(card, self.today())
        if role == Qt.ItemDataRole.ToolTipRole:
            return plain_tooltip(self._tooltip(card, column, overdue))
        if role == Qt.ItemDataRole.ForegroundRole and overdue and column == Column.DUE:
            return QBrush(_OVERDUE)
        if role == Qt.ItemDataRole.FontRole and overdue:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.TextAlignmentRole and column == Column.VOTES:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def _text(self, card: Card, column: Column) -> str:
        action = card.action
        assert action is not None
        if column == Column.ACTION:
            return card.text.replace("\n", " ")
        if column == Column.CELL:
            return cell_label(self.session.framework, card.cell)
        if column == Column.OWNER:
            return action.owner
        if column == Column.DUE:
            if action.due is None:
                return "—"
            due = action.due.isoformat()
            if is_overdue(card, self.today()):
                return _("{date} — overdue").format(date=due)
            return due
        if column == Column.STATUS:
            return status_label(action.status)
        return str(card.votes)

    def _sort_key(self, card: Card, column: Column) -> Any:
        action = card.action
        assert action is not None
        if column == Column.DUE:
            return action.due.isoformat() if action.due else "9999-12-31"
        if column == Column.STATUS:
            return _STATUS_ORDER[action.status]
        if column == Column.VOTES:
            return card.votes
        return self._text(card, column).casefold()

    def _tooltip(self, card: Card, column: Column, overdue: bool) -> str:
        if column == Column.STATUS:
            return _("Double-click or press F2 to change the status")
        if column == Column.DUE and overdue and card.action and card.action.due:
            return _("Overdue: due {date} and not done yet").format(
                date=card.action.due.isoformat()
            )
        return card.text

    def setData(self, index: ModelIndex, value: Any,  # noqa: N802
                role: int = Qt.ItemDataRole.EditRole) -> bool:  # fmt: skip
        if role != Qt.ItemDataRole.EditRole or index.column() != Column.STATUS:
            return False
        card = self.cards[index.row()]
        if card.action is None:
            return False
        try:
            status = ActionStatus(value)
        except ValueError:
            return False
        return self.session.edit(set_action_status, card.id, status) is not None


class StatusDelegate(QStyledItemDelegate):
    """A combo box of the three statuses for the Status column."""

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem,  # noqa: N802
                     index: ModelIndex) -> QWidget:  # fmt: skip
        combo = QComboBox(parent)
        combo.setAccessibleName(_("Action status"))
        for status in STATUS_LABELS:
            combo.addItem(status_label(status), status.value)
        # Picking a status applies it at once, like a combo box elsewhere would.
        combo.activated.connect(lambda _index: self.commitData.emit(combo))
        return combo

    def setEditorData(self, editor: QWidget, index: ModelIndex) -> None:  # noqa: N802
        assert isinstance(editor, QComboBox)
        editor.setCurrentIndex(max(0, editor.findData(index.data(Qt.ItemDataRole.EditRole))))

    def setModelData(self, editor: QWidget, model: QAbstractItemModel,  # noqa: N802
                     index: ModelIndex) -> None:  # fmt: skip
        assert isinstance(editor, QComboBox)
        model.setData(index, editor.currentData(), Qt.ItemDataRole.EditRole)


class ActionsTable(QWidget):
    """The action plan as a table: sortable, follows the session, edits are undoable."""

    def __init__(
        self,
        session: Session,
        parent: QWidget | None = None,
        *,
        today: Callable[[], dt.date] = dt.date.today,
        run_dialog: RunDialog | None = None,
    ) -> None:
        super().__init__(parent)
        self.session = session
        self._run_dialog = run_dialog
        self.setObjectName("actionsTable")
        self.setAccessibleName(_("Action plan"))
        self.model = ActionsModel(session, today)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(SORT_ROLE)
        self.proxy.setDynamicSortFilter(True)
        self.view = QTableView()
        self.summary = plain_label(name="Action plan summary")
        self.summary.setAccessibleName(_("Action plan summary"))
        self.edit_button = button(
            _("&Edit action…"), "editAction", _("Change owner, due date or status (Return)")
        )
        self._keep: str | None = None
        self._init_view()
        self._init_layout()
        self.model.modelAboutToBeReset.connect(self._remember_current)
        self.model.modelReset.connect(self._restore_current)
        self.model.modelReset.connect(self._update_summary)
        self.model.modelReset.connect(self._update_buttons)
        self.view.selectionModel().currentChanged.connect(self._update_buttons)
        self.view.doubleClicked.connect(self._on_double_click)
        self.edit_button.clicked.connect(self.edit_current)
        self._update_summary()
        self._update_buttons()

    def _init_view(self) -> None:
        view = self.view
        view.setObjectName("actionsView")
        view.setAccessibleName(_("Actions"))
        view.setToolTip(_("Double-click or press Return to edit an action; F2 changes its status"))
        view.setModel(self.proxy)
        view.setItemDelegateForColumn(Column.STATUS, StatusDelegate(view))
        view.setSortingEnabled(True)
        view.sortByColumn(-1, Qt.SortOrder.AscendingOrder)  # board order until a header is clicked
        view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        view.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.SelectedClicked
        )
        view.setAlternatingRowColors(True)
        view.setWordWrap(False)
        view.verticalHeader().setVisible(False)
        header = view.horizontalHeader()
        header.setSectionResizeMode(Column.ACTION, QHeaderView.ResizeMode.Stretch)
        for column in (Column.CELL, Column.OWNER, Column.DUE, Column.STATUS, Column.VOTES):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        view.installEventFilter(self)  # Return opens the dialog, as double-click does

    def _init_layout(self) -> None:
        top = QHBoxLayout()
        top.addWidget(self.summary, 1)
        top.addWidget(self.edit_button)
        box = QVBoxLayout(self)
        box.addLayout(top)
        box.addWidget(self.view, 1)

    # -- helpers for callers and tests -----------------------------------------------

    def card_ids(self) -> list[str]:
        """Card ids in the order the table shows them now (after sorting)."""
        return [self.proxy.index(row, 0).data(CARD_ID_ROLE) for row in range(self.proxy.rowCount())]

    def index_of(self, card_id: str, column: Column = Column.ACTION) -> QModelIndex:
        return self.proxy.mapFromSource(self.model.index(self.model.row_of(card_id), column))

    def current_card_id(self) -> str | None:
        index = self.view.currentIndex()
        return index.data(CARD_ID_ROLE) if index.isValid() else None

    # -- editing ---------------------------------------------------------------------

    def edit_card(self, card_id: str) -> bool:
        """Open the action dialog for the card; True when the action changed."""
        kwargs = {"run": self._run_dialog} if self._run_dialog else {}
        changed = promote_card(self.session, card_id, self, **kwargs)
        index = self.index_of(card_id)
        if index.isValid():
            self.view.setCurrentIndex(index)
        return changed

    def edit_current(self) -> bool:
        card_id = self.current_card_id()
        return self.edit_card(card_id) if card_id else False

    def _on_double_click(self, index: QModelIndex) -> None:
        if index.column() != Column.STATUS or self.session.read_only:
            self.edit_card(index.data(CARD_ID_ROLE))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if (
            watched is self.view
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
            and self.view.state() != QAbstractItemView.State.EditingState
        ):
            self.edit_current()
            return True
        return super().eventFilter(watched, event)

    def _remember_current(self) -> None:
        self._keep = self.current_card_id()

    def _restore_current(self) -> None:
        if self._keep is not None:
            index = self.index_of(self._keep)
            if index.isValid():
                self.view.setCurrentIndex(index)
        self._keep = None

    def _update_summary(self) -> None:
        n = self.model.rowCount()
        if n == 0:
            self.summary.setText(_("No actions yet. Select a card and promote it to an action."))
            return
        overdue = self.model.overdue_count()
        text = ngettext("{n} action", "{n} actions", n).format(n=n)
        if overdue:
            text = ngettext("{actions}, {n} overdue", "{actions}, {n} overdue", overdue).format(
                actions=text, n=overdue
            )
        self.summary.setText(text)

    def _update_buttons(self) -> None:
        self.edit_button.setEnabled(
            not self.session.read_only and self.view.currentIndex().isValid()
        )
