"""Editing a workshop's details is a document rule: checked first, one step, nothing else."""

from __future__ import annotations

import copy

import pytest

from trustboard.document import WorkshopDocument
from trustboard.document.commands import History
from trustboard.document.details import edit_details
from trustboard.domain import limits
from trustboard.domain.errors import ValidationError
from trustboard.domain.workshop import Workshop


def test_only_changed_details_make_a_step(workshop: Workshop) -> None:
    doc, history = WorkshopDocument(workshop), History()
    assert edit_details(doc, {"title": workshop.title}) is None
    before = workshop.organisation
    command = edit_details(doc, {"title": workshop.title, "organisation": "Zenith Ltd"})
    assert command is not None and command.after == {"organisation": "Zenith Ltd"}
    history.push(command)
    assert doc.workshop.organisation == "Zenith Ltd"
    history.undo()
    assert doc.workshop.organisation == before


def test_refused_details_change_nothing(workshop: Workshop) -> None:
    doc = WorkshopDocument(workshop)
    before = copy.deepcopy(workshop)
    with pytest.raises(ValidationError, match="needs a title"):
        edit_details(doc, {"title": "   "})
    with pytest.raises(ValidationError):
        edit_details(doc, {"participants": ("x",) * (limits.PARTICIPANTS + 1)})
    assert doc.workshop == before
