"""A card's text as the board draws it: wrapped to the note, cut with an ellipsis."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFontMetricsF, QTextLayout, QTextOption

from trustboard.ui.theme import BoardTheme


def initials(name: str) -> str:
    parts = [p for p in name.replace("-", " ").split() if p]
    return "".join(p[0] for p in parts[:3]).upper()


def wrap(text: str, font_px: float, theme: BoardTheme, width: float, height: float,
         *, bold: bool = False) -> tuple[list[tuple[float, str]], bool]:  # fmt: skip
    """Lines (baseline y, text) that fit the box, and whether text was cut off (the last
    line then ends in "…", the sign that there is more)."""
    font = theme.font(font_px, bold=bold)
    metrics = QFontMetricsF(font)
    lines: list[tuple[float, str]] = []
    y = 0.0
    cut = False
    option = QTextOption()
    option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
    option.setTextDirection(Qt.LayoutDirection.LayoutDirectionAuto)
    for paragraph in text.split("\n"):
        layout = QTextLayout(paragraph, font)
        layout.setTextOption(option)
        layout.beginLayout()
        while True:
            line = layout.createLine()
            if not line.isValid():
                break
            line.setLineWidth(width)
            if lines and y + metrics.height() > height:  # the first line always shows
                cut = True
                break
            chunk = paragraph[line.textStart() : line.textStart() + line.textLength()]
            lines.append((y + metrics.ascent(), chunk.rstrip()))
            y += metrics.lineSpacing()
        layout.endLayout()
        if cut:
            break
    if cut and lines:
        y_last, last = lines[-1]
        lines[-1] = (y_last, metrics.elidedText(last + " …", Qt.TextElideMode.ElideRight, width))
    return lines, cut
