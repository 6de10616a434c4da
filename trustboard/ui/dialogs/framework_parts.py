"""The framework editor's parts: the rows (or columns) editor, and the dialog as every
part sees it (`EditorHost`), through which they apply their edits. One cell's questions
have their own part in cell_questions.py.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
)

from trustboard.domain.errors import ValidationError
from trustboard.domain.framework import Axis, Framework
from trustboard.frameworks import editing
from trustboard.frameworks.editing import AxisKind
from trustboard.i18n import N_, _
from trustboard.ui.actions import ActionId, make_action
from trustboard.ui.dialogs import QuestionsEdit, button, field
from trustboard.ui.session import Session
from trustboard.ui.text import mnemonic_safe, plain_tooltip

Edit = Callable[[Framework], Framework]
_ID = Qt.ItemDataRole.UserRole

# What the rows' editor and the columns' editor say, one full sentence each so that every
# language can inflect its own noun.
TEXTS: dict[AxisKind, dict[str, str]] = {
    "elements": {
        "list": N_("The framework's rows, in order"),
        "add": N_("Add a row after the selected one (Insert)"),
        "rename": N_("Rename the selected row (F2)"),
        "remove": N_("Remove the selected row (Delete)"),
        "up": N_("Move the selected row up (Ctrl+Up)"),
        "down": N_("Move the selected row down (Ctrl+Down)"),
        "questions": N_(
            "Questions for every cell of this row, one per line; "
            "applied when you leave the field (or Ctrl+Return)"
        ),
        "title": N_("{label} (rows)"),
        "new": N_("New row"),
        "add step": N_("Add row"),
        "remove step": N_("Remove row"),
        "move up": N_("Move row up"),
        "move down": N_("Move row down"),
        "rename step": N_("Rename row"),
        "group step": N_("Change row group"),
        "definition step": N_("Edit row definition"),
        "questions step": N_("Edit row questions"),
        "spoken list": N_("Rows"),
        "spoken name": N_("Row name"),
        "spoken group": N_("Row group"),
        "spoken definition": N_("Row definition"),
        "spoken questions": N_("Row questions"),
    },
    "domains": {
        "list": N_("The framework's columns, in order"),
        "add": N_("Add a column after the selected one (Insert)"),
        "rename": N_("Rename the selected column (F2)"),
        "remove": N_("Remove the selected column (Delete)"),
        "up": N_("Move the selected column up (Ctrl+Up)"),
        "down": N_("Move the selected column down (Ctrl+Down)"),
        "questions": N_(
            "Questions for every cell of this column, one per line; "
            "applied when you leave the field (or Ctrl+Return)"
        ),
        "title": N_("{label} (columns)"),
        "new": N_("New column"),
        "add step": N_("Add column"),
        "remove step": N_("Remove column"),
        "move up": N_("Move column up"),
        "move down": N_("Move column down"),
        "rename step": N_("Rename column"),
        "group step": N_("Change column group"),
        "definition step": N_("Edit column definition"),
        "questions step": N_("Edit column questions"),
        "spoken list": N_("Columns"),
        "spoken name": N_("Column name"),
        "spoken group": N_("Column group"),
        "spoken definition": N_("Column definition"),
        "spoken questions": N_("Column questions"),
    },
}


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
        cap = self.noun.capitalize()
        self.texts = TEXTS[kind]
        t = self.say
        self.list = field(QListWidget(), f"{cap}s", t("list"), spoken=t("spoken list"))
        self.add = button(_("Add"), f"add{cap}", t("add"))
        self.rename = button(_("Rename"), f"rename{cap}", t("rename"))
        self.remove = button(_("Remove"), f"remove{cap}", t("remove"))
        self.up = button(_("Move up"), f"up{cap}", t("up"))
        self.down = button(_("Move down"), f"down{cap}", t("down"))
        for b in (self.add, self.rename, self.remove, self.up, self.down):
            b.setMinimumWidth(b.sizeHint().width())  # long words grow the button, never clip
        self.name = field(
            QLineEdit(),
            f"{cap} name",
            _("Shown in the grid header; applied when you leave the field"),
            spoken=t("spoken name"),
        )
        self.group = field(
            QLineEdit(),
            f"{cap} group",
            _("A family such as 'ability' or 'human'"),
            spoken=t("spoken group"),
        )
        self.definition = field(
            QLineEdit(),
            f"{cap} definition",
            _("One sentence the room reads in the side panel"),
            spoken=t("spoken definition"),
        )
        self.questions = field(
            QuestionsEdit(), f"{cap} questions", t("questions"), spoken=t("spoken questions")
        )
        self.enabled = field(
            QCheckBox(_("Show this optional column (on/off)")),
            "Column on/off",
            _("Optional columns such as Offer / Brand can be switched off; their cards are kept"),
            spoken=_("Column on/off"),
        )
        self._layout()
        self._connect()

    def _layout(self) -> None:
        buttons = QHBoxLayout()
        for b in (self.add, self.rename, self.remove, self.up, self.down):
            buttons.addWidget(b)
        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        form.addRow(_("Name"), self.name)
        # Translators: a row's or column's family, such as "ability" or "human".
        form.addRow(_("Group"), self.group)
        form.addRow(_("Definition"), self.definition)
        form.addRow(_("Questions"), self.questions)
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
        self.group.editingFinished.connect(lambda: self._commit_field("group", "group step"))
        self.definition.editingFinished.connect(
            lambda: self._commit_field("definition", "definition step")
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
            action.triggered.connect(lambda _checked=False, s=slot: s())
            self.list.addAction(action)

    # -- showing the model -----------------------------------------------------------

    def say(self, key: str) -> str:
        """This editor's text `key` (see TEXTS) in the interface language."""
        return _(self.texts[key])

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
        title = self.say("title").format(label=label)
        self.setTitle(mnemonic_safe(title))
        self.list.setAccessibleName(title)
        axes = self.axes()
        ids = [a.id for a in axes]
        if self._current_id not in ids:
            self._current_id = ids[0] if ids else None
        self.list.blockSignals(True)
        self.list.clear()
        for axis in axes:
            text = axis.name
            if axis.optional:
                text = (
                    _("{name} (optional, on)") if axis.enabled else _("{name} (optional, off)")
                ).format(name=text)
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
                self.dialog.session.framework, self.kind, self.say("new"), index=index
            )
        except ValidationError as exc:
            self.dialog.show_problem(exc)
            return False
        previous, self._current_id = self._current_id, new_id
        if not self.dialog.commit(self.say("add step"), after):
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
        if not self.dialog.commit(self.say("remove step"), after, removing=axis.name):
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
        return self.dialog.edit(
            self.say("move up" if delta < 0 else "move down"),
            lambda fw: editing.move_axis(fw, self.kind, axis_id, target),
        )

    def _commit_name(self) -> None:
        self._commit_field("name", "rename step")

    def _commit_field(self, attr: str, step: str) -> None:
        axis = self._axis(self._shown_id)
        value = getattr(self, attr).text().strip()
        if axis is None or value == getattr(axis, attr):
            return
        self.dialog.edit(
            self.say(step),
            lambda fw: editing.update_axis(fw, self.kind, axis.id, **{attr: value}),
        )

    def _commit_questions(self) -> None:
        axis = self._axis(self._shown_id)
        lines = self.questions.lines()
        if axis is None or lines == [q.text for q in axis.questions]:
            return
        self.dialog.edit(
            self.say("questions step"),
            lambda fw: editing.set_axis_questions(fw, self.kind, axis.id, lines),
        )

    def _commit_enabled(self, on: bool) -> None:
        axis = self._axis(self._shown_id)
        if axis is None or on == axis.enabled:
            return
        self.dialog.edit(
            _("Switch column on") if on else _("Switch column off"),
            lambda fw: editing.update_axis(fw, self.kind, axis.id, enabled=on),
        )

    def commit_pending(self) -> None:
        """Apply what is typed but not yet applied (the dialog is closing)."""
        self._commit_name()
        self._commit_field("group", "group step")
        self._commit_field("definition", "definition step")
        self._commit_questions()
