"""Checks of one value against a limit, each naming the field and the limit when it fails.

Used by the codec on load, by framework and workshop validation, and so by every edit.
"""

from __future__ import annotations

import math
from collections.abc import Sized

from trustboard.domain.errors import ValidationError


def amount(limit: float) -> str:
    """A limit as people read it: 1,000,000,000,000 rather than 1e+12."""
    return f"{limit:,.0f}" if float(limit).is_integer() else f"{limit:,g}"


def check_text(value: str, where: str, limit: int, what: str) -> None:
    """Refuse text over `limit` characters or holding a broken character (a lone surrogate)."""
    if len(value) > limit:
        raise ValidationError(
            where, f"{what} is {len(value):,} characters; at most {limit:,} are allowed"
        )
    if not is_valid_text(value):
        raise ValidationError(where, f"{what} is not valid text (it holds a broken character)")


def is_valid_text(value: str) -> bool:
    """False when the text holds a lone surrogate, which no file or PDF can carry."""
    if value.isascii():  # the common case, checked in C without a copy
        return True
    try:
        value.encode("utf-8")  # far faster than a regex search over long texts
    except UnicodeEncodeError:
        return False
    return True


def check_count(items: Sized, where: str, limit: int, what: str) -> None:
    """Refuse a list of more than `limit` items; `what` names them, e.g. "elements"."""
    if len(items) > limit:
        raise ValidationError(where, f"{len(items):,} {what}; at most {limit:,} are allowed")


def check_number(value: float, where: str, limit: float, what: str) -> None:
    """Refuse NaN, infinity and numbers beyond +/- `limit`."""
    if not math.isfinite(value):
        raise ValidationError(where, f"{what} must be a number, not {value}")
    if abs(value) > limit:
        raise ValidationError(where, f"{what} is {value:,g}; it must lie within ±{amount(limit)}")


def shown(value: int) -> str:
    """A whole number for a message; a huge one is not spelt out (nor converted to text)."""
    if abs(value) >= 10**15:
        return "a number with more than 15 digits"
    return str(value)


def quoted(value: str, most: int = 40) -> str:
    """Text quoted in a message, cut short so a hostile value cannot flood it."""
    return repr(value if len(value) <= most else value[: most - 1] + "…")
