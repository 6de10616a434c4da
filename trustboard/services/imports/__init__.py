"""The import engine: survey exports, spreadsheets and board exports in one step.

read (a file -> Table), layouts (which tool, what each column holds), scales (answer
labels -> scale values), mapping (where each column goes; TOML), kpis (NPS, yes share),
plan (what an import adds, checked first; the one undo step that adds it). Qt-free.
"""

from trustboard.services.imports.kpis import KpiResult, nps, yes_share
from trustboard.services.imports.layouts import Layout, Question, detect
from trustboard.services.imports.mapping import (
    ColumnMap,
    Mapping,
    MappingError,
    Target,
    from_toml,
    suggest,
    to_toml,
)
from trustboard.services.imports.plan import ImportPlan, Skipped, import_command, plan_import
from trustboard.services.imports.read import (
    MAX_IMPORT_BYTES,
    ImportCancelled,
    Table,
    TableError,
    read_bytes,
    read_table,
)
from trustboard.services.imports.scales import COMMON_SCALES, guess_labels

__all__ = [
    "COMMON_SCALES",
    "MAX_IMPORT_BYTES",
    "ColumnMap",
    "ImportCancelled",
    "ImportPlan",
    "KpiResult",
    "Layout",
    "Mapping",
    "MappingError",
    "Question",
    "Skipped",
    "Table",
    "TableError",
    "Target",
    "detect",
    "from_toml",
    "guess_labels",
    "import_command",
    "nps",
    "plan_import",
    "read_bytes",
    "read_table",
    "suggest",
    "to_toml",
    "yes_share",
]
