"""The board follows an edit by redrawing what it touches, and ends where a full layout would."""

from __future__ import annotations

import dataclasses
import random
from collections.abc import Iterator

import pytest
from PySide6.QtCore import QPointF, QRectF
from pytestqt.qtbot import QtBot

from trustboard.domain.framework import Framework
from trustboard.domain.workshop import Card, Layer
from trustboard.ui.board import geometry, settling
from trustboard.ui.board.geometry import Layout
from trustboard.ui.board.scene import BoardScene
from trustboard.ui.board.view import BoardView
from trustboard.ui.session import LayerMode, Session
from trustboard.ui.theme import LIGHT

CI = ("competence", "individuals")
ET = ("empathy", "technology")


def _same_layout(kept: Layout, cards: list[Card], fw: Framework) -> None:
    fresh = geometry.compute(fw, cards, kept.layers)
    g = kept.geometry
    assert g.rows == fresh.rows
    assert g.cells == fresh.cells
    assert g.lanes == fresh.lanes
    assert g.lane_columns == fresh.lane_columns
    assert g.unsorted == fresh.unsorted
    assert g.bounds == fresh.bounds
    assert {c.id: g.card_pos(c.id) for c in cards} == {c.id: fresh.card_pos(c.id) for c in cards}


@pytest.mark.parametrize("layers", [(Layer.AS_IS,), (Layer.TO_BE,), (Layer.AS_IS, Layer.TO_BE)])
def test_a_layout_kept_edit_by_edit_matches_a_fresh_one(rtx: Framework, layers) -> None:  # type: ignore[no-untyped-def]
    rng = random.Random(12)
    places = [*rtx.cells(), None]
    cards: dict[str, Card] = {}
    for i in range(60):
        c = Card(f"c{i}", f"card {i}", rng.choice(places), rng.choice(list(Layer)), "evidence",
                 order=float(rng.randrange(8)))  # fmt: skip
        cards[c.id] = c
    layout = Layout(rtx, cards.values(), layers)
    _same_layout(layout, list(cards.values()), rtx)
    for step in range(300):
        kind = rng.choice(["add", "remove", "move", "reorder", "text"])
        before: Card | None = None
        after: Card | None = None
        if kind == "add" or not cards:
            after = Card(f"n{step}", "new", rng.choice(places), rng.choice(list(Layer)),
                         "evidence", order=float(rng.randrange(8)))  # fmt: skip
        else:
            before = rng.choice(list(cards.values()))
            if kind == "move":
                after = dataclasses.replace(before, cell=rng.choice(places),
                                            layer=rng.choice(list(Layer)))  # fmt: skip
            elif kind == "reorder":
                after = dataclasses.replace(before, order=float(rng.randrange(8)))
            elif kind == "text":
                after = dataclasses.replace(before, text=f"edited {step}", votes=step % 4)
        old_pos = {cid: layout.geometry.card_pos(cid) for cid in cards}
        old_tops = dict(layout.geometry.row_tops)
        change = layout.update([(before, after)])
        if before is not None:
            del cards[before.id]
        if after is not None:
            cards[after.id] = after
        _same_layout(layout, list(cards.values()), rtx)
        # What the change names is all that moved: the cards it lists, and the rows it lists.
        for cid, pos in old_pos.items():
            now = layout.geometry.card_pos(cid) if cid in cards else None
            if now != pos:
                slot = layout.geometry.slots.get(cid)
                row_moved = slot is not None and slot[0] in change.rows
                assert cid in change.slots or row_moved, (step, kind, cid)
        for row, top in old_tops.items():
            if layout.geometry.row_tops[row] != top:
                assert row in change.rows


@pytest.fixture
def board(qtbot: QtBot, session: Session) -> Iterator[tuple[BoardScene, BoardView]]:
    scene = BoardScene(session, LIGHT)
    view = BoardView(scene)
    qtbot.addWidget(view)
    view.resize(1400, 900)
    view.show()
    qtbot.waitExposed(view)
    yield scene, view


def _on_a_fresh_board(scene: BoardScene) -> None:
    """Every card item sits where a layout of the whole board puts it."""
    scene.settler.now()
    s = scene.session
    fresh = geometry.compute(s.framework, s.round.cards.values(), scene.layers)
    assert set(scene.cards) == set(s.round.cards)
    for card_id, item in scene.cards.items():
        pos = fresh.card_pos(card_id)
        assert item.isVisible() == (pos is not None), card_id
        if pos is not None:
            assert item.scenePos() == QPointF(*pos), card_id
        assert item.card == s.round.cards[card_id]
    for cell, item in scene.cells.items():
        assert (item.rect.x(), item.rect.y(), item.rect.width(), item.rect.height()) == (
            fresh.cells[cell]
        )


def test_an_edit_redraws_what_it_touches_without_laying_out_the_board(
    board, session: Session, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    scene, _ = board
    ids = [session.add_card(CI if i % 2 else ET, f"card {i}") for i in range(9)]
    assert all(ids)

    def whole_board() -> None:
        raise AssertionError("an edit laid out the whole board")

    monkeypatch.setattr(scene, "refresh", whole_board)
    monkeypatch.setattr(geometry, "compute", lambda *a: whole_board())
    session.update_card(ids[0], text="edited")  # type: ignore[arg-type]
    session.vote(ids[1], +1)  # type: ignore[arg-type]
    session.add_score(CI, 4)
    session.move_cards([ids[2]], ET, Layer.AS_IS, 0)  # type: ignore[list-item]
    session.move_cards([ids[3]], None, Layer.AS_IS)  # type: ignore[list-item]
    session.add_card(CI, "one more")
    session.add_card(ET, "later", layer=Layer.TO_BE)
    session.delete_cards([ids[4]])  # type: ignore[list-item]
    for _ in range(4):
        session.undo_stack.undo()
    session.undo_stack.redo()
    monkeypatch.undo()
    _on_a_fresh_board(scene)
    assert scene.cells[CI].badges[0] == "We 4"
    assert scene.cells[ET].note == ""  # the to-be card was undone


def test_rows_that_grow_move_the_cards_below_them_in_sight_first(
    board, session: Session, monkeypatch: pytest.MonkeyPatch, qtbot: QtBot
) -> None:  # type: ignore[no-untyped-def]
    scene, view = board
    monkeypatch.setattr(settling, "SETTLE_SLICE", 3)
    below = [session.add_card(ET, f"below {i}") for i in range(12)]
    view.set_zoom(0.4)
    view.centerOn(scene.cards[below[0]])  # type: ignore[index]
    for i in range(6):  # the top row grows: every row below it moves down
        session.add_card(CI, f"above {i}")
    fresh = geometry.compute(session.framework, session.round.cards.values(), scene.layers)
    in_sight = view.mapToScene(view.viewport().rect()).boundingRect()
    first = scene.cards[below[0]]  # type: ignore[index]
    assert in_sight.intersects(first.sceneBoundingRect())
    assert first.scenePos() == QPointF(*fresh.card_pos(below[0]))  # type: ignore[arg-type, misc]
    qtbot.waitUntil(lambda: not scene.settler.pending)
    _on_a_fresh_board(scene)


def test_view_changes_and_a_new_round_still_lay_out_everything(board, session: Session) -> None:  # type: ignore[no-untyped-def]
    scene, _ = board
    session.add_card(CI, "now")
    session.add_card(CI, "later", layer=Layer.TO_BE)
    session.add_card(None, "parked")
    for mode in (LayerMode.BOTH, LayerMode.TO_BE, LayerMode.AS_IS):
        session.set_layer_mode(mode)
        _on_a_fresh_board(scene)
    session.move_cards(list(session.round.cards), ET, Layer.AS_IS)
    _on_a_fresh_board(scene)
    assert scene.geometry.unsorted is None


def test_a_card_dropped_where_it_was_goes_back_to_its_place(
    qtbot: QtBot, board, session: Session
) -> None:  # type: ignore[no-untyped-def]
    scene, _ = board
    a = session.add_card(CI, "a")
    assert a
    item = scene.cards[a]
    home = item.scenePos()
    item.setSelected(True)
    item.setPos(home + QPointF(5000, 5000))  # dragged off the grid: nowhere to drop
    scene.drop_selected(item, item.scenePos())
    assert item.scenePos() == home
    assert session.round.cards[a].cell == CI


def test_switching_a_column_off_and_on_again_keeps_the_board_whole(board, session: Session) -> None:  # type: ignore[no-untyped-def]
    from trustboard.document.framework_edits import framework_command

    scene, _ = board
    session.add_card(ET, "in the column that goes")
    session.add_card(CI, "stays")
    fw = session.framework
    off = dataclasses.replace(
        fw,
        domains=tuple(dataclasses.replace(d, enabled=d.id != "technology") for d in fw.domains),
    )
    assert session.push(framework_command(session.doc, off, "Switch a column off"))
    _on_a_fresh_board(scene)
    assert "technology" not in {c[1] for c in scene.cells}
    session.add_card(CI, "after the switch")  # edits after a rebuild follow as before
    _on_a_fresh_board(scene)
    session.undo_stack.undo()
    session.undo_stack.undo()
    _on_a_fresh_board(scene)
    assert ET in scene.cells


def test_the_view_scrolls_over_the_board_while_the_scene_keeps_room_to_grow(
    board, session: Session
) -> None:  # type: ignore[no-untyped-def]
    scene, view = board
    room = scene.sceneRect()
    for i in range(6):  # the first row grows by three card rows
        session.add_card(CI, f"card {i}")
    x, y, w, h = scene.geometry.bounds
    assert view.sceneRect() == QRectF(x - 40, y - 40, w + 80, h + 80)  # scrolls as before
    assert scene.sceneRect() == room  # unchanged: Qt did not rebuild its index of items
    assert room.contains(view.sceneRect())
