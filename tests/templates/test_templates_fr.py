"""The French templates are the English ones in French: same grid, every text translated.

Each `templates/fr/<id>.toml` is a complete template in its own right. Everything a workshop
stores by id (elements, domains, cells, card kinds, scale values) must match the English file,
so that a board started in Lyon and one started in London can be read side by side; only the
texts a person reads differ. The files are read with `tomllib` directly, and checked to load
with the `language` key set aside, so these tests hold whatever the loader does with it.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from trustboard.assets import templates_dir
from trustboard.domain import limits
from trustboard.domain.codec import framework_from_dict

FRENCH = templates_dir() / "fr"
IDS = sorted(p.stem for p in templates_dir().glob("*.toml"))
HEADER = "# TrustBoard framework template: data only, never executed."
NBSP = "\u00a0"

# Keys whose values a person reads, with the limit each must stay within.
TEXT_LIMITS = {
    "name": limits.NAME_CHARS,
    "description": limits.DEFINITION_CHARS,
    "source": limits.DEFINITION_CHARS,
    "element_label": limits.NAME_CHARS,
    "domain_label": limits.NAME_CHARS,
    "tags": limits.NAME_CHARS,
    "label": limits.NAME_CHARS,
    "group": limits.NAME_CHARS,
    "definition": limits.DEFINITION_CHARS,
    "questions": limits.DEFINITION_CHARS,
}
# The framework's own name is a title, not an axis name.
TITLE_LIMIT = limits.TITLE_CHARS
# Words spelt the same in both languages: kept as they are in the French file.
SAME_IN_FRENCH = {"rtx", "silos", "source", "communication", "Marketing"}
PLACEHOLDER = re.compile(r"\{[^{}]*\}|%[sdifn]|%\d|\$\{")


def read(path: Path) -> dict[str, Any]:
    with path.open("rb") as f:
        return tomllib.load(f)


def english(template_id: str) -> dict[str, Any]:
    return read(templates_dir() / f"{template_id}.toml")


def french(template_id: str) -> dict[str, Any]:
    return read(FRENCH / f"{template_id}.toml")


def walk(
    data: Any, trail: tuple[str | int, ...] = ()
) -> Iterator[tuple[tuple[str | int, ...], Any]]:
    """Every leaf value with the path of keys and indexes leading to it."""
    if isinstance(data, dict):
        for key, value in data.items():
            yield from walk(value, (*trail, key))
    elif isinstance(data, list):
        for i, value in enumerate(data):
            yield from walk(value, (*trail, i))
    else:
        yield trail, data


def text_key(trail: tuple[str | int, ...]) -> str | None:
    """The text key a leaf belongs to ("questions" for a question), or None for data."""
    keys = [k for k in trail if isinstance(k, str)]
    return keys[-1] if keys and keys[-1] in TEXT_LIMITS else None


def texts(data: dict[str, Any]) -> dict[tuple[str | int, ...], str]:
    return {trail: value for trail, value in walk(data) if text_key(trail)}


def skeleton(data: dict[str, Any]) -> list[tuple[tuple[str | int, ...], Any]]:
    """The file with every text blanked out: what must be identical in both languages."""
    return [(trail, "<text>" if text_key(trail) else value) for trail, value in walk(data)]


def without_language(data: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in data.items() if k != "language"}


# -- the set of files --------------------------------------------------------------------


def test_every_english_template_has_a_french_one() -> None:
    assert len(IDS) == 6
    assert sorted(p.stem for p in FRENCH.glob("*.toml")) == IDS


# -- structure ---------------------------------------------------------------------------


@pytest.mark.parametrize("template_id", IDS)
def test_file_says_it_is_french_right_after_its_id(template_id: str) -> None:
    path = FRENCH / f"{template_id}.toml"
    assert path.read_text(encoding="utf-8").splitlines()[0] == HEADER
    data = french(template_id)
    assert list(data)[:2] == ["id", "language"]
    assert data["id"] == template_id
    assert data["language"] == "fr"
    assert "language" not in english(template_id)


@pytest.mark.parametrize("template_id", IDS)
def test_same_grid_ids_colours_values_and_flags_as_english(template_id: str) -> None:
    en, fr = english(template_id), without_language(french(template_id))
    # Same keys in the same order, same ids, colours, scale values, flags, counts of
    # questions and tags: only the texts may differ.
    assert skeleton(fr) == skeleton(en)


@pytest.mark.parametrize("template_id", IDS)
def test_groups_are_renamed_consistently(template_id: str) -> None:
    """A group is a family of axes: the French names must group the same axes together."""
    en, fr = english(template_id), french(template_id)
    for key in ("elements", "domains"):
        pairs = {
            (e.get("group", ""), f.get("group", "")) for e, f in zip(en[key], fr[key], strict=True)
        }
        assert len({e for e, _f in pairs}) == len(pairs) == len({f for _e, f in pairs}), key


@pytest.mark.parametrize("template_id", IDS)
def test_the_french_file_would_load(template_id: str) -> None:
    fr = framework_from_dict(without_language(french(template_id)))
    en = framework_from_dict(english(template_id))
    assert fr.id == en.id
    assert [a.id for a in fr.elements] == [a.id for a in en.elements]
    assert [a.id for a in fr.domains] == [a.id for a in en.domains]
    assert [(k.id, k.colour) for k in fr.card_kinds] == [(k.id, k.colour) for k in en.card_kinds]
    assert [s.value for s in fr.scale.steps] == [s.value for s in en.scale.steps]
    assert fr.weakest_decides == en.weakest_decides
    assert [(a.optional, a.enabled) for a in fr.domains] == [
        (a.optional, a.enabled) for a in en.domains
    ]
    assert sorted(fr.cell_questions) == sorted(en.cell_questions)
    assert len(list(fr.all_questions())) == len(list(en.all_questions()))


# -- texts -------------------------------------------------------------------------------


@pytest.mark.parametrize("template_id", IDS)
def test_every_text_is_translated(template_id: str) -> None:
    en, fr = texts(english(template_id)), texts(without_language(french(template_id)))
    assert en.keys() == fr.keys()
    same = [
        (trail, text)
        for trail, text in en.items()
        if fr[trail] == text and text not in SAME_IN_FRENCH and trail != ("source",)
    ]
    assert same == []
    assert all(text.strip() == text and text for text in fr.values())


@pytest.mark.parametrize("template_id", IDS)
def test_source_keeps_the_original_citation(template_id: str) -> None:
    assert french(template_id)["source"].startswith(english(template_id)["source"])


@pytest.mark.parametrize("template_id", IDS)
def test_texts_stay_within_the_limits(template_id: str) -> None:
    for trail, text in texts(french(template_id)).items():
        limit = TITLE_LIMIT if trail == ("name",) else TEXT_LIMITS[str(text_key(trail))]
        assert len(text) <= limit, (trail, len(text))


@pytest.mark.parametrize("template_id", IDS)
def test_no_placeholders(template_id: str) -> None:
    found = {t: text for t, text in texts(french(template_id)).items() if PLACEHOLDER.search(text)}
    assert found == {}


@pytest.mark.parametrize("template_id", IDS)
def test_french_typography(template_id: str) -> None:
    """A no-break space before : ; ! ? and %, « guillemets » with no-break spaces inside."""
    for trail, text in texts(french(template_id)).items():
        if trail == ("source",):
            continue  # keeps the English citation as published
        assert not re.search(r"[ \t][:;!?%]", text), trail
        assert not re.search(r"\w[:;!?%]", text), trail
        assert '"' not in text and "“" not in text and "”" not in text, trail
        assert text.count("«") == text.count("»"), trail
        assert "«" + NBSP in text or "«" not in text, trail
        assert not re.search("«[^" + NBSP + "]|[^" + NBSP + "]»", text), trail
        assert "'" not in text, trail  # the typographic apostrophe, as in the other texts


def test_french_spot_checks() -> None:
    """A few texts as an animateur would say them, with the glossary's words."""
    stool = french("trust-stool")
    assert stool["scale"][0]["label"] == "Cassé"
    assert stool["elements"][0]["name"] == "Sincérité"
    assert "Nous faites-vous confiance" + NBSP + "?" in stool["domains"][2]["questions"][0]
    rtx = french("rtx-trust-framework")
    assert rtx["name"] == "Cadre de confiance (RTx)"
    assert rtx["element_label"] == "Élément de confiance"
    assert rtx["domain_label"] == "Domaine"
    assert "état actuel" in rtx["description"] and "état visé" in rtx["description"]
    assert [k["name"] for k in rtx["card_kinds"]] == [
        "Fait observé",
        "Parole de client",
        "Ce que nous faisons déjà",
        "Idée",
        "Risque",
    ]
    assert french("ten-steps")["elements"][0]["questions"][0].endswith(NBSP + "?")
    assert french("rebuilding-trust")["domains"][0]["name"] == "Clients"
