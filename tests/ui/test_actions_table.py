"""The action plan table: shows actions, sorts, edits status in place with undo, flags overdue."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialogButtonBox,
    QWidget,
)
from pytestqt.qtbot import QtBot

from trustboard.domain.framework import Framework
from trustboard.domain.workshop import Action, ActionStatus, Layer, new_workshop
from trustboard.store import WorkshopFile
from trustboard.ui.dialogs.action_dialog import ActionDialog
from trustboard.ui.docks.actions_table import ActionsTable, Column
from trustboard.ui.session import Session

TODAY = dt.date(2030, 6, 15)
CI = ("competence", "individuals")
ET = ("empathy", "technology")


@pytest.fixture
def session(qapp: object, tmp_path: Path, rtx: Framework) -> Iterator[Session]:
    ws = new_workshop(rtx, "Plan", participants=("Ana", "Bo"))
    s = Session(WorkshopFile.create(tmp_path / "w.trustboard", ws))
    yield s
    s.close()


@pytest.fixture
def cards(session: Session) -> dict[str, str]:
    """Three actions and one plain card, added the way the board adds them."""
    ids = {
        "late": session.add_card(ET, "Explain data use <b>&", layer=Layer.TO_BE),
        "soon": session.add_card(CI, "Mentoring", layer=Layer.TO_BE),
        "done": session.add_card(CI, "Publish reviews", layer=Layer.TO_BE),
        "plain": session.add_card(CI, "Just a note"),
    }
    assert all(ids.values())
    session.update_card(ids["late"], action=Action("Bo", dt.date(2030, 6, 1)))
    session.update_card(ids["soon"], action=Action("Ana", dt.date(2030, 7, 1)))
    session.update_card(
        ids["done"], action=Action("Ana", dt.date(2030, 5, 1), ActionStatus.DONE), votes=4
    )
    return {k: v for k, v in ids.items() if v}


@pytest.fixture
def table(qtbot: QtBot, session: Session, cards: dict[str, str]) -> ActionsTable:
    widget = ActionsTable(session, today=lambda: TODAY)
    qtbot.addWidget(widget)
    widget.resize(1000, 400)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def _double_click(qtbot: QtBot, table: ActionsTable, pos: QPoint) -> None:
    # QTest sends only the DblClick event; a real double click starts with a press.
    qtbot.mouseClick(table.view.viewport(), Qt.MouseButton.LeftButton, pos=pos)
    qtbot.mouseDClick(table.view.viewport(), Qt.MouseButton.LeftButton, pos=pos)


def _text(table: ActionsTable, card_id: str, column: Column) -> str:
    return table.index_of(card_id, column).data()


def test_shows_every_action_of_the_round_in_board_order(
    table: ActionsTable, cards: dict[str, str]
) -> None:
    assert table.card_ids() == [cards["soon"], cards["done"], cards["late"]]
    late = cards["late"]
    assert _text(table, late, Column.ACTION) == "Explain data use <b>&"
    assert _text(table, late, Column.CELL) == "Empathy × Technology"
    assert _text(table, late, Column.OWNER) == "Bo"
    assert _text(table, late, Column.STATUS) == "Open"
    assert _text(table, cards["done"], Column.VOTES) == "4"
    assert table.summary.text() == "3 actions, 1 overdue"


def test_overdue_open_actions_say_so_in_words(table: ActionsTable, cards: dict[str, str]) -> None:
    assert _text(table, cards["late"], Column.DUE) == "2030-06-01 — overdue"
    assert _text(table, cards["soon"], Column.DUE) == "2030-07-01"
    assert _text(table, cards["done"], Column.DUE) == "2030-05-01"  # done is never overdue
    tip = table.index_of(cards["late"], Column.DUE).data(Qt.ItemDataRole.ToolTipRole)
    assert "Overdue" in tip


def test_sorting_by_a_column(table: ActionsTable, cards: dict[str, str]) -> None:
    table.view.sortByColumn(Column.DUE, Qt.SortOrder.AscendingOrder)
    assert table.card_ids() == [cards["done"], cards["late"], cards["soon"]]
    table.view.sortByColumn(Column.VOTES, Qt.SortOrder.DescendingOrder)
    assert table.card_ids()[0] == cards["done"]
    table.view.sortByColumn(Column.STATUS, Qt.SortOrder.DescendingOrder)
    assert table.card_ids()[0] == cards["done"]


def test_follows_the_session(table: ActionsTable, session: Session, cards: dict[str, str]) -> None:
    session.update_card(cards["plain"], action=Action("Bo"))
    assert cards["plain"] in table.card_ids()
    session.undo_stack.undo()
    assert cards["plain"] not in table.card_ids()
    session.update_card(cards["late"], text="Explain data use, plainly")
    assert _text(table, cards["late"], Column.ACTION) == "Explain data use, plainly"


def test_status_edited_in_place_is_one_undo_step(
    qtbot: QtBot, table: ActionsTable, session: Session, cards: dict[str, str], reopen
) -> None:  # type: ignore[no-untyped-def]
    late = cards["late"]
    steps = session.undo_stack.count()
    index = table.index_of(late, Column.STATUS)
    table.view.setCurrentIndex(index)
    table.view.setFocus()
    qtbot.keyClick(table.view, Qt.Key.Key_F2)
    combo = table.view.indexWidget(index) or table.view.findChild(QComboBox)
    assert isinstance(combo, QComboBox)
    assert combo.currentText() == "Open"
    combo.setCurrentIndex(combo.findData(ActionStatus.IN_PROGRESS.value))
    combo.activated.emit(combo.currentIndex())  # what picking an entry does
    assert session.round.cards[late].action == Action(
        "Bo", dt.date(2030, 6, 1), ActionStatus.IN_PROGRESS
    )
    assert session.undo_stack.count() == steps + 1
    assert session.undo_stack.undoText() == (
        "Set action status “Explain data use…” in Empathy × Technology"
    )
    assert _text(table, late, Column.STATUS) == "In progress"
    assert table.current_card_id() == late  # the row stays selected after the redraw
    with reopen(session) as wf:
        assert wf.workshop.current_round.cards[late].action.status == ActionStatus.IN_PROGRESS
    session.undo_stack.undo()
    assert session.round.cards[late].action == Action("Bo", dt.date(2030, 6, 1))
    assert _text(table, late, Column.STATUS) == "Open"


def test_status_through_the_model_like_the_delegate(
    table: ActionsTable, session: Session, cards: dict[str, str]
) -> None:
    index = table.index_of(cards["soon"], Column.STATUS)
    assert index.flags() & Qt.ItemFlag.ItemIsEditable
    assert not table.index_of(cards["soon"], Column.OWNER).flags() & Qt.ItemFlag.ItemIsEditable
    assert table.proxy.setData(index, ActionStatus.DONE.value)
    assert session.round.cards[cards["soon"]].action.status == ActionStatus.DONE  # type: ignore[union-attr]
    assert table.summary.text() == "3 actions, 1 overdue"
    assert not table.proxy.setData(table.index_of(cards["soon"], Column.STATUS), "bogus")


def test_double_click_opens_the_action_dialog(
    qtbot: QtBot, session: Session, cards: dict[str, str]
) -> None:
    seen: list[str] = []

    def run(dialog: ActionDialog) -> bool:
        qtbot.addWidget(dialog)
        seen.append(dialog.card.id)
        dialog.owner.setText("Chidi")
        dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()
        return True

    table = ActionsTable(session, today=lambda: TODAY, run_dialog=run)
    qtbot.addWidget(table)
    table.resize(1000, 400)
    table.show()
    qtbot.waitExposed(table)
    rect = table.view.visualRect(table.index_of(cards["soon"], Column.OWNER))
    _double_click(qtbot, table, rect.center())
    assert seen == [cards["soon"]]
    assert session.round.cards[cards["soon"]].action.owner == "Chidi"  # type: ignore[union-attr]
    assert session.undo_stack.undoText() == ("Edit action “Mentoring” in Competence × Individuals")

    table.view.setCurrentIndex(table.index_of(cards["late"], Column.ACTION))
    table.view.setFocus()
    qtbot.keyClick(table.view, Qt.Key.Key_Return)  # the keyboard way in
    assert seen[-1] == cards["late"]
    assert table.edit_button.isEnabled()


def test_double_click_on_status_edits_in_place(
    qtbot: QtBot, session: Session, cards: dict[str, str]
) -> None:
    seen: list[str] = []
    table = ActionsTable(session, run_dialog=lambda d: bool(seen.append(d.card.id)))
    qtbot.addWidget(table)
    table.resize(1000, 400)
    table.show()
    qtbot.waitExposed(table)
    index = table.index_of(cards["soon"], Column.STATUS)
    pos: QPoint = table.view.visualRect(index).center()
    _double_click(qtbot, table, pos)
    assert seen == []
    assert isinstance(table.view.findChild(QComboBox), QComboBox)


def test_empty_plan_says_how_to_fill_it(qtbot: QtBot, session: Session) -> None:
    table = ActionsTable(session)
    qtbot.addWidget(table)
    assert table.card_ids() == []
    assert "promote" in table.summary.text()
    assert not table.edit_button.isEnabled()


def test_every_control_has_a_name_and_a_tooltip(
    table: ActionsTable, unnamed_controls: Callable[[QWidget], list[str]]
) -> None:
    assert unnamed_controls(table) == []
