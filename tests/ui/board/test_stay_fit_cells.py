"""The grid does not move under the pointer: switching layer or perspective, or adding or
removing a card, leaves every cell where it was (each row keeps room to spare: a row is
sized for both layers side by side, in steps of two card rows)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from pytestqt.qtbot import QtBot

from trustboard.domain.framework import Cell
from trustboard.domain.workshop import Layer, Perspective
from trustboard.ui.board.geometry import Rect
from trustboard.ui.board.scene import BoardScene
from trustboard.ui.board.view import BoardView
from trustboard.ui.session import LayerMode, Session
from trustboard.ui.theme import LIGHT


@pytest.fixture
def scene(qtbot: QtBot, demo_session: Session) -> Iterator[BoardScene]:
    board = BoardScene(demo_session, LIGHT)
    view = BoardView(board)
    qtbot.addWidget(view)
    view.resize(1280, 720)
    view.show()
    view.fit_all()
    yield board


def _cells(scene: BoardScene) -> dict[Cell, Rect]:
    """Where each cell is drawn (its item), and where the layout says it is."""
    drawn = {
        cell: (item.rect.x(), item.rect.y(), item.rect.width(), item.rect.height())
        for cell, item in scene.cells.items()
    }
    assert drawn == scene.geometry.cells
    return drawn


def _count(scene: BoardScene, cell: Cell) -> int:
    return sum(1 for k in scene.session.round.cards.values()
               if k.cell == cell and k.layer == Layer.AS_IS)  # fmt: skip


def _fullest(scene: BoardScene) -> Cell:
    return max(scene.cells, key=lambda c: _count(scene, c))


def test_switching_layers_keeps_every_cell_where_it_was(scene: BoardScene) -> None:
    session = scene.session
    cell = _fullest(scene)
    for i in range(3):  # a to-be lane of its own, so both layers have cards
        session.add_card(cell, f"to-be {i}", layer=Layer.TO_BE)
    before = _cells(scene)
    for mode in (LayerMode.TO_BE, LayerMode.BOTH, LayerMode.AS_IS, LayerMode.BOTH):
        session.set_layer_mode(mode)
        assert _cells(scene) == before, mode


def test_switching_perspective_keeps_every_cell_where_it_was(scene: BoardScene) -> None:
    before = _cells(scene)
    for perspective in (Perspective.CUSTOMER, Perspective.SELF):
        scene.session.set_perspective(perspective)
        assert _cells(scene) == before


@pytest.mark.parametrize("mode", [LayerMode.AS_IS, LayerMode.BOTH])
def test_adding_and_removing_a_card_keeps_every_cell_where_it_was(
    scene: BoardScene, mode: str
) -> None:
    session = scene.session
    session.set_layer_mode(mode)
    cell = _fullest(scene)  # the cell that sizes its row
    if _count(scene, cell) % 2 == 0:
        session.add_card(cell, "odd")  # the reserve holds every other card: one is free
    before = _cells(scene)
    added = session.add_card(cell, "one more")
    assert added is not None
    assert _cells(scene) == before
    session.delete_cards([added])
    assert _cells(scene) == before
    session.undo_stack.undo()  # the card comes back
    assert _cells(scene) == before


def test_a_card_added_in_the_layer_not_shown_moves_no_cell(scene: BoardScene) -> None:
    session = scene.session
    session.set_layer_mode(LayerMode.AS_IS)
    before = _cells(scene)
    session.add_card(_fullest(scene), "later", layer=Layer.TO_BE)
    assert _cells(scene) == before


def test_every_card_still_has_room_in_its_cell(scene: BoardScene) -> None:
    """The reserve never hides a card: every shown card lies inside its cell."""
    session = scene.session
    for mode in (LayerMode.AS_IS, LayerMode.TO_BE, LayerMode.BOTH):
        session.set_layer_mode(mode)
        for card_id, item in scene.cards.items():
            card = session.round.cards[card_id]
            if not item.isVisible() or card.cell is None:
                continue
            x, y, w, h = scene.geometry.cells[card.cell]
            r = item.mapRectToScene(item.shape().boundingRect())
            assert x <= r.left() and r.right() <= x + w and y <= r.top() and r.bottom() <= y + h
