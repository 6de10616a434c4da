"""Text fields stop at the workshop's limits (trustboard.domain.limits) and say so."""

from __future__ import annotations

from PySide6.QtCore import QLocale
from PySide6.QtGui import QTextCursor, QTextDocument
from PySide6.QtWidgets import QLineEdit, QPlainTextEdit, QWidget

from trustboard import i18n
from trustboard.i18n import ngettext


def limit_hint(chars: int) -> str:
    # The interface language's digit grouping ("5,000", "5.000"), whatever the system's.
    digits = QLocale(i18n.locale_name()).toString(chars)
    return ngettext("At most {n} character.", "At most {n} characters.", chars).format(n=digits)


def _add_hint(widget: QWidget, chars: int) -> None:
    tip = widget.toolTip()
    widget.setToolTip(f"{tip} ({limit_hint(chars)})" if tip else limit_hint(chars))


def limit_line(edit: QLineEdit, chars: int) -> QLineEdit:
    """Cut typing and pasting at `chars`, and name the limit in the tooltip."""
    edit.setMaxLength(chars)
    _add_hint(edit, chars)
    return edit


class TextLimit:
    """A text document has no maximum length: this cuts it at `chars` after any change.

    Used for multi-line fields and the card editor. The start of the text is kept; `cut`
    says the last change was shortened, so the owner can tell the user.
    """

    def __init__(self, document: QTextDocument, chars: int) -> None:
        self.document = document
        self.chars = chars
        self.cut = False
        document.contentsChanged.connect(self._enforce)

    def _enforce(self) -> None:
        # characterCount is UTF-16 units plus one: never fewer than the characters, so the
        # common case (well under the limit) needs no copy of the whole text.
        if self.document.characterCount() - 1 <= self.chars:
            return
        text = self.document.toPlainText()
        if len(text) <= self.chars:
            return
        self.cut = True
        cursor = QTextCursor(self.document)
        # Qt counts positions in UTF-16 units: an emoji is two, and must not be split.
        cursor.setPosition(len(text[: self.chars].encode("utf-16-le")) // 2)
        cursor.movePosition(QTextCursor.MoveOperation.End, QTextCursor.MoveMode.KeepAnchor)
        cursor.removeSelectedText()  # changes the contents again, now within the limit


def limit_plain_text(edit: QPlainTextEdit, chars: int) -> TextLimit:
    """Cut a multi-line field at `chars`, and name the limit in the tooltip."""
    _add_hint(edit, chars)
    return TextLimit(edit.document(), chars)
