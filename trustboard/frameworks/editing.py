"""Framework edits as pure functions: each returns a new Framework and leaves the old intact."""

from __future__ import annotations

import dataclasses
import re
import unicodedata
from typing import Literal

from trustboard.domain.errors import ValidationError
from trustboard.domain.framework import Axis, Framework, Question
from trustboard.i18n import _

AxisKind = Literal["elements", "domains"]


def _axes(fw: Framework, kind: AxisKind) -> tuple[Axis, ...]:
    return fw.elements if kind == "elements" else fw.domains


def _with_axes(fw: Framework, kind: AxisKind, axes: tuple[Axis, ...]) -> Framework:
    if kind == "elements":
        updated = dataclasses.replace(fw, elements=axes)
    else:
        updated = dataclasses.replace(fw, domains=axes)
    updated.validate()
    return updated


def _index(fw: Framework, kind: AxisKind, axis_id: str) -> int:
    for i, axis in enumerate(_axes(fw, kind)):
        if axis.id == axis_id:
            return i
    if kind == "elements":
        raise ValidationError(kind, _("there is no element {id}").format(id=repr(axis_id)))
    raise ValidationError(kind, _("there is no domain {id}").format(id=repr(axis_id)))


def slug(name: str, taken: set[str]) -> str:
    """An id for a new row or column, derived from its name and unique in `taken`."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    base = re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-")[:40] or "item"
    candidate, n = base, 2
    while candidate in taken:
        candidate, n = f"{base}-{n}", n + 1
    return candidate


def add_axis(
    fw: Framework,
    kind: AxisKind,
    name: str,
    *,
    index: int | None = None,
    group: str = "",
    definition: str = "",
) -> tuple[Framework, str]:
    """Insert a row or column; returns the new framework and the new id."""
    if not name.strip():
        raise ValidationError(f"{kind}.name", _("must not be empty"))
    axes = list(_axes(fw, kind))
    new_id = slug(name, {a.id for a in axes})
    axes.insert(
        len(axes) if index is None else index, Axis(new_id, name.strip(), group, definition)
    )
    return _with_axes(fw, kind, tuple(axes)), new_id


def update_axis(fw: Framework, kind: AxisKind, axis_id: str, **changes: object) -> Framework:
    """Rename, regroup, redefine, set questions, or switch an optional domain on/off."""
    allowed = {"name", "group", "definition", "questions", "enabled"}
    if set(changes) - allowed:
        raise TypeError(_("cannot change {keys}").format(keys=sorted(set(changes) - allowed)))
    axes = list(_axes(fw, kind))
    i = _index(fw, kind, axis_id)
    if "enabled" in changes and not axes[i].optional and changes["enabled"] is False:
        raise ValidationError(f"{kind}.{axis_id}", _("only optional columns can be switched off"))
    if "name" in changes and not str(changes["name"]).strip():
        raise ValidationError(f"{kind}.{axis_id}.name", _("must not be empty"))
    axes[i] = dataclasses.replace(axes[i], **changes)  # type: ignore[arg-type]
    return _with_axes(fw, kind, tuple(axes))


def move_axis(fw: Framework, kind: AxisKind, axis_id: str, new_index: int) -> Framework:
    axes = list(_axes(fw, kind))
    axis = axes.pop(_index(fw, kind, axis_id))
    axes.insert(max(0, min(new_index, len(axes))), axis)
    return _with_axes(fw, kind, tuple(axes))


def remove_axis(fw: Framework, kind: AxisKind, axis_id: str) -> Framework:
    axes = list(_axes(fw, kind))
    if len(axes) == 1:
        if kind == "elements":
            raise ValidationError(kind, _("the last element cannot be removed"))
        raise ValidationError(kind, _("the last domain cannot be removed"))
    axes.pop(_index(fw, kind, axis_id))
    cells = {
        cell: qs
        for cell, qs in fw.cell_questions.items()
        if (cell[0] if kind == "elements" else cell[1]) != axis_id
    }
    return _with_axes(dataclasses.replace(fw, cell_questions=cells), kind, tuple(axes))


def _questions(
    fw: Framework, old: tuple[Question, ...], texts: list[str], prefix: str
) -> tuple[Question, ...]:
    """Questions from edited texts, keeping ids so the room's answers stay attached.

    An unchanged text keeps its id wherever it moved; an edited text (a typo fixed, a
    word changed) keeps the id of the question that stood in its place.
    """
    texts = [t.strip() for t in texts if t.strip()]
    by_text = {q.text: q.id for q in old}
    ids: list[str | None] = [by_text.pop(t, None) for t in texts]
    unused = [q.id for q in old if q.id in by_text.values()]
    for i, qid in enumerate(ids):
        if qid is None and i < len(old) and old[i].id in unused:
            ids[i] = old[i].id
            unused.remove(old[i].id)
    taken = {q.id for q in fw.all_questions()}
    questions = []
    for text, qid in zip(texts, ids, strict=True):
        if qid is None:
            qid = slug(f"{prefix}-q", taken)
        taken.add(qid)
        questions.append(Question(qid, text))
    return tuple(questions)


def set_axis_questions(fw: Framework, kind: AxisKind, axis_id: str, texts: list[str]) -> Framework:
    axis = _axes(fw, kind)[_index(fw, kind, axis_id)]
    prefix = f"{kind[0]}-{axis_id}"
    return update_axis(fw, kind, axis_id, questions=_questions(fw, axis.questions, texts, prefix))


def set_cell_questions(fw: Framework, cell: tuple[str, str], texts: list[str]) -> Framework:
    old = fw.cell_questions.get(cell, ())
    cells = dict(fw.cell_questions)
    cells[cell] = _questions(fw, old, texts, f"c-{cell[0]}-{cell[1]}")
    updated = dataclasses.replace(fw, cell_questions=cells)
    updated.validate()
    return updated


def set_info(fw: Framework, **changes: object) -> Framework:
    allowed = {"id", "name", "description", "element_label", "domain_label"}
    if set(changes) - allowed:
        raise TypeError(_("cannot change {keys}").format(keys=sorted(set(changes) - allowed)))
    updated = dataclasses.replace(fw, **changes)  # type: ignore[arg-type]
    updated.validate()
    return updated
