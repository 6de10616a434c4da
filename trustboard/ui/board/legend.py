"""The board's key for the room: the round on the board, what each card colour is and what
the cell badges say. It sits over the board's bottom-left corner in large type, lets the
pointer through to the board, and is the same in presenter mode."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QColor, QPainter, QPalette, QPixmap
from PySide6.QtWidgets import (
    QAbstractScrollArea,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from trustboard.domain.framework import CardKind
from trustboard.ui.session import Session
from trustboard.ui.text import plain_label

TEXT_PX = 18  # the smallest text the back row of a workshop room reads
SWATCH_PX = 22
COLUMN_GAP = 24
MARGIN = 8
# What the cells' badges say (see decorate_cell), in the words they are drawn with.
BADGES = (
    ("We 3", "our score (the median)"),
    ("Customers 4", "theirs"),
    ("+2 to-be cards", "on the other layer"),
    ("!", "scores disagree"),
)


def round_name(session: Session) -> str:
    rnd = session.round
    rounds = session.workshop.rounds
    number = next((n for n, r in enumerate(rounds, start=1) if r.id == rnd.id), len(rounds))
    label = rnd.label.strip()
    return f"Round {number}: {label}" if label else f"Round {number}"


class BoardLegend(QFrame):
    """The round's name, always; the card kinds and badges while `expanded`."""

    def __init__(self, view: QAbstractScrollArea, session: Session, *, expanded: bool) -> None:
        super().__init__(view)
        self.setObjectName("boardLegend")
        self.setAccessibleName("Legend")
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAutoFillBackground(True)
        palette = self.palette()
        background = QColor(palette.color(QPalette.ColorRole.Window))
        background.setAlpha(235)
        palette.setColor(QPalette.ColorRole.Window, background)
        self.setPalette(palette)
        self.view = view
        self.session = session
        self.expanded = expanded
        self.round_label = plain_label(px=TEXT_PX, bold=True, wrap=False, name="legendRound")
        # Kinds and badges are chips in as many columns as the board's width holds, so none
        # is cut and the key hides as little of the board as it can.
        self.kinds_box, self.kinds = _grid(self)
        self.badges_box, self.badges = _grid(self)
        self.badge_chips = [_chip(None, badge, meaning) for badge, meaning in BADGES]
        self.kind_chips: list[QWidget] = []
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 6, 12, 6)
        layout.setSpacing(4)
        layout.addWidget(self.round_label)
        layout.addWidget(self.kinds_box)
        layout.addWidget(self.badges_box)
        self._kinds: tuple[CardKind, ...] = ()
        session.viewed_round_changed.connect(self.refresh)
        session.changed.connect(self.refresh)  # a renamed round, kinds edited in the framework
        view.installEventFilter(self)
        view.viewport().installEventFilter(self)  # margins move it without resizing the view
        self.refresh()
        self.set_expanded(expanded)
        self.show()

    def set_expanded(self, on: bool) -> None:
        self.expanded = on
        self.kinds_box.setVisible(on)
        self.badges_box.setVisible(on)
        self.place()

    def refresh(self, *_: object) -> None:
        self.round_label.setText(round_name(self.session))
        kinds = self.session.framework.card_kinds
        if kinds != self._kinds:
            self._kinds = kinds
            for chip in self.kind_chips:
                chip.deleteLater()
            self.kind_chips = [_chip(kind.colour, kind.name, "", kind.id) for kind in kinds]
        self.place()

    def place(self) -> None:
        """Bottom-left of the board's visible area, never wider or taller than it."""
        area = self.view.viewport().geometry()
        room = area.width() - 2 * MARGIN - 24
        _arrange(self.kinds, self.kind_chips, room)
        _arrange(self.badges, self.badge_chips, room)
        self.adjustSize()
        width = min(self.sizeHint().width(), area.width() - 2 * MARGIN)
        height = min(self.sizeHint().height(), area.height() - 2 * MARGIN)
        self.setGeometry(
            area.left() + MARGIN, area.bottom() - height - MARGIN, max(width, 0), max(height, 0)
        )
        self.raise_()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if event.type() in (QEvent.Type.Resize, QEvent.Type.Move, QEvent.Type.Show):
            self.place()
        return False


def _grid(parent: QWidget) -> tuple[QWidget, QGridLayout]:
    box = QWidget(parent)
    grid = QGridLayout(box)
    grid.setContentsMargins(0, 0, 0, 0)
    grid.setHorizontalSpacing(COLUMN_GAP)
    grid.setVerticalSpacing(2)
    return box, grid


def _arrange(grid: QGridLayout, chips: list[QWidget], room: int) -> None:
    """`chips` in equal columns, as many as `room` pixels hold (at least one)."""
    if not chips:
        return
    width = max(chip.sizeHint().width() for chip in chips)
    columns = max(1, min(len(chips), (room + COLUMN_GAP) // (width + COLUMN_GAP)))
    for n, chip in enumerate(chips):
        grid.removeWidget(chip)
        row, col = divmod(n, columns)
        grid.addWidget(chip, row, col, Qt.AlignmentFlag.AlignLeft)
        chip.show()


def _chip(colour: str | None, name: str, meaning: str, kind_id: str = "") -> QWidget:
    """A kind (its colour and name) or a badge (as drawn, bold, and what it says)."""
    chip = QWidget()
    row = QHBoxLayout(chip)
    row.setContentsMargins(0, 0, 0, 0)
    row.setSpacing(8)
    if colour is not None:
        row.addWidget(_swatch(colour))
        row.addWidget(plain_label(name, TEXT_PX, wrap=False, name=f"legendKind_{kind_id}"))
    else:
        row.addWidget(plain_label(name, TEXT_PX, bold=True, wrap=False))
        row.addWidget(plain_label(meaning, TEXT_PX, wrap=False))
    return chip


def _swatch(colour: str) -> QLabel:
    """A square of the kind's colour, outlined so a pale one shows on a pale panel."""
    pixmap = QPixmap(SWATCH_PX, SWATCH_PX)
    pixmap.fill(QColor(colour))
    painter = QPainter(pixmap)
    painter.setPen(QColor(0, 0, 0, 140))
    painter.drawRect(0, 0, SWATCH_PX - 1, SWATCH_PX - 1)
    painter.end()
    swatch = QLabel()
    swatch.setPixmap(pixmap)
    swatch.setFixedSize(SWATCH_PX, SWATCH_PX)
    return swatch
