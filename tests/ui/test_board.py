"""The board driven like a facilitator drives it: mouse on the viewport, keys, undo."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from pytestqt.qtbot import QtBot

from trustboard.domain.workshop import Layer, Perspective
from trustboard.ui.board.items import CardItem
from trustboard.ui.board.scene import BoardScene
from trustboard.ui.board.view import BoardView
from trustboard.ui.session import LayerMode, Session
from trustboard.ui.theme import LIGHT

CI = ("competence", "individuals")
ET = ("empathy", "technology")


@pytest.fixture
def board(qtbot: QtBot, session: Session) -> Iterator[tuple[BoardScene, BoardView]]:
    scene = BoardScene(session, LIGHT)
    view = BoardView(scene)
    qtbot.addWidget(view)
    view.resize(1400, 900)
    view.show()
    qtbot.waitExposed(view)
    view.set_zoom(0.5)
    yield scene, view


def _vp(view: BoardView, scene_pos: QPointF) -> QPoint:
    return view.mapFromScene(scene_pos)


def _lane_point(scene: BoardScene, cell: tuple[str, str], layer: Layer = Layer.AS_IS) -> QPointF:
    x, y, w, h = scene.geometry.lanes[(cell, layer)]
    return QPointF(x + w - 20, y + h - 20)


def test_double_click_a_cell_adds_a_card_and_typing_fills_it(
    qtbot: QtBot, board, session: Session, reopen
) -> None:  # type: ignore[no-untyped-def]
    scene, view = board
    view.ensureVisible(scene.cells[CI].rect)
    qtbot.mouseDClick(
        view.viewport(), Qt.MouseButton.LeftButton, pos=_vp(view, _lane_point(scene, CI))
    )
    assert len(session.round.cards) == 1
    card_id = next(iter(session.round.cards))
    item = scene.cards[card_id]
    assert item.editor is not None
    qtbot.keyClicks(view.viewport(), "Certified staff <b>&")
    qtbot.keyClick(view.viewport(), Qt.Key.Key_Return)
    assert item.editor is None
    assert session.round.cards[card_id].text == "Certified staff <b>&"
    assert session.round.cards[card_id].cell == CI
    with reopen(session) as wf:
        assert wf.workshop.current_round.cards[card_id].text == "Certified staff <b>&"


def test_escape_cancels_an_edit(qtbot: QtBot, board, session: Session) -> None:  # type: ignore[no-untyped-def]
    scene, view = board
    card_id = session.add_card(CI, "keep me")
    assert card_id
    scene.cards[card_id].setSelected(True)
    view.setFocus()
    qtbot.keyClick(view.viewport(), Qt.Key.Key_F2)
    assert scene.cards[card_id].editor is not None
    qtbot.keyClicks(view.viewport(), "garbage")
    qtbot.keyClick(view.viewport(), Qt.Key.Key_Escape)
    assert session.round.cards[card_id].text == "keep me"
    assert session.undo_stack.count() == 1  # only the add


def test_drag_a_card_to_another_cell_and_undo(qtbot: QtBot, board, session: Session) -> None:  # type: ignore[no-untyped-def]
    scene, view = board
    card_id = session.add_card(CI, "moving")
    assert card_id
    view.fit_all()
    item = scene.cards[card_id]
    start = _vp(view, item.sceneBoundingRect().center())
    end = _vp(view, _lane_point(scene, ET))
    qtbot.mousePress(view.viewport(), Qt.MouseButton.LeftButton, pos=start)
    for i in range(1, 6):  # a real drag passes through intermediate points
        p = start + (end - start) * (i / 5)
        qtbot.mouseMove(view.viewport(), p)
    assert scene.cells[ET].drop_target  # the cell it would land in is outlined
    assert not scene.cells[CI].drop_target
    qtbot.mouseRelease(view.viewport(), Qt.MouseButton.LeftButton, pos=end)
    assert not any(item.drop_target for item in scene.cells.values())
    assert session.round.cards[card_id].cell == ET
    assert item.scenePos() == QPointF(*scene.geometry.card_pos(card_id))  # type: ignore[misc]
    session.undo_stack.undo()
    assert session.round.cards[card_id].cell == CI
    assert item.scenePos() == QPointF(*scene.geometry.card_pos(card_id))  # type: ignore[misc]


def test_reorder_within_a_cell(session: Session, board) -> None:  # type: ignore[no-untyped-def]
    a = session.add_card(CI, "a")
    b = session.add_card(CI, "b")
    c = session.add_card(CI, "c")
    session.move_cards([c], CI, Layer.AS_IS, 0)
    assert [x.text for x in session.round.cards_in(CI, Layer.AS_IS)] == ["c", "a", "b"]
    session.undo_stack.undo()
    assert [x.id for x in session.round.cards_in(CI, Layer.AS_IS)] == [a, b, c]


def test_rubber_band_selects_several_and_delete_is_one_undo_step(
    qtbot: QtBot, board, session: Session
) -> None:  # type: ignore[no-untyped-def]
    scene, view = board
    ids = [session.add_card(CI, f"card {i}") for i in range(3)]
    view.fit_all()
    x, y, w, h = scene.geometry.cells[CI]
    top_left = _vp(view, QPointF(x + 4, y + 4))
    bottom_right = _vp(view, QPointF(x + w - 4, y + h - 4))
    qtbot.mousePress(view.viewport(), Qt.MouseButton.LeftButton, pos=top_left)
    qtbot.mouseMove(view.viewport(), top_left + QPoint(20, 20))
    qtbot.mouseMove(view.viewport(), bottom_right)
    qtbot.mouseRelease(view.viewport(), Qt.MouseButton.LeftButton, pos=bottom_right)
    assert sorted(scene.selected_card_ids()) == sorted(ids)
    session.delete_cards(scene.selected_card_ids())
    assert session.round.cards == {}
    session.undo_stack.undo()
    assert sorted(session.round.cards) == sorted(ids)


def test_ctrl_click_adds_to_the_selection(qtbot: QtBot, board, session: Session) -> None:  # type: ignore[no-untyped-def]
    scene, view = board
    a = session.add_card(CI, "a")
    b = session.add_card(ET, "b")
    view.fit_all()
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton,
                     pos=_vp(view, scene.cards[a].sceneBoundingRect().center()))  # fmt: skip
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.ControlModifier,
                     pos=_vp(view, scene.cards[b].sceneBoundingRect().center()))  # fmt: skip
    assert sorted(scene.selected_card_ids()) == sorted([a, b])


def test_keys_rate_the_current_cell_and_arrows_walk(qtbot: QtBot, board, session: Session) -> None:  # type: ignore[no-untyped-def]
    scene, view = board
    view.setFocus()
    session.set_current_cell(CI)
    for key in (Qt.Key.Key_4, Qt.Key.Key_5, Qt.Key.Key_2):
        qtbot.keyClick(view.viewport(), key)
    rating = session.round.rating(CI, Layer.AS_IS, Perspective.SELF)
    assert rating.scores == (4, 5, 2)
    assert scene.cells[CI].disagreement
    qtbot.keyClick(view.viewport(), Qt.Key.Key_Backspace)
    assert session.round.rating(CI, Layer.AS_IS, Perspective.SELF).scores == (4, 5)
    qtbot.keyClick(view.viewport(), Qt.Key.Key_9)  # not on the scale: ignored
    assert session.round.rating(CI, Layer.AS_IS, Perspective.SELF).scores == (4, 5)
    qtbot.keyClick(view.viewport(), Qt.Key.Key_Right)
    qtbot.keyClick(view.viewport(), Qt.Key.Key_Down)
    assert session.current_cell == ("reliability", "organizations")
    assert scene.cells[("reliability", "organizations")].current
    assert not scene.cells[CI].current


def test_cells_are_tinted_by_the_median(board, session: Session) -> None:  # type: ignore[no-untyped-def]
    scene, _ = board
    plain = scene.cells[CI].tint
    for score in (1, 1, 2):
        session.add_score(CI, score)
    low = scene.cells[CI].tint
    assert low != plain
    assert low.red() > low.blue()  # low scores are warm
    for score in (5, 5, 5, 5):
        session.add_score(ET, score)
    high = scene.cells[ET].tint
    assert high.blue() > high.red()  # high scores are cool
    assert scene.cells[CI].badges[0] == "We 1"


def test_layers_hide_with_a_visible_sign_and_side_by_side_shows_both(
    board, session: Session
) -> None:  # type: ignore[no-untyped-def]
    scene, _ = board
    now = session.add_card(CI, "now")
    later = session.add_card(CI, "later", layer=Layer.TO_BE)
    assert scene.cards[now].isVisible() and not scene.cards[later].isVisible()
    assert scene.cells[CI].note == "+1 to-be card"
    session.set_layer_mode(LayerMode.BOTH)
    assert scene.cards[now].isVisible() and scene.cards[later].isVisible()
    assert scene.cards[now].pos().x() < scene.cards[later].pos().x()
    assert scene.cells[CI].note == ""
    session.set_layer_mode(LayerMode.TO_BE)
    assert not scene.cards[now].isVisible()
    assert session.add_card(CI, "to-be by default") and session.layer == Layer.TO_BE


def test_zoom_keys_and_fit(qtbot: QtBot, board) -> None:  # type: ignore[no-untyped-def]
    scene, view = board
    z = view.zoom
    view.zoom_in()
    assert view.zoom == pytest.approx(z * 1.2)
    view.zoom_out()
    assert view.zoom == pytest.approx(z)
    view.fit_all()
    visible = view.mapToScene(view.viewport().rect()).boundingRect()
    assert visible.contains(scene.itemsBoundingRect().adjusted(5, 5, -5, -5))
    scene.session.set_current_cell(CI)
    view.fit_cell()
    assert view.zoom > 0.5


def test_a_full_cell_grows_and_hides_no_card(board, session: Session) -> None:  # type: ignore[no-untyped-def]
    scene, _ = board
    ids = [session.add_card(CI, f"card {i}") for i in range(25)]
    x, y, w, h = scene.geometry.cells[CI]
    for card_id in ids:
        item = scene.cards[card_id]
        assert item.isVisible()
        r = item.sceneBoundingRect()
        assert x <= r.left() and r.right() <= x + w + 8 and y <= r.top() and r.bottom() <= y + h + 8
    rects = [scene.cards[i].mapRectToScene(scene.cards[i].shape().boundingRect()) for i in ids]
    assert not any(a.intersects(b) for i, a in enumerate(rects) for b in rects[i + 1 :])


def test_unsorted_cards_are_shown_in_their_own_area(board, session: Session) -> None:  # type: ignore[no-untyped-def]
    scene, _ = board
    card_id = session.add_card(None, "parked")
    assert scene.geometry.unsorted is not None
    assert scene.cards[card_id].isVisible()


def test_read_only_session_refuses_edits(qtbot: QtBot, tmp_path: Path, session: Session) -> None:
    from trustboard.store import WorkshopFile

    card_id = session.add_card(CI, "written by the first opener")
    assert card_id
    session.file.flush()
    other = Session(WorkshopFile.open(session.file.path))  # second opener: read-only
    try:
        assert other.read_only
        assert other.add_card(CI, "nope") is None
        assert other.undo_stack.count() == 0
        scene = BoardScene(other, LIGHT)
        assert list(scene.cards) == [card_id]  # it shows the cards ...
        scene.cards[card_id].start_edit()  # ... but F2 or a double-click opens no editor
        assert scene.cards[card_id].editor is None
        assert scene.add_card_at(_lane_point(scene, CI)) is None
        assert list(other.round.cards) == [card_id]
        assert other.undo_stack.count() == 0
    finally:
        other.close()


def test_card_items_show_long_and_any_script_text(board, session: Session) -> None:  # type: ignore[no-untyped-def]
    from tests.ui.board.drawn_text import drawn_text

    scene, view = board
    long_id = session.add_card(CI, "word " * 1000)  # at the limit of a card's text
    rtl_id = session.add_card(CI, "مرحبا بالعالم 信頼 🎉 <b>&")
    view.set_zoom(1.0)
    view.centerOn(scene.cells[CI])
    item: CardItem = scene.cards[long_id]
    drawn = [d.text for d in drawn_text(view)]
    assert any(d.startswith("word") and d.endswith("…") for d in drawn)  # cut, and says so
    assert item.toolTip().startswith("<p>word word")  # escaped, and wraps
    shown = "".join(drawn)  # drawn run by run, in the order they show
    for part in ("مرحبا بالعالم", "信頼", "🎉", "<", "b>&"):
        assert part in shown, part
    assert rtl_id in scene.cards


def test_escape_on_an_empty_new_card_takes_it_away_without_a_trace(
    qtbot: QtBot, board, session: Session
) -> None:  # type: ignore[no-untyped-def]
    scene, view = board
    view.ensureVisible(scene.cells[CI].rect)
    qtbot.mouseDClick(
        view.viewport(), Qt.MouseButton.LeftButton, pos=_vp(view, _lane_point(scene, CI))
    )
    assert len(session.round.cards) == 1
    qtbot.keyClicks(view.viewport(), "   ")  # nothing but spaces: nothing to keep
    qtbot.keyClick(view.viewport(), Qt.Key.Key_Escape)
    assert session.round.cards == {}
    assert session.undo_stack.count() == 0  # no "Add card" left to undo or redo
    assert scene.cards == {}
    # Enter on a new card left empty does the same
    qtbot.mouseDClick(
        view.viewport(), Qt.MouseButton.LeftButton, pos=_vp(view, _lane_point(scene, CI))
    )
    qtbot.keyClick(view.viewport(), Qt.Key.Key_Return)
    assert session.round.cards == {}
    assert session.undo_stack.count() == 0


def test_escape_on_a_typed_new_card_is_an_undo_step_that_brings_the_words_back(
    qtbot: QtBot, board, session: Session
) -> None:  # type: ignore[no-untyped-def]
    scene, view = board
    view.ensureVisible(scene.cells[CI].rect)
    qtbot.mouseDClick(
        view.viewport(), Qt.MouseButton.LeftButton, pos=_vp(view, _lane_point(scene, CI))
    )
    (card_id,) = session.round.cards
    qtbot.keyClicks(view.viewport(), "Staff wear name badges")
    qtbot.keyClick(view.viewport(), Qt.Key.Key_Escape)
    assert session.round.cards == {}
    assert card_id not in scene.cards
    assert session.undo_stack.undoText().startswith("Discard new card “Staff wear name…”")
    session.undo_stack.undo()
    assert session.round.cards[card_id].text == "Staff wear name badges"
    assert session.round.cards[card_id].cell == CI
    assert card_id in scene.cards
    session.undo_stack.redo()
    assert session.round.cards == {}


def test_f2_puts_the_caret_after_the_text(qtbot: QtBot, board, session: Session) -> None:  # type: ignore[no-untyped-def]
    scene, view = board
    card_id = session.add_card(CI, "Certified")
    assert card_id
    scene.cards[card_id].setSelected(True)
    view.setFocus()
    qtbot.keyClick(view.viewport(), Qt.Key.Key_F2)
    qtbot.keyClicks(view.viewport(), " staff")
    qtbot.keyClick(view.viewport(), Qt.Key.Key_Return)
    assert session.round.cards[card_id].text == "Certified staff"


def _drag(qtbot: QtBot, view: BoardView, start: QPoint, end: QPoint) -> None:
    qtbot.mousePress(view.viewport(), Qt.MouseButton.LeftButton, pos=start)
    for i in range(1, 6):  # a real drag passes through intermediate points
        qtbot.mouseMove(view.viewport(), start + (end - start) * (i / 5))
    qtbot.mouseRelease(view.viewport(), Qt.MouseButton.LeftButton, pos=end)


@pytest.mark.parametrize(("onto", "expected"), [(0, "cab"), (1, "acb")])
def test_dragging_a_card_onto_another_puts_it_in_that_place(
    qtbot: QtBot, board, session: Session, onto: int, expected: str
) -> None:  # type: ignore[no-untyped-def]
    scene, view = board
    ids = {text: session.add_card(CI, text) for text in "abc"}
    view.fit_all()
    target = [ids["a"], ids["b"]][onto]
    start = _vp(view, scene.cards[ids["c"]].sceneBoundingRect().center())
    end = _vp(view, scene.cards[target].sceneBoundingRect().center())
    _drag(qtbot, view, start, end)
    assert "".join(c.text for c in session.round.cards_in(CI, Layer.AS_IS)) == expected
    for card_id, item in scene.cards.items():  # every card is drawn where the layout puts it
        assert item.scenePos() == QPointF(*scene.geometry.card_pos(card_id))
    session.undo_stack.undo()
    assert "".join(c.text for c in session.round.cards_in(CI, Layer.AS_IS)) == "abc"


def test_dragging_a_card_past_the_last_puts_it_at_the_end(
    qtbot: QtBot, board, session: Session
) -> None:  # type: ignore[no-untyped-def]
    scene, view = board
    ids = {text: session.add_card(CI, text) for text in "abc"}
    view.fit_all()
    start = _vp(view, scene.cards[ids["a"]].sceneBoundingRect().center())
    end = _vp(view, _lane_point(scene, CI))  # the lane's empty bottom-right corner
    _drag(qtbot, view, start, end)
    assert "".join(c.text for c in session.round.cards_in(CI, Layer.AS_IS)) == "bca"
