"""The formats File → Export… writes (the command line's choices), how each is written
and what its preview shows. Called on a worker thread: nothing here touches a widget."""

from __future__ import annotations

import csv
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QLocale, Qt
from PySide6.QtGui import QImage

from trustboard.domain.workshop import Layer, Workshop
from trustboard.export.options import ExportResult, ReportOptions
from trustboard.i18n import N_, _, ngettext

Progress = Callable[[int, int], None]
PREVIEW_ROWS = 6  # the first rows of a CSV shown in the preview


@dataclass(frozen=True)
class Format:
    key: str
    label: str  # marked with N_: shown as _(label)
    suffix: str
    word: str  # what the file is, in the suggested name and the mail (N_; shown as _(word))
    pdf: bool = False  # paper and password apply
    branded: bool = False  # accent colour and organisation apply
    picture: bool = False  # the layer applies; drawn on the GUI thread (Job.run_here)


FORMATS = (
    # Translators: the words after the labels name what the file is, in its suggested
    # name ("Q3 – Round 2 summary.pdf") and in the mail ("the summary of our workshop")
    Format("summary", N_("PDF summary (1–2 pages)"), ".pdf", N_("summary"), pdf=True,
           branded=True),
    Format("report", N_("PDF full report"), ".pdf", N_("report"), pdf=True, branded=True),
    Format("slides", N_("Slides (.pptx)"), ".pptx", N_("slides"), branded=True),
    Format("workbook", N_("Spreadsheet (.xlsx)"), ".xlsx", N_("workbook")),
    Format("cards", N_("Cards (.csv)"), ".csv", N_("cards")),
    Format("actions", N_("Action plan (.csv)"), ".csv", N_("action plan")),
    Format("png", N_("Picture of the board (.png)"), ".png", N_("board"), picture=True),
    Format("svg", N_("Picture of the board (.svg)"), ".svg", N_("board"), picture=True),
)  # fmt: skip
BY_KEY = {f.key: f for f in FORMATS}


def write(fmt: Format, ws: Workshop, rid: str, target: Path, options: ReportOptions,
          layer: Layer, progress: Progress | None = None) -> ExportResult:  # fmt: skip
    """Write `fmt` (each writer speaks the workshop's language); each library loads only
    when it is asked for."""
    names = options.names
    if fmt.pdf:
        from trustboard.export import write_report, write_summary

        write_pdf = write_report if fmt.key == "report" else write_summary
        return write_pdf(ws, rid, target, options, progress=progress)
    if fmt.key == "slides":
        from trustboard.export.slides import write_slides

        return write_slides(ws, rid, target, options)
    if fmt.key == "workbook":
        from trustboard.export.spreadsheet import write_xlsx

        return write_xlsx(ws, target, names=names)
    if fmt.key in ("cards", "actions"):
        from trustboard.export.spreadsheet import write_actions_csv, write_cards_csv

        write_csv = write_actions_csv if fmt.key == "actions" else write_cards_csv
        return write_csv(ws, rid, target, names=names, separator=options.csv_separator)
    from trustboard.ui.board.picture import write_board_picture

    return write_board_picture(ws, rid, target, names=names, layer=layer)


def preview(fmt: Format, ws: Workshop, rid: str, options: ReportOptions, layer: Layer,
            width: float) -> QImage | str | None:  # fmt: skip
    """A picture (PDF's first page, the board scaled) or text (slide titles, sheets and
    their rows, a CSV's first rows). None: no PDF renderer is installed."""
    if fmt.key == "workbook":
        from trustboard.export.spreadsheet import workbook_sheets

        sheets = workbook_sheets(ws, names=options.names)
        lines = [
            ngettext("{sheet}: {n} row", "{sheet}: {n} rows", len(s.rows)).format(
                sheet=s.name, n=len(s.rows)
            )
            for s in sheets
        ]
        return _("The workbook's sheets:") + "\n\n" + "\n".join(lines)
    if fmt.picture:
        from trustboard.ui.board.picture import paint_board_picture

        def image(w: int, h: int) -> QImage:
            return QImage(w, h, QImage.Format.Format_RGB32)

        device, _unused = paint_board_picture(ws, rid, image, names=options.names, layer=layer)
        assert isinstance(device, QImage)
        return device.scaledToWidth(int(width), Qt.TransformationMode.SmoothTransformation)
    with tempfile.TemporaryDirectory(prefix="trustboard-preview-") as folder:
        target = Path(folder) / f"preview{fmt.suffix}"
        if fmt.pdf:  # the first page is the summary's in both PDFs
            from trustboard.export import write_summary
            from trustboard.ui.export_work import render_first_page

            write_summary(ws, rid, target, options)
            return render_first_page(target, width)
        write(fmt, ws, rid, target, options, layer)
        if fmt.key == "slides":
            return _("The slides:") + "\n\n" + "\n".join(slide_titles(target))
        return first_rows(target)


def slide_titles(path: Path) -> list[str]:
    from pptx import Presentation

    titles = []
    for number, slide in enumerate(Presentation(str(path)).slides, start=1):
        title = slide.shapes.title
        text = title.text_frame.text if title is not None else ""
        if not text:
            frames = [s.text_frame.text for s in slide.shapes if s.has_text_frame]
            text = next((t for t in frames if t.strip()), "")
        titles.append(f"{number}. {' '.join(text.split())[:80]}")
    return titles


def first_rows(path: Path, most: int = PREVIEW_ROWS) -> str:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        rows = [row for _unused, row in zip(range(most + 1), csv.reader(handle), strict=False)]
    if len(rows) <= 1:
        return _("No rows yet: the file will hold the column headings only.")
    lines = [" | ".join(cell if len(cell) <= 24 else cell[:23] + "…" for cell in row)
             for row in rows]  # fmt: skip
    shown = len(rows) - 1
    head = ngettext(
        "The headings and first row:", "The headings and first {n} rows:", shown
    ).format(n=shown)
    return head + "\n\n" + "\n\n".join(lines)


def saved_text(result: ExportResult, suffix: str) -> str:
    """What the dialog says once the file is written: its name, its pages, its size."""
    n = result.pages
    count = {
        ".pdf": ngettext("{n} page", "{n} pages", n),
        ".pptx": ngettext("{n} slide", "{n} slides", n),
        ".csv": ngettext("{n} row", "{n} rows", n),
    }.get(suffix)
    size = _("{size} KB").format(size=QLocale().toString(result.size // 1024 + 1))
    if count is None:
        return _("Saved {name}: {size}.").format(name=result.path.name, size=size)
    return _("Saved {name}: {count}, {size}.").format(
        name=result.path.name, count=count.format(n=n), size=size
    )
