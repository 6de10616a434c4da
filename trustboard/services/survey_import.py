"""Import individual survey ratings from a CSV, all or nothing, as one undoable step.

Columns (header names ignore case and surrounding spaces; other columns are ignored):
``element, domain, perspective, score`` and optionally ``layer`` (as-is when missing or
empty) and ``comment``. Element and domain match by name or id, ignoring case; perspective
is ``self`` or ``customer``. Scores become anonymous scores appended to the cell's rating;
every non-empty comment becomes a card in that cell: customer-voice for customers'
comments, evidence for our own.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from pathlib import Path

from trustboard.document import ratings
from trustboard.document.cards import NewCard, add_cards
from trustboard.document.commands import Command, MacroCommand
from trustboard.document.document import WorkshopDocument
from trustboard.domain.framework import Axis, Cell, Framework
from trustboard.domain.workshop import Layer, Perspective, median
from trustboard.i18n import _, format_number, ngettext, pgettext
from trustboard.services.card_import import (
    MAX_TEXT,
    invalid_csv,
    not_a_layer,
    open_csv,
    read_text,
    too_long,
    unknown,
    wrong_width,
)
from trustboard.services.import_errors import ImportFileError

REQUIRED = ("element", "domain", "perspective", "score")
OPTIONAL = ("layer", "comment")
PREVIEW_ROWS = 20

ScoreKey = tuple[Cell, Layer, Perspective]


class SurveyImportError(ImportFileError):
    """A survey CSV that cannot be imported; names the row and column. Nothing was imported."""


@dataclass(frozen=True)
class SurveyRow:
    row: int
    cell: Cell
    layer: Layer
    perspective: Perspective
    score: int
    comment: str


@dataclass(frozen=True)
class CellTotal:
    """What the import adds to one cell, layer and perspective."""

    cell: Cell
    layer: Layer
    perspective: Perspective
    count: int
    median: float | None
    comments: int


@dataclass
class ParsedSurvey:
    """A checked survey, ready to import; `preview` holds the first rows as read."""

    source: str
    rows: int = 0
    scores: dict[ScoreKey, list[int]] = field(default_factory=dict)
    comments: list[SurveyRow] = field(default_factory=list)
    preview: list[SurveyRow] = field(default_factory=list)
    ignored_columns: tuple[str, ...] = ()

    def totals(self, framework: Framework) -> list[CellTotal]:
        """Per cell, layer and perspective, in board order."""
        order = {cell: i for i, cell in enumerate(framework.cells())}
        per_key: dict[ScoreKey, int] = {}
        for c in self.comments:
            key = (c.cell, c.layer, c.perspective)
            per_key[key] = per_key.get(key, 0) + 1
        keys = sorted(
            self.scores, key=lambda k: (order.get(k[0], len(order)), k[1].value, k[2].value)
        )
        return [
            CellTotal(
                k[0],
                k[1],
                k[2],
                len(self.scores[k]),
                median(tuple(self.scores[k])),
                per_key.get(k, 0),
            )
            for k in keys
        ]


def read_survey(path: Path, framework: Framework) -> ParsedSurvey:
    """Read and check a survey file; raises SurveyImportError naming where it is wrong."""
    return parse_survey(read_text(path, SurveyImportError), framework, path.name)


def _names(axes: tuple[Axis, ...]) -> dict[str, str]:
    """Lookup by id or case-folded name, as `Framework.find_element` does, but O(1) per row."""
    found: dict[str, str] = {}
    for axis in axes:
        found.setdefault(axis.id, axis.id)
        found.setdefault(axis.name.strip().casefold(), axis.id)
    return found


def parse_survey(text: str, framework: Framework, source: str = "CSV") -> ParsedSurvey:
    """Check every row before anything is imported; the first problem raises."""
    reader, header = open_csv(text, source, SurveyImportError)
    index = _header_index(header, source)
    parsed = ParsedSurvey(
        source,
        ignored_columns=tuple(
            h.strip() for h in header if h.strip().lower() not in (*REQUIRED, *OPTIONAL)
        ),
    )
    elements = _names(framework.elements)
    domains = _names(framework.domains)
    enabled = {d.id for d in framework.active_domains}
    scale = framework.scale
    score_of = {str(s.value): s.value for s in scale.steps}
    perspectives = {p.value: p for p in Perspective}
    layers = {"": Layer.AS_IS, **{layer.value: layer for layer in Layer}}
    i_el, i_dom, i_persp, i_score = (index[c] for c in REQUIRED)
    i_layer, i_comment = index.get("layer"), index.get("comment")
    width = len(header)
    row_no = 1
    try:
        for row in reader:
            row_no = reader.line_num
            if len(row) != width:
                if not any(v.strip() for v in row):
                    continue
                raise SurveyImportError(source, row_no, None, wrong_width(len(row), width))
            raw = row[i_el]
            element_id = elements.get(raw.strip().casefold())
            if element_id is None:
                if not any(v.strip() for v in row):
                    continue
                known = ", ".join(e.name for e in framework.elements)
                raise SurveyImportError(source, row_no, "element", unknown("element", raw, known))
            raw = row[i_dom]
            domain_id = domains.get(raw.strip().casefold())
            if domain_id is None:
                known = ", ".join(d.name for d in framework.active_domains)
                raise SurveyImportError(source, row_no, "domain", unknown("domain", raw, known))
            if domain_id not in enabled:
                raise SurveyImportError(
                    source,
                    row_no,
                    "domain",
                    _("{domain} is switched off in this workshop; switch it on first").format(
                        domain=repr(raw.strip())
                    ),
                )
            raw = row[i_persp]
            perspective = perspectives.get(raw.strip().lower())
            if perspective is None:
                raise SurveyImportError(
                    source,
                    row_no,
                    "perspective",
                    _("{value} is not 'self' or 'customer'").format(value=repr(raw)),
                )
            raw = row[i_score]
            score = score_of.get(raw.strip())
            if score is None:
                score = _score(raw, framework, source, row_no)
            layer = Layer.AS_IS
            if i_layer is not None:
                raw = row[i_layer]
                found = layers.get(raw.strip().lower())
                if found is None:
                    raise SurveyImportError(source, row_no, "layer", not_a_layer(raw))
                layer = found
            comment = row[i_comment].strip() if i_comment is not None else ""
            if len(comment) > MAX_TEXT:
                raise SurveyImportError(
                    source,
                    row_no,
                    "comment",
                    too_long(len(comment), MAX_TEXT),
                )
            cell = (element_id, domain_id)
            key = (cell, layer, perspective)
            scores = parsed.scores.get(key)
            if scores is None:
                scores = parsed.scores[key] = []
            scores.append(score)
            parsed.rows += 1
            if comment or len(parsed.preview) < PREVIEW_ROWS:
                entry = SurveyRow(row_no, cell, layer, perspective, score, comment)
                if comment:
                    parsed.comments.append(entry)
                if len(parsed.preview) < PREVIEW_ROWS:
                    parsed.preview.append(entry)
    except csv.Error as exc:
        raise SurveyImportError(source, reader.line_num, None, invalid_csv(exc)) from None
    if not parsed.rows:
        raise SurveyImportError(source, None, None, _("has a header but no ratings below it"))
    return parsed


def _header_index(header: list[str], source: str) -> dict[str, int]:
    names = [h.strip().lower() for h in header]
    needed = ", ".join(REQUIRED)
    for column in REQUIRED:
        if column not in names:
            found = ", ".join(repr(h) for h in header) or pgettext("import", "nothing")
            raise SurveyImportError(
                source,
                1,
                column,
                _(
                    "the header lacks this column (needed: {needed}; optional: {optional}; "
                    "found: {found})"
                ).format(needed=needed, optional=", ".join(OPTIONAL), found=found),
            )
    for column in (*REQUIRED, *OPTIONAL):
        if names.count(column) > 1:
            raise SurveyImportError(source, 1, column, _("this column appears twice in the header"))
    return {c: names.index(c) for c in (*REQUIRED, *OPTIONAL) if c in names}


def _score(raw: str, framework: Framework, source: str, row_no: int) -> int:
    """The slow path for a score that is not a plain step value: explain what is wrong."""
    text = raw.strip()
    if not text:
        raise SurveyImportError(source, row_no, "score", _("is empty"))
    try:
        number = float(text.replace(",", "."))
    except ValueError:
        raise SurveyImportError(
            source, row_no, "score", _("{value} is not a number").format(value=repr(raw))
        ) from None
    scale = framework.scale
    if not number.is_integer():  # a fraction, NaN or infinity
        raise SurveyImportError(
            source,
            row_no,
            "score",
            _("{value} is not a whole step of the scale").format(value=text),
        )
    value = int(number)
    if not scale.contains(value):
        raise SurveyImportError(
            source,
            row_no,
            "score",
            _("{value} is outside the scale {low}–{high}").format(
                value=text, low=scale.minimum, high=scale.maximum
            ),
        )
    return value


def comment_kind(framework: Framework, perspective: Perspective) -> str:
    """Customer-voice cards for customers' comments, evidence for our own (if the kinds exist)."""
    kinds = [k.id for k in framework.card_kinds]
    wanted = "customer-voice" if perspective == Perspective.CUSTOMER else "evidence"
    if wanted in kinds:
        return wanted
    return "evidence" if "evidence" in kinds else kinds[0]


def import_command(
    doc: WorkshopDocument, parsed: ParsedSurvey, round_id: str | None = None
) -> MacroCommand:
    """One undoable step, told to the board once: the scores per cell, plus the cards."""
    rid = round_id or doc.workshop.current_round_id
    fw = doc.framework
    children: list[Command] = [
        ratings.add_scores(
            doc,
            total.cell,
            total.layer,
            total.perspective,
            parsed.scores[(total.cell, total.layer, total.perspective)],
            round_id=rid,
            text=_("Import survey scores"),
        )
        for total in parsed.totals(fw)
    ]
    new = [
        NewCard(c.comment, c.cell, c.layer, comment_kind(fw, c.perspective))
        for c in parsed.comments
    ]
    comments = add_cards(doc, new, _("Import survey comments"), round_id=rid)
    if comments is not None:
        children.append(comments)
    n = parsed.rows
    text = ngettext("Import {n} survey score", "Import {n} survey scores", n)
    return MacroCommand(children, text.format(n=format_number(n)), doc)
