"""Numbers in fields, read and shown with the user's locale (QLocale's separators)."""

from __future__ import annotations

from PySide6.QtCore import QLocale

from trustboard.domain import numbers


def parse_number(text: str, unit: str = "", locale: QLocale | None = None) -> float | None:
    """What people type, read with `locale` (the user's by default): "1.250" is 1250 for a
    German user. None for an empty field; ValueError with a message for the room."""
    loc = QLocale() if locale is None else locale
    return numbers.parse_number(text, unit, decimal=loc.decimalPoint(), group=loc.groupSeparator())


def format_number(value: float, locale: QLocale | None = None) -> str:
    """`value` as a field shows it, so that `parse_number` reads back the same value."""
    loc = QLocale() if locale is None else locale
    return numbers.format_number(value, decimal=loc.decimalPoint())
