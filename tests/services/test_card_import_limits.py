"""A CSV import is refused, row and column named, where a card would break a workshop limit."""

from __future__ import annotations

import csv
import io

import pytest

from trustboard.document import WorkshopDocument
from trustboard.document.commands import History
from trustboard.domain import limits
from trustboard.domain.workshop import Workshop
from trustboard.services.card_import import CardImportError, import_command, parse_cards


def _csv(text: str, author: str = "") -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["element", "domain", "layer", "kind", "text", "author"])
    writer.writerow(["competence", "individuals", "as-is", "evidence", text, author])
    return out.getvalue()


def test_a_card_text_over_the_limit_is_refused_before_anything_is_imported(
    workshop: Workshop,
) -> None:
    with pytest.raises(CardImportError, match=r"row 2, column 'text': is 5,001 characters"):
        parse_cards(_csv("x" * (limits.CARD_CHARS + 1)), workshop.framework)


def test_an_author_over_the_limit_is_refused(workshop: Workshop) -> None:
    with pytest.raises(CardImportError, match=r"column 'author': is 201 characters"):
        parse_cards(_csv("fine", "A" * (limits.TITLE_CHARS + 1)), workshop.framework)


def test_a_card_right_at_the_limit_imports(workshop: Workshop) -> None:
    parsed = parse_cards(
        _csv("x" * limits.CARD_CHARS, "A" * limits.TITLE_CHARS), workshop.framework
    )
    History().push(import_command(WorkshopDocument(workshop), parsed))
    (card,) = workshop.current_round.cards.values()
    assert len(card.text) == limits.CARD_CHARS


def test_a_huge_bad_cell_is_quoted_in_part_in_the_message(workshop: Workshop) -> None:
    huge = "x" * 100_000
    text = f"element,domain,layer,kind,text,author\ncompetence,individuals,{huge},evidence,t,\n"
    with pytest.raises(CardImportError) as caught:
        parse_cards(text, workshop.framework)
    message = str(caught.value)
    assert "row 2" in message and "layer" in message and "…" in message
    assert len(message) < 600
