"""Adapt a workshop's framework: rows, columns, their questions and per-cell questions.

Every change is one undo step on the session's stack, applied as soon as a field is
left (not per keystroke); the dialog redraws from `session.changed`, so undo, redo and
edits made elsewhere show up the same way.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QVBoxLayout,
    QWidget,
)

from trustboard.document import Change
from trustboard.document.framework_edits import framework_command, impact_of
from trustboard.domain.errors import ValidationError
from trustboard.domain.framework import Framework
from trustboard.frameworks import editing
from trustboard.frameworks.templates import save_user_template
from trustboard.i18n import _
from trustboard.paths import UserPaths
from trustboard.services.catalogue import load_catalogue
from trustboard.ui.dialogs import (
    AskText,
    Confirm,
    Inform,
    ask_confirm,
    ask_text,
    button,
    inform,
)
from trustboard.ui.dialogs.cell_questions import CellQuestionsEditor
from trustboard.ui.dialogs.framework_parts import AxisEditor, Edit
from trustboard.ui.screen_fit import open_size
from trustboard.ui.session import Session
from trustboard.ui.text import plain_label, plain_tooltip


class FrameworkEditorDialog(QDialog):
    """Edit the open workshop's framework, one undoable step per change."""

    def __init__(
        self,
        session: Session,
        paths: UserPaths,
        parent: QWidget | None = None,
        *,
        confirm: Confirm = ask_confirm,
        ask_text: AskText = ask_text,
        inform: Inform = inform,
    ) -> None:
        super().__init__(parent)
        self.session = session
        self.paths = paths
        self._confirm = confirm
        self._ask_text = ask_text
        self._inform = inform
        self._closed = False
        self.setObjectName("frameworkEditor")
        self.setWindowTitle(_("Edit framework"))
        self.setAccessibleName(self.windowTitle())
        open_size(self, 1100, 760)
        self.banner = plain_label(name="Read-only notice")
        self.banner.setAccessibleName(_("Read-only notice"))
        self.status = plain_label(name="Status")
        # Translators: the editor's line saying what the last change did.
        self.status.setAccessibleName(_("Status"))
        self.rows = AxisEditor(self, "elements")
        self.columns = AxisEditor(self, "domains")
        self.cell = CellQuestionsEditor(self)
        self.undo = button(_("&Undo"), "undoButton", _("Undo the last change"))
        self.redo = button(_("&Redo"), "redoButton", _("Redo the change you undid"))
        self.save_template = button(
            _("Save as &template…"),
            "saveTemplate",
            _("Keep this framework as a template for new workshops"),
        )
        self.close_button = button(
            _("&Close"), "closeButton", _("Close the editor; every change is already saved")
        )
        self._init_layout()
        self._init_undo()
        self.save_template.clicked.connect(self.save_as_template)
        self.close_button.clicked.connect(self.accept)
        session.changed.connect(self._on_changed)
        self.refresh()
        if session.read_only:
            reason = session.read_only_reason or _("the file is open read-only")
            self.banner.setText(
                _("The framework cannot be changed: {reason}.").format(reason=reason)
            )
        self.banner.setVisible(session.read_only)

    def _init_layout(self) -> None:
        axes = QHBoxLayout()
        axes.addWidget(self.rows)
        axes.addWidget(self.columns)
        bottom = QHBoxLayout()
        for b in (self.undo, self.redo, self.save_template):
            bottom.addWidget(b)
        bottom.addStretch(1)
        bottom.addWidget(self.close_button)
        box = QVBoxLayout(self)
        box.addWidget(self.banner)
        box.addLayout(axes, 3)
        box.addWidget(self.cell, 1)
        box.addWidget(self.status)
        box.addLayout(bottom)

    def _init_undo(self) -> None:
        stack = self.session.undo_stack
        self.undo.setShortcut(QKeySequence.StandardKey.Undo)
        self.redo.setShortcut(QKeySequence.StandardKey.Redo)
        self.undo.clicked.connect(stack.undo)
        self.redo.clicked.connect(stack.redo)
        stack.indexChanged.connect(self._update_undo)
        self._update_undo()

    def _update_undo(self) -> None:
        stack = self.session.undo_stack
        writable = not self.session.read_only
        self.undo.setEnabled(writable and stack.canUndo())
        self.redo.setEnabled(writable and stack.canRedo())
        for widget, tip, nothing, label in (
            (self.undo, _("Undo: {step}"), _("Nothing to undo"), stack.undoText()),
            (self.redo, _("Redo: {step}"), _("Nothing to redo"), stack.redoText()),
        ):
            widget.setToolTip(plain_tooltip(tip.format(step=label) if label else nothing))

    # -- following the model ---------------------------------------------------------

    def _on_changed(self, change: Change) -> None:
        if change.what in {"framework", "rounds"}:
            self.refresh()

    def refresh(self) -> None:
        self.rows.refresh()
        self.columns.refresh()
        self.cell.refresh()

    def done(self, result: int) -> None:
        if not self._closed:
            self._closed = True
            if not self.session.read_only:
                self.rows.commit_pending()
                self.columns.commit_pending()
                self.cell.commit_pending()
            self.session.changed.disconnect(self._on_changed)
            self.session.undo_stack.indexChanged.disconnect(self._update_undo)
        super().done(result)

    # -- applying edits --------------------------------------------------------------

    def show_problem(self, exc: Exception) -> None:
        problem = exc.problem if isinstance(exc, ValidationError) else str(exc)
        self.status.setText(_("Not changed: {problem}.").format(problem=problem))
        self.refresh()  # put the fields back to what the framework really holds

    def edit(self, text: str, edit: Edit) -> bool:
        """Apply `edit` to the framework as one undo step; a refusal is shown, not raised."""
        try:
            after = edit(self.session.framework)
        except (ValidationError, KeyError) as exc:
            self.show_problem(exc)
            return False
        return self.commit(text, after)

    def commit(self, text: str, after: Framework, *, removing: str = "") -> bool:
        if self.session.read_only or after == self.session.framework:
            return False
        command = framework_command(self.session.doc, after, text)
        impact = impact_of(command)
        if removing and not impact.empty:
            question = _("Remove “{name}”? {impact}").format(
                name=removing, impact=impact.describe()
            )
            if not self._confirm(self, text, question):
                self.status.setText(_("“{name}” was kept.").format(name=removing))
                self.refresh()
                return False
        self.status.setText("")
        return self.session.push(command)

    # -- templates -------------------------------------------------------------------

    def save_as_template(self) -> Path | None:
        """Ask for a name and write the framework as a user template; returns where."""
        title = _("Save as template")
        fw = self.session.framework
        name = self._ask_text(self, title, _("Template name:"), fw.name)
        if name is None:
            return None
        name = name.strip()
        if not name:
            self._inform(self, title, _("A template needs a name."))
            return None
        templates, _unused = load_catalogue(self.paths)
        builtin = {t.id for t in templates if t.builtin}
        template_id = editing.slug(name, set())
        if template_id in builtin:
            self._inform(
                self,
                title,
                _("“{name}” is a built-in template. Choose another name.").format(name=name),
            )
            return None
        folder = self.paths.user_templates
        if (folder / f"{template_id}.json").exists() and not self._confirm(
            self,
            title,
            _("You already have a template called “{name}”. Replace it?").format(name=name),
        ):
            return None
        try:
            framework = editing.set_info(fw, id=template_id, name=name)
            path = save_user_template(framework, folder, builtin)
        except (ValidationError, OSError) as exc:
            self._inform(
                self, title, _("The template could not be saved: {error}").format(error=exc)
            )
            return None
        self.status.setText(_("Saved template “{name}” to {path}").format(name=name, path=path))
        self._inform(
            self,
            title,
            _("Saved “{name}” to\n{path}\n\nIt is offered when you start a new workshop.").format(
                name=name, path=path
            ),
        )
        return path
