"""The room's rules, where the document lives: who may join, what each phase allows, and
what every phone is shown.

No network code here: the server hands each join, edit and snapshot over through its
Caller, so RoomLogic runs on the GUI thread in the app and on the test's thread without Qt.
Every edit a phone makes is a document rule (trustboard.document.room_edits) pushed like
the board's own: undoable, validated, saved.
"""

from __future__ import annotations

import base64
import secrets
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from trustboard.document import room_edits
from trustboard.document.commands import Command
from trustboard.document.document import Change, WorkshopDocument
from trustboard.document.voting import VoteBudgetError, start_voting, votes_left
from trustboard.domain.errors import ValidationError
from trustboard.domain.framework import Cell
from trustboard.domain.workshop import Card, Round
from trustboard.i18n import N_
from trustboard.room import protocol
from trustboard.room.model import (
    DEVICES,
    TEXT_CHARS,
    DeviceInfo,
    Phase,
    PhaseSettings,
    RoomError,
    Scope,
)

# What phones are told: marked here, translated into each phone's language by the server.
EXPIRED = N_("This link has expired. Scan the code on the screen again.")
BLOCKED = N_("The facilitator has taken this phone out of the room.")
LOCKED = N_("The room is locked because everyone is in. Ask the facilitator to let you join.")
FULL = N_("The room is full: it takes {n} phones at most.")
WRONG_PIN = N_("That PIN is not right. Type the 4 digits shown on the screen.")
NO_PIN = N_("Type the 4-digit PIN shown on the screen to join.")
READ_ONLY = N_(
    "The facilitator's board is not taking changes right now, so that was not saved. "
    "Try again in a moment."
)
GONE_CARD = N_("That card is no longer on the board.")
GONE_CELL = N_("That cell is no longer on the board.")
MOVED_ON = N_("The room has moved on to another cell, so that was not saved.")
NO_VOTING = N_("Voting has ended, so that dot was not counted.")
UNKNOWN_KIND = N_("That kind of card is not used in this workshop.")

PHASE_OVER = {
    # (what the phone tried, the phase now) -> what it is told
    Phase.WRITE: N_("Writing cards is over for now, so that was not saved."),
    Phase.SCORE: N_("Scoring is over for now, so that score was not saved."),
    Phase.VOTE: N_("Voting is over for now, so that dot was not counted."),
}
CODES = frozenset(
    {
        "hello",
        "pin",
        "locked",
        "full",
        "blocked",
        "expired",
        "closed",
        "phase",
        "too-long",
        "too-fast",
        "not-yours",
        "gone",
        "budget",
        "invalid",
    }
)
NEEDS = {
    "card.add": Phase.WRITE,
    "card.edit": Phase.WRITE,
    "card.delete": Phase.WRITE,
    "score": Phase.SCORE,
    "vote": Phase.VOTE,
}


def new_token() -> str:
    """128 random bits as 26 lowercase base32 characters (safe in a URL and in HTML)."""
    return base64.b32encode(secrets.token_bytes(16)).decode("ascii").rstrip("=").lower()


def wire_cell(cell: Cell | None) -> list[str] | None:
    return None if cell is None else [cell[0], cell[1]]


PERSONAL = ("name", "mine", "scores", "dots", "left")  # each phone's own top-level keys


def compose(shared: dict[str, Any], personal: dict[str, Any]) -> dict[str, Any]:
    """One phone's whole "state" message (or its "bye") from the parts `snapshot_parts` gives.

    The state is flat: what every phone is shown alike (title, phase, names, devices, cell,
    cells, write, score, vote) and what is this phone's own (name, mine, scores, dots,
    left) are separate top-level keys, so the server can send a phone only the keys that
    changed for it, and the page merges them onto what it has."""
    if "bye" in personal:
        return {"type": "bye", "code": personal["bye"], "message": personal["message"]}
    state = dict(shared)
    for key in PERSONAL:
        state[key] = personal[key]
    return state


@dataclass
class _Device:
    joined: float
    name: str = ""
    sockets: int = 0


class RoomLogic:
    """One open room of one workshop: its token, its phones and what the facilitator set."""

    def __init__(
        self,
        doc: WorkshopDocument,
        push: Callable[[Command], object],
        current_cell: Callable[[], Cell | None],
        settings: PhaseSettings = PhaseSettings(),  # noqa: B008 (frozen, shared safely)
    ) -> None:
        self.doc = doc
        self.push = push
        self.current_cell = current_cell
        self.token = new_token()
        self.old_tokens: frozenset[str] = frozenset()  # replaced whole: read from the server
        self.pin = ""
        self.locked = False
        self.settings = PhaseSettings()
        self._salt = secrets.token_hex(16)
        self._devices: dict[str, _Device] = {}
        self._blocked: set[str] = set()
        self._listeners: list[Callable[[], None]] = []
        doc.subscribe(self._on_document)
        self.set_settings(settings)

    def close(self) -> None:
        """Stop following the document (the room closed)."""
        self.doc.unsubscribe(self._on_document)
        self._listeners.clear()

    # -- listeners -------------------------------------------------------------------

    def on_change(self, callback: Callable[[], None]) -> None:
        """`callback()` (on this thread) whenever the phones must be told again."""
        self._listeners.append(callback)

    def remove_listener(self, callback: Callable[[], None]) -> None:
        if callback in self._listeners:
            self._listeners.remove(callback)

    def changed(self) -> None:
        """Tell the listeners the phones' view changed (the current cell moved, ...)."""
        for callback in list(self._listeners):
            callback()

    def _on_document(self, change: Change) -> None:
        self.changed()

    # -- phones ----------------------------------------------------------------------

    def join(self, secret: str, name: str = "", pin: str = "") -> str:
        """The device key for the phone holding `secret`; RoomError when it may not join."""
        hello = protocol.check({"type": "hello", "device": secret, "name": name, "pin": pin})
        if self.pin and not secrets.compare_digest(hello["pin"], self.pin):
            raise RoomError("pin", WRONG_PIN if hello["pin"] else NO_PIN)
        device = room_edits.device_key(secret, self._salt)
        if device in self._blocked:
            raise RoomError("blocked", BLOCKED)
        known = self._devices.get(device)
        if known is None:
            if self.locked:
                raise RoomError("locked", LOCKED)
            if len(self._devices) >= DEVICES and not self._forget_one_gone():
                raise RoomError("full", FULL, n=DEVICES)
            known = self._devices[device] = _Device(time.time())
        if hello["name"] and not self.doc.workshop.anonymous:
            known.name = hello["name"]
        return device

    def _forget_one_gone(self) -> bool:
        """Make room for a new phone by forgetting the one that left longest ago (a browser
        that lost its storage comes back as a new phone). Its cards, scores and dots stay;
        the same phone coming back gets the same key. False when every phone is here."""
        for key, known in self._devices.items():
            if known.sockets == 0:
                del self._devices[key]
                return True
        return False

    def attach(self, device: str) -> None:
        """A socket of `device` opened (the server counts phones connected)."""
        known = self._devices.get(device)
        if known is not None:
            known.sockets += 1
            if known.sockets == 1:
                self.changed()

    def detach(self, device: str) -> None:
        known = self._devices.get(device)
        if known is not None and known.sockets > 0:
            known.sockets -= 1
            if known.sockets == 0:
                self.changed()

    @property
    def connected(self) -> int:
        return sum(1 for d in self._devices.values() if d.sockets > 0)

    def handle(self, device: str, message: dict[str, Any]) -> dict[str, Any]:
        """Do what the phone asked (one undoable step); the "ok" payload, or RoomError."""
        message = protocol.check(message)
        self._check_device(device)
        kind = message["type"]
        needed = NEEDS.get(kind)
        if needed is None:
            raise protocol.invalid()
        phase = self.settings.phase
        if phase != needed:
            raise RoomError("phase", PHASE_OVER[needed])
        try:
            if kind == "card.add":
                return self._add(device, message)
            if kind == "card.edit":
                return self._edit(device, message)
            if kind == "card.delete":
                return self._delete(device, message)
            if kind == "score":
                return self._score(device, message)
            return self._vote(device, message)
        except VoteBudgetError as exc:
            raise RoomError("budget", exc.problem) from None
        except ValidationError as exc:  # the edit rules' own refusals carry their code
            code = getattr(exc, "code", "invalid")
            raise RoomError(code if code in CODES else "invalid", exc.problem) from None

    def _check_device(self, device: str) -> _Device:
        if device in self._blocked:
            raise RoomError("blocked", BLOCKED)
        known = self._devices.get(device)
        if known is None:
            raise RoomError("expired", EXPIRED)
        return known

    def _do(self, command: Command | None) -> None:
        if command is None:
            return
        if self.doc.read_only_reason or self.push(command) is False:
            raise RoomError("phase", READ_ONLY)

    def _check_kind(self, kind: str) -> None:
        try:
            self.doc.framework.card_kind(kind)
        except KeyError:
            raise RoomError("invalid", UNKNOWN_KIND) from None

    def _check_cell(self, cell: Cell | None) -> None:
        if cell is not None and not self.doc.framework.has_cell(cell):
            raise RoomError("gone", GONE_CELL)

    def _find(self, card_id: str) -> Card:
        card = self.doc.current_round.card(card_id)
        if card is None:
            raise RoomError("gone", GONE_CARD)
        return card

    def _add(self, device: str, message: dict[str, Any]) -> dict[str, Any]:
        cell: Cell | None = message["cell"]
        self._check_kind(message["kind"])
        self._check_cell(cell)
        known = self._devices[device]
        command = room_edits.phone_card(
            self.doc,
            device,
            message["key"],
            message["text"],
            message["kind"],
            cell,
            self.settings.layer,
            private=self.settings.private,
            author=known.name if not self.doc.workshop.anonymous else "",
        )
        self._do(command)
        return {"card": room_edits.card_id_for(device, message["key"])}

    def _edit(self, device: str, message: dict[str, Any]) -> dict[str, Any]:
        self._find(message["card"])
        self._check_kind(message["kind"])
        command = room_edits.edit_phone_card(
            self.doc, device, message["card"], message["text"], message["kind"]
        )
        self._do(command)
        return {"card": message["card"]}

    def _delete(self, device: str, message: dict[str, Any]) -> dict[str, Any]:
        self._find(message["card"])
        self._do(room_edits.delete_phone_card(self.doc, device, message["card"]))
        return {"card": message["card"]}

    def _score(self, device: str, message: dict[str, Any]) -> dict[str, Any]:
        cell: Cell = message["cell"]
        self._check_cell(cell)
        if cell not in self._score_cells():
            raise RoomError("phase", MOVED_ON)
        score = message["score"]
        scale = self.doc.framework.scale
        if score is not None and not scale.contains(score):
            raise RoomError(
                "invalid",
                N_("Scores go from {low} to {high}; that was not saved."),
                low=scale.minimum,
                high=scale.maximum,
            )
        s = self.settings
        self._do(room_edits.phone_score(self.doc, device, cell, score, s.layer, s.perspective))
        return {"cell": wire_cell(cell), "score": score}

    def _vote(self, device: str, message: dict[str, Any]) -> dict[str, Any]:
        rnd = self.doc.current_round
        if rnd.voting is None:
            raise RoomError("phase", NO_VOTING)
        card_id = message["card"]
        card = rnd.cards.get(card_id)
        if card is None or (self.settings.scope != Scope.ALL and card.cell != self.current_cell()):
            raise RoomError("gone", GONE_CARD)  # not on the board, or not among the cards shown
        self._do(room_edits.phone_vote(self.doc, device, card_id, message["dots"]))
        rnd = self.doc.current_round
        return {
            "card": card_id,
            "dots": rnd.cards[card_id].votes_by(device),
            "left": votes_left(rnd, device),
        }

    # -- what phones see -------------------------------------------------------------

    def _score_cells(self) -> list[Cell]:
        if self.settings.scope == Scope.ALL:
            return list(self.doc.framework.cells())
        current = self.current_cell()
        return [current] if current is not None else []

    def _vote_cards(self, rnd: Round) -> list[Card]:
        if self.settings.scope == Scope.ALL:
            cards = list(rnd.cards.values())
        else:
            current = self.current_cell()
            cards = [c for c in rnd.cards.values() if c.cell == current]
        cards.sort(key=lambda c: (c.cell is None, c.cell or ("", ""), c.order, c.id))
        return cards

    def snapshot(self, device: str) -> dict[str, Any]:
        """The "state" message for one phone (RoomError when it is no longer in the room)."""
        state = self.snapshots([device])[device]
        if state.get("type") == "bye":
            raise RoomError(state["code"], state["message"])
        return state

    def snapshots(self, devices: Iterable[str]) -> dict[str, dict[str, Any]]:
        """The "state" for each phone; a phone no longer in the room gets a "bye" instead."""
        shared, personal = self.snapshot_parts(devices)
        return {device: compose(shared, part) for device, part in personal.items()}

    def snapshot_parts(
        self, devices: Iterable[str]
    ) -> tuple[dict[str, Any], dict[str, dict[str, Any]]]:
        """What every phone is shown alike, and what is each phone's own, in one pass over the
        round (the cost where the document lives grows with the cards, not cards × phones).
        `compose(shared, personal[device])` is that phone's whole "state" (or its "bye"). The
        shared part carries no phone's own values (the vote's cards carry no dots), so the
        server encodes each shared key once for every phone, and each phone's keys (PERSONAL)
        once for that phone."""
        devices = list(devices)
        shared = self._shared()
        rnd = self.doc.current_round
        wanted = set(devices)
        mine: dict[str, list[dict[str, Any]]] = {d: [] for d in wanted}
        for card in (*rnd.cards.values(), *rnd.held.values()):
            if card.owner in wanted:
                mine[card.owner].append(
                    {
                        "id": card.id,
                        "text": card.text,
                        "kind": card.kind,
                        "cell": wire_cell(card.cell),
                        "held": card.held,
                    }
                )
        scores: dict[str, list[dict[str, Any]]] = {d: [] for d in wanted}
        s = self.settings
        for rating in rnd.ratings.values():
            if rating.layer != s.layer or rating.perspective != s.perspective:
                continue
            for key, value in zip(rating.by, rating.scores, strict=False):
                if key in wanted:
                    scores[key].append({"cell": wire_cell(rating.cell), "score": value})
        dots: dict[str, dict[str, int]] = {d: {} for d in wanted}
        left: dict[str, int] = {}
        if shared["vote"] is not None and rnd.voting is not None:
            cards = self._vote_cards(rnd)
            shared["vote"]["cards"] = [
                {"id": c.id, "text": c.text, "cell": wire_cell(c.cell)} for c in cards
            ]
            in_scope = {c.id for c in cards}
            cast: dict[str, int] = {}  # every dot of each phone in the round (the budget)
            for card in rnd.cards.values():
                for key, n in card.voters:
                    if key in wanted:
                        cast[key] = cast.get(key, 0) + n
                        if card.id in in_scope:
                            dots[key][card.id] = n
            # votes_left(rnd, device) for every phone at once: the same sums, counted once
            voting = rnd.voting
            room = max(0, voting.budget - max(0, rnd.total_votes - voting.start_total))
            for device in wanted:
                spent = max(0, cast.get(device, 0) - voting.started_with(device))
                left[device] = max(0, min(voting.per_person - spent, room))
        personal: dict[str, dict[str, Any]] = {}
        for device in devices:
            known = self._devices.get(device)
            if device in self._blocked:
                personal[device] = {"bye": "blocked", "message": BLOCKED}
            elif known is None:
                personal[device] = {"bye": "expired", "message": EXPIRED}
            else:
                personal[device] = {
                    "name": known.name,
                    "mine": sorted(mine[device], key=lambda c: str(c["id"])),
                    "scores": scores[device],
                    "left": left.get(device, 0),
                    "dots": dots[device],
                }
        return shared, personal

    def _shared(self) -> dict[str, Any]:
        """What every phone is shown alike."""
        ws = self.doc.workshop
        framework = ws.framework
        s = self.settings
        current = self.current_cell()
        if current is not None and not framework.has_cell(current):
            current = None
        cell = None
        if current is not None:
            element, domain = framework.element(current[0]), framework.domain(current[1])
            definitions = [d for d in (element.definition, domain.definition) if d.strip()]
            cell = {
                "id": wire_cell(current),
                "element": element.name,
                "domain": domain.name,
                "definition": "\n\n".join(definitions),
                "question": self._question(current),
            }
        if s.scope == Scope.ALL:
            cells = [
                {
                    "id": wire_cell(c),
                    "element": framework.element(c[0]).name,
                    "domain": framework.domain(c[1]).name,
                }
                for c in framework.cells()
            ]
        else:
            cells = [{k: cell[k] for k in ("id", "element", "domain")}] if cell else []
        scale = framework.scale
        rnd = ws.current_round
        vote = None
        if s.phase == Phase.VOTE and rnd.voting is not None:
            vote = {"per_person": rnd.voting.per_person, "per_card": rnd.voting.per_card}
        return {
            "type": "state",
            "title": ws.title,
            "phase": s.phase.value,
            "names": not ws.anonymous,
            "devices": self.connected,
            "cell": cell,
            "cells": cells,
            "write": {
                "private": s.private,
                "choose": s.scope == Scope.ALL,
                "layer": s.layer.value,
                "kinds": [{"id": k.id, "label": k.name} for k in framework.card_kinds],
                "limit": TEXT_CHARS,
            },
            "score": {
                "min": scale.minimum,
                "max": scale.maximum,
                "labels": [[step.value, step.label] for step in scale.steps],
                "perspective": s.perspective.value,
                "layer": s.layer.value,
                "walk": s.scope == Scope.ALL,
            },
            "vote": vote,
        }

    def _question(self, cell: Cell) -> str:
        """The question the room is on: the cell's first one not yet ticked off."""
        questions = self.doc.framework.questions_for(cell)
        answers = self.doc.current_round.answers
        for q in questions:
            answer = answers.get((*cell, q.id))
            if answer is None or not answer.done:
                return q.text
        return questions[0].text if questions else ""

    # -- the facilitator -------------------------------------------------------------

    def set_settings(self, settings: PhaseSettings) -> None:
        """Change the phase (and how it works); going to Vote starts a dot vote if none runs."""
        if settings.phase == Phase.VOTE and self.doc.current_round.voting is None:
            # The room's own budget is never what stops a phone: each has per_person dots.
            start_voting(self.doc, max(1, settings.per_person), DEVICES, max(0, settings.per_card))
        self.settings = settings
        self.changed()

    def set_locked(self, locked: bool) -> None:
        """Lock the room to new phones (those already in may come back)."""
        self.locked = locked
        self.changed()

    def set_pin(self, on: bool) -> None:
        """Ask new phones for a 4-digit PIN shown on the screen (a new one each time)."""
        self.pin = f"{secrets.randbelow(10_000):04d}" if on else ""
        self.changed()

    def block(self, device: str) -> None:
        """Take a phone out of the room: it is told, and it cannot join again this session."""
        self._blocked.add(device)
        self.changed()

    def unblock(self, device: str) -> None:
        self._blocked.discard(device)
        self.changed()

    def devices(self) -> list[DeviceInfo]:
        """Every phone that joined this session, in the order they came."""
        rnd = self.doc.current_round
        cards: dict[str, int] = {}
        for card in (*rnd.cards.values(), *rnd.held.values()):
            if card.owner:
                cards[card.owner] = cards.get(card.owner, 0) + 1
        keys = list(self._devices) + sorted(self._blocked - set(self._devices))
        return [
            DeviceInfo(
                key,
                self._devices[key].joined if key in self._devices else 0.0,
                key in self._devices and self._devices[key].sockets > 0,
                cards.get(key, 0),
                key in self._blocked,
            )
            for key in keys
        ]

    def end_session(self) -> str:
        """A new token: the old link answers "expired", its phones are told and forgotten."""
        self.old_tokens = self.old_tokens | {self.token}
        self.token = new_token()
        self._salt = secrets.token_hex(16)
        self._devices.clear()
        self._blocked.clear()
        self.changed()
        return self.token
