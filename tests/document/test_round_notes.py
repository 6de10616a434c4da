"""The round's notes: set through an undoable command, typing merged, saved to the file."""

from __future__ import annotations

from pathlib import Path

import pytest

from trustboard.document import WorkshopDocument
from trustboard.document.rounds import set_round_notes
from trustboard.domain import limits
from trustboard.domain.errors import ValidationError
from trustboard.domain.workshop import Workshop
from trustboard.store import WorkshopFile


def test_notes_merge_undo_and_reach_the_file(tmp_path: Path, workshop: Workshop) -> None:
    wf = WorkshopFile.create(tmp_path / "w.trustboard", workshop)
    doc = WorkshopDocument(wf.workshop, wf)
    rid = doc.workshop.current_round_id
    first = set_round_notes(doc, rid, "Onb")
    assert first is not None
    first.redo()
    second = set_round_notes(doc, rid, "Onboarding")
    assert second is not None
    second.redo()
    assert first.merge(second)  # one burst of typing, one undo step
    assert set_round_notes(doc, rid, "Onboarding") is None  # unchanged: nothing to undo
    wf.flush()
    with WorkshopFile.open(wf.path, read_only=True) as again:
        assert again.workshop.current_round.notes == "Onboarding"
    first.undo()
    assert doc.workshop.current_round.notes == ""
    with pytest.raises(ValidationError):
        set_round_notes(doc, rid, "x" * (limits.ANSWER_CHARS + 1))
    wf.close()
