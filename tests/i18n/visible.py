"""What a person can read in a window, and a check that the pseudo-language wrapped it all.

Under `i18n.set_language("pseudo")` every text from the catalogue reads `[!! … !!]`.
`visible_texts(widget)` collects what the widget and its children show (labels, buttons,
titles, menus and their actions, tabs, combo items, placeholders, headers, tool tips);
`unwrapped(texts, data=...)` returns the ones with English left outside a wrap, once the
texts that are the workshop's own data (its framework's names, cards, title) are taken out.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Iterable

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt
from PySide6.QtGui import QAction, QTextDocument
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QComboBox,
    QDialogButtonBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QMenu,
    QPlainTextEdit,
    QTabBar,
    QTextEdit,
    QWidget,
)

# Names that are the same in every language: the product, its file type, Qt's shortcuts.
ALWAYS = ("TrustBoard", ".trustboard", "Ctrl", "Shift", "Alt", "Esc", "PDF", "CSV", "URL")
_INNER = re.compile(r"\[!! (?:(?!\[!! ).)*? !!\]", re.S)
_WORD = re.compile(r"[^\W\d_]{2,}")


def _plain(text: str) -> str:
    if "<" in text and re.search(r"<[a-zA-Z/][^>]*>", text):
        doc = QTextDocument()
        doc.setHtml(text)
        text = doc.toPlainText()
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&")


def _actions(actions: Iterable[QAction], where: str, out: list[tuple[str, str]]) -> None:
    for action in actions:
        if action.isSeparator():
            continue
        out.append((f"{where} action", action.text()))
        if action.toolTip() and action.toolTip() != action.text().replace("&", ""):
            out.append((f"{where} action tip", action.toolTip()))
        menu = action.menu()
        if isinstance(menu, QMenu):
            out.append((f"{where} menu", menu.title()))
            _actions(menu.actions(), f"{where} > {action.text()}", out)


def visible_texts(root: QWidget, *, tips: bool = True) -> list[tuple[str, str]]:
    """(where, text) for everything `root` and its children show, Qt's standard buttons
    excepted (Qt's own catalogue translates those)."""
    out: list[tuple[str, str]] = []
    for w in [root, *root.findChildren(QWidget)]:
        name = type(w).__name__
        if w.isWindow() and w.windowTitle():
            out.append((f"{name} title", w.windowTitle()))
        if tips and w.toolTip():
            out.append((f"{name} tip", w.toolTip()))
        if isinstance(w, QLabel):
            out.append((name, w.text()))
        elif isinstance(w, QAbstractButton):
            box = w.parent()
            if isinstance(box, QDialogButtonBox) and box.standardButton(w) != (
                QDialogButtonBox.StandardButton.NoButton
            ):
                continue
            out.append((name, w.text()))
        elif isinstance(w, QGroupBox):
            out.append((name, w.title()))
        elif isinstance(w, (QLineEdit, QPlainTextEdit, QTextEdit)):
            out.append((f"{name} placeholder", w.placeholderText()))
        elif isinstance(w, QComboBox) and not w.isEditable():
            out += [(f"{name} item", w.itemText(i)) for i in range(w.count())]
        elif isinstance(w, QTabBar):
            out += [(f"{name} tab", w.tabText(i)) for i in range(w.count())]
        if isinstance(w, QAbstractItemView) and w.model() is not None:
            model = w.model()
            columns = model.columnCount() if isinstance(model, QAbstractTableModel) else 1
            with contextlib.suppress(TypeError):
                columns = model.columnCount(QModelIndex())
            for i in range(columns):
                head = model.headerData(i, Qt.Orientation.Horizontal, Qt.ItemDataRole.DisplayRole)
                if isinstance(head, str):
                    out.append((f"{name} header", head))
        if isinstance(w, QMenu):
            out.append((f"{name} title", w.title()))
        _actions(w.actions(), name, out)
    seen = dict.fromkeys((where, _plain(text)) for where, text in out if text and text.strip())
    return list(seen)


def unwrapped(texts: Iterable[tuple[str, str]], data: Iterable[str] = ()) -> list[str]:
    """The texts that show a word outside `[!! … !!]` which is not one of `data`."""
    known = sorted({d for d in (*data, *ALWAYS) if d and d.strip()}, key=len, reverse=True)
    bad = []
    for where, text in texts:
        rest = text
        while True:
            inner = _INNER.sub(" ", rest)
            if inner == rest:
                break
            rest = inner
        for d in known:
            rest = rest.replace(d, " ")
        if _WORD.search(rest):
            bad.append(f"{where}: {text!r}")
    return bad


def workshop_data(ws: object) -> list[str]:
    """Every text a workshop holds: its framework's, its rounds', its cards', its people's."""
    out: list[str] = []

    def walk(value: object, depth: int = 0) -> None:
        if depth > 8:
            return
        if isinstance(value, str):
            out.append(value)
        elif isinstance(value, dict):
            for k, v in value.items():
                walk(k, depth + 1)
                walk(v, depth + 1)
        elif isinstance(value, (list, tuple, set, frozenset)):
            for v in value:
                walk(v, depth + 1)
        elif hasattr(value, "__dataclass_fields__"):
            for field in value.__dataclass_fields__:
                walk(getattr(value, field), depth + 1)

    walk(ws)
    return out
