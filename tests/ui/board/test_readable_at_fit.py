"""The whole board reads from the back row: at fit on a 1280×720 projector, on a 1920×1080
screen and in presenter mode, no text the board draws is under 18 px on screen. What does
not fit at that size is summarised (ratings, counts by kind, the top cards' first words),
and zooming in to a cell brings back whole cards."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from tests.ui.board.drawn_text import Drawn, drawn_text
from tests.ui.two_screens import run_on_two_screens
from trustboard.ui.actions import ActionId
from trustboard.ui.board.detail import first_words
from trustboard.ui.main_window import MainWindow

READABLE_PX = 18.0


def _fitted(window: MainWindow, qtbot: QtBot, width: int, height: int) -> None:
    window.resize(width, height)
    assert window.view is not None
    qtbot.waitUntil(lambda: window.view is not None and window.view.viewport().width() > 300)
    window.actions_[ActionId.FIT_ALL].trigger()
    assert window.view.fitted


def _too_small(drawn: list[Drawn]) -> list[str]:
    return [str(d) for d in drawn if d.px < READABLE_PX]


def _texts(drawn: list[Drawn]) -> str:
    return "\n".join(d.text for d in drawn)


@pytest.fixture
def window(demo_window: MainWindow) -> Iterator[MainWindow]:
    yield demo_window


@pytest.mark.parametrize("size", [(1280, 720), (1920, 1080)])
def test_every_text_on_the_fitted_board_is_readable_from_the_back_row(
    qtbot: QtBot, window: MainWindow, size: tuple[int, int]
) -> None:
    _fitted(window, qtbot, *size)
    assert window.view is not None
    drawn = drawn_text(window.view)
    assert _too_small(drawn) == []
    shown = _texts(drawn)
    fw = window.session.framework  # type: ignore[union-attr]
    for axis in (*fw.elements, *fw.active_domains):  # every row and column is named
        assert axis.name in shown.replace("\n", " ") or axis.name[:6] in shown
    assert "We " in shown  # the ratings


@pytest.mark.parametrize("size", [(1280, 720), (1920, 1080)])
def test_a_zoomed_out_cell_says_what_is_in_it(
    qtbot: QtBot, window: MainWindow, size: tuple[int, int]
) -> None:
    _fitted(window, qtbot, *size)
    assert window.view is not None and window.view.summary
    session = window.session
    assert session is not None
    drawn = drawn_text(window.view)
    layer = session.layer
    cell = max(session.framework.cells(), key=lambda c: len(session.round.cards_in(c, layer)))
    # Counts by kind: the number of that cell's cards of its most common kind is drawn.
    kinds = [c.kind for c in session.round.cards_in(cell, layer)]
    assert str(max(kinds.count(k) for k in set(kinds))) in _texts(drawn).split()
    if size[1] >= 1080:  # room for words too: the most voted card opens the cell's summary
        top = max(session.round.cards_in(cell, layer), key=lambda c: (c.votes, -c.order))
        opening = first_words(top.text)[:8]
        assert any(d.text.startswith(opening) and d.px >= READABLE_PX for d in drawn)


PRESENTER = """
import sys
from pathlib import Path
from tests.ui.board.drawn_text import drawn_text
from trustboard.paths import UserPaths
from trustboard.services.settings import Settings
from trustboard.ui.actions import ActionId
from trustboard.ui.app import make_app
from trustboard.ui.board.detail import first_words
from trustboard.ui.main_window import MainWindow

app = make_app()
paths = UserPaths.under(Path(sys.argv[1]))
w = MainWindow(paths, Settings.load(paths))
w.show()
w.open_demo()
w.actions_[ActionId.PRESENTER].setChecked(True)
for _ in range(50):
    app.processEvents()
audience = w.presenter.audience
view = audience.view if audience is not None else w.view
assert view.window().width() == 1280, view.window().size()
focused = drawn_text(view)
view.fit_all()
app.processEvents()
assert view.summary, view.zoom
whole = drawn_text(view)
for drawn in (focused, whole):
    small = [str(d) for d in drawn if d.px < 18]
    assert not small, small
s = w.session
texts = [d.text for d in whole]
for axis in (*s.framework.elements, *s.framework.active_domains):
    assert axis.name in texts, (axis.name, texts)
cell = max(s.framework.cells(), key=lambda c: len(s.round.cards_in(c, s.layer)))
top = max(s.round.cards_in(cell, s.layer), key=lambda c: (c.votes, -c.order))
assert any(t.startswith(first_words(top.text)[:8]) for t in texts), texts
w.actions_[ActionId.PRESENTER].setChecked(False)
w.files.ask_unsaved = lambda error: "discard"
w.close()
print("ok")
"""

_PROJECTOR = {"y": 0, "x": 0, "logicalDpi": 96, "logicalBpp": 32, "dpr": 1, "width": 1280,
              "height": 720, "name": "projector"}  # fmt: skip


def test_presenter_mode_on_the_laptop_reads_from_the_back_row(tmp_path: Path) -> None:
    """One 1280×720 screen: the window itself presents, focused and then the whole board."""
    run_on_two_screens(tmp_path, PRESENTER, [_PROJECTOR])


def test_presenter_mode_on_the_projector_reads_from_the_back_row(tmp_path: Path) -> None:
    """A laptop and a 1280×720 projector: the projector's board, focused and whole."""
    run_on_two_screens(tmp_path, PRESENTER)


def test_a_focused_cell_shows_its_cards_whole(qtbot: QtBot, window: MainWindow) -> None:
    _fitted(window, qtbot, 1280, 720)
    session = window.session
    assert session is not None and window.view is not None
    layer = session.layer
    cell = max(session.framework.cells(), key=lambda c: len(session.round.cards_in(c, layer)))
    session.set_current_cell(cell)
    window.actions_[ActionId.FIT_CELL].trigger()
    assert not window.view.summary
    drawn = drawn_text(window.view)
    assert _too_small(drawn) == []
    words = " ".join(_texts(drawn).split())
    for card in session.round.cards_in(cell, layer):
        assert " ".join(card.text.split()) in words, card.text
