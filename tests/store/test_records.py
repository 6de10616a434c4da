"""One codec for records: an edit writes the same record as writing the whole workshop."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from trustboard import __version__
from trustboard.domain import codec
from trustboard.domain.errors import ValidationError
from trustboard.domain.workshop import (
    STANDARD_KPIS,
    Answer,
    Card,
    Layer,
    Perspective,
    Rating,
    Workshop,
    new_id,
)
from trustboard.store import WorkshopFile, schema

CELL = ("competence", "individuals")


def test_records_written_edit_by_edit_equal_the_whole_workshop_written_at_once(
    tmp_path: Path, workshop: Workshop
) -> None:
    path = tmp_path / "w.trustboard"
    with WorkshopFile.create(path, workshop) as wf:
        rnd = wf.workshop.current_round
        card = Card(new_id("c"), "kept", CELL)
        rnd.cards[card.id] = card
        wf.put_card(rnd.id, card)
        rating = Rating(CELL, Layer.AS_IS, Perspective.CUSTOMER, (2, 3))
        rnd.ratings[rating.key] = rating
        wf.put_rating(rnd.id, rating)
        answer = Answer(CELL, "c-competence-individuals-1", "yes", True)
        rnd.answers[answer.key] = answer
        wf.put_answer(rnd.id, answer)
        kpi = STANDARD_KPIS[0].id
        rnd.kpis[kpi] = 42.0
        wf.put_kpi(rnd.id, kpi, 42.0)
        rnd.notes = "renamed"
        wf.put_round(rnd, 0)
        wf.workshop.title = "New title"
        wf.put_workshop()
        expected = schema.encode_workshop(wf.workshop, __version__)
    assert json.loads(path.read_text(encoding="utf-8")) == expected


def test_the_workshop_record_holds_exactly_the_keys_its_reader_accepts(
    workshop: Workshop,
) -> None:
    record = codec.workshop_to_record(workshop)
    assert set(record) == codec.WORKSHOP_KEYS
    tables = schema.encode_workshop(workshop, __version__)
    assert tables["meta"]["workshop"] == record
    schema.decode_workshop(tables)  # every written key is read back
    tables["meta"]["workshop"] = {**record, "colour": "red"}
    with pytest.raises(ValidationError, match="colour"):
        schema.decode_workshop(tables)


def test_a_kpi_reading_reads_back_as_written() -> None:
    record = codec.kpi_to_record("r1", "nps", 12.5)
    assert codec.kpi_from_record(record, "kpis.r1|nps") == ("r1", "nps", 12.5)
    with pytest.raises(ValidationError, match=r"kpis\.r1\|nps\.value"):
        codec.kpi_from_record({**record, "value": "high"}, "kpis.r1|nps")
