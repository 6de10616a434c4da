"""The window's shell in German and French, its catalogue complete, and the facilitator's
choice of language (View > Language) saved for the next start."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu, QMessageBox
from pytestqt.qtbot import QtBot

from trustboard import i18n
from trustboard.i18n_catalogue import extract, problems
from trustboard.paths import UserPaths
from trustboard.services.settings import Settings
from trustboard.ui.main_window import MainWindow

Switch = Callable[[str], str]
# The shell: every module directly in trustboard/ui/ but the integrator's language.py.
SHELL_EXCLUDED = ("ui/language.py",)


def _is_shell(path: str) -> bool:
    return path.startswith("ui/") and path.count("/") == 1 and path not in SHELL_EXCLUDED


def _window(qtbot: QtBot, data_dir: UserPaths) -> MainWindow:
    w = MainWindow(data_dir, Settings.load(data_dir))
    qtbot.addWidget(w)
    w.show()
    return w


def _menu_titles(w: MainWindow) -> list[str]:
    return [a.text() for a in w.menuBar().actions()]


@pytest.mark.parametrize("code", ["de", "fr"])
def test_every_text_of_the_shell_is_translated_with_its_placeholders(code: str) -> None:
    shell = [s for s in extract() if _is_shell(s.where[0][0])]
    assert len(shell) > 400
    assert problems(code, shell) == []


def test_the_window_speaks_german(
    qtbot: QtBot, data_dir: UserPaths, interface_language: Switch
) -> None:
    assert interface_language("de") == "de"
    w = _window(qtbot, data_dir)
    assert _menu_titles(w) == ["&Datei", "&Bearbeiten", "&Karte", "&Ansicht", "&Workshop", "&Hilfe"]
    page = w.start_page
    assert page.create_button.text() == "Workshop &anlegen…"
    assert page.demo_button.text() == "Demo-&Workshop öffnen"
    page.ensure_templates()
    # Real plural forms: one row, several rows.
    from trustboard.ui.text_limits import limit_hint

    assert limit_hint(1) == "Höchstens 1 Zeichen."
    assert limit_hint(1200) == "Höchstens 1.200 Zeichen."  # QLocale groups the digits
    w.open_demo()
    assert w.session is not None
    assert w.windowTitle().endswith(" — TrustBoard")
    assert w.actions_[_id("UNDO")].text() == "&Rückgängig"
    assert w.save_status.label.text() in ("Wird gespeichert…", "Alle Änderungen gespeichert", "")
    w.files.ask_unsaved = lambda error: "discard"  # type: ignore[method-assign]
    w.close()


def _id(name: str) -> object:
    from trustboard.ui.actions import ActionId

    return ActionId[name]


def test_the_window_speaks_french(
    qtbot: QtBot, data_dir: UserPaths, interface_language: Switch
) -> None:
    assert interface_language("fr") == "fr"
    w = _window(qtbot, data_dir)
    assert _menu_titles(w) == ["&Fichier", "&Édition", "&Carte", "Affic&hage", "A&telier", "&Aide"]
    assert w.start_page.open_button.text() == "Ouvrir un &fichier d'atelier…"
    from trustboard.export.options import ExportResult
    from trustboard.ui.export_formats import saved_text

    # French plurals: 0 and 1 take the singular; a no-break space before the colon.
    def said(pages: int) -> str:
        return saved_text(ExportResult(path=data_dir.data / "q3.pdf", pages=pages, size=10), ".pdf")

    assert said(0) == "q3.pdf enregistré\u00a0: 0 page, 1 Ko."
    assert said(1) == "q3.pdf enregistré\u00a0: 1 page, 1 Ko."
    assert said(3) == "q3.pdf enregistré\u00a0: 3 pages, 1 Ko."
    from trustboard.ui.text_limits import limit_hint

    assert limit_hint(0) == "0 caractère au maximum."
    assert limit_hint(8) == "8 caractères au maximum."  # the catalogue's rule, not CLDR's
    w.close()


def test_the_rounds_dialog_counts_in_german(
    qtbot: QtBot, data_dir: UserPaths, interface_language: Switch
) -> None:
    from trustboard.ui.rounds_dialog import RoundsDialog

    interface_language("de")
    w = _window(qtbot, data_dir)
    w.open_demo()
    assert w.session is not None
    dialog = RoundsDialog(w.session)
    qtbot.addWidget(dialog)
    assert dialog.windowTitle() == "Runden"
    summary = dialog.comparison.summary.text()  # type: ignore[union-attr]
    assert "Vertrauenswert" in summary and ("Feld besser" in summary or "Felder besser" in summary)
    headers = [dialog.table.horizontalHeaderItem(i).text() for i in range(5)]
    assert headers == ["Runde", "Datum", "Karten", "Bewertungen", "Vertrauenswert"]
    dialog.close()
    w.files.ask_unsaved = lambda error: "discard"  # type: ignore[method-assign]
    w.close()


def _language_action(w: MainWindow, code: str) -> QAction:
    w.menus.language_menu.fill()  # as when it opens
    action = w.findChild(QAction, f"action_language_{code or 'system'}")
    assert isinstance(action, QAction)
    return action


def test_the_language_menu_offers_each_language_by_its_own_name(
    qtbot: QtBot, data_dir: UserPaths
) -> None:
    w = _window(qtbot, data_dir)
    menu = w.menus.language_menu.menu
    assert menu.isEmpty()  # filled as it opens: naming languages reads locale data
    menu.aboutToShow.emit()
    assert menu.title() == "&Language"
    names = [a.text() for a in menu.actions()]
    assert names[0] == "System language"
    assert {"Deutsch", "English", "Français"} <= set(names)
    assert _language_action(w, "").isChecked()  # nothing chosen yet: the system's
    w.close()


def test_choosing_a_language_saves_it_and_says_so_in_that_language(
    qtbot: QtBot, data_dir: UserPaths, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(QMessageBox, "open", lambda self: None)  # not shown offscreen
    w = _window(qtbot, data_dir)
    _language_action(w, "de").trigger()
    assert w.settings.language == "de"
    assert Settings.load(data_dir).language == "de"
    notice = w.menus.language_menu.notice
    assert isinstance(notice, QMessageBox)
    assert notice.text() == "TrustBoard verwendet diese Sprache beim nächsten Start."
    assert notice.windowTitle() == "Sprache"
    # The running window keeps its language until the next start.
    assert i18n.language() == "en"
    assert _menu_titles(w)[0] == "&File"
    _language_action(w, "fr").trigger()
    assert notice is not w.menus.language_menu.notice
    assert w.menus.language_menu.notice.text() == (  # type: ignore[union-attr]
        "TrustBoard utilisera cette langue au prochain démarrage."
    )
    _language_action(w, "").trigger()  # back to the system's language
    assert Settings.load(data_dir).language == ""
    w.close()


def test_a_saved_language_is_ticked_in_the_next_window(qtbot: QtBot, data_dir: UserPaths) -> None:
    settings = Settings.load(data_dir)
    settings.language = "fr"
    settings.save()
    w = _window(qtbot, data_dir)
    assert _language_action(w, "fr").isChecked()
    assert not _language_action(w, "").isChecked()
    w.close()


def test_the_start_page_lists_the_interface_languages_templates_first(
    qtbot: QtBot, data_dir: UserPaths, interface_language: Switch
) -> None:
    interface_language("fr")
    w = _window(qtbot, data_dir)
    page = w.start_page
    page.ensure_templates()
    langs = [t.framework.language for t in page.templates]
    assert langs[:6] == ["fr"] * 6  # the French frameworks, then English, then the others
    assert langs[6:12] == ["en"] * 6 and set(langs[12:]) == {"de"}
    shown = [page.template_list.item(i).text() for i in range(page.template_list.count())]
    assert "anglais" not in shown[0] and shown[6].endswith(" · anglais")
    w.close()


def _mnemonics(menu: QMenu, where: str, out: list[str]) -> None:
    letters: dict[str, str] = {}
    for action in menu.actions():
        text = action.text().replace("&&", "")
        if "&" in text:
            letter = text[text.index("&") + 1].lower()
            if letter in letters:
                out.append(f"{where}: {letters[letter]!r} and {text!r} share &{letter}")
            letters[letter] = text
        sub = action.menu()
        if isinstance(sub, QMenu):
            _mnemonics(sub, f"{where} > {text}", out)


@pytest.mark.parametrize("code", ["de", "fr"])
def test_each_menus_mnemonics_are_unique(
    code: str, qtbot: QtBot, data_dir: UserPaths, interface_language: Switch
) -> None:
    interface_language(code)
    w = _window(qtbot, data_dir)
    w.menus.language_menu.fill()
    problems: list[str] = []
    bar = QMenu()
    bar.addActions(w.menuBar().actions())
    _mnemonics(bar, "menu bar", problems)
    assert problems == []
    w.close()
