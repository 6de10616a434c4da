"""Templates in other languages: whole files in templates/<language>/, known by id and language.

A translation must be the English template with other words: same ids, counts, colours,
values and flags, `language` set, and every text translated. Workshop files keep the
language from format 5 on, and a version-4 app refuses such a file as newer.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from trustboard import i18n
from trustboard.assets import templates_dir
from trustboard.cli import main
from trustboard.domain.codec import framework_from_dict, framework_to_dict
from trustboard.domain.errors import ValidationError
from trustboard.domain.framework import Axis, Framework
from trustboard.domain.workshop import new_workshop
from trustboard.frameworks.templates import load_template, load_templates
from trustboard.paths import UserPaths
from trustboard.services import catalogue
from trustboard.services.catalogue import find_template, load_catalogue
from trustboard.services.demo import DEMO_TEMPLATE, demo_workshop, ensure_demo_file
from trustboard.store import SCHEMA_VERSION, TrustBoardFileError, WorkshopFile, schema
from trustboard.store.errors import NewerFileError

ENGLISH = sorted(templates_dir().glob("*.toml"))
TRANSLATED = sorted(p for p in templates_dir().glob("*/*.toml"))

# Texts that are the same in English and the translation: names of functions, channels
# and models that a German or French team says in English too.
SAME_IN_BOTH = {
    "IT",
    "Marketing",
    "Service",
    "Omnichannel",
    "Inbound",
    "RTx",
    "Social Business",
    # French words spelt as in English
    "rtx",
    "silos",
    "source",
    "communication",
}


def _english(path: Path) -> Framework:
    return load_template(templates_dir() / path.name).framework


def _translated_ids() -> list[str]:
    return [f"{p.parent.name}/{p.stem}" for p in TRANSLATED]


def _axis_shape(a: Axis) -> tuple[object, ...]:
    return (a.id, a.optional, a.enabled, tuple(q.id for q in a.questions))


def _shape(fw: Framework) -> tuple[object, ...]:
    """Everything but the words: what a translation must keep exactly."""
    return (
        fw.id,
        fw.weakest_decides,
        tuple(s.value for s in fw.scale.steps),
        tuple((k.id, k.colour) for k in fw.card_kinds),
        tuple(_axis_shape(e) for e in fw.elements),
        tuple(_axis_shape(d) for d in fw.domains),
        tuple((cell, tuple(q.id for q in qs)) for cell, qs in fw.cell_questions.items()),
        len(fw.tags),
        # which axes share a group must not change, whatever the group is called
        _grouping(fw.elements),
        _grouping(fw.domains),
    )


def _grouping(axes: tuple[Axis, ...]) -> tuple[int, ...]:
    first: dict[str, int] = {}
    return tuple(first.setdefault(a.group, i) for i, a in enumerate(axes))


def _texts(fw: Framework) -> Iterator[tuple[str, str]]:
    """(where, text) for every text a translation must translate (the source is a citation)."""
    yield "name", fw.name
    yield "description", fw.description
    yield "element_label", fw.element_label
    yield "domain_label", fw.domain_label
    for i, tag in enumerate(fw.tags):
        yield f"tags[{i}]", tag
    for step in fw.scale.steps:
        yield f"scale[{step.value}]", step.label
    for kind in fw.card_kinds:
        yield f"card_kinds.{kind.id}", kind.name
    for axis in (*fw.elements, *fw.domains):
        yield f"{axis.id}.name", axis.name
        yield f"{axis.id}.group", axis.group
        yield f"{axis.id}.definition", axis.definition
    for q in fw.all_questions():
        yield q.id, q.text


def test_there_is_a_german_version_of_every_shipped_template() -> None:
    german = {p.stem for p in (templates_dir() / "de").glob("*.toml")}
    assert german == {p.stem for p in ENGLISH}


@pytest.mark.parametrize("path", TRANSLATED, ids=_translated_ids())
def test_a_translation_has_the_english_templates_structure(path: Path) -> None:
    translated = load_template(path, builtin=True).framework
    english = _english(path)
    assert translated.language == path.parent.name != "en"
    assert english.language == "en"
    assert path.stem == translated.id
    assert _shape(translated) == _shape(english)


@pytest.mark.parametrize("path", TRANSLATED, ids=_translated_ids())
def test_every_text_of_a_translation_is_translated(path: Path) -> None:
    translated = dict(_texts(load_template(path, builtin=True).framework))
    english = dict(_texts(_english(path)))
    assert translated.keys() == english.keys()
    same = [
        f"{where}: {text!r}"
        for where, text in translated.items()
        if text and text == english[where] and text not in SAME_IN_BOTH
    ]
    assert same == []
    empty = [where for where, text in translated.items() if english[where] and not text.strip()]
    assert empty == []


def test_the_german_texts_read_as_german() -> None:
    stool = load_template(templates_dir() / "de" / "trust-stool.toml").framework
    assert stool.name == "Dreibeiniger Hocker des Vertrauens"
    assert stool.element("reliability").name == "Verlässlichkeit"
    assert stool.scale.label(5) == "Felsenfest"
    rtx = load_template(templates_dir() / "de" / "rtx-trust-framework.toml").framework
    assert rtx.element_label == "Vertrauenselement"
    assert rtx.domain_label == "Bereich"
    assert rtx.card_kind("evidence").name == "Beleg"
    assert "„Angebot / Marke“" in rtx.description
    questions = [q.text for q in rtx.all_questions()]
    assert "Wie gut zeigen wir hier aus Sicht der Kunden Kompetenz?" in questions


# -- the codec and the workshop file ---------------------------------------------------


def _german(rtx: Framework) -> Framework:
    return framework_from_dict({**framework_to_dict(rtx), "language": "de"})


def test_the_codec_keeps_a_language_and_leaves_english_out(rtx: Framework) -> None:
    assert "language" not in framework_to_dict(rtx)  # English files look as they always did
    german = _german(rtx)
    assert german.language == "de"
    data = framework_to_dict(german)
    assert data["language"] == "de"
    assert framework_from_dict(data) == german
    assert framework_from_dict({**data, "language": "pt-BR"}).language == "pt-BR"


@pytest.mark.parametrize("code", ["", "de de", "d\u00e9", "x" * 36, "-de", "de\n"])
def test_the_codec_refuses_what_is_no_language_code(rtx: Framework, code: str) -> None:
    with pytest.raises(ValidationError, match="is not a language code") as caught:
        framework_from_dict({**framework_to_dict(rtx), "language": code})
    assert caught.value.path == "language"


def test_the_codec_refuses_a_language_that_is_not_text(rtx: Framework) -> None:
    with pytest.raises(ValidationError, match="expected text"):
        framework_from_dict({**framework_to_dict(rtx), "language": 49})


def test_a_german_workshop_keeps_its_language_in_its_file(tmp_path: Path, rtx: Framework) -> None:
    path = tmp_path / "de.trustboard"
    WorkshopFile.create(path, new_workshop(_german(rtx), "Vertrauen")).close()
    data = json.loads(path.read_text(encoding="utf-8"))
    assert SCHEMA_VERSION == 5
    assert data["meta"]["file"]["schema_version"] == 5
    assert data["framework"]["framework"]["language"] == "de"
    wf = WorkshopFile.open(path)
    assert wf.workshop.framework.language == "de"
    wf.close()


def test_an_english_workshop_file_names_no_language(tmp_path: Path, rtx: Framework) -> None:
    path = tmp_path / "en.trustboard"
    WorkshopFile.create(path, new_workshop(rtx, "Trust")).close()
    data = json.loads(path.read_text(encoding="utf-8"))
    assert "language" not in data["framework"]["framework"]


def _as_version(path: Path, version: int) -> bytes:
    data = json.loads(path.read_text(encoding="utf-8"))
    data["meta"]["file"]["schema_version"] = version
    raw = json.dumps(data).encode()
    path.write_bytes(raw)
    return raw


def test_a_version_4_app_refuses_a_german_workshop_as_newer(
    tmp_path: Path, rtx: Framework, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "de.trustboard"
    WorkshopFile.create(path, new_workshop(_german(rtx), "Vertrauen")).close()
    before = path.read_bytes()
    monkeypatch.setattr(schema, "SCHEMA_VERSION", 4)
    monkeypatch.setattr("trustboard.store.workshop_file.SCHEMA_VERSION", 4)
    monkeypatch.setattr(schema, "MIGRATIONS", {k: v for k, v in schema.MIGRATIONS.items() if k < 4})
    with pytest.raises(NewerFileError, match="file format 5"):
        WorkshopFile.open(path)
    assert path.read_bytes() == before


def test_a_version_4_workshop_opens_as_english_and_is_saved_as_version_5(
    tmp_path: Path, rtx: Framework
) -> None:
    path = tmp_path / "old.trustboard"
    WorkshopFile.create(path, new_workshop(rtx, "Trust")).close()
    _as_version(path, 4)
    wf = WorkshopFile.open(path)
    assert wf.workshop.framework.language == "en"
    wf.close()
    assert json.loads(path.read_text())["meta"]["file"]["schema_version"] == SCHEMA_VERSION


def test_a_version_4_file_that_names_a_language_is_damaged(tmp_path: Path, rtx: Framework) -> None:
    path = tmp_path / "odd.trustboard"
    WorkshopFile.create(path, new_workshop(_german(rtx), "Vertrauen")).close()
    old = _as_version(path, 4)
    with pytest.raises(TrustBoardFileError, match="version-4 file cannot"):
        WorkshopFile.open(path)
    assert path.read_bytes() == old


# -- the catalogue --------------------------------------------------------------------


def test_the_catalogue_knows_a_template_by_id_and_language(data_dir: UserPaths) -> None:
    templates, errors = load_catalogue(data_dir)
    assert errors == []
    keys = [(t.id, t.language) for t in templates]
    assert len(keys) == len(set(keys)) == len(list(templates_dir().rglob("*.toml")))
    assert ("trust-stool", "en") in keys and ("trust-stool", "de") in keys
    assert all(t.builtin for t in templates)


def test_the_catalogue_lists_the_interface_languages_templates_first(data_dir: UserPaths) -> None:
    english = [t.language for t in load_catalogue(data_dir)[0]]
    assert english[: len(ENGLISH)] == ["en"] * len(ENGLISH)
    i18n.set_language("de")
    german = [t.language for t in load_catalogue(data_dir)[0]]
    assert german[: len(ENGLISH)] == ["de"] * len(ENGLISH)
    assert german[len(ENGLISH) : 2 * len(ENGLISH)] == ["en"] * len(ENGLISH)


def test_find_template_prefers_the_interface_language_then_english(data_dir: UserPaths) -> None:
    assert find_template(data_dir, "trust-stool").language == "en"
    assert find_template(data_dir, "trust-stool", "de").language == "de"
    i18n.set_language("de")
    assert find_template(data_dir, "trust-stool").framework.name.startswith("Dreibeiniger")
    assert find_template(data_dir, "trust-stool", "en").language == "en"
    assert find_template(data_dir, "trust-stool", "it").language == "en"  # none in Italian
    i18n.set_language("pseudo")  # English in disguise
    assert find_template(data_dir, "trust-stool").language == "en"


def test_find_template_takes_any_language_when_there_is_no_english(
    data_dir: UserPaths, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shipped = tmp_path / "shipped"
    (shipped / "de").mkdir(parents=True)
    text = (templates_dir() / "de" / "ten-steps.toml").read_text(encoding="utf-8")
    (shipped / "de" / "ten-steps.toml").write_text(text, encoding="utf-8")
    monkeypatch.setattr(catalogue, "templates_dir", lambda: shipped)
    assert find_template(data_dir, "ten-steps").language == "de"
    with pytest.raises(KeyError, match="no template 'nope' \\(available: ten-steps\\)"):
        find_template(data_dir, "nope")


def _user_template(paths: UserPaths, name: str, text: str) -> None:
    paths.user_templates.mkdir(parents=True, exist_ok=True)
    (paths.user_templates / name).write_text(text, encoding="utf-8")


def test_a_user_may_add_a_language_but_not_repeat_a_built_in_one(data_dir: UserPaths) -> None:
    english = (templates_dir() / "trust-stool.toml").read_text(encoding="utf-8")
    italian = english.replace('id = "trust-stool"', 'id = "trust-stool"\nlanguage = "it"', 1)
    _user_template(data_dir, "sgabello.toml", italian.replace("Three-legged", "Sgabello", 1))
    _user_template(data_dir, "copy.toml", english)
    templates, errors = load_catalogue(data_dir)
    mine = [t for t in templates if not t.builtin]
    assert [(t.id, t.language) for t in mine] == [("trust-stool", "it")]
    assert [str(e) for e in errors] == [
        "copy.toml: id: 'trust-stool' is already used by trust-stool.toml"
    ]
    assert find_template(data_dir, "trust-stool", "it").framework.name.startswith("Sgabello")


def test_a_template_in_a_language_folder_must_speak_that_language(tmp_path: Path) -> None:
    folder = tmp_path / "fr"
    folder.mkdir()
    german = (templates_dir() / "de" / "trust-stool.toml").read_text(encoding="utf-8")
    (folder / "trust-stool.toml").write_text(german, encoding="utf-8")
    templates, errors = load_templates([(folder, True)])
    assert templates == []
    assert [str(e) for e in errors] == [
        "trust-stool.toml: language: 'de' does not match its folder 'fr'"
    ]


def test_a_german_template_repeated_in_german_is_reported(tmp_path: Path) -> None:
    folder = tmp_path / "de"
    folder.mkdir()
    german = (templates_dir() / "de" / "trust-stool.toml").read_text(encoding="utf-8")
    (folder / "a.toml").write_text(german, encoding="utf-8")
    (folder / "b.toml").write_text(german, encoding="utf-8")
    templates, errors = load_templates([(folder, True)])
    assert [t.language for t in templates] == ["de"]
    assert [str(e) for e in errors] == ["b.toml: id: 'trust-stool' is already used by de/a.toml"]


# -- the command line -----------------------------------------------------------------


def _templates_lines(capsys: pytest.CaptureFixture[str], *args: str) -> list[str]:
    assert main([*args, "templates"]) == 0
    return capsys.readouterr().out.splitlines()


def test_trustboard_templates_lists_each_templates_language(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    lines = _templates_lines(capsys, "--data-dir", str(tmp_path))
    assert len(lines) == len(list(templates_dir().rglob("*.toml")))
    stool = [line for line in lines if line.startswith("trust-stool ")]
    assert [line.split()[1] for line in stool] == ["en", "de", "fr"]
    assert "English" in stool[0]
    assert "Dreibeiniger Hocker des Vertrauens" in stool[1]
    assert "German, built-in" in stool[1]
    assert "French, built-in" in stool[2]
    assert lines[0].split()[1] == "en"  # English first in an English interface


def test_trustboard_templates_speaks_the_interface_language(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    lines = _templates_lines(capsys, "--lang", "de", "--data-dir", str(tmp_path))
    assert lines[0].split()[1] == "de"  # the interface language's first
    stool = [line for line in lines if line.startswith("trust-stool ")]
    assert "(3 × 3, Deutsch, mitgeliefert)" in stool[0]
    assert "(3 × 3, Englisch, mitgeliefert)" in stool[1]


def test_trustboard_new_takes_the_interface_languages_template(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    data = str(tmp_path / "d")
    german, english = tmp_path / "de.trustboard", tmp_path / "en.trustboard"
    assert (
        main(["--lang", "de", "--data-dir", data, "new", str(german), "--template", "trust-stool"])
        == 0
    )
    assert (
        main(["--lang", "en", "--data-dir", data, "new", str(english), "--template", "trust-stool"])
        == 0
    )
    capsys.readouterr()
    for path, language, title in (
        (german, "de", "Dreibeiniger Hocker des Vertrauens"),
        (english, "en", "Three-legged stool of trust"),
    ):
        wf = WorkshopFile.open(path, read_only=True)
        assert wf.workshop.framework.language == language
        assert wf.workshop.title == title
        wf.close()


# -- the demo ------------------------------------------------------------------------


def test_the_demo_speaks_its_frameworks_language(data_dir: UserPaths) -> None:
    english = demo_workshop(find_template(data_dir, DEMO_TEMPLATE, "en").framework)
    assert [r.label for r in english.rounds] == ["Q1 baseline", "Q2 review"]
    german = demo_workshop(find_template(data_dir, DEMO_TEMPLATE, "de").framework)
    assert german.framework.language == "de"
    assert [r.label for r in german.rounds] == ["Q1-Ausgangslage", "Q2-Überprüfung"]
    assert german.title == "Workshop Kundenvertrauen"
    texts = {c.text for c in german.current_round.cards.values()}
    assert "Ehrliche Liefertermine in Spitzenwochen" in texts
    assert not texts & {c.text for c in english.current_round.cards.values()}
    actions = [c for c in german.current_round.cards.values() if c.action is not None]
    assert len(actions) == 4  # the same actions, found by their English text
    assert i18n.language() == "en"  # the demo's language held only while it was built


def test_each_language_keeps_its_own_demo_file(data_dir: UserPaths) -> None:
    english = ensure_demo_file(data_dir)
    assert english == data_dir.demo_file
    i18n.set_language("de")
    german = ensure_demo_file(data_dir)
    assert german.name == "Northwind Outfitters – Vertrauens-Workshop.trustboard"
    assert ensure_demo_file(data_dir) == german
    wf = WorkshopFile.open(german, read_only=True)
    assert wf.workshop.framework.language == "de"
    assert wf.workshop.rounds[0].label == "Q1-Ausgangslage"
    wf.close()
    assert english.exists()


def test_a_users_template_in_the_interface_language_comes_before_other_languages(
    data_dir: UserPaths,
) -> None:
    german = (templates_dir() / "de" / "ten-steps.toml").read_text(encoding="utf-8")
    _user_template(data_dir, "meine.toml", german.replace('id = "ten-steps"', 'id = "meine"', 1))
    i18n.set_language("de")
    templates = load_catalogue(data_dir)[0]
    first = [(t.id, t.builtin) for t in templates[: len(ENGLISH) + 1]]
    assert first[-1] == ("meine", False)  # after the German built-ins, before the English
    assert all(t.language == "de" for t in templates[: len(ENGLISH) + 1])
    i18n.set_language("en")
    templates = load_catalogue(data_dir)[0]
    assert (templates[-1].id, templates[-1].builtin) == ("meine", False)


@pytest.mark.parametrize(
    ("interface", "code", "name"),
    [
        ("en", "de", "German"),
        ("de", "en", "Englisch"),
        ("fr", "de", "allemand"),
        ("en", "pt-BR", "Portuguese (Brazil)"),
        ("en", "qq-zzz", "qq-zzz"),  # no language babel knows: its code
    ],
)
def test_a_templates_language_is_named_in_the_interface_language(
    interface: str, code: str, name: str
) -> None:
    i18n.set_language(interface)
    assert i18n.language_name(code) == name
