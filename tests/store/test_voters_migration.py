"""Schema 2 keys votes and scores by participant; version-1 files still open, after a backup."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from trustboard.domain.errors import ValidationError
from trustboard.domain.workshop import (
    Card,
    Layer,
    Perspective,
    Rating,
    Workshop,
    check_card,
    new_id,
)
from trustboard.store import SCHEMA_VERSION, TrustBoardFileError, WorkshopFile

CELL = ("competence", "individuals")


def _as_version_1(path: Path) -> bytes:
    data = json.loads(path.read_text(encoding="utf-8"))
    data["meta"]["file"]["schema_version"] = 1
    raw = json.dumps(data).encode()
    path.write_bytes(raw)
    return raw


def _with_records(workshop: Workshop, card: Card, rating: Rating) -> Workshop:
    rnd = workshop.current_round
    rnd.cards[card.id] = card
    rnd.ratings[rating.key] = rating
    return workshop


def test_a_version_1_file_opens_after_a_backup_and_is_saved_in_the_current_format(
    tmp_path: Path, workshop: Workshop
) -> None:
    card = Card(new_id("c"), "Reviews", CELL, votes=3)
    rating = Rating(CELL, Layer.AS_IS, Perspective.SELF, (3, 4))
    path = tmp_path / "old.trustboard"
    WorkshopFile.create(path, _with_records(workshop, card, rating)).close()
    old = _as_version_1(path)
    assert SCHEMA_VERSION == 5  # through versions 2, 3 and 4 to 5
    with WorkshopFile.open(path) as wf:
        opened = wf.workshop.current_round
        assert opened.cards[card.id] == card  # every old vote is anonymous
        assert opened.cards[card.id].anonymous_votes == 3
        assert opened.ratings[rating.key] == rating
    assert path.with_name("old.trustboard.v1.bak").read_bytes() == old
    assert json.loads(path.read_text())["meta"]["file"]["schema_version"] == SCHEMA_VERSION


def test_voters_and_who_scored_survive_a_save(tmp_path: Path, workshop: Workshop) -> None:
    card = Card(new_id("c"), "Reviews", CELL, votes=3, voters=(("ana", 2),))
    rating = Rating(CELL, Layer.AS_IS, Perspective.SELF, (3, 4), ("", "ben"))
    path = tmp_path / "w.trustboard"
    WorkshopFile.create(path, _with_records(workshop, card, rating)).close()
    with WorkshopFile.open(path, read_only=True) as wf:
        assert wf.workshop.current_round.cards[card.id] == card
        assert wf.workshop.current_round.ratings[rating.key] == rating


def test_records_without_anyone_known_are_written_as_before(
    tmp_path: Path, workshop: Workshop
) -> None:
    card = Card(new_id("c"), "Reviews", CELL, votes=1)
    rating = Rating(CELL, Layer.AS_IS, Perspective.SELF, (3,))
    path = tmp_path / "w.trustboard"
    WorkshopFile.create(path, _with_records(workshop, card, rating)).close()
    data = json.loads(path.read_text())
    assert "voters" not in data["cards"][card.id]
    assert all("by" not in r for r in data["ratings"].values())


def test_a_version_1_file_naming_voters_is_damaged_not_guessed(
    tmp_path: Path, workshop: Workshop
) -> None:
    card = Card(new_id("c"), "Reviews", CELL, votes=2, voters=(("ana", 2),))
    rating = Rating(CELL, Layer.AS_IS, Perspective.SELF, (3,))
    path = tmp_path / "w.trustboard"
    WorkshopFile.create(path, _with_records(workshop, card, rating)).close()
    old = _as_version_1(path)
    with pytest.raises(TrustBoardFileError, match="version-1 file cannot hold"):
        WorkshopFile.open(path)
    assert path.read_bytes() == old
    assert sorted(p.name for p in tmp_path.iterdir()) == ["w.trustboard"]  # no backup


def test_more_votes_named_than_the_card_has_is_refused(workshop: Workshop) -> None:
    card = Card(new_id("c"), "Reviews", CELL, votes=1, voters=(("ana", 5),))
    with pytest.raises(ValidationError, match="more votes than the card has"):
        check_card(workshop.framework, card)
