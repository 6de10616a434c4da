"""The timebox: a countdown the whole room can see, with an end signal nobody misses."""

from __future__ import annotations

import math

from PySide6.QtCore import QElapsedTimer, QObject, QRect, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QFont, QFontMetrics, QKeySequence, QPainter, QPaintEvent
from PySide6.QtWidgets import QSizePolicy, QWidget

from trustboard.i18n import _


class Timebox(QObject):
    """Counts down `minutes`; start/pause/reset; `expired` once when it reaches zero."""

    ticked = Signal(int)  # seconds left (negative once over time)
    expired = Signal()
    running_changed = Signal(bool)
    title_changed = Signal(str)

    def __init__(self, minutes: float = 10, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.title = ""  # what the time is for, e.g. the agenda step "2/5 Reflect"
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

    def set_title(self, title: str) -> None:
        if title != self.title:
            self.title = title
            self.title_changed.emit(title)

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


def times_up() -> str:
    """What the badge shows before the time it is over by: "Time's up −0:12"."""
    # Translators: before the minutes the timebox is over by; keep the trailing space
    return _("Time's up ")


def _widest_label() -> str:
    """The widest countdown label the badge must hold without clipping."""
    return times_up() + "−8:88"


_PADDING = 12  # each side


def _native(keys: str) -> str:
    """Keys as the platform and language write them ("Strg+Umschalt+R")."""
    return QKeySequence(keys).toString(QKeySequence.SequenceFormat.NativeText)


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
        self.setAccessibleName(_("Timebox"))
        self.setToolTip(
            _("Timebox — {start} starts or pauses, {reset} resets").format(
                start=_native("Ctrl+Shift+Space"), reset=_native("Ctrl+Shift+R")
            )
        )
        self.text = format_seconds(timebox.remaining_s())
        self.flashing = False
        self._flash_on = False
        self._flash = QTimer(self)
        self._flash.setInterval(400)
        self._flash.timeout.connect(self._toggle_flash)
        self.pixel_size = 28
        timebox.ticked.connect(self._on_tick)
        timebox.expired.connect(self.start_flash)
        timebox.title_changed.connect(self._on_title)
        self.setMinimumSize(150, 56)
        # Never squeezed below its size hint: a crowded toolbar folds its tail away instead.
        self.setSizePolicy(QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Preferred)

    def set_large(self, large: bool) -> None:
        self.pixel_size = 64 if large else 28
        self.setMinimumSize(300 if large else 150, 110 if large else 56)
        self.updateGeometry()
        self.adjustSize()
        self.update()

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt override
        """Room for "Time's up −8:88" at full size, so the end signal is never clipped and
        the toolbar does not jump when time runs out."""
        font = self._font(self.pixel_size, bold=True)
        width = QFontMetrics(font).horizontalAdvance(_widest_label()) + 2 * _PADDING
        return QSize(max(width, self.minimumWidth()), self.minimumHeight())

    def label(self) -> str:
        return (times_up() if self.flashing else "") + self.text

    def _font(self, pixel_size: int, *, bold: bool) -> QFont:
        font = QFont(self.font())
        font.setPixelSize(max(1, pixel_size))
        font.setBold(bold)
        return font

    def _title_height(self) -> int:
        return self.pixel_size // 2 + 4 if self.timebox.title else 0

    def title_font(self) -> QFont:
        return self._fitted(self.timebox.title, self.pixel_size // 2, bold=False)

    def label_font(self) -> QFont:
        """The countdown's font: full size, smaller only when the badge is squeezed narrower
        or lower than its size hint (the label is shrunk, never cut)."""
        height_room = self.height() - self._title_height() - 4
        return self._fitted(self.label(), min(self.pixel_size, height_room), bold=True)

    def _fitted(self, text: str, pixel_size: int, *, bold: bool) -> QFont:
        room = self.width() - 2 * _PADDING
        font = self._font(pixel_size, bold=bold)
        while pixel_size > 8 and QFontMetrics(font).horizontalAdvance(text) > room:
            pixel_size -= 1
            font = self._font(pixel_size, bold=bold)
        return font

    def _on_title(self, title: str) -> None:
        self.setAccessibleName(
            _("Timebox — {title}").format(title=title) if title else _("Timebox")
        )
        self.update()

    def _on_tick(self, seconds: int) -> None:
        self.text = format_seconds(seconds)
        if seconds > 0 and self.flashing:
            self.stop_flash()
        self.setAccessibleDescription(_("{time} left").format(time=self.text))
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
        painter.setPen(fg)
        title_h = self._title_height()
        if title_h:
            painter.setFont(self.title_font())
            top = QRect(0, 2, self.width(), title_h)
            painter.drawText(top, Qt.AlignmentFlag.AlignCenter, self.timebox.title)
        painter.setFont(self.label_font())
        rest = self.rect().adjusted(0, title_h, 0, 0)
        painter.drawText(rest, Qt.AlignmentFlag.AlignCenter, self.label())
