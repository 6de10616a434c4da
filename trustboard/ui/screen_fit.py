"""Opening sizes that fit the screen: on a 1280×720 projector (less its taskbar) no window
or dialog may open larger than the screen, title bar included."""

from __future__ import annotations

from PySide6.QtCore import QRect, QSize
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget

# The title bar and borders around a window's client area, which resize() does not count.
FRAME = QSize(16, 40)


def fitted_size(preferred: QSize, available: QRect) -> QSize:
    """`preferred`, made no larger than the `available` screen area less a window frame."""
    room = QSize(available.width() - FRAME.width(), available.height() - FRAME.height())
    return preferred.boundedTo(room)


def open_size(window: QWidget, width: int, height: int) -> None:
    """Resize a top-level `window` to width×height, or less where its screen is smaller."""
    screen = window.screen() or QGuiApplication.primaryScreen()
    if screen is None:  # no screen at all: nothing to fit
        window.resize(width, height)
        return
    window.resize(fitted_size(QSize(width, height), screen.availableGeometry()))
