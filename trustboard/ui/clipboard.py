"""Cards on the clipboard: our own JSON for TrustBoard, plain text for everything else."""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Iterable

from PySide6.QtCore import QMimeData

from trustboard.domain import limits
from trustboard.domain.checks import is_valid_text
from trustboard.domain.codec import card_from_record, card_to_record
from trustboard.domain.errors import ValidationError
from trustboard.domain.workshop import Card, new_id

MIME = "application/x-trustboard-cards"
MAX_PASTED = 500


def cards_to_mime(cards: list[Card]) -> QMimeData:
    mime = QMimeData()
    # The board's own copy: which phone wrote a card never leaves the workshop.
    records = [card_to_record("", dataclasses.replace(c, owner="", held="")) for c in cards]
    mime.setData(MIME, json.dumps(records, ensure_ascii=False).encode("utf-8"))
    mime.setText("\n\n".join(c.text for c in cards))
    return mime


def cards_from_mime(mime: QMimeData, kinds: set[str]) -> list[Card]:
    """Cards to paste: ours as they were copied; plain text as one card per paragraph.

    Clipboard content is data from anywhere: it is parsed and validated, never trusted.
    """
    if mime.hasFormat(MIME):
        try:
            records = json.loads(bytes(mime.data(MIME).data()).decode("utf-8"))
            cards = [card_from_record(new_id("c"), r, "clipboard")[1] for r in records[:MAX_PASTED]]
            return _fitted(c if c.kind in kinds else _evidence(c) for c in cards)
        except (ValueError, TypeError, ValidationError, AttributeError, RecursionError):
            pass  # damaged or foreign: fall back to its text
    if mime.hasText():
        parts = [p.strip() for p in mime.text().replace("\r\n", "\n").split("\n\n")]
        if len(parts) == 1:
            parts = [p.strip() for p in parts[0].split("\n")]
        return _fitted(Card(new_id("c"), p, None) for p in parts[:MAX_PASTED] if p)
    return []


def _fitted(cards: Iterable[Card]) -> list[Card]:
    """Cards cut to what a card may hold (a pasted article becomes its first 5,000
    characters); a card whose text is not valid text is left out."""
    out = []
    for card in cards:
        text, author = card.text[: limits.CARD_CHARS], card.author[: limits.TITLE_CHARS]
        if is_valid_text(text) and is_valid_text(author):
            out.append(dataclasses.replace(card, text=text, author=author))
    return out


def _evidence(card: Card) -> Card:
    return dataclasses.replace(card, kind="evidence")
