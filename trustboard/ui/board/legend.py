"""The board's key for the room: the round on the board, what each card colour is and what
the cell badges say. It sits in a strip the board keeps free along its bottom, in large
type, and is the same in presenter mode."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QColor, QPainter, QPalette, QPixmap
from PySide6.QtWidgets import (
    QAbstractScrollArea,
    QFrame,
    QHBoxLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from trustboard.domain.framework import CardKind
from trustboard.i18n import N_, _
from trustboard.ui.session import Session
from trustboard.ui.text import plain_label

TEXT_PX = 18  # the smallest text the back row of a workshop room reads
SWATCH_PX = 22
COLUMN_GAP = 24
MARGIN = 8
# What the cells' badges say (see decorate_cell), in the words they are drawn with.
BADGES = (
    (N_("We {score}"), N_("our score (the median)")),
    (N_("Customers {score}"), N_("theirs")),
    (N_("+{n} to-be cards"), N_("on the other layer")),
    ("!", N_("scores disagree")),
)


def badges() -> list[tuple[str, str]]:
    """The legend's badges as the cells draw them, and what they mean, in the interface
    language."""
    examples = (3, 4, 2, None)
    out = []
    for (badge, meaning), example in zip(BADGES, examples, strict=True):
        shown = badge if example is None else _(badge).format(score=example, n=example)
        out.append((shown, _(meaning)))
    return out


def round_name(session: Session) -> str:
    rnd = session.round
    rounds = session.workshop.rounds
    number = next((n for n, r in enumerate(rounds, start=1) if r.id == rnd.id), len(rounds))
    label = rnd.label.strip()
    if label:
        return _("Round {number}: {label}").format(number=number, label=label)
    return _("Round {number}").format(number=number)


class BoardLegend(QFrame):
    """The round's name, always; the card kinds and badges while `expanded`."""

    def __init__(self, view: QAbstractScrollArea, session: Session, *, expanded: bool) -> None:
        super().__init__(view)
        self.setObjectName("boardLegend")
        self.setAccessibleName(_("Legend"))
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
        self._placing = False
        self.round_label = plain_label(px=TEXT_PX, bold=True, wrap=False, name="legendRound")
        # The round, the kinds and the badges flow as chips in lines as wide as the board,
        # so none is cut and the strip the key takes from the board is as low as it can be.
        self.kinds_box, self.kinds = _grid(self)
        self.badges_box, self.badges = _grid(self)
        self.badge_chips = [_chip(None, badge, meaning) for badge, meaning in badges()]
        self.kind_chips: list[QWidget] = []
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 6, 12, 6)
        layout.setSpacing(4)
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
        for chip in self.kind_chips:
            chip.setVisible(on)
        self.badges_box.setVisible(on)
        self.place()

    def refresh(self, *_args: object) -> None:
        self.round_label.setText(round_name(self.session))
        kinds = self.session.framework.card_kinds
        if kinds != self._kinds:
            self._kinds = kinds
            for chip in self.kind_chips:
                chip.deleteLater()
            self.kind_chips = [_chip(kind.colour, kind.name, "", kind.id) for kind in kinds]
            for chip in self.kind_chips:
                chip.setParent(self.kinds_box)
                chip.setVisible(self.expanded)
        self.place()

    def place(self) -> None:
        """Along the bottom of the board's area. A view that can (the board's) keeps that
        strip for it, so the key never covers a row of the board."""
        if self._placing:
            return  # reserving the strip resizes the viewport, which asks to place it again
        self._placing = True
        try:
            self._place()
        finally:
            self._placing = False

    def _place(self) -> None:
        area = self.view.viewport().geometry()
        bar = self.view.verticalScrollBar()
        # As wide as the board with or without its scroll bar, so a bar that comes and goes
        # as the strip changes the board's height does not change the strip.
        room = area.width() + (bar.width() if bar.isVisible() else 0) - 2 * MARGIN - 24
        _arrange(self.kinds, [self.round_label, *(self.kind_chips if self.expanded else [])],
                 room)  # fmt: skip
        _arrange(self.badges, self.badge_chips, room)
        for layout in (self.kinds, self.badges, self.layout()):
            layout.invalidate()
            layout.activate()  # the new lines' size now, not at the next turn of the loop
        self.adjustSize()
        width = min(self.sizeHint().width(), area.width() - 2 * MARGIN)
        reserve = getattr(self.view, "reserve_bottom", None)
        if reserve is None:
            height = min(self.sizeHint().height(), area.height() - 2 * MARGIN)
            top = area.bottom() - height - MARGIN
        else:
            height = min(self.sizeHint().height(), self.view.height() * 2 // 5)
            reserve(height + 2 * MARGIN)
            top = self.view.viewport().geometry().bottom() + 1 + MARGIN
        self.setGeometry(area.left() + MARGIN, top, max(width, 0), max(height, 0))
        self.raise_()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if event.type() in (QEvent.Type.Resize, QEvent.Type.Move, QEvent.Type.Show):
            self.place()
        return False


def _grid(parent: QWidget) -> tuple[QWidget, QVBoxLayout]:
    box = QWidget(parent)
    lines = QVBoxLayout(box)
    lines.setContentsMargins(0, 0, 0, 0)
    lines.setSpacing(2)
    return box, lines


def _arrange(lines: QVBoxLayout, chips: list[QWidget], room: int) -> None:
    """`chips` left to right in lines `room` pixels wide (one chip at least per line)."""
    while lines.count():
        line = lines.takeAt(0).layout()
        while line is not None and line.count():
            line.takeAt(0)
    row: QHBoxLayout | None = None
    used = 0
    for chip in chips:
        width = chip.sizeHint().width()
        if row is None or used + COLUMN_GAP + width > room:
            if row is not None:
                row.addStretch(1)
            row = QHBoxLayout()
            row.setSpacing(COLUMN_GAP)
            lines.addLayout(row)
            used = -COLUMN_GAP
        row.addWidget(chip)
        chip.show()
        used += COLUMN_GAP + width
    if row is not None:
        row.addStretch(1)


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
