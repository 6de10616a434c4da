"""The start screen's recent files: open one, see which are missing, forget one."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence, QPalette
from PySide6.QtWidgets import QListWidget, QListWidgetItem, QMenu

from trustboard.display import display_name, display_path
from trustboard.i18n import _
from trustboard.services.settings import RecentFile, Settings
from trustboard.ui.text import plain_label, plain_tooltip

_DATA = Qt.ItemDataRole.UserRole


class RecentList(QListWidget):
    """The recent workshops from `settings`, each with its folder; a missing one greyed.

    Signals:
        open_requested(Path): a recent file that exists was chosen.
        recent_changed(): an entry was forgotten (and the settings saved).
    """

    open_requested = Signal(Path)
    recent_changed = Signal()

    def __init__(self, settings: Settings) -> None:
        super().__init__()
        self.settings = settings
        self.setObjectName("recentList")
        self.setAccessibleName(_("Recent files"))
        self.setToolTip(
            _("Double-click or press Enter to open; Delete removes an entry from this list")
        )
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.setWordWrap(True)
        self.setSpacing(2)
        self.status = plain_label()
        self.status.setObjectName("recentStatus")
        self.status.setAccessibleName(_("Recent files message"))
        self.status.hide()
        self.itemActivated.connect(self.activate)
        self.customContextMenuRequested.connect(self._show_menu)

    def refresh(self) -> None:
        """Rebuild the list from `settings`; call after the recent files changed elsewhere."""
        current = self.path_of(self.currentItem())
        self.clear()
        muted = self.palette().color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text)
        for entry in self.settings.recent_status():
            self.addItem(self._item(entry, muted))
            if entry.path == current:
                self.setCurrentRow(self.count() - 1)
        if not self.count():
            placeholder = QListWidgetItem(_("No recent workshops yet"))
            placeholder.setFlags(Qt.ItemFlag.NoItemFlags)
            self.addItem(placeholder)
        elif self.currentRow() < 0:
            self.setCurrentRow(0)

    def _item(self, entry: RecentFile, muted: Any) -> QListWidgetItem:
        # A name that is not UTF-8 shows its odd bytes as the replacement character.
        name, folder = display_name(entry.path), display_path(entry.path.parent)
        full = display_path(entry.path)
        item = QListWidgetItem(
            f"{name}\n{folder}"
            if entry.exists
            else _("{name} (not found)").format(name=name) + f"\n{folder}"
        )
        item.setData(_DATA, entry.path)
        if entry.exists:
            item.setToolTip(plain_tooltip(full))
        else:
            item.setForeground(muted)
            item.setToolTip(
                plain_tooltip(f"{full}\n" + _("Not found: is the drive or USB stick plugged in?"))
            )
        return item

    @staticmethod
    def path_of(item: QListWidgetItem | None) -> Path | None:
        path = item.data(_DATA) if item is not None else None
        return path if isinstance(path, Path) else None

    def activate(self, item: QListWidgetItem) -> None:
        path = self.path_of(item)
        if path is None:
            return
        if path.is_file():
            self.status.hide()
            self.open_requested.emit(path)
            return
        # The drive may come back; keep the entry, say what is wrong.
        self.status.setText(
            _(
                "“{name}” was not found in {folder}. If it is on a USB stick or a network "
                "drive, connect it and try again, or press Delete to forget it."
            ).format(name=display_name(path), folder=display_path(path.parent))
        )
        self.status.show()
        self.refresh()

    def remove_selected(self) -> None:
        path = self.path_of(self.currentItem())
        if path is None:
            return
        row = self.currentRow()
        self.settings.remove_recent(path)
        self.settings.save()
        self.status.hide()
        self.refresh()
        self.setCurrentRow(min(row, self.count() - 1))
        self.recent_changed.emit()

    def _show_menu(self, pos: Any) -> None:
        item = self.itemAt(pos)
        if item is None or self.path_of(item) is None:
            return
        self.setCurrentItem(item)
        menu = QMenu(self)
        open_action = menu.addAction(_("Open"))
        open_action.triggered.connect(lambda: self.activate(item))
        remove_action = menu.addAction(_("Remove from list"))
        remove_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Delete))
        remove_action.triggered.connect(self.remove_selected)
        menu.exec(self.viewport().mapToGlobal(pos))

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        if event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
            self.remove_selected()
            return
        super().keyPressEvent(event)
