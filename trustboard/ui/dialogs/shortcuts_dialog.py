"""Help > Keyboard shortcuts: every key of the action registry in one list, so the list
cannot drift from what the keys do."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLineEdit,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from trustboard.i18n import _
from trustboard.ui.actions import shortcut_list
from trustboard.ui.screen_fit import open_size


class ShortcutsDialog(QDialog):
    """What each command does and its keys; type to find one."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("shortcutsDialog")
        self.setWindowTitle(_("Keyboard shortcuts"))
        self.rows = shortcut_list()
        self.search = QLineEdit()
        self.search.setObjectName("shortcutSearch")
        self.search.setPlaceholderText(_("Find a command or a key"))
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self._filter)
        self.table = QTableWidget(len(self.rows), 2)
        self.table.setObjectName("shortcutTable")
        self.table.setHorizontalHeaderLabels([_("Command"), _("Keys")])
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setWordWrap(False)
        for n, (what, keys) in enumerate(self.rows):
            self.table.setItem(n, 0, QTableWidgetItem(what))
            self.table.setItem(n, 1, QTableWidgetItem(keys))
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.search)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)
        open_size(self, 640, 600)
        self.search.setFocus(Qt.FocusReason.OtherFocusReason)

    def _filter(self, text: str) -> None:
        needle = text.strip().casefold()
        for n, (what, keys) in enumerate(self.rows):
            hit = not needle or needle in what.casefold() or needle in keys.casefold()
            self.table.setRowHidden(n, not hit)

    def shown_rows(self) -> list[tuple[str, str]]:
        return [row for n, row in enumerate(self.rows) if not self.table.isRowHidden(n)]
