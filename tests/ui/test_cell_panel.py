"""The cell panel driven like a facilitator drives it: clicks, keys, typing, undo — checked on disk."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QPoint, Qt
from PySide6.QtGui import QFontInfo, QInputMethodEvent, QKeyEvent, QTextCursor
from PySide6.QtWidgets import QApplication, QLabel, QWidget
from pytestqt.qtbot import QtBot

from trustboard.domain.framework import Framework, Question
from trustboard.domain.workshop import Layer, Perspective, Round, new_workshop
from trustboard.store import WorkshopFile
from trustboard.ui.docks import BODY_PX
from trustboard.ui.docks.cell_panel import PLACEHOLDER_TEXT, CellPanel
from trustboard.ui.docks.rating_box import DISAGREE_TEXT
from trustboard.ui.session import LayerMode, Session

CI = ("competence", "individuals")
SELF, CUSTOMER = Perspective.SELF, Perspective.CUSTOMER
LITERAL = "<b>bold?</b> & <i>R&D</i>"
ARABIC = "ما الذي نفعله لنكسب ثقة العملاء؟ 🤝 <b>&"

OpenSession = Callable[..., Session]


@pytest.fixture
def open_session(qapp: object, tmp_path: Path, rtx: Framework) -> Iterator[OpenSession]:
    """Sessions on fresh workshop files; every one is closed when the test ends."""
    opened: list[Session] = []

    def _open(framework: Framework = rtx, *, read_only: bool = False) -> Session:
        path = tmp_path / f"w{len(opened)}.trustboard"
        WorkshopFile.create(path, new_workshop(framework, "Panel test")).close()
        session = Session(WorkshopFile.open(path, read_only=read_only))
        opened.append(session)
        return session

    yield _open
    for session in opened:
        session.close()


@pytest.fixture
def session(open_session: OpenSession) -> Session:
    return open_session()


def _show(qtbot: QtBot, session: Session) -> CellPanel:
    panel = CellPanel(session)
    qtbot.addWidget(panel)
    panel.resize(460, 900)
    panel.show()
    qtbot.waitExposed(panel)
    panel.activateWindow()
    qtbot.waitUntil(panel.isActiveWindow)
    return panel


@pytest.fixture
def panel(qtbot: QtBot, session: Session) -> CellPanel:
    return _show(qtbot, session)


def _on_disk(session: Session) -> Round:
    session.file.flush()
    with WorkshopFile.open(session.file.path, read_only=True) as again:
        return again.workshop.current_round


def _scores(session: Session, perspective: Perspective = SELF, layer: Layer = Layer.AS_IS
            ) -> tuple[int, ...]:  # fmt: skip
    return session.round.rating(CI, layer, perspective).scores


def _click(qtbot: QtBot, widget: QWidget) -> None:
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


def _score(qtbot: QtBot, panel: CellPanel, perspective: Perspective, *values: int) -> None:
    for value in values:
        _click(qtbot, panel.rating_box.rows[perspective].buttons[value])


def _select(qtbot: QtBot, panel: CellPanel, cell: tuple[str, str]) -> None:
    """Select `cell` and let Qt lay the new question rows out, as the event loop would."""
    panel.session.set_current_cell(cell)
    rows = panel.questions_box.rows

    def laid_out() -> bool:
        tops = [r.y() for r in rows]
        return all(r.isVisible() for r in rows) and tops == sorted(set(tops))

    qtbot.waitUntil(laid_out)


def _commit_text(widget: QWidget, text: str) -> None:
    """Text as an input method delivers it (Arabic, CJK, emoji keyboards)."""
    event = QInputMethodEvent()
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)


# -- what the panel shows ------------------------------------------------------------


def test_without_a_cell_it_asks_for_one(panel: CellPanel) -> None:
    assert panel.objectName() == "cellPanel"
    assert panel.placeholder.isVisible()
    assert panel.placeholder.text() == PLACEHOLDER_TEXT
    assert not panel.body.isVisible()
    assert panel.next_button.isEnabled() and panel.prev_button.isEnabled()


def test_selecting_a_cell_shows_its_title_definitions_and_questions(
    qtbot: QtBot, panel: CellPanel, session: Session
) -> None:
    _select(qtbot, panel, CI)
    fw = session.framework
    assert not panel.placeholder.isVisible()
    assert panel.title_label.text() == "Competence × Individuals"
    assert panel.element_definition.text() == fw.element("competence").definition
    assert "(ability)" in panel.element_caption.text()
    assert panel.domain_definition.text() == fw.domain("individuals").definition
    assert "(human)" in panel.domain_caption.text()
    questions = fw.questions_for(CI)
    assert [row.label.text() for row in panel.questions_box.rows] == [q.text for q in questions]
    assert panel.questions_box.counter.text() == f"0 of {len(questions)} answered"
    assert panel.position_label.text() == "Cell 1 of 12"
    assert panel.rating_box.layer_label.text() == "As-is"

    session.set_current_cell(None)
    assert panel.placeholder.isVisible()


def test_type_is_large_enough_for_a_projector(
    qtbot: QtBot, panel: CellPanel, session: Session
) -> None:
    _select(qtbot, panel, CI)
    assert QFontInfo(panel.title_label.font()).pixelSize() >= 18
    body = [panel.element_definition, panel.rating_box.rows[SELF].readout,
            panel.questions_box.rows[0].label, panel.questions_box.rows[0].editor]  # fmt: skip
    for widget in body:
        assert QFontInfo(widget.font()).pixelSize() >= 14, widget.objectName()


# -- rating --------------------------------------------------------------------------


def test_score_buttons_add_scores_and_update_the_readout(
    qtbot: QtBot, panel: CellPanel, session: Session
) -> None:
    _select(qtbot, panel, CI)
    row = panel.rating_box.rows[SELF]
    assert row.buttons[4].toolTip().startswith("4 — Strong")
    _score(qtbot, panel, SELF, 3, 4, 4)
    _score(qtbot, panel, CUSTOMER, 2)
    assert _scores(session) == (3, 4, 4)
    assert _scores(session, CUSTOMER) == (2,)
    assert row.readout.text() == "3 scores · median 4 (Strong) · spread 1"
    assert row.histogram.counts == [(1, 0), (2, 0), (3, 1), (4, 2), (5, 0)]
    assert panel.rating_box.rows[CUSTOMER].readout.text().startswith("1 score · median 2")
    assert not row.disagree_label.isVisible()
    assert _on_disk(session).rating(CI, Layer.AS_IS, SELF).scores == (3, 4, 4)


def test_disagreement_is_marked_and_undo_clears_it(
    qtbot: QtBot, panel: CellPanel, session: Session
) -> None:
    _select(qtbot, panel, CI)
    row = panel.rating_box.rows[SELF]
    _score(qtbot, panel, SELF, 1, 5)
    assert row.disagree_label.isVisible()
    assert row.disagree_label.text() == DISAGREE_TEXT
    assert row.readout.text().endswith("spread 4")
    assert not panel.rating_box.rows[CUSTOMER].disagree_label.isVisible()

    session.undo_stack.undo()
    assert _scores(session) == (1,)
    assert not row.disagree_label.isVisible()
    assert row.readout.text() == "1 score · median 1 (Missing) · spread 0"
    assert _on_disk(session).rating(CI, Layer.AS_IS, SELF).scores == (1,)
    session.undo_stack.redo()
    assert row.disagree_label.isVisible()


def test_disagreement_threshold_grows_with_the_scale(rtx: Framework) -> None:
    assert rtx.scale.disagreement_spread == 2
    wide = dataclasses.replace(
        rtx.scale, steps=tuple(dataclasses.replace(rtx.scale.steps[0], value=v) for v in range(11))
    )
    assert wide.disagreement_spread == 5


def test_undo_last_score_button_takes_one_back(
    qtbot: QtBot, panel: CellPanel, session: Session
) -> None:
    _select(qtbot, panel, CI)
    row = panel.rating_box.rows[CUSTOMER]
    assert not row.undo_button.isEnabled()  # nothing to take back yet
    _score(qtbot, panel, CUSTOMER, 2, 3)
    _click(qtbot, row.undo_button)
    assert _scores(session, CUSTOMER) == (2,)
    assert row.readout.text().startswith("1 score")
    session.undo_stack.undo()
    assert _scores(session, CUSTOMER) == (2, 3)
    assert row.readout.text().startswith("2 scores")


def test_digits_score_for_us_and_shift_digits_for_customers(
    qtbot: QtBot, panel: CellPanel, session: Session
) -> None:
    _select(qtbot, panel, CI)
    button = panel.rating_box.rows[SELF].buttons[1]
    button.setFocus()
    qtbot.keyClick(button, Qt.Key.Key_3)
    qtbot.keyClick(button, Qt.Key.Key_5)
    qtbot.keyClick(button, Qt.Key.Key_4, Qt.KeyboardModifier.ShiftModifier)
    qtbot.keyClick(button, Qt.Key.Key_Dollar, Qt.KeyboardModifier.ShiftModifier)  # US Shift+4
    qtbot.keyClick(button, Qt.Key.Key_9)  # off the 1–5 scale: ignored
    assert _scores(session) == (3, 5)
    assert _scores(session, CUSTOMER) == (4, 4)
    qtbot.keyClick(button, Qt.Key.Key_Backspace)
    qtbot.keyClick(button, Qt.Key.Key_Backspace, Qt.KeyboardModifier.ShiftModifier)
    assert _scores(session) == (3,)
    assert _scores(session, CUSTOMER) == (4,)
    assert "Key: 3" in panel.rating_box.rows[SELF].buttons[3].toolTip()
    assert "Key: Shift+3" in panel.rating_box.rows[CUSTOMER].buttons[3].toolTip()


def test_the_azerty_top_row_scores_in_the_rating_box(
    qtbot: QtBot, panel: CellPanel, session: Session
) -> None:
    _select(qtbot, panel, CI)
    button = panel.rating_box.rows[SELF].buttons[1]
    button.setFocus()
    # French AZERTY on Linux: the top row's 2nd and 4th keys type "é" and "'" (XKB 11, 13).
    for text, key, scan in (("é", Qt.Key.Key_Eacute, 11), ("'", Qt.Key.Key_Apostrophe, 13)):
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            event = QKeyEvent(kind, key, Qt.KeyboardModifier.NoModifier, scan, 0, 0, text)
            QApplication.sendEvent(button, event)
    assert _scores(session) == (2, 4)
    assert _scores(session, CUSTOMER) == ()


def test_scores_go_to_the_layer_the_room_works_on(
    qtbot: QtBot, panel: CellPanel, session: Session
) -> None:
    _select(qtbot, panel, CI)
    _score(qtbot, panel, SELF, 2)
    session.set_layer_mode(LayerMode.TO_BE)
    assert panel.rating_box.layer_label.text() == "To-be"
    assert panel.rating_box.rows[SELF].readout.text() == "No scores yet"
    _score(qtbot, panel, SELF, 5)
    assert _scores(session, layer=Layer.TO_BE) == (5,)
    assert _scores(session, layer=Layer.AS_IS) == (2,)
    session.set_layer_mode(LayerMode.AS_IS)
    assert panel.rating_box.rows[SELF].readout.text().startswith("1 score · median 2")


def test_scores_added_elsewhere_show_up(qtbot: QtBot, panel: CellPanel, session: Session) -> None:
    _select(qtbot, panel, CI)
    session.add_score(CI, 4, perspective=CUSTOMER)
    assert panel.rating_box.rows[CUSTOMER].readout.text().startswith("1 score · median 4")
    session.add_score(("empathy", "technology"), 1)  # another cell: nothing changes here
    assert panel.rating_box.rows[SELF].readout.text() == "No scores yet"


# -- questions -----------------------------------------------------------------------


def test_a_typed_sentence_is_stored_and_is_one_undo_step(
    qtbot: QtBot, panel: CellPanel, session: Session, monkeypatch: pytest.MonkeyPatch
) -> None:
    _select(qtbot, panel, CI)
    row = panel.questions_box.rows[0]
    _click(qtbot, row.editor.viewport())
    qtbot.keyClicks(row.editor, "We train every newcomer.")
    key = (*CI, row.question.id)
    assert session.round.answers[key].text == "We train every newcomer."
    assert session.undo_stack.count() == 1
    assert _on_disk(session).answers[key].text == "We train every newcomer."

    calls: list[object] = []
    set_answer = session.set_answer
    monkeypatch.setattr(
        session, "set_answer", lambda *a, **k: calls.append(a) or set_answer(*a, **k)
    )
    session.undo_stack.undo()
    assert key not in session.round.answers
    assert row.editor.toPlainText() == ""
    assert calls == []  # showing the undo fed nothing back
    assert session.undo_stack.count() == 1
    session.undo_stack.redo()
    assert row.editor.toPlainText() == "We train every newcomer."


def test_leaving_the_field_ends_the_typing_run(
    qtbot: QtBot, panel: CellPanel, session: Session
) -> None:
    _select(qtbot, panel, CI)
    first, second = panel.questions_box.rows[:2]
    _click(qtbot, first.editor.viewport())
    qtbot.keyClicks(first.editor, "One")
    qtbot.keyClick(first.editor, Qt.Key.Key_Tab)  # Tab moves on rather than typing a tab
    assert not first.editor.hasFocus()
    _click(qtbot, first.editor.viewport())
    qtbot.keyClicks(first.editor, " two")
    _click(qtbot, second.editor.viewport())
    qtbot.keyClicks(second.editor, "Three")
    assert session.undo_stack.count() == 3
    assert first.editor.toPlainText() == "One two"
    session.undo_stack.undo()
    session.undo_stack.undo()
    assert first.editor.toPlainText() == "One"
    assert second.editor.toPlainText() == ""


def test_ctrl_z_in_an_answer_undoes_through_the_session(
    qtbot: QtBot, panel: CellPanel, session: Session
) -> None:
    _select(qtbot, panel, CI)
    row = panel.questions_box.rows[0]
    _click(qtbot, row.editor.viewport())
    qtbot.keyClicks(row.editor, "Draft")
    qtbot.keyClick(row.editor, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert row.editor.toPlainText() == ""
    assert (*CI, row.question.id) not in session.round.answers
    assert session.undo_stack.index() == 0 and session.undo_stack.count() == 1


def test_model_changes_keep_the_caret_where_it_was(
    qtbot: QtBot, panel: CellPanel, session: Session
) -> None:
    _select(qtbot, panel, CI)
    row = panel.questions_box.rows[0]
    _click(qtbot, row.editor.viewport())
    qtbot.keyClicks(row.editor, "Hello world")
    cursor = row.editor.textCursor()
    cursor.setPosition(5)
    row.editor.setTextCursor(cursor)
    steps = session.undo_stack.count()

    session.set_answer(CI, row.question.id, done=True)  # e.g. ticked from elsewhere
    assert row.checkbox.isChecked()
    assert row.editor.textCursor().position() == 5
    session.set_answer(CI, row.question.id, text="Hello world, again")  # text grows after it
    assert row.editor.toPlainText() == "Hello world, again"
    assert row.editor.textCursor().position() == 5
    assert session.undo_stack.count() == steps + 2  # showing them fed nothing back
    qtbot.keyClicks(row.editor, "!")
    assert session.round.answers[(*CI, row.question.id)].text == "Hello! world, again"


def test_ticking_a_question_persists_and_counts(
    qtbot: QtBot, panel: CellPanel, session: Session
) -> None:
    _select(qtbot, panel, CI)
    rows = panel.questions_box.rows
    total = len(rows)
    _click(qtbot, rows[1].checkbox)
    _click(qtbot, rows[2].label)  # the question text ticks its box too
    assert session.round.answers[(*CI, rows[1].question.id)].done
    assert session.round.answers[(*CI, rows[2].question.id)].done
    assert panel.questions_box.counter.text() == f"2 of {total} answered"
    assert _on_disk(session).answers[(*CI, rows[1].question.id)].done

    session.undo_stack.undo()
    assert not rows[2].checkbox.isChecked()
    assert panel.questions_box.counter.text() == f"1 of {total} answered"
    _click(qtbot, rows[1].checkbox)
    assert (*CI, rows[1].question.id) not in session.round.answers
    assert panel.questions_box.counter.text() == f"0 of {total} answered"
    rows[3].editor.setFocus()
    qtbot.keyClicks(rows[3].editor, "typed, not ticked")
    assert panel.questions_box.counter.text() == f"1 of {total} answered"


def test_markup_and_any_script_show_literally(
    qtbot: QtBot, open_session: OpenSession, rtx: Framework
) -> None:
    competence = dataclasses.replace(rtx.elements[0], name="R&D <b>", definition=LITERAL)
    framework = dataclasses.replace(
        rtx,
        elements=(competence, *rtx.elements[1:]),
        cell_questions={CI: (Question("q-literal", LITERAL), Question("q-arabic", ARABIC))},
    )
    session = open_session(framework)
    panel = _show(qtbot, session)
    _select(qtbot, panel, CI)
    assert panel.title_label.text() == "R&D <b> × Individuals"
    assert panel.element_definition.text() == LITERAL
    literal, arabic = panel.questions_box.rows[:2]
    assert literal.label.text() == LITERAL
    assert arabic.label.text() == ARABIC
    assert literal.checkbox.accessibleName() == LITERAL
    for label in panel.findChildren(QLabel):
        assert label.textFormat() == Qt.TextFormat.PlainText, label.objectName()

    _click(qtbot, arabic.editor.viewport())
    _commit_text(arabic.editor, ARABIC)
    _commit_text(arabic.editor, "\n" + LITERAL + "\u00a0!")
    typed = ARABIC + "\n" + LITERAL + "\u00a0!"
    assert session.round.answers[(*CI, "q-arabic")].text == typed
    assert _on_disk(session).answers[(*CI, "q-arabic")].text == typed
    session.undo_stack.undo()
    assert arabic.editor.toPlainText() == ""
    session.undo_stack.redo()
    assert arabic.editor.toPlainText() == typed.replace("\u00a0", " ")  # Qt's plain view
    assert session.undo_stack.count() == 1


def test_long_question_lists_scroll(qtbot: QtBot, panel: CellPanel, session: Session) -> None:
    _select(qtbot, panel, CI)
    panel.resize(460, 400)
    last = panel.questions_box.rows[-1].editor
    last.setFocus()
    panel.scroll_area.ensureWidgetVisible(last)
    assert panel.scroll_area.verticalScrollBar().maximum() > 0
    assert panel.scroll_area.verticalScrollBar().value() > 0


# -- walking the grid ----------------------------------------------------------------


def test_next_and_previous_walk_the_cells_in_order_and_wrap(
    qtbot: QtBot, panel: CellPanel, session: Session
) -> None:
    cells = list(session.framework.cells())
    fw = session.framework
    seen = []
    for _ in cells:
        _click(qtbot, panel.next_button)
        seen.append(session.current_cell)
        element, domain = session.current_cell
        assert panel.title_label.text() == f"{fw.element(element).name} × {fw.domain(domain).name}"
    assert seen == cells
    _click(qtbot, panel.next_button)
    assert session.current_cell == cells[0]  # wraps round to the start
    _click(qtbot, panel.prev_button)
    assert session.current_cell == cells[-1]  # and back round to the end
    assert panel.position_label.text() == f"Cell {len(cells)} of {len(cells)}"
    assert [r.question for r in panel.questions_box.rows] == list(fw.questions_for(cells[-1]))
    assert "Ctrl+]" in panel.next_button.toolTip() and "Ctrl+[" in panel.prev_button.toolTip()


def test_moving_to_another_cell_ends_the_typing_run(
    qtbot: QtBot, panel: CellPanel, session: Session
) -> None:
    _select(qtbot, panel, CI)
    editor = panel.questions_box.rows[0].editor
    _click(qtbot, editor.viewport())
    qtbot.keyClicks(editor, "First")
    session.step_cell(+1)
    session.step_cell(-1)
    editor = panel.questions_box.rows[0].editor
    _click(qtbot, editor.viewport())
    qtbot.keyClicks(editor, " and more")
    assert session.undo_stack.count() == 2


# -- read-only, focus and accessibility ----------------------------------------------


def test_read_only_shows_everything_but_changes_nothing(
    qtbot: QtBot, open_session: OpenSession
) -> None:
    session = open_session(read_only=True)
    panel = _show(qtbot, session)
    assert panel.read_only_label.isVisible()
    assert session.read_only_reason in panel.read_only_label.text()
    _select(qtbot, panel, CI)
    row = panel.rating_box.rows[SELF]
    assert panel.body.isVisible() and row.isVisible()
    assert not any(b.isEnabled() for b in row.buttons.values())
    assert not row.undo_button.isEnabled()
    question = panel.questions_box.rows[0]
    assert not question.checkbox.isEnabled()
    assert question.editor.isReadOnly()
    _click(qtbot, row.buttons[3])
    _click(qtbot, question.label)
    _click(qtbot, question.editor.viewport())
    qtbot.keyClicks(question.editor, "nope")
    panel.rating_box.setFocus()
    qtbot.keyClick(panel.rating_box, Qt.Key.Key_3)
    assert not session.round.ratings and not session.round.answers
    assert session.undo_stack.count() == 0
    assert panel.next_button.isEnabled()  # looking around is still allowed


def test_tab_follows_the_visual_order(qtbot: QtBot, panel: CellPanel, session: Session) -> None:
    _select(qtbot, panel, CI)
    _score(qtbot, panel, SELF, 3)  # so the self undo button is a stop too
    rows = panel.rating_box.rows
    expected: list[QWidget] = [panel.prev_button, panel.next_button]
    expected += [*rows[SELF].buttons.values(), rows[SELF].undo_button]
    expected += list(rows[CUSTOMER].buttons.values())  # its undo is disabled: no stop
    for row in panel.questions_box.rows:
        expected += [row.checkbox, row.editor]
    panel.prev_button.setFocus()
    visited = [QApplication.focusWidget()]
    for _ in range(len(expected) - 1):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        visited.append(QApplication.focusWidget())
    assert [w.objectName() for w in visited] == [w.objectName() for w in expected]
    assert all(a is b for a, b in zip(visited, expected, strict=True))


def test_every_control_has_an_accessible_name_and_a_tooltip(
    qtbot: QtBot, panel: CellPanel, session: Session
) -> None:
    _select(qtbot, panel, CI)
    controls = [w for w in panel.findChildren(QWidget)
                if w.focusPolicy() & Qt.FocusPolicy.TabFocus and w.isVisible()]  # fmt: skip
    assert len(controls) > 20
    for widget in controls:
        assert widget.accessibleName(), widget.objectName()
        assert widget.toolTip(), widget.objectName()
    histogram = panel.rating_box.rows[SELF].histogram
    assert histogram.accessibleName() and histogram.accessibleDescription()


def test_the_answer_field_grows_with_its_text(
    qtbot: QtBot, panel: CellPanel, session: Session
) -> None:
    _select(qtbot, panel, CI)
    editor = panel.questions_box.rows[0].editor
    short = editor.height()
    _click(qtbot, editor.viewport())
    _commit_text(editor, "\n".join(f"Line {i}" for i in range(6)))
    assert editor.height() > short
    editor.moveCursor(QTextCursor.MoveOperation.End)
    assert editor.verticalScrollBar().maximum() == 0  # all of it fits: no inner scrolling
    assert QFontInfo(editor.font()).pixelSize() == BODY_PX
    assert editor.mapTo(panel, QPoint(0, 0)).y() > 0
