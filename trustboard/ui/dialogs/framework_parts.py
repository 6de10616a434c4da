"""The framework editor's parts: the rows (or columns) editor and one cell's questions.

They apply their edits through the dialog that holds them (`EditorHost`).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import Protocol

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
)

from trustboard.domain.errors import ValidationError
from trustboard.domain.framework import Axis, Cell, Framework
from trustboard.frameworks import editing
from trustboard.frameworks.editing import AxisKind
from trustboard.ui.actions import ActionId, make_action
from trustboard.ui.dialogs import QuestionsEdit, button, field
from trustboard.ui.session import Session
from trustboard.ui.text import mnemonic_safe, plain_tooltip

Edit = Callable[[Framework], Framework]
_ID = Qt.ItemDataRole.UserRole


class EditorHost(Protocol):
    """The framework editor dialog, as its parts see it."""

    session: Session

    def show_problem(self, exc: Exception) -> None: ...
    def edit(self, text: str, edit: Edit) -> bool: ...
    def commit(self, text: str, after: Framework, *, removing: str = "") -> bool: ...


class AxisEditor(QGroupBox):
    """The rows (or the columns): a list, its buttons, and the selected one's fields."""

    def __init__(self, dialog: EditorHost, kind: AxisKind) -> None:
        super().__init__()
        self.dialog = dialog
        self.kind: AxisKind = kind
        self.noun = "row" if kind == "elements" else "column"
        self._current_id: str | None = None  # selected axis, kept across redraws
        self._shown_id: str | None = None  # axis whose values the fields hold
        n, cap = self.noun, self.noun.capitalize()
        self.list = field(QListWidget(), f"{cap}s", f"The framework's {n}s, in order")
        self.add = button("Add", f"add{cap}", f"Add a {n} after the selected one (Insert)")
        self.rename = button("Rename", f"rename{cap}", f"Rename the selected {n} (F2)")
        self.remove = button("Remove", f"remove{cap}", f"Remove the selected {n} (Delete)")
        self.up = button("Move up", f"up{cap}", f"Move the selected {n} up (Ctrl+Up)")
        self.down = button("Move down", f"down{cap}", f"Move the selected {n} down (Ctrl+Down)")
        applied = "applied when you leave the field"
        self.name = field(QLineEdit(), f"{cap} name", f"Shown in the grid header; {applied}")
        self.group = field(QLineEdit(), f"{cap} group", "A family such as 'ability' or 'human'")
        self.definition = field(
            QLineEdit(), f"{cap} definition", "One sentence the room reads in the side panel"
        )
        self.questions = field(
            QuestionsEdit(),
            f"{cap} questions",
            f"Questions for every cell of this {n}, one per line; {applied} (or Ctrl+Return)",
        )
        self.enabled = field(
            QCheckBox("Show this optional column (on/off)"),
            "Column on/off",
            "Optional columns such as Offer / Brand can be switched off; their cards are kept",
        )
        self._layout()
        self._connect()

    def _layout(self) -> None:
        buttons = QHBoxLayout()
        for b in (self.add, self.rename, self.remove, self.up, self.down):
            buttons.addWidget(b)
        form = QFormLayout()
        form.addRow("Name", self.name)
        form.addRow("Group", self.group)
        form.addRow("Definition", self.definition)
        form.addRow("Questions", self.questions)
        form.addRow("", self.enabled)
        self.enabled.setVisible(self.kind == "domains")
        box = QVBoxLayout(self)
        box.addWidget(self.list, 1)
        box.addLayout(buttons)
        box.addLayout(form, 1)

    def _connect(self) -> None:
        self.list.currentRowChanged.connect(self._on_row_changed)
        self.add.clicked.connect(self.add_axis)
        self.rename.clicked.connect(self.start_rename)
        self.remove.clicked.connect(self.remove_axis)
        self.up.clicked.connect(lambda: self.move_axis(-1))
        self.down.clicked.connect(lambda: self.move_axis(+1))
        self.name.editingFinished.connect(self._commit_name)
        self.group.editingFinished.connect(lambda: self._commit_field("group", "Change {} group"))
        self.definition.editingFinished.connect(
            lambda: self._commit_field("definition", "Edit {} definition")
        )
        self.questions.editingFinished.connect(self._commit_questions)
        self.enabled.toggled.connect(self._commit_enabled)
        keys: dict[ActionId, Callable[[], object]] = {
            ActionId.AXIS_ADD: self.add_axis,
            ActionId.AXIS_REMOVE: self.remove_axis,
            ActionId.AXIS_RENAME: self.start_rename,
            ActionId.AXIS_UP: lambda: self.move_axis(-1),
            ActionId.AXIS_DOWN: lambda: self.move_axis(+1),
        }
        for action_id, slot in keys.items():  # the registry's keys, on this list only
            action = make_action(action_id, self.list)
            action.triggered.connect(lambda _=False, s=slot: s())
            self.list.addAction(action)

    # -- showing the model -----------------------------------------------------------

    def axes(self) -> tuple[Axis, ...]:
        fw = self.dialog.session.framework
        return fw.elements if self.kind == "elements" else fw.domains

    def current_id(self) -> str | None:
        return self._current_id

    def select(self, axis_id: str) -> None:
        ids = [a.id for a in self.axes()]
        if axis_id in ids:
            self.list.setCurrentRow(ids.index(axis_id))

    def refresh(self) -> None:
        fw = self.dialog.session.framework
        label = fw.element_label if self.kind == "elements" else fw.domain_label
        self.setTitle(mnemonic_safe(f"{label} ({self.noun}s)"))
        self.list.setAccessibleName(f"{label} ({self.noun}s)")
        axes = self.axes()
        ids = [a.id for a in axes]
        if self._current_id not in ids:
            self._current_id = ids[0] if ids else None
        self.list.blockSignals(True)
        self.list.clear()
        for axis in axes:
            text = axis.name
            if axis.optional:
                text += " (optional, on)" if axis.enabled else " (optional, off)"
            item = QListWidgetItem(text)
            item.setData(_ID, axis.id)
            item.setToolTip(plain_tooltip(axis.definition or axis.name))
            self.list.addItem(item)
        if self._current_id is not None:
            self.list.setCurrentRow(ids.index(self._current_id))
        self.list.blockSignals(False)
        self._load_fields()

    def _on_row_changed(self, row: int) -> None:
        item = self.list.item(row)
        self._current_id = item.data(_ID) if item is not None else None
        self._load_fields()

    def _axis(self, axis_id: str | None) -> Axis | None:
        return next((a for a in self.axes() if a.id == axis_id), None)

    def _load_fields(self) -> None:
        axis = self._axis(self._current_id)
        self._shown_id = axis.id if axis else None
        editable = not self.dialog.session.read_only
        for widget, value in (
            (self.name, axis.name if axis else ""),
            (self.group, axis.group if axis else ""),
            (self.definition, axis.definition if axis else ""),
        ):
            widget.setText(value)
            widget.setCursorPosition(0)
            widget.setReadOnly(not editable or axis is None)
        self.questions.blockSignals(True)
        self.questions.setPlainText("\n".join(q.text for q in axis.questions) if axis else "")
        self.questions.setReadOnly(not editable or axis is None)
        self.questions.blockSignals(False)
        self.enabled.blockSignals(True)
        self.enabled.setChecked(axis.enabled if axis else True)
        self.enabled.setEnabled(editable and axis is not None and axis.optional)
        self.enabled.blockSignals(False)
        row = self.list.currentRow()
        count = self.list.count()
        self.add.setEnabled(editable)
        self.rename.setEnabled(editable and axis is not None)
        self.remove.setEnabled(editable and axis is not None and count > 1)
        self.up.setEnabled(editable and axis is not None and row > 0)
        self.down.setEnabled(editable and axis is not None and row < count - 1)

    # -- edits -----------------------------------------------------------------------

    def add_axis(self) -> bool:
        if self.dialog.session.read_only:
            return False
        row = self.list.currentRow()
        index = row + 1 if row >= 0 else None
        try:
            after, new_id = editing.add_axis(
                self.dialog.session.framework, self.kind, f"New {self.noun}", index=index
            )
        except ValidationError as exc:
            self.dialog.show_problem(exc)
            return False
        previous, self._current_id = self._current_id, new_id
        if not self.dialog.commit(f"Add {self.noun}", after):
            self._current_id = previous
            return False
        self.start_rename()
        return True

    def start_rename(self) -> None:
        if self._shown_id is not None and not self.name.isReadOnly():
            self.name.setFocus(Qt.FocusReason.ShortcutFocusReason)
            self.name.selectAll()

    def remove_axis(self) -> bool:
        axis = self._axis(self._current_id)
        if axis is None or self.dialog.session.read_only:
            return False
        ids = [a.id for a in self.axes()]
        i = ids.index(axis.id)
        neighbour = ids[i + 1] if i + 1 < len(ids) else ids[i - 1] if i > 0 else None
        try:
            after = editing.remove_axis(self.dialog.session.framework, self.kind, axis.id)
        except ValidationError as exc:
            self.dialog.show_problem(exc)
            return False
        self._current_id = neighbour
        if not self.dialog.commit(f"Remove {self.noun}", after, removing=axis.name):
            self._current_id = axis.id
            return False
        return True

    def move_axis(self, delta: int) -> bool:
        axis_id = self._current_id
        if axis_id is None:
            return False
        ids = [a.id for a in self.axes()]
        target = ids.index(axis_id) + delta
        if not 0 <= target < len(ids):
            return False
        word = "up" if delta < 0 else "down"
        return self.dialog.edit(
            f"Move {self.noun} {word}",
            lambda fw: editing.move_axis(fw, self.kind, axis_id, target),
        )

    def _commit_name(self) -> None:
        self._commit_field("name", "Rename {}")

    def _commit_field(self, attr: str, text: str) -> None:
        axis = self._axis(self._shown_id)
        value = getattr(self, attr).text().strip()
        if axis is None or value == getattr(axis, attr):
            return
        self.dialog.edit(
            text.format(self.noun),
            lambda fw: editing.update_axis(fw, self.kind, axis.id, **{attr: value}),
        )

    def _commit_questions(self) -> None:
        axis = self._axis(self._shown_id)
        lines = self.questions.lines()
        if axis is None or lines == [q.text for q in axis.questions]:
            return
        self.dialog.edit(
            f"Edit {self.noun} questions",
            lambda fw: editing.set_axis_questions(fw, self.kind, axis.id, lines),
        )

    def _commit_enabled(self, on: bool) -> None:
        axis = self._axis(self._shown_id)
        if axis is None or on == axis.enabled:
            return
        self.dialog.edit(
            f"Switch column {'on' if on else 'off'}",
            lambda fw: editing.update_axis(fw, self.kind, axis.id, enabled=on),
        )

    def commit_pending(self) -> None:
        """Apply what is typed but not yet applied (the dialog is closing)."""
        self._commit_name()
        self._commit_field("group", "Change {} group")
        self._commit_field("definition", "Edit {} definition")
        self._commit_questions()


class CellQuestionsEditor(QGroupBox):
    """Questions that belong to one cell only: pick the row and the column, type the questions."""

    def __init__(self, dialog: EditorHost) -> None:
        super().__init__("Questions for one cell")
        self.dialog = dialog
        self._shown: Cell | None = None
        self.element = field(QComboBox(), "Cell row", "The row of the cell")
        self.domain = field(QComboBox(), "Cell column", "The column of the cell")
        self.questions = field(
            QuestionsEdit(),
            "Cell questions",
            "Questions asked in this cell only, before the row's and column's; one per line",
        )
        form = QFormLayout(self)
        form.addRow("Ro&w", self.element)
        form.addRow("Co&lumn", self.domain)
        form.addRow("Cell &questions", self.questions)
        self.element.currentIndexChanged.connect(self._switch)
        self.domain.currentIndexChanged.connect(self._switch)
        self.questions.editingFinished.connect(self.commit_pending)

    @property
    def cell(self) -> Cell | None:
        e, d = self.element.currentData(), self.domain.currentData()
        return (e, d) if e and d else None

    def select(self, cell: Cell) -> None:
        self.element.setCurrentIndex(self.element.findData(cell[0]))
        self.domain.setCurrentIndex(self.domain.findData(cell[1]))

    def refresh(self) -> None:
        fw = self.dialog.session.framework
        for combo, axes in ((self.element, fw.elements), (self.domain, fw.domains)):
            combo.blockSignals(True)
            current = combo.currentData()
            combo.clear()
            for axis in axes:
                combo.addItem(axis.name, axis.id)
            combo.setCurrentIndex(max(0, combo.findData(current)))
            combo.blockSignals(False)
        self._load()

    def _switch(self) -> None:
        self.commit_pending()  # what was typed belongs to the cell shown before
        self._load()

    def _load(self) -> None:
        cell = self.cell
        self._shown = cell
        fw = self.dialog.session.framework
        questions = fw.cell_questions.get(cell, ()) if cell else ()
        self.questions.blockSignals(True)
        self.questions.setPlainText("\n".join(q.text for q in questions))
        self.questions.setReadOnly(self.dialog.session.read_only or cell is None)
        self.questions.blockSignals(False)

    def commit_pending(self) -> None:
        cell = self._shown
        if cell is None:
            return
        lines = self.questions.lines()
        fw = self.dialog.session.framework
        if lines == [q.text for q in fw.cell_questions.get(cell, ())]:
            return

        def edit(fw: Framework) -> Framework:
            after = editing.set_cell_questions(fw, cell, lines)
            if not lines:  # no questions: no entry, so the framework compares equal again
                cells = {k: v for k, v in after.cell_questions.items() if k != cell}
                after = dataclasses.replace(after, cell_questions=cells)
            return after

        self.dialog.edit("Edit cell questions", edit)
