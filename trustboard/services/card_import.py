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
from trustboard.i18n import _, format_number, ngettext
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
        raise error(
            path.name, None, None, _("cannot be read ({reason})").format(reason=exc.strerror)
        ) from None
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise error(
            path.name, line, None, _("is not UTF-8 text; save the CSV as UTF-8 and try again")
        ) from None


def open_csv(
    text: str, source: str, error: type[ImportFileError] = CardImportError
) -> tuple[Any, list[str]]:
    """The csv reader, past the header, and the header; an empty or broken start raises."""
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    try:
        header = next(reader)
    except StopIteration:
        raise error(source, None, None, _("is empty; the first row must be the header")) from None
    except csv.Error as exc:
        raise error(source, 1, None, invalid_csv(exc)) from None
    return reader, header


def invalid_csv(exc: Exception) -> str:
    return _("is not valid CSV: {problem}").format(problem=exc)


def too_long(length: int, limit: int) -> str:
    return _("is {n} characters; the limit is {limit}").format(
        n=format_number(length), limit=format_number(limit)
    )


def unknown(what: str, value: str, known: str) -> str:
    """ "unknown element 'X' (known: A, B)" for what = "element", "domain" or "kind"."""
    texts = {
        "element": _("unknown element {value} (known: {known})"),
        "domain": _("unknown domain {value} (known: {known})"),
        "kind": _("unknown card kind {value} (known: {known})"),
    }
    return texts[what].format(value=repr(value), known=known)


def wrong_width(fields: int, width: int) -> str:
    return ngettext(
        "has {n} field; the header has {width}", "has {n} fields; the header has {width}", fields
    ).format(n=fields, width=width)


def not_a_layer(raw: str) -> str:
    return _("{value} is not 'as-is' or 'to-be'").format(value=repr(raw))


def parse_cards(text: str, framework: Framework, source: str = "CSV") -> list[ParsedCard]:
    """Check every row before anything is imported; the first problem raises CardImportError."""
    reader, header = open_csv(text, source)
    names = [h.strip().lower() for h in header]
    missing = [c for c in COLUMNS if c not in names]
    if missing:
        raise CardImportError(
            source,
            1,
            missing[0],
            _("the header lacks this column (needed: {columns})").format(
                columns=", ".join(COLUMNS)
            ),
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
                raise CardImportError(source, row_no, None, wrong_width(len(row), len(header)))
            value = {c: row[i] for c, i in index.items()}
            element = framework.find_element(value["element"])
            if element is None:
                known = ", ".join(e.name for e in framework.elements)
                raise CardImportError(
                    source,
                    row_no,
                    "element",
                    unknown("element", value["element"], known),
                )
            domain = framework.find_domain(value["domain"])
            if domain is None:
                known = ", ".join(d.name for d in framework.domains)
                raise CardImportError(
                    source, row_no, "domain", unknown("domain", value["domain"], known)
                )
            try:
                layer = Layer(value["layer"].strip().lower())
            except ValueError:
                raise CardImportError(
                    source, row_no, "layer", not_a_layer(value["layer"])
                ) from None
            kind = value["kind"].strip().lower()
            if kind not in kinds:
                raise CardImportError(
                    source,
                    row_no,
                    "kind",
                    unknown("kind", kind, ", ".join(sorted(kinds))),
                )
            text = value["text"]
            if not text.strip():
                raise CardImportError(source, row_no, "text", _("is empty"))
            if len(text) > MAX_TEXT:
                raise CardImportError(
                    source,
                    row_no,
                    "text",
                    too_long(len(text), MAX_TEXT),
                )
            author = value["author"].strip()
            if len(author) > limits.TITLE_CHARS:
                raise CardImportError(
                    source,
                    row_no,
                    "author",
                    too_long(len(author), limits.TITLE_CHARS),
                )
            cards.append(ParsedCard(row_no, (element.id, domain.id), layer, kind, text, author))
    except csv.Error as exc:
        raise CardImportError(source, reader.line_num, None, invalid_csv(exc)) from None
    return cards


def import_command(doc: WorkshopDocument, parsed: list[ParsedCard]) -> CardsCommand:
    """One undoable step that adds every parsed card after the cards already in its cell."""
    n = len(parsed)
    text = ngettext("Import {n} card", "Import {n} cards", n).format(n=format_number(n))
    new = [NewCard(p.text, p.cell, p.layer, p.kind, p.author) for p in parsed]
    return add_cards(doc, new, text) or cards_command(doc, {}, text)
