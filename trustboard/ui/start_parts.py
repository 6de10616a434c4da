"""Small widgets the start screen is built from."""

from __future__ import annotations

from typing import TYPE_CHECKING

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
from trustboard.i18n import _, ngettext
from trustboard.ui.text_limits import limit_line

if TYPE_CHECKING:
    from trustboard.domain.framework import Framework
    from trustboard.frameworks.templates import Template


def template_entry(template: Template) -> str:
    """A template in the list: its name, then whose it is and its grid's size."""
    fw = template.framework
    # Translators: a template that comes with TrustBoard / one the facilitator saved
    kind = _("built-in") if template.builtin else _("yours")
    # Translators: a template's grid size, rows × columns, e.g. "5 × 4"
    size = _("{rows} × {columns}").format(rows=len(fw.elements), columns=len(fw.active_domains))
    from trustboard.i18n import language_name
    from trustboard.services.catalogue import is_interface_language

    if not is_interface_language(template):  # the interface language's come first, unnamed
        size = f"{size} · {language_name(template.language)}"
    return f"{fw.name}\n{kind} · {size}"


def source_text(fw: Framework) -> str:
    """Where a framework comes from, and the columns it can switch on later."""
    optional = [d.name for d in fw.domains if not d.enabled]
    source = _("Source: {source}").format(source=fw.source) if fw.source else ""
    if optional:
        extra = _("Optional columns you can switch on later: {names}").format(
            names=", ".join(optional)
        )
        source = f"{source}\n{extra}" if source else extra
    return source


def problems_text(problems: list[str], most: int) -> str:
    """The templates that could not be used, the first `most` of them by name."""
    lines = [_("Some templates could not be used:"), *(f"• {p}" for p in problems[:most])]
    if len(problems) > most:
        more = len(problems) - most
        lines.append(
            ngettext(
                "• and {n} more (`trustboard templates` lists them all)",
                "• and {n} more (`trustboard templates` lists them all)",
                more,
            ).format(n=more)
        )
    return "\n".join(lines)


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
