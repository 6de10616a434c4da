"""The docks and dialogs mirror in a right-to-left language, and in German (long words)
they grow or wrap rather than clip: checked on what is laid out, at 1280 × 720."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from itertools import combinations
from pathlib import Path

import pytest
from PySide6.QtCore import QRect, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
)
from pytestqt.qtbot import QtBot

from trustboard.domain.workshop import Action
from trustboard.paths import UserPaths
from trustboard.ui.dialogs.action_dialog import ActionDialog
from trustboard.ui.dialogs.details_dialog import DetailsDialog
from trustboard.ui.dialogs.framework_editor import FrameworkEditorDialog
from trustboard.ui.docks.cell_panel import CellPanel
from trustboard.ui.docks.kpi_panel import KpiPanel
from trustboard.ui.docks.voting import VotingPanel
from trustboard.ui.session import Session

SCREEN = (1280, 720)
SIDE_DOCK_W = 420  # the cell dock beside the board on a 1280 px wide screen


def _make(name: str, session: Session, tmp_path: Path) -> QWidget:
    session.set_current_cell(next(iter(session.framework.cells())))
    card = next(iter(session.round.cards.values()))
    if card.action is None:
        session.update_card(card.id, action=Action(owner="Sam", due=dt.date(2030, 1, 1)))
        card = session.round.cards[card.id]
    if name == "cell panel":
        return CellPanel(session)
    if name == "KPI panel":
        return KpiPanel(session)
    if name == "voting":
        return VotingPanel(session)
    if name == "action dialog":
        return ActionDialog(card, participants=session.workshop.participants)
    if name == "details dialog":
        return DetailsDialog(session)
    return FrameworkEditorDialog(session, UserPaths.under(tmp_path / "data"))


SIZES = {
    "cell panel": (SIDE_DOCK_W, SCREEN[1]),
    "KPI panel": (SIDE_DOCK_W, SCREEN[1]),
    "voting": (SIDE_DOCK_W, SCREEN[1]),
    "framework editor": SCREEN,
}


def _shown(qtbot: QtBot, widget: QWidget, name: str) -> QWidget:
    qtbot.addWidget(widget)
    if name in SIZES:
        widget.resize(*SIZES[name])
    else:
        widget.adjustSize()
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def _leaves(root: QWidget) -> list[QWidget]:
    kinds = (QLabel, QAbstractButton, QLineEdit, QComboBox)
    return [
        w
        for w in root.findChildren(QWidget)
        if isinstance(w, kinds)
        and w.isVisibleTo(root)
        and w.window() is root.window()
        and not isinstance(w.parent(), QComboBox)
    ]


def _rect(w: QWidget, root: QWidget) -> QRect:
    return QRect(w.mapTo(root, w.rect().topLeft()), w.size())


def _overlaps(root: QWidget) -> list[str]:
    rects = [(w, _rect(w, root)) for w in _leaves(root)]
    return [
        f"{type(a).__name__} {a.objectName()!r} over {type(b).__name__} {b.objectName()!r}"
        for (a, ra), (b, rb) in combinations(rects, 2)
        if ra.intersects(rb) and not a.isAncestorOf(b) and not b.isAncestorOf(a)
    ]


def _clipped(root: QWidget) -> list[str]:
    """Buttons and one-line labels narrower than their text."""
    bad = []
    for w in _leaves(root):
        text = w.text() if isinstance(w, (QLabel, QAbstractButton)) else ""
        if not text or (
            isinstance(w, QLabel) and (w.wordWrap() or w.textFormat() == Qt.TextFormat.RichText)
        ):
            continue
        plain = text.replace("&&", "\0").replace("&", "").replace("\0", "&")
        need = max(w.fontMetrics().horizontalAdvance(line) for line in plain.splitlines())
        if isinstance(w, QAbstractButton):
            need += 8  # the button's own frame
        if w.contentsRect().width() < need:
            bad.append(f"{type(w).__name__} {text!r}: {w.contentsRect().width()} < {need}")
    return bad


NAMES = ["cell panel", "KPI panel", "voting", "action dialog", "details dialog",
         "framework editor"]  # fmt: skip


@pytest.mark.parametrize("name", NAMES)
def test_right_to_left_the_panels_mirror_without_overlap(
    name: str,
    qtbot: QtBot,
    demo_session: Session,
    tmp_path: Path,
    interface_language: Callable[[str], str],
) -> None:
    interface_language("pseudo-rtl")
    widget = _shown(qtbot, _make(name, demo_session, tmp_path), name)
    assert widget.isRightToLeft()
    assert _overlaps(widget) == []
    for form in widget.findChildren(QFormLayout):
        for row in range(form.rowCount()):
            label = form.itemAt(row, QFormLayout.ItemRole.LabelRole)
            field = form.itemAt(row, QFormLayout.ItemRole.FieldRole)
            if label is None or field is None or not label.widget() or not label.widget().text():
                continue
            if label.geometry().top() == field.geometry().top():  # side by side
                assert label.geometry().left() >= field.geometry().right(), label.widget().text()


def test_right_to_left_the_cell_walk_reads_from_the_right(
    qtbot: QtBot,
    demo_session: Session,
    tmp_path: Path,
    interface_language: Callable[[str], str],
) -> None:
    interface_language("pseudo-rtl")
    panel = _shown(qtbot, _make("cell panel", demo_session, tmp_path), "cell panel")
    assert isinstance(panel, CellPanel)
    back, on = panel.prev_button, panel.next_button
    assert back.x() > on.x()  # "previous" is at the right
    assert "▶" in back.text() and "◀" in on.text()  # pointing the way each goes


@pytest.mark.parametrize("code", ["de", "fr"])
@pytest.mark.parametrize("name", NAMES)
def test_long_words_grow_or_wrap_never_clip(
    name: str,
    code: str,
    qtbot: QtBot,
    demo_session: Session,
    tmp_path: Path,
    interface_language: Callable[[str], str],
) -> None:
    interface_language(code)
    widget = _shown(qtbot, _make(name, demo_session, tmp_path), name)
    assert (widget.width() <= SCREEN[0] and widget.height() <= SCREEN[1]) or name not in SIZES
    assert _clipped(widget) == []
    assert _overlaps(widget) == []


def test_the_clip_check_sees_a_clipped_button(qtbot: QtBot) -> None:
    root = QWidget()
    QHBoxLayout(root).addWidget(QPushButton("Kennzahl hinzufügen"))
    qtbot.addWidget(root)
    root.findChild(QPushButton).setFixedWidth(40)
    root.show()
    assert _clipped(root) != []


def test_right_to_left_the_score_steps_run_like_their_buttons(
    qtbot: QtBot,
    demo_session: Session,
    tmp_path: Path,
    interface_language: Callable[[str], str],
) -> None:
    from tests.ui.board.drawn_text import drawn_text

    interface_language("pseudo-rtl")
    panel = _shown(qtbot, _make("cell panel", demo_session, tmp_path), "cell panel")
    assert isinstance(panel, CellPanel)
    row = next(iter(panel.rating_box.rows.values()))
    one, five = row.buttons[1], row.buttons[5]
    assert one.x() > five.x()
    steps = {d.text: d.at.x() for d in drawn_text(row.histogram) if d.text in {"1", "5"}}
    assert steps["1"] > steps["5"]
