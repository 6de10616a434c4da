"""A trust framework: the grid of elements (rows) and domains (columns) a workshop assesses."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from trustboard.domain import limits
from trustboard.domain.checks import check_count, check_text, quoted, shown
from trustboard.domain.errors import ValidationError
from trustboard.i18n import _, format_number

# Matched with fullmatch: "$" would let a trailing newline through.
_ID_RE = re.compile(r"[a-z0-9][a-z0-9_-]{0,63}")
_COLOUR_RE = re.compile(r"#[0-9a-fA-F]{6}")


@dataclass(frozen=True)
class Question:
    """A reflection prompt shown in the side panel; its id keys the room's answer."""

    id: str
    text: str


@dataclass(frozen=True)
class Axis:
    """One row (element) or column (domain) of the grid."""

    id: str
    name: str
    group: str = ""
    definition: str = ""
    questions: tuple[Question, ...] = ()
    optional: bool = False
    enabled: bool = True


@dataclass(frozen=True)
class ScaleStep:
    value: int
    label: str


@dataclass(frozen=True)
class RatingScale:
    """An integer scale such as 1–5 with a label per step."""

    steps: tuple[ScaleStep, ...]

    @property
    def minimum(self) -> int:
        return self.steps[0].value

    @property
    def maximum(self) -> int:
        return self.steps[-1].value

    def label(self, value: int) -> str:
        for step in self.steps:
            if step.value == value:
                return step.label
        return str(value)

    def contains(self, value: int) -> bool:
        return any(step.value == value for step in self.steps)

    @property
    def disagreement_spread(self) -> int:
        """The spread at which the room disagrees: 2 on a 1–5 scale, half the range if wider."""
        return max(2, (self.maximum - self.minimum) // 2)


@dataclass(frozen=True)
class CardKind:
    id: str
    name: str
    colour: str


Cell = tuple[str, str]
"""(element id, domain id)."""


@dataclass(frozen=True)
class Framework:
    """Everything that shapes a board; a workshop keeps its own copy."""

    id: str
    name: str
    description: str
    elements: tuple[Axis, ...]
    domains: tuple[Axis, ...]
    scale: RatingScale
    card_kinds: tuple[CardKind, ...]
    cell_questions: dict[Cell, tuple[Question, ...]] = field(default_factory=dict)
    source: str = ""
    # Translators: what a framework calls its rows unless it names them itself.
    element_label: str = field(default_factory=lambda: _("Element"))
    # Translators: what a framework calls its columns unless it names them itself.
    domain_label: str = field(default_factory=lambda: _("Domain"))
    weakest_decides: bool = False
    tags: tuple[str, ...] = ()
    # The language its texts are written in ("de"); a workshop keeps it, and its exports
    # and the room's page speak it whatever the interface language.
    language: str = "en"

    # -- lookups ---------------------------------------------------------------------

    @property
    def active_domains(self) -> tuple[Axis, ...]:
        return tuple(d for d in self.domains if d.enabled)

    def element(self, element_id: str) -> Axis:
        for e in self.elements:
            if e.id == element_id:
                return e
        raise KeyError(element_id)

    def domain(self, domain_id: str) -> Axis:
        for d in self.domains:
            if d.id == domain_id:
                return d
        raise KeyError(domain_id)

    def has_cell(self, cell: Cell) -> bool:
        element_id, domain_id = cell
        return any(e.id == element_id for e in self.elements) and any(
            d.id == domain_id and d.enabled for d in self.domains
        )

    def cells(self) -> Iterator[Cell]:
        """Every active cell, row by row: the order of the guided walk."""
        for e in self.elements:
            for d in self.active_domains:
                yield (e.id, d.id)

    def card_kind(self, kind_id: str) -> CardKind:
        for k in self.card_kinds:
            if k.id == kind_id:
                return k
        raise KeyError(kind_id)

    def questions_for(self, cell: Cell) -> tuple[Question, ...]:
        """A cell's prompts: its own first, then its row's, then its column's."""
        element_id, domain_id = cell
        return (
            self.cell_questions.get(cell, ())
            + self.element(element_id).questions
            + self.domain(domain_id).questions
        )

    def all_questions(self) -> Iterator[Question]:
        for axis in (*self.elements, *self.domains):
            yield from axis.questions
        for questions in self.cell_questions.values():
            yield from questions

    def find_element(self, name: str) -> Axis | None:
        """By id or by name, ignoring case and surrounding spaces."""
        return _find_axis(self.elements, name)

    def find_domain(self, name: str) -> Axis | None:
        return _find_axis(self.domains, name)

    # -- validation ------------------------------------------------------------------

    def validate(self) -> None:
        """Raise ValidationError (with a key path) on the first thing that is wrong."""
        check_id(self.id, "id")
        if not self.name.strip():
            raise ValidationError("name", _("must not be empty"))
        check_text(self.name, "name", limits.TITLE_CHARS, _("the framework's name"))
        check_text(self.description, "description", limits.DEFINITION_CHARS, _("the description"))
        check_text(self.source, "source", limits.DEFINITION_CHARS, _("the source"))
        check_text(self.element_label, "element_label", limits.NAME_CHARS, _("the rows' label"))
        check_text(self.domain_label, "domain_label", limits.NAME_CHARS, _("the columns' label"))
        check_count(self.tags, "tags", limits.TAGS, _("tags"))
        for i, tag in enumerate(self.tags):
            check_text(tag, f"tags[{i}]", limits.NAME_CHARS, _("the tag"))
        check_count(self.elements, "elements", limits.ELEMENTS, _("elements"))
        check_count(self.domains, "domains", limits.DOMAINS, _("domains"))
        if not self.elements:
            raise ValidationError("elements", _("a framework needs at least one element"))
        if not self.domains:
            raise ValidationError("domains", _("a framework needs at least one domain"))
        _check_axes(self.elements, "elements")
        _check_axes(self.domains, "domains")
        if not self.active_domains:
            raise ValidationError("domains", _("at least one domain must be switched on"))
        _check_scale(self.scale)
        _check_kinds(self.card_kinds)
        element_ids = {e.id for e in self.elements}
        domain_ids = {d.id for d in self.domains}
        for (e, d), questions in self.cell_questions.items():
            where = f"cells.{e}.{d}"
            if e not in element_ids:
                raise ValidationError(where, _("unknown element {e}").format(e=repr(e)))
            if d not in domain_ids:
                raise ValidationError(where, _("unknown domain {d}").format(d=repr(d)))
            _check_questions(questions, where)
        seen: set[str] = set()
        check_count(list(self.all_questions()), "questions", limits.QUESTIONS_TOTAL, _("questions"))
        for q in self.all_questions():
            if q.id in seen:
                raise ValidationError(
                    "questions", _("question id {id} is used twice").format(id=repr(q.id))
                )
            seen.add(q.id)


def _find_axis(axes: Iterable[Axis], name: str) -> Axis | None:
    wanted = name.strip().casefold()
    for axis in axes:
        if axis.id == wanted or axis.name.strip().casefold() == wanted:
            return axis
    return None


def check_id(value: str, where: str) -> None:
    """Ids are short, lower-case and end where the text ends (no trailing newline)."""
    if not isinstance(value, str) or not _ID_RE.fullmatch(value):
        raise ValidationError(
            where,
            _("{value} is not a valid id (lower-case letters, digits, '-' or '_')").format(
                value=quoted(value)
            ),
        )


def _check_axes(axes: tuple[Axis, ...], where: str) -> None:
    seen: set[str] = set()
    for i, axis in enumerate(axes):
        path = f"{where}[{i}]"
        check_id(axis.id, f"{path}.id")
        if axis.id in seen:
            raise ValidationError(f"{path}.id", _("id {id} is used twice").format(id=repr(axis.id)))
        seen.add(axis.id)
        if not axis.name.strip():
            raise ValidationError(f"{path}.name", _("must not be empty"))
        check_text(axis.name, f"{path}.name", limits.NAME_CHARS, _("the name"))
        check_text(axis.group, f"{path}.group", limits.NAME_CHARS, _("the group"))
        check_text(
            axis.definition, f"{path}.definition", limits.DEFINITION_CHARS, _("the definition")
        )
        _check_questions(axis.questions, f"{path}.questions")


def _check_questions(questions: tuple[Question, ...], where: str) -> None:
    check_count(questions, where, limits.QUESTIONS_PER_SET, _("questions"))
    for i, q in enumerate(questions):
        check_id(q.id, f"{where}[{i}].id")
        if not q.text.strip():
            raise ValidationError(f"{where}[{i}].text", _("must not be empty"))
        check_text(q.text, f"{where}[{i}].text", limits.DEFINITION_CHARS, _("the question"))


def _check_scale(scale: RatingScale) -> None:
    if len(scale.steps) < 2:
        raise ValidationError("scale", _("a rating scale needs at least two steps"))
    check_count(scale.steps, "scale", limits.SCALE_STEPS, _("scale steps"))
    for i, step in enumerate(scale.steps):
        if abs(step.value) > limits.SCALE_VALUE:
            raise ValidationError(
                f"scale[{i}].value",
                _("{value} is outside ±{most}").format(
                    value=shown(step.value), most=format_number(limits.SCALE_VALUE, 0)
                ),
            )
    values = [s.value for s in scale.steps]
    if values != sorted(set(values)):
        raise ValidationError("scale", _("step values must be distinct and ascending"))
    for i, step in enumerate(scale.steps):
        if not step.label.strip():
            raise ValidationError(f"scale[{i}].label", _("must not be empty"))
        check_text(step.label, f"scale[{i}].label", limits.NAME_CHARS, _("the step's label"))


def _check_kinds(kinds: tuple[CardKind, ...]) -> None:
    if not kinds:
        raise ValidationError("card_kinds", _("at least one card kind is needed"))
    check_count(kinds, "card_kinds", limits.CARD_KINDS, _("card kinds"))
    seen: set[str] = set()
    for i, kind in enumerate(kinds):
        check_id(kind.id, f"card_kinds[{i}].id")
        if kind.id in seen:
            raise ValidationError(
                f"card_kinds[{i}].id", _("id {id} is used twice").format(id=repr(kind.id))
            )
        seen.add(kind.id)
        if not kind.name.strip():
            raise ValidationError(f"card_kinds[{i}].name", _("must not be empty"))
        check_text(kind.name, f"card_kinds[{i}].name", limits.NAME_CHARS, _("the name"))
        if not _COLOUR_RE.fullmatch(kind.colour):
            raise ValidationError(
                f"card_kinds[{i}].colour",
                _("{value} is not a colour like '#ffd966'").format(value=quoted(kind.colour)),
            )
    if "evidence" not in seen:
        raise ValidationError("card_kinds", _("the 'evidence' card kind is required"))
