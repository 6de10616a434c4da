"""What the demo board paints and shows, for the language tests of the board, charts,
docks and dialogs."""

from __future__ import annotations

import re
from collections.abc import Iterable

from PySide6.QtCore import QCoreApplication, QEvent

from tests.i18n.visible import ALWAYS, workshop_data
from tests.ui.board.drawn_text import Drawn
from trustboard.ui.board.view import BoardView
from trustboard.ui.session import Session

_INNER = re.compile(r"\[!! (?:(?!\[!! ).)*? !!\]", re.S)
_WORD = re.compile(r"[^\W\d_]{2,}")


def data_words(ws: object) -> set[str]:
    """Every word of the workshop's own texts (its framework, cards, people), and the
    people's initials the cards show."""
    texts = workshop_data(ws)
    words = {w for text in texts for w in _WORD.findall(text)}
    initials = {"".join(w[0] for w in text.split()) for text in texts if text.strip()}
    return words | initials


def english_left(drawn: Iterable[Drawn], ws: object) -> list[str]:
    """Words painted outside `[!! … !!]` that are not the workshop's own.

    Painted text comes a line at a time, so the lines are read in the order they were
    drawn, as one text: a wrapped message's lines join up again. A word cut with "…" is
    the workshop's when it begins one of its words."""
    joined = "\n".join(d.text for d in drawn)
    while True:
        inner = _INNER.sub(" ", joined)
        if inner == joined:
            break
        joined = inner
    known = {w.casefold() for w in data_words(ws) | {w for a in ALWAYS for w in _WORD.findall(a)}}
    bad = []
    for word in _WORD.findall(joined):  # a header shows its group in capitals
        folded = word.casefold()
        if folded in known or any(k.startswith(folded) for k in known):
            continue
        bad.append(word)
    return bad


def let_go(view: BoardView, session: Session) -> None:
    """Close a test's board view and free its scene, which follows the session's edits."""
    scene = view.board
    view.close()
    view.setScene(None)
    session.changed.disconnect(scene._on_changed)
    view.deleteLater()
    scene.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
