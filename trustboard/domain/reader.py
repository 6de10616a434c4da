"""Strict reading of plain dicts from a file or a template: every wrong type, unknown key,
huge number or broken date raises ValidationError naming the key path."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from trustboard.domain.checks import amount, check_count, check_number, shown
from trustboard.domain.errors import ValidationError


class Reader:
    """Typed access to one mapping, naming `path.key` in every error."""

    def __init__(self, data: object, path: str, allowed: set[str]) -> None:
        if not isinstance(data, Mapping):
            raise ValidationError(path, f"expected a table, found {type_name(data)}")
        unknown = sorted(set(data) - allowed)
        if unknown:
            raise ValidationError(join(path, str(unknown[0])), "unknown key")
        self.data = data
        self.path = path

    def at(self, key: str) -> str:
        return join(self.path, key)

    def text(self, key: str, default: str | None = None) -> str:
        value = self._get(key, default)
        if not isinstance(value, str):
            raise ValidationError(self.at(key), f"expected text, found {type_name(value)}")
        return value

    def flag(self, key: str, default: bool | None = None) -> bool:
        value = self._get(key, default)
        if not isinstance(value, bool):
            raise ValidationError(self.at(key), f"expected true/false, found {type_name(value)}")
        return value

    def whole(self, key: str, default: int | None = None, *, lo: int, hi: int) -> int:
        """A whole number from `lo` to `hi`: files hold small ones, never 10**400."""
        value = self._get(key, default)
        if isinstance(value, bool) or not isinstance(value, int):
            raise ValidationError(
                self.at(key), f"expected a whole number, found {type_name(value)}"
            )
        if not lo <= value <= hi:
            raise ValidationError(
                self.at(key), f"{shown(value)} is not a whole number from {lo:,} to {hi:,}"
            )
        return value

    def num(
        self, key: str, default: float | None = None, *, limit: float, optional: bool = False
    ) -> Any:
        """A finite number within +/- `limit`; NaN, infinity and 10**400 are refused."""
        value = self._get(key, default, optional=optional)
        if value is None and optional:
            return None
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise ValidationError(self.at(key), f"expected a number, found {type_name(value)}")
        try:
            number = float(value)
        except OverflowError:  # a whole number too large for any calculation
            raise ValidationError(
                self.at(key), f"the number is too large; it must lie within ±{amount(limit)}"
            ) from None
        check_number(number, self.at(key), limit, "the number")
        return number

    def items(
        self, key: str, default: list[Any] | None = None, *, most: int | None = None
    ) -> list[Any]:
        """A list, refused early when it holds more than `most` items."""
        value = self._get(key, default)
        if not isinstance(value, list):
            raise ValidationError(self.at(key), f"expected a list, found {type_name(value)}")
        if most is not None:
            check_count(value, self.at(key), most, "items")
        return value

    def raw(self, key: str, default: Any = None) -> Any:
        return self.data.get(key, default)

    def _get(self, key: str, default: Any, *, optional: bool = False) -> Any:
        if key in self.data:
            return self.data[key]
        if default is None and not optional:
            raise ValidationError(self.at(key), "is missing")
        return default


def join(path: str, key: str) -> str:
    return f"{path}.{key}" if path else key


def type_name(value: object) -> str:
    return {
        dict: "a table",
        list: "a list",
        str: "text",
        int: "a number",
        float: "a number",
        bool: "true/false",
        type(None): "nothing",
    }.get(type(value), type(value).__name__)


def date_from(r: Reader, key: str) -> dt.date | None:
    value = r.raw(key)
    if value is None:
        return None
    if not isinstance(value, str):
        raise ValidationError(r.at(key), f"expected a date, found {type_name(value)}")
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise ValidationError(r.at(key), f"{value!r} is not a date like 2026-03-31") from None


def enum_from(r: Reader, key: str, enum: Any, default: str | None = None) -> Any:
    value = r.text(key, default)
    try:
        return enum(value)
    except ValueError:
        choices = ", ".join(m.value for m in enum)
        raise ValidationError(r.at(key), f"{value!r} is not one of: {choices}") from None
