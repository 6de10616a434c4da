"""The mapping table: one row per column of the file, its header and a sample of its
answers, and what it becomes: a target ("Use as"), where it goes (a cell for scores and
comments, a KPI for a KPI), layer and perspective, each editable."""

from __future__ import annotations

import dataclasses
from typing import Any

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHeaderView,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from trustboard.domain.framework import Framework
from trustboard.domain.workshop import Workshop
from trustboard.i18n import N_, _
from trustboard.ui.imports import choices
from trustboard.ui.imports.engine import Engine
from trustboard.ui.text import BODY_PX, plain_tooltip, set_pixel_size

HEADERS = (N_("Column in the file"), N_("Answers (sample)"), N_("Use as"), N_("Goes to"),
           N_("Layer"), N_("Perspective"))  # fmt: skip
TARGET, PLACE, LAYER, PERSPECTIVE = 2, 3, 4, 5
CELL = KPI = PLACE  # a score's or comment's cell, or a KPI column's KPI
WIDTHS = (200, 130, 150, 190, 75)  # the last column stretches
SPOKEN = {"importTarget": N_("Use the column as"), "importPlace": N_("Goes to"),
          "importLayer": N_("Layer"), "importPerspective": N_("Perspective"),
          "importLabelValue": N_("Value on the scale")}  # fmt: skip
ROWS_PER_TURN = 4  # rows whose boxes are built in one turn of the event loop
SAMPLE = 3  # answers shown per column; the tooltip lists more


def text_item(text: str, tip: str = "") -> QTableWidgetItem:
    """A read-only cell showing the file's text as written (`<b>&`, `=HYPERLINK(…)`)."""
    item = QTableWidgetItem(text)
    item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
    item.setToolTip(plain_tooltip(tip or text))
    return item


def choice_model(
    options: list[tuple[Any, str]], parent: QObject | None = None
) -> QStandardItemModel:
    """The labels of `options` as a list model; many boxes may share one (a 50-column
    file would otherwise build some 1,400 items one by one)."""
    model = QStandardItemModel(parent)
    for _unused, label in options:
        item = QStandardItem(label)
        item.setToolTip(plain_tooltip(label))  # names typed into the framework, as typed
        model.appendRow(item)
    return model


class ValueCombo(QComboBox):
    """A choice among Python values (cells are tuples, which Qt's item data would turn
    into lists): `value()` and `choose(value)` speak in those values."""

    def __init__(self, options: list[tuple[Any, str]], current: Any, name: str,
                 model: QStandardItemModel | None = None) -> None:  # fmt: skip
        super().__init__()
        self.values = [value for value, _unused in options]
        self.setObjectName(name)
        spoken = _(SPOKEN[name]) if name in SPOKEN else name
        self.setAccessibleName(spoken)
        self.setToolTip(spoken)
        self.setModel(model if model is not None else choice_model(options, self))
        self.choose(current, quiet=True)
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.setMinimumContentsLength(8)

    def value(self) -> Any:
        return self.values[self.currentIndex()] if self.currentIndex() >= 0 else None

    def choose(self, value: Any, *, quiet: bool = False) -> None:
        """Select `value` (the first option if it is not among them)."""
        index = self.values.index(value) if value in self.values else 0
        self.blockSignals(quiet)
        self.setCurrentIndex(index)
        self.blockSignals(False)


def combo(options: list[tuple[Any, str]], current: Any, name: str,
          model: QStandardItemModel | None = None) -> ValueCombo:  # fmt: skip
    return ValueCombo(options, current, name, model)


class ColumnsTable(QTableWidget):
    """Edits a mapping column by column; says so with `column_changed(ColumnMap)`."""

    column_changed = Signal(object)
    filled = Signal()  # every row of the mapping on show has its boxes

    def __init__(self, engine: Engine, framework: Framework, workshop: Workshop,
                 parent: QWidget | None = None) -> None:  # fmt: skip
        super().__init__(0, len(HEADERS), parent)
        self.engine = engine
        self.framework = framework
        self.workshop = workshop
        self.questions: list[Any] = []
        self.columns: list[Any] = []  # the ColumnMap shown in each row
        self._models: dict[str, tuple[list[tuple[Any, str]], QStandardItemModel]] = {}
        self._filled = 0  # rows whose boxes are built
        self.setObjectName("importColumns")
        self.setAccessibleName(_("Columns of the file and what each becomes"))
        self.setToolTip(_("Each column of the file: choose what it becomes"))
        self.setHorizontalHeaderLabels([_(h) for h in HEADERS])
        self.verticalHeader().hide()
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setWordWrap(False)
        # Grid questions differ at the end ("… [Our staff]", "… [Our tools]"): a header too
        # long for its column keeps both ends. (Qt's own eliding: a Python delegate would
        # be called back for every cell painted, and wait on a busy worker to be.)
        self.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        set_pixel_size(self, BODY_PX)

    def show_mapping(self, questions: list[Any], mapping: Any) -> None:
        """One row per question column, set as `mapping` says (unmapped: Ignore)."""
        self.questions = list(questions)
        self.columns = [
            choices.column_for(mapping, q.header)
            or self.engine.ColumnMap(header=q.header, target=self.engine.Target("ignore"))
            for q in self.questions
        ]
        self.setRowCount(0)  # the boxes of an earlier mapping go
        self.setRowCount(len(self.questions))
        for row, q in enumerate(self.questions):
            self.setItem(row, 0, text_item(q.header))
            sample = "; ".join(q.answers[:SAMPLE])
            self.setItem(row, 1, text_item(sample, "\n".join(q.answers) or _("(no answers)")))
        self._filled = 0
        self._fill_more()
        for col, width in enumerate(WIDTHS):
            self.setColumnWidth(col, width)
        if self.questions and not self.selectedItems():
            self.selectRow(0)

    def question(self, row: int) -> Any:
        return self.questions[row]

    def _fill_more(self) -> None:
        """The next rows' boxes; the rest on later turns of the event loop, so a file of
        many columns never holds the window still while its table is built."""
        end = min(self._filled + ROWS_PER_TURN, len(self.questions))
        for row in range(self._filled, end):
            if self.cellWidget(row, TARGET) is None:
                self._fill_editors(row)
        self._filled = end
        if end < len(self.questions):
            QTimer.singleShot(0, self, self._fill_more)
        else:
            self.filled.emit()

    def _combo(self, kind: str, options: list[tuple[Any, str]], current: Any,
               name: str) -> ValueCombo:  # fmt: skip
        """A box over the table's one shared model for this kind of choice."""
        if kind not in self._models:
            self._models[kind] = (options, choice_model(options, self))
        options, model = self._models[kind]
        return combo(options, current, name, model)

    def _fill_editors(self, row: int, *, keep_target: bool = False) -> None:
        """The row's editors; the target's own box stays while its signal is being sent."""
        column = self.columns[row]
        target = choices.target_value(column)
        boxes = {
            TARGET: None
            if keep_target
            else self._combo("target", choices.shown(choices.TARGETS), target, "importTarget"),
            PLACE: self._place_box(column, target),
            LAYER: self._combo("layer", choices.shown(choices.LAYERS), column.layer, "importLayer"),
            PERSPECTIVE: self._combo(
                "perspective",
                choices.shown(choices.PERSPECTIVES),
                column.perspective,
                "importPerspective",
            ),
        }
        for col, box in boxes.items():
            if box is None:
                continue
            if col == LAYER:
                box.setEnabled(target in choices.NEEDS_LAYER)
            elif col == PERSPECTIVE:
                box.setEnabled(target in choices.NEEDS_PERSPECTIVE)
            box.currentIndexChanged.connect(lambda _i, r=row, c=col: self._edited(r, c))
            self.setCellWidget(row, col, box)

    def _place_box(self, column: Any, target: str) -> ValueCombo:
        if target in choices.NEEDS_CELL:
            options = choices.cell_choices(self.framework, target)
            box = self._combo(target, options, column.cell, "importPlace")
        elif target in choices.NEEDS_KPI:
            box = self._combo("kpi", choices.kpi_choices(self.workshop), column.kpi, "importPlace")
        else:
            box = self._combo("none", [(None, "–")], None, "importPlace")
            box.setEnabled(False)
        return box

    def editor(self, row: int, col: int) -> ValueCombo:
        if self.cellWidget(row, TARGET) is None:  # asked for before its turn came
            self._fill_editors(row)
        box = self.cellWidget(row, col)
        assert isinstance(box, ValueCombo)
        return box

    def _edited(self, row: int, col: int) -> None:
        value = self.editor(row, col).value()
        old = self.columns[row]
        if col == TARGET:
            new = self._retarget(row, old, value)
        elif col == PLACE:
            field = "kpi" if choices.target_value(old) in choices.NEEDS_KPI else "cell"
            new = dataclasses.replace(old, **{field: value})
        else:
            new = dataclasses.replace(old, **{"layer" if col == LAYER else "perspective": value})
        self.set_column(row, new)

    def _retarget(self, row: int, old: Any, value: str) -> Any:
        new = dataclasses.replace(old, target=self.engine.Target(value))
        q = self.questions[row]
        if value == "score" and not old.labels and q.numeric is None:
            new = dataclasses.replace(
                new, labels=tuple(self.engine.guess_labels(q.answers, self.framework.scale))
            )
        if value == "kpi" and not old.kpi:
            new = dataclasses.replace(new, kpi="nps" if q.numeric else "trust-yes")
        return new

    def set_column(self, row: int, column: Any) -> None:
        """Show `column` in `row` (its editors rebuilt when the target changed) and tell."""
        retargeted = choices.target_value(column) != choices.target_value(self.columns[row])
        self.columns[row] = column
        if retargeted:
            self._fill_editors(row, keep_target=True)
        self.column_changed.emit(column)
