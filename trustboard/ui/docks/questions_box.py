"""The selected cell's reflection questions: a done tick and a growing answer field for each."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QRect, QSize, Qt, Signal
from PySide6.QtGui import (
    QFocusEvent,
    QFontMetrics,
    QKeyEvent,
    QKeySequence,
    QMouseEvent,
    QResizeEvent,
    QTextCursor,
)
from PySide6.QtWidgets import (
    QCheckBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from trustboard.domain import limits
from trustboard.domain.framework import Cell, Question
from trustboard.domain.workshop import Answer
from trustboard.i18n import _, ngettext
from trustboard.ui.session import Session
from trustboard.ui.text import (
    BODY_PX,
    CAPTION_PX,
    HEADING_PX,
    literal_text,
    plain_label,
    set_pixel_size,
)
from trustboard.ui.text_limits import limit_hint, limit_plain_text

SK = QKeySequence.StandardKey
MIN_LINES = 2
MAX_LINES = 12  # past this the field scrolls itself rather than pushing the panel down


def _utf16_len(text: str) -> int:
    """Qt counts text positions in UTF-16 units; an emoji is two of them."""
    return len(text.encode("utf-16-le")) // 2


def editor_text(editor: QPlainTextEdit) -> str:
    """The field's text as the model stores it (toPlainText would turn no-break spaces into spaces)."""
    return editor.document().toRawText().replace("\u2029", "\n").replace("\u2028", "\n")


def replace_text(editor: QPlainTextEdit, new: str) -> bool:
    """Change only the part that differs, so the caret and the scroll position stay put."""
    old = editor_text(editor)
    if old == new:
        return False
    limit = min(len(old), len(new))
    start = 0
    while start < limit and old[start] == new[start]:
        start += 1
    end = 0
    while end < limit - start and old[len(old) - 1 - end] == new[len(new) - 1 - end]:
        end += 1
    cursor = QTextCursor(editor.document())
    cursor.setPosition(_utf16_len(old[:start]))
    cursor.setPosition(_utf16_len(old[: len(old) - end]), QTextCursor.MoveMode.KeepAnchor)
    cursor.insertText(new[start : len(new) - end])
    return True


class AnswerEdit(QPlainTextEdit):
    """A multi-line answer that grows with its text and hands undo to the session's history."""

    focus_left = Signal()
    undo_requested = Signal()
    redo_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        set_pixel_size(self, BODY_PX)
        # Tab walks the panel; a workshop answer has no use for tab characters.
        self.setTabChangesFocus(True)
        # One history for the whole workshop: the field keeps no private undo of its own.
        self.setUndoRedoEnabled(False)
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.setPlaceholderText(_("Type the room's answer…"))
        # Connected first, so whoever follows textChanged sees the text already within it.
        self.limit = limit_plain_text(self, limits.ANSWER_CHARS)
        self.textChanged.connect(self.fit_height)
        self.fit_height()

    def fit_height(self) -> None:
        metrics = QFontMetrics(self.font())
        margin = self.document().documentMargin()
        width = max(40, self.viewport().width() - int(2 * margin))
        flags = int(Qt.TextFlag.TextWordWrap) | int(Qt.TextFlag.TextWrapAnywhere)
        text = editor_text(self) or " "
        text_h = metrics.boundingRect(QRect(0, 0, width, 1_000_000), flags, text).height()
        line = metrics.lineSpacing()
        text_h = max(MIN_LINES * line, min(MAX_LINES * line, text_h))
        chrome = 2 * self.frameWidth() + int(2 * margin) + 2
        self.setFixedHeight(text_h + chrome)

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt override
        return QSize(super().sizeHint().width(), self.height())

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        if event.size().width() != event.oldSize().width():
            self.fit_height()  # wrapping, and so the height, depends on the width

    def event(self, event: QEvent) -> bool:
        # Claim Ctrl+Z / Ctrl+Shift+Z before the window's Undo action sees them, and route
        # them to the session, so the field and the Edit menu undo the same thing.
        if (
            event.type() == QEvent.Type.ShortcutOverride
            and isinstance(event, QKeyEvent)
            and (event.matches(SK.Undo) or event.matches(SK.Redo))
        ):
            event.accept()
            return True
        return super().event(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        if event.matches(SK.Undo):
            self.undo_requested.emit()
        elif event.matches(SK.Redo):
            self.redo_requested.emit()
        else:
            super().keyPressEvent(event)

    def focusOutEvent(self, event: QFocusEvent) -> None:  # noqa: N802 - Qt override
        super().focusOutEvent(event)
        self.focus_left.emit()


class QuestionLabel(QLabel):
    """The question text beside its tick box; a click on it ticks the box, like a checkbox label."""

    def __init__(self, text: str, checkbox: QCheckBox, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setWordWrap(True)
        self.setText(text)
        set_pixel_size(self, BODY_PX, bold=True)
        self.checkbox = checkbox
        self.setCursor(Qt.CursorShape.PointingHandCursor)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt override
        inside = self.rect().contains(event.position().toPoint())
        if event.button() == Qt.MouseButton.LeftButton and inside and self.checkbox.isEnabled():
            self.checkbox.click()
            self.checkbox.setFocus(Qt.FocusReason.MouseFocusReason)
        super().mouseReleaseEvent(event)


class QuestionRow(QWidget):
    """One question of one cell; its edits go to the session and it shows what the model holds."""

    def __init__(self, session: Session, cell: Cell, question: Question,
                 parent: QWidget | None = None) -> None:  # fmt: skip
        super().__init__(parent)
        self.session = session
        self.cell = cell
        self._syncing = False

        # A checkbox's own text would take `&` as a mnemonic and cannot wrap: use a label.
        self.checkbox = QCheckBox(self)
        self.checkbox.setAccessibleDescription(_("Done: the room has answered this question"))
        self.checkbox.setToolTip(_("Tick when the room has answered this question (Space)"))
        # The platform's tick box is tiny from the back of the room.
        self.checkbox.setStyleSheet("QCheckBox::indicator { width: 22px; height: 22px; }")
        self.label = QuestionLabel(question.text, self.checkbox, self)
        self.label.setToolTip(_("Click to tick the question off"))
        self.editor = AnswerEdit(self)
        self._name(question)
        self.editor.setToolTip(
            literal_text(
                _(
                    "The room's answer; it is saved as you type. Ctrl+Z undoes the whole "
                    "sentence, Tab moves on."
                )
                + f" {limit_hint(limits.ANSWER_CHARS)}"
            )
        )

        layout = QGridLayout(self)
        layout.setContentsMargins(0, 6, 0, 6)
        layout.setHorizontalSpacing(8)
        layout.addWidget(self.checkbox, 0, 0, Qt.AlignmentFlag.AlignTop)
        layout.addWidget(self.label, 0, 1)
        layout.addWidget(self.editor, 1, 1)
        layout.setColumnStretch(1, 1)

        self.checkbox.clicked.connect(self._on_ticked)  # user clicks only, never setChecked
        self.editor.textChanged.connect(self._on_typed)
        self.editor.focus_left.connect(session.break_merge)
        self.editor.undo_requested.connect(session.undo)
        self.editor.redo_requested.connect(session.redo)

    def _name(self, question: Question) -> None:
        self.question = question
        self.setObjectName(f"question_{question.id}")
        self.checkbox.setObjectName(f"done_{question.id}")
        self.checkbox.setAccessibleName(question.text)
        self.label.setObjectName(f"questionText_{question.id}")
        self.editor.setObjectName(f"answer_{question.id}")
        self.editor.setAccessibleName(_("Answer: {question}").format(question=question.text))

    def show_question(self, cell: Cell, question: Question) -> None:
        """Ask `question` of `cell` from now on: the walk to the next cell reuses the rows
        instead of building the panel again (a rebuild cost more than the edit itself)."""
        self.cell = cell
        if question != self.question:
            self.label.setText(question.text)
            self._name(question)

    def _on_typed(self) -> None:
        if self._syncing:
            return  # the model is being shown, not edited
        text = editor_text(self.editor)[: limits.ANSWER_CHARS]
        self.session.set_answer(self.cell, self.question.id, text=text)

    def _on_ticked(self, checked: bool) -> None:
        self.session.set_answer(self.cell, self.question.id, done=checked)
        self.show_answer(self.session.round.answers.get((*self.cell, self.question.id)))

    def show_answer(self, answer: Answer | None) -> None:
        text, done = (answer.text, answer.done) if answer is not None else ("", False)
        if self.checkbox.isChecked() != done:
            self.checkbox.setChecked(done)
        self._syncing = True
        try:
            replace_text(self.editor, text)
        finally:
            self._syncing = False

    def set_editable(self, editable: bool) -> None:
        self.checkbox.setEnabled(editable)
        # Read-only rather than disabled: the answers stay readable, selectable and copyable.
        self.editor.setReadOnly(not editable)
        self.editor.setPlaceholderText(_("Type the room's answer…") if editable else "")


class QuestionsBox(QFrame):
    """All questions of the current cell and how many the room has ticked off."""

    caret_moved = Signal(QWidget)  # an answer field whose caret should stay in view

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.cell: Cell | None = None
        self.rows: list[QuestionRow] = []
        self.setObjectName("questionsBox")
        self.setAccessibleName(_("Reflection questions"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        head = QHBoxLayout()
        self.heading = plain_label(_("Reflection questions"), HEADING_PX, bold=True)
        self.counter = plain_label("", CAPTION_PX, name="answeredCounter")
        self.counter.setWordWrap(False)
        self.counter.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.counter.setToolTip(_("Questions ticked as done"))
        head.addWidget(self.heading, 1)
        head.addWidget(self.counter)
        layout.addLayout(head)
        self.empty_label = plain_label(_("This cell has no reflection questions."), BODY_PX)
        layout.addWidget(self.empty_label)
        self.rows_layout = QVBoxLayout()
        self.rows_layout.setSpacing(4)
        layout.addLayout(self.rows_layout)

    def set_cell(self, cell: Cell) -> None:
        """Show `cell`'s questions, rebuilding the rows only when the questions differ."""
        questions = self.session.framework.questions_for(cell)
        if cell != self.cell or questions != tuple(r.question for r in self.rows):
            self._rebuild(cell, questions)
        editable = not self.session.read_only
        for row in self.rows:
            row.set_editable(editable)
        self.refresh()

    def _rebuild(self, cell: Cell, questions: tuple[Question, ...]) -> None:
        kept = min(len(self.rows), len(questions))
        for row in self.rows[kept:]:
            self.rows_layout.removeWidget(row)
            row.hide()
            row.deleteLater()
        self.cell = cell
        self.rows = self.rows[:kept]
        for row, question in zip(self.rows, questions, strict=False):
            row.show_question(cell, question)
        for question in questions[kept:]:
            row = QuestionRow(self.session, cell, question, self)
            row.editor.cursorPositionChanged.connect(lambda e=row.editor: self.caret_moved.emit(e))
            self.rows_layout.addWidget(row)
            self.rows.append(row)
        self.empty_label.setVisible(not questions)

    def refresh(self) -> None:
        if self.cell is None:
            return
        answers = self.session.round.answers
        done = 0
        for row in self.rows:
            answer = answers.get((*self.cell, row.question.id))
            row.show_answer(answer)
            # answered: the room typed an answer or ticked the question off
            done += answer is not None and (answer.done or bool(answer.text.strip()))
        total = len(self.rows)
        self.counter.setText(
            ngettext("{done} of {n} answered", "{done} of {n} answered", total).format(
                done=done, n=total
            )
        )
        self.counter.setAccessibleName(self.counter.text())

    def focus_chain(self) -> list[QWidget]:
        return [w for row in self.rows for w in (row.checkbox, row.editor)]
