"""The page around the content: paper, margins, header and footer, styles, and the write.

The whole PDF is built in memory and then handed to `atomic_write`, so a failed or
cancelled export never leaves half a file where a good one was.
"""

from __future__ import annotations

import datetime as dt
import io
import threading
from collections.abc import Callable, Sequence
from functools import partial
from pathlib import Path
from typing import Any

from reportlab.lib.colors import HexColor
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageTemplate, Table, TableStyle
from reportlab.platypus.flowables import Spacer

from trustboard import __version__
from trustboard.export.fonts import FontChain
from trustboard.export.options import ExportCancelled, ExportError, ExportResult, SummaryOptions
from trustboard.export.password import check_password
from trustboard.export.text import TextBlock, TextEngine, TextStyle, metadata
from trustboard.fsutil import atomic_write

Progress = Callable[[int, int], None]
"""(done, total) while the pages are laid out; raise ExportCancelled in it to stop."""

MARGIN = 42.0  # points: 15 mm, and room for a thumb on a phone screen
GREY = "#5f6368"
LINE = "#dadce0"
INK = "#1f2328"

# One build at a time: reportlab keeps fonts and shaping state in module globals.
_BUILD_LOCK = threading.Lock()


def tint(hex_colour: str, amount: float) -> str:
    """`hex_colour` mixed with white; amount 0 is the colour, 1 is white."""
    r, g, b = (int(hex_colour[i : i + 2], 16) for i in (1, 3, 5))
    mix = [round(c + (255 - c) * amount) for c in (r, g, b)]
    return "#" + "".join(f"{c:02x}" for c in mix)


class Styles:
    def __init__(self, accent: str) -> None:
        self.title = TextStyle(size=20, bold=True)
        self.subtitle = TextStyle(size=12, colour=accent, bold=True)
        self.h2 = TextStyle(size=14, bold=True, colour=accent)
        self.h3 = TextStyle(size=11.5, bold=True)
        self.body = TextStyle(size=10)
        self.small = TextStyle(size=8.5, colour=GREY)
        self.cell = TextStyle(size=9)
        self.cell_bold = TextStyle(size=9, bold=True)
        self.head = TextStyle(size=9, bold=True, colour="#ffffff")
        self.big = TextStyle(size=12, bold=True, align="centre")
        self.centre = TextStyle(size=8.5, colour=GREY, align="centre")


class PdfBuilder:
    """What every section needs: the text engine, the styles, the options, the frame width."""

    def __init__(
        self, options: SummaryOptions, fonts: FontChain | None, title: str, organisation: str
    ) -> None:
        self.options = options
        self.engine = TextEngine(fonts or FontChain.system())
        self.accent = options.accent
        self.styles = Styles(options.accent)
        self.title = title
        self.organisation = organisation
        page_w, page_h = options.paper.size
        self.page_size = (page_w, page_h)
        self.width = page_w - 2 * MARGIN
        self.notes: list[str] = []  # things the reader should know, beyond fonts

    # -- flowables ---------------------------------------------------------------------

    def text(
        self,
        text: str,
        style: TextStyle | None = None,
        *,
        space_after: float = 0.0,
        bar: str | None = None,
        background: str | None = None,
    ) -> TextBlock:
        return TextBlock(
            self.engine,
            text,
            style or self.styles.body,
            bar=bar,
            space_after=space_after,
            background=background,
        )

    def heading(self, text: str) -> list[Flowable]:
        return [Spacer(1, 10), self.text(text, self.styles.h2, space_after=5)]

    def table(
        self,
        rows: Sequence[Sequence[Flowable | str]],
        widths: Sequence[float],
        *,
        header: bool = True,
        styles: Sequence[tuple[Any, ...]] = (),
        zebra: bool = True,
    ) -> Table:
        """A table of text cells; plain strings become text in the cell style."""
        cells = [
            [
                c
                if isinstance(c, (Flowable, list))
                else self.text(c, self.styles.head if header and r == 0 else self.styles.cell)
                for c in row
            ]
            for r, row in enumerate(rows)
        ]
        total = sum(widths)
        scaled = [w * self.width / total for w in widths]
        commands: list[tuple[Any, ...]] = [
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("FONTNAME", (0, 0), (-1, -1), self.engine.chain.primary()),  # not Helvetica
            ("LEFTPADDING", (0, 0), (-1, -1), 4),
            ("RIGHTPADDING", (0, 0), (-1, -1), 4),
            ("TOPPADDING", (0, 0), (-1, -1), 3),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
            ("LINEBELOW", (0, 0), (-1, -1), 0.4, HexColor(LINE)),
        ]
        if header:
            commands.append(("BACKGROUND", (0, 0), (-1, 0), HexColor(self.accent)))
        if zebra:
            first = 1 if header else 0
            for r in range(first + 1, len(cells), 2):
                commands.append(("BACKGROUND", (0, r), (-1, r), HexColor("#f6f8fa")))
        commands.extend(styles)
        # splitInRow: a cell taller than a page (hundreds of participants) flows on
        table = Table(
            cells, colWidths=scaled, repeatRows=1 if header else 0, hAlign="LEFT", splitInRow=1
        )
        table.setStyle(TableStyle(commands))
        return table

    # -- the page ----------------------------------------------------------------------

    def _decorate(self, canv: Canvas, doc: BaseDocTemplate) -> None:
        page_w, page_h = self.page_size
        canv.saveState()
        canv.setFillColor(HexColor(self.accent))
        canv.rect(0, page_h - 8, page_w, 8, stroke=0, fill=1)
        small = self.styles.small
        engine = self.engine
        page = canv.getPageNumber()
        if page > 1:
            head = " · ".join(t for t in (self.organisation, self.title) if t)
            line = engine.single_line(head, self.width, small)
            canv.setFillColor(HexColor(GREY))
            engine.draw_line(canv, line, MARGIN, page_h - MARGIN + 14, self.width, small)
        foot = engine.single_line(f"Page {page}", self.width, small)
        canv.setFillColor(HexColor(GREY))
        engine.draw_line(
            canv,
            foot,
            MARGIN,
            MARGIN - 20,
            self.width,
            TextStyle(size=8.5, colour=GREY, align="end"),
        )
        made = engine.single_line(f"Made with TrustBoard {__version__}", self.width, small)
        engine.draw_line(canv, made, MARGIN, MARGIN - 20, self.width, small)
        canv.restoreState()

    def write(
        self, story: list[Flowable], path: Path, *, subject: str, progress: Progress | None = None
    ) -> ExportResult:
        """Lay the story out on pages, encrypt if asked, and replace `path` atomically."""
        buffer = io.BytesIO()
        page_w, page_h = self.page_size
        password = self.options.password
        if password:
            check_password(password)  # refused before any layout work, nothing written
        doc = BaseDocTemplate(
            buffer,
            pagesize=self.page_size,
            leftMargin=MARGIN,
            rightMargin=MARGIN,
            topMargin=MARGIN,
            bottomMargin=MARGIN,
            title=metadata(self.title),
            author=metadata(self.organisation),
            subject=metadata(subject),
            creator=f"TrustBoard {__version__}",
            producer=f"TrustBoard {__version__} (reportlab)",
            keywords="",
            initialFontName=self.engine.chain.primary(),  # so no unembedded Helvetica is named
        )
        frame = Frame(
            MARGIN,
            MARGIN,
            page_w - 2 * MARGIN,
            page_h - 2 * MARGIN,
            id="body",
            leftPadding=0,
            rightPadding=0,
            topPadding=0,
            bottomPadding=0,
        )
        doc.addPageTemplates([PageTemplate("page", [frame], onPage=self._decorate)])
        if progress is not None:
            doc.setProgressCallBack(_progress_adapter(progress))
        with _BUILD_LOCK:
            try:
                doc.build(story, canvasmaker=partial(Canvas, pdfVersion=(1, 7)))
            except ExportCancelled:
                raise
            except Exception as exc:  # reportlab reports layout problems as bare exceptions
                raise ExportError(f"the PDF could not be laid out: {exc}") from exc
        data = buffer.getvalue()
        if password:  # encrypted in memory: the open bytes never reach the disk
            data = _encrypted(data, password)
        try:
            atomic_write(Path(path), data)
        except OSError as exc:
            raise ExportError(f"cannot write {path}: {exc.strerror or exc}") from exc
        return ExportResult(
            path=Path(path),
            pages=doc.page,
            size=len(data),
            warnings=tuple(self.engine.warnings() + self.notes),
        )


def _encrypted(data: bytes, password: str) -> bytes:
    from trustboard.export.encryption import encrypt_pdf  # pypdf loads only for passwords

    try:
        return encrypt_pdf(data, password)
    except ExportError:
        raise
    except Exception as exc:  # pypdf reports what it cannot rewrite as bare exceptions
        raise ExportError(f"the PDF could not be protected with the password: {exc}") from exc


def _progress_adapter(progress: Progress) -> Callable[[str, int], None]:
    total = [1]

    def callback(kind: str, value: int) -> None:
        if kind == "SIZE_EST":
            total[0] = max(1, value)
            progress(0, total[0])
        elif kind == "PROGRESS":
            progress(min(value, total[0]), total[0])

    return callback


def fmt_score(value: float | None) -> str:
    return "–" if value is None else f"{value:g}"


def fmt_signed(value: float | None) -> str:
    return "–" if value is None else f"{value:+g}"


def fmt_date(day: dt.date | None) -> str:
    return day.strftime("%d %b %Y").lstrip("0") if day else "–"
