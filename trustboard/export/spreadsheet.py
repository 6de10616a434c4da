"""A workshop as rows: an XLSX workbook of every round, or one round's cards or actions as CSV.

One row per record across all rounds, so a pivot table works without reshaping. Text is
data, never a formula: in the workbook every text cell is a string cell (and text a
spreadsheet would read as a formula is marked "quote prefix", as Excel marks text typed
after an apostrophe); in a CSV such text starts with an apostrophe, as OWASP advises, so no
spreadsheet evaluates it. Both are built in memory and replace the target in one step.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from trustboard.domain.framework import Cell, Framework
from trustboard.domain.workshop import Card, Round, Workshop
from trustboard.export.context import layer_label, perspective_label, status_label, unsorted
from trustboard.export.options import ExportError, ExportResult, csv_separator
from trustboard.fsutil import atomic_write
from trustboard.i18n import N_, _, format_number, using

# Text a spreadsheet may evaluate: a formula (= + - @) or one behind a tab or carriage return.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
# Characters an XLSX file cannot hold (XML 1.0 forbids them); tab, LF and CR stay.
_ILLEGAL_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
_REPLACEMENT = "\ufffd"
# Rows a worksheet holds below its header (Excel, LibreOffice: 1,048,576 in all).
MAX_ROWS = 1_048_575

Value = str | int | float | dt.date | None


@dataclass(frozen=True)
class Column:
    header: str  # in English, marked with N_: a sheet shows `_(header)`
    width: float  # in characters, as the spreadsheet measures a column
    person: bool = False  # holds a person's name: left out when names are


@dataclass(frozen=True)
class Sheet:
    name: str
    columns: tuple[Column, ...]
    rows: list[tuple[Value, ...]]

    def kept(
        self, names: bool, most: int | None = None
    ) -> tuple[list[str], Iterator[tuple[Value, ...]]]:
        """The headers and (the first `most`) rows to write: without the columns of names
        when `names` is off."""
        keep = [i for i, col in enumerate(self.columns) if names or not col.person]
        headers = [_(self.columns[i].header) for i in keep]
        rows = self.rows if most is None or len(self.rows) <= most else self.rows[:most]
        if len(keep) == len(self.columns):
            return headers, iter(rows)
        return headers, (tuple(row[i] for i in keep) for row in rows)


def is_formula_like(text: str) -> bool:
    return text.startswith(_FORMULA_START)


def csv_text(value: Value) -> str:
    """A value as CSV text; text that could be read as a formula gets a leading apostrophe."""
    if value is None:
        return ""
    if isinstance(value, str):
        return "'" + value if is_formula_like(value) else value
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


# --- the records ------------------------------------------------------------------------


class _Labels:
    """Names of the framework's elements, domains and card kinds, with fallbacks for ids
    the framework no longer knows (a card keeps its cell when a template changes)."""

    def __init__(self, framework: Framework) -> None:
        self.framework = framework
        self.elements = {axis.id: axis.name for axis in framework.elements}
        self.domains = {axis.id: axis.name for axis in framework.domains}
        self.kinds = {kind.id: kind.name for kind in framework.card_kinds}

    def element(self, cell: Cell | None) -> str:
        return "" if cell is None else self.elements.get(cell[0], cell[0])

    def domain(self, cell: Cell | None) -> str:
        return "" if cell is None else self.domains.get(cell[1], cell[1])

    def cell(self, cell: Cell | None) -> str:
        if cell is None:
            return unsorted()
        return f"{self.element(cell)} × {self.domain(cell)}"


def _ordered_cards(rnd: Round) -> list[Card]:
    """The round's cards on the board (held cards stay private), in board order."""
    return sorted(rnd.cards.values(), key=lambda c: (c.order, c.id))


def _yes(flag: bool) -> str:
    return _("yes") if flag else _("no")


CARD_COLUMNS = (
    Column(N_("Round"), 14),
    Column(N_("Element"), 22),
    Column(N_("Domain"), 22),
    Column(N_("Layer"), 8),
    Column(N_("Kind"), 14),
    Column(N_("Text"), 60),
    Column(N_("Author"), 18, person=True),
    Column(N_("Votes"), 7),
    Column(N_("Action"), 8),
)


def _card_rows(ws: Workshop, rounds: Iterable[Round], authors: bool) -> list[tuple[Value, ...]]:
    labels = _Labels(ws.framework)
    rows: list[tuple[Value, ...]] = []
    for rnd in rounds:
        for card in _ordered_cards(rnd):
            rows.append(
                (
                    rnd.label,
                    labels.element(card.cell),
                    labels.domain(card.cell),
                    layer_label(card.layer),
                    labels.kinds.get(card.kind, card.kind),
                    card.text,
                    card.author if authors else "",
                    card.votes,
                    _yes(card.action is not None),
                )
            )
    return rows


ACTION_COLUMNS = (
    Column(N_("Round"), 14),
    Column(N_("Card"), 60),
    Column(N_("Owner"), 18, person=True),
    Column(N_("Due"), 12),
    Column(N_("Status"), 12),
    Column(N_("Cell"), 36),
)


def _action_rows(ws: Workshop, rounds: Iterable[Round]) -> list[tuple[Value, ...]]:
    labels = _Labels(ws.framework)
    rows: list[tuple[Value, ...]] = []
    for rnd in rounds:
        for card in _ordered_cards(rnd):
            if card.action is None:
                continue
            action = card.action
            rows.append(
                (
                    rnd.label,
                    card.text,
                    action.owner,
                    action.due,
                    status_label(action.status),
                    labels.cell(card.cell),
                )
            )
    return rows


RATING_COLUMNS = (
    Column(N_("Round"), 14),
    Column(N_("Round date"), 12),
    Column(N_("Element"), 22),
    Column(N_("Domain"), 22),
    Column(N_("Layer"), 8),
    Column(N_("Perspective"), 12),
    Column(N_("Score"), 7),
    Column(N_("Participant"), 18, person=True),
)


def _rating_rows(ws: Workshop, people: bool) -> list[tuple[Value, ...]]:
    """One row per score. A participant is named only when the score came with the name of
    one of the workshop's participants: a phone's key is never shown."""
    labels = _Labels(ws.framework)
    known = set(ws.participants) if people else set()
    rows: list[tuple[Value, ...]] = []
    for rnd in ws.rounds:
        for rating in rnd.ratings.values():
            element, domain = labels.element(rating.cell), labels.domain(rating.cell)
            for i, score in enumerate(rating.scores):
                who = rating.by[i] if i < len(rating.by) else ""
                rows.append(
                    (
                        rnd.label,
                        rnd.date,
                        element,
                        domain,
                        layer_label(rating.layer),
                        perspective_label(rating.perspective),
                        score,
                        who if who in known else "",
                    )
                )
    return rows


ANSWER_COLUMNS = (
    Column(N_("Round"), 14),
    Column(N_("Element"), 22),
    Column(N_("Domain"), 22),
    Column(N_("Question"), 50),
    Column(N_("Answered"), 9),
    Column(N_("Text"), 60),
)


def _answer_rows(ws: Workshop) -> list[tuple[Value, ...]]:
    """Every question of every cell in every round, answered or not (so a pivot counts the
    open ones), then answers to questions the framework no longer asks."""
    fw = ws.framework
    labels = _Labels(fw)
    cells = list(fw.cells())
    asked = {cell: fw.questions_for(cell) for cell in cells}
    rows: list[tuple[Value, ...]] = []
    for rnd in ws.rounds:
        seen: set[tuple[str, str, str]] = set()
        for cell in cells:
            for question in asked[cell]:
                key = (*cell, question.id)
                seen.add(key)
                answer = rnd.answers.get(key)
                rows.append(
                    (
                        rnd.label,
                        labels.element(cell),
                        labels.domain(cell),
                        question.text,
                        _yes(answer is not None and answer.done),
                        answer.text if answer is not None else "",
                    )
                )
        for key, answer in rnd.answers.items():
            if key not in seen:
                rows.append(
                    (
                        rnd.label,
                        labels.element(answer.cell),
                        labels.domain(answer.cell),
                        answer.question_id,
                        _yes(answer.done),
                        answer.text,
                    )
                )
    return rows


KPI_COLUMNS = (
    Column(N_("Round"), 14),
    Column(N_("Date"), 12),
    Column(N_("KPI"), 40),
    Column(N_("Value"), 10),
    Column(N_("Unit"), 6),
    Column(N_("n"), 8),
    Column(N_("Margin"), 8),
)


def _kpi_rows(ws: Workshop) -> list[tuple[Value, ...]]:
    names = {kpi.id: (kpi.name, kpi.unit) for kpi in ws.kpi_defs}
    order = {kpi_id: i for i, kpi_id in enumerate(names)}
    rows: list[tuple[Value, ...]] = []
    for rnd in ws.rounds:
        for kpi_id in sorted(rnd.kpis, key=lambda k: (order.get(k, len(order)), k)):
            name, unit = names.get(kpi_id, (kpi_id, ""))
            basis = rnd.kpi_basis.get(kpi_id)
            rows.append(
                (
                    rnd.label,
                    rnd.date,
                    name,
                    rnd.kpis[kpi_id],
                    unit,
                    basis.n if basis is not None else None,
                    basis.margin if basis is not None else None,
                )
            )
    return rows


def workbook_sheets(workshop: Workshop, *, names: bool = True) -> list[Sheet]:
    """The workbook's sheets, in order, with every round's records, named in the
    workshop's language."""
    authors = names and not workshop.anonymous
    with using(workshop.framework.language):
        return [
            # Translators: sheet names of the workbook (at most 31 characters, no : / ? * [ ])
            Sheet(_("Cards"), CARD_COLUMNS, _card_rows(workshop, workshop.rounds, authors)),
            Sheet(_("Ratings"), RATING_COLUMNS, _rating_rows(workshop, authors)),
            Sheet(_("Answers"), ANSWER_COLUMNS, _answer_rows(workshop)),
            Sheet(_("Actions"), ACTION_COLUMNS, _action_rows(workshop, workshop.rounds)),
            Sheet(_("KPIs"), KPI_COLUMNS, _kpi_rows(workshop)),
        ]


# --- writing ------------------------------------------------------------------------------


def _round(workshop: Workshop, round_id: str) -> Round:
    try:
        return workshop.round(round_id)
    except KeyError:
        raise ExportError(_("the workshop has no round {id}").format(id=repr(round_id))) from None


def _save(path: Path, data: bytes) -> None:
    try:
        atomic_write(path, data)
    except OSError as exc:
        raise ExportError(
            _("cannot write {path}: {reason}").format(path=path, reason=exc.strerror or exc)
        ) from exc


def _xlsx_cleaner(warnings: list[str]) -> Callable[[str, str, int, int], str]:
    """Replaces characters no XLSX file can hold, noting the first place it did so."""

    noted = False

    def clean(text: str, sheet: str, row: int, col: int) -> str:
        nonlocal noted
        if not _ILLEGAL_XML.search(text):
            return text
        if not noted:
            noted = True
            warnings.append(
                _(
                    "Some text held control characters a spreadsheet cannot store (first in "
                    "sheet {sheet}, row {row}, column {column}); each became {replacement}."
                ).format(sheet=sheet, row=row, column=col, replacement=_REPLACEMENT)
            )
        return _ILLEGAL_XML.sub(_REPLACEMENT, text)

    return clean


def write_xlsx(workshop: Workshop, path: Path, *, names: bool = True) -> ExportResult:
    """Every round's cards, ratings, answers, actions and KPIs as one workbook of 5 sheets,
    its sheet names, headers and labels in the workshop's language."""
    path = Path(path)
    with using(workshop.framework.language):
        return _write_xlsx(workshop, path, names)


def _write_xlsx(workshop: Workshop, path: Path, names: bool) -> ExportResult:
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    sheets = workbook_sheets(workshop, names=names)
    warnings: list[str] = []
    clean = _xlsx_cleaner(warnings)
    book = Workbook(write_only=True)
    book.properties.creator = "TrustBoard"
    bold = Font(bold=True)
    for sheet in sheets:
        ws = book.create_sheet(sheet_title(sheet.name))
        headers, rows = sheet.kept(names, MAX_ROWS)
        if len(sheet.rows) > MAX_ROWS:
            warnings.append(
                _(
                    "The {sheet} sheet has {rows} rows, more than a spreadsheet holds; only "
                    "the first {most} were written."
                ).format(
                    sheet=sheet.name,
                    rows=format_number(len(sheet.rows)),
                    most=format_number(MAX_ROWS),
                )
            )
        widths = [c.width for c in sheet.columns if names or not c.person]
        for i, width in enumerate(widths, start=1):
            ws.column_dimensions[get_column_letter(i)].width = width
        ws.freeze_panes = "A2"
        header_cells = []
        for header in headers:
            cell = WriteOnlyCell(ws, header)
            cell.font = bold
            header_cells.append(cell)
        ws.append(header_cells)

        def text_cell(text: str, row: int, col: int, ws: Any = ws, name: str = sheet.name) -> Any:
            cell = WriteOnlyCell(ws, clean(text, name, row, col))
            cell.data_type = "s"  # a string, never a formula
            cell.quotePrefix = True  # and Excel keeps it text when the cell is edited
            return cell

        for r, row in enumerate(rows, start=2):
            out: list[Any] = list(row)
            for c, value in enumerate(row):
                if isinstance(value, str) and (
                    is_formula_like(value) or _ILLEGAL_XML.search(value)
                ):
                    out[c] = text_cell(value, r, c + 1)
            ws.append(out)
    buffer = io.BytesIO()
    book.save(buffer)
    data = buffer.getvalue()
    _save(path, data)
    return ExportResult(path=path, pages=len(sheets), size=len(data), warnings=tuple(warnings))


_TITLE_FORBIDDEN = str.maketrans({"[": "(", "]": ")", ":": "-", "*": "-", "?": "-",
                                  "/": "-", "\\": "-"})  # fmt: skip


def sheet_title(name: str) -> str:
    """`name` as a worksheet's title: none of [ ] : * ? / \\, at most 31 characters."""
    return name.translate(_TITLE_FORBIDDEN)[:31].strip() or "-"


def _write_csv(
    path: Path, headers: Sequence[str], rows: Iterable[Sequence[Value]], separator: str = ","
) -> ExportResult:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, delimiter=separator, lineterminator="\r\n")
    writer.writerow(headers)
    count = 0
    for row in rows:
        writer.writerow([csv_text(value) for value in row])
        count += 1
    data = buffer.getvalue().encode("utf-8-sig")  # the BOM makes Excel read UTF-8
    _save(path, data)
    return ExportResult(path=path, pages=count, size=len(data))


def write_cards_csv(
    workshop: Workshop, round_id: str, path: Path, *, names: bool = True, separator: str = ","
) -> ExportResult:
    """One round's cards as CSV (UTF-8 with BOM), headers in the workshop's language;
    `separator` from `csv_separator`; `pages` is the number of rows."""
    sep = csv_separator(separator)
    with using(workshop.framework.language):
        rnd = _round(workshop, round_id)
        sheet = Sheet(
            "Cards",
            CARD_COLUMNS,
            _card_rows(workshop, [rnd], names and not workshop.anonymous),
        )
        headers, rows = sheet.kept(names)
        return _write_csv(Path(path), headers, rows, sep)


def write_actions_csv(
    workshop: Workshop, round_id: str, path: Path, *, names: bool = True, separator: str = ","
) -> ExportResult:
    """One round's actions as CSV (UTF-8 with BOM), headers in the workshop's language;
    `separator` from `csv_separator`; `pages` is the number of rows."""
    sep = csv_separator(separator)
    with using(workshop.framework.language):
        rnd = _round(workshop, round_id)
        sheet = Sheet("Actions", ACTION_COLUMNS, _action_rows(workshop, [rnd]))
        headers, rows = sheet.kept(names)
        return _write_csv(Path(path), headers, rows, sep)
