"""Every text the participant page shows, from our one catalogue, in the phone's language.

The page (resources/room/index.html, room.js) holds no words of its own, only keys: the
server fills the page's `{{key}}` slots and hands room.js a JSON dictionary of the same
texts in a data block (not a script: the CSP stays `script-src 'self'`). Counts come with
every form the language has and, for each count up to PLURAL_TABLE, which form it takes:
the language's own plural rule, worked out here from its catalogue.

The language is the phone's own when we have a catalogue for it (its browser's
Accept-Language), else the workshop's.
"""

from __future__ import annotations

import html
import json
import re
from functools import lru_cache
from typing import Any

from trustboard import i18n
from trustboard.i18n import N_, _, ngettext, pgettext

_TAG = re.compile(r"[A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8}){0,3}")  # "de", "de-CH", "zh-Hant-TW"
PLURAL_TABLE = 200  # counts from 0 to 199 carry their form; a larger one takes the last's

# key -> text. `{name}` placeholders are filled on the page.
TEXTS: dict[str, str] = {
    "page.title": N_("TrustBoard room"),
    # Translators: the browser tab of the participant page: "Q3 workshop · TrustBoard room".
    "page.title-of": N_("{title} · TrustBoard room"),
    "page.noscript": N_("This page needs JavaScript to join the room."),
    "page.footer": N_(
        "Nothing you send leaves this room: it goes only to the facilitator's laptop."
    ),
    "link.connecting": N_("Connecting…"),
    "link.reconnecting": N_("Reconnecting…"),
    "link.connected": N_("Connected"),
    "link.offline": N_("Offline"),
    "link.not-connected": N_("Not connected"),
    "link.room-closed": N_("Room closed"),
    "link.not-in-room": N_("Not in the room"),
    "view.joining": N_("Joining the room…"),
    # Translators: the label of the field where a participant types the room's PIN.
    "gate.pin-label": N_("PIN"),
    "gate.join": N_("Join"),
    "gate.retry": N_("Try again"),
    "gate.safe": N_("Anything you were typing is kept on this phone."),
    "gate.pin-title": N_("Enter the room's PIN"),
    "gate.pin-first": N_("The facilitator shows a 4-digit PIN on the screen, next to the code."),
    "gate.locked-title": N_("The room is locked"),
    "gate.full-title": N_("The room is full"),
    "gate.not-open-title": N_("The room is not open"),
    "gate.closed-title": N_("The room is closed"),
    "gate.expired-title": N_("This link has expired"),
    "gate.noroom-title": N_("No room here"),
    "gate.blocked-title": N_("You are no longer in the room"),
    "gate.not-connected-title": N_("Not connected"),
    "gate.scan-again": N_("Scan the code on the screen again to join the room."),
    "cell.eyebrow": N_("We are discussing"),
    "cell.more": N_("What this cell means"),
    "cell.whole-board": N_("The whole board"),
    "cell.none-yet": N_("The facilitator has not picked a cell yet."),
    "write.head": N_("Write a card"),
    "write.private": N_("Your cards stay private until the facilitator reveals them."),
    "write.cell": N_("Cell"),
    "write.kind": N_("Kind of card"),
    "write.draft": N_("Your card"),
    "write.placeholder": N_("One idea, fact or example per card"),
    "write.send": N_("Send card"),
    "write.sign": N_("Sign your cards"),
    "write.sign-note": N_("(optional: your name, as the room will see it)"),
    "write.mine": N_("Your cards"),
    # Translators: under the card's text box: "120 / 1000" characters.
    "write.counter": N_("{length} / {limit}"),
    "write.sent-private": N_("Card sent. It stays private until the facilitator reveals it."),
    "write.sent": N_("Card sent. It is on the board."),
    "write.saved-here": N_("Saved on this phone: it will be sent when the connection is back."),
    "write.changes-waiting": N_("Your last changes will be sent when the connection is back."),
    "card.show-all": N_("Show all"),
    "card.show-less": N_("Show less"),
    "card.private": N_("Private until revealed"),
    "card.hidden": N_("Hidden by the facilitator"),
    "card.edit-label": N_("Edit your card"),
    "card.save": N_("Save"),
    "card.cancel": N_("Cancel"),
    "card.delete-yes": N_("Yes, delete"),
    "card.keep": N_("Keep it"),
    "card.edit": N_("Edit"),
    "card.delete": N_("Delete"),
    "score.head": N_("Your score"),
    "score.back": N_("‹ Back"),
    "score.next": N_("Next ›"),
    "score.previous-cell": N_("Previous cell"),
    "score.next-cell": N_("Next cell"),
    "score.clear": N_("Take back my score"),
    "score.anonymous": N_("Scores are anonymous: the board shows only how the room scored."),
    "score.ask-to-be-customer": N_(
        "Where should customers say we are here, once we have done the work?"
    ),
    "score.ask-to-be-self": N_("Where do we want to be here?"),
    "score.ask-as-is-customer": N_("How well do customers say we do here today?"),
    "score.ask-as-is-self": N_("How well do we do here today, in your view?"),
    "score.waiting": N_("Waiting for the facilitator to pick a cell."),
    "score.not-yet": N_("You have not scored this cell yet."),
    "score.yours": N_("Your score: {score}. You can change it until the step ends."),
    "vote.head": N_("Vote with your dots"),
    "vote.secret": N_("Nobody sees the results until the facilitator ends the vote."),
    "vote.not-started": N_("The vote has not started yet."),
    "vote.no-cards": N_("There are no cards to vote on yet."),
    "vote.take": N_("Take a dot back"),
    "vote.give": N_("Give a dot"),
    "vote.none-yet": N_("no dots yet"),
    "closed.head": N_("Nothing to do right now"),
    "closed.text": N_(
        "Look up at the screen. This page changes by itself when the facilitator starts the "
        "next step."
    ),
    "offline.keep-going": N_(
        "The room cannot be reached right now. Keep going: what you write stays on this "
        "phone and is sent when the connection is back."
    ),
    # What the phone says when the room refuses something (its own words win when it
    # sends some).
    "error.hello": N_("The room did not understand this page. Reload it to join again."),
    "error.pin": N_("Type the PIN shown on the screen."),
    "error.locked": N_("The room is locked to new phones. Ask the facilitator to let you in."),
    "error.full": N_("The room is full. Ask the facilitator to make room for you."),
    "error.blocked": N_("The facilitator has taken this phone out of the room."),
    "error.expired": N_("This link has expired. Scan the code on the screen again."),
    "error.closed": N_(
        "The room is closed for now. This page reconnects by itself when it opens again."
    ),
    "error.phase": N_("That step is over, so this was not sent. Your text is still here."),
    "error.too-long": N_(
        "Your card is longer than {limit} characters. Shorten it and send it again."
    ),
    "error.too-fast": N_("Slow down a little: this will be sent again in a few seconds."),
    "error.not-yours": N_("This card can no longer be changed from your phone."),
    "error.gone": N_("That card is no longer in the room."),
    "error.budget": N_("You have no dots left for that."),
    "error.invalid": N_("The room could not take that. Check it and try again."),
    "error.noroom": N_("No room here. Scan the code on the screen again."),
}


def _phases() -> dict[str, str]:
    """The room's phases as the phone shows them, one word each."""
    return {
        # Translators: the room's phases in one word, on the phone and under the join code.
        "phase.write": pgettext("room phase", "Write"),
        "phase.score": pgettext("room phase", "Score"),
        "phase.vote": pgettext("room phase", "Vote"),
        "phase.closed": pgettext("room phase", "Paused"),
    }


def _plural(key: str, n: int) -> str:
    """The plural texts through ngettext, written out for extraction."""
    forms = {
        "devices": lambda: ngettext("{n} phone in the room", "{n} phones in the room", n),
        "outbox": lambda: ngettext(
            "{n} card is waiting on this phone and will be sent when the connection is back.",
            "{n} cards are waiting on this phone and will be sent when the connection is back.",
            n,
        ),
        # Translators: after the character counter, when the card is too long: "— too long by 12".
        "too-long-by": lambda: ngettext("too long by {n}", "too long by {n}", n),
        # Translators: while scoring every cell in turn: "Cell 3 of 12 · 2 scored"; n: cells.
        "walk": lambda: ngettext(
            "Cell {i} of {n} · {done} scored", "Cell {i} of {n} · {done} scored", n
        ),
        "dots-left": lambda: ngettext("{n} dot left", "{n} dots left", n),
        # Translators: the dot vote's rule on the phone; n: the dots each phone has.
        "dots-rule-limit": lambda: ngettext(
            "You have {n} dot, at most {per_card} on one card.",
            "You have {n} dots, at most {per_card} on one card.",
            n,
        ),
        "dots-rule-free": lambda: ngettext(
            "You have {n} dot.",
            "You have {n} dots. Put several on one card if it matters most.",
            n,
        ),
    }
    return forms[key]()


PLURAL_KEYS = (
    "devices",
    "outbox",
    "too-long-by",
    "walk",
    "dots-left",
    "dots-rule-limit",
    "dots-rule-free",
)


def choose_language(accept_language: str, workshop_language: str) -> str:
    """The phone's first language we have a catalogue for, else the workshop's."""
    have = i18n.codes()  # the codes alone: no language's name is looked up per request
    for part in accept_language.split(","):
        tag = part.split(";")[0].strip().replace("_", "-")
        if not tag or tag == "*":
            continue
        base = tag.split("-")[0].lower()
        if base in have:
            return tag if _TAG.fullmatch(tag) else base
    return workshop_language or i18n.SOURCE


def page_texts(language: str) -> dict[str, Any]:
    """The page's texts in `language`: "texts", "plurals" (forms + "index" per count),
    "lang" (a BCP 47 tag for `<html lang>`) and "dir"."""
    with i18n.using(language) as code:
        texts = {key: _(text) for key, text in TEXTS.items()}
        texts.update(_phases())
        index: list[int] = []
        forms: dict[str, list[str]] = {key: [] for key in PLURAL_KEYS}
        # The form each count takes, found by asking the catalogue: the count's text for
        # the first key tells which form it is (a new text, a new form).
        probe = "dots-left"
        for n in range(PLURAL_TABLE):
            text = _plural(probe, n)
            if text not in forms[probe]:
                for key in PLURAL_KEYS:
                    forms[key].append(_plural(key, n))
            index.append(forms[probe].index(text))
        rtl = i18n.is_rtl()
        tag = i18n.real_language()
        asked = language.replace("_", "-")
        if asked.split("-")[0].lower() == code:  # "fr-CH": the region tells the spelling
            tag = asked
    return {
        "texts": texts,
        "plurals": {"forms": forms, "index": index},
        "lang": tag.replace("_", "-"),
        "dir": "rtl" if rtl else "ltr",
    }


_SLOT = re.compile(r"\{\{([a-z0-9.-]+)\}\}")
_HTML_TAG = re.compile(r"<html\b[^>]*>")


@lru_cache(maxsize=32)  # a few languages, each rendered once per page text
def render_page(page: str, language: str) -> str:
    """index.html in `language`: its `{{key}}` slots filled, `<html lang dir>` set, and the
    dictionary for room.js in a JSON data block before `</head>`."""
    data = page_texts(language)
    texts = data["texts"]
    out = _SLOT.sub(lambda m: html.escape(texts.get(m[1], m[1]), quote=True), page)
    out = _HTML_TAG.sub(
        f'<html lang="{html.escape(data["lang"])}" dir="{data["dir"]}">', out, count=1
    )
    # "<" written as \u003c: no text can end the block early.
    blob = json.dumps(data, ensure_ascii=False).replace("<", "\\u003c")
    block = f'<script id="room-texts" type="application/json">{blob}</script>\n'
    return out.replace("</head>", block + "</head>", 1)


def message(template: str, values: dict[str, Any] | None = None) -> str:
    """A server message (marked with N_ where it is written) in the current language."""
    return _(template).format(**(values or {}))
