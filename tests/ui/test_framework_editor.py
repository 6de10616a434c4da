"""The framework editor driven through its widgets: every change is one undo step."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QLineEdit,
    QWidget,
)
from pytestqt.qtbot import QtBot

from trustboard.document.framework_edits import framework_command, impact_of
from trustboard.domain.framework import Framework
from trustboard.domain.workshop import Layer, new_workshop
from trustboard.frameworks import editing
from trustboard.paths import UserPaths
from trustboard.services.catalogue import load_catalogue
from trustboard.store import WorkshopFile
from trustboard.ui.dialogs.framework_editor import AxisEditor, FrameworkEditorDialog
from trustboard.ui.session import Session

CI = ("competence", "individuals")


class Prompts:
    """Stands in for the modal boxes: records what was asked and answers as told."""

    def __init__(self) -> None:
        self.confirm_answer = True
        self.text_answer: str | None = None
        self.asked: list[str] = []
        self.told: list[str] = []

    def confirm(self, parent: object, title: str, text: str) -> bool:
        self.asked.append(text)
        return self.confirm_answer

    def ask_text(self, parent: object, title: str, label: str, text: str) -> str | None:
        return self.text_answer

    def inform(self, parent: object, title: str, text: str) -> None:
        self.told.append(text)


@pytest.fixture
def prompts() -> Prompts:
    return Prompts()


@pytest.fixture
def make_editor(
    qtbot: QtBot, data_dir: UserPaths, prompts: Prompts
) -> Callable[[Session], FrameworkEditorDialog]:
    def make(session: Session) -> FrameworkEditorDialog:
        dialog = FrameworkEditorDialog(
            session,
            data_dir,
            confirm=prompts.confirm,
            ask_text=prompts.ask_text,
            inform=prompts.inform,
        )
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.waitExposed(dialog)
        return dialog

    return make


@pytest.fixture
def editor(
    session: Session, make_editor: Callable[[Session], FrameworkEditorDialog]
) -> FrameworkEditorDialog:
    return make_editor(session)


def _click(qtbot: QtBot, button: QAbstractButton) -> None:
    assert button.isEnabled(), button.objectName()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def _type(qtbot: QtBot, field: QLineEdit, text: str) -> None:
    """Replace the field's text by typing, then press Return (applies the edit)."""
    field.setFocus()
    qtbot.keyClick(field, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(field, text)
    qtbot.keyClick(field, Qt.Key.Key_Return)


def _names(axes: tuple[object, ...]) -> list[str]:
    return [a.name for a in axes]  # type: ignore[attr-defined]


def _undo_all(session: Session) -> None:
    while session.undo_stack.canUndo():
        session.undo_stack.undo()


# -- rows and columns ------------------------------------------------------------------


def test_add_a_row_then_name_it_two_undo_steps(
    qtbot: QtBot, editor: FrameworkEditorDialog, session: Session, reopen
) -> None:  # type: ignore[no-untyped-def]
    before = session.framework
    editor.rows.select("competence")
    _click(qtbot, editor.rows.add)
    assert _names(session.framework.elements)[:2] == ["Competence", "New row"]
    assert session.undo_stack.undoText() == "Add row"
    _type(qtbot, editor.rows.name, "Transparency <b>&")
    assert _names(session.framework.elements)[1] == "Transparency <b>&"
    assert editor.rows.list.item(1).text() == "Transparency <b>&"
    assert session.undo_stack.count() == 2
    with reopen(session) as wf:
        assert _names(wf.workshop.framework.elements)[1] == "Transparency <b>&"
    session.undo_stack.undo()
    assert _names(session.framework.elements)[1] == "New row"
    session.undo_stack.undo()
    assert session.framework == before
    assert editor.rows.list.count() == len(before.elements)


def test_rename_a_column_applies_when_the_field_is_left(
    qtbot: QtBot, editor: FrameworkEditorDialog, session: Session
) -> None:
    before = session.framework
    editor.columns.select("technology")
    field = editor.columns.name
    field.setFocus()
    qtbot.keyClick(field, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(field, "Digital")
    assert session.framework == before  # nothing per keystroke
    editor.columns.group.setFocus()  # leaving the field applies it
    qtbot.waitUntil(lambda: session.framework.domain("technology").name == "Digital")
    assert session.undo_stack.count() == 1
    assert session.undo_stack.undoText() == "Rename column"
    session.undo_stack.undo()
    assert session.framework == before
    assert editor.columns.name.text() == "Technology"


def test_move_a_row_up_and_a_column_down(
    qtbot: QtBot, editor: FrameworkEditorDialog, session: Session, reopen
) -> None:  # type: ignore[no-untyped-def]
    before = session.framework
    editor.rows.select("integrity")
    _click(qtbot, editor.rows.up)
    assert [e.id for e in session.framework.elements] == [
        "competence",
        "integrity",
        "reliability",
        "empathy",
    ]
    assert editor.rows.list.currentItem().text() == "Integrity"  # selection follows the row
    editor.columns.select("individuals")
    _click(qtbot, editor.columns.down)
    assert [d.id for d in session.framework.domains][:2] == ["organizations", "individuals"]
    assert session.undo_stack.count() == 2
    with reopen(session) as wf:
        assert [e.id for e in wf.workshop.framework.elements][1] == "integrity"
    session.undo_stack.undo()
    session.undo_stack.undo()
    assert session.framework == before


def test_keyboard_moves_renames_and_adds_in_the_list(
    qtbot: QtBot, editor: FrameworkEditorDialog, session: Session
) -> None:
    rows = editor.rows
    editor.activateWindow()
    rows.select("competence")
    rows.list.setFocus()
    qtbot.waitUntil(rows.list.hasFocus)
    qtbot.keyClick(rows.list, Qt.Key.Key_Down, Qt.KeyboardModifier.ControlModifier)
    assert session.framework.elements[1].id == "competence"
    qtbot.keyClick(rows.list, Qt.Key.Key_F2)
    assert rows.name.hasFocus()
    assert rows.name.selectedText() == "Competence"
    rows.list.setFocus()
    qtbot.keyClick(rows.list, Qt.Key.Key_Insert)
    assert session.framework.elements[2].name == "New row"
    assert rows.name.hasFocus()


def test_remove_an_empty_column_asks_nothing(
    qtbot: QtBot, editor: FrameworkEditorDialog, session: Session, prompts: Prompts
) -> None:
    before = session.framework
    editor.columns.select("technology")
    _click(qtbot, editor.columns.remove)
    assert prompts.asked == []
    assert "technology" not in {d.id for d in session.framework.domains}
    assert session.undo_stack.count() == 1
    session.undo_stack.undo()
    assert session.framework == before


def test_remove_a_populated_row_asks_first_and_keeps_every_card(
    qtbot: QtBot, editor: FrameworkEditorDialog, session: Session, prompts: Prompts, reopen
) -> None:  # type: ignore[no-untyped-def]
    before = session.framework
    ids = [session.add_card(CI, f"note {i}") for i in range(3)]
    other = session.add_card(("reliability", "individuals"), "stays")
    session.add_score(CI, 4)
    session.set_answer(CI, before.questions_for(CI)[0].id, text="we do")
    steps = session.undo_stack.count()
    cards_before = dict(session.round.cards)

    prompts.confirm_answer = False
    editor.rows.select("competence")
    _click(qtbot, editor.rows.remove)
    assert len(prompts.asked) == 1
    assert "3 cards move to Unsorted" in prompts.asked[0]
    assert "rating" in prompts.asked[0] and "answer" in prompts.asked[0]
    assert "Competence" in prompts.asked[0]
    assert session.framework == before  # declined: nothing happened
    assert session.undo_stack.count() == steps

    prompts.confirm_answer = True
    _click(qtbot, editor.rows.remove)
    assert "competence" not in {e.id for e in session.framework.elements}
    assert session.undo_stack.count() == steps + 1
    assert set(session.round.cards) == set(cards_before)  # no card lost
    assert all(session.round.cards[i].cell is None for i in ids)
    assert session.round.cards[other].cell == ("reliability", "individuals")
    with reopen(session) as wf:
        on_disk = wf.workshop.current_round.cards
        assert set(on_disk) == set(cards_before)
        assert all(on_disk[i].cell is None for i in ids)

    session.undo_stack.undo()
    assert session.framework == before
    assert session.round.cards == cards_before
    assert session.round.rating(CI, Layer.AS_IS, session.perspective).scores == (4,)
    assert editor.rows.list.count() == len(before.elements)


def _with_optional_domain(rtx: Framework) -> Framework:
    if any(d.optional for d in rtx.domains):
        return rtx
    fw, new_id = editing.add_axis(rtx, "domains", "Offer / Brand")
    domains = tuple(
        dataclasses.replace(d, optional=True, enabled=False) if d.id == new_id else d
        for d in fw.domains
    )
    return dataclasses.replace(fw, domains=domains)


@pytest.fixture
def optional_session(qapp: object, tmp_path: Path, rtx: Framework) -> Iterator[Session]:
    fw = _with_optional_domain(rtx)
    wf = WorkshopFile.create(tmp_path / "w.trustboard", new_workshop(fw, "T"))
    s = Session(wf)
    yield s
    s.close()


def test_switch_an_optional_column_on_and_off(
    qtbot: QtBot,
    optional_session: Session,
    make_editor: Callable[[Session], FrameworkEditorDialog],
    reopen,  # type: ignore[no-untyped-def]
) -> None:
    session = optional_session
    editor = make_editor(session)
    before = session.framework
    optional = next(d for d in before.domains if d.optional)
    columns: AxisEditor = editor.columns

    columns.select(next(d.id for d in before.domains if not d.optional))
    assert columns.enabled.isVisible() and not columns.enabled.isEnabled()
    assert not editor.rows.enabled.isVisible()

    columns.select(optional.id)
    assert columns.enabled.isEnabled()
    was_on = optional.enabled
    assert columns.enabled.isChecked() == was_on
    columns.enabled.setFocus()
    qtbot.keyClick(columns.enabled, Qt.Key.Key_Space)
    assert session.framework.domain(optional.id).enabled is not was_on
    assert session.undo_stack.undoText() == f"Switch column {'off' if was_on else 'on'}"
    shown = optional.id in {d.id for d in session.framework.active_domains}
    assert shown is not was_on
    assert ("on)" if shown else "off)") in columns.list.currentItem().text()
    with reopen(session) as wf:
        assert wf.workshop.framework.domain(optional.id).enabled is not was_on

    qtbot.keyClick(columns.enabled, Qt.Key.Key_Space)
    assert session.framework == before
    assert session.undo_stack.count() == 2
    session.undo_stack.undo()
    session.undo_stack.undo()
    assert session.framework == before


def test_questions_of_a_row_and_of_a_cell(
    qtbot: QtBot, editor: FrameworkEditorDialog, session: Session
) -> None:
    before = session.framework
    old = before.element("empathy").questions
    editor.rows.select("empathy")
    box = editor.rows.questions
    box.setFocus()
    box.moveCursor(box.textCursor().MoveOperation.End)
    qtbot.keyClick(box, Qt.Key.Key_Return)
    qtbot.keyClicks(box, "Who speaks for the customer <b>&?")
    qtbot.keyClick(box, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    questions = session.framework.element("empathy").questions
    assert [q.text for q in questions] == [q.text for q in old] + [
        "Who speaks for the customer <b>&?"
    ]
    assert questions[: len(old)] == old  # unchanged questions keep their ids (and answers)
    assert session.undo_stack.count() == 1

    editor.cell.select(("integrity", "technology"))
    cell_box = editor.cell.questions
    cell_box.setFocus()
    cell_box.selectAll()
    qtbot.keyClicks(cell_box, "Do we tell customers how their data is used?")
    editor.cell.element.setFocus()  # leaving the field applies it
    qtbot.waitUntil(lambda: session.undo_stack.count() == 2)
    cell_qs = session.framework.cell_questions[("integrity", "technology")]
    assert [q.text for q in cell_qs] == ["Do we tell customers how their data is used?"]
    assert session.undo_stack.undoText() == "Edit cell questions"
    _undo_all(session)
    assert session.framework == before


def test_a_refused_edit_says_why_and_changes_nothing(
    qtbot: QtBot, editor: FrameworkEditorDialog, session: Session
) -> None:
    before = session.framework
    editor.rows.select("competence")
    _type(qtbot, editor.rows.name, "   ")
    assert session.framework == before
    assert session.undo_stack.count() == 0
    assert "must not be empty" in editor.status.text()
    assert editor.rows.name.text() == "Competence"


def test_last_active_column_cannot_be_switched_off(
    qtbot: QtBot,
    optional_session: Session,
    make_editor: Callable[[Session], FrameworkEditorDialog],
) -> None:
    session = optional_session
    editor = make_editor(session)
    columns = editor.columns
    optional = next(d for d in session.framework.domains if d.optional)
    if not optional.enabled:
        columns.select(optional.id)
        columns.enabled.click()
    for d in list(session.framework.domains):
        if d.id != optional.id:
            columns.select(d.id)
            _click(qtbot, columns.remove)
    assert [d.id for d in session.framework.domains] == [optional.id]
    assert not columns.remove.isEnabled()  # the last column stays
    steps = session.undo_stack.count()
    columns.select(optional.id)
    columns.enabled.click()
    assert session.undo_stack.count() == steps
    assert "switched on" in editor.status.text()
    assert columns.enabled.isChecked()


def test_undo_and_redo_buttons_follow_the_stack(
    qtbot: QtBot, editor: FrameworkEditorDialog, session: Session
) -> None:
    before = session.framework
    assert not editor.undo.isEnabled() and not editor.redo.isEnabled()
    editor.rows.select("empathy")
    _click(qtbot, editor.rows.up)
    after = session.framework
    assert "Move row up" in editor.undo.toolTip()
    _click(qtbot, editor.undo)
    assert session.framework == before
    assert editor.rows.list.currentItem().text() == "Empathy"
    _click(qtbot, editor.redo)
    assert session.framework == after
    assert not editor.redo.isEnabled()


def test_closing_applies_what_was_typed(
    qtbot: QtBot, editor: FrameworkEditorDialog, session: Session
) -> None:
    editor.rows.select("reliability")
    editor.rows.definition.setText("We do what we say, when we say it.")
    _click(qtbot, editor.close_button)
    assert session.framework.element("reliability").definition == (
        "We do what we say, when we say it."
    )
    assert session.undo_stack.count() == 1


# -- templates and read-only -----------------------------------------------------------


def test_save_as_template_lists_it_in_the_catalogue(
    qtbot: QtBot,
    editor: FrameworkEditorDialog,
    session: Session,
    prompts: Prompts,
    data_dir: UserPaths,
) -> None:
    editor.columns.select("technology")
    _type(qtbot, editor.columns.name, "Data & systems")
    prompts.text_answer = "Our internal <b>& map"
    _click(qtbot, editor.save_template)
    templates, errors = load_catalogue(data_dir)
    assert errors == []
    mine = [t for t in templates if not t.builtin]
    assert len(mine) == 1
    saved = mine[0]
    assert saved.framework.name == "Our internal <b>& map"
    assert saved.id == editing.slug("Our internal <b>& map", set())
    assert saved.framework.domain("technology").name == "Data & systems"
    assert saved.path.parent == data_dir.user_templates
    assert str(saved.path) in prompts.told[-1]
    assert str(saved.path) in editor.status.text()
    assert session.framework.id == "rtx-trust-framework"  # the workshop keeps its own copy
    assert session.undo_stack.count() == 1  # saving a template is not an edit

    prompts.confirm_answer = False  # same name again: asks before replacing
    assert editor.save_as_template() is None
    assert "Replace" in prompts.asked[-1]


def test_save_as_template_refuses_a_built_in_id(
    editor: FrameworkEditorDialog, prompts: Prompts, data_dir: UserPaths
) -> None:
    prompts.text_answer = "RTx trust framework"  # slug: rtx-trust-framework, a built-in
    assert editor.save_as_template() is None
    assert "built-in" in prompts.told[-1]
    assert not data_dir.user_templates.exists() or not any(data_dir.user_templates.iterdir())
    prompts.text_answer = None  # cancelled
    assert editor.save_as_template() is None


def test_read_only_session_disables_editing_and_says_why(
    qapp: object,
    tmp_path: Path,
    rtx: Framework,
    make_editor: Callable[[Session], FrameworkEditorDialog],
) -> None:
    path = tmp_path / "ro.trustboard"
    WorkshopFile.create(path, new_workshop(rtx, "T")).close()
    session = Session(WorkshopFile.open(path, read_only=True))
    try:
        editor = make_editor(session)
        assert editor.banner.isVisible()
        assert session.read_only_reason in editor.banner.text()
        for axes in (editor.rows, editor.columns):
            for b in (axes.add, axes.rename, axes.remove, axes.up, axes.down):
                assert not b.isEnabled()
            assert axes.name.isReadOnly() and axes.questions.isReadOnly()
            assert not axes.enabled.isEnabled()
        assert editor.cell.questions.isReadOnly()
        assert not editor.undo.isEnabled() and not editor.redo.isEnabled()
        before = session.framework
        assert not editor.rows.add_axis()
        assert not editor.rows.remove_axis()
        assert session.framework == before
        editor.close()
    finally:
        session.close()


def test_every_control_has_a_name_and_a_tooltip(
    editor: FrameworkEditorDialog, unnamed_controls: Callable[[QWidget], list[str]]
) -> None:
    assert unnamed_controls(editor) == []


def test_fixing_a_question_keeps_its_answer_and_removing_it_says_so(session: Session) -> None:
    fw = session.framework
    question = fw.questions_for(CI)[0]
    session.set_answer(CI, question.id, text="We train every season")
    element_questions = [q.text for q in fw.element("competence").questions]
    assert question.text in element_questions or question in fw.cell_questions.get(CI, ())
    if question.text in element_questions:
        texts = [t + " (edited)" if t == question.text else t for t in element_questions]
        fixed = editing.set_axis_questions(fw, "elements", "competence", texts)
    else:
        texts = [q.text + " (edited)" if q == question else q.text for q in fw.cell_questions[CI]]
        fixed = editing.set_cell_questions(fw, CI, texts)
    cmd = framework_command(session.doc, fixed, "Fix a question")
    assert impact_of(cmd).answers == 0
    session.push(cmd)
    assert session.round.answers[(*CI, question.id)].text == "We train every season"
    assert any(q.id == question.id for q in session.framework.questions_for(CI))
    if question.text in element_questions:
        rest = [t for t in texts if not t.endswith("(edited)")]
        removed = editing.set_axis_questions(session.framework, "elements", "competence", rest)
    else:
        rest = [t for t in texts if not t.endswith("(edited)")]
        removed = editing.set_cell_questions(session.framework, CI, rest)
    cmd = framework_command(session.doc, removed, "Remove a question")
    assert impact_of(cmd).answers == 1
    assert "1 answer" in impact_of(cmd).describe()
    session.push(cmd)
    assert (*CI, question.id) not in session.round.answers
    session.undo_stack.undo()
    assert session.round.answers[(*CI, question.id)].text == "We train every season"
