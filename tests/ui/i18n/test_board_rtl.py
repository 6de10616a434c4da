"""In a right-to-left language the board reads from the right: the first column at the
right, the row headers right of the cells, the badges from each cell's right edge, and
nothing drawn over anything else."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from itertools import combinations

import pytest
from PySide6.QtCore import QRectF
from pytestqt.qtbot import QtBot

from tests.ui.board.drawn_text import drawn_text
from tests.ui.i18n.board_texts import let_go
from trustboard.ui.board.scene import BoardScene
from trustboard.ui.board.view import BoardView
from trustboard.ui.session import Session
from trustboard.ui.theme import LIGHT


@pytest.fixture
def rtl_board(
    qtbot: QtBot, demo_session: Session, interface_language: Callable[[str], str]
) -> Iterator[BoardView]:
    interface_language("pseudo-rtl")
    view = BoardView(BoardScene(demo_session, LIGHT))
    view.resize(1280, 720)
    view.show()
    qtbot.waitExposed(view)
    view.fit_all()
    yield view
    let_go(view, demo_session)


def _rect(r: tuple[float, float, float, float]) -> QRectF:
    return QRectF(*r)


def test_the_first_column_is_at_the_right_and_the_row_headers_right_of_the_cells(
    rtl_board: BoardView,
) -> None:
    view = rtl_board
    assert view.isRightToLeft()
    g = view.board.geometry
    fw = view.board.session.framework
    domains, elements = fw.active_domains, fw.elements
    first, last = _rect(g.columns[domains[0].id]), _rect(g.columns[domains[-1].id])
    assert first.x() > last.x()
    cells = [_rect(g.cells[c]) for c in fw.cells()]
    cells_right = max(c.right() for c in cells)
    for e in elements:
        assert _rect(g.rows[e.id]).left() >= cells_right
    for d, c in zip(domains, [_rect(g.columns[d.id]) for d in domains], strict=True):
        assert _rect(g.cells[(elements[0].id, d.id)]).center().x() == pytest.approx(c.center().x())
    headers = [_rect(g.columns[d.id]) for d in domains] + [_rect(g.rows[e.id]) for e in elements]
    for a, b in combinations(headers + cells, 2):
        assert not a.intersects(b), (a, b)


def test_the_overview_reads_right_to_left_too(rtl_board: BoardView) -> None:
    view = rtl_board
    assert view.summary  # fitted: the overview
    fw = view.board.session.framework
    columns, rows, _strip = view.overview._lay_out()
    first, last = columns[fw.active_domains[0].id], columns[fw.active_domains[-1].id]
    assert first.x() > last.x()
    cells = view.overview.cells.values()
    assert all(r.left() >= max(c.right() for c in cells) for r in rows.values())
    rects = [*columns.values(), *rows.values(), *cells]
    for a, b in combinations(rects, 2):
        assert not a.intersects(b), (a, b)


def test_cards_sit_in_their_mirrored_cells_and_a_click_finds_them(rtl_board: BoardView) -> None:
    scene = rtl_board.board
    g = scene.geometry
    for card_id, item in scene.cards.items():
        if not item.isVisible():
            continue
        cell = scene.session.round.cards[card_id].cell
        pos = item.scenePos()
        assert (pos.x(), pos.y()) == g.card_pos(card_id)
        if cell is not None:
            assert _rect(g.cells[cell]).contains(item.sceneBoundingRect().center())
            centre = item.sceneBoundingRect().center()
            assert g.cell_at(centre.x(), centre.y()) == cell


def test_badges_start_at_the_cells_right_edge_and_never_overlap(rtl_board: BoardView) -> None:
    view = rtl_board
    view.set_zoom(1.0)
    fw = view.board.session.framework
    cell = next(iter(fw.cells()))
    view.centerOn(view.board.cells[cell].rect.center())
    drawn = drawn_text(view)
    box = view.mapFromScene(view.board.cells[cell].rect).boundingRect()
    top = [d for d in drawn if box.contains(d.at.toPoint())
           and d.at.y() < box.top() + 60 * view.transform().m22()]  # fmt: skip
    # Right to left, each badge comes as runs: "!!]", the words, "[!!" (left to right).
    ours = next(d.at.x() for d in top if d.text.startswith("We "))
    theirs = next(d.at.x() for d in top if d.text.startswith("Customers "))
    assert box.center().x() < ours  # ours first, from the right edge
    assert box.left() < theirs < ours
    closes_theirs = min(d.at.x() for d in top if d.text == "[!!" and d.at.x() > theirs)
    opens_ours = max(d.at.x() for d in top if d.text == "!!]" and d.at.x() < ours)
    assert closes_theirs < opens_ours  # the two badges do not overlap
