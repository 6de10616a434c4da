"""Sticky-note cards on the board, and the editor that types into one.

A card draws its text as large as fits, never under ROOM_PX on screen (detail.py): zoomed
in, long text takes smaller type to show whole; what still does not fit ends in "…", and
the card, once selected, unfolds to show all of it. Below SUMMARY_BELOW cards draw nothing:
their cell summarises them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QPointF, QRectF, Qt, SignalInstance
from PySide6.QtGui import (
    QColor,
    QFocusEvent,
    QFontMetricsF,
    QGuiApplication,
    QKeyEvent,
    QPainter,
    QPainterPath,
    QPen,
    QStaticText,
)
from PySide6.QtWidgets import (
    QGraphicsItem,
    QGraphicsRectItem,
    QGraphicsSceneMouseEvent,
    QGraphicsTextItem,
    QStyleOptionGraphicsItem,
    QWidget,
)

from trustboard.domain import limits
from trustboard.domain.workshop import Card
from trustboard.i18n import _
from trustboard.ui.board.card_text import initials, wrap
from trustboard.ui.board.detail import (
    SMALL_PX,
    TEXT_PX,
    at_least,
    is_summary,
    text_sizes,
)
from trustboard.ui.board.geometry import CARD_H, CARD_W
from trustboard.ui.board.labels import lod_of
from trustboard.ui.text import plain_tooltip
from trustboard.ui.text_limits import TextLimit, limit_hint
from trustboard.ui.theme import BoardTheme

if TYPE_CHECKING:
    from trustboard.ui.session import Session


class Board(Protocol):
    """What a card needs of the scene it sits in (the BoardScene), without importing it."""

    session: Session

    def show_drop_target(self, pos: QPointF | None) -> None: ...
    def lod(self) -> float: ...
    @property
    def edit_requested(self) -> SignalInstance: ...
    def drop_selected(self, grabbed: CardItem, pos: QPointF) -> None: ...


CARD_RADIUS = 6.0
_SHADOW = QColor(0, 0, 0, 40)
_CARD_BOUNDS = QRectF(-3, -3, CARD_W + 8, CARD_H + 8)


class CardEditor(QGraphicsTextItem):
    """In-place text editing: Enter commits, Shift+Enter breaks the line, Esc cancels
    (on a new card with words typed, as an undoable "Discard new card")."""

    def __init__(self, card_item: CardItem) -> None:
        super().__init__(card_item)
        self.card_item = card_item
        self.finished = False
        self.setPlainText(card_item.card.text)
        self.limit = TextLimit(self.document(), limits.CARD_CHARS)
        self.setToolTip(limit_hint(limits.CARD_CHARS))
        self.setTextWidth(CARD_W - 16)
        self.setPos(8, 6)
        board = card_item.scene()
        lod = board.lod() if board is not None else 1.0  # type: ignore[attr-defined]
        self.setFont(card_item.theme.font(at_least(TEXT_PX, lod)))
        self.setDefaultTextColor(card_item.theme.card_text)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextEditorInteraction)
        self.setZValue(5)
        cursor = self.textCursor()  # at the end: F2 adds to a card, it doesn't replace it
        cursor.movePosition(cursor.MoveOperation.End)
        self.setTextCursor(cursor)

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem,
              widget: QWidget | None = None) -> None:  # fmt: skip
        painter.fillRect(self.boundingRect(), QColor(255, 255, 255, 235))
        super().paint(painter, option, widget)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not (
            event.modifiers() & Qt.KeyboardModifier.ShiftModifier
        ):
            self.card_item.finish_edit(commit=True)
            return
        if event.key() == Qt.Key.Key_Escape:
            self.card_item.finish_edit(commit=False)
            return
        super().keyPressEvent(event)

    def focusOutEvent(self, event: QFocusEvent) -> None:  # noqa: N802 - Qt override
        super().focusOutEvent(event)
        if not self.finished and self.card_item.scene() is not None:
            self.card_item.finish_edit(commit=True)


class CardItem(QGraphicsRectItem):
    """A sticky note: colour by kind, wrapped text, author initials, vote dots, action tag.

    A rect item, so Qt reads its bounds (the card and its shadow) without calling into
    Python: painting and finding items walk thousands of cards on a big board.
    """

    def __init__(self, card: Card, theme: BoardTheme, colour: QColor) -> None:
        super().__init__(_CARD_BOUNDS)
        self.setPen(QPen(Qt.PenStyle.NoPen))
        self.card = card
        self.theme = theme
        self.colour = colour
        self.show_author = True
        self.show_votes = True
        self.editor: CardEditor | None = None
        self.seq = 0  # the order the board added it in, for a stable selection order
        self.is_new = False
        self._press_pos: QPointF | None = None
        self._wrapped: dict[tuple[float, int], tuple[list[tuple[float, str]], bool]] = {}
        self._static: dict[tuple[float, str], QStaticText] = {}  # laid out once, drawn often
        self.height = CARD_H  # taller while unfolded to show the whole text
        self.setFlags(
            QGraphicsItem.GraphicsItemFlag.ItemIsSelectable
            | QGraphicsItem.GraphicsItemFlag.ItemIsMovable
            | QGraphicsItem.GraphicsItemFlag.ItemIsFocusable
        )
        self.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)
        self.setZValue(1)
        self._update_tooltip()

    def set_card(self, card: Card, colour: QColor) -> None:
        old = self.card
        self.card = card
        if card.text != old.text:
            self._wrapped.clear()
            self._static.clear()
            self._update_tooltip()
            if self.height != CARD_H and self.scene() is not None:
                self.unfold(self.scene_.lod())
        drawn = (card.text, card.author, card.votes, card.action)
        if drawn != (old.text, old.author, old.votes, old.action) or colour != self.colour:
            self.colour = colour
            self.update()  # a card that only moved or was renumbered needs no repaint

    def _update_tooltip(self) -> None:
        self.setToolTip(plain_tooltip(self.card.text[:2000]))

    @property
    def scene_(self) -> Board:
        return self.scene()  # type: ignore[return-value]

    def shape(self) -> QPainterPath:
        path = QPainterPath()
        path.addRect(QRectF(0, 0, CARD_W, self.height))
        return path

    def _footer_height(self, lod: float, *, with_initials: bool = True) -> float:
        """Room for initials, the action tag and vote dots, where the card has any to show.
        Zoomed out, initials give way to the card's words; votes and actions stay."""
        card = self.card
        initials_shown = with_initials and self.show_author and bool(card.author) and lod >= 0.9
        if not (initials_shown or card.action is not None or (self.show_votes and card.votes)):
            return 0.0
        return at_least(SMALL_PX, lod) * 1.25 * self.theme.scale + 6

    def _text(self, lod: float, box_h: float) -> tuple[float, list[tuple[float, str]], bool]:
        """The largest readable size whose lines fit `box_h`, or the smallest, cut with "…"."""
        width = CARD_W - 20
        found: tuple[float, list[tuple[float, str]], bool] | None = None
        for size in text_sizes(lod):
            key = (size, round(box_h))
            if key not in self._wrapped:
                self._wrapped[key] = wrap(self.card.text, size, self.theme, width, box_h)
            lines, cut = self._wrapped[key]
            found = (size, lines, cut)
            if not cut:
                break
        assert found is not None
        return found

    def unfold(self, lod: float | None) -> None:
        """Grow to show the whole text at scale `lod`; None: back to a card's size."""
        height = CARD_H
        if lod is not None and not is_summary(lod) and self.editor is None and self.card.text:
            size = text_sizes(lod)[-1]
            lines, _rest = wrap(self.card.text, size, self.theme, CARD_W - 20, 1e9)
            descent = QFontMetricsF(self.theme.font(size)).descent()
            need = 8 + (lines[-1][0] + descent if lines else 0) + self._footer_height(lod) + 10
            height = min(max(CARD_H, need), CARD_H * 8)
        if height != self.height:
            self.height = height
            self.setRect(QRectF(-3, -3, CARD_W + 8, height + 8))
            self.setZValue(3 if height > CARD_H else 1)  # over the cards below it

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem,
              widget: QWidget | None = None) -> None:  # fmt: skip
        lod = lod_of(painter, option)
        if is_summary(lod):
            return  # too small to read: the cell summarises its cards
        t = self.theme
        rect = QRectF(0, 0, CARD_W, self.height)
        # The shadow is a plain offset block: a rounded, smoothed one cost a quarter of a
        # zoom step's frame, and at a card's corner nobody tells them apart.
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        if lod >= 0.9:  # further out it is a pixel or two, and many cards are in sight
            painter.fillRect(rect.adjusted(CARD_RADIUS, 4, 3, 4), _SHADOW)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, lod >= 1.0)
        selected = self.isSelected()
        painter.setPen(QPen(t.current_border, 4) if selected else QPen(t.card_border, 1))
        painter.setBrush(self.colour)
        painter.drawRoundedRect(rect, CARD_RADIUS, CARD_RADIUS)
        if self.editor is not None:
            return
        footer_h = self._footer_height(lod)
        size, lines, cut = self._text(lod, self.height - 14 - footer_h)
        with_initials = True
        if cut and footer_h:  # the words come first: the author's initials make way
            with_initials = False
            footer_h = self._footer_height(lod, with_initials=False)
            size, lines, _rest = self._text(lod, self.height - 14 - footer_h)
        painter.setPen(t.card_text)
        painter.setFont(t.font(size))
        ascent = painter.fontMetrics().ascent()
        rtl = QGuiApplication.isRightToLeft()
        for y, line in lines:
            static = self._static.get((size, line))
            if static is None:
                static = self._static[size, line] = QStaticText(line)
                static.setTextFormat(Qt.TextFormat.PlainText)
                static.setPerformanceHint(QStaticText.PerformanceHint.AggressiveCaching)
            # Right to left, a line ends at the card's right edge.
            x = CARD_W - 10 - painter.fontMetrics().horizontalAdvance(line) if rtl else 10
            painter.drawStaticText(QPointF(x, 6 + y - ascent), static)
        if footer_h:
            box = QRectF(10, self.height - footer_h, CARD_W - 20, footer_h - 4)
            self._paint_footer(painter, lod, box, with_initials=with_initials)

    def _paint_footer(self, painter: QPainter, lod: float, box: QRectF, *, with_initials: bool
                      ) -> None:  # fmt: skip
        t = self.theme
        size = at_least(SMALL_PX, lod)
        painter.setFont(t.font(size, bold=True))
        metrics = QFontMetricsF(painter.font())
        middle = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
        rtl = QGuiApplication.isRightToLeft()  # the footer mirrored: initials at the right
        if rtl:
            middle = (Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignAbsolute
                      | Qt.AlignmentFlag.AlignVCenter)  # fmt: skip

        def place(r: QRectF) -> QRectF:
            if not rtl:
                return r
            return QRectF(box.left() + box.right() - r.right(), r.top(), r.width(), r.height())

        x = box.left()
        if with_initials and self.show_author and self.card.author and lod >= 0.9:
            painter.setPen(QColor(0, 0, 0, 170))
            text = initials(self.card.author)
            painter.drawText(place(QRectF(x, box.top(), box.width(), box.height())), middle, text)
            x += metrics.horizontalAdvance(text) + size * 0.6
        right = box.right()
        if self.show_votes and self.card.votes:
            radius = max(5.0, size * 0.28)
            room = max(1, int((right - x - size * 2) // (radius * 2.6)))
            shown = min(self.card.votes, 6, room)
            cx = right - radius
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QColor("#1f3a5f"))
            for _dot in range(shown):
                dot_x = box.left() + box.right() - cx if rtl else cx
                painter.drawEllipse(QPointF(dot_x, box.center().y()), radius, radius)
                cx -= radius * 2.6
            right = cx - radius
            if self.card.votes > shown:
                more = f"+{self.card.votes - shown}"
                right -= metrics.horizontalAdvance(more)
                painter.setPen(QColor("#1f3a5f"))
                painter.drawText(place(QRectF(right, box.top(), box.width(), box.height())),
                                 middle, more)  # fmt: skip
        if self.card.action is not None:
            mark = "✔" if self.card.action.status.value == "done" else "▶"
            # Translators: a card's mark when it became an action ("▶ action").
            tag = _("{mark} action").format(mark=mark)
            if x + metrics.horizontalAdvance(tag) > right - 4:
                tag = mark
            painter.setPen(QColor("#0b3d91"))
            painter.drawText(place(QRectF(x, box.top(), max(0.0, right - x), box.height())),
                             middle, tag)  # fmt: skip

    # -- editing ---------------------------------------------------------------------

    def start_edit(self, *, new: bool = False) -> None:
        """Open the text editor; `new` for a card just added, which Esc takes away again."""
        if self.editor is not None or self.scene_.session.read_only:
            return
        self.is_new = new
        self.scene_.edit_requested.emit(self.card.id)  # a view zoomed out comes in to show it
        self.unfold(None)
        self.setCacheMode(QGraphicsItem.CacheMode.NoCache)
        self.editor = CardEditor(self)
        self.scene_.editing.add(self)
        self.editor.setFocus(Qt.FocusReason.OtherFocusReason)
        self.update()

    def finish_edit(self, *, commit: bool) -> None:
        editor = self.editor
        if editor is None or editor.finished:
            return
        editor.finished = True
        text = editor.toPlainText()[: limits.CARD_CHARS]
        self.editor = None
        editor.setParentItem(None)
        if editor.scene() is not None:
            editor.scene().removeItem(editor)
        self.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)
        self.update()
        scene = self.scene()
        if scene is None:
            return
        self.scene_.editing.discard(self)
        self.setFocus()
        session = self.scene_.session
        if self.card.id not in session.round.cards:
            return
        if self.is_new and not text.strip():
            session.cancel_new_card(self.card.id)  # left empty: as if never added
        elif self.is_new and not commit:
            session.discard_new_card(self.card.id, text)  # Esc: Undo brings the words back
        elif commit and text != self.card.text:
            session.update_card(self.card.id, text=text)
        self.is_new = False

    # -- mouse -----------------------------------------------------------------------

    def mousePressEvent(self, event: QGraphicsSceneMouseEvent) -> None:  # noqa: N802
        self._press_pos = self.pos()
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event: QGraphicsSceneMouseEvent) -> None:  # noqa: N802
        super().mouseMoveEvent(event)
        if self._press_pos is not None:
            self.scene_.show_drop_target(event.scenePos())

    def mouseReleaseEvent(self, event: QGraphicsSceneMouseEvent) -> None:  # noqa: N802
        self.scene_.show_drop_target(None)
        super().mouseReleaseEvent(event)
        if self._press_pos is not None and self.pos() != self._press_pos:
            self.scene_.drop_selected(self, event.scenePos())
        self._press_pos = None

    def mouseDoubleClickEvent(self, event: QGraphicsSceneMouseEvent) -> None:  # noqa: N802
        self.start_edit()


def unfold_one(selected: list[QGraphicsItem], unfolded: set[CardItem], lod: float
               ) -> set[CardItem]:  # fmt: skip
    """Unfold the card when `selected` is one card; fold the `unfolded` ones back.
    Returns the cards left unfolded."""
    cards = [i for i in selected if isinstance(i, CardItem)]
    one = cards[0] if len(cards) == 1 else None
    for item in unfolded - {one}:
        item.unfold(None)
    if one is None:
        return set()
    one.unfold(lod)
    return {one} if one.height > CARD_H else set()
