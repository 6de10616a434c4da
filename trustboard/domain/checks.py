"""Checks of one value against a limit, each naming the field and the limit when it fails.

Used by the codec on load, by framework and workshop validation, and so by every edit.
"""

from __future__ import annotations

import math
from collections.abc import Sized

from trustboard.domain.errors import ValidationError
from trustboard.i18n import _, format_number


def amount(limit: float) -> str:
    """A limit as people read it: 1,000,000,000,000 rather than 1e+12."""
    if float(limit).is_integer():
        return format_number(limit, 0)
    return format_number(float(f"{limit:g}"))


def check_text(value: str, where: str, limit: int, what: str) -> None:
    """Refuse text over `limit` characters or holding a broken character (a lone surrogate)."""
    if len(value) > limit:
        raise ValidationError(
            where,
            # Translators: {what} names a field, e.g. "the framework's name".
            _("{what} is {n} characters; at most {most} are allowed").format(
                what=what, n=format_number(len(value), 0), most=format_number(limit, 0)
            ),
        )
    if not is_valid_text(value):
        raise ValidationError(
            where,
            # Translators: {what} names a field, e.g. "the framework's name".
            _("{what} is not valid text (it holds a broken character)").format(what=what),
        )


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
        raise ValidationError(
            where,
            # Translators: {what} names the items in the plural, e.g. "elements".
            _("{n} {what}; at most {most} are allowed").format(
                n=format_number(len(items), 0), what=what, most=format_number(limit, 0)
            ),
        )


def check_number(value: float, where: str, limit: float, what: str) -> None:
    """Refuse NaN, infinity and numbers beyond +/- `limit`."""
    if not math.isfinite(value):
        raise ValidationError(
            where, _("{what} must be a number, not {value}").format(what=what, value=value)
        )
    if abs(value) > limit:
        raise ValidationError(
            where,
            _("{what} is {value}; it must lie within ±{most}").format(
                what=what, value=f"{value:,g}", most=amount(limit)
            ),
        )


def shown(value: int) -> str:
    """A whole number for a message; a huge one is not spelt out (nor converted to text)."""
    if abs(value) >= 10**15:
        return _("a number with more than 15 digits")
    return str(value)


def quoted(value: str, most: int = 40) -> str:
    """Text quoted in a message, cut short so a hostile value cannot flood it."""
    return repr(value if len(value) <= most else value[: most - 1] + "…")
