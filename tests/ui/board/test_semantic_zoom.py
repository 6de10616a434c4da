"""Zoomed out, the board is an overview of its cells; zoomed in, whole cards. The overview
is used the way the board is (pick a cell, add a card, come in), and a card whose words do
not fit says so with "…" and unfolds when selected."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from pytestqt.qtbot import QtBot

from tests.ui.board.drawn_text import drawn_text
from trustboard.domain.workshop import Layer
from trustboard.ui.board.detail import SUMMARY_BELOW
from trustboard.ui.board.geometry import CARD_H
from trustboard.ui.board.scene import BoardScene
from trustboard.ui.board.view import BoardView
from trustboard.ui.session import Session
from trustboard.ui.theme import LIGHT

LONG = (
    "Customers told us in every interview that the returns desk asks for a receipt "
    "they were never given, then sends them to the website, which asks for the receipt "
    "again; three said they gave up and bought elsewhere."
)


@pytest.fixture
def view(qtbot: QtBot, demo_session: Session) -> Iterator[BoardView]:
    board = BoardView(BoardScene(demo_session, LIGHT))
    qtbot.addWidget(board)
    board.resize(1280, 720)
    board.show()
    qtbot.waitExposed(board)
    board.fit_all()
    yield board


def _centre(view: BoardView, cell: tuple[str, str]) -> QPoint:
    rect = view.overview.cells[cell]
    return view.overview.mapTo(view, rect.center().toPoint()) - view.overview.pos()


def test_the_fitted_demo_board_is_the_overview(view: BoardView) -> None:
    assert view.summary and not view.overview.isHidden()
    assert view.overview.geometry() == view.viewport().geometry()
    view.set_zoom(1.0)
    assert not view.summary and view.overview.isHidden()
    view.zoom_out()
    view.zoom_out()
    view.zoom_out()  # below the zoom that shows cards: back to the whole board
    assert view.fitted and view.summary and not view.overview.isHidden()


def test_a_click_on_the_overview_picks_the_cell(qtbot: QtBot, view: BoardView) -> None:
    session = view.board.session
    cell = list(session.framework.cells())[5]
    view.overview.update()
    qtbot.mouseClick(view.overview, Qt.MouseButton.LeftButton, pos=_centre(view, cell))
    assert session.current_cell == cell


def test_a_double_click_on_the_overview_adds_a_card_and_comes_in_to_type_it(
    qtbot: QtBot, view: BoardView
) -> None:
    session = view.board.session
    cell = list(session.framework.cells())[4]
    before = set(session.round.cards)
    qtbot.mouseDClick(view.overview, Qt.MouseButton.LeftButton, pos=_centre(view, cell))
    added = set(session.round.cards) - before
    assert len(added) == 1
    card_id = added.pop()
    assert session.round.cards[card_id].cell == cell
    assert not view.summary and view.overview.isHidden()  # came in to the cell
    item = view.board.cards[card_id]
    assert item.editor is not None
    assert view.mapToScene(view.viewport().rect()).boundingRect().contains(item.sceneBoundingRect())


def test_ctrl_wheel_on_the_overview_comes_in_to_the_cell(view: BoardView) -> None:
    session = view.board.session
    cell = list(session.framework.cells())[7]
    pos = QPointF(_centre(view, cell))
    event = QWheelEvent(pos, view.overview.mapToGlobal(pos), QPoint(), QPoint(0, 120),
                        Qt.MouseButton.NoButton, Qt.KeyboardModifier.ControlModifier,
                        Qt.ScrollPhase.NoScrollPhase, False)  # fmt: skip
    view.overview.wheelEvent(event)
    assert view.zoom == pytest.approx(SUMMARY_BELOW)
    assert session.current_cell == cell
    sight = view.mapToScene(view.viewport().rect()).boundingRect()
    assert sight.contains(view.board.cells[cell].rect.center())


def test_a_card_too_long_for_its_note_ends_in_a_more_sign_and_unfolds_when_selected(
    view: BoardView,
) -> None:
    session = view.board.session
    cell = next(iter(session.framework.cells()))
    card_id = session.add_card(cell, LONG, layer=Layer.AS_IS)
    assert card_id is not None
    session.set_current_cell(cell)
    view.set_zoom(1.0)
    item = view.board.cards[card_id]
    view.centerOn(item)
    words = [d.text for d in drawn_text(view)]
    shown = [w for w in words if (w and w in LONG) or w.rstrip(" …") in LONG]
    assert shown and any(w.endswith("…") for w in words)  # cut, and it says so
    assert LONG not in " ".join(words)
    item.setSelected(True)
    assert item.height > CARD_H and item.zValue() > 1  # unfolded over its neighbours
    view.centerOn(item)
    assert LONG in " ".join(d.text for d in drawn_text(view))
    item.setSelected(False)
    assert item.height == CARD_H


def test_every_text_stays_readable_at_every_zoom_step(view: BoardView) -> None:
    view.set_zoom(SUMMARY_BELOW)
    while view.zoom < 3.9:
        small = [str(d) for d in drawn_text(view) if d.px < 18]
        assert small == [], view.zoom
        view.zoom_in()


def test_the_overview_counts_the_unsorted_cards(view: BoardView) -> None:
    session = view.board.session
    for n in range(3):
        session.add_card(None, f"Loose note {n}", layer=Layer.AS_IS)
    view.fit_all()
    assert view.summary
    words = " ".join(d.text for d in drawn_text(view))
    assert "Unsorted: 3 cards" in words


def test_cards_paint_directly_while_zooming_and_keep_a_picture_after(
    qtbot: QtBot, view: BoardView
) -> None:
    """A zoom step would make every cached picture stale: while zooming, the cards in
    sight draw straight to the screen; once the zoom stops they keep a picture again, so a
    pan or a drag blits them."""
    from PySide6.QtWidgets import QGraphicsItem

    from trustboard.ui.board.items import CardItem

    cached = QGraphicsItem.CacheMode.DeviceCoordinateCache
    view.set_zoom(1.0)
    view.board.zoom_cache.settle()
    view.zoom_in()
    in_sight = [i for i in view.items(view.viewport().rect()) if isinstance(i, CardItem)]
    assert in_sight
    assert all(i.cacheMode() == QGraphicsItem.CacheMode.NoCache for i in in_sight)
    qtbot.waitUntil(lambda: all(i.cacheMode() == cached for i in in_sight))
