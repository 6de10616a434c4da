"""The participant page speaks the phone's language (else the workshop's): its words come
from the one catalogue through the server, none is left in index.html or room.js."""

from __future__ import annotations

import dataclasses
import json
import re
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import aiohttp

from tests.room.phones import Phone, Room, run
from tests.room.test_server import http, token_path
from trustboard.domain.workshop import Workshop
from trustboard.i18n_catalogue import extract, problems
from trustboard.room import page_texts
from trustboard.room.page_texts import choose_language, render_page
from trustboard.room.page_texts import page_texts as texts_in

ROOM = Path(__file__).parents[2] / "resources" / "room"
INDEX = (ROOM / "index.html").read_text(encoding="utf-8")
ROOM_JS = (ROOM / "room.js").read_text(encoding="utf-8")
WRAPPED = re.compile(r"\[!! (?:(?!\[!! ).)*? !!\]", re.S)
WORD = re.compile(r"[^\W\d_]{2,}")
SHOWN_ATTRIBUTES = ("placeholder", "aria-label", "title", "alt", "label")
# Names the same in every language.
ALWAYS = ("TrustBoard",)


class _Shown(HTMLParser):
    """The texts a page shows: text outside script and style, and the spoken attributes."""

    def __init__(self) -> None:
        super().__init__()
        self.texts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "style"):
            self._skip += 1
        self.texts += [v for k, v in attrs if k in SHOWN_ATTRIBUTES and v]

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style"):
            self._skip -= 1

    def handle_data(self, data: str) -> None:
        if not self._skip and data.strip():
            self.texts.append(data)


def shown(page: str) -> list[str]:
    parser = _Shown()
    parser.feed(page)
    return parser.texts


def english_left(text: str) -> bool:
    rest = WRAPPED.sub(" ", text)
    for name in ALWAYS:
        rest = rest.replace(name, " ")
    return bool(WORD.search(rest))


def all_keys() -> set[str]:
    data = texts_in("en")
    return set(data["texts"]) | set(data["plurals"]["forms"])


# -- the files hold keys only ---------------------------------------------------------------


def test_index_html_shows_only_keys_the_catalogue_has() -> None:
    slots = re.findall(r"\{\{([a-z0-9.-]+)\}\}", INDEX)
    assert slots and set(slots) <= all_keys()
    without = re.sub(r"\{\{[a-z0-9.-]+\}\}", " ", INDEX)
    assert [t for t in shown(without) if english_left(t)] == []


def _literals(js: str) -> list[str]:
    js = re.sub(r"/\*.*?\*/", " ", js, flags=re.S)
    js = re.sub(r"(?m)(^|\s)//.*$", " ", js)  # "ws://" has no space before its slashes
    return re.findall(r'"((?:[^"\\\n]|\\.)*)"', js)


def test_room_js_holds_no_words_only_keys() -> None:
    keys = all_keys()
    used = set(re.findall(r'\b[TP]\("([a-z0-9.-]*[a-z0-9])"', ROOM_JS))
    assert used and used <= keys, used - keys
    # Every phase shown and every refusal a phone can meet has its text.
    assert {f"phase.{p}" for p in ("write", "score", "vote", "closed")} <= keys
    # No sentence and no capitalised word left in a string: only keys, ids and code.
    prose = [
        s
        for s in _literals(ROOM_JS)
        if (re.search(r"[A-Za-z]{2,}[,.:;!?…]?\s+[A-Za-z]{2,}", s) and not s.startswith("(min-"))
        or re.fullmatch(r"[A-Z][a-z]+[.…!?]?", s)
    ]
    # a key's name, the directive, class names
    assert set(prose) <= {"Enter", "use strict", "card vote-card"}, prose


def test_every_phone_refusal_code_has_its_text() -> None:
    from trustboard.room.logic import CODES

    keys = all_keys()
    assert {f"error.{c}" for c in CODES} - keys == set()


# -- the served page --------------------------------------------------------------------------


def _dictionary(page: str) -> dict[str, Any]:
    found = re.search(r'<script id="room-texts" type="application/json">(.*?)</script>', page, re.S)
    assert found is not None
    data: dict[str, Any] = json.loads(found[1])
    return data


def test_under_pseudo_every_text_of_the_page_and_its_dictionary_is_wrapped() -> None:
    page = render_page(INDEX, "pseudo")
    data = _dictionary(page)
    texts = list(data["texts"].values())
    texts += [f for forms in data["plurals"]["forms"].values() for f in forms]
    assert texts and [t for t in texts if english_left(t)] == []
    assert [t for t in shown(page) if english_left(t)] == []
    assert "{{" not in page


def test_pseudo_rtl_lays_the_page_out_right_to_left() -> None:
    page = render_page(INDEX, "pseudo-rtl")
    assert re.search(r'<html lang="en" dir="rtl">', page)


def test_german_and_french_pages_say_it_in_their_words() -> None:
    de = render_page(INDEX, "de")
    assert '<html lang="de" dir="ltr">' in de
    assert ">Karte schreiben<" in de and ">Karte senden<" in de
    assert 'placeholder="Eine Idee, ein Fakt oder ein Beispiel pro Karte"' in de
    fr = render_page(INDEX, "fr-CH")
    assert '<html lang="fr-CH" dir="ltr">' in fr
    assert ">Écrire une carte<" in fr and ">Envoyer la carte<" in fr
    plurals = _dictionary(fr)["plurals"]
    forms, index = plurals["forms"]["dots-left"], plurals["index"]
    # French: 0 and 1 are singular; German: only 1.
    assert [forms[index[n]] for n in (0, 1, 2)] == [
        "{n} point restant",
        "{n} point restant",
        "{n} points restants",
    ]
    de_plurals = _dictionary(de)["plurals"]
    assert [de_plurals["forms"]["dots-left"][de_plurals["index"][n]] for n in (0, 1, 2)] == [
        "Noch {n} Punkte",
        "Noch {n} Punkt",
        "Noch {n} Punkte",
    ]


def test_a_text_cannot_end_the_data_block_early() -> None:
    original = page_texts.TEXTS["page.title"]
    try:
        page_texts.TEXTS["page.title"] = "</script><script>alert(1)</script>"
        render_page.cache_clear()
        page = render_page(INDEX, "en")
        assert page.count("</script>") == INDEX.count("</script>") + 1
        assert "&lt;/script&gt;" in page  # in the <title>, escaped
    finally:
        page_texts.TEXTS["page.title"] = original
        render_page.cache_clear()


def test_the_phone_language_wins_when_we_have_it_else_the_workshop_one() -> None:
    assert choose_language("de-DE,de;q=0.9,en;q=0.8", "fr") == "de-DE"
    assert choose_language("it-IT,it;q=0.9", "fr") == "fr"
    assert choose_language("", "de") == "de"
    assert choose_language("*", "de") == "de"
    assert choose_language("pseudo", "de") == "de"  # not a language phones can ask for
    assert choose_language("de-<script>", "fr") == "de"  # only a well-formed tag is echoed


def test_the_server_serves_the_page_and_tells_errors_in_the_phone_language(
    workshop: Workshop,
) -> None:
    french = dataclasses.replace(
        workshop, framework=dataclasses.replace(workshop.framework, language="fr")
    )
    with Room(french) as room:
        path = token_path(room)

        async def main() -> None:
            status, _headers, body = await http(room.url, path, headers={"Accept-Language": "de"})
            page = body.decode("utf-8")
            assert status == 200 and '<html lang="de" dir="ltr">' in page
            assert "Karte schreiben" in page
            status, _headers, body = await http(room.url, path, headers={"Accept-Language": "it"})
            assert '<html lang="fr" dir="ltr">' in body.decode("utf-8")  # the workshop's
            status, _headers, body = await http(room.url, "/nothing-here")
            assert status == 404 and "Aucune salle ici" in body.decode("utf-8")
            async with aiohttp.ClientSession(headers={"Accept-Language": "de-AT"}) as s:
                phone = Phone(room.url, session=s)
                await phone.connect()
                assert (await phone.hello())["type"] == "welcome"
                reply = await phone.add_card("   ")
                assert reply["type"] == "error"
                assert reply["message"] == "Eine Karte braucht einen Text."
                await phone.close()

        run(main())


# -- the catalogue ------------------------------------------------------------------------------

PATHS = ("ui/imports/", "ui/room/", "room/")


def test_german_and_french_are_complete_for_the_imports_and_the_room() -> None:
    ours = [s for s in extract() if s.where[0][0].startswith(PATHS)]
    assert len(ours) > 300
    assert problems("de", ours) == []
    assert problems("fr", ours) == []
