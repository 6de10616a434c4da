"""The join code beside the board: scannable from the back row, crisp, never over the cell."""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtGui import QColor, QImage
from pytestqt.qtbot import QtBot

from trustboard.ui.room.overlay import QUIET_ZONE, RoomNotice, RoomOverlay, qr_matrix

URL = "http://192.168.100.200:54321/abcdefghijklmnopqrstuvwxyz"


def dark(image: QImage, x: int, y: int) -> bool:
    return QColor(image.pixel(x, y)).lightness() < 128


def test_the_painted_code_is_the_qr_matrix_module_for_module_with_its_quiet_zone(
    qtbot: QtBot,
) -> None:
    overlay = RoomOverlay()
    qtbot.addWidget(overlay)
    overlay.show_notice(RoomNotice(url=URL, phones=3))
    overlay.fit(QSize(1280, 600))  # a 1280×720 projector under the presenter bar
    image = overlay.grab().toImage()
    matrix = qr_matrix(URL)
    rect = overlay.qr_rect()
    n = len(matrix)
    module = rect.width() // n
    assert module * n == rect.width(), "whole pixels per module: every edge crisp"
    for r, row in enumerate(matrix):
        for c, is_dark in enumerate(row):
            # every pixel of the module, not just its middle: no blur, no seams
            for dx, dy in ((0, 0), (module - 1, module - 1), (module // 2, module // 2)):
                x, y = rect.x() + c * module + dx, rect.y() + r * module + dy
                assert dark(image, x, y) == is_dark, (r, c)
    assert not any(matrix[0]) and not any(row[QUIET_ZONE - 1] for row in matrix)


def test_the_code_is_large_enough_to_scan_from_the_back_of_the_room(qtbot: QtBot) -> None:
    overlay = RoomOverlay()
    qtbot.addWidget(overlay)
    overlay.show_notice(RoomNotice(url=URL, phones=12, waiting=7))
    overlay.fit(QSize(1280, 600))  # 1280×720, presenter bar and margins taken off
    n = len(overlay.matrix)
    code = overlay.qr_rect().width() * (n - 2 * QUIET_ZONE) // n  # the dark part alone
    assert code >= 240 and overlay.height() <= 600
    overlay.fit(QSize(1920, 960))  # 1920×1080
    assert overlay.qr_rect().width() * (n - 2 * QUIET_ZONE) // n >= 380
    overlay.fit(QSize(560, 700))  # a small window: the board keeps most of its width
    assert overlay.width() <= 560 * 0.45


def test_the_overlay_says_address_phones_phase_and_waiting_cards(qtbot: QtBot) -> None:
    overlay = RoomOverlay()
    qtbot.addWidget(overlay)
    overlay.show_notice(RoomNotice(url=URL, phones=1, phase="Write", waiting=7, pin="0420"))
    said = overlay.lines_text()
    assert "192.168.100.200:54321" in said
    assert "1 phone in · Write" in said and "7 cards waiting" in said and "PIN 0420" in said
    assert overlay.token() == "/abcdefghijklmnopqrstuvwxyz"
