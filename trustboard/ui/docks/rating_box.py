"""Quick score entry for one cell and layer: a button per scale step, read-outs and a histogram."""

from __future__ import annotations

from collections import Counter

from PySide6.QtCore import QLocale, QRectF, QSize, Qt
from PySide6.QtGui import QKeyEvent, QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from trustboard.domain.framework import Cell, RatingScale
from trustboard.domain.workshop import Layer, Perspective, Rating
from trustboard.i18n import N_, _, ngettext
from trustboard.ui.actions import CUSTOMER_SCORE_KEYS, SCORE_KEYS, ActionId, make_action
from trustboard.ui.board.keys import score_digit
from trustboard.ui.session import Session
from trustboard.ui.text import (
    BODY_PX,
    CAPTION_PX,
    HEADING_PX,
    literal_text,
    plain_label,
    set_pixel_size,
)

PERSPECTIVE_NAMES = {Perspective.SELF: N_("We (self)"), Perspective.CUSTOMER: N_("Customers")}
# Translators: the board's layer: the situation today, and the one aimed for.
LAYER_NAMES = {Layer.AS_IS: N_("As-is"), Layer.TO_BE: N_("To-be")}
DISAGREE_TEXT = N_("⚠ The room disagrees — discuss")
BUTTONS_PER_LINE = 6  # a 0–10 scale wraps instead of widening the panel past a side dock


def disagrees(rating: Rating, scale: RatingScale) -> bool:
    return rating.disagrees(scale)


def format_median(median: float | None, scale: RatingScale) -> str:
    if median is None:
        return "–"
    if median == int(median):
        return f"{int(median)} ({scale.label(int(median))})"
    return QLocale().toString(median, "g", 6)


def key_hint(value: int, perspective: Perspective) -> str:
    if not 0 <= value <= 9:
        return ""
    key = f"{'Shift+' if perspective is Perspective.CUSTOMER else ''}{value}"
    return _("Key: {key}").format(key=key)


class ScoreHistogram(QWidget):
    """How many scores each step got, as small bars: fast to paint, nothing to import."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.counts: list[tuple[int, int]] = []
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        set_pixel_size(self, CAPTION_PX)

    def set_counts(self, counts: list[tuple[int, int]]) -> None:
        self.counts = counts
        summary = ", ".join(f"{value}: {n}" for value, n in counts)
        self.setAccessibleDescription(summary)
        self.setToolTip(literal_text(_("Scores per step — {counts}").format(counts=summary)))
        self.update()

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt override
        return QSize(40 * max(1, len(self.counts)), 64)

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt override
        return QSize(20 * max(1, len(self.counts)), 64)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt override
        if not self.counts:
            return
        painter = QPainter(self)
        palette = self.palette()
        text_h = self.fontMetrics().height()
        bar_area = self.height() - 2 * text_h - 4
        slot = self.width() / len(self.counts)
        top = max(1, max(n for _, n in self.counts))
        baseline = text_h + 2 + bar_area
        painter.setPen(palette.color(QPalette.ColorRole.Mid))
        painter.drawLine(0, baseline, self.width(), baseline)
        rtl = self.isRightToLeft()  # the steps run the way the score buttons do
        for i, (value, n) in enumerate(self.counts):
            x = (len(self.counts) - 1 - i) * slot if rtl else i * slot
            h = bar_area * n / top
            painter.fillRect(
                QRectF(x + slot * 0.2, text_h + 2 + bar_area - h, slot * 0.6, h),
                palette.color(QPalette.ColorRole.Highlight),
            )
            painter.setPen(palette.color(QPalette.ColorRole.WindowText))
            if n:
                painter.drawText(QRectF(x, text_h + bar_area - h - text_h + 2, slot, text_h),
                                 Qt.AlignmentFlag.AlignCenter, str(n))  # fmt: skip
            painter.drawText(QRectF(x, self.height() - text_h, slot, text_h),
                             Qt.AlignmentFlag.AlignCenter, str(value))  # fmt: skip


class PerspectiveRow(QFrame):
    """One perspective's scores for the current cell: add, take back, and what the room said."""

    def __init__(self, session: Session, perspective: Perspective,
                 parent: QWidget | None = None) -> None:  # fmt: skip
        super().__init__(parent)
        self.session = session
        self.perspective = perspective
        who = _(PERSPECTIVE_NAMES[perspective])
        self.setObjectName(f"ratingRow_{perspective.value}")
        self.setAccessibleName(_("{who} scores").format(who=who))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 4)
        self.name_label = plain_label(who, BODY_PX, bold=True)
        layout.addWidget(self.name_label)

        grid = QGridLayout()
        grid.setHorizontalSpacing(6)
        steps = session.framework.scale.steps
        self.buttons: dict[int, QPushButton] = {}
        for i, step in enumerate(steps):
            button = QPushButton(str(step.value))
            button.setObjectName(f"score_{perspective.value}_{step.value}")
            set_pixel_size(button, HEADING_PX, bold=True)
            button.setMinimumSize(36, 40)  # a comfortable target for a hurried click
            button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
            hint = key_hint(step.value, perspective)
            tip = _("{value} — {label}: add one score for {who}.").format(
                value=step.value, label=step.label, who=who
            )
            button.setToolTip(literal_text(tip + (f" {hint}" if hint else "")))
            button.setAccessibleName(
                _("Add a {who} score of {value}, {label}").format(
                    who=who, value=step.value, label=step.label
                )
            )
            button.clicked.connect(lambda _checked=False, v=step.value: self.add_score(v))
            grid.addWidget(button, *divmod(i, BUTTONS_PER_LINE))
            self.buttons[step.value] = button
        self.undo_button = QPushButton(_("↶ Undo"))
        self.undo_button.setObjectName(f"undoScore_{perspective.value}")
        set_pixel_size(self.undo_button, BODY_PX)
        shift = "Shift+" if perspective is Perspective.CUSTOMER else ""
        self.undo_button.setToolTip(
            literal_text(
                _("Take back the last {who} score. Key: {key}").format(
                    who=who, key=f"{shift}Backspace"
                )
            )
        )
        self.undo_button.setAccessibleName(_("Undo last {who} score").format(who=who))
        self.undo_button.clicked.connect(self.remove_last_score)
        # After the last score button, so reading order and tab order agree on any scale.
        grid.addWidget(self.undo_button, *divmod(len(steps), BUTTONS_PER_LINE))
        layout.addLayout(grid)

        self.readout = plain_label("", BODY_PX, name=f"readout_{perspective.value}")
        self.readout.setAccessibleName(_("{who} result").format(who=who))
        layout.addWidget(self.readout)
        self.histogram = ScoreHistogram(self)
        self.histogram.setObjectName(f"histogram_{perspective.value}")
        self.histogram.setAccessibleName(_("{who} scores per step").format(who=who))
        layout.addWidget(self.histogram)
        self.disagree_label = plain_label(_(DISAGREE_TEXT), BODY_PX, bold=True)
        self.disagree_label.setObjectName(f"disagree_{perspective.value}")
        self.disagree_label.setAccessibleName(_("{who}: the room disagrees").format(who=who))
        # Amber with black text reads on any projector and needs no red/green distinction.
        self.disagree_label.setStyleSheet(
            "background: #ffd166; color: #000000; padding: 4px 8px; border-radius: 4px;"
        )
        self.disagree_label.hide()
        layout.addWidget(self.disagree_label)

    def add_score(self, value: int) -> bool:
        cell = self.session.current_cell
        if cell is None or self.session.read_only:
            return False
        return self.session.add_score(
            cell, value, layer=self.session.layer, perspective=self.perspective
        )

    def remove_last_score(self) -> bool:
        cell = self.session.current_cell
        if cell is None or self.session.read_only:
            return False
        return self.session.remove_last_score(
            cell, layer=self.session.layer, perspective=self.perspective
        )

    def refresh(self, cell: Cell) -> None:
        session = self.session
        scale = session.framework.scale
        rating = session.round.rating(cell, session.layer, self.perspective)
        n = len(rating.scores)
        if n:
            self.readout.setText(
                ngettext(
                    "{n} score · median {median} · spread {spread}",
                    "{n} scores · median {median} · spread {spread}",
                    n,
                ).format(
                    n=n,
                    median=format_median(rating.median, scale),
                    spread=rating.spread,
                )
            )
        else:
            self.readout.setText(_("No scores yet"))
        counts = Counter(rating.scores)
        self.histogram.set_counts([(s.value, counts[s.value]) for s in scale.steps])
        self.disagree_label.setVisible(disagrees(rating, scale))
        editable = not session.read_only
        for button in self.buttons.values():
            button.setEnabled(editable)
        self.undo_button.setEnabled(editable and n > 0)

    def focus_chain(self) -> list[QWidget]:
        return [*self.buttons.values(), self.undo_button]


class RatingBox(QFrame):
    """Both perspectives for the layer the room is working on; digits score while it has focus."""

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.setObjectName("ratingBox")
        self.setAccessibleName(_("Rating"))
        # Clicking the box's background gives it the keys without adding a tab stop.
        self.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
        scale = session.framework.scale
        self.setToolTip(
            literal_text(
                _(
                    "Add one score per person: digits {low}–{high} for We (self), "
                    "Shift+digit for Customers; Backspace takes the last one back"
                ).format(low=scale.minimum, high=min(9, scale.maximum))
            )
        )
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        head = QGridLayout()
        self.heading = plain_label(_("Rating"), HEADING_PX, bold=True)
        self.layer_label = plain_label("", BODY_PX, bold=True, name="layerLabel")
        self.layer_label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.layer_label.setToolTip(_("Switch the board's layer (View menu) to rate the other one"))
        head.addWidget(self.heading, 0, 0)
        head.addWidget(self.layer_label, 0, 1)
        layout.addLayout(head)
        self.rows = {p: PerspectiveRow(session, p, self) for p in Perspective}
        for row in self.rows.values():
            layout.addWidget(row)
        self._init_keys()

    def refresh(self, cell: Cell) -> None:
        layer = self.session.layer
        self.layer_label.setText(_(LAYER_NAMES[layer]))
        self.layer_label.setAccessibleName(
            _("Rating the {layer} layer").format(layer=_(LAYER_NAMES[layer]))
        )
        for row in self.rows.values():
            row.refresh(cell)

    def focus_chain(self) -> list[QWidget]:
        return [w for row in self.rows.values() for w in row.focus_chain()]

    def _init_keys(self) -> None:
        """Digits score for us, Shift+digits for customers, wherever focus is in the box:
        actions of the registry, so the keys are listed and remapped with all the others."""
        keys = {
            **{i: (Perspective.SELF, n) for n, i in enumerate(SCORE_KEYS)},
            **{i: (Perspective.CUSTOMER, n) for n, i in enumerate(CUSTOMER_SCORE_KEYS)},
            ActionId.TAKE_BACK_SCORE: (Perspective.SELF, None),
            ActionId.TAKE_BACK_CUSTOMER_SCORE: (Perspective.CUSTOMER, None),
        }
        for action_id, (perspective, value) in keys.items():
            action = make_action(action_id, self)
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            action.triggered.connect(lambda _checked=False, p=perspective, v=value: self._key(p, v))
            self.addAction(action)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        """A top-row key that typed no digit (AZERTY's `&` for 1, ...) scores by its place."""
        digit = score_digit(event)
        if digit is None:
            super().keyPressEvent(event)
            return
        self._key(Perspective.SELF, digit)
        event.accept()

    def _key(self, perspective: Perspective, value: int | None) -> None:
        row = self.rows[perspective]
        if value is None:
            row.remove_last_score()
        elif self.session.framework.scale.contains(value):
            row.add_score(value)
