"""Colours and type for the board: readable on a washed-out projector, safe for colour-blindness."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtGui import QColor, QFont, QGuiApplication, QPalette

# Low ratings warm, high ratings cool (ColorBrewer RdBu, light end): red/green-free.
_TINT_LOW = QColor("#f4a582")
_TINT_MID = QColor("#f7f7f7")
_TINT_HIGH = QColor("#92c5de")


@dataclass(frozen=True)
class BoardTheme:
    name: str
    background: QColor
    cell: QColor
    cell_border: QColor
    current_border: QColor
    header: QColor
    header_text: QColor
    muted_text: QColor
    card_text: QColor
    card_border: QColor
    font_family: str = ""
    scale: float = 1.0  # presenter mode draws text larger

    def font(self, pixel_size: float, *, bold: bool = False) -> QFont:
        f = QFont(self.font_family) if self.font_family else QFont()
        f.setPixelSize(max(6, round(pixel_size * self.scale)))
        f.setBold(bold)
        return f


LIGHT = BoardTheme(
    name="light",
    background=QColor("#e9edf2"),
    cell=QColor("#ffffff"),
    cell_border=QColor("#b8c2cc"),
    current_border=QColor("#0b5cad"),
    header=QColor("#1f3a5f"),
    header_text=QColor("#ffffff"),
    muted_text=QColor("#44505c"),
    card_text=QColor("#111111"),
    card_border=QColor("#00000040"),
)

DARK = BoardTheme(
    name="dark",
    background=QColor("#1e2227"),
    cell=QColor("#2b3138"),
    cell_border=QColor("#4a5561"),
    current_border=QColor("#6cb6ff"),
    header=QColor("#33465e"),
    header_text=QColor("#f2f5f8"),
    muted_text=QColor("#b9c3cd"),
    card_text=QColor("#111111"),
    card_border=QColor("#00000060"),
)

# Projectors wash out dark themes and pale colours: white ground, black text, thick lines.
HIGH_CONTRAST = BoardTheme(
    name="high-contrast",
    background=QColor("#ffffff"),
    cell=QColor("#ffffff"),
    cell_border=QColor("#000000"),
    current_border=QColor("#0000cc"),
    header=QColor("#000000"),
    header_text=QColor("#ffffff"),
    muted_text=QColor("#000000"),
    card_text=QColor("#000000"),
    card_border=QColor("#000000"),
)


def high_contrast_palette() -> QPalette:
    """Black on white for every widget, with a strong blue for what is selected or current.

    Panels, lists and fields follow the board: a projector washes out grey-on-grey and dark
    schemes. Disabled text stays dark grey, still readable from the back of the room.
    """
    black, white, blue = QColor("#000000"), QColor("#ffffff"), QColor("#0000cc")
    palette = QPalette(white)  # derives button shades from white; the rest is set below
    role = QPalette.ColorRole
    for r, colour in (
        (role.Window, white),
        (role.WindowText, black),
        (role.Base, white),
        (role.AlternateBase, QColor("#eeeeee")),
        (role.Text, black),
        (role.Button, white),
        (role.ButtonText, black),
        (role.BrightText, white),
        (role.Highlight, blue),
        (role.HighlightedText, white),
        (role.ToolTipBase, white),
        (role.ToolTipText, black),
        (role.PlaceholderText, QColor("#333333")),
        (role.Link, blue),
        (role.Light, white),
        (role.Midlight, QColor("#dddddd")),
        (role.Mid, QColor("#555555")),
        (role.Dark, black),
        (role.Shadow, black),
    ):
        palette.setColor(r, colour)
    grey = QColor("#555555")
    for r in (role.WindowText, role.Text, role.ButtonText):
        palette.setColor(QPalette.ColorGroup.Disabled, r, grey)
    return palette


def system_theme() -> BoardTheme:
    """Light or dark, following the desktop."""
    app = QGuiApplication.instance()
    if isinstance(app, QGuiApplication):
        window = app.palette().color(QPalette.ColorRole.Window)
        if window.lightness() < 128:
            return DARK
    return LIGHT


def rating_tint(value: float | None, low: int, high: int, base: QColor) -> QColor:
    """A cell's background for a rating on the scale; `base` when unrated."""
    if value is None or high <= low:
        return base
    t = (value - low) / (high - low)
    a, b, u = (_TINT_LOW, _TINT_MID, t * 2) if t < 0.5 else (_TINT_MID, _TINT_HIGH, t * 2 - 1)
    return QColor(
        round(a.red() + (b.red() - a.red()) * u),
        round(a.green() + (b.green() - a.green()) * u),
        round(a.blue() + (b.blue() - a.blue()) * u),
    )
