"""Strict reading of plain dicts from a file or a template: every wrong type, unknown key,
huge number or broken date raises ValidationError naming the key path."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from trustboard.domain.checks import amount, check_count, check_number, shown
from trustboard.domain.errors import ValidationError
from trustboard.i18n import N_, _, format_number


class Reader:
    """Typed access to one mapping, naming `path.key` in every error."""

    def __init__(self, data: object, path: str, allowed: set[str]) -> None:
        if not isinstance(data, Mapping):
            raise ValidationError(
                path, _("expected a table, found {kind}").format(kind=type_name(data))
            )
        unknown = sorted(set(data) - allowed)
        if unknown:
            raise ValidationError(join(path, str(unknown[0])), _("unknown key"))
        self.data = data
        self.path = path

    def at(self, key: str) -> str:
        return join(self.path, key)

    def text(self, key: str, default: str | None = None) -> str:
        value = self._get(key, default)
        if not isinstance(value, str):
            raise ValidationError(
                self.at(key), _("expected text, found {kind}").format(kind=type_name(value))
            )
        return value

    def flag(self, key: str, default: bool | None = None) -> bool:
        value = self._get(key, default)
        if not isinstance(value, bool):
            raise ValidationError(
                self.at(key), _("expected true/false, found {kind}").format(kind=type_name(value))
            )
        return value

    def whole(self, key: str, default: int | None = None, *, lo: int, hi: int) -> int:
        """A whole number from `lo` to `hi`: files hold small ones, never 10**400."""
        value = self._get(key, default)
        if isinstance(value, bool) or not isinstance(value, int):
            raise ValidationError(
                self.at(key),
                _("expected a whole number, found {kind}").format(kind=type_name(value)),
            )
        if not lo <= value <= hi:
            raise ValidationError(
                self.at(key),
                _("{value} is not a whole number from {lo} to {hi}").format(
                    value=shown(value), lo=format_number(lo, 0), hi=format_number(hi, 0)
                ),
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
            raise ValidationError(
                self.at(key), _("expected a number, found {kind}").format(kind=type_name(value))
            )
        try:
            number = float(value)
        except OverflowError:  # a whole number too large for any calculation
            raise ValidationError(
                self.at(key),
                _("the number is too large; it must lie within ±{most}").format(most=amount(limit)),
            ) from None
        check_number(number, self.at(key), limit, _("the number"))
        return number

    def items(
        self, key: str, default: list[Any] | None = None, *, most: int | None = None
    ) -> list[Any]:
        """A list, refused early when it holds more than `most` items."""
        value = self._get(key, default)
        if not isinstance(value, list):
            raise ValidationError(
                self.at(key), _("expected a list, found {kind}").format(kind=type_name(value))
            )
        if most is not None:
            check_count(value, self.at(key), most, _("items"))
        return value

    def raw(self, key: str, default: Any = None) -> Any:
        return self.data.get(key, default)

    def _get(self, key: str, default: Any, *, optional: bool = False) -> Any:
        if key in self.data:
            return self.data[key]
        if default is None and not optional:
            raise ValidationError(self.at(key), _("is missing"))
        return default


def join(path: str, key: str) -> str:
    return f"{path}.{key}" if path else key


def type_name(value: object) -> str:
    name = _TYPE_NAMES.get(type(value))
    return _(name) if name else type(value).__name__


_TYPE_NAMES: dict[type, str] = {
    dict: N_("a table"),
    list: N_("a list"),
    str: N_("text"),
    int: N_("a number"),
    float: N_("a number"),
    bool: N_("true/false"),
    type(None): N_("nothing"),
}


def date_from(r: Reader, key: str) -> dt.date | None:
    value = r.raw(key)
    if value is None:
        return None
    if not isinstance(value, str):
        raise ValidationError(
            r.at(key), _("expected a date, found {kind}").format(kind=type_name(value))
        )
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise ValidationError(
            r.at(key), _("{value} is not a date like 2026-03-31").format(value=repr(value))
        ) from None


def enum_from(r: Reader, key: str, enum: Any, default: str | None = None) -> Any:
    value = r.text(key, default)
    try:
        return enum(value)
    except ValueError:
        choices = ", ".join(m.value for m in enum)
        raise ValidationError(
            r.at(key),
            _("{value} is not one of: {choices}").format(value=repr(value), choices=choices),
        ) from None
