"""Schema 3 keeps phones' cards: who wrote them (a device key), whether they are held back
from the board, and a vote's cap per card. Version-2 files still open, after a backup; an
app that knows only version 2 refuses a version-3 file instead of dropping held cards."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from trustboard.document import WorkshopDocument, voting
from trustboard.document.commands import Command, History
from trustboard.document.room_edits import (
    card_id_for,
    device_key,
    hide_card,
    phone_card,
    phone_score,
    phone_vote,
    reveal,
)
from trustboard.domain.errors import ValidationError
from trustboard.domain.workshop import (
    HIDDEN,
    WAITING,
    Card,
    Layer,
    Perspective,
    Workshop,
    new_id,
)
from trustboard.store import SCHEMA_VERSION, TrustBoardFileError, WorkshopFile, schema
from trustboard.store.errors import NewerFileError

CELL = ("competence", "individuals")
ANA = device_key("a" * 22, "salt")
BEN = device_key("b" * 22, "salt")


def _push(history: History, command: Command | None) -> None:
    assert command is not None
    history.push(command)


def _room_file(path: Path, workshop: Workshop) -> dict[str, str]:
    """A file with a shown, a waiting and a hidden phone card, a score and a capped vote."""
    wf = WorkshopFile.create(path, workshop)
    doc, history = WorkshopDocument(wf.workshop, wf), History()
    ids = {}
    for name, device, private in (("shown", ANA, False), ("waiting", BEN, True),
                                  ("hidden", ANA, False)):  # fmt: skip
        _push(history, phone_card(doc, device, name + "-key", f"The {name} card", "evidence",
                                  CELL, Layer.AS_IS, private=private))  # fmt: skip
        ids[name] = card_id_for(device, name + "-key")
    _push(history, hide_card(doc, ids["hidden"]))
    _push(history, phone_score(doc, ANA, CELL, 4, Layer.AS_IS, Perspective.SELF))
    voting.start_voting(doc, per_person=3, people=5, per_card=2)
    _push(history, phone_vote(doc, BEN, ids["shown"], 2))
    wf.close()
    return ids


def test_phone_cards_held_cards_and_the_cap_survive_save_and_reopen(
    tmp_path: Path, workshop: Workshop
) -> None:
    path = tmp_path / "room.trustboard"
    ids = _room_file(path, workshop)
    with WorkshopFile.open(path) as wf:
        rnd = wf.workshop.current_round
        assert list(rnd.cards) == [ids["shown"]]
        assert rnd.cards[ids["shown"]].owner == ANA
        assert rnd.cards[ids["shown"]].voters == ((BEN, 2),)
        assert rnd.held[ids["waiting"]].held == WAITING
        assert rnd.held[ids["waiting"]].owner == BEN
        assert rnd.held[ids["hidden"]].held == HIDDEN
        assert rnd.voting is not None and rnd.voting.per_card == 2
        assert rnd.rating(CELL, Layer.AS_IS, Perspective.SELF).by == (ANA,)
        # A resend after the restart lands once: the deterministic id is in the file.
        doc = WorkshopDocument(wf.workshop, wf)
        args = ("evidence", CELL, Layer.AS_IS)
        assert phone_card(doc, BEN, "waiting-key", "The waiting card", *args, private=True) is None
        data = json.loads(path.read_text(encoding="utf-8"))
    assert data["meta"]["file"]["schema_version"] == SCHEMA_VERSION
    assert data["cards"][ids["waiting"]]["held"] == "waiting"
    assert data["rounds"][wf.workshop.current_round_id]["voting"]["per_card"] == 2


def test_a_reveal_reaches_the_file(tmp_path: Path, workshop: Workshop) -> None:
    path = tmp_path / "room.trustboard"
    ids = _room_file(path, workshop)
    with WorkshopFile.open(path) as wf:
        doc = WorkshopDocument(wf.workshop, wf)
        _push(History(), reveal(doc))
    with WorkshopFile.open(path, read_only=True) as wf:
        rnd = wf.workshop.current_round
        assert set(rnd.cards) == {ids["shown"], ids["waiting"]}
        assert list(rnd.held) == [ids["hidden"]]


def test_the_boards_own_cards_are_written_as_before(tmp_path: Path, workshop: Workshop) -> None:
    card = Card(new_id("c"), "Reviews", CELL)
    workshop.current_round.cards[card.id] = card
    path = tmp_path / "w.trustboard"
    WorkshopFile.create(path, workshop).close()
    data = json.loads(path.read_text(encoding="utf-8"))
    assert "owner" not in data["cards"][card.id] and "held" not in data["cards"][card.id]


def _as_version(path: Path, version: int) -> bytes:
    data = json.loads(path.read_text(encoding="utf-8"))
    data["meta"]["file"]["schema_version"] = version
    raw = json.dumps(data).encode()
    path.write_bytes(raw)
    return raw


def test_a_version_2_file_opens_after_a_backup_and_is_saved_in_the_current_format(
    tmp_path: Path, workshop: Workshop
) -> None:
    card = Card(new_id("c"), "Reviews", CELL, votes=2, voters=(("ana", 1),))
    workshop.current_round.cards[card.id] = card
    workshop.current_round.voting = voting.Voting(3, 4, 0, ())
    path = tmp_path / "old.trustboard"
    WorkshopFile.create(path, workshop).close()
    old = _as_version(path, 2)
    with WorkshopFile.open(path) as wf:
        rnd = wf.workshop.current_round
        assert rnd.cards[card.id] == card and rnd.held == {}
        assert rnd.voting == voting.Voting(3, 4, 0, ())  # no cap per card
    assert path.with_name("old.trustboard.v2.bak").read_bytes() == old
    assert json.loads(path.read_text())["meta"]["file"]["schema_version"] == SCHEMA_VERSION


@pytest.mark.parametrize(
    ("table", "field", "value"),
    [("cards", "held", "waiting"), ("cards", "owner", ANA), ("rounds", "voting", None)],
)
def test_a_version_2_file_holding_phone_fields_is_damaged_not_guessed(
    tmp_path: Path, workshop: Workshop, table: str, field: str, value: object
) -> None:
    card = Card(new_id("c"), "Reviews", CELL)
    workshop.current_round.cards[card.id] = card
    path = tmp_path / "w.trustboard"
    WorkshopFile.create(path, workshop).close()
    data = json.loads(path.read_text(encoding="utf-8"))
    if table == "cards":
        data["cards"][card.id][field] = value
    else:
        data["rounds"][workshop.current_round_id]["voting"] = {
            "per_person": 2, "people": 2, "per_card": 1}  # fmt: skip
    data["meta"]["file"]["schema_version"] = 2
    path.write_text(json.dumps(data), encoding="utf-8")
    old = path.read_bytes()
    with pytest.raises(TrustBoardFileError, match="version-2 file cannot"):
        WorkshopFile.open(path)
    assert path.read_bytes() == old
    assert sorted(p.name for p in tmp_path.iterdir()) == ["w.trustboard"]  # no backup


def test_an_app_that_reads_version_2_refuses_a_version_3_file_as_newer(
    tmp_path: Path, workshop: Workshop, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "room.trustboard"
    _room_file(path, workshop)
    before = _as_version(path, 3)
    monkeypatch.setattr(schema, "SCHEMA_VERSION", 2)
    monkeypatch.setattr("trustboard.store.workshop_file.SCHEMA_VERSION", 2)
    with pytest.raises(NewerFileError, match="file format 3"):
        WorkshopFile.open(path)
    assert path.read_bytes() == before


@pytest.mark.parametrize(
    ("field", "value", "problem"),
    [
        ("held", "secret", "not a way to hold a card"),
        ("held", 1, "expected text"),
        ("owner", "<script>alert(1)</script>", "not a device key"),
        ("owner", "p" * 65, "not a device key"),
    ],
)
def test_a_damaged_held_or_owner_is_named(
    tmp_path: Path, workshop: Workshop, field: str, value: object, problem: str
) -> None:
    card = Card(new_id("c"), "Reviews", CELL)
    workshop.current_round.cards[card.id] = card
    path = tmp_path / "w.trustboard"
    WorkshopFile.create(path, workshop).close()
    data = json.loads(path.read_text(encoding="utf-8"))
    data["cards"][card.id][field] = value
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(TrustBoardFileError, match=problem):
        WorkshopFile.open(path)


def test_a_workshop_keeps_each_card_where_its_held_says(workshop: Workshop) -> None:
    rnd = workshop.current_round
    shown = Card(new_id("c"), "Shown", CELL)
    held = Card(new_id("c"), "Held", CELL, held=WAITING, owner=ANA)
    rnd.cards[shown.id], rnd.held[held.id] = shown, held
    workshop.validate()
    rnd.held[shown.id] = Card(shown.id, "Twice", CELL, held=HIDDEN)
    with pytest.raises(ValidationError, match="both on the board and held"):
        workshop.validate()
    del rnd.held[shown.id]
    rnd.cards[held.id] = held
    with pytest.raises(ValidationError, match="held card is on the board"):
        workshop.validate()
    del rnd.cards[held.id]
    rnd.held[shown.id] = shown
    with pytest.raises(ValidationError, match="card on the board is held back"):
        workshop.validate()
