"""The translation seam: languages chosen, catalogues current, pseudo-languages wrap."""

from __future__ import annotations

import datetime as dt

import pytest

from trustboard import i18n
from trustboard.i18n import _, ngettext
from trustboard.i18n_catalogue import LOCALE_DIR, compile_po


@pytest.fixture(autouse=True)
def _english_after():
    yield
    i18n.set_language("en")


@pytest.mark.parametrize("code", [p.name for p in LOCALE_DIR.iterdir() if list(p.glob("*.po"))])
def test_the_compiled_catalogue_matches_its_sources(code):
    compiled = LOCALE_DIR / code / "LC_MESSAGES" / "trustboard.mo"
    assert compiled.is_file(), "run scripts/i18n compile"
    fresh = compile_po(next((LOCALE_DIR / code).glob("*.po"))).getvalue()
    assert compiled.read_bytes() == fresh, "the .po changed: run scripts/i18n compile"


def test_the_system_locale_chooses_the_language(monkeypatch):
    for var in ("LANGUAGE", "LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("LANG", "de_DE.UTF-8")
    assert i18n.set_language() == "de"
    assert i18n.locale_name() == "de_DE"
    monkeypatch.setenv("LANG", "C")
    assert i18n.set_language() == "en"


def test_a_language_without_a_catalogue_falls_back_to_english():
    assert i18n.set_language("xx_YY") == "en"
    assert _("Cards") == "Cards"


def test_the_pseudo_language_wraps_every_text_and_keeps_plurals():
    i18n.set_language("pseudo")
    assert _("Cards") == "[!! Cards !!]"
    assert ngettext("{n} card", "{n} cards", 1).format(n=1) == "[!! 1 card !!]"
    assert ngettext("{n} card", "{n} cards", 3).format(n=3) == "[!! 3 cards !!]"
    assert not i18n.is_rtl()
    i18n.set_language("pseudo-rtl")
    assert i18n.is_rtl()


def test_using_holds_only_within_the_block():
    i18n.set_language("en")
    with i18n.using("pseudo"):
        assert _("Round") == "[!! Round !!]"
    assert _("Round") == "Round"


def test_dates_and_numbers_follow_the_locale():
    day = dt.date(2026, 3, 31)
    i18n.set_language("de_DE")
    assert i18n.format_date(day) == "31. März 2026"
    assert i18n.format_number(1250.5, 1) == "1.250,5"
    assert i18n.number_symbols() == (",", ".", ";")
    i18n.set_language("fr")
    assert i18n.format_date(day) == "31 mars 2026"
    i18n.set_language("en")
    assert i18n.format_date(day) == "31 March 2026"
    assert i18n.number_symbols()[2] == ","


def test_right_to_left_is_known_without_cldr():
    from babel import Locale

    for code in i18n.RTL_LANGUAGES:
        assert Locale.parse(code).character_order == "right-to-left", code
    for code in ("de", "fr", "en", "ja"):
        assert Locale.parse(code).character_order == "left-to-right"


def test_no_catalogue_is_read_for_a_language_not_used(monkeypatch):
    import gettext

    opened: list[str] = []
    real = gettext.GNUTranslations.__init__

    def spy(self, fp=None):
        opened.append(getattr(fp, "name", "?"))
        real(self, fp)

    monkeypatch.setattr(gettext.GNUTranslations, "__init__", spy)
    i18n._catalogue.cache_clear()
    i18n.set_language("en")
    _("Cards")
    assert opened == []
    i18n.set_language("de")
    _("Cards")
    assert len(opened) == 1 and "/de/" in opened[0]
    i18n._catalogue.cache_clear()


@pytest.mark.parametrize("code", ["de", "fr"])
def test_every_text_is_translated_with_its_placeholders(code):
    """Every text marked in the code, in every layer: translated, not fuzzy, its {fields}
    and %s kept, and no text translated two ways."""
    from trustboard.i18n_catalogue import extract, problems

    sources = extract()
    assert len(sources) > 1500
    assert problems(code, sources) == []


def test_a_language_is_its_files(tmp_path, monkeypatch):
    """Adding a language is adding locale/<code>/trustboard.po: it is offered and used."""
    from trustboard import i18n_catalogue

    folder = tmp_path / "es"
    folder.mkdir()
    (folder / "trustboard.po").write_text(
        'msgid ""\nmsgstr ""\n"Language: es\\n"\n'
        '"Plural-Forms: nplurals=2; plural=(n != 1);\\n"\n\n'
        'msgid "{n} card"\nmsgid_plural "{n} cards"\nmsgstr[0] "{n} tarjeta"\n'
        'msgstr[1] "{n} tarjetas"\n',
        encoding="utf-8",
    )
    monkeypatch.setattr(i18n, "LOCALE_DIR", tmp_path)
    monkeypatch.setattr(i18n_catalogue, "LOCALE_DIR", tmp_path)
    i18n._catalogue.cache_clear()
    assert "es" in [lang.code for lang in i18n.languages()]
    assert i18n.set_language("es_MX") == "es"  # compiled in memory: no .mo built yet
    assert ngettext("{n} card", "{n} cards", 2).format(n=2) == "2 tarjetas"
    i18n_catalogue.compile_all(tmp_path)
    assert (folder / "LC_MESSAGES" / "trustboard.mo").is_file()
    (folder / "trustboard.po").unlink()  # an installed bundle carries the .mo alone
    i18n._catalogue.cache_clear()
    assert "es" in [lang.code for lang in i18n.languages()]
    assert i18n.set_language("es") == "es"
    assert ngettext("{n} card", "{n} cards", 1).format(n=1) == "1 tarjeta"
    i18n._catalogue.cache_clear()
