"""A small painted picture of a framework's grid, for choosing a template."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtGui import QFont, QPainter, QPaintEvent, QPalette, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from trustboard.i18n import _, ngettext
from trustboard.ui.text import plain_tooltip

if TYPE_CHECKING:
    from trustboard.domain.framework import Framework


class GridPreview(QWidget):
    """A thumbnail of a framework's grid: row and column headers as labelled boxes."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("gridPreview")
        self.setAccessibleName(_("Grid preview"))
        self.setMinimumSize(240, 120)
        self.setMaximumHeight(240)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.element_names: list[str] = []
        self.domain_names: list[str] = []
        self.element_label = ""
        self.domain_label = ""

    def set_framework(self, framework: Framework | None) -> None:
        if framework is None:
            self.element_names, self.domain_names = [], []
            self.element_label = self.domain_label = ""
            description = _("No template selected.")
        else:
            self.element_names = [e.name for e in framework.elements]
            self.domain_names = [d.name for d in framework.active_domains]
            self.element_label = framework.element_label
            self.domain_label = framework.domain_label
            rows, columns = len(self.element_names), len(self.domain_names)
            description = (
                ngettext(
                    "{n} row ({label}): {names}.", "{n} rows ({label}): {names}.", rows
                ).format(n=rows, label=self.element_label, names=", ".join(self.element_names))
                + " "
                + ngettext(
                    "{n} column ({label}): {names}.", "{n} columns ({label}): {names}.", columns
                ).format(n=columns, label=self.domain_label, names=", ".join(self.domain_names))
            )
        self.setAccessibleDescription(description)
        self.setToolTip(plain_tooltip(description))
        self.update()

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt override
        return QSize(420, 220)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt override
        rows, cols = self.element_names, self.domain_names
        if not rows or not cols:
            return
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        pal = self.palette()
        font = QFont(self.font())
        font.setPixelSize(max(11, min(14, self.height() // (len(rows) + 1) - 6)))
        painter.setFont(font)
        gap = 3
        area = self.rect().adjusted(1, 1, -1, -1)
        head_w = min(area.width() // 3, 160)
        cell_w = (area.width() - head_w - gap * len(cols)) / len(cols)
        row_h = (area.height() - gap * len(rows)) / (len(rows) + 1)
        header_bg = pal.color(QPalette.ColorRole.Highlight)
        header_fg = pal.color(QPalette.ColorRole.HighlightedText)
        cell_bg = pal.color(QPalette.ColorRole.Base)
        line = QPen(pal.color(QPalette.ColorRole.Mid))

        def box(x: float, y: float, w: float, text: str, header: bool) -> None:
            rect = QRect(round(x), round(y), max(1, round(w)), max(1, round(row_h)))
            painter.setPen(line)
            painter.setBrush(header_bg if header else cell_bg)
            painter.drawRoundedRect(rect, 4, 4)
            if text:
                painter.setPen(header_fg)
                inner = rect.adjusted(4, 0, -4, 0)
                shown = painter.fontMetrics().elidedText(
                    text, Qt.TextElideMode.ElideRight, inner.width()
                )
                painter.drawText(inner, Qt.AlignmentFlag.AlignCenter, shown)

        for c, name in enumerate(cols):
            box(area.left() + head_w + gap + c * (cell_w + gap), area.top(), cell_w, name, True)
        for r, name in enumerate(rows):
            y = area.top() + (r + 1) * (row_h + gap)
            box(area.left(), y, head_w, name, True)
            for c in range(len(cols)):
                box(area.left() + head_w + gap + c * (cell_w + gap), y, cell_w, "", False)
        painter.end()
