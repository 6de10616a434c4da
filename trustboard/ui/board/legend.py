"""The board's key for the room: the round on the board, what each card colour is and what
the cell badges say. It sits over the board's bottom-left corner in large type, lets the
pointer through to the board, and is the same in presenter mode."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import (
    QAbstractScrollArea,
    QFrame,
    QGridLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from trustboard.domain.framework import CardKind
from trustboard.ui.session import Session
from trustboard.ui.text import plain_label

TEXT_PX = 18  # the smallest text the back row of a workshop room reads
SWATCH_PX = 22
KINDS_PER_ROW = 4
MARGIN = 8
# What the cells' badges say (see decorate_cell), in the words they are drawn with.
BADGES = (
    ("We 3", "our score (the median)"),
    ("Customers 4", "the customers' view"),
    ("+2 to-be cards", "cards of the other layer"),
    ("!", "the scores disagree"),
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
        self.body = QWidget(self)
        self.body.setObjectName("legendBody")
        body = QVBoxLayout(self.body)
        body.setContentsMargins(0, 0, 0, 0)
        self.kinds = QGridLayout()
        self.kinds.setHorizontalSpacing(16)
        body.addLayout(self.kinds)
        self.badges = QGridLayout()
        self.badges.setHorizontalSpacing(12)
        for n, (badge, meaning) in enumerate(BADGES):
            row, col = divmod(n, 2)
            tag = plain_label(badge, TEXT_PX, bold=True, wrap=False, name=f"legendBadge{n}")
            tag.setFrameShape(QFrame.Shape.Box)
            tag.setContentsMargins(6, 0, 6, 0)
            self.badges.addWidget(tag, row, 2 * col, Qt.AlignmentFlag.AlignLeft)
            self.badges.addWidget(plain_label(meaning, TEXT_PX, wrap=False), row, 2 * col + 1)
        body.addLayout(self.badges)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 8, 12, 8)
        layout.addWidget(self.round_label)
        layout.addWidget(self.body)
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
        self.body.setVisible(on)
        self.place()

    def refresh(self, *_: object) -> None:
        self.round_label.setText(round_name(self.session))
        kinds = self.session.framework.card_kinds
        if kinds != self._kinds:
            self._kinds = kinds
            while self.kinds.count():
                item = self.kinds.takeAt(0)
                if item is not None and item.widget() is not None:
                    item.widget().deleteLater()
            for n, kind in enumerate(kinds):
                row, col = divmod(n, KINDS_PER_ROW)
                self.kinds.addWidget(_swatch(kind.colour), row, 2 * col)
                name = plain_label(kind.name, TEXT_PX, wrap=False, name=f"legendKind_{kind.id}")
                self.kinds.addWidget(name, row, 2 * col + 1)
        self.place()

    def place(self) -> None:
        """Bottom-left of the board's visible area, never wider or taller than it."""
        area = self.view.viewport().geometry()
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


def _swatch(colour: str) -> QLabel:
    swatch = QLabel()
    swatch.setFixedSize(SWATCH_PX, SWATCH_PX)
    swatch.setFrameShape(QFrame.Shape.Box)
    swatch.setAutoFillBackground(True)
    palette = swatch.palette()
    palette.setColor(QPalette.ColorRole.Window, QColor(colour))
    swatch.setPalette(palette)
    return swatch
