"""The room's rules without any network: phases, ownership, budgets, names, sessions, and
what each phone is shown."""

from __future__ import annotations

import dataclasses
from typing import Any

import pytest

from trustboard.document import room_edits
from trustboard.document.commands import Command, History
from trustboard.document.document import WorkshopDocument
from trustboard.domain.framework import Cell
from trustboard.domain.workshop import Layer, Perspective, Workshop
from trustboard.room.logic import RoomLogic, new_token
from trustboard.room.model import DEVICES, Phase, PhaseSettings, RoomError, Scope


class Rig:
    """A document, its undo history and the rules, with the board's current cell."""

    def __init__(self, workshop: Workshop, settings: PhaseSettings | None = None) -> None:
        self.doc = WorkshopDocument(workshop)
        self.history = History()
        self.cells: list[Cell] = list(workshop.framework.cells())
        self.cell: Cell | None = self.cells[0]
        self.pushed: list[Command] = []
        self.refuse = False
        self.logic = RoomLogic(self.doc, self.push, lambda: self.cell, settings or PhaseSettings())

    def push(self, command: Command) -> bool:
        if self.refuse:
            return False
        self.pushed.append(command)
        self.history.push(command)
        return True

    def phone(self, n: int = 0, name: str = "") -> str:
        return self.logic.join(f"phone-secret-{n:04d}-abcdefghij", name)

    def card(self, device: str, text: str = "A card", key: str = "key-00001", **kw: Any) -> str:
        message = {"type": "card.add", "key": key, "text": text, "kind": "evidence",
                   "cell": list(kw.get("cell", self.cell) or ()) or None}  # fmt: skip
        return str(self.logic.handle(device, message)["card"])

    def phase(self, phase: Phase, **kw: Any) -> None:
        self.logic.set_settings(PhaseSettings(phase, **kw))


@pytest.fixture
def rig(workshop: Workshop) -> Rig:
    return Rig(workshop)


class _Refused:
    def __init__(self, code: str) -> None:
        self.code = code

    def __enter__(self) -> None:
        return None

    def __exit__(self, kind: Any, exc: Any, tb: Any) -> bool:
        assert isinstance(exc, RoomError), f"expected RoomError {self.code!r}, got {exc!r}"
        assert exc.code == self.code, exc.message
        assert exc.message and exc.message[0].isupper()
        return True


def test_the_token_is_128_random_bits_in_lowercase_base32() -> None:
    tokens = {new_token() for _ in range(100)}
    assert len(tokens) == 100
    for token in tokens:
        assert len(token) == 26
        assert token == token.lower() and token.isalnum()


# -- phases ------------------------------------------------------------------------------


def test_each_edit_only_in_its_phase(rig: Rig) -> None:
    device = rig.phone()
    cell = list(rig.cells[0])
    for phase in (Phase.SCORE, Phase.VOTE, Phase.CLOSED):
        rig.phase(phase)
        with _Refused("phase"):
            rig.card(device)
    rig.phase(Phase.WRITE)
    with _Refused("phase"):
        rig.logic.handle(device, {"type": "score", "cell": cell, "score": 3})
    with _Refused("phase"):
        rig.logic.handle(device, {"type": "vote", "card": "c-1", "dots": 1})
    rig.phase(Phase.CLOSED)
    for message in (
        {"type": "score", "cell": cell, "score": 3},
        {"type": "vote", "card": "c-1", "dots": 1},
        {"type": "card.delete", "card": "c-1"},
    ):
        with _Refused("phase"):
            rig.logic.handle(device, message)
    assert rig.pushed == []


def test_own_cards_are_editable_until_the_phase_ends(rig: Rig) -> None:
    mine, other = rig.phone(1), rig.phone(2)
    card = rig.card(mine, "First")
    rig.logic.handle(mine, {"type": "card.edit", "card": card, "text": "Better", "kind": "risk"})
    assert rig.doc.current_round.cards[card].text == "Better"
    assert rig.doc.current_round.cards[card].kind == "risk"
    with _Refused("not-yours"):
        rig.logic.handle(other, {"type": "card.edit", "card": card, "text": "Mine now",
                                 "kind": "evidence"})  # fmt: skip
    with _Refused("not-yours"):
        rig.logic.handle(other, {"type": "card.delete", "card": card})
    rig.phase(Phase.SCORE)
    with _Refused("phase"):
        rig.logic.handle(mine, {"type": "card.delete", "card": card})
    rig.phase(Phase.WRITE)
    rig.logic.handle(mine, {"type": "card.delete", "card": card})
    assert card not in rig.doc.current_round.cards
    with _Refused("gone"):
        rig.logic.handle(mine, {"type": "card.delete", "card": card})


def test_a_card_the_facilitator_hid_can_no_longer_be_edited(rig: Rig) -> None:
    device = rig.phone()
    card = rig.card(device)
    command = room_edits.hide_card(rig.doc, card)
    assert command is not None
    rig.push(command)
    with _Refused("not-yours"):
        rig.logic.handle(device, {"type": "card.edit", "card": card, "text": "x",
                                  "kind": "evidence"})  # fmt: skip
    state = rig.logic.snapshot(device)
    assert [(c["id"], c["held"]) for c in state["mine"]] == [(card, "hidden")]


def test_private_cards_wait_until_revealed(workshop: Workshop) -> None:
    rig = Rig(workshop, PhaseSettings(private=True))
    device = rig.phone()
    card = rig.card(device, "Quiet thought")
    rnd = rig.doc.current_round
    assert card not in rnd.cards and rnd.held[card].held == "waiting"
    assert rig.logic.snapshot(device)["mine"][0]["held"] == "waiting"
    assert rig.logic.snapshot(device)["write"]["private"] is True


def test_an_unknown_kind_or_cell_is_refused(rig: Rig) -> None:
    device = rig.phone()
    with _Refused("invalid"):
        rig.logic.handle(device, {"type": "card.add", "key": "k" * 8, "text": "x",
                                  "kind": "no-such-kind", "cell": None})  # fmt: skip
    with _Refused("gone"):
        rig.logic.handle(device, {"type": "card.add", "key": "k" * 8, "text": "x",
                                  "kind": "evidence", "cell": ["nope", "nope"]})  # fmt: skip
    assert rig.pushed == []


def test_every_phone_edit_is_one_undo_step_with_its_own_name(rig: Rig) -> None:
    device = rig.phone()
    card = rig.card(device)
    rig.logic.handle(device, {"type": "card.edit", "card": card, "text": "y", "kind": "evidence"})
    rig.phase(Phase.SCORE)
    rig.logic.handle(device, {"type": "score", "cell": list(rig.cells[0]), "score": 4})
    rig.phase(Phase.VOTE)
    rig.logic.handle(device, {"type": "vote", "card": card, "dots": 1})
    assert [c.text for c in rig.pushed] == [
        "Card from a phone",
        "Edit card from a phone",
        "Score from a phone",
        "Vote from a phone",
    ]
    while rig.history.undo():
        pass
    assert rig.doc.current_round.cards == {} and rig.doc.current_round.ratings == {}


def test_a_read_only_board_refuses_with_a_sentence(rig: Rig) -> None:
    device = rig.phone()
    rig.refuse = True
    with _Refused("phase"):
        rig.card(device)
    assert rig.doc.current_round.cards == {}


def test_a_card_sent_twice_lands_once(rig: Rig) -> None:
    device = rig.phone()
    first = rig.card(device, key="same-key-1")
    again = rig.card(device, key="same-key-1")
    assert first == again
    assert len(rig.doc.current_round.cards) == 1
    assert len(rig.pushed) == 1


# -- scores ------------------------------------------------------------------------------


def test_scores_follow_the_scope_and_stay_one_per_phone(rig: Rig) -> None:
    device = rig.phone()
    here, elsewhere = rig.cells[0], rig.cells[3]
    rig.phase(Phase.SCORE, perspective=Perspective.CUSTOMER)
    rig.logic.handle(device, {"type": "score", "cell": list(here), "score": 2})
    rig.logic.handle(device, {"type": "score", "cell": list(here), "score": 4})
    with _Refused("phase"):  # the room is on another cell
        rig.logic.handle(device, {"type": "score", "cell": list(elsewhere), "score": 4})
    with _Refused("invalid"):
        rig.logic.handle(device, {"type": "score", "cell": list(here), "score": 99})
    rating = rig.doc.current_round.rating(here, Layer.AS_IS, Perspective.CUSTOMER)
    assert rating.scores == (4,)
    rig.phase(Phase.SCORE, scope=Scope.ALL, perspective=Perspective.CUSTOMER)
    rig.logic.handle(device, {"type": "score", "cell": list(elsewhere), "score": 1})
    state = rig.logic.snapshot(device)
    assert state["score"]["walk"] is True
    assert state["score"]["perspective"] == "customer"
    assert "mine" not in state["score"]  # a phone's own scores are its own key
    assert sorted(map(tuple, (s["cell"] for s in state["scores"]))) == sorted([here, elsewhere])
    rig.logic.handle(device, {"type": "score", "cell": list(here), "score": None})
    assert rig.doc.current_round.rating(here, Layer.AS_IS, Perspective.CUSTOMER).scores == ()


# -- votes -------------------------------------------------------------------------------


def test_going_to_vote_starts_a_vote_with_the_budgets_set(rig: Rig) -> None:
    device = rig.phone()
    cards = [rig.card(device, f"card {i}", key=f"key-0000{i}") for i in range(3)]
    rig.phase(Phase.VOTE, per_person=3, per_card=2)
    voting = rig.doc.current_round.voting
    assert voting is not None and voting.per_person == 3 and voting.per_card == 2
    rig.logic.handle(device, {"type": "vote", "card": cards[0], "dots": 2})
    with _Refused("budget"):
        rig.logic.handle(device, {"type": "vote", "card": cards[1], "dots": 3})
    with _Refused("budget"):
        rig.logic.handle(device, {"type": "vote", "card": cards[1], "dots": 2})
    reply = rig.logic.handle(device, {"type": "vote", "card": cards[1], "dots": 1})
    assert reply == {"card": cards[1], "dots": 1, "left": 0}
    reply = rig.logic.handle(device, {"type": "vote", "card": cards[0], "dots": 0})
    assert reply["left"] == 2


def test_a_phone_sees_only_its_own_dots(rig: Rig) -> None:
    a, b = rig.phone(1), rig.phone(2)
    card = rig.card(a)
    rig.phase(Phase.VOTE)
    rig.logic.handle(a, {"type": "vote", "card": card, "dots": 2})
    state = rig.logic.snapshot(b)
    assert state["vote"]["cards"] == [{"id": card, "text": "A card", "cell": list(rig.cells[0])}]
    assert state["dots"] == {} and state["left"] == 3
    assert "left" not in state["vote"]
    assert "votes" not in str(state["vote"]["cards"])
    assert rig.logic.snapshot(a)["dots"] == {card: 2}
    assert rig.logic.snapshot(a)["left"] == 1


def test_voting_on_a_card_out_of_scope_is_refused(rig: Rig) -> None:
    device = rig.phone()
    card = rig.card(device, cell=rig.cells[4])
    rig.phase(Phase.VOTE)  # scope: the current cell only
    with _Refused("gone"):
        rig.logic.handle(device, {"type": "vote", "card": card, "dots": 1})
    rig.phase(Phase.VOTE, scope=Scope.ALL)
    rig.logic.handle(device, {"type": "vote", "card": card, "dots": 1})


# -- who may join ------------------------------------------------------------------------


def test_names_only_when_the_workshop_is_not_anonymous(workshop: Workshop) -> None:
    named = Rig(workshop)
    device = named.phone(name="Ana")
    named.card(device)
    assert named.logic.snapshot(device)["name"] == "Ana"
    assert named.logic.snapshot(device)["names"] is True
    assert next(iter(named.doc.current_round.cards.values())).author == "Ana"

    quiet = Rig(dataclasses.replace(workshop, anonymous=True, rounds=[
        dataclasses.replace(r, cards={}, held={}) for r in workshop.rounds]))  # fmt: skip
    device = quiet.phone(name="Ana")
    quiet.card(device)
    assert quiet.logic.snapshot(device)["name"] == ""
    assert quiet.logic.snapshot(device)["names"] is False
    assert next(iter(quiet.doc.current_round.cards.values())).author == ""


def test_the_same_secret_is_the_same_phone(rig: Rig) -> None:
    assert rig.phone(1) == rig.phone(1)
    assert rig.phone(1) != rig.phone(2)
    assert rig.phone(1).startswith("phone-")
    assert len(rig.logic.devices()) == 2


def test_locked_blocked_and_pin(rig: Rig) -> None:
    known = rig.phone(1)
    rig.logic.set_locked(True)
    with _Refused("locked"):
        rig.phone(2)
    assert rig.phone(1) == known
    rig.logic.set_locked(False)
    rig.logic.block(known)
    with _Refused("blocked"):
        rig.phone(1)
    with _Refused("blocked"):
        rig.card(known)
    with _Refused("blocked"):
        rig.logic.snapshot(known)
    assert [d.blocked for d in rig.logic.devices()] == [True]
    rig.logic.unblock(known)
    assert rig.phone(1) == known
    rig.logic.set_pin(True)
    with _Refused("pin"):
        rig.phone(3)
    rig.logic.join("phone-secret-0003-abcdefghij", pin=rig.logic.pin)
    rig.logic.set_pin(False)
    assert rig.logic.pin == ""


def test_ending_the_session_forgets_every_phone(rig: Rig) -> None:
    device = rig.phone()
    rig.card(device)
    old = rig.logic.token
    new = rig.logic.end_session()
    assert new != old and rig.logic.token == new and old in rig.logic.old_tokens
    assert rig.logic.devices() == []
    with _Refused("expired"):
        rig.card(device, key="key-00002")
    assert rig.phone() != device  # the same secret is a new phone in the new session
    assert len(rig.doc.current_round.cards) == 1  # its card stays on the board


def test_devices_are_counted_never_named(rig: Rig) -> None:
    a = rig.phone(1, name="Ana")
    rig.card(a)
    rig.logic.attach(a)
    (info,) = rig.logic.devices()
    assert info.key == a and info.connected and info.cards == 1 and not info.blocked
    assert "Ana" not in repr(info)
    assert rig.logic.snapshot(a)["devices"] == 1
    rig.logic.detach(a)
    assert rig.logic.snapshot(a)["devices"] == 0


def test_listeners_hear_of_document_and_facilitator_changes(rig: Rig) -> None:
    heard: list[int] = []
    rig.logic.on_change(lambda: heard.append(1))
    device = rig.phone()
    rig.card(device)
    assert heard
    heard.clear()
    rig.logic.set_locked(True)
    assert heard
    rig.logic.close()
    heard.clear()
    rig.push(room_edits.hide_card(rig.doc, next(iter(rig.doc.current_round.cards))))  # type: ignore[arg-type]
    assert heard == []


# -- what a phone is shown ---------------------------------------------------------------


def test_the_state_has_what_the_page_shows(rig: Rig) -> None:
    device = rig.phone()
    state = rig.logic.snapshot(device)
    framework = rig.doc.framework
    element, domain = framework.element(rig.cells[0][0]), framework.domain(rig.cells[0][1])
    assert state["type"] == "state"
    assert state["title"] == rig.doc.workshop.title
    assert state["phase"] == "write"
    assert state["cell"]["id"] == list(rig.cells[0])
    assert state["cell"]["element"] == element.name
    assert state["cell"]["domain"] == domain.name
    assert element.definition in state["cell"]["definition"]
    questions = framework.questions_for(rig.cells[0])
    assert state["cell"]["question"] == (questions[0].text if questions else "")
    assert state["cells"] == [{"id": list(rig.cells[0]), "element": element.name,
                               "domain": domain.name}]  # fmt: skip
    assert state["write"]["kinds"] == [{"id": k.id, "label": k.name} for k in framework.card_kinds]
    assert state["write"]["limit"] == 1000 and state["write"]["choose"] is False
    assert state["score"]["labels"][0] == [framework.scale.minimum, framework.scale.steps[0].label]
    assert state["vote"] is None
    rig.cell = None
    assert rig.logic.snapshot(device)["cell"] is None
    rig.logic.set_settings(PhaseSettings(scope=Scope.ALL))
    assert len(rig.logic.snapshot(device)["cells"]) == len(rig.cells)


def test_snapshots_of_many_phones_at_once(rig: Rig) -> None:
    devices = [rig.phone(i) for i in range(5)]
    for i, device in enumerate(devices):
        rig.card(device, f"card {i}", key=f"key-0000{i}")
    states = rig.logic.snapshots([*devices, "phone-000000000000"])
    for i, device in enumerate(devices):
        assert [c["text"] for c in states[device]["mine"]] == [f"card {i}"]
    assert states["phone-000000000000"]["type"] == "bye"
    assert states["phone-000000000000"]["code"] == "expired"


def test_a_full_room_makes_space_by_forgetting_a_phone_that_left(rig: Rig) -> None:
    phones = [rig.phone(i) for i in range(DEVICES)]
    for device in phones:
        rig.logic.attach(device)
    with _Refused("full"):
        rig.phone(DEVICES)
    first = phones[0]
    rig.card(first)
    rig.logic.detach(first)  # its browser lost its storage: it comes back as a new phone
    newcomer = rig.phone(DEVICES)
    assert newcomer not in phones
    assert len(rig.logic.devices()) == DEVICES
    assert rig.doc.current_round.cards  # what the forgotten phone wrote stays
