"""Guard against a Qt binding that corrupts reference counts (PySide6 6.12.0 did)."""

from __future__ import annotations

import sys

from PySide6.QtGui import QFont


def test_void_methods_do_not_drop_references_to_none(qapp: object) -> None:
    font = QFont()
    before = sys.getrefcount(None)
    for _ in range(20_000):
        font.setPixelSize(13)
        font.setBold(True)
    # Other threads may hold or drop a few references meanwhile; a leak is 40,000.
    assert abs(sys.getrefcount(None) - before) < 1_000
