"""The answers of the selected column and what each becomes: for a score, its value on
the scale; for a card column, its cell, kind or layer. Answers still to place are
highlighted, for the facilitator to place or skip."""

from __future__ import annotations

import dataclasses
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QHeaderView,
    QTableWidget,
    QVBoxLayout,
    QWidget,
)

from trustboard.domain.framework import Framework
from trustboard.i18n import _, ngettext
from trustboard.ui.imports import card_values, choices
from trustboard.ui.imports.columns import combo, text_item
from trustboard.ui.text import BODY_PX, CAPTION_PX, plain_label, set_pixel_size

NOT_PLACED = "not-placed"
SKIP = "skip"
UNPLACED_BRUSH = QBrush(QColor("#ffe8a3"))  # amber: asks for a decision, is not an error


# The ranges survey tools ask numbers in: answers from 3 to 9 are most likely a 0–10 scale
# on which nobody gave the extremes, and are spread as such (as the engine suggests).
COMMON_RANGES = ((1, 5), (0, 5), (1, 7), (0, 10), (1, 10), (0, 100))


def range_of(numeric: tuple[float, float]) -> tuple[float, float]:
    """The smallest common range holding the answers' numbers, else their own range."""
    lo, hi = numeric
    return next(((float(a), float(b)) for a, b in COMMON_RANGES if a <= lo and hi <= b), (lo, hi))


class LabelsPane(QWidget):
    """Answer → scale value (a score column) or → cell, kind or layer (a card column);
    `column_changed(ColumnMap)` on edits."""

    column_changed = Signal(object)

    def __init__(self, framework: Framework, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.framework = framework
        self.scale = framework.scale
        self.column: Any = None
        self.question: Any = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.title = plain_label("", BODY_PX, bold=True, name="importLabelsTitle")
        layout.addWidget(self.title)
        self.note = plain_label("", CAPTION_PX, name="importLabelsNote")
        layout.addWidget(self.note)
        self.rescale = QCheckBox(_("Spread the numbers evenly onto the scale"))
        self.rescale.setObjectName("importRescale")
        self.rescale.setToolTip(_("Numbers of another range, spread evenly onto the board's scale"))
        self.rescale.toggled.connect(self._rescaled)
        layout.addWidget(self.rescale)
        self.table = QTableWidget(0, 2)
        self.table.setObjectName("importLabels")
        self.table.setAccessibleName(_("Answers and the scale value each becomes"))
        self.table.setToolTip(_("Place each answer on the scale, or skip it"))
        self.table.setHorizontalHeaderLabels([_("Answer in the file"), _("Value on the scale")])
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        set_pixel_size(self.table, BODY_PX)
        layout.addWidget(self.table, 1)
        self.show_column(None, None)

    def options(self) -> list[tuple[Any, str]]:
        steps = [(s.value, f"{s.value} — {s.label}") for s in self.scale.steps]
        return [(NOT_PLACED, _("Not placed yet")), (SKIP, _("Skip this answer")), *steps]

    def show_column(self, question: Any, column: Any) -> None:
        """The answers of `question` as `column` maps them; empty unless it is a score."""
        self.question, self.column = question, column
        target = choices.target_value(column) if column is not None else ""
        self.table.setRowCount(0)
        self.rescale.hide()
        if target in card_values.TARGETS:
            self._show_values(question, column, target)
            return
        if target != "score":
            self.title.setText(_("Answers → scale values"))
            self.note.setText(
                _(
                    "Select a column used as a score to place its answers, or a card column "
                    "(cell, kind, layer) to say what its values mean."
                )
            )
            return
        self.title.setText(_("Answers of “{column}” → scale values").format(column=question.header))
        self.table.setHorizontalHeaderLabels([_("Answer in the file"), _("Value on the scale")])
        low, high = self.scale.minimum, self.scale.maximum
        if question.numeric is not None:
            lo, hi = column.rescale or range_of(question.numeric)
            self.rescale.setText(
                _("Spread the numbers {lo}–{hi} evenly onto {low}–{high}").format(
                    lo=f"{lo:g}", hi=f"{hi:g}", low=low, high=high
                )
            )
            self.rescale.blockSignals(True)
            self.rescale.setChecked(column.rescale is not None)
            self.rescale.blockSignals(False)
            self.rescale.show()
        labels = dict(column.labels)
        answers = list(question.answers)
        self.table.setRowCount(len(answers))
        unplaced = 0
        for row, answer in enumerate(answers):
            item = text_item(answer)
            current = labels.get(answer, NOT_PLACED) if answer in labels else NOT_PLACED
            current = SKIP if answer in labels and labels[answer] is None else current
            if current == NOT_PLACED and not self._numbers_fit(answer):
                item.setBackground(UNPLACED_BRUSH)
                unplaced += 1
            self.table.setItem(row, 0, item)
            box = combo(self.options(), current, "importLabelValue")
            box.currentIndexChanged.connect(lambda _i, a=answer, b=box: self._placed(a, b))
            self.table.setCellWidget(row, 1, box)
        self.note.setText(
            ngettext(
                "{n} answer not placed yet (highlighted): choose a value or “{skip}”.",
                "{n} answers not placed yet (highlighted): choose a value or “{skip}”.",
                unplaced,
            ).format(n=unplaced, skip=_("Skip this answer"))
            if unplaced
            else _("Every answer has a place on the scale {low}–{high} or is skipped.").format(
                low=low, high=high
            )
        )

    def _show_values(self, question: Any, column: Any, target: str) -> None:
        self.title.setText(
            _("Values of “{column}” → {meaning}").format(
                column=question.header, meaning=_(card_values.TARGETS[target])
            )
        )
        self.table.setHorizontalHeaderLabels([_("Value in the file"), _("What it means")])
        mapped = dict(column.values)
        options = card_values.options(self.framework, target)
        self.table.setRowCount(len(question.answers))
        unread = 0
        for row, answer in enumerate(question.answers):
            item = text_item(answer)
            current = mapped.get(answer, card_values.AS_FILE)
            if current == card_values.AS_FILE and not card_values.understood(
                self.framework, target, answer
            ):
                item.setBackground(UNPLACED_BRUSH)
                unread += 1
            self.table.setItem(row, 0, item)
            box = combo(options, current, "importLabelValue")
            box.currentIndexChanged.connect(lambda _i, a=answer, b=box: self._valued(a, b))
            self.table.setCellWidget(row, 1, box)
        self.note.setText(
            ngettext(
                "{n} value not understood (highlighted): choose what it means, or its cards "
                "get {fallback}.",
                "{n} values not understood (highlighted): choose what each means, or their "
                "cards get {fallback}.",
                unread,
            ).format(n=unread, fallback=_(card_values.FALLBACK[target]))
            if unread
            else _("Every value is understood.")
        )

    def _valued(self, answer: str, box: Any) -> None:
        self._change(card_values.with_value(self.column, answer, box.value()))

    def _numbers_fit(self, answer: str) -> bool:
        """A number already on the scale (or rescaled) needs no label."""
        if self.column is not None and self.column.rescale is not None:
            return True
        try:
            return self.scale.contains(int(answer))
        except ValueError:
            return False

    def unplaced(self) -> list[str]:
        """The answers highlighted as not placed."""
        return [
            self.table.item(r, 0).text()
            for r in range(self.table.rowCount())
            if self.table.item(r, 0).background() == UNPLACED_BRUSH
        ]

    def _placed(self, answer: str, box: Any) -> None:
        value = box.value()
        placed = value != NOT_PLACED
        column = choices.with_label(self.column, answer, None if value == SKIP else value, placed)
        self._change(column)

    def _rescaled(self, on: bool) -> None:
        if self.column is None or self.question is None:
            return
        self._change(
            dataclasses.replace(
                self.column, rescale=range_of(self.question.numeric) if on else None
            )
        )

    def _change(self, column: Any) -> None:
        self.column = column
        self.column_changed.emit(column)
        self.show_column(self.question, column)
