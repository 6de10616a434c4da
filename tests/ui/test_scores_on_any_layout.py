"""Score keys work on any keyboard layout: the top row scores by its place, the numpad by
its digits, and a card being typed into keeps every character."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from trustboard.domain.workshop import Layer, Perspective
from trustboard.ui.board.keys import top_row_digit
from trustboard.ui.board.scene import BoardScene
from trustboard.ui.board.view import BoardView
from trustboard.ui.session import Session
from trustboard.ui.theme import LIGHT

CI = ("competence", "individuals")
# A French AZERTY top row on Linux: what each key types unshifted, its key and XKB key code.
AZERTY = {
    1: ("&", Qt.Key.Key_Ampersand, 10),
    2: ("é", Qt.Key.Key_Eacute, 11),
    3: ('"', Qt.Key.Key_QuoteDbl, 12),
    4: ("'", Qt.Key.Key_Apostrophe, 13),
    5: ("(", Qt.Key.Key_ParenLeft, 14),
}


@pytest.fixture
def board(qtbot: QtBot, session: Session) -> Iterator[tuple[BoardScene, BoardView]]:
    scene = BoardScene(session, LIGHT)
    view = BoardView(scene)
    qtbot.addWidget(view)
    view.resize(1280, 720)
    view.show()
    qtbot.waitExposed(view)
    view.setFocus()
    yield scene, view


def _azerty_press(view: BoardView, digit: int, shift: bool = False) -> None:
    text, key, scan = AZERTY[digit]
    modifiers = Qt.KeyboardModifier.ShiftModifier if shift else Qt.KeyboardModifier.NoModifier
    if shift:  # Shift on the AZERTY top row types the digit itself
        text, key = str(digit), Qt.Key(Qt.Key.Key_0.value + digit)
    for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
        event = QKeyEvent(kind, key, modifiers, scan, ord(text[0]), 0, text)
        QApplication.sendEvent(view, event)


def _scores(session: Session) -> tuple[int, ...]:
    return session.round.rating(CI, Layer.AS_IS, Perspective.SELF).scores


def test_the_azerty_top_row_scores_one_to_five(board, session: Session) -> None:  # type: ignore[no-untyped-def]
    _, view = board
    session.set_current_cell(CI)
    for digit in (1, 2, 3, 4, 5):
        _azerty_press(view, digit)
    assert _scores(session) == (1, 2, 3, 4, 5)
    _azerty_press(view, 3, shift=True)  # Shift is the customers' score, not ours
    assert _scores(session) == (1, 2, 3, 4, 5)


def test_the_numpad_scores(qtbot: QtBot, board, session: Session) -> None:  # type: ignore[no-untyped-def]
    _, view = board
    session.set_current_cell(CI)
    qtbot.keyClick(view.viewport(), Qt.Key.Key_3, Qt.KeyboardModifier.KeypadModifier)
    assert _scores(session) == (3,)


def test_typing_into_a_card_keeps_the_top_row_characters(board, session: Session) -> None:  # type: ignore[no-untyped-def]
    scene, view = board
    session.set_current_cell(CI)
    card_id = session.add_card(CI, "R")
    assert card_id
    scene.cards[card_id].start_edit()
    editor = scene.cards[card_id].editor
    assert editor is not None
    _azerty_press(view, 1)
    _azerty_press(view, 2)
    assert editor.toPlainText() == "R&é"
    assert _scores(session) == ()


@pytest.mark.parametrize(
    ("platform", "scan_code", "virtual_key", "digit"),
    [
        ("linux", 10, 0x26, 1),  # XKB: the key types "&" on AZERTY
        ("linux", 14, 0x28, 5),
        ("linux", 19, 0xE0, 0),
        ("linux", 24, 0x61, None),  # the row below (A on AZERTY)
        ("win32", 0x02, 0x31, 1),
        ("win32", 0x06, 0x35, 5),
        ("win32", 0x10, 0x41, None),
        ("darwin", 0, 0x12, 1),
        ("darwin", 0, 0x17, 5),
        ("darwin", 0, 0x1D, 0),
        ("darwin", 0, 0x00, None),
    ],
)
def test_the_top_row_is_found_by_its_place_on_each_system(
    platform: str, scan_code: int, virtual_key: int, digit: int | None
) -> None:
    assert top_row_digit(scan_code, virtual_key, platform) == digit
