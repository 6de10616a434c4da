"""Editing a workshop's details is a document rule: checked first, one step, nothing else."""

from __future__ import annotations

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
    command = edit_details(doc, {"title": workshop.title, "organisation": "Acme"})
    assert command is not None and command.after == {"organisation": "Acme"}
    history.push(command)
    history.undo()
    assert doc.workshop.organisation == ""


def test_refused_details_change_nothing(workshop: Workshop) -> None:
    doc = WorkshopDocument(workshop)
    with pytest.raises(ValidationError, match="needs a title"):
        edit_details(doc, {"title": "   "})
    with pytest.raises(ValidationError):
        edit_details(doc, {"participants": ("x",) * (limits.PARTICIPANTS + 1)})
    assert doc.workshop.participants == () and doc.workshop.title == workshop.title
