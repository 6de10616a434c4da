"""Where each column of an import goes: a score in a cell, a comment card, a KPI, or nowhere.

A mapping is matched to columns by header text (a reordered export still maps) and saved
in the workshop and as TOML (the format the README documents).
"""

from __future__ import annotations

import math
import re
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from trustboard.domain.framework import Axis, Cell, Framework
from trustboard.domain.workshop import Layer, Perspective, Workshop
from trustboard.i18n import _
from trustboard.services.import_errors import ImportFileError
from trustboard.services.imports.layouts import Layout, Question
from trustboard.services.imports.scales import guess_labels, normal


class Target(StrEnum):
    IGNORE = "ignore"
    SCORE = "score"
    COMMENT = "comment"
    KPI = "kpi"
    RESPONSE_ID = "response-id"
    CARD_TEXT = "card-text"
    CARD_CELL = "card-cell"
    CARD_ELEMENT = "card-element"  # the row's element (cards, and long rating tables)
    CARD_DOMAIN = "card-domain"  # the row's domain
    CARD_LAYER = "card-layer"  # the row's layer
    CARD_KIND = "card-kind"
    CARD_AUTHOR = "card-author"
    PERSPECTIVE = "perspective"  # the row's perspective (long rating tables: self / customer)


@dataclass(frozen=True)
class ColumnMap:
    header: str  # matched by header text, so a reordered export maps
    target: Target
    cell: Cell | None = None  # SCORE (None: the row's cell); COMMENT (None: the row's or Unsorted)
    layer: Layer = Layer.AS_IS
    perspective: Perspective = Perspective.CUSTOMER
    kpi: str = ""  # KPI: "nps" | "trust-yes" | a custom KPI id
    labels: tuple[tuple[str, int | None], ...] = ()  # answer -> scale value; None: skip
    rescale: tuple[float, float] | None = None  # numbers in [lo, hi] mapped onto the scale
    values: tuple[
        tuple[str, str], ...
    ] = ()  # CARD_CELL/KIND/LAYER: value -> "element/domain", kind, layer


@dataclass(frozen=True)
class Mapping:
    name: str
    columns: tuple[ColumnMap, ...]
    signature: str = ""  # Layout.signature it was made for


class MappingError(ImportFileError):
    """A mapping that cannot be used; names the line or key. Nothing was imported."""


# -- suggest -----------------------------------------------------------------------------

_COMMON_RANGES = ((1, 5), (0, 5), (1, 7), (0, 10), (1, 10), (0, 100))
_LONG = {
    "element": Target.CARD_ELEMENT,
    "domain": Target.CARD_DOMAIN,
    "layer": Target.CARD_LAYER,
    "perspective": Target.PERSPECTIVE,
    "score": Target.SCORE,
    "comment": Target.COMMENT,
    "text": Target.CARD_TEXT,
    "kind": Target.CARD_KIND,
    "author": Target.CARD_AUTHOR,
}


def _saved(workshop: Workshop | None, signature: str) -> Mapping | None:
    if workshop is None or not signature:
        return None
    from trustboard.document.imports import find_mapping

    saved = find_mapping(workshop, signature)
    if saved is None:
        return None
    try:
        return from_toml(saved.toml, saved.name)
    except MappingError:
        return None  # a mapping the workshop kept but can no longer read: suggest afresh


def _stem(word: str) -> str:
    """ "organization's" and "organizations" -> "organization": names match their plurals."""
    word = word.removesuffix("'s")
    return word[:-1] if len(word) > 3 and word.endswith("s") and not word.endswith("ss") else word


def _words(text: str) -> str:
    words = re.sub(r"[^\w']+", " ", normal(text)).split()
    return " " + " ".join(_stem(w.strip("'")) for w in words) + " "


def _find(axes: Iterable[Axis], text: str) -> Axis | None:
    """The one axis named (by name or id) in the text; None for none or several."""
    words = _words(text)
    found = {a.id: a for a in axes if _words(a.name) in words or _words(a.id) in words}
    if len(found) != 1:
        return None
    return next(iter(found.values()))


def match_cell(framework: Framework, question: Question) -> Cell | None:
    """The cell a grid item or question names: the item first, then the question."""
    places = (question.item, question.question) if question.item else (question.question,)
    element = domain = None
    for text in places:
        element = element or _find(framework.elements, text)
        domain = domain or _find(framework.active_domains, text)
    if element is None or domain is None:
        return None
    return (element.id, domain.id)


def _rescale(numeric: tuple[float, float], framework: Framework) -> tuple[float, float] | None:
    lo, hi = numeric
    scale = framework.scale
    if scale.minimum <= lo and hi <= scale.maximum:
        return None
    for a, b in _COMMON_RANGES:
        if a <= lo and hi <= b:
            return (float(a), float(b))
    return (lo, hi)


def _card_values(framework: Framework, answers: Iterable[str]) -> tuple[tuple[str, str], ...]:
    """Frame or list names that name a cell ("Competence / Individuals")."""
    found = []
    for answer in answers:
        q = Question(0, answer, answer, "", (), None, "choice")
        cell = match_cell(framework, q)
        if cell is not None:
            found.append((answer, f"{cell[0]}/{cell[1]}"))
    return tuple(found)


_COLOUR = re.compile(r"\s*\([^()]*\)\s*$")  # Trello's "(green)" after a label's name


def _kind_values(framework: Framework, answers: Iterable[str]) -> tuple[tuple[str, str], ...]:
    """Labels that name a card kind: "Risk", "risk", a list such as "Urgent, Risk", or
    Trello's coloured labels ("Risk (red)": the colour in brackets is Trello's, the name
    is the kind). Labels naming no kind are left for the facilitator to place."""
    kinds = {normal(k.name): k.id for k in framework.card_kinds}
    kinds.update({normal(k.id): k.id for k in framework.card_kinds})
    found = []
    for answer in answers:
        for label in answer.split(","):
            kind = kinds.get(normal(label)) or kinds.get(normal(_COLOUR.sub("", label)))
            if kind is not None:
                found.append((answer, kind))
                break
    return tuple(found)


def _wide(q: Question, layout: Layout, framework: Framework) -> ColumnMap:
    ignore = ColumnMap(q.header, Target.IGNORE)
    if q.role == "id":
        return ColumnMap(q.header, Target.RESPONSE_ID) if q.column == layout.response_id else ignore
    if q.role == "nps":
        return ColumnMap(q.header, Target.KPI, kpi="nps")
    if q.role == "yesno":
        if "trust" in normal(q.header):
            return ColumnMap(q.header, Target.KPI, kpi="trust-yes")
        return ignore
    if q.role == "text":
        return ColumnMap(q.header, Target.COMMENT)
    if q.role == "scale":
        cell = match_cell(framework, q)
        if cell is None:
            return ignore
        if q.numeric is not None:
            return ColumnMap(q.header, Target.SCORE, cell, rescale=_rescale(q.numeric, framework))
        return ColumnMap(
            q.header, Target.SCORE, cell, labels=guess_labels(q.answers, framework.scale)
        )
    return ignore


def _cards(q: Question, layout: Layout, framework: Framework) -> ColumnMap:
    h = normal(q.header)
    if layout.tool in ("TrustBoard cards", "TrustBoard ratings") and h in _LONG:
        target = _LONG[h]
        if layout.kind == "cards" and target == Target.COMMENT:
            return ColumnMap(q.header, Target.IGNORE)
        return ColumnMap(q.header, target)
    if h in ("content", "text", "card name"):
        return ColumnMap(q.header, Target.CARD_TEXT)
    if h in ("frame", "list name"):
        return ColumnMap(q.header, Target.CARD_CELL, values=_card_values(framework, q.answers))
    if h in ("labels", "kind"):
        return ColumnMap(q.header, Target.CARD_KIND, values=_kind_values(framework, q.answers))
    if h == "tags":
        kinds = _kind_values(framework, q.answers)
        if kinds:
            return ColumnMap(q.header, Target.CARD_KIND, values=kinds)
        return ColumnMap(q.header, Target.IGNORE)
    if h in ("author", "members", "created by"):
        return ColumnMap(q.header, Target.CARD_AUTHOR)
    if q.column == layout.response_id:
        return ColumnMap(q.header, Target.RESPONSE_ID)
    return ColumnMap(q.header, Target.IGNORE)


def suggest(layout: Layout, framework: Framework, workshop: Workshop | None = None) -> Mapping:
    """The workshop's saved mapping for this layout, else a careful guess (unsure: ignore)."""
    saved = _saved(workshop, layout.signature)
    if saved is not None:
        return saved
    if layout.kind == "wide":
        columns = tuple(_wide(q, layout, framework) for q in layout.questions)
    else:
        columns = tuple(_cards(q, layout, framework) for q in layout.questions)
    return Mapping(layout.tool, columns, layout.signature)


# -- TOML --------------------------------------------------------------------------------

_ESCAPES = {
    "\\": "\\\\",
    '"': '\\"',
    "\n": "\\n",
    "\t": "\\t",
    "\r": "\\r",
    "\b": "\\b",
    "\f": "\\f",
}


def _s(text: str) -> str:
    """A TOML basic string: quotes, backslashes and control characters escaped."""
    out = []
    for ch in text:
        if ch in _ESCAPES:
            out.append(_ESCAPES[ch])
        elif ord(ch) < 0x20 or ord(ch) == 0x7F:
            out.append(f"\\u{ord(ch):04X}")
        else:
            out.append(ch)
    return '"' + "".join(out) + '"'


def _num(value: float) -> str:
    return str(int(value)) if value.is_integer() else repr(value)


def to_toml(mapping: Mapping) -> str:
    """The mapping as TOML, readable and editable by hand; from_toml reads it back."""
    lines = [f"name = {_s(mapping.name)}"]
    if mapping.signature:
        lines.append(f"signature = {_s(mapping.signature)}")
    for c in mapping.columns:
        lines += ["", "[[column]]", f"header = {_s(c.header)}", f"target = {_s(c.target.value)}"]
        if c.cell is not None:
            lines.append(f"cell = {_s('/'.join(c.cell))}")
        if c.target in (Target.SCORE, Target.COMMENT):
            lines.append(f"perspective = {_s(c.perspective.value)}")
            lines.append(f"layer = {_s(c.layer.value)}")
        elif c.layer != Layer.AS_IS:
            lines.append(f"layer = {_s(c.layer.value)}")
        if c.kpi:
            lines.append(f"kpi = {_s(c.kpi)}")
        if c.labels:
            pairs = ", ".join(
                f"{_s(label)} = {_s('skip') if value is None else value}"
                for label, value in c.labels
            )
            lines.append(f"labels = {{ {pairs} }}")
        if c.rescale is not None:
            lines.append(f"rescale = [{_num(c.rescale[0])}, {_num(c.rescale[1])}]")
        if c.values:
            pairs = ", ".join(f"{_s(k)} = {_s(v)}" for k, v in c.values)
            lines.append(f"values = {{ {pairs} }}")
    return "\n".join(lines) + "\n"


_KEYS = frozenset(
    {"header", "target", "cell", "perspective", "layer", "kpi", "labels", "rescale", "values"}
)


def _column(raw: Any, n: int, source: str) -> ColumnMap:
    where = _("[[column]] number {n}").format(n=n)

    def bad(key: str, problem: str) -> MappingError:
        return MappingError(
            source,
            None,
            None,
            _("{where}, key {key}: {problem}").format(where=where, key=repr(key), problem=problem),
        )

    if not isinstance(raw, dict):
        raise MappingError(
            source,
            None,
            None,
            _("{where} is not a table; write it as [[column]] followed by keys").format(
                where=where
            ),
        )
    unknown = sorted(set(raw) - _KEYS)
    if unknown:
        raise bad(
            unknown[0],
            _("is not a mapping key (known: {known})").format(known=", ".join(sorted(_KEYS))),
        )
    header = raw.get("header")
    if not isinstance(header, str):
        raise bad("header", _("is missing or not text; give the column's header in quotes"))
    where += f" ({header[:60]!r})"

    def text(key: str, default: str) -> str:
        value = raw.get(key, default)
        if not isinstance(value, str):
            raise bad(key, _("must be text in quotes"))
        return value

    try:
        target = Target(text("target", ""))
    except ValueError:
        known = ", ".join(t.value for t in Target)
        raise bad(
            "target",
            _("{value} is not a target (known: {known})").format(
                value=repr(raw.get("target")), known=known
            ),
        ) from None
    cell: Cell | None = None
    if "cell" in raw:
        element, sep, domain = text("cell", "").partition("/")
        if not sep or not element.strip() or not domain.strip():
            raise bad("cell", _('must be written as "element/domain" (by id or name)'))
        cell = (element.strip(), domain.strip())
    try:
        perspective = Perspective(text("perspective", "customer").strip().lower())
    except ValueError:
        raise bad("perspective", _('must be "self" or "customer"')) from None
    try:
        layer = Layer(text("layer", "as-is").strip().lower())
    except ValueError:
        raise bad("layer", _('must be "as-is" or "to-be"')) from None
    labels: list[tuple[str, int | None]] = []
    raw_labels = raw.get("labels", {})
    if not isinstance(raw_labels, dict):
        raise bad(
            "labels",
            _("must be a table such as {example}").format(
                example='{ "Agree" = 4, "Don\'t know" = "skip" }'
            ),
        )
    for label, value in raw_labels.items():
        if value == "skip":
            labels.append((label, None))
        elif isinstance(value, int) and not isinstance(value, bool):
            labels.append((label, value))
        else:
            raise bad(
                "labels",
                _('{label} = {value}: give a whole number or "skip"').format(
                    label=repr(label), value=repr(value)
                ),
            )
    rescale = raw.get("rescale")
    if rescale is not None:
        if (
            not isinstance(rescale, list)
            or len(rescale) != 2
            or not all(
                isinstance(v, int | float) and not isinstance(v, bool) and math.isfinite(v)
                for v in rescale
            )
            or not rescale[0] < rescale[1]
        ):
            raise bad("rescale", _("must be two numbers, low then high, such as [0, 10]"))
        rescale = (float(rescale[0]), float(rescale[1]))
    raw_values = raw.get("values", {})
    if not isinstance(raw_values, dict) or not all(isinstance(v, str) for v in raw_values.values()):
        raise bad(
            "values",
            _("must be a table of text such as {example}").format(
                example='{ "Frame 1" = "competence/individuals" }'
            ),
        )
    return ColumnMap(
        header, target, cell, layer, perspective, text("kpi", ""), tuple(labels), rescale,
        tuple(raw_values.items()),
    )  # fmt: skip


def from_toml(text: str, source: str) -> Mapping:
    """Read a mapping; MappingError names the line (TOML syntax) or the column and key."""
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise MappingError(
            source, None, None, _("is not valid TOML: {problem}; fix that line").format(problem=exc)
        ) from None
    unknown = sorted(set(raw) - {"name", "signature", "column"})
    if unknown:
        raise MappingError(
            source,
            None,
            unknown[0],
            _("is not a mapping key (known: {known})").format(known="name, signature, column"),
        )
    name, sig = raw.get("name", ""), raw.get("signature", "")
    if not isinstance(name, str) or not isinstance(sig, str):
        raise MappingError(source, None, "name", _("name and signature must be text in quotes"))
    columns = raw.get("column", [])
    if not isinstance(columns, list):
        raise MappingError(source, None, "column", _("write each column as a [[column]] table"))
    return Mapping(name, tuple(_column(c, i, source) for i, c in enumerate(columns, 1)), sig)
