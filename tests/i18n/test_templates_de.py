"""The templates' texts in the catalogue: `trustboard templates`, the catalogue's errors,
the demo and the start page's template list, wrapped in the pseudo-language and complete
in German and French."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from trustboard import i18n
from trustboard.cli import main
from trustboard.i18n import language_name
from trustboard.i18n_catalogue import Source, extract, problems
from trustboard.paths import UserPaths
from trustboard.services.catalogue import find_template
from trustboard.services.demo import DEMO_TEMPLATE, demo_workshop
from trustboard.services.settings import Settings

MY_FILES = ("services/catalogue.py", "services/demo.py")
# `trustboard templates` (cli.py's _cmd_templates): its texts, in a file others share.
MY_CLI_TEXTS = {
    "built-in",
    "yours",
    "{name}  ({elements} × {domains}, {language}, {where})",
    "trustboard: template skipped: {problem}",
}
WRAPPED = re.compile(r"^\[!! .* !!\]$", re.S)


def _mine() -> list[Source]:
    return [
        s
        for s in extract()
        if s.where[0][0].startswith(MY_FILES)
        or (s.where[0][0] == "cli.py" and s.msgid in MY_CLI_TEXTS)
    ]


def test_my_texts_are_in_the_catalogue() -> None:
    found = {s.msgid for s in _mine()}
    assert found >= MY_CLI_TEXTS
    assert "Q1 baseline" in found and "Customer trust workshop" in found
    assert len(found) >= 50


@pytest.mark.parametrize("code", ["de", "fr"])
def test_every_text_of_the_templates_area_is_translated(code: str) -> None:
    assert problems(code, _mine()) == []


def _templates(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[list[str], list[str]]:
    main([*args, "templates"])
    captured = capsys.readouterr()
    return captured.out.splitlines(), captured.err.splitlines()


def _broken_user_template(paths: UserPaths) -> None:
    paths.user_templates.mkdir(parents=True)
    (paths.user_templates / "broken.toml").write_text("id = ", encoding="utf-8")


def test_trustboard_templates_is_wrapped_in_the_pseudo_language(
    capsys: pytest.CaptureFixture[str], data_dir: UserPaths
) -> None:
    _broken_user_template(data_dir)
    out, err = _templates(capsys, "--lang", "pseudo", "--data-dir", str(data_dir.data))
    assert out
    for line in out:
        template_id, language, shown = line.split(maxsplit=2)
        # the id and code are data; what follows is one wrapped text with the wrapped
        # language name and whose template it is inside
        assert template_id.isascii() and language in ("en", "de", "fr"), line
        assert WRAPPED.match(shown), line
        assert re.search(r", \[!! (English|German|French) !!\], \[!! built-in !!\]\) !!\]$", shown)
    assert err and all(WRAPPED.match(line) for line in err)


def test_the_catalogues_message_is_wrapped_in_the_pseudo_language(data_dir: UserPaths) -> None:
    _broken_user_template(data_dir)
    i18n.set_language("pseudo")
    with pytest.raises(KeyError) as caught:
        find_template(data_dir, "nope")
    message = caught.value.args[0]
    assert message.startswith("[!! no template 'nope' (available: ")
    assert "!!][!! ; 1 template file could not be used: broken.toml: " in message
    assert language_name("de") == "[!! German !!]"


def test_the_start_page_shows_other_templates_language_wrapped(
    qtbot: QtBot, data_dir: UserPaths, interface_language: object
) -> None:
    from trustboard.ui.start_page import StartPage

    interface_language("pseudo")  # type: ignore[operator]
    page = StartPage(data_dir, Settings.load(data_dir))
    qtbot.addWidget(page)
    page.ensure_templates()
    items = [page.template_list.item(i).text() for i in range(page.template_list.count())]
    english = [t for t in items if "[!! German !!]" not in t and "[!! French !!]" not in t]
    german = [t for t in items if t.endswith(" · [!! German !!]")]
    french = [t for t in items if t.endswith(" · [!! French !!]")]
    assert len(english) == len(german) == len(french) == 6
    assert items[:6] == english  # the interface language's (English, in disguise) first


def test_the_start_page_offers_german_templates_first_in_german(
    qtbot: QtBot, data_dir: UserPaths, interface_language: object
) -> None:
    from trustboard.ui.start_page import StartPage

    interface_language("de")  # type: ignore[operator]
    page = StartPage(data_dir, Settings.load(data_dir))
    qtbot.addWidget(page)
    page.ensure_templates()
    items = [page.template_list.item(i).text() for i in range(page.template_list.count())]
    assert not any("Englisch" in t or "Französisch" in t for t in items[:6])
    assert all(t.endswith(" · Englisch") for t in items[6:12])  # then English
    assert all(t.endswith(" · Französisch") for t in items[12:])
    selected = page.selected_template()
    assert selected is not None and selected.language == "de"
    assert "Dreibeiniger Hocker des Vertrauens" in "\n".join(items[:6])


def test_trustboard_templates_in_french(
    capsys: pytest.CaptureFixture[str], data_dir: UserPaths
) -> None:
    _broken_user_template(data_dir)
    out, err = _templates(capsys, "--lang", "fr", "--data-dir", str(data_dir.data))
    stool = [line for line in out if line.startswith("trust-stool ")]
    assert "(3 × 3, français, intégré)" in stool[0]  # French first, then English
    assert "Le tabouret à trois pieds de la confiance" in stool[0]
    assert "(3 × 3, anglais, intégré)" in stool[1]
    assert "(3 × 3, allemand, intégré)" in stool[2]
    assert err[0].startswith("trustboard\u00a0: modèle ignoré\u00a0: broken.toml")


def test_the_catalogues_message_in_german_and_french(data_dir: UserPaths) -> None:
    _broken_user_template(data_dir)
    i18n.set_language("de")
    with pytest.raises(KeyError) as caught:
        find_template(data_dir, "nope")
    assert caught.value.args[0].startswith("Keine Vorlage 'nope' (vorhanden: rebuilding-trust, ")
    assert "; 1 Vorlagendatei konnte nicht verwendet werden: broken.toml" in caught.value.args[0]
    i18n.set_language("fr")
    with pytest.raises(KeyError) as caught:
        find_template(data_dir, "nope")
    assert caught.value.args[0].startswith("aucun modèle 'nope' (disponibles\u00a0: ")
    assert "\u00a0; 1 fichier de modèle est inutilisable\u00a0: broken.toml" in caught.value.args[0]


def test_the_demo_in_german_and_french_catalogues(data_dir: UserPaths) -> None:
    framework = find_template(data_dir, DEMO_TEMPLATE, "de").framework
    german = demo_workshop(framework)
    assert german.organisation == "Northwind Outfitters (fiktiv)"
    texts = {c.text for c in german.current_round.cards.values()}
    assert "„Samstags an der Kasse fühlte ich mich gehetzt“" in texts
    assert "94 % der Online-Bestellungen innerhalb von 24 h versandt" in texts
    answers = [a.text for a in german.current_round.answers.values()]
    assert answers == ["In den Filialen solide; schwach bei Saisonkräften und im Online-Chat."]
    with i18n.using("fr"):
        assert i18n._("Q2 review") == "T2 – bilan"
        assert i18n._("Trip planner used by 12 % of app users").endswith(
            "12\u00a0% des utilisateurs de l'appli"
        )


def test_a_workshop_file_name_is_never_a_path(tmp_path: Path) -> None:
    # the demo's translated file name lands in one folder: no translation may hold a "/"
    with i18n.using("de"):
        assert "/" not in i18n._("Northwind Outfitters – trust workshop")
    with i18n.using("fr"):
        assert "/" not in i18n._("Northwind Outfitters – trust workshop")
