"""Small widgets the start screen is built from."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFrame,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from trustboard.domain import limits
from trustboard.ui.text_limits import limit_line


class FitContent(QWidget):
    """Scroll-area content that scrolls only below its *minimum* height, not its preferred one.

    QScrollArea sizes a height-for-width widget (wrapped labels) by its preferred height,
    which would make a 1280 × 720 projector scroll for nothing.
    """

    def heightForWidth(self, width: int) -> int:  # noqa: N802 - Qt override
        layout = self.layout()
        return layout.minimumHeightForWidth(width) if layout is not None else -1


def line_edit(name: str, accessible: str, tip: str) -> QLineEdit:
    edit = QLineEdit()
    edit.setObjectName(name)
    edit.setAccessibleName(accessible)
    edit.setToolTip(tip)
    edit.setClearButtonEnabled(True)
    return limit_line(edit, limits.TITLE_CHARS)


def big_button(name: str, text: str, tip: str) -> QPushButton:
    button = QPushButton(text)
    button.setObjectName(name)
    button.setAccessibleName(text.replace("&", ""))
    button.setToolTip(tip)
    button.setMinimumHeight(40)
    return button


def buddy(text: str, widget: QWidget) -> QLabel:
    label = QLabel(text)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setBuddy(widget)
    return label


def short_scroll(name: str, widgets: list[QWidget], max_height: int) -> QScrollArea:
    """`widgets` in a column that scrolls once it is taller than `max_height`."""
    column = QWidget()
    layout = QVBoxLayout(column)
    layout.setContentsMargins(0, 0, 0, 0)
    for widget in widgets:
        layout.addWidget(widget)
    layout.addStretch(1)
    scroll = QScrollArea()
    scroll.setObjectName(name)
    scroll.setWidgetResizable(True)
    scroll.setFrameShape(QFrame.Shape.NoFrame)
    scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    scroll.setWidget(column)
    scroll.setMaximumHeight(max_height)
    return scroll
