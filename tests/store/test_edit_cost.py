"""An edit costs what it touches: one record replaced, no table rebuilt, no records copied
to save."""

from __future__ import annotations

import json
from pathlib import Path

from trustboard.domain.workshop import Card, Workshop, new_id
from trustboard.store import WorkshopFile, workshop_file

CELL = ("competence", "individuals")


def _with_cards(path: Path, workshop: Workshop, n: int) -> WorkshopFile:
    rnd = workshop.current_round
    for i in range(n):
        card = Card(new_id("c"), f"card {i}", CELL, order=float(i))
        rnd.cards[card.id] = card
    return WorkshopFile.create(path, workshop)


def test_an_edit_replaces_its_own_record_and_leaves_the_table_alone(
    tmp_path: Path, workshop: Workshop
) -> None:
    with _with_cards(tmp_path / "w.trustboard", workshop, 50) as wf:
        rid = wf.workshop.current_round_id
        cards = wf._tables["cards"]  # the store's own table of card records
        before = dict(cards)
        first, *others = before
        wf.put_card(rid, Card(first, "edited", CELL))
        wf.remove_card(others[0])
        assert wf._tables["cards"] is cards  # updated where it is, not rebuilt per edit
        assert cards[first]["text"] == "edited"
        assert before[first]["text"] == "card 0"  # replaced, never changed in place
        assert others[0] not in cards
        assert all(cards[k] is before[k] for k in others[1:])


def test_a_save_copies_no_record_yet_writes_the_state_it_was_taken_at(
    tmp_path: Path, workshop: Workshop
) -> None:
    with _with_cards(tmp_path / "w.trustboard", workshop, 20) as wf:
        snapshot = workshop_file._snapshot(wf._tables)
        assert all(
            snapshot[name][key] is record
            for name, table in wf._tables.items()
            for key, record in table.items()
        )
        card_id = next(iter(snapshot["cards"]))
        wf.put_card(wf.workshop.current_round_id, Card(card_id, "after the snapshot", CELL))
        written = json.loads(b"".join(workshop_file._encode(snapshot)))
        assert written["cards"][card_id]["text"] != "after the snapshot"


def test_records_are_encoded_in_slices_exactly_as_one_json_dumps(
    tmp_path: Path, workshop: Workshop
) -> None:
    n = workshop_file._CHUNK * 2 + 7
    with _with_cards(tmp_path / "w.trustboard", workshop, n) as wf:
        tables = wf._tables
        sliced = b"".join(workshop_file._encode(tables))
        whole = json.dumps(tables, ensure_ascii=False, separators=(",", ":")).encode()
        assert sliced == whole
        assert len(json.loads(sliced)["cards"]) == n
