"""Which file a drop on the window is about: a workshop to open, or data to import."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QMimeData

from trustboard import FILE_SUFFIX
from trustboard.i18n import _
from trustboard.ui.imports.engine import importable

IMPORT_FILTER = "Survey, spreadsheet or board export (*.csv *.tsv *.txt *.xlsx);;All files (*)"


def import_filter() -> str:
    """IMPORT_FILTER in the interface language (the patterns stay as they are)."""
    return ";;".join(
        [
            _("Survey, spreadsheet or board export ({patterns})").format(
                patterns="*.csv *.tsv *.txt *.xlsx"
            ),
            _("All files ({patterns})").format(patterns="*"),
        ]
    )


def dropped_file(mime: QMimeData, *, can_import: bool) -> Path | None:
    """The first dropped workshop file, or else (with a workshop open) the first CSV, TSV
    or Excel file; None when the drop holds neither."""
    paths = [Path(u.toLocalFile()) for u in mime.urls() if u.isLocalFile()]
    workshop = next((p for p in paths if p.name.endswith(FILE_SUFFIX)), None)
    if workshop is not None or not can_import:
        return workshop
    return next((p for p in paths if importable(p)), None)
