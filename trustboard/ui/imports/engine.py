"""The import engine as the assistant calls it: one small seam over
`trustboard.services.imports`, so tests can hand the widgets a fake engine."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

Progress = Callable[[float], bool]


@dataclass
class Engine:
    """The engine's functions and types the assistant uses (contract sections 1–6)."""

    read_table: Callable[..., Any]
    detect: Callable[[Any], Any]
    suggest: Callable[..., Any]
    plan_import: Callable[..., Any]
    import_command: Callable[..., Any]
    to_toml: Callable[[Any], str]
    from_toml: Callable[[str, str], Any]
    Target: Any
    ColumnMap: Any
    Mapping: Any
    error: type[Exception]  # ImportFileError: its message is shown as text
    cancelled: type[Exception]  # ImportCancelled
    guess_labels: Callable[..., Any]


def real_engine() -> Engine:
    """The engine of `trustboard.services.imports`, loaded when the assistant first opens."""
    from trustboard.services.import_errors import ImportFileError
    from trustboard.services.imports import mapping, plan, read, scales
    from trustboard.services.imports.layouts import detect

    return Engine(
        read_table=read.read_table,
        detect=detect,
        suggest=mapping.suggest,
        plan_import=plan.plan_import,
        import_command=plan.import_command,
        to_toml=mapping.to_toml,
        from_toml=mapping.from_toml,
        Target=mapping.Target,
        ColumnMap=mapping.ColumnMap,
        Mapping=mapping.Mapping,
        error=ImportFileError,
        cancelled=getattr(read, "ImportCancelled", ImportFileError),
        guess_labels=scales.guess_labels,
    )


IMPORT_SUFFIXES = (".csv", ".tsv", ".txt", ".xlsx")


def importable(path: Path) -> bool:
    """A file the assistant reads: CSV/TSV (any delimiter) or an Excel workbook."""
    return path.suffix.lower() in IMPORT_SUFFIXES
