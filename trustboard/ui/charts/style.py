"""Chart colours and type sizes for a projector: colour-blind-safe, large, on white. No pyqtgraph."""

from __future__ import annotations

from PySide6.QtCore import QLocale
from PySide6.QtGui import QColor

# Pixel sizes: readable from the back of a meeting room on a 1280 × 800 projector.
TITLE_PX = 26
AXIS_LABEL_PX = 20
TICK_PX = 18
VALUE_PX = 36  # numbers drawn inside heatmap cells
VALUE_CAPTION_PX = 18
BAR_LABEL_PX = 18
LEGEND_PX = 18

INK = "#111111"
MUTED = "#555555"
EMPTY_HATCH = "#8a8a8a"  # hatching over a cell nobody scored
GRID_LINE = "#ffffff"

# Okabe & Ito (2008): distinguishable with every common colour-vision deficiency.
# Ordered for a white background: the pale yellow goes last.
OKABE_ITO = (
    "#0072B2",  # blue
    "#E69F00",  # orange
    "#009E73",  # bluish green
    "#CC79A7",  # reddish purple
    "#56B4E9",  # sky blue
    "#D55E00",  # vermillion
    "#000000",  # black
    "#F0E442",  # yellow
)
# Marker shapes and dash styles paired with the colours, so no line relies on colour alone.
SYMBOLS = ("o", "s", "t", "d", "star", "t1", "p", "h", "x", "+")

HIGHLIGHT = "#D55E00"  # vermillion: the weakest leg, contested cells
CALM = "#0072B2"  # blue: everything else that is plotted
BACKGROUND_BAR = "#BBBBBB"

# ColorBrewer RdBu (5 classes): red for low, white in the middle, blue for high.
RDBU = ("#ca0020", "#f4a582", "#f7f7f7", "#92c5de", "#0571b0")


def colour(i: int) -> str:
    return OKABE_ITO[i % len(OKABE_ITO)]


def symbol(i: int) -> str:
    return SYMBOLS[i % len(SYMBOLS)]


def blend(t: float, stops: tuple[str, ...] = RDBU) -> QColor:
    """The colour at `t` (0..1, clipped) along evenly spaced `stops`."""
    t = min(1.0, max(0.0, t))
    pos = t * (len(stops) - 1)
    i = min(int(pos), len(stops) - 2)
    u = pos - i
    a, b = QColor(stops[i]), QColor(stops[i + 1])
    return QColor(
        round(a.red() + (b.red() - a.red()) * u),
        round(a.green() + (b.green() - a.green()) * u),
        round(a.blue() + (b.blue() - a.blue()) * u),
    )


def ink_on(background: QColor) -> str:
    """Black or white text, whichever reads better on `background` (WCAG luminance)."""

    def channel(c: int) -> float:
        s = c / 255
        return s / 12.92 if s <= 0.03928 else ((s + 0.055) / 1.055) ** 2.4

    lum = (
        0.2126 * channel(background.red())
        + 0.7152 * channel(background.green())
        + 0.0722 * channel(background.blue())
    )
    return "#ffffff" if lum < 0.23 else INK


def fmt(value: float | None, *, signed: bool = False) -> str:
    """A score for a chart: whole numbers without decimals, a true minus sign."""
    if value is None:
        return "–"
    text = f"{value:.0f}" if value == int(value) else f"{value:.1f}"
    text = text.replace(".", QLocale().decimalPoint())
    if signed and value > 0:
        text = "+" + text
    return text.replace("-", "−")
