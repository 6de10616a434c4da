"""Dialogs and panels around the board, and the small helpers they share.

Modal questions (confirm, ask for a name, tell the user something) are plain callables
with a QMessageBox/QInputDialog default, so tests inject an answer instead of blocking.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TypeVar

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFocusEvent, QKeyEvent
from PySide6.QtWidgets import (
    QInputDialog,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QWidget,
)

from trustboard.domain.framework import Framework
from trustboard.domain.workshop import Card, Layer
from trustboard.i18n import _
from trustboard.ui.text import literal_text

Confirm = Callable[[QWidget | None, str, str], bool]
"""(parent, title, text) -> True to go ahead."""
AskText = Callable[[QWidget | None, str, str, str], str | None]
"""(parent, title, label, initial text) -> the text, or None when cancelled."""
Inform = Callable[[QWidget | None, str, str], None]
"""(parent, title, text): tell the user something and wait for OK."""

W = TypeVar("W", bound=QWidget)


def button(text: str, name: str, tip: str) -> QPushButton:
    button = QPushButton(text)
    button.setObjectName(name)
    button.setToolTip(tip)
    button.setAccessibleName(text.replace("&", "").rstrip("…"))
    button.setAutoDefault(False)  # Return in a field must not press a button
    return button


def field(widget: W, name: str, tip: str, *, spoken: str = "") -> W:
    """Name a control: `name` for code and tests, `spoken` (words, such as "Password,
    again") for a screen reader; a name that is already words serves as both."""
    if not spoken and not is_spoken_name(name):
        raise ValueError(f"{name!r} is no name to say aloud: pass spoken=")
    widget.setObjectName(name)
    widget.setAccessibleName(spoken or name)
    widget.setToolTip(tip)
    return widget


def is_spoken_name(name: str) -> bool:
    """Words a screen reader can say: not empty, no camelCase or snake_case identifier."""
    return bool(re.search(r"[^\W\d_]", name)) and not re.search(r"[a-z][A-Z]|_", name)


class QuestionsEdit(QPlainTextEdit):
    """One question per line; `editingFinished` on leaving the field or Ctrl+Return."""

    editingFinished = Signal()  # noqa: N815 - mirrors QLineEdit

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTabChangesFocus(True)  # Tab leaves the field: no keyboard trap
        self.setPlaceholderText(_("One question per line"))

    def lines(self) -> list[str]:
        return [line.strip() for line in self.toPlainText().splitlines() if line.strip()]

    def focusOutEvent(self, event: QFocusEvent) -> None:  # noqa: N802 - Qt override
        super().focusOutEvent(event)
        if event.reason() != Qt.FocusReason.PopupFocusReason:
            self.editingFinished.emit()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        enter = event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
        if enter and event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            self.editingFinished.emit()
            return
        super().keyPressEvent(event)


def ask_confirm(parent: QWidget | None, title: str, text: str) -> bool:
    box = QMessageBox(QMessageBox.Icon.Question, title, text, parent=parent)
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.setStandardButtons(QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(QMessageBox.StandardButton.Cancel)
    return box.exec() == QMessageBox.StandardButton.Yes


def inform(parent: QWidget | None, title: str, text: str) -> None:
    box = QMessageBox(QMessageBox.Icon.Information, title, text, parent=parent)
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.exec()


def ask_text(parent: QWidget | None, title: str, label: str, text: str = "") -> str | None:
    value, ok = QInputDialog.getText(
        parent, title, literal_text(label), QLineEdit.EchoMode.Normal, text
    )
    return value if ok else None


def board_order(framework: Framework) -> Callable[[Card], tuple[int, int, float, str]]:
    """Sort key for cards in the order the board shows them: row by row, Unsorted last."""
    cells = {cell: i for i, cell in enumerate(framework.cells())}
    layers = {Layer.AS_IS: 0, Layer.TO_BE: 1}

    def key(card: Card) -> tuple[int, int, float, str]:
        position = cells.get(card.cell, len(cells)) if card.cell is not None else len(cells)
        return (position, layers.get(card.layer, 2), card.order, card.id)

    return key
