"""What a phone may send, checked before anything reaches the workshop.

`parse` turns one WebSocket text message into a checked dict, or raises RoomError with a
sentence for the participant. The server runs it in its own thread, so a malformed or hostile
message never costs the facilitator's window anything; RoomLogic runs it again (it is cheap)
for callers that skip the server.
"""

from __future__ import annotations

import json
import re
from typing import Any

from trustboard.domain.checks import is_valid_text
from trustboard.i18n import N_
from trustboard.room.model import (
    ID_CHARS,
    KEY_CHARS,
    MESSAGE_BYTES,
    MOST_DOTS,
    NAME_CHARS,
    REF_CHARS,
    SECRET_CHARS,
    TEXT_CHARS,
    RoomError,
)

TYPES = frozenset({"hello", "card.add", "card.edit", "card.delete", "score", "vote", "ping"})
EDITS = TYPES - {"hello", "ping"}

_TOKENISH = re.compile(r"[A-Za-z0-9_-]+")
_PIN = re.compile(r"[0-9]{1,8}")

NOT_UNDERSTOOD = N_(
    "Your phone sent something the room does not understand, so nothing was changed. "
    "Reload the page and try again."
)


def invalid(detail: str = "") -> RoomError:
    return RoomError("invalid", detail or NOT_UNDERSTOOD)


def too_long(n: int) -> RoomError:
    return RoomError(
        "too-long",
        N_("Cards can be at most {limit} characters; yours has {n}."),
        limit=f"{TEXT_CHARS:,}",
        n=f"{n:,}",
    )


def parse(data: str | bytes) -> dict[str, Any]:
    """One message from a phone, decoded and checked (RoomError when it is refused)."""
    if len(data) > MESSAGE_BYTES:
        raise RoomError(
            "too-long", N_("That message is too large for the room; nothing was changed.")
        )
    try:
        message = json.loads(data)
    except (ValueError, RecursionError):
        raise invalid() from None
    return check(message)


def ref_of(message: object) -> str | None:
    """The request's reference when it has a usable one (echoed even in an error reply)."""
    if isinstance(message, dict):
        ref = message.get("ref")
        if isinstance(ref, str) and len(ref) <= REF_CHARS and is_valid_text(ref):
            return ref
    return None


def check(message: object) -> dict[str, Any]:
    """The message with each field checked for type and size; unknown fields are dropped."""
    if not isinstance(message, dict):
        raise invalid()
    kind = message.get("type")
    if not isinstance(kind, str) or kind not in TYPES:
        raise invalid()
    out: dict[str, Any] = {"type": kind}
    if "ref" in message:
        ref = ref_of(message)
        if ref is None:
            raise invalid()
        out["ref"] = ref
    if kind == "hello":
        out["device"] = _token(message.get("device"), *SECRET_CHARS)
        out["pin"] = _pin(message.get("pin", ""))
        out["name"] = _name(message.get("name", ""))
    elif kind == "card.add":
        out["key"] = _token(message.get("key"), *KEY_CHARS)
        out["text"] = _text(message.get("text"))
        out["kind"] = _id(message.get("kind"))
        out["cell"] = _cell(message.get("cell"), allow_none=True)
    elif kind == "card.edit":
        out["card"] = _id(message.get("card"))
        out["text"] = _text(message.get("text"))
        out["kind"] = _id(message.get("kind"))
    elif kind == "card.delete":
        out["card"] = _id(message.get("card"))
    elif kind == "score":
        out["cell"] = _cell(message.get("cell"), allow_none=False)
        score = message.get("score")
        if score is not None and not _is_int(score):
            raise invalid()
        out["score"] = score
    elif kind == "vote":
        out["card"] = _id(message.get("card"))
        dots = message.get("dots")
        if not isinstance(dots, int) or not _is_int(dots) or not 0 <= dots <= MOST_DOTS:
            raise invalid()
        out["dots"] = dots
    return out


def _is_int(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and abs(value) < 10**6


def _token(value: object, shortest: int, longest: int) -> str:
    if not isinstance(value, str) or not shortest <= len(value) <= longest:
        raise invalid()
    if not _TOKENISH.fullmatch(value):
        raise invalid()
    return value


def _id(value: object) -> str:
    if not isinstance(value, str) or not 0 < len(value) <= ID_CHARS or not is_valid_text(value):
        raise invalid()
    return value


def _pin(value: object) -> str:
    if value == "" or value is None:
        return ""
    if not isinstance(value, str) or not _PIN.fullmatch(value):
        raise RoomError("pin", N_("That PIN is not right. Type the 4 digits shown on the screen."))
    return value


def _name(value: object) -> str:
    if value is None:
        return ""
    if not isinstance(value, str) or not is_valid_text(value):
        raise invalid()
    name = value.strip()
    if len(name) > NAME_CHARS:
        raise RoomError(
            "too-long",
            N_("Names can be at most {limit} characters; yours has {n}."),
            limit=NAME_CHARS,
            n=f"{len(name):,}",
        )
    return name


def _text(value: object) -> str:
    if not isinstance(value, str):
        raise invalid()
    if len(value) > TEXT_CHARS:
        raise too_long(len(value))
    if not is_valid_text(value):
        raise invalid(N_("Your card holds a broken character, so it was not saved. Retype it."))
    if not value.strip():
        raise RoomError("invalid", N_("A card needs some text."))
    return value


def _cell(value: object, *, allow_none: bool) -> tuple[str, str] | None:
    if value is None and allow_none:
        return None
    if not isinstance(value, list | tuple) or len(value) != 2:
        raise invalid()
    return (_id(value[0]), _id(value[1]))
