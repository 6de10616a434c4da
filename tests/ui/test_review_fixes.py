"""Ways work could have been lost or hidden, each found in review and now guarded."""

from __future__ import annotations

import errno
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, Qt
from pytestqt.qtbot import QtBot

from trustboard.document.framework_edits import framework_command, impact_of
from trustboard.domain.workshop import new_workshop
from trustboard.frameworks import editing
from trustboard.paths import UserPaths
from trustboard.services.settings import Settings
from trustboard.store import WorkshopFile
from trustboard.ui import clipboard
from trustboard.ui.actions import ActionId
from trustboard.ui.main_window import MainWindow
from trustboard.ui.session import Session

CI = ("competence", "individuals")


@pytest.fixture
def window(qtbot: QtBot, data_dir: UserPaths) -> Iterator[MainWindow]:
    w = MainWindow(data_dir, Settings.load(data_dir))
    qtbot.addWidget(w)
    w.show()
    w.open_demo()
    yield w
    w.files.ask_unsaved = lambda error: "discard"  # type: ignore[method-assign]
    w.close()


def _disk_full(monkeypatch: pytest.MonkeyPatch) -> None:
    def full(fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr("trustboard.fsutil.os.fsync", full)


def test_a_failed_last_save_keeps_the_workshop_open_until_the_user_decides(
    window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    session = window.session
    assert session is not None
    path = session.file.path
    card_id = session.add_card(CI, "precious text")
    _disk_full(monkeypatch)
    asked: list[str] = []
    window.files.ask_unsaved = lambda error: asked.append(str(error)) or "keep"  # type: ignore[method-assign]
    assert window.close_workshop() is False
    assert asked and "No space left" in asked[0]
    assert window.session is session and window.view is not None  # still open, still editable
    assert session.autosaver is not None  # and still trying to save
    session.add_card(CI, "typed after the failure")
    monkeypatch.undo()  # space again
    window.files.ask_unsaved = lambda error: "retry"  # type: ignore[method-assign]
    assert window.close_workshop() is True
    with WorkshopFile.open(path) as wf:  # saved, and the lock is released
        texts = [c.text for c in wf.workshop.current_round.cards.values()]
    assert wf.workshop.current_round.cards[card_id].text == "precious text"
    assert "typed after the failure" in texts


def test_save_elsewhere_when_the_disk_is_full(
    window: MainWindow, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    from PySide6.QtWidgets import QFileDialog

    session = window.session
    assert session is not None
    card_id = session.add_card(CI, "rescued")
    calls = 0

    def full_only_for_the_original(fd: int) -> None:
        nonlocal calls
        calls += 1
        if calls == 1:
            raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr("trustboard.fsutil.os.fsync", full_only_for_the_original)
    rescue = tmp_path / "rescue.trustboard"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(rescue), ""))
    window.files.ask_unsaved = lambda error: "elsewhere"  # type: ignore[method-assign]
    assert window.close_workshop() is True
    monkeypatch.undo()
    with WorkshopFile.open(rescue, read_only=True) as wf:
        assert wf.workshop.current_round.cards[card_id].text == "rescued"


def test_the_cell_panel_follows_round_browsing_and_turns_read_only(window: MainWindow) -> None:
    session, panel = window.session, window.cell_panel
    assert session is not None and panel is not None
    session.set_current_cell(CI)
    question = panel.questions_box.rows[0].question.id
    session.set_answer(CI, question, text="Q2 answer")
    row = panel.questions_box.rows[0]
    assert row.editor.toPlainText() == "Q2 answer"
    session.set_viewed_round(session.workshop.rounds[0].id)
    row = panel.questions_box.rows[0]
    earlier = session.workshop.rounds[0].answers.get((*CI, question))
    assert row.editor.toPlainText() == (earlier.text if earlier else "")
    assert row.editor.isReadOnly()
    assert panel.read_only_label.isVisibleTo(panel)
    session.set_viewed_round(None)
    assert panel.questions_box.rows[0].editor.toPlainText() == "Q2 answer"
    assert not panel.questions_box.rows[0].editor.isReadOnly()


def test_undo_from_an_answer_field_does_nothing_while_browsing(
    qtbot: QtBot, window: MainWindow
) -> None:
    session, panel = window.session, window.cell_panel
    assert session is not None and panel is not None
    card_id = session.add_card(CI, "the room just wrote this")
    session.set_viewed_round(session.workshop.rounds[0].id)
    editor = panel.questions_box.rows[0].editor
    editor.setFocus()
    qtbot.keyClick(editor, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert card_id in session.current_round.cards


def test_undo_while_typing_in_a_card_takes_back_the_typing_without_errors(
    qtbot: QtBot, window: MainWindow
) -> None:
    session, scene = window.session, window.scene
    assert session is not None and scene is not None
    card_id = session.add_card(CI, "original")
    assert card_id
    scene.cards[card_id].start_edit()
    editor = scene.cards[card_id].editor
    assert editor is not None
    editor.setPlainText("NEW TEXT")
    window.actions_[ActionId.UNDO].trigger()  # the toolbar button keeps the editor open
    assert session.round.cards[card_id].text == "original"
    assert [session.undo_stack.text(i) for i in range(session.undo_stack.count())][-2:] == [
        "Add card",
        "Edit card",
    ]
    window.actions_[ActionId.UNDO].trigger()  # undo the add while nothing is open
    assert card_id not in session.round.cards
    other = session.add_card(CI, "typing when its card disappears")
    assert other
    scene.cards[other].start_edit()
    session.undo_stack.undo()  # removes the card under the open editor
    assert other not in session.round.cards


def test_opening_the_open_file_again_keeps_it_editable(window: MainWindow) -> None:
    session = window.session
    assert session is not None
    assert window.open_file(session.file.path)
    assert window.session is session and not session.read_only
    assert window.files.save_to(session.file.path, copy=False)
    assert window.session is session and not session.read_only


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


def test_two_flushes_at_once_leave_the_newer_state_on_disk(
    tmp_path: Path, rtx: object, monkeypatch: pytest.MonkeyPatch
) -> None:
    import trustboard.store.workshop_file as wf_module
    from trustboard.domain.workshop import Card, new_id

    wf = WorkshopFile.create(tmp_path / "w.trustboard", new_workshop(rtx, "T"))  # type: ignore[arg-type]
    rid = wf.workshop.current_round_id
    first = Card(new_id("c"), "first", CI)
    wf.put_card(rid, first)
    real = wf_module.atomic_write
    started, release = threading.Event(), threading.Event()

    def slow(path: Path, chunks: list[bytes]) -> None:
        if not started.is_set():
            started.set()
            release.wait(5)
        real(path, chunks)

    monkeypatch.setattr(wf_module, "atomic_write", slow)
    background = threading.Thread(target=wf.flush)
    background.start()
    assert started.wait(5)
    second = Card(new_id("c"), "second", CI)
    wf.put_card(rid, second)
    later = threading.Thread(target=wf.flush)
    later.start()
    release.set()
    background.join(5)
    later.join(5)
    monkeypatch.undo()
    wf.close()
    with WorkshopFile.open(wf.path, read_only=True) as again:
        assert {c.text for c in again.workshop.current_round.cards.values()} == {"first", "second"}


def test_deeply_nested_clipboard_data_falls_back_to_its_text(qapp: object) -> None:
    mime = QMimeData()
    mime.setData(clipboard.MIME, b"[" * 100_000 + b"]" * 100_000)
    mime.setText("plain words")
    cards = clipboard.cards_from_mime(mime, {"evidence"})
    assert [c.text for c in cards] == ["plain words"]
