"""A fitted board stays fitted: resize, maximise, another screen, reopen; no scroll bars,
and the wheel does not nudge it, until the user zooms or scrolls."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QPoint, QPointF, QRectF, Qt
from PySide6.QtGui import QWheelEvent
from pytestqt.qtbot import QtBot

from trustboard.ui.board.scene import BoardScene
from trustboard.ui.board.view import BoardView
from trustboard.ui.session import Session
from trustboard.ui.theme import LIGHT


@pytest.fixture
def fitted(qtbot: QtBot, demo_session: Session) -> Iterator[BoardView]:
    view = BoardView(BoardScene(demo_session, LIGHT))
    qtbot.addWidget(view)
    view.resize(404, 236)  # the corner a workshop was last closed in
    view.show()
    qtbot.waitExposed(view)
    view.fit_all()
    yield view


def _in_sight(view: BoardView) -> QRectF:
    return view.mapToScene(view.viewport().rect()).boundingRect()


def _whole_board_fills(view: BoardView) -> None:
    board = view.board.itemsBoundingRect()
    sight = _in_sight(view)
    assert sight.adjusted(-2, -2, 2, 2).contains(board)
    # Fitted, not merely small: the board spans the view's width or its height.
    assert board.width() >= sight.width() * 0.98 or board.height() >= sight.height() * 0.98


def _wheel(view: BoardView, dy: int, modifiers: Qt.KeyboardModifier) -> None:
    pos = QPointF(view.viewport().rect().center())
    event = QWheelEvent(pos, view.viewport().mapToGlobal(pos), QPoint(), QPoint(0, dy),
                        Qt.MouseButton.NoButton, modifiers, Qt.ScrollPhase.NoScrollPhase,
                        False)  # fmt: skip
    view.wheelEvent(event)


def test_a_fitted_board_refits_when_the_window_grows(fitted: BoardView) -> None:
    small = fitted.zoom
    fitted.resize(1280, 720)  # maximised on the projector
    assert fitted.zoom > small * 2
    _whole_board_fills(fitted)
    fitted.resize(1920, 1080)
    _whole_board_fills(fitted)
    fitted.resize(900, 500)  # back on a smaller screen
    _whole_board_fills(fitted)


def test_a_fitted_board_has_no_scroll_bars(fitted: BoardView) -> None:
    for size in ((1280, 720), (700, 900), (1920, 500)):
        fitted.resize(*size)
        assert not fitted.horizontalScrollBar().isVisible()
        assert not fitted.verticalScrollBar().isVisible()


def test_the_wheel_does_not_nudge_a_fitted_board(fitted: BoardView) -> None:
    fitted.resize(1280, 720)
    before = _in_sight(fitted)
    for dy in (-120, 120, -360):
        _wheel(fitted, dy, Qt.KeyboardModifier.NoModifier)
    assert _in_sight(fitted) == before
    assert fitted.fitted


def test_zooming_ends_the_fit_and_fit_all_brings_it_back(fitted: BoardView) -> None:
    fitted.resize(1280, 720)
    fitted.zoom_in()
    zoom = fitted.zoom
    fitted.resize(1000, 600)
    assert fitted.zoom == pytest.approx(zoom)  # the user's zoom stays
    assert not fitted.fitted
    fitted.fit_all()
    fitted.resize(1280, 720)
    _whole_board_fills(fitted)


def test_ctrl_wheel_zooms_and_then_the_board_stays_where_the_user_put_it(
    fitted: BoardView,
) -> None:
    fitted.resize(1280, 720)
    _wheel(fitted, 120, Qt.KeyboardModifier.ControlModifier)
    assert not fitted.fitted
    zoom = fitted.zoom
    fitted.resize(1100, 700)
    assert fitted.zoom == pytest.approx(zoom)


def test_scrolling_by_hand_ends_the_fit(fitted: BoardView) -> None:
    fitted.resize(1280, 720)
    fitted.set_zoom(fitted.zoom * 3)
    fitted.fit_all()
    bar = fitted.verticalScrollBar()
    bar.triggerAction(bar.SliderAction.SliderSingleStepAdd)  # what a scroll bar click does
    assert not fitted.fitted


def test_a_fitted_board_that_grows_stays_whole_in_sight(
    fitted: BoardView, demo_session: Session
) -> None:
    fitted.resize(1280, 720)
    cell = next(iter(fitted.board.cells))
    for i in range(12):
        demo_session.add_card(cell, f"grows {i}")
    _whole_board_fills(fitted)
    assert not fitted.verticalScrollBar().isVisible()
