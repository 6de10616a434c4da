"""What a card column's values mean: a Miro frame or Trello list → a cell, a label → a
card kind, a value → a layer. Values the engine understands by themselves (a cell as
"element/domain", a kind by id or shown name, "as-is"/"to-be") need no entry."""

from __future__ import annotations

import dataclasses
from typing import Any

from trustboard.domain.framework import Framework
from trustboard.i18n import N_, _
from trustboard.ui.imports import choices
from trustboard.ui.text import UNSORTED

AS_FILE = "as-file"  # no entry: the value is read as the file gives it
# Translators: "Values of “Column” → cells": what a card column's values stand for.
TARGETS = {"card-cell": N_("cells"), "card-kind": N_("card kinds"), "card-layer": N_("layers")}
# What a card whose value is not understood gets (the kind: the framework's first kind).
FALLBACK = {"card-cell": UNSORTED, "card-kind": N_("the default kind"), "card-layer": N_("As-is")}


def _normal(text: str) -> str:
    return " ".join(text.replace("’", "'").split()).casefold()


def options(framework: Framework, target: str) -> list[tuple[Any, str]]:
    """The choices for one value of a `target` column."""
    first: list[tuple[Any, str]] = [(AS_FILE, _("As the file says"))]
    if target == "card-cell":
        cells = [(f"{c[0]}/{c[1]}", name) for c, name in choices.cells(framework)]
        return [*first, ("", _(UNSORTED)), *cells]
    if target == "card-kind":
        return [*first, *((k.id, k.name) for k in framework.card_kinds)]
    return [*first, *((layer.value, _(name)) for layer, name in choices.LAYERS)]


def understood(framework: Framework, target: str, value: str) -> bool:
    """Whether the engine reads `value` by itself, with no entry in the mapping."""
    if target == "card-kind":
        return _normal(value) in {_normal(t) for k in framework.card_kinds for t in (k.id, k.name)}
    if target == "card-layer":
        return value.strip().lower() in ("as-is", "to-be")
    parts = value.strip().split("/")
    for i in range(1, len(parts)):
        element = framework.find_element("/".join(parts[:i]))
        domain = framework.find_domain("/".join(parts[i:]))
        if element is not None and domain is not None and domain.enabled:
            return True
    return False


def with_value(column: Any, answer: str, value: str) -> Any:
    """`column` with `answer` meaning `value` (AS_FILE: read as the file says)."""
    values = [(a, v) for a, v in column.values if a != answer]
    if value != AS_FILE:
        values.append((answer, value))
    return dataclasses.replace(column, values=tuple(values))
