"""The timebox: a countdown the whole room can see, with an end signal nobody misses."""

from __future__ import annotations

import math

from PySide6.QtCore import QElapsedTimer, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QPainter, QPaintEvent
from PySide6.QtWidgets import QWidget


class Timebox(QObject):
    """Counts down `minutes`; start/pause/reset; `expired` once when it reaches zero."""

    ticked = Signal(int)  # seconds left (negative once over time)
    expired = Signal()
    running_changed = Signal(bool)

    def __init__(self, minutes: float = 10, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.duration_ms = int(minutes * 60_000)
        self._elapsed_before = 0
        self._clock = QElapsedTimer()
        self._tick = QTimer(self)
        self._tick.setInterval(200)
        self._tick.timeout.connect(self._on_tick)
        self._expired = False

    @property
    def running(self) -> bool:
        return self._clock.isValid()

    def elapsed_ms(self) -> int:
        return self._elapsed_before + (self._clock.elapsed() if self._clock.isValid() else 0)

    def remaining_s(self) -> int:
        return math.ceil((self.duration_ms - self.elapsed_ms()) / 1000)

    def set_minutes(self, minutes: float) -> None:
        self.duration_ms = int(minutes * 60_000)
        self.reset()

    def start(self) -> None:
        if not self.running:
            self._clock.start()
            self._tick.start()
            self.running_changed.emit(True)
            self._on_tick()

    def pause(self) -> None:
        if self.running:
            self._elapsed_before += self._clock.elapsed()
            self._clock.invalidate()
            self._tick.stop()
            self.running_changed.emit(False)
            self._on_tick()

    def toggle(self) -> None:
        self.pause() if self.running else self.start()

    def reset(self) -> None:
        was_running = self.running
        self._clock.invalidate()
        self._tick.stop()
        self._elapsed_before = 0
        self._expired = False
        if was_running:
            self.running_changed.emit(False)
        self.ticked.emit(self.remaining_s())

    def _on_tick(self) -> None:
        left = self.remaining_s()
        self.ticked.emit(left)
        if left <= 0 and not self._expired:
            self._expired = True
            self.expired.emit()


def format_seconds(seconds: int) -> str:
    sign = "−" if seconds < 0 else ""
    m, s = divmod(abs(seconds), 60)
    return f"{sign}{m:d}:{s:02d}"


class TimerBadge(QWidget):
    """The countdown drawn large; flashes red and white when time is up."""

    def __init__(self, timebox: Timebox, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.timebox = timebox
        self.setObjectName("timerBadge")
        self.setAccessibleName("Timebox")
        self.setToolTip("Timebox — Ctrl+Shift+Space starts or pauses, Ctrl+Shift+R resets")
        self.text = format_seconds(timebox.remaining_s())
        self.flashing = False
        self._flash_on = False
        self._flash = QTimer(self)
        self._flash.setInterval(400)
        self._flash.timeout.connect(self._toggle_flash)
        self.pixel_size = 30
        timebox.ticked.connect(self._on_tick)
        timebox.expired.connect(self.start_flash)
        self.setMinimumSize(150, 56)

    def set_large(self, large: bool) -> None:
        self.pixel_size = 64 if large else 30
        self.setMinimumSize(300 if large else 150, 110 if large else 56)
        self.adjustSize()
        self.update()

    def _on_tick(self, seconds: int) -> None:
        self.text = format_seconds(seconds)
        if seconds > 0 and self.flashing:
            self.stop_flash()
        self.setAccessibleDescription(f"{self.text} left")
        self.update()

    def start_flash(self) -> None:
        self.flashing = True
        self._flash.start()
        self.update()

    def stop_flash(self) -> None:
        self.flashing = False
        self._flash_on = False
        self._flash.stop()
        self.update()

    def _toggle_flash(self) -> None:
        self._flash_on = not self._flash_on
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt override
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        if self.flashing:
            bg, fg = (
                (QColor("#c00000"), QColor("#ffffff"))
                if self._flash_on
                else (QColor("#ffffff"), QColor("#c00000"))
            )
        elif self.timebox.running:
            bg, fg = QColor("#1f3a5f"), QColor("#ffffff")
        else:
            bg, fg = QColor("#dfe5ec"), QColor("#1f3a5f")
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(bg)
        painter.drawRoundedRect(self.rect().adjusted(1, 1, -1, -1), 12, 12)
        font = painter.font()
        font.setPixelSize(self.pixel_size)
        font.setBold(True)
        painter.setFont(font)
        painter.setPen(fg)
        label = ("Time's up " if self.flashing else "") + self.text
        painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, label)
