"""The rule of editing a workshop's details (title, people, date, anonymity)."""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping

from trustboard.document.commands import DetailsCommand
from trustboard.document.document import WorkshopDocument
from trustboard.domain.errors import ValidationError
from trustboard.domain.workshop import check_details
from trustboard.i18n import _


def edit_details(doc: WorkshopDocument, values: Mapping[str, object]) -> DetailsCommand | None:
    """One step for the fields that differ; ValidationError (nothing changed) when not allowed.

    Checked before the edit, so a refusal is told where the edit was typed.
    """
    ws = doc.workshop
    before = {name: getattr(ws, name) for name in values}
    changed = {k: v for k, v in values.items() if before[k] != v}
    if not changed:
        return None
    if "title" in changed and not str(changed["title"]).strip():
        raise ValidationError("title", _("the workshop needs a title"))
    check_details(dataclasses.replace(ws, **changed))  # type: ignore[arg-type]
    return DetailsCommand(doc, {k: before[k] for k in changed}, changed, _("Edit workshop details"))
