"""The things drawn on the board: headers, cells and sticky-note cards."""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import (
    QColor,
    QFocusEvent,
    QFontMetricsF,
    QKeyEvent,
    QPainter,
    QPainterPath,
    QPen,
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
from trustboard.domain.framework import Axis, Cell
from trustboard.domain.workshop import Card
from trustboard.ui.board.card_text import initials, wrap
from trustboard.ui.board.geometry import CARD_H, CARD_W, Rect
from trustboard.ui.text import plain_tooltip
from trustboard.ui.text_limits import TextLimit, limit_hint
from trustboard.ui.theme import BoardTheme

if TYPE_CHECKING:
    from trustboard.ui.session import Session


class Board(Protocol):
    """What a card needs of the scene it sits in (the BoardScene), without importing it."""

    session: Session

    def show_drop_target(self, pos: QPointF | None) -> None: ...
    def drop_selected(self, grabbed: CardItem, pos: QPointF) -> None: ...


CARD_RADIUS = 6.0
_CARD_BOUNDS = QRectF(-3, -3, CARD_W + 8, CARD_H + 8)
TEXT_PX = 17.0
SMALL_PX = 13.0


class HeaderItem(QGraphicsItem):
    """A row or column header: name large, group and definition small."""

    def __init__(self, axis: Axis, rect: Rect, theme: BoardTheme, *, is_row: bool) -> None:
        super().__init__()
        self.axis = axis
        self.is_row = is_row
        self.theme = theme
        self.rect = QRectF(*rect)
        self.setToolTip(plain_tooltip(f"{axis.name}\n{axis.definition}".strip()))
        self.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)

    def set_rect(self, rect: Rect) -> None:
        if QRectF(*rect) != self.rect:
            self.prepareGeometryChange()
            self.rect = QRectF(*rect)

    def boundingRect(self) -> QRectF:  # noqa: N802 - Qt override
        return self.rect

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem,
              widget: QWidget | None = None) -> None:  # fmt: skip
        t = self.theme
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(t.header)
        painter.drawRoundedRect(self.rect, 8, 8)
        inner = self.rect.adjusted(14, 10, -14, -8)
        painter.setPen(t.header_text)
        painter.setFont(t.font(SMALL_PX))
        group_h = 0.0
        if self.axis.group:
            painter.drawText(inner, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop,
                             self.axis.group.upper())  # fmt: skip
            group_h = SMALL_PX * t.scale + 6
        painter.setFont(t.font(24, bold=True))
        name_rect = inner.adjusted(0, group_h, 0, 0)
        painter.drawText(name_rect, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop
                         | Qt.TextFlag.TextWordWrap, self.axis.name)  # fmt: skip
        if self.axis.definition:
            painter.setFont(t.font(SMALL_PX))
            name_h = QFontMetricsF(t.font(24, bold=True)).boundingRect(
                name_rect, Qt.TextFlag.TextWordWrap, self.axis.name).height()  # fmt: skip
            painter.drawText(inner.adjusted(0, group_h + name_h + 6, 0, 0),
                             Qt.AlignmentFlag.AlignLeft | Qt.TextFlag.TextWordWrap,
                             self.axis.definition)  # fmt: skip


class CellItem(QGraphicsItem):
    """A cell: tinted by its rating, with the room's median, spread and hidden-card count."""

    def __init__(self, cell: Cell, rect: Rect, theme: BoardTheme) -> None:
        super().__init__()
        self.cell = cell
        self.theme = theme
        self.rect = QRectF(*rect)
        self.tint = theme.cell
        self.badges: list[str] = []
        self.note = ""  # e.g. "+3 to-be cards"
        self.disagreement = False
        self.current = False
        self.drop_target = False  # a dragged card would land here
        self.setZValue(-1)
        self.setAcceptHoverEvents(False)

    def set_rect(self, rect: Rect) -> None:
        if QRectF(*rect) != self.rect:
            self.prepareGeometryChange()
            self.rect = QRectF(*rect)

    def looks(self) -> tuple[object, ...]:
        """Everything paint() draws from, to tell whether a repaint is needed."""
        return (self.tint.rgba(), tuple(self.badges), self.note, self.disagreement,
                self.current, self.drop_target, self.toolTip())  # fmt: skip

    def boundingRect(self) -> QRectF:  # noqa: N802 - Qt override
        return self.rect.adjusted(-4, -4, 4, 4)

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem,
              widget: QWidget | None = None) -> None:  # fmt: skip
        t = self.theme
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        if self.drop_target:
            border = QPen(t.current_border, 6, Qt.PenStyle.DashLine)
        elif self.current:
            border = QPen(t.current_border, 5)
        else:
            border = QPen(t.cell_border, 1.5)
        painter.setPen(border)
        painter.setBrush(self.tint)
        painter.drawRoundedRect(self.rect, 8, 8)
        x = self.rect.left() + 14
        painter.setFont(t.font(16, bold=True))
        metrics = QFontMetricsF(painter.font())
        for badge in self.badges:
            w = metrics.horizontalAdvance(badge) + 18
            box = QRectF(x, self.rect.top() + 10, w, 32)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QColor(255, 255, 255, 200))
            painter.drawRoundedRect(box, 16, 16)
            painter.setPen(t.card_text)
            painter.drawText(box, Qt.AlignmentFlag.AlignCenter, badge)
            x += w + 8
        if self.disagreement:
            box = QRectF(x, self.rect.top() + 10, 32, 32)
            painter.setPen(QPen(QColor("#7a3b00"), 2))
            painter.setBrush(QColor("#ffd27a"))
            painter.drawEllipse(box)
            painter.drawText(box, Qt.AlignmentFlag.AlignCenter, "!")
        if self.note:
            painter.setPen(t.muted_text)
            painter.setFont(t.font(SMALL_PX))
            painter.drawText(self.rect.adjusted(0, 10, -14, 0),
                             Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop, self.note)  # fmt: skip


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
        self.setFont(card_item.theme.font(TEXT_PX))
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
        self._lines: list[tuple[float, str]] | None = None
        self._cut = False
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
            self._lines = None
            self._update_tooltip()
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
        path.addRect(QRectF(0, 0, CARD_W, CARD_H))
        return path

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem,
              widget: QWidget | None = None) -> None:  # fmt: skip
        t = self.theme
        rect = QRectF(0, 0, CARD_W, CARD_H)
        lod = option.levelOfDetailFromTransform(painter.worldTransform())
        if lod < 0.22:  # too small to read: a coloured block is faster and clearer
            painter.fillRect(rect, self.colour)
            return
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(0, 0, 0, 40))
        painter.drawRoundedRect(rect.translated(3, 4), CARD_RADIUS, CARD_RADIUS)
        selected = self.isSelected()
        painter.setPen(QPen(t.current_border, 4) if selected else QPen(t.card_border, 1))
        painter.setBrush(self.colour)
        painter.drawRoundedRect(rect, CARD_RADIUS, CARD_RADIUS)
        if self.editor is not None:
            return
        if self._lines is None:
            self._lines, self._cut = wrap(self.card.text, TEXT_PX, t, CARD_W - 20, CARD_H - 40)
        painter.setPen(t.card_text)
        painter.setFont(t.font(TEXT_PX))
        for y, line in self._lines:
            painter.drawText(QPointF(10, 8 + y), line)
        self._paint_footer(painter)

    def _paint_footer(self, painter: QPainter) -> None:
        t = self.theme
        painter.setFont(t.font(SMALL_PX, bold=True))
        base_y = CARD_H - 10
        if self.show_author and self.card.author:
            painter.setPen(QColor(0, 0, 0, 170))
            painter.drawText(QPointF(10, base_y), initials(self.card.author))
        if self.card.action is not None:
            tag = "✔ action" if self.card.action.status.value == "done" else "▶ action"
            painter.setPen(QColor("#0b3d91"))
            painter.drawText(QPointF(56, base_y), tag)
        if self.show_votes and self.card.votes:
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QColor("#1f3a5f"))
            shown = min(self.card.votes, 6)
            x = CARD_W - 14
            for _ in range(shown):
                painter.drawEllipse(QPointF(x, base_y - 5), 5, 5)
                x -= 13
            if self.card.votes > shown:
                painter.setPen(QColor("#1f3a5f"))
                painter.drawText(QPointF(x - 22, base_y), f"+{self.card.votes - shown}")

    # -- editing ---------------------------------------------------------------------

    def start_edit(self, *, new: bool = False) -> None:
        """Open the text editor; `new` for a card just added, which Esc takes away again."""
        if self.editor is not None or self.scene_.session.read_only:
            return
        self.is_new = new
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
