"""What an import will add, checked before anything changes, and the one undo step that adds it."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from trustboard.document import ratings
from trustboard.document.cards import NewCard, add_cards
from trustboard.document.commands import Command, MacroCommand
from trustboard.document.document import WorkshopDocument
from trustboard.document.imports import (
    imported_file,
    imported_ids,
    record_import,
    save_mapping,
    set_kpi_from_data,
)
from trustboard.domain import limits
from trustboard.domain.errors import ValidationError
from trustboard.domain.framework import Cell, Framework
from trustboard.domain.workshop import (
    ImportRecord,
    KpiBasis,
    Layer,
    Perspective,
    SavedMapping,
    Workshop,
    median,
)
from trustboard.i18n import _, format_date, format_number, ngettext
from trustboard.services.import_errors import ImportFileError
from trustboard.services.imports.kpis import KpiResult, mean, nps, yes_or_no, yes_share
from trustboard.services.imports.layouts import column_headers, number
from trustboard.services.imports.mapping import ColumnMap, Mapping, MappingError, Target, to_toml
from trustboard.services.imports.read import ImportCancelled, Table
from trustboard.services.imports.scales import normal

ScoreKey = tuple[Cell, Layer, Perspective]
SUMMARY_SKIPPED = 100
_LEADING_INT = re.compile(r"^\s*(\d{1,3})(?:\s*[-–—:.)=]|\s*$)")


@dataclass(frozen=True)
class Skipped:
    row: int
    column: str
    reason: str


@dataclass
class ImportPlan:
    source: str
    sha256: str
    tool: str
    how: str
    respondents: int = 0
    scores: dict[ScoreKey, list[int]] = field(default_factory=dict)
    cards: list[NewCard] = field(default_factory=list)
    kpis: list[KpiResult] = field(default_factory=list)
    response_ids: tuple[str, ...] = ()  # new ones only
    skipped: list[Skipped] = field(default_factory=list)
    already: str = ""

    @property
    def empty(self) -> bool:
        return not self.scores and not self.cards and not any(k.n for k in self.kpis)

    def summary(self, framework: Framework) -> dict[str, object]:
        """JSON-ready: what the preview shows and `--dry-run --json` prints."""
        order = {cell: i for i, cell in enumerate(framework.cells())}

        def names(cell: Cell | None) -> tuple[str, str]:
            if cell is None:
                return "", ""
            try:
                return framework.element(cell[0]).name, framework.domain(cell[1]).name
            except KeyError:
                return cell

        keys = sorted(
            self.scores, key=lambda k: (order.get(k[0], len(order)), k[1].value, k[2].value)
        )
        scores = []
        for key in keys:
            element, domain = names(key[0])
            values = self.scores[key]
            scores.append({
                "element": element, "domain": domain, "layer": key[1].value,
                "perspective": key[2].value, "count": len(values), "median": median(tuple(values)),
            })  # fmt: skip
        per_cell: dict[Cell | None, int] = {}
        for card in self.cards:
            per_cell[card.cell] = per_cell.get(card.cell, 0) + 1
        cards_per_cell = []
        for cell in sorted(per_cell, key=lambda c: -1 if c is None else order.get(c, len(order))):
            element, domain = names(cell)
            cards_per_cell.append({"element": element, "domain": domain, "count": per_cell[cell]})
        return {
            "source": self.source,
            "tool": self.tool,
            "how": self.how,
            "respondents": self.respondents,
            "scores": scores,
            "kpis": [
                {"kpi": k.kpi, "value": k.value, "n": k.n, "margin": k.margin} for k in self.kpis
            ],
            "cards": len(self.cards),
            "cards_per_cell": cards_per_cell,
            "skipped": [
                {"row": s.row, "column": s.column, "reason": s.reason}
                for s in self.skipped[:SUMMARY_SKIPPED]
            ],
            "skipped_total": len(self.skipped),
            "already": self.already,
        }


# -- resolving the mapping against the file and the framework ----------------------------


def _cell(framework: Framework, raw: Cell, source: str, header: str) -> Cell:
    """A cell written by id or name; an element or domain name may itself hold a "/"."""
    text = "/".join(raw)
    parts = text.split("/")
    for i in range(1, len(parts)):
        element = framework.find_element("/".join(parts[:i]))
        domain = framework.find_domain("/".join(parts[i:]))
        if element is not None and domain is not None:
            if not domain.enabled:
                raise MappingError(
                    source,
                    None,
                    header,
                    _(
                        "cell {cell}: the domain {domain} is switched off in this workshop; switch it on or map the column elsewhere"
                    ).format(cell=repr(text), domain=repr(domain.name)),
                )
            return (element.id, domain.id)
    raise MappingError(
        source,
        None,
        header,
        _("cell {cell} is not a cell of this board; choose one of its elements and domains").format(
            cell=repr(text)
        ),
    )


@dataclass
class _Col:
    index: int
    header: str
    spec: ColumnMap
    cell: Cell | None = None
    labels: dict[str, int | None] = field(default_factory=dict)
    values: dict[str, str] = field(default_factory=dict)


def _columns(table: Table, mapping: Mapping, workshop: Workshop) -> tuple[str, list[_Col]]:
    fw = workshop.framework
    source = table.source
    tool, _questions, headers = column_headers(table)
    exact = {h: j for j, h in enumerate(headers)}
    loose = {normal(h): j for j, h in enumerate(headers)}
    cols = []
    for spec in mapping.columns:
        if spec.target == Target.IGNORE:
            continue
        j = exact.get(spec.header)
        if j is None:
            j = loose.get(normal(spec.header))
        if j is None:
            raise MappingError(
                source, None, spec.header,
                _("the mapping names this column but the file has no such column; choose the "
                "matching export, or map the file's columns again"),
            )  # fmt: skip
        col = _Col(j, headers[j], spec)
        if spec.cell is not None:
            col.cell = _cell(fw, spec.cell, source, spec.header)
        for label, value in spec.labels:
            if value is not None and not fw.scale.contains(value):
                raise MappingError(
                    source,
                    None,
                    spec.header,
                    _(
                        'the label {label} is given {value}, which is not on the scale {low}–{high}; give a step of the scale or "skip"'
                    ).format(
                        label=repr(label), value=value, low=fw.scale.minimum, high=fw.scale.maximum
                    ),
                )
            col.labels[normal(label)] = value
        col.values = {normal(k): v for k, v in spec.values}
        if spec.target == Target.KPI:
            try:
                workshop.kpi_def(spec.kpi)
            except KeyError:
                known = ", ".join(k.id for k in workshop.kpi_defs)
                raise MappingError(
                    source,
                    None,
                    spec.header,
                    _(
                        "KPI {kpi} is not one of this workshop's KPIs ({known}); choose one of those"
                    ).format(kpi=repr(spec.kpi), known=known),
                ) from None
        cols.append(col)
    targets = {c.spec.target for c in cols}
    for col in cols:
        if (
            col.spec.target == Target.SCORE
            and col.cell is None
            and not {Target.CARD_ELEMENT, Target.CARD_DOMAIN} <= targets
        ):
            raise MappingError(
                source,
                None,
                col.header,
                _("is mapped to scores but to no cell; choose the cell its answers rate"),
            )
    return tool, cols


# -- reading the answers -----------------------------------------------------------------


class _Row:
    """One file row being planned: its number and how to refuse one of its cells."""

    def __init__(self, table: Table, number: int) -> None:
        self.source = table.source
        self.number = number

    def error(self, header: str, problem: str) -> ImportFileError:
        return ImportFileError(self.source, self.number, header, problem)


def _score(col: _Col, answer: str, row: _Row, fw: Framework, plan: ImportPlan) -> int | None:
    key = normal(answer)
    if key in col.labels:
        value = col.labels[key]
        if value is None:
            plan.skipped.append(
                Skipped(
                    row.number, col.header, _("{answer} is marked skip").format(answer=repr(answer))
                )
            )
        return value
    scale = fw.scale
    n = number(answer)
    if n is None:
        raise row.error(
            col.header,
            _(
                "the answer {answer} has no value on the scale {low}–{high}; map it in the assistant or mark it skip"
            ).format(answer=repr(answer), low=scale.minimum, high=scale.maximum),
        )
    if col.spec.rescale is not None:
        lo, hi = col.spec.rescale
        if not lo <= n <= hi:
            raise row.error(
                col.header,
                _(
                    "the answer {answer} is outside the range {low}–{high} this column is rescaled from; widen the range or mark the answer skip"
                ).format(answer=answer, low=format_number(lo), high=format_number(hi)),
            )
        exact = scale.minimum + (n - lo) / (hi - lo) * (scale.maximum - scale.minimum)
        return min((s.value for s in scale.steps), key=lambda v: (abs(v - exact), v))
    if n.is_integer() and scale.contains(int(n)):
        return int(n)
    raise row.error(
        col.header,
        _(
            "the answer {answer} is outside the scale {low}–{high}; rescale the column (for a 0–10 answer: rescale = [0, 10]) or mark the answer skip"
        ).format(answer=answer, low=scale.minimum, high=scale.maximum),
    )


def _kpi_value(col: _Col, answer: str, row: _Row) -> float | bool | None:
    """An NPS answer as 0–10, a yes/no as a bool, a custom KPI as a number; None: skip."""
    key = normal(answer)
    if key in col.labels:
        return col.labels[key]
    kpi = col.spec.kpi
    if kpi == "nps":
        m = _LEADING_INT.match(answer)
        if m is None or int(m.group(1)) > 10:
            raise row.error(
                col.header,
                _(
                    "the answer {answer} is not a 0–10 recommendation score; map it in the assistant or mark it skip"
                ).format(answer=repr(answer)),
            )
        return int(m.group(1))
    yes = yes_or_no(answer)
    if yes is not None and kpi == "trust-yes":
        return yes
    n = number(answer)
    if n is not None and kpi != "trust-yes":
        return n
    if yes is not None:
        return yes
    raise row.error(
        col.header,
        _(
            "the answer {answer} is not a yes or no answer; map it in the assistant or mark it skip"
        ).format(answer=repr(answer)),
    )


def _kpis(found: dict[str, list[float | bool]], workshop: Workshop, source: str) -> list[KpiResult]:
    results = []
    for kpi, answers in found.items():
        if kpi == "nps":
            result = nps(int(a) for a in answers)
        elif all(isinstance(a, bool) for a in answers):
            result = yes_share((bool(a) for a in answers), kpi)
        else:
            result = mean((float(a) for a in answers), kpi)
        if result.n:
            try:
                workshop.kpi_def(kpi).check(result.value)
            except ValidationError as exc:
                raise ImportFileError(
                    source,
                    None,
                    None,
                    _(
                        "the KPI {kpi} comes to {value}: {problem}; check that column's mapping"
                    ).format(kpi=repr(kpi), value=format_number(result.value), problem=exc),
                ) from None
        results.append(result)
    return results


def _already(workshop: Workshop, table: Table) -> str:
    record = imported_file(workshop, table.sha256)
    if record is None:
        return ""
    try:
        where = workshop.round(record.round_id).label
    except KeyError:
        where = _("an earlier round")
    when = format_date(record.when.date(), "medium")
    return _("This file was imported on {date} into {round}.").format(date=when, round=where)


def _row_value(cols: dict[Target, _Col], target: Target, row: list[str]) -> str:
    col = cols.get(target)
    return row[col.index].strip() if col is not None else ""


def _row_cell(cols: dict[Target, _Col], row: list[str], r: _Row, fw: Framework) -> Cell | None:
    """The row's own cell (long tables and cards); None when the row names none."""
    cell_col = cols.get(Target.CARD_CELL)
    if cell_col is not None:
        raw = row[cell_col.index].strip()
        if raw:
            placed = cell_col.values.get(normal(raw), raw)
            for i in range(1, len(placed.split("/"))):
                parts = placed.split("/")
                element = fw.find_element("/".join(parts[:i]))
                domain = fw.find_domain("/".join(parts[i:]))
                if element is not None and domain is not None and domain.enabled:
                    return (element.id, domain.id)
    el_col, dom_col = cols.get(Target.CARD_ELEMENT), cols.get(Target.CARD_DOMAIN)
    if el_col is None or dom_col is None:
        return None
    raw_el, raw_dom = row[el_col.index].strip(), row[dom_col.index].strip()
    if not raw_el and not raw_dom:
        return None
    element = fw.find_element(raw_el)
    if element is None:
        known = ", ".join(e.name for e in fw.elements)
        raise r.error(
            el_col.header,
            _(
                "unknown element {value} (known: {known}); correct it in the file or map the column to nothing"
            ).format(value=repr(raw_el), known=known),
        )
    domain = fw.find_domain(raw_dom)
    if domain is None or not domain.enabled:
        known = ", ".join(d.name for d in fw.active_domains)
        raise r.error(
            dom_col.header,
            _(
                "unknown or switched-off domain {value} (known: {known}); correct it in the file or switch the domain on"
            ).format(value=repr(raw_dom), known=known),
        )
    return (element.id, domain.id)


def _layer(cols: dict[Target, _Col], row: list[str], r: _Row, default: Layer) -> Layer:
    col = cols.get(Target.CARD_LAYER)
    if col is None:
        return default
    raw = row[col.index].strip()
    if not raw:
        return default
    value = col.values.get(normal(raw), raw).strip().lower()
    try:
        return Layer(value)
    except ValueError:
        raise r.error(
            col.header,
            _("{value} is not 'as-is' or 'to-be'; correct it or map its values").format(
                value=repr(raw)
            ),
        ) from None


def _perspective(
    cols: dict[Target, _Col], row: list[str], r: _Row, default: Perspective
) -> Perspective:
    col = cols.get(Target.PERSPECTIVE)
    if col is None:
        return default
    raw = row[col.index].strip()
    value = col.values.get(normal(raw), raw).strip().lower()
    try:
        return Perspective(value)
    except ValueError:
        raise r.error(
            col.header,
            _("{value} is not 'self' or 'customer'; correct it in the file").format(
                value=repr(raw)
            ),
        ) from None


def comment_kind(framework: Framework, perspective: Perspective) -> str:
    """Customer-voice cards for customers' comments, evidence for our own (if the kinds exist)."""
    kinds = [k.id for k in framework.card_kinds]
    wanted = "customer-voice" if perspective == Perspective.CUSTOMER else "evidence"
    if wanted in kinds:
        return wanted
    return "evidence" if "evidence" in kinds else kinds[0]


def _kind(col: _Col | None, row: list[str], r: _Row, fw: Framework, default: str) -> str:
    if col is None:
        return default
    raw = row[col.index].strip()
    if not raw:
        return default
    value = col.values.get(normal(raw))
    if value is not None:
        return value
    for k in fw.card_kinds:
        if normal(raw) in (normal(k.id), normal(k.name)):
            return k.id
    if col.values:  # a label nobody mapped (a Trello label): the default kind
        return default
    known = ", ".join(k.id for k in fw.card_kinds)
    raise r.error(
        col.header,
        _("unknown card kind {value} (known: {known}); correct it or map its values").format(
            value=repr(raw), known=known
        ),
    )


# -- the plan ----------------------------------------------------------------------------


def plan_import(
    table: Table,
    mapping: Mapping,
    workshop: Workshop,
    *,
    again: bool = False,
    progress: Callable[[float], bool] | None = None,
) -> ImportPlan:
    """Check every row and work out what the import adds; nothing changes here.

    Hard problems raise ImportFileError naming row and column; with `again` False a file
    imported before (same bytes), or responses imported before (same ids), are left out.
    """
    fw = workshop.framework
    tool, cols = _columns(table, mapping, workshop)
    plan = ImportPlan(table.source, table.sha256, tool, table.how)
    if not again:
        plan.already = _already(workshop, table)
        if plan.already:
            return plan
    seen = frozenset() if again else imported_ids(workshop)
    by_target = {c.spec.target: c for c in cols}
    id_col = by_target.get(Target.RESPONSE_ID)
    score_cols = [c for c in cols if c.spec.target == Target.SCORE]
    comment_cols = [c for c in cols if c.spec.target == Target.COMMENT]
    kpi_cols = [c for c in cols if c.spec.target == Target.KPI]
    text_col = by_target.get(Target.CARD_TEXT)
    author_col = by_target.get(Target.CARD_AUTHOR)
    kind_col = by_target.get(Target.CARD_KIND)
    default_kind = (
        "evidence" if any(k.id == "evidence" for k in fw.card_kinds) else fw.card_kinds[0].id
    )
    kpi_answers: dict[str, list[float | bool]] = {c.spec.kpi: [] for c in kpi_cols}
    ids_here: dict[str, int] = {}
    new_ids: list[str] = []
    before = 0
    total = len(table.rows)
    for i, row in enumerate(table.rows):
        if progress is not None and i % 500 == 0 and not progress(i / total):
            raise ImportCancelled(
                table.source, None, None, _("the import was cancelled; nothing was imported")
            )
        if not any(v.strip() for v in row):
            continue
        r = _Row(table, table.first_row + i)
        if id_col is not None:
            rid = row[id_col.index].strip()
            if rid:
                if rid in seen:
                    before += 1
                    plan.skipped.append(
                        Skipped(
                            r.number,
                            id_col.header,
                            _("response {id} was imported before").format(id=repr(rid)),
                        )
                    )
                    continue
                if rid in ids_here:
                    plan.skipped.append(
                        Skipped(
                            r.number,
                            id_col.header,
                            _("the same response id as row {row}").format(row=ids_here[rid]),
                        )
                    )
                    continue
                if len(rid) > limits.TITLE_CHARS:
                    raise r.error(
                        id_col.header,
                        _(
                            "the response id is {n} characters; ids of at most {limit} are kept — map this column to nothing"
                        ).format(n=format_number(len(rid)), limit=limits.TITLE_CHARS),
                    )
                ids_here[rid] = r.number
                new_ids.append(rid)
        plan.respondents += 1
        row_cell = _row_cell(by_target, row, r, fw)
        for col in score_cols:
            answer = row[col.index].strip()
            if not answer:
                continue
            value = _score(col, answer, r, fw, plan)
            if value is None:
                continue
            cell = col.cell or row_cell
            if cell is None:
                raise r.error(
                    col.header,
                    _(
                        "the row names no element and domain for this score; fill them in or map the column to nothing"
                    ),
                )
            col_layer = _layer(by_target, row, r, col.spec.layer)
            key = (cell, col_layer, _perspective(by_target, row, r, col.spec.perspective))
            bucket = plan.scores.get(key)
            if bucket is None:
                bucket = plan.scores[key] = []
            bucket.append(value)
        for col in kpi_cols:
            answer = row[col.index].strip()
            if answer:
                found = _kpi_value(col, answer, r)
                if found is None:
                    plan.skipped.append(
                        Skipped(
                            r.number,
                            col.header,
                            _("{answer} is marked skip").format(answer=repr(answer)),
                        )
                    )
                else:
                    kpi_answers[col.spec.kpi].append(found)
        said: set[tuple[str, Cell | None]] = set()
        for col in comment_cols:
            text = row[col.index].strip()
            if not text:
                continue
            cell = col.cell or row_cell
            if (normal(text), cell) in said:
                continue
            said.add((normal(text), cell))
            if len(text) > limits.CARD_CHARS:
                plan.skipped.append(
                    Skipped(
                        r.number,
                        col.header,
                        _("the comment is {n} characters; a card holds {limit}").format(
                            n=format_number(len(text)), limit=format_number(limits.CARD_CHARS)
                        ),
                    )
                )
                continue
            perspective = _perspective(by_target, row, r, col.spec.perspective)
            plan.cards.append(
                NewCard(
                    text,
                    cell,
                    _layer(by_target, row, r, col.spec.layer),
                    comment_kind(fw, perspective),
                )
            )
        if text_col is not None:
            text = row[text_col.index].strip()
            if not text:
                plan.skipped.append(Skipped(r.number, text_col.header, _("no text for a card")))
                continue
            if len(text) > limits.CARD_CHARS:
                plan.skipped.append(
                    Skipped(
                        r.number,
                        text_col.header,
                        _("the text is {n} characters; a card holds {limit}").format(
                            n=format_number(len(text)), limit=format_number(limits.CARD_CHARS)
                        ),
                    )
                )
                continue
            author = (
                _row_value(by_target, Target.CARD_AUTHOR, row)[: limits.TITLE_CHARS]
                if author_col
                else ""
            )
            kind = _kind(kind_col, row, r, fw, default_kind)
            plan.cards.append(
                NewCard(
                    text, row_cell, _layer(by_target, row, r, text_col.spec.layer), kind, author
                )
            )
    if id_col is not None and len(new_ids) > limits.RESPONSE_IDS:
        raise ImportFileError(
            table.source, None, id_col.header,
            _("holds {n} response ids; a workshop remembers at most {limit} — map this column "
            "to nothing and import again").format(
                n=format_number(len(new_ids)), limit=format_number(limits.RESPONSE_IDS)
            ),
        )  # fmt: skip
    plan.kpis = _kpis(kpi_answers, workshop, table.source)
    plan.response_ids = tuple(new_ids)
    if before:
        plan.already = ngettext(
            "{n} response was imported before and is left out.",
            "{n} responses were imported before and are left out.",
            before,
        ).format(n=format_number(before))
    if progress is not None and not progress(1.0):
        raise ImportCancelled(
            table.source, None, None, _("the import was cancelled; nothing was imported")
        )
    return plan


def import_command(
    doc: WorkshopDocument, plan: ImportPlan, mapping: Mapping, *, round_id: str | None = None
) -> MacroCommand:
    """ONE undo step: the scores, the cards, the KPIs, the record of the file and the mapping."""
    rid = round_id or doc.workshop.current_round_id
    fw = doc.framework
    order = {cell: i for i, cell in enumerate(fw.cells())}
    children: list[Command] = [
        ratings.add_scores(
            doc,
            cell,
            layer,
            perspective,
            plan.scores[(cell, layer, perspective)],
            round_id=rid,
            text=_("Import survey scores"),
        )
        for cell, layer, perspective in sorted(
            plan.scores, key=lambda k: (order.get(k[0], len(order)), k[1].value, k[2].value)
        )
    ]
    cards = add_cards(doc, plan.cards, _("Import cards"), round_id=rid)
    if cards is not None:
        children.append(cards)
    for kpi in plan.kpis:
        if kpi.n:
            basis = KpiBasis(
                kpi.n, None if kpi.margin is None else round(kpi.margin, 2), plan.source
            )
            children.append(
                set_kpi_from_data(doc, kpi.kpi, round(kpi.value, 2), basis, round_id=rid)
            )
    record = ImportRecord(
        plan.sha256,
        plan.source,
        rid,
        dt.datetime.now().replace(microsecond=0),
        plan.respondents,
        plan.response_ids,
    )
    children.append(record_import(doc, record))
    toml = to_toml(mapping)
    # A mapping too long to keep is used for this import but not remembered.
    if mapping.signature and len(toml) <= limits.MAPPING_CHARS:
        name = " ".join((mapping.name or plan.source).split())[: limits.TITLE_CHARS]
        children.append(save_mapping(doc, SavedMapping(mapping.signature, name, toml)))
    n = plan.respondents
    if plan.scores or any(k.n for k in plan.kpis):
        text = ngettext("Import survey: {n} response", "Import survey: {n} responses", n).format(
            n=format_number(n)
        )
    else:
        c = len(plan.cards)
        text = ngettext("Import cards: {n} card", "Import cards: {n} cards", c).format(
            n=format_number(c)
        )
    return MacroCommand(children, text, doc)
