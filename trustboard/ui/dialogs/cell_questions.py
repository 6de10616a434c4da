"""The framework editor's part for questions that belong to one cell only.

It applies its edits through the dialog that holds it (`EditorHost`), as the rows' and
columns' editors do.
"""

from __future__ import annotations

import dataclasses

from PySide6.QtWidgets import QComboBox, QFormLayout, QGroupBox

from trustboard.domain.framework import Cell, Framework
from trustboard.frameworks import editing
from trustboard.i18n import _
from trustboard.ui.dialogs import QuestionsEdit, field
from trustboard.ui.dialogs.framework_parts import EditorHost


class CellQuestionsEditor(QGroupBox):
    """Questions that belong to one cell only: pick the row and the column, type the questions."""

    def __init__(self, dialog: EditorHost) -> None:
        super().__init__(_("Questions for one cell"))
        self.dialog = dialog
        self._shown: Cell | None = None
        self.element = field(
            QComboBox(), "Cell row", _("The row of the cell"), spoken=_("Cell row")
        )
        self.domain = field(
            QComboBox(), "Cell column", _("The column of the cell"), spoken=_("Cell column")
        )
        self.questions = field(
            QuestionsEdit(),
            "Cell questions",
            _("Questions asked in this cell only, before the row's and column's; one per line"),
            spoken=_("Cell questions"),
        )
        form = QFormLayout(self)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        form.addRow(_("Ro&w"), self.element)
        form.addRow(_("Co&lumn"), self.domain)
        form.addRow(_("Cell &questions"), self.questions)
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

        self.dialog.edit(_("Edit cell questions"), edit)
