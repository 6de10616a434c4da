"""A picture of the board: the real board scene painted into a PNG or an SVG.

The picture shows one round and one layer as the board shows it, with a header strip above it
(the workshop, the round, the layer and the key to the card colours and badges). It is drawn
at a scale where every card shows its words (detail.py's SUMMARY_BELOW and up, text at least
ROOM_PX high), so a PNG is at least `width` pixels wide and grows where the board needs it. A
board too big for that within MAX_PIXELS is drawn as the overview instead: every cell's
ratings, its cards counted by kind and the top cards' first words.

Nothing is written to the workshop: the scene reads an in-memory, read-only copy of it.
"""

from __future__ import annotations

import math
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import (
    QBuffer,
    QByteArray,
    QIODevice,
    QPointF,
    QRect,
    QRectF,
    QSize,
    Qt,
    QThread,
)
from PySide6.QtGui import QColor, QFontMetricsF, QGuiApplication, QImage, QPaintDevice, QPainter
from PySide6.QtSvg import QSvgGenerator
from PySide6.QtWidgets import QApplication, QGraphicsItem

from trustboard import __version__
from trustboard.domain.workshop import Layer, Workshop
from trustboard.export.options import ExportError, ExportResult
from trustboard.i18n import _, using
from trustboard.store.schema import encode_workshop
from trustboard.store.workshop_file import WorkshopFile
from trustboard.ui.board.cell_item import paint_cell
from trustboard.ui.board.detail import ROOM_PX, SUMMARY_BELOW
from trustboard.ui.board.labels import paint_header
from trustboard.ui.board.legend import badges, round_name
from trustboard.ui.board.scene import BoardScene
from trustboard.ui.modes import LayerMode
from trustboard.ui.session import Session
from trustboard.ui.theme import LIGHT, BoardTheme

MIN_WIDTH = 2400  # pixels: what a projector, a printout or a zoomed phone reads
MAX_PIXELS = 40_000_000  # a larger PNG is more than image viewers and mail comfortably take
BEST_SCALE = 1.0  # the board at 100 %: cards show their words and their authors' initials
TITLE_PX = 44.0
LINE_PX = 26.0
KEY_PX = 22.0
PAD = 32.0
OVERVIEW_ROW_PX = 300.0  # a cell's height in the overview picture
FORMATS = (".png", ".svg")

_app: QGuiApplication | None = None  # the application made here, kept for the process's life


class PictureFormatError(ExportError, ValueError):
    """The file name asks for a kind of picture this cannot write."""


def ensure_gui() -> QGuiApplication:
    """The running Qt application, or a new offscreen one (the command line has no window)."""
    global _app
    app = QGuiApplication.instance()
    if isinstance(app, QGuiApplication):
        return app
    _app = QApplication(["trustboard", "-platform", "offscreen"])
    return _app


@dataclass
class _Plan:
    """What the picture shows and where: its size in pixels and the board's scale in it."""

    session: Session
    scene: BoardScene
    theme: BoardTheme
    names: bool
    width: int
    height: int
    header_h: float
    scale: float  # pixels per board unit; 0 for the overview
    warnings: tuple[str, ...]


@contextmanager
def _board(workshop: Workshop, round_id: str, names: bool, layer: Layer,
           theme: BoardTheme) -> Iterator[tuple[Session, BoardScene]]:  # fmt: skip
    """A session and board scene over a read-only, in-memory copy of `workshop`."""
    ensure_gui()
    file = WorkshopFile(Path(workshop.title or "workshop"), workshop,
                        encode_workshop(workshop, __version__), None,
                        "a picture of the board only reads the workshop")  # fmt: skip
    session = Session(file)
    try:
        try:
            session.set_viewed_round(round_id)
        except KeyError:
            raise ExportError(
                _(
                    "The workshop “{title}” has no round with the id {round}; "
                    "choose one of its rounds."
                ).format(title=workshop.title, round=repr(round_id))
            ) from None
        session.set_layer_mode(LayerMode.TO_BE if layer == Layer.TO_BE else LayerMode.AS_IS)
        scene = BoardScene(session, theme)
        scene.anonymous_view = not names
        scene.refresh()
        for item in scene.items():  # drawn as shapes and text, never as cached pixmaps
            item.setCacheMode(QGraphicsItem.CacheMode.NoCache)
        try:
            yield session, scene
        finally:
            scene.clear()
    finally:
        session.close()


def _plan(session: Session, scene: BoardScene, theme: BoardTheme, names: bool,
          width: int) -> _Plan:  # fmt: skip
    width = max(int(width), MIN_WIDTH)
    board = scene.board_rect
    bw, bh = max(board.width(), 1.0), max(board.height(), 1.0)
    scale = max(width / bw, BEST_SCALE)
    warnings: tuple[str, ...] = ()
    scale_width = math.ceil(bw * scale)
    header = _header(None, session, theme, names, scale_width)
    if scale_width * (header + bh * scale) > MAX_PIXELS:
        # As small as fits, but never so small that the cards drop their words.
        fit = math.sqrt(MAX_PIXELS / (bw * bh)) * 0.97
        scale = max(width / bw, fit)
        scale_width = math.ceil(bw * scale)
        header = _header(None, session, theme, names, scale_width)
        if scale < SUMMARY_BELOW or scale_width * (header + bh * scale) > MAX_PIXELS:
            n_rows = max(1, len(session.framework.elements))
            header = _header(None, session, theme, names, width)
            height = math.ceil(header + n_rows * OVERVIEW_ROW_PX + PAD)
            warnings = (_("The board is too big to show every card readably in one picture, "
                          "so the picture shows each cell's ratings, card counts and top cards; "
                          "export a spreadsheet for every card's words."),)  # fmt: skip
            return _Plan(session, scene, theme, names, width, height, header, 0.0, warnings)
    height = math.ceil(header + bh * scale)
    return _Plan(session, scene, theme, names, scale_width, height, header, scale, warnings)


def _header(painter: QPainter | None, session: Session, theme: BoardTheme, names: bool,
            width: float) -> float:  # fmt: skip
    """Draw the header strip when `painter` is given; its height either way."""
    workshop = session.workshop
    if session.layer == Layer.TO_BE:
        layer = _("Layer: to-be (where we want to be)")
    else:
        layer = _("Layer: as-is (today)")
    facts = [round_name(session), layer]
    if not names:
        facts.append(_("Authors not shown"))
    y = PAD
    title = workshop.title or _("Workshop")
    y += _line(painter, theme, title, TITLE_PX, PAD, y, width, bold=True)
    y += _line(painter, theme, "  ·  ".join(facts), LINE_PX, PAD, y, width)
    y += 8
    chips = [(QColor(k.colour), k.name) for k in session.framework.card_kinds]
    chips += [
        (None, _("{badge}: {meaning}").format(badge=badge, meaning=meaning))
        for badge, meaning in badges()
    ]
    y = _chips(painter, theme, chips, y, width)
    return y + PAD / 2


def _line(painter: QPainter | None, theme: BoardTheme, text: str, px: float, x: float,
          y: float, width: float, *, bold: bool = False) -> float:  # fmt: skip
    """One line of text at (x, y) (cut with "…" where it is too long); the height it takes."""
    font = theme.font(px, bold=bold)
    metrics = QFontMetricsF(font)
    text = " ".join(text.split())
    shown = metrics.elidedText(text, Qt.TextElideMode.ElideRight, width - x - PAD)
    if painter is not None:
        painter.setFont(font)
        painter.setPen(theme.card_text)
        painter.drawText(QPointF(x, y + metrics.ascent()), shown)
    return metrics.lineSpacing()


def _chips(painter: QPainter | None, theme: BoardTheme, chips: list[tuple[QColor | None, str]],
           y: float, width: float) -> float:  # fmt: skip
    """The key: a swatch and a name for each card kind, then what the badges say, flowing
    in lines as wide as the picture; where the last line ends."""
    font = theme.font(KEY_PX)
    metrics = QFontMetricsF(font)
    line_h = metrics.lineSpacing() + 10
    swatch = KEY_PX
    x = PAD
    for colour, text in chips:
        shown = metrics.elidedText(" ".join(text.split()), Qt.TextElideMode.ElideRight,
                                   width - 2 * PAD - swatch - 10)  # fmt: skip
        w = (swatch + 10 if colour is not None else 0) + metrics.horizontalAdvance(shown)
        if x > PAD and x + w > width - PAD:
            x, y = PAD, y + line_h
        if painter is not None:
            painter.setFont(font)
            if colour is not None:
                painter.setPen(theme.card_border)
                painter.setBrush(colour)
                box = QRectF(x, y + (metrics.height() - swatch) / 2, swatch, swatch)
                painter.drawRoundedRect(box, 4, 4)
            painter.setPen(theme.card_text if colour is not None else theme.muted_text)
            painter.drawText(QPointF(x + w - metrics.horizontalAdvance(shown),
                                     y + metrics.ascent()), shown)  # fmt: skip
        x += w + 36
    return y + line_h


def _paint(plan: _Plan, painter: QPainter) -> None:
    """The whole picture: the header strip, then the board (or its overview) below it."""
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
    painter.fillRect(QRectF(0, 0, plan.width, plan.height), QColor("#ffffff"))
    _header(painter, plan.session, plan.theme, plan.names, plan.width)
    painter.setPen(plan.theme.cell_border)
    painter.drawLine(QPointF(0, plan.header_h - 1), QPointF(plan.width, plan.header_h - 1))
    below = QRectF(0, plan.header_h, plan.width, plan.height - plan.header_h)
    if plan.scale:
        painter.fillRect(below, plan.theme.background)
        board = plan.scene.board_rect
        target = QRectF(0, plan.header_h, board.width() * plan.scale, board.height() * plan.scale)
        plan.scene.render(painter, target, board, Qt.AspectRatioMode.KeepAspectRatio)
    else:
        _paint_overview(plan, painter, below)


def _paint_overview(plan: _Plan, painter: QPainter, area: QRectF) -> None:
    """Every cell's summary in a grid as wide as the picture (the board's overview)."""
    theme, fw = plan.theme, plan.session.framework
    painter.fillRect(area, theme.background)
    gap, margin = 6.0, 8.0
    elements, domains = fw.elements, fw.active_domains
    head_w = max(area.width() * 0.14, 220.0)
    col_w = (area.width() - head_w - 2 * margin - gap) / max(1, len(domains)) - gap
    name = QFontMetricsF(theme.font(max(ROOM_PX, 24.0), bold=True))
    head_h = name.lineSpacing() * 2 + 24
    row_h = (area.height() - head_h - 2 * margin - gap - PAD) / max(1, len(elements)) - gap
    left, top = area.left() + margin + head_w + gap, area.top() + margin + head_h + gap
    for i, d in enumerate(domains):
        paint_header(painter, theme, d, QRectF(left + i * (col_w + gap), area.top() + margin,
                                               col_w, head_h), 1.0)  # fmt: skip
    for j, e in enumerate(elements):
        y = top + j * (row_h + gap)
        paint_header(painter, theme, e, QRectF(area.left() + margin, y, head_w, row_h), 1.0)
        for i, d in enumerate(domains):
            item = plan.scene.cells.get((e.id, d.id))
            if item is not None:
                paint_cell(item, painter, QRectF(left + i * (col_w + gap), y, col_w, row_h),
                           1.0, summary=True)  # fmt: skip


def paint_board_picture(workshop: Workshop, round_id: str,
                        make_device: Callable[[int, int], QPaintDevice], *, names: bool = True,
                        layer: Layer = Layer.AS_IS, width: int = MIN_WIDTH
                        ) -> tuple[QPaintDevice, tuple[str, ...]]:  # fmt: skip
    """Paint the picture on the device `make_device(width, height)` returns, in the
    workshop's language; that device and what the reader should know (the board drawn as
    its overview). On the GUI thread only: a board scene drawn from another thread comes
    out empty."""
    app = QGuiApplication.instance()
    if app is not None and QThread.currentThread() is not app.thread():
        raise ExportError(_("A picture of the board is drawn by the window's own thread; "
                            "this is a mistake in TrustBoard, not in the workshop."))  # fmt: skip
    with using(workshop.framework.language):  # in the workshop's language, as every export
        return _paint_picture(workshop, round_id, make_device, names, layer, width)


def _paint_picture(workshop: Workshop, round_id: str,
                   make_device: Callable[[int, int], QPaintDevice], names: bool, layer: Layer,
                   width: int) -> tuple[QPaintDevice, tuple[str, ...]]:  # fmt: skip
    with _board(workshop, round_id, names, layer, LIGHT) as (session, scene):
        plan = _plan(session, scene, LIGHT, names, width)
        device = make_device(plan.width, plan.height)
        painter = QPainter(device)
        if not painter.isActive():
            raise ExportError(_("A picture of {width} × {height} pixels could not be drawn; "
                                "there may not be enough memory for it.").format(
                                    width=plan.width, height=plan.height))  # fmt: skip
        try:
            _paint(plan, painter)
        finally:
            painter.end()
        return device, plan.warnings


def write_board_picture(
    workshop: Workshop,
    round_id: str,
    path: Path,
    *,
    names: bool = True,
    layer: Layer = Layer.AS_IS,
    width: int = MIN_WIDTH,
) -> ExportResult:
    """Write a picture of the board's round `round_id` to `path`: a PNG or an SVG, as its
    suffix says. Raises ExportError (a PictureFormatError, also a ValueError, for a suffix
    that names neither) with a message for the user; nothing is written then."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in FORMATS:
        raise PictureFormatError(
            _(
                "“{name}” does not end in .png or .svg, so it is not clear which picture to "
                "write; name the file picture.png (an image) or picture.svg (drawing for editing)."
            ).format(name=path.name)
        )
    if suffix == ".png":
        data, warnings = _png(workshop, round_id, names, layer, width)
    else:
        data, warnings = _svg(workshop, round_id, names, layer, width)
    _write(path, data)
    return ExportResult(path=path, pages=1, size=len(data), warnings=warnings)


def _png(workshop: Workshop, round_id: str, names: bool, layer: Layer,
         width: int) -> tuple[bytes, tuple[str, ...]]:  # fmt: skip
    def image(w: int, h: int) -> QImage:
        return QImage(w, h, QImage.Format.Format_RGB32)

    device, warnings = paint_board_picture(workshop, round_id, image, names=names, layer=layer,
                                           width=width)  # fmt: skip
    assert isinstance(device, QImage)
    if device.isNull():
        raise ExportError(_("The picture of the board is too large to draw in memory; export "
                            "a spreadsheet or the PDF report instead."))  # fmt: skip
    blob = QByteArray()
    buffer = QBuffer(blob)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    if not device.save(buffer, "PNG"):
        raise ExportError(_("The picture of the board could not be encoded as a PNG."))
    buffer.close()
    return bytes(blob.data()), warnings


def _svg(workshop: Workshop, round_id: str, names: bool, layer: Layer,
         width: int) -> tuple[bytes, tuple[str, ...]]:  # fmt: skip
    blob = QByteArray()
    buffer = QBuffer(blob)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    generator = QSvgGenerator()

    def svg(w: int, h: int) -> QSvgGenerator:
        generator.setOutputDevice(buffer)
        generator.setSize(QSize(w, h))
        generator.setViewBox(QRect(0, 0, w, h))
        generator.setResolution(96)
        generator.setTitle(_("TrustBoard board picture"))
        return generator

    _device, warnings = paint_board_picture(workshop, round_id, svg, names=names, layer=layer,
                                      width=width)  # fmt: skip
    buffer.close()
    return bytes(blob.data()), warnings


def _write(path: Path, data: bytes) -> None:
    """All or nothing: a half-written picture never replaces a good one."""
    part = path.with_name(f".{path.name}.part")
    try:
        part.write_bytes(data)
        os.replace(part, path)
    except OSError as exc:
        part.unlink(missing_ok=True)
        raise ExportError(
            _(
                "The picture could not be saved as {path}: {error}. "
                "Choose a folder you can write to."
            ).format(path=path, error=exc.strerror or exc)
        ) from None
