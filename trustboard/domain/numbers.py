"""Numbers as people type them and read them back, with their locale's separators.

The caller passes the locale's decimal sign and digit-group separator (the UI takes them
from QLocale), so "1.250" is 1250 for a German user and 1.25 for an English one. Text that
is not written the locale's way is still read the forgiving way ("62,5" and "62.5" are both
62.5 everywhere), so a number typed on someone else's keyboard is understood.
"""

from __future__ import annotations

import math
import re

from trustboard.i18n import _

# Spaces people and locales put between digit groups: plain, no-break, narrow no-break.
_SPACES = (" ", "\u00a0", "\u202f")
_MINUS = "−"  # U+2212, as typeset numbers show it
_THOUSANDS = re.compile(r"-?[1-9]\d{0,2}(,\d{3})+(\.\d+)?")


def _locale_form(decimal: str, group: str) -> re.Pattern[str]:
    """A number written the locale's way: groups of three after the first, or no groups."""
    d, g = re.escape(decimal), re.escape(group)
    grouped = rf"[1-9]\d{{0,2}}(?:{g}\d{{3}})+" if group else r"(?!)"
    return re.compile(rf"[-+]?(?:{grouped}|\d+)(?:{d}\d+)?")


def parse_number(
    text: str, unit: str = "", *, decimal: str = ".", group: str = ","
) -> float | None:
    """What people type: "62.5", "62,5", "1,250" (English), "1.250" (German), "−5", "62 %".

    None for an empty field. Raises ValueError with a message for the room when it is not
    a number.
    """
    t = text.strip().replace(_MINUS, "-")
    for suffix in {unit, "%"} - {""}:
        if t.endswith(suffix):
            t = t[: -len(suffix)].strip()
    for space in _SPACES:
        t = t.replace(space, "")
    if group in _SPACES:
        group = ""  # already taken out
    if not t:
        return None
    if decimal != group and _locale_form(decimal, group).fullmatch(t):
        t = t.replace(group, "") if group else t
        t = t.replace(decimal, ".")
    elif "," in t and ("." in t or _THOUSANDS.fullmatch(t)):
        t = t.replace(",", "")  # 1,250.5 or 1,250: thousands separators
    elif t.count(",") == 1:
        t = t.replace(",", ".")  # 62,5: a decimal comma
    try:
        value = float(t)
    except ValueError:
        raise ValueError(_("“{text}” is not a number").format(text=text.strip())) from None
    if not math.isfinite(value):
        raise ValueError(_("“{text}” is not a number").format(text=text.strip()))
    return value


def format_number(value: float, *, decimal: str = ".") -> str:
    """`value` as a field shows it (shortest form, no digit groups) so that `parse_number`
    with the same locale reads back the same value."""
    return f"{value:g}".replace(".", decimal)
