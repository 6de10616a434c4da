"""The page around the content: paper, margins, header and footer, styles, and the write.

The whole PDF is built in memory and then handed to `atomic_write`, so a failed or
cancelled export never leaves half a file where a good one was.
"""

from __future__ import annotations

import dataclasses
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
from trustboard.export.context import GREY, day_text, number
from trustboard.export.fonts import FontChain
from trustboard.export.options import ExportCancelled, ExportError, ExportResult, SummaryOptions
from trustboard.export.password import check_password
from trustboard.export.text import TextBlock, TextEngine, TextStyle, metadata
from trustboard.fsutil import atomic_write
from trustboard.i18n import _

Progress = Callable[[int, int], None]
"""(done, total) while the pages are laid out; raise ExportCancelled in it to stop."""

MARGIN = 42.0  # points: 15 mm above and below the text (and at the sides on paper)
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
    def __init__(self, accent: str, scale: float = 1.0) -> None:
        k = scale
        self.title = TextStyle(size=20 * k, bold=True)
        self.subtitle = TextStyle(size=12 * k, colour=accent, bold=True)
        self.h2 = TextStyle(size=14 * k, bold=True, colour=accent)
        self.h3 = TextStyle(size=11.5 * k, bold=True)
        self.body = TextStyle(size=10 * k)
        self.small = TextStyle(size=8.5 * k, colour=GREY)
        self.cell = TextStyle(size=9 * k)
        self.cell_bold = TextStyle(size=9 * k, bold=True)
        self.head = TextStyle(size=9 * k, bold=True, colour="#ffffff")
        self.big = TextStyle(size=12 * k, bold=True, align="centre")
        self.centre = TextStyle(size=8.5 * k, colour=GREY, align="centre")


class PdfBuilder:
    """What every section needs: the text engine, the styles, the options, the frame width."""

    def __init__(
        self, options: SummaryOptions, fonts: FontChain | None, title: str, organisation: str
    ) -> None:
        self.options = options
        self.engine = TextEngine(fonts or FontChain.system())
        self.accent = options.accent
        self.scale = options.paper.text_scale
        self.styles = Styles(options.accent, self.scale)
        self.title = title
        self.organisation = organisation
        page_w, page_h = options.paper.size
        self.page_size = (page_w, page_h)
        self.margin = options.paper.margin
        self.width = page_w - 2 * self.margin
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

    def scaled(self, style: TextStyle) -> TextStyle:
        """`style` at this paper's text size (larger on a phone page)."""
        return (
            style if self.scale == 1 else dataclasses.replace(style, size=style.size * self.scale)
        )

    def heading(self, text: str, *, outline: bool = True) -> list[Flowable]:
        """A section title; it becomes a bookmark in the PDF's outline unless told not to."""
        block = self.text(text, self.styles.h2, space_after=5)
        if outline:
            mark(block, text, 0)
        return [Spacer(1, 10), block]

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
            engine.draw_line(canv, line, self.margin, page_h - MARGIN + 14, self.width, small)
        made_with = _("Made with TrustBoard {version}").format(version=__version__)
        made = engine.single_line(made_with, self.width, small)
        canv.setFillColor(HexColor(GREY))
        engine.draw_line(canv, made, self.margin, MARGIN - 20, self.width, small)
        canv.restoreState()

    def _footer(self, canv: Canvas, page: int, total: int) -> None:
        """'Page N of M', drawn when the last page is known."""
        canv.saveState()
        text = _("Page {page} of {total}").format(page=page, total=total)
        foot = self.engine.single_line(text, self.width, self.styles.small)
        self.engine.draw_line(
            canv,
            foot,
            self.margin,
            MARGIN - 20,
            self.width,
            TextStyle(size=self.styles.small.size, colour=GREY, align="end"),
        )
        canv.restoreState()

    def write(
        self,
        story: list[Flowable],
        path: Path,
        *,
        subject: str,
        progress: Progress | None = None,
        keywords: Sequence[str] = (),
        lang: str = "en",
        title: str | None = None,
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
            leftMargin=self.margin,
            rightMargin=self.margin,
            topMargin=MARGIN,
            bottomMargin=MARGIN,
            title=metadata(self.title if title is None else title),
            author=metadata(self.organisation),
            subject=metadata(subject),
            creator=f"TrustBoard {__version__}",
            producer=f"TrustBoard {__version__} (reportlab)",
            keywords=", ".join(metadata(k, 100) for k in keywords if k.strip()),
            lang=lang,
            initialFontName=self.engine.chain.primary(),  # so no unembedded Helvetica is named
        )
        frame = Frame(
            self.margin,
            MARGIN,
            page_w - 2 * self.margin,
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
        doc.afterFlowable = _outline_hook(doc)
        doc.encrypt = _encryption(password) if password else None
        with _BUILD_LOCK:
            try:
                doc.build(
                    story,
                    canvasmaker=partial(LateCanvas, footer=self._footer, pdfVersion=(1, 7)),
                )
            except ExportCancelled:
                raise
            except Exception as exc:  # reportlab reports layout problems as bare exceptions
                raise ExportError(
                    _("the PDF could not be laid out: {reason}").format(reason=exc)
                ) from exc
        data = buffer.getvalue()  # encrypted as it was written when there is a password
        try:
            atomic_write(Path(path), data)
        except OSError as exc:
            raise ExportError(
                _("cannot write {path}: {reason}").format(path=path, reason=exc.strerror or exc)
            ) from exc
        return ExportResult(
            path=Path(path),
            pages=doc.page,
            size=len(data),
            warnings=tuple(self.engine.warnings() + self.notes),
        )


def mark(flowable: Flowable, title: str, level: int) -> Flowable:
    """Make `flowable` an entry of the PDF's outline (and of the contents page)."""
    flowable.outline = (metadata(title, 200), level)
    return flowable


def outline_entries(story: Sequence[Flowable], level: int = 0) -> list[Flowable]:
    """The flowables of `story` marked for the outline, looking inside kept groups; each
    gets its bookmark name here, so the contents page can link to it before it is laid out."""
    found: list[Flowable] = []
    for f in story:
        inner = getattr(f, "_content", None)
        if isinstance(inner, list):
            found += outline_entries(inner, level)
        elif getattr(f, "outline", None) is not None and f.outline[1] <= level:
            found.append(f)
    for i, f in enumerate(found, 1):
        f.outline_key = f"section-{i}"
    return found


class ContentsLine(Flowable):  # type: ignore[misc]
    """One line of the contents page: the section's title, linked, and its page number."""

    def __init__(self, b: PdfBuilder, title: str, key: str) -> None:
        super().__init__()
        self.b, self.title, self.key = b, title, key
        self.style = b.styles.body

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        self.width, self.height = availWidth, self.style.leading + 4
        return self.width, self.height

    def draw(self) -> None:
        canv, engine, style = self.canv, self.b.engine, self.style
        line = engine.single_line(self.title, self.width - 40, style)
        engine.draw_line(canv, line, 0, 4, self.width - 40, style)
        canv.linkRect("", self.key, (0, 0, self.width, self.height), relative=1, thickness=0)
        x, y = canv.absolutePosition(0, 4)
        width, key = self.width, self.key

        def number(late: LateCanvas) -> None:
            page = late.mark_pages.get(key)
            if page is not None:
                end = TextStyle(size=style.size, align="end")
                text = engine.single_line(str(page), 40, end)
                engine.draw_line(late, text, x + width - 40, y, 40, end)

        if isinstance(canv, LateCanvas):
            canv.late.append(number)


class LateCanvas(Canvas):  # type: ignore[misc]
    """A canvas that holds its pages until the end, so each footer can say 'of M' and the
    contents page can show the page each section starts on."""

    def __init__(
        self, *args: Any, footer: Callable[[Canvas, int, int], None], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self._held: list[dict[str, Any]] = []
        self._late_footer = footer
        self.late: list[Callable[[LateCanvas], None]] = []  # drawn on this page at the end
        self.marks: list[str] = []  # bookmarks on this page, set at the end
        self.mark_pages: dict[str, int] = {}  # bookmark -> page number

    def bookmark_here(self, key: str) -> None:
        self.marks.append(key)
        self.mark_pages[key] = self.getPageNumber()

    def showPage(self) -> None:  # noqa: N802 - reportlab's name
        self._held.append(dict(self.__dict__))
        self.late, self.marks = [], []
        self._startPage()

    def save(self) -> None:
        total = len(self._held)
        pages = self.mark_pages
        for state in self._held:
            self.__dict__.update(state)
            self.mark_pages = pages
            for key in self.marks:
                self.bookmarkPage(key)
            for draw in self.late:
                draw(self)
            self._late_footer(self, self.getPageNumber(), total)
            Canvas.showPage(self)
        Canvas.save(self)


def _outline_hook(doc: BaseDocTemplate) -> Callable[[Flowable], None]:
    count = [0]

    def after(flowable: Flowable) -> None:
        entry = getattr(flowable, "outline", None)
        if entry is None:
            return
        title, level = entry
        count[0] += 1
        key = getattr(flowable, "outline_key", None) or f"section-{count[0]}"
        canv = doc.canv
        canv.bookmark_here(key)
        canv.addOutlineEntry(title, key, level=level, closed=level > 0)

    return after


def _encryption(password: str) -> Any:
    from trustboard.export.encryption import pdf_encryption  # pypdf loads only for passwords

    return pdf_encryption(password)


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
    return number(value)


def fmt_signed(value: float | None) -> str:
    return number(value, signed=True)


def fmt_date(day: dt.date | None) -> str:
    return day_text(day)
