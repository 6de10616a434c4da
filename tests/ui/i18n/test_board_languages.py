"""The board in the interface language: every text it paints comes from the catalogue
(pseudo), the German and French badges and notes are real words, and no English is left
in this part of the catalogue."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

import pytest
from pytestqt.qtbot import QtBot

from tests.ui.board.drawn_text import drawn_on, drawn_text, recording_device
from tests.ui.i18n.board_texts import english_left, let_go
from trustboard.domain.framework import Framework
from trustboard.domain.workshop import Layer, Perspective
from trustboard.i18n_catalogue import extract, problems
from trustboard.services.demo import demo_workshop
from trustboard.ui.board.legend import BoardLegend, badges, round_name
from trustboard.ui.board.picture import paint_board_picture
from trustboard.ui.board.scene import BoardScene
from trustboard.ui.board.view import BoardView
from trustboard.ui.session import Session
from trustboard.ui.theme import LIGHT

PART = ("ui/board/", "ui/charts/", "ui/docks/", "ui/dialogs/")


@pytest.fixture
def board(qtbot: QtBot, demo_session: Session) -> Iterator[Callable[[str], BoardView]]:
    views: list[BoardView] = []

    def make(code: str) -> BoardView:
        view = BoardView(BoardScene(demo_session, LIGHT))
        views.append(view)
        view.resize(1280, 720)
        view.show()
        qtbot.waitExposed(view)
        view.fit_all()
        return view

    yield make
    for view in views:  # the scenes follow the one session: let each go with its view
        let_go(view, demo_session)


def _with_hidden_and_unsorted(session: Session) -> None:
    """A card on the other layer and one unsorted, so the notes for them are painted."""
    cell = next(iter(session.framework.cells()))
    session.add_card(cell, "Hidden to-be card", layer=Layer.TO_BE)
    session.add_card(None, "Unsorted card", layer=Layer.AS_IS)


def test_every_text_the_demo_board_paints_is_translated(
    interface_language: Callable[[str], str], board: Callable[[str], BoardView]
) -> None:
    interface_language("pseudo")
    view = board("pseudo")
    session = view.board.session
    _with_hidden_and_unsorted(session)
    overview = drawn_text(view)  # fitted: the overview of every cell
    view.set_zoom(1.0)
    cards = drawn_text(view)  # zoomed in: cards, badges, headers
    assert any("[!! We " in d.text for d in cards), [str(d) for d in cards][:20]
    assert english_left([*overview, *cards], session.workshop) == []


def test_the_legend_says_the_badges_in_the_language(
    interface_language: Callable[[str], str], board: Callable[[str], BoardView], qtbot: QtBot
) -> None:
    interface_language("pseudo")
    view = board("pseudo")
    legend = BoardLegend(view, view.board.session, expanded=True)
    qtbot.addWidget(legend)
    from tests.i18n.visible import unwrapped, visible_texts, workshop_data

    texts = visible_texts(legend)
    assert unwrapped(texts, data=workshop_data(view.board.session.workshop)) == []
    assert ("[!! We 3 !!]", "[!! our score (the median) !!]") in badges()


def test_german_badges_and_notes(
    interface_language: Callable[[str], str], board: Callable[[str], BoardView]
) -> None:
    interface_language("de")
    view = board("de")
    session = view.board.session
    _with_hidden_and_unsorted(session)
    cell = next(iter(session.framework.cells()))
    item = view.board.cells[cell]
    assert re.fullmatch(r"\+1 Soll-Karte|\+\d+ Soll-Karten", item.note), item.note
    assert re.fullmatch(r"\+\d+ Soll", item.short_note)
    assert any(b.startswith("Wir ") for b in item.badges)
    assert re.fullmatch(
        r"Unsortiert: (1 Karte|\d+ Karten) – ziehen Sie sie in ein Feld",
        view.board.unsorted_label.text(),
    )
    assert re.match(r"Runde \d+", round_name(session))
    assert ("Kunden 4", "die der Kunden") in badges()


def test_french_badges_and_notes(
    interface_language: Callable[[str], str], board: Callable[[str], BoardView]
) -> None:
    interface_language("fr")
    view = board("fr")
    assert ("Nous 3", "notre note (la médiane)") in badges()
    assert re.match(r"Tour \d+", round_name(view.board.session))
    _with_hidden_and_unsorted(view.board.session)
    view.board.session.add_card(None, "Another unsorted card", layer=Layer.AS_IS)
    assert re.fullmatch(
        "Non classé\u00a0: 2 cartes — faites-les glisser dans une case",
        view.board.unsorted_label.text(),
    )


def test_scores_show_the_locale_decimal_comma(
    interface_language: Callable[[str], str], qtbot: QtBot, session: Session
) -> None:
    interface_language("de")
    scene = BoardScene(session, LIGHT)
    cell = next(iter(session.framework.cells()))
    for score in (2, 3):
        session.add_score(cell, score, layer=Layer.AS_IS, perspective=Perspective.SELF)
    assert "Wir 2,5" in scene.cells[cell].badges


@pytest.mark.parametrize("code", ["de", "fr"])
def test_every_text_of_the_board_charts_docks_and_dialogs_is_translated(code: str) -> None:
    sources = [s for s in extract() if s.where[0][0].startswith(PART)]
    assert len(sources) > 300
    assert problems(code, sources) == []


def test_the_board_picture_is_written_in_the_workshops_language(
    qapp: object, rtx: Framework
) -> None:
    """Whatever the interface speaks (English here), as every other export."""
    import dataclasses

    ws = demo_workshop(dataclasses.replace(rtx, language="pseudo"))
    device, _warnings = paint_board_picture(ws, ws.current_round_id, recording_device)
    drawn = drawn_on(device)
    assert any("[!! Layer: as-is" in d.text for d in drawn), [d.text for d in drawn][:8]
    assert english_left(drawn, ws) == []
    ws = demo_workshop(dataclasses.replace(rtx, language="de"))
    device, _warnings = paint_board_picture(ws, ws.current_round_id, recording_device)
    words = " ".join(d.text for d in drawn_on(device))
    assert "Ebene: Ist (heute)" in words and "unsere Bewertung (Median)" in words
