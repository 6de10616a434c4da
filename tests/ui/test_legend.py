"""The board's key: the round's name on the board, every card kind's colour and what the
cell badges say, in type the back row reads, in the window and in presenter mode."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QPoint
from PySide6.QtWidgets import QApplication, QLabel
from pytestqt.qtbot import QtBot

from trustboard.paths import UserPaths
from trustboard.services.settings import Settings
from trustboard.ui.actions import ActionId
from trustboard.ui.board.legend import TEXT_PX, BoardLegend
from trustboard.ui.main_window import MainWindow


@pytest.fixture
def window(qtbot: QtBot, data_dir: UserPaths) -> Iterator[MainWindow]:
    w = MainWindow(data_dir, Settings.load(data_dir))
    qtbot.addWidget(w)
    w.resize(1280, 680)
    w.show()
    qtbot.waitExposed(w)
    w.open_demo()
    yield w
    w.close()


def _legend(window: MainWindow) -> BoardLegend:
    assert window.view is not None
    legend = window.view.findChild(BoardLegend, "boardLegend")
    assert legend is not None
    return legend


def _texts(legend: BoardLegend) -> list[str]:
    return [label.text() for label in legend.findChildren(QLabel) if label.isVisibleTo(legend)]


def test_the_board_names_its_round(window: MainWindow) -> None:
    session = window.session
    assert session is not None
    legend = _legend(window)
    assert legend.isVisible()
    assert session.round.label in legend.round_label.text()
    first = session.workshop.rounds[0]
    session.set_viewed_round(first.id)
    assert legend.round_label.text() == f"Round 1: {first.label}"


def test_the_legend_shows_every_card_kind_and_every_badge(window: MainWindow) -> None:
    session = window.session
    assert session is not None
    texts = _texts(_legend(window))
    for kind in session.framework.card_kinds:
        assert kind.name in texts
    for badge in ("We 3", "Customers 4", "+2 to-be cards", "!"):
        assert badge in texts


def test_the_legend_is_large_enough_for_the_back_row(window: MainWindow) -> None:
    legend = _legend(window)
    for label in legend.findChildren(QLabel):
        if label.text():
            assert label.font().pixelSize() >= TEXT_PX >= 18, label.text()


def test_the_legend_has_a_strip_of_its_own_below_the_board(window: MainWindow) -> None:
    assert window.view is not None
    legend = _legend(window)
    for size in ((1280, 720), (900, 560), (1920, 1080)):
        window.resize(*size)
        QApplication.processEvents()
        board = window.view.viewport().geometry()
        assert window.view.rect().contains(legend.geometry())
        assert not board.intersects(legend.geometry())  # it covers no part of the board
        assert legend.geometry().top() >= board.bottom()


def test_view_legend_toggles_the_key_but_keeps_the_round(window: MainWindow) -> None:
    legend = _legend(window)
    action = window.actions_[ActionId.LEGEND]
    assert action.isChecked() and legend.badges_box.isVisible()
    tall = legend.height()
    action.trigger()
    assert not legend.badges_box.isVisible() and legend.round_label.isVisible()
    assert legend.height() < tall
    action.trigger()
    assert legend.badges_box.isVisible()


def test_presenter_mode_shows_the_legend(qtbot: QtBot, window: MainWindow) -> None:
    window.actions_[ActionId.PRESENTER].setChecked(True)
    assert window.presenter.active
    QApplication.processEvents()
    legend = _legend(window)
    assert legend.isVisible() and legend.badges_box.isVisible()
    assert window.view is not None
    assert not window.view.viewport().geometry().intersects(legend.geometry())
    window.actions_[ActionId.PRESENTER].setChecked(False)


def test_the_projector_view_of_two_screens_has_the_legend(qtbot: QtBot, window: MainWindow) -> None:
    from trustboard.ui.presenter import AudienceWindow

    window.actions_[ActionId.LEGEND].setChecked(False)
    audience = AudienceWindow(window)
    qtbot.addWidget(audience)
    legend = audience.view.findChild(BoardLegend, "boardLegend")
    assert legend is not None and not legend.expanded  # as the window shows it
    assert window.session is not None
    assert legend.round_label.text().endswith(window.session.round.label)


@pytest.mark.parametrize("size", [(1280, 680), (900, 560)])
def test_no_legend_text_is_cut(window: MainWindow, size: tuple[int, int]) -> None:
    """With the Cell panel open the board is narrow: the key takes more rows, not less text."""
    window.resize(*size)
    QApplication.processEvents()
    legend = _legend(window)
    for label in legend.findChildren(QLabel):
        if label.text() and label.isVisibleTo(legend):
            assert label.width() >= label.sizeHint().width(), label.text()
            right = label.mapTo(legend, QPoint(label.width() - 1, label.height() - 1))
            assert legend.rect().contains(right), label.text()
