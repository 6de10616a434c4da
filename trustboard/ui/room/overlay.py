"""The join code on the board and the projector: a QR code to scan from the back row, the
address in large type, how many phones are in, the phase and the cards waiting."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QRect, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QWidget

from trustboard.i18n import N_, _, format_number, ngettext

INK, PAPER, ACCENT = QColor("#000000"), QColor("#ffffff"), QColor("#8a3b00")
QUIET_ZONE = 4  # modules of white around the code, as scanners expect
MIN_WIDTH, MAX_WIDTH = 200, 640
# Of the board's height: ~350 px at 1280×720 (8 px modules), ~560 at 1920×1080 (12 px); at
# most this share of its width, so a small window keeps most of the board.
WIDTH_PER_HEIGHT, MOST_OF_WIDTH = 0.58, 0.45
# Translators: above the QR code on the board and the projector.
HEADING = N_("Scan to join")


@dataclass(frozen=True)
class RoomNotice:
    """What the overlay says; the controller makes a new one whenever something changes."""

    url: str = ""
    phones: int = 0
    phase: str = "Write"
    waiting: int = 0
    locked: bool = False
    pin: str = ""


def qr_matrix(text: str) -> list[list[bool]]:
    """The QR code of `text` as rows of dark (True) modules, quiet zone included."""
    import segno  # only when a room opens

    code = segno.make(text, error="m", micro=False)
    return [[bool(m) for m in row] for row in code.matrix_iter(scale=1, border=QUIET_ZONE)]


def phones_text(n: int) -> str:
    if n == 0:
        return _("No phones yet")
    # Translators: phones that joined the room, under its QR code: "12 phones in".
    return ngettext("{n} phone in", "{n} phones in", n).format(n=format_number(n))


def fit_font(font: QFont, text: str, width: int, least: float = 0.7) -> QFont:
    """`font`, smaller (to `least` of its size at most) when `text` is wider than `width`."""
    advance = QFontMetrics(font).horizontalAdvance(text)
    px = font.pixelSize()
    if advance <= width or px <= 0:
        return font
    fitted = QFont(font)
    fitted.setPixelSize(max(int(px * least), int(px * width / advance)))
    while fitted.pixelSize() > int(px * least) and (
        QFontMetrics(fitted).horizontalAdvance(text) > width
    ):
        fitted.setPixelSize(fitted.pixelSize() - 1)
    return fitted


class RoomOverlay(QWidget):
    """Painted black on white whatever the theme: that is what phones scan best and what a
    washed-out projector still shows. Not interactive; the key in the registry hides it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("roomOverlay")
        self.setAccessibleName(_("Join the room: QR code and address"))
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.notice = RoomNotice()
        self.matrix: list[list[bool]] = []
        self._width = MIN_WIDTH

    def show_notice(self, notice: RoomNotice) -> None:
        if notice.url != self.notice.url:
            self.matrix = qr_matrix(notice.url) if notice.url else []
        self.notice = notice
        self.setAccessibleDescription(self.lines_text())
        self.update()

    def lines_text(self) -> str:
        """Everything the overlay says, as one text (for screen readers and tests)."""
        return " · ".join([_(HEADING), self.address(), self.token(), *self.status_lines()])

    # -- what it says ------------------------------------------------------------------

    def address(self) -> str:
        """host:port of the link, the part people type first."""
        rest = self.notice.url.removeprefix("http://")
        return rest.split("/", 1)[0]

    def token(self) -> str:
        """The rest of the link ("/" and the room's token), for typing when a camera fails."""
        rest = self.notice.url.removeprefix("http://")
        return "/" + rest.split("/", 1)[1] if "/" in rest else ""

    def status_lines(self) -> list[str]:
        n = self.notice
        lines = [f"{phones_text(n.phones)} · {n.phase}"]
        if n.locked:
            lines.append(_("Room locked"))
        if n.pin:
            lines.append(_("PIN {pin}").format(pin=n.pin))
        if n.waiting:
            lines.append(
                ngettext("{n} card waiting", "{n} cards waiting", n.waiting).format(
                    n=format_number(n.waiting)
                )
            )
        return lines

    # -- size --------------------------------------------------------------------------

    def fit(self, room: QSize) -> QSize:
        """Its size beside a board that has `room` for both: as large as the back row needs."""
        wanted = min(room.height() * WIDTH_PER_HEIGHT, room.width() * MOST_OF_WIDTH)
        self._width = int(max(MIN_WIDTH, min(MAX_WIDTH, wanted)))
        size = QSize(self._width, min(room.height(), self._natural_height()))
        self.resize(size)
        return size

    def _fonts(self) -> tuple[QFont, QFont, QFont]:
        big = QFont(self.font())
        big.setPixelSize(max(18, self._width // 11))
        big.setBold(True)
        mono = QFont("monospace")
        mono.setStyleHint(QFont.StyleHint.TypeWriter)
        mono.setBold(True)
        px = max(12, self._width // 14)  # the token on one line: as large as fits
        mono.setPixelSize(px)
        room = self._width - 2 * self._pad()
        while px > 10 and QFontMetrics(mono).horizontalAdvance(self.token()) > room:
            px -= 1
            mono.setPixelSize(px)
        small = QFont(self.font())
        small.setPixelSize(max(16, self._width // 14))
        return big, mono, small

    def _pad(self) -> int:
        return max(8, self._width // 32)

    def _natural_height(self) -> int:
        big, mono, small = self._fonts()
        pad = self._pad()
        lines = (
            QFontMetrics(big).lineSpacing() * 2  # heading, address
            + QFontMetrics(mono).lineSpacing()
            + QFontMetrics(small).lineSpacing() * len(self.status_lines())
        )
        if self.notice.waiting:  # that line is in large type
            lines += QFontMetrics(big).lineSpacing() - QFontMetrics(small).lineSpacing()
        return pad * 4 + (self._width - 2 * pad) + lines

    # -- painting ----------------------------------------------------------------------

    def qr_rect(self) -> QRect:
        """Where the code is drawn: whole pixels per module, so every edge is crisp."""
        pad = self._pad()
        side = self.width() - 2 * pad
        n = len(self.matrix) or 1
        module = max(1, side // n)
        drawn = module * n
        big, _small, _mono = self._fonts()
        top = pad + QFontMetrics(big).lineSpacing()
        return QRect((self.width() - drawn) // 2, top + (side - drawn) // 2, drawn, drawn)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt override
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        p.setPen(QPen(INK, 3))
        p.setBrush(PAPER)
        p.drawRoundedRect(QRectF(self.rect()).adjusted(1.5, 1.5, -1.5, -1.5), 12, 12)
        big, mono, small = self._fonts()
        pad = self._pad()
        width = self.width() - 2 * pad
        y = pad
        y = self._line(p, big, _(HEADING), y, width)
        qr = self.qr_rect()
        p.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        n = len(self.matrix)
        if n:
            module = qr.width() // n
            p.setPen(Qt.PenStyle.NoPen)
            p.setBrush(INK)
            for r, row in enumerate(self.matrix):
                for c, dark in enumerate(row):
                    if dark:
                        p.drawRect(qr.x() + c * module, qr.y() + r * module, module, module)
        p.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        y += width + pad
        y = self._line(p, big, self.address(), y, width)
        y = self._line(p, mono, self.token(), y, width)
        for i, line in enumerate(self.status_lines()):
            waiting = i == len(self.status_lines()) - 1 and self.notice.waiting > 0
            y = self._line(p, big if waiting else small, line, y, width, ACCENT if waiting else INK)
        p.end()

    def _line(
        self, p: QPainter, font: QFont, text: str, y: int, width: int, color: QColor = INK
    ) -> int:
        p.setPen(color)
        metrics = QFontMetrics(font)
        fitted = fit_font(font, text, width)  # a longer language's words shrink, not cut
        p.setFont(fitted)
        shown = QFontMetrics(fitted).elidedText(text, Qt.TextElideMode.ElideRight, width)
        p.drawText(
            QRect(self._pad(), y, width, metrics.lineSpacing()),
            int(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignVCenter),
            shown,
        )
        return y + metrics.lineSpacing()
