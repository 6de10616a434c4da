"""Workshop outputs to share: PDF summaries and reports. No Qt; reportlab is imported lazily.

    from trustboard.export import SummaryOptions, write_summary
    result = write_summary(workshop, workshop.current_round_id, Path("out.pdf"), SummaryOptions())
    result.warnings  # e.g. a script no installed font can draw

Importing this package costs nothing: reportlab loads on the first write.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from trustboard.export.options import (
    ExportCancelled,
    ExportError,
    ExportResult,
    Paper,
    ReportOptions,
    SummaryOptions,
)

if TYPE_CHECKING:
    from trustboard.domain.workshop import Workshop
    from trustboard.export.fonts import FontChain
    from trustboard.export.pdf_builder import Progress

__all__ = [
    "ExportCancelled",
    "ExportError",
    "ExportResult",
    "Paper",
    "ReportOptions",
    "SummaryOptions",
    "write_report",
    "write_summary",
]


def write_summary(
    workshop: Workshop,
    round_id: str,
    path: Path | str,
    options: SummaryOptions | None = None,
    *,
    fonts: FontChain | None = None,
    progress: Progress | None = None,
) -> ExportResult:
    """The 1–2 page summary of one round, written atomically to `path`.

    Raises ExportError (with a message for the user) when it cannot be written, and
    ExportCancelled when `progress` raised it. Missing fonts are not errors: they are
    listed in the result's `warnings`.
    """
    from trustboard.export.report import write_summary as write

    return write(
        workshop, round_id, Path(path), options or SummaryOptions(), fonts=fonts, progress=progress
    )


def write_report(
    workshop: Workshop,
    round_id: str,
    path: Path | str,
    options: ReportOptions | None = None,
    *,
    fonts: FontChain | None = None,
    progress: Progress | None = None,
) -> ExportResult:
    """The full report of one round: the summary, charts, comparison, and every cell."""
    from trustboard.export.report import write_report as write

    return write(
        workshop, round_id, Path(path), options or ReportOptions(), fonts=fonts, progress=progress
    )
