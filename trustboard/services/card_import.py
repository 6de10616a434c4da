"""Import sticky-note cards from a CSV file, all or nothing."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from trustboard.document.cards import NewCard, add_cards
from trustboard.document.commands import CardsCommand, cards_command
from trustboard.document.document import WorkshopDocument
from trustboard.domain import limits
from trustboard.domain.framework import Framework
from trustboard.domain.workshop import Layer
from trustboard.services.import_errors import ImportFileError

COLUMNS = ("element", "domain", "layer", "kind", "text", "author")
MAX_TEXT = limits.CARD_CHARS  # what a card may hold, so an import never fails half-way


class CardImportError(ImportFileError):
    """A card CSV that cannot be imported; names the row and column. Nothing was imported."""


@dataclass(frozen=True)
class ParsedCard:
    row: int
    cell: tuple[str, str]
    layer: Layer
    kind: str
    text: str
    author: str


def read_text(path: Path, error: type[ImportFileError] = CardImportError) -> str:
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise error(path.name, None, None, f"cannot be read ({exc.strerror})") from None
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise error(
            path.name, line, None, "is not UTF-8 text; save the CSV as UTF-8 and try again"
        ) from None


def open_csv(
    text: str, source: str, error: type[ImportFileError] = CardImportError
) -> tuple[Any, list[str]]:
    """The csv reader, past the header, and the header; an empty or broken start raises."""
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    try:
        header = next(reader)
    except StopIteration:
        raise error(source, None, None, "is empty; the first row must be the header") from None
    except csv.Error as exc:
        raise error(source, 1, None, f"is not valid CSV: {exc}") from None
    return reader, header


def parse_cards(text: str, framework: Framework, source: str = "CSV") -> list[ParsedCard]:
    """Check every row before anything is imported; the first problem raises CardImportError."""
    reader, header = open_csv(text, source)
    names = [h.strip().lower() for h in header]
    missing = [c for c in COLUMNS if c not in names]
    if missing:
        raise CardImportError(
            source, 1, missing[0], f"the header lacks this column (needed: {', '.join(COLUMNS)})"
        )
    index = {c: names.index(c) for c in COLUMNS}
    kinds = {k.id for k in framework.card_kinds}
    cards: list[ParsedCard] = []
    row_no = 1
    try:
        for row in reader:
            row_no = reader.line_num
            if not any(cell.strip() for cell in row):
                continue
            if len(row) != len(header):
                raise CardImportError(
                    source, row_no, None, f"has {len(row)} fields; the header has {len(header)}"
                )
            value = {c: row[i] for c, i in index.items()}
            element = framework.find_element(value["element"])
            if element is None:
                known = ", ".join(e.name for e in framework.elements)
                raise CardImportError(
                    source,
                    row_no,
                    "element",
                    f"unknown element {value['element']!r} (known: {known})",
                )
            domain = framework.find_domain(value["domain"])
            if domain is None:
                known = ", ".join(d.name for d in framework.domains)
                raise CardImportError(
                    source, row_no, "domain", f"unknown domain {value['domain']!r} (known: {known})"
                )
            try:
                layer = Layer(value["layer"].strip().lower())
            except ValueError:
                raise CardImportError(
                    source, row_no, "layer", f"{value['layer']!r} is not 'as-is' or 'to-be'"
                ) from None
            kind = value["kind"].strip().lower()
            if kind not in kinds:
                raise CardImportError(
                    source,
                    row_no,
                    "kind",
                    f"unknown card kind {kind!r} (known: {', '.join(sorted(kinds))})",
                )
            text = value["text"]
            if not text.strip():
                raise CardImportError(source, row_no, "text", "is empty")
            if len(text) > MAX_TEXT:
                raise CardImportError(
                    source,
                    row_no,
                    "text",
                    f"is {len(text):,} characters; the limit is {MAX_TEXT:,}",
                )
            author = value["author"].strip()
            if len(author) > limits.TITLE_CHARS:
                raise CardImportError(
                    source,
                    row_no,
                    "author",
                    f"is {len(author):,} characters; the limit is {limits.TITLE_CHARS:,}",
                )
            cards.append(ParsedCard(row_no, (element.id, domain.id), layer, kind, text, author))
    except csv.Error as exc:
        raise CardImportError(source, reader.line_num, None, f"is not valid CSV: {exc}") from None
    return cards


def import_command(doc: WorkshopDocument, parsed: list[ParsedCard]) -> CardsCommand:
    """One undoable step that adds every parsed card after the cards already in its cell."""
    text = f"Import {len(parsed)} card{'s' * (len(parsed) != 1)}"
    new = [NewCard(p.text, p.cell, p.layer, p.kind, p.author) for p in parsed]
    return add_cards(doc, new, text) or cards_command(doc, {}, text)
