"""Score keys by where they sit, not by what they type: the top row scores on any layout.

A French (AZERTY) keyboard types `& é " ' ( - è _ ç à` on the top row and needs Shift for
the digits, so the digit shortcuts never fire there. The key's position is in the native
scan code (Linux, Windows) or virtual key (macOS), which no layout changes. The numpad's
digits already reach the digit shortcuts (Qt drops the keypad modifier when matching).
"""

from __future__ import annotations

import sys

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent

# The top row, left to right: the keys that type 1, 2, ..., 9, 0 on a US keyboard.
_TOP_ROW = (1, 2, 3, 4, 5, 6, 7, 8, 9, 0)
# XKB key codes (X11 and Wayland): evdev's KEY_1..KEY_0 (2..11) plus 8.
_XKB = {code: digit for code, digit in zip(range(10, 20), _TOP_ROW, strict=True)}
# Windows set-1 scan codes.
_WINDOWS = {code: digit for code, digit in zip(range(0x02, 0x0C), _TOP_ROW, strict=True)}
# macOS virtual key codes kVK_ANSI_1 .. kVK_ANSI_0 (not in key order on the Mac either).
_MAC = dict(zip((0x12, 0x13, 0x14, 0x15, 0x17, 0x16, 0x1A, 0x1C, 0x19, 0x1D), _TOP_ROW,
                strict=True))  # fmt: skip

# Shift picks the customers' score on the rating box; Ctrl, Alt and Meta make other keys.
_NOT_A_SCORE = (
    Qt.KeyboardModifier.ShiftModifier
    | Qt.KeyboardModifier.ControlModifier
    | Qt.KeyboardModifier.AltModifier
    | Qt.KeyboardModifier.MetaModifier
)


def top_row_digit(scan_code: int, virtual_key: int, platform: str = sys.platform) -> int | None:
    """The digit a US keyboard prints on the key at this position, None off the top row."""
    if platform == "darwin":
        return _MAC.get(virtual_key)
    if platform == "win32":
        return _WINDOWS.get(scan_code)
    return _XKB.get(scan_code)


def score_digit(event: QKeyEvent) -> int | None:
    """The score a plain press of a top-row key means, whatever the layout types there."""
    if event.modifiers() & _NOT_A_SCORE:
        return None
    return top_row_digit(event.nativeScanCode(), event.nativeVirtualKey())
