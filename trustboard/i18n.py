"""Translations and locale formats for every layer: one gettext catalogue, no Qt.

Every text a person reads goes through `_()` (or `ngettext` for a count, `pgettext` where
one English word has two meanings), with `str.format` placeholders filled in *after*
translation:

    _("Saved {name}").format(name=path.name)
    ngettext("{n} card", "{n} cards", n).format(n=n)

Texts defined at import time (tables of labels) are marked with `N_()` so extraction finds
them, and translated where they are shown: `_(LABELS[kind])`.

Why gettext for the window too, rather than Qt's `tr()`: the domain, store, services and
exporters must not import Qt, and one catalogue per language in the `.po` format (with the
language's real plural rules) is what translators' tools and the CLI share. Qt's own
texts (standard buttons, file dialogs) come from Qt's catalogues, loaded by
`trustboard.ui.language`.

The interface language is chosen once at start-up: `--lang CODE`, else the settings, else
the system locale, else English. English is the source: no catalogue is read for it, and
none is read for a language that is not used. An export or a participant's page can be
written in a workshop's own language with `using(code)`, which holds only for the calling
thread's context.

Two pseudo-languages check the seam: "pseudo" wraps every translated text in `[!! … !!]`
so a text that escaped the catalogue stands out; "pseudo-rtl" does the same and lays the
window out right to left.
"""

from __future__ import annotations

import contextlib
import contextvars
import gettext as _gettext
import os
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the first window shows no date: datetime loads with the first one
    from datetime import date, datetime

__all__ = [
    "N_",
    "Language",
    "_",
    "codes",
    "format_date",
    "format_datetime",
    "format_number",
    "format_percent",
    "is_rtl",
    "language",
    "language_name",
    "languages",
    "locale_name",
    "ngettext",
    "npgettext",
    "number_symbols",
    "pgettext",
    "real_language",
    "set_language",
    "system_language",
    "using",
]

DOMAIN = "trustboard"
SOURCE = "en"
PSEUDO, PSEUDO_RTL = "pseudo", "pseudo-rtl"
LOCALE_DIR = Path(__file__).resolve().parent / "locale"


class _Pseudo(_gettext.NullTranslations):
    """Every text wrapped, so one that is not translated shows as plain English."""

    @staticmethod
    def wrap(text: str) -> str:
        """ "[!! text !!]", with the text's own leading and trailing line breaks kept outside."""
        if not isinstance(text, str):  # argparse asks for a help text that is None
            return text
        core = text.strip("\n")
        if not core:
            return text
        start = len(text) - len(text.lstrip("\n"))
        return f"{text[:start]}[!! {core} !!]{text[start + len(core) :]}"

    def gettext(self, message: str) -> str:
        return self.wrap(message)

    def ngettext(self, msgid1: str, msgid2: str, n: int) -> str:
        return self.wrap(msgid1 if n == 1 else msgid2)

    def pgettext(self, context: str, message: str) -> str:
        return self.wrap(message)

    def npgettext(self, context: str, msgid1: str, msgid2: str, n: int) -> str:
        return self.wrap(msgid1 if n == 1 else msgid2)


@dataclass(frozen=True)
class _State:
    code: str  # the catalogue's language: "de", "fr", "en", "pseudo"
    locale: str  # the formats' locale for babel: "de_DE", "fr_CH", "en_GB"
    translations: _gettext.NullTranslations


_SOURCE_STATE = _State(SOURCE, "en_GB", _gettext.NullTranslations())
_interface = _SOURCE_STATE
_override: contextvars.ContextVar[_State | None] = contextvars.ContextVar(
    "trustboard_language", default=None
)


def _state() -> _State:
    return _override.get() or _interface


# -- translating -------------------------------------------------------------------------


def _(message: str) -> str:
    """`message` in the current language (itself when there is no translation)."""
    return _state().translations.gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    """The form of a count's text that the current language uses for `n`."""
    return _state().translations.ngettext(singular, plural, n)


def pgettext(context: str, message: str) -> str:
    """`message` as meant in `context` (for one English word with two meanings)."""
    return _state().translations.pgettext(context, message)


def npgettext(context: str, singular: str, plural: str, n: int) -> str:
    return _state().translations.npgettext(context, singular, plural, n)


def N_(message: str) -> str:  # noqa: N802 - the name extraction tools know
    """Mark `message` for the catalogue where it is defined; translate it where shown."""
    return message


# -- choosing the language ---------------------------------------------------------------


@dataclass(frozen=True)
class Language:
    code: str  # "de"
    name: str  # in itself: "Deutsch"
    rtl: bool


def languages() -> list[Language]:
    """English and every language with a catalogue in `trustboard/locale` (no pseudo ones)."""
    return [_describe(c) for c in sorted(codes())]


def codes() -> set[str]:
    """Adding a language is adding `trustboard/locale/<code>/trustboard.po` (and its .mo);
    an installed app may carry the compiled .mo alone."""
    if not LOCALE_DIR.is_dir():
        return {SOURCE}
    return {SOURCE} | {
        p.name
        for p in LOCALE_DIR.iterdir()
        if next(p.glob("*.po"), None) or (p / "LC_MESSAGES" / f"{DOMAIN}.mo").is_file()
    }


def _describe(code: str) -> Language:
    if code in (PSEUDO, PSEUDO_RTL):
        return Language(code, code, code == PSEUDO_RTL)
    from babel import Locale

    loc = Locale.parse(code)
    name = loc.get_display_name(loc) or code
    return Language(code, name[:1].upper() + name[1:], code in RTL_LANGUAGES)


def language_name(code: str) -> str:
    """A language's name as the current language writes it, from CLDR: "German",
    "Deutsch", "allemand"; a code CLDR does not know is shown as it is."""
    from babel import Locale, UnknownLocaleError

    try:
        name = Locale.parse(code.replace("-", "_")).get_display_name(locale_name()) or code
    except (ValueError, TypeError, UnknownLocaleError):
        name = code
    translations = _state().translations  # not a catalogue text, yet shown as one
    return translations.wrap(name) if isinstance(translations, _Pseudo) else name


def system_language() -> str:
    """The language of the user's locale as gettext reads it ("de_DE.UTF-8" → "de_DE")."""
    for var in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(var, "")
        if value:
            first = value.split(":")[0].split(".")[0].split("@")[0]
            if first and first not in ("C", "POSIX"):
                return first
            if first:
                return SOURCE
    with contextlib.suppress(ValueError, TypeError):
        import locale

        found = locale.getlocale(locale.LC_CTYPE)[0]
        if found:
            return found
    return SOURCE


def _resolve(requested: str) -> tuple[str, str]:
    """(catalogue code, formats locale) for a requested "de", "de_AT", "de-CH" or "xx"."""
    wanted = requested.split(".")[0].split("@")[0].replace("-", "_").strip()
    if wanted.lower() in (PSEUDO, PSEUDO_RTL.replace("-", "_")):
        return (PSEUDO if wanted.lower() == PSEUDO else PSEUDO_RTL), "en_GB"
    base = wanted.split("_")[0].lower()
    code = base if base in codes() else SOURCE
    if code == SOURCE:
        return SOURCE, wanted if base == SOURCE and "_" in wanted else "en_GB"
    return code, wanted if "_" in wanted else code


def set_language(requested: str | None = None) -> str:
    """Make `requested` (None: the system's) the interface language; returns the code used.

    A language without a catalogue falls back to English.
    """
    global _interface
    code, fmt = _resolve(requested or system_language())
    _interface = _state_for(code, fmt)
    return code


@contextlib.contextmanager
def using(requested: str) -> Iterator[str]:
    """Translate into `requested` within this block, in this thread's context only."""
    code, fmt = _resolve(requested)
    if code == _interface.code:
        fmt = _interface.locale
    token = _override.set(_state_for(code, fmt))
    try:
        yield code
    finally:
        _override.reset(token)


def language() -> str:
    """The code of the language texts are translated into now ("en", "de", "pseudo")."""
    return _state().code


def real_language() -> str:
    """The language texts are really in now: English for the pseudo-languages."""
    code = _state().code
    return SOURCE if code in (PSEUDO, PSEUDO_RTL) else code


def locale_name() -> str:
    """The locale dates and numbers are written in now ("de_DE", "en_GB")."""
    return _state().locale


# Languages written right to left (CLDR's character order), known without loading CLDR
# at start-up: Arabic, Central Kurdish, Divehi, Persian, Hebrew, Pashto, Sindhi, Uyghur,
# Urdu, Yiddish.
RTL_LANGUAGES = frozenset({"ar", "ckb", "dv", "fa", "he", "ps", "sd", "ug", "ur", "yi"})


def is_rtl() -> bool:
    code = _state().code
    return code == PSEUDO_RTL or code in RTL_LANGUAGES


def _state_for(code: str, fmt: str) -> _State:
    if code == SOURCE:
        return _State(SOURCE, fmt, _SOURCE_STATE.translations)
    return _State(code, fmt, _catalogue(code))


@cache
def _catalogue(code: str) -> _gettext.NullTranslations:
    if code in (PSEUDO, PSEUDO_RTL):
        return _Pseudo()
    folder = LOCALE_DIR / code
    sources = list(folder.glob("*.po"))
    compiled = folder / "LC_MESSAGES" / f"{DOMAIN}.mo"
    if compiled.is_file():  # built by `scripts/i18n compile`; a test keeps it current
        with compiled.open("rb") as f:
            return _gettext.GNUTranslations(f)
    if not sources:
        return _gettext.NullTranslations()
    from trustboard.i18n_catalogue import compile_po  # a checkout whose .mo is not built yet

    return _gettext.GNUTranslations(compile_po(sources[0]))


# -- dates and numbers --------------------------------------------------------------------


def format_date(day: date, style: str = "long") -> str:
    """`day` as the current locale writes it: "31 March 2026", "31. März 2026"."""
    from babel.dates import format_date as babel_format

    return babel_format(day, format=style, locale=locale_name())


def format_datetime(moment: datetime, style: str = "medium") -> str:
    from babel.dates import format_datetime as babel_format

    return babel_format(moment, format=style, locale=locale_name())


def format_number(value: float, decimals: int | None = None) -> str:
    """`value` with the locale's separators; `decimals` fixed, or as many as it has."""
    from babel.numbers import format_decimal

    if decimals is None:
        return format_decimal(value, locale=locale_name())
    pattern = "#,##0" + ("." + "0" * decimals if decimals else "")
    return format_decimal(value, format=pattern, locale=locale_name())


def format_percent(fraction: float, decimals: int = 0) -> str:
    """0.425 as "42 %" / "42%" / "42 %" as the locale writes a percentage."""
    from babel.numbers import format_percent as babel_format

    pattern = None if not decimals else "#,##0." + "0" * decimals + "%"
    return babel_format(fraction, format=pattern, locale=locale_name())


def number_symbols() -> tuple[str, str, str]:
    """(decimal sign, digit-group separator, list separator) of the current locale.

    The list separator is what a spreadsheet in this locale expects between CSV fields:
    ";" where the decimal sign is a comma, else ",".
    """
    from babel.numbers import get_decimal_symbol, get_group_symbol

    decimal = get_decimal_symbol(locale_name())
    return decimal, get_group_symbol(locale_name()), ";" if decimal == "," else ","
