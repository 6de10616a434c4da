"""Card → Set author…: who wrote the selected cards, picked from the workshop's
participants or typed (empty for nobody)."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from trustboard.domain import limits
from trustboard.i18n import _


class AuthorDialog(QDialog):
    """An editable list of the participants: type the first letters or pick a name."""

    def __init__(
        self, participants: Sequence[str], current: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("authorDialog")
        self.setWindowTitle(_("Set author"))
        self.setAccessibleName(self.windowTitle())
        self.names = QComboBox()
        self.names.setObjectName("authorName")
        self.names.setAccessibleName(_("Author"))
        self.names.setToolTip(_("Who wrote the card: pick a participant or type a name"))
        self.names.setEditable(True)
        self.names.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.names.addItems(list(participants))
        line = self.names.lineEdit()
        line.setMaxLength(limits.TITLE_CHARS)
        # Translators: no author for the card.
        line.setPlaceholderText(_("Nobody"))
        line.setClearButtonEnabled(True)
        completer = QCompleter(list(participants), self)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.names.setCompleter(completer)
        self.names.setCurrentText(current)
        hint = _("Pick a participant or type a name; leave it empty for nobody.")
        if not participants:
            hint = _("Type a name (Workshop → Workshop details… lists the participants to pick).")
        label = QLabel(hint)
        label.setWordWrap(True)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(label)
        layout.addWidget(self.names)
        layout.addWidget(buttons)

    def author(self) -> str:
        return self.names.currentText().strip()


def ask_author(parent: QWidget | None, participants: Sequence[str], current: str) -> str | None:
    """The name chosen, "" for nobody, or None when cancelled."""
    dialog = AuthorDialog(participants, current, parent)
    return dialog.author() if dialog.exec() == QDialog.DialogCode.Accepted else None
