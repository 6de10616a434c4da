"""Undo and Redo of the registry follow the open workshop's undo stack."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtGui import QAction

from trustboard.i18n import _
from trustboard.ui.text import literal_text

if TYPE_CHECKING:
    from trustboard.ui.session import Session


def describe(action: QAction, redo: bool, what: str) -> None:
    if redo:
        tip = _("Redo {change}").format(change=what) if what else _("Nothing to redo")
    else:
        tip = _("Undo {change}").format(change=what) if what else _("Nothing to undo")
    action.setToolTip(literal_text(tip))  # `what` may name a KPI or a round
    action.setStatusTip(tip)


class UndoActions:
    """Wire Undo/Redo to a session's stack, and take them off again when it closes."""

    def __init__(
        self,
        undo: QAction,
        redo: QAction,
        before_step: Callable[[], None],
        on_change: Callable[[], None],
    ) -> None:
        self.undo, self.redo = undo, redo
        self.before_step = before_step  # a card being typed into is an edit: keep it first
        self.on_change = on_change

    def wire(self, session: Session) -> None:
        stack = session.undo_stack
        self.undo.triggered.connect(lambda: self._step(session.undo))
        self.redo.triggered.connect(lambda: self._step(session.redo))
        stack.canUndoChanged.connect(lambda _can: self.on_change())
        stack.canRedoChanged.connect(lambda _can: self.on_change())
        # The label stays "Undo" so the toolbar does not shift; what it undoes is in the
        # tooltip, the status bar and Edit > History.
        stack.undoTextChanged.connect(lambda t: describe(self.undo, False, t))
        stack.redoTextChanged.connect(lambda t: describe(self.redo, True, t))

    def _step(self, step: Callable[[], None]) -> None:
        self.before_step()  # so undo takes back the text being typed too
        step()

    def unwire(self, session: Session) -> None:
        stack = session.undo_stack
        for signal in (
            stack.canUndoChanged,
            stack.canRedoChanged,
            stack.undoTextChanged,
            stack.redoTextChanged,
        ):
            signal.disconnect()  # lambdas among them would outlive the actions otherwise
        for action in (self.undo, self.redo):
            action.triggered.disconnect()
        describe(self.undo, False, "")
        describe(self.redo, True, "")
