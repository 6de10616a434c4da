"""Pasting from the clipboard: data that cannot be read as cards falls back to its text."""

from __future__ import annotations

from PySide6.QtCore import QMimeData

from trustboard.ui import clipboard


def test_deeply_nested_clipboard_data_falls_back_to_its_text(qapp: object) -> None:
    mime = QMimeData()
    mime.setData(clipboard.MIME, b"[" * 100_000 + b"]" * 100_000)
    mime.setText("plain words")
    cards = clipboard.cards_from_mime(mime, {"evidence"})
    assert [c.text for c in cards] == ["plain words"]
