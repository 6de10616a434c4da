"""What a column can become, as the facilitator reads it, and small helpers to edit one
column of a mapping (mappings are frozen: each edit makes a new one)."""

from __future__ import annotations

import dataclasses
from typing import Any

from trustboard.domain.framework import Cell, Framework
from trustboard.domain.workshop import STANDARD_KPIS, KpiDef, Layer, Perspective, Workshop
from trustboard.i18n import N_, _
from trustboard.ui.text import UNSORTED

# Target value -> what the facilitator reads.
TARGETS: tuple[tuple[str, str], ...] = (
    # Translators: what a column of the imported file becomes ("Use as").
    ("ignore", N_("Ignore")),
    ("score", N_("Score for a cell")),
    ("comment", N_("Comment → cards")),
    ("kpi", N_("KPI")),
    ("response-id", N_("Response id")),
    ("card-text", N_("Card text")),
    ("card-cell", N_("Card cell (from values)")),
    ("card-element", N_("Card element")),
    ("card-domain", N_("Card domain")),
    ("card-layer", N_("Card layer")),
    ("card-kind", N_("Card kind")),
    ("card-author", N_("Card author")),
)
TARGET_NAMES = dict(TARGETS)
LAYERS = ((Layer.AS_IS, N_("As-is")), (Layer.TO_BE, N_("To-be")))
PERSPECTIVES = ((Perspective.CUSTOMER, N_("Customers")), (Perspective.SELF, N_("We (self)")))
NEEDS_CELL = {"score", "comment"}
NEEDS_LAYER = {"score", "comment", "card-text"}  # card text: its cards' layer by default
NEEDS_PERSPECTIVE = {"score", "comment"}
NEEDS_KPI = {"kpi"}


def shown(options: tuple[tuple[Any, str], ...]) -> list[tuple[Any, str]]:
    """`options` with their labels in the interface language."""
    return [(value, _(label)) for value, label in options]


def target_value(column: Any) -> str:
    target = column.target
    return str(getattr(target, "value", target))


def cells(framework: Framework) -> list[tuple[Cell, str]]:
    """Every cell of the board, named 'Element × Domain', in board order."""
    return [
        (c, f"{framework.element(c[0]).name} × {framework.domain(c[1]).name}")
        for c in framework.cells()
    ]


def cell_choices(framework: Framework, target: str) -> list[tuple[Cell | None, str]]:
    """A comment may go to Unsorted; a score needs a cell."""
    first: list[tuple[Cell | None, str]] = [
        (None, _(UNSORTED) if target == "comment" else _("Choose a cell…"))
    ]
    return first + list(cells(framework))


def kpi_choices(workshop: Workshop) -> list[tuple[str, str]]:
    return [("", _("Choose a KPI…"))] + [(k.id, kpi_name(k)) for k in workshop.kpi_defs]


def kpi_name(kpi: KpiDef) -> str:
    """A standard KPI's name in the interface language (its English is the catalogue's);
    a workshop's own KPI as typed."""
    return _(kpi.name) if kpi in STANDARD_KPIS else kpi.name


def column_for(mapping: Any, header: str) -> Any | None:
    return next((c for c in mapping.columns if c.header == header), None)


def with_column(mapping: Any, column: Any) -> Any:
    """`mapping` with `column` in place of the one of the same header (or added)."""
    columns = list(mapping.columns)
    for i, c in enumerate(columns):
        if c.header == column.header:
            columns[i] = column
            break
    else:
        columns.append(column)
    return dataclasses.replace(mapping, columns=tuple(columns))


def with_label(column: Any, answer: str, value: int | None, placed: bool) -> Any:
    """`column` with `answer` mapped to `value` (None: skip), or unplaced again."""
    labels = [(a, v) for a, v in column.labels if a != answer]
    if placed:
        labels.append((answer, value))
    return dataclasses.replace(column, labels=tuple(labels))
