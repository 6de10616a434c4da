"""The facilitator's story of the round on the board: printed first in the sponsor's brief."""

from __future__ import annotations

from PySide6.QtGui import QFocusEvent
from PySide6.QtWidgets import QGroupBox, QPlainTextEdit, QVBoxLayout, QWidget

from trustboard.document import Change
from trustboard.document.rounds import set_round_notes
from trustboard.domain.errors import ValidationError
from trustboard.i18n import N_, _
from trustboard.ui.session import Session
from trustboard.ui.text import CAPTION_PX, plain_label

HINT = N_(
    "What happened in the session, in your own words: it opens the brief in the PDF "
    "summary and on the slides."
)


class _NotesEdit(QPlainTextEdit):
    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session

    def focusOutEvent(self, event: QFocusEvent) -> None:  # noqa: N802 - Qt override
        self.session.break_merge()  # the next burst of typing is its own undo step
        super().focusOutEvent(event)


class RoundNotes(QGroupBox):
    """A "Notes / story" box for the round on the board; typing is one undo step per burst."""

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(_("Notes / story of this round"), parent)
        self.session = session
        layout = QVBoxLayout(self)
        self.edit = _NotesEdit(session)
        self.edit.setObjectName("roundNotes")
        self.edit.setAccessibleName(_("Notes and story of the round on the board"))
        self.edit.setPlaceholderText(
            _("e.g. The room agreed that onboarding is where trust is won.")
        )
        self.edit.setTabChangesFocus(True)
        layout.addWidget(self.edit)
        layout.addWidget(plain_label(_(HINT), CAPTION_PX))
        self.error = plain_label("", CAPTION_PX, name="roundNotesError")
        self.error.setStyleSheet("color: #b00020;")
        self.error.hide()
        layout.addWidget(self.error)
        self.edit.textChanged.connect(self._typed)
        session.changed.connect(self._on_changed)
        session.viewed_round_changed.connect(self.refresh)
        self.refresh()

    def _typed(self) -> None:
        s = self.session
        try:
            s.edit(set_round_notes, s.round.id, self.edit.toPlainText())
        except ValidationError as exc:
            self._show(
                _("The notes were not saved: {problem}. Shorten them to save.").format(
                    problem=exc.problem
                )
            )
            return
        self._show("")

    def _show(self, message: str) -> None:
        self.error.setText(message)
        self.error.setVisible(bool(message))

    def _on_changed(self, change: Change) -> None:
        if change.what in ("notes", "rounds", "records"):
            self.refresh()

    def refresh(self) -> None:
        """Show the notes of the round on the board (after undo, redo or another round)."""
        s = self.session
        self.edit.setReadOnly(s.read_only)
        if self.edit.toPlainText() != s.round.notes:
            self.edit.blockSignals(True)
            self.edit.setPlainText(s.round.notes)
            self.edit.blockSignals(False)
