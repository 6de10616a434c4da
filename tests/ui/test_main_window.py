"""The whole window, driven from the keyboard the way a facilitator runs a short workshop."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QMimeData, Qt, QUrl
from PySide6.QtGui import QDropEvent, QKeyEvent
from PySide6.QtWidgets import QApplication, QFileDialog, QWidget
from pytestqt.qtbot import QtBot

from trustboard.domain.workshop import Layer, Perspective
from trustboard.paths import UserPaths
from trustboard.services.settings import Settings
from trustboard.store import WorkshopFile
from trustboard.ui.actions import ActionId
from trustboard.ui.main_window import MainWindow

CI = ("competence", "individuals")
CO = ("competence", "organizations")
RO = ("reliability", "organizations")


@pytest.fixture
def window(qtbot: QtBot, message_window: MainWindow) -> Iterator[MainWindow]:
    message_window.resize(1400, 900)
    message_window.show()
    qtbot.waitExposed(message_window)
    yield message_window
    message_window.close()


def _key(
    qtbot: QtBot,
    window: MainWindow,
    key: Qt.Key,
    mods: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier,
) -> None:
    assert window.view is not None
    target = window.view.viewport() if window.view.hasFocus() else window.focusWidget()
    qtbot.keyClick(target, key, mods)


def type_text(widget: QWidget, text: str) -> None:
    """Key presses carrying any text; QTest's keyClicks only knows ASCII."""
    for char in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            event = QKeyEvent(kind, Qt.Key.Key_unknown, Qt.KeyboardModifier.NoModifier, char)
            QApplication.sendEvent(widget, event)


def _type_card(qtbot: QtBot, window: MainWindow, text: str) -> None:
    assert window.view is not None
    window.view.setFocus()
    qtbot.keyClick(window.view, Qt.Key.Key_N)
    type_text(window.view.viewport(), text)
    qtbot.keyClick(window.view.viewport(), Qt.Key.Key_Return)


def test_a_short_workshop_from_the_keyboard(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "Quarterly trust.trustboard"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    page = window.start_page
    assert page.select_template("rtx-trust-framework")
    page.title_edit.setFocus()
    page.title_edit.selectAll()
    qtbot.keyClicks(page.title_edit, "Q3 trust <b>&")
    page.create_button.setFocus()
    qtbot.keyClick(page.create_button, Qt.Key.Key_Space)
    session, view, scene = window.session, window.view, window.scene
    assert session is not None and view is not None and scene is not None
    assert session.file.path == target
    assert session.current_cell == CI  # the walk starts at the first cell

    _type_card(qtbot, window, "Certified staff")
    view.setFocus()
    qtbot.keyClick(view.viewport(), Qt.Key.Key_Right)
    _type_card(qtbot, window, "信頼 مرحبا 🎉")
    qtbot.keyClick(view.viewport(), Qt.Key.Key_Down)
    _type_card(qtbot, window, "On time 94 %")
    assert session.current_cell == RO
    cells = sorted(c.cell for c in session.round.cards.values())
    assert cells == sorted([CI, CO, RO])

    for key in (Qt.Key.Key_4, Qt.Key.Key_5, Qt.Key.Key_3):
        qtbot.keyClick(view.viewport(), key)
    assert session.round.rating(RO, Layer.AS_IS, Perspective.SELF).scores == (4, 5, 3)

    assert window.cell_panel is not None
    editor = window.cell_panel.questions_box.rows[0].editor
    editor.setFocus()
    qtbot.keyClicks(editor, "We log every promise")
    view.setFocus()

    card_on_time = next(c for c in session.round.cards.values() if c.cell == RO)
    scene.clearSelection()
    scene.cards[card_on_time.id].setSelected(True)
    qtbot.keyClick(view.viewport(), Qt.Key.Key_V)
    qtbot.keyClick(view.viewport(), Qt.Key.Key_V)
    assert session.round.cards[card_on_time.id].votes == 2

    qtbot.keyClick(view.viewport(), Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)
    assert session.round.cards[card_on_time.id].cell == ("reliability", "individuals")
    qtbot.keyClick(view.viewport(), Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert session.round.cards[card_on_time.id].cell == RO  # the move is undone
    qtbot.keyClick(view.viewport(), Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert session.round.cards[card_on_time.id].votes == 1  # one vote undone

    window.close()
    assert window.session is None
    with WorkshopFile.open(target, read_only=True) as wf:
        ws = wf.workshop
    assert ws.title == "Q3 trust <b>&"
    rnd = ws.current_round
    assert sorted(c.text for c in rnd.cards.values()) == sorted(
        ["Certified staff", "信頼 مرحبا 🎉", "On time 94 %"]
    )
    assert rnd.cards[card_on_time.id].cell == RO
    assert rnd.cards[card_on_time.id].votes == 1
    assert rnd.rating(RO, Layer.AS_IS, Perspective.SELF).scores == (4, 5, 3)
    assert [a.text for a in rnd.answers.values()] == ["We log every promise"]
    assert Settings.load(window.paths).recent_files[0] == str(target)


def test_open_a_broken_file_says_why_and_keeps_the_start_page(
    window: MainWindow, tmp_path: Path
) -> None:
    bad = tmp_path / "bad.trustboard"
    bad.write_bytes(b'{"meta": {"file"')
    assert not window.open_file(bad)
    assert "truncated" in window.messages[-1]  # type: ignore[attr-defined]
    assert window.session is None
    assert window.stack.currentWidget() is window.start_page
    assert bad.read_bytes() == b'{"meta": {"file"'


def test_a_second_window_on_the_same_file_is_read_only_and_says_so(
    qtbot: QtBot, window: MainWindow, data_dir: UserPaths
) -> None:
    window.open_demo()
    assert window.session is not None and not window.session.read_only
    other = MainWindow(data_dir, Settings.load(data_dir))
    qtbot.addWidget(other)
    other.files.ask_lock_holder = lambda path, holder: "read-only"  # type: ignore[method-assign]
    other.open_demo()
    try:
        assert other.session is not None and other.session.read_only
        assert "read-only" in other.windowTitle()
        assert "open in another TrustBoard" in other.windowTitle()
        assert not other.actions_[ActionId.ADD_CARD].isEnabled()
        assert other.session.add_card(CI, "x") is None
    finally:
        other.close()


def test_undo_history_menu_and_title(qtbot: QtBot, window: MainWindow) -> None:
    window.open_demo()
    session = window.session
    assert session is not None
    assert window.windowTitle().endswith("— TrustBoard")
    session.add_card(CI, "one")
    session.add_card(CI, "two")
    undo = window.actions_[ActionId.UNDO]
    assert undo.isEnabled() and undo.text() == "&Undo"  # a steady toolbar
    assert undo.toolTip() == "Undo Add card “two” in Competence × Individuals"
    window.menus.fill_history()
    assert [a.text() for a in window.menus.history_menu.actions()] == [
        "Add card “one” in Competence × Individuals",
        "Add card “two” in Competence × Individuals",
    ]
    window.menus.history_menu.actions()[0].trigger()
    assert [c.text for c in session.round.cards.values()].count("two") == 0


def test_copy_paste_and_duplicate_cards(qtbot: QtBot, window: MainWindow) -> None:
    window.open_demo()
    session, scene = window.session, window.scene
    assert session is not None and scene is not None
    card_id = session.add_card(CI, "copy <b>& me")
    assert card_id
    scene.clearSelection()
    scene.cards[card_id].setSelected(True)
    window.actions_[ActionId.COPY].trigger()
    session.set_current_cell(RO)
    window.actions_[ActionId.PASTE].trigger()
    pasted = [c for c in session.round.cards.values() if c.text == "copy <b>& me" and c.cell == RO]
    assert len(pasted) == 1
    scene.clearSelection()
    scene.cards[card_id].setSelected(True)
    window.actions_[ActionId.DUPLICATE].trigger()
    assert [c.text for c in session.round.cards.values()].count("copy <b>& me") == 3


def test_dropping_a_workshop_file_opens_it(
    qtbot: QtBot, window: MainWindow, data_dir: UserPaths
) -> None:
    from trustboard.services.demo import ensure_demo_file

    path = ensure_demo_file(data_dir)
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path))])
    event = QDropEvent(
        window.rect().center().toPointF(),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
    )
    window.dropEvent(event)
    assert window.session is not None and window.session.file.path == path


def test_presenter_mode_hides_chrome_and_escape_leaves(qtbot: QtBot, window: MainWindow) -> None:
    window.open_demo()
    presenter = window.actions_[ActionId.PRESENTER]
    presenter.setChecked(True)
    assert window.presenter.active
    assert not window.menuBar().isVisible()
    assert not window.toolbar.isVisible()
    assert window.isFullScreen()
    bar = window.presenter.bar
    assert bar is not None and bar.isVisible()
    assert bar.heading.text() == "Competence × Individuals"
    window.session.step_cell(+1)  # type: ignore[union-attr]
    assert bar.heading.text() == "Competence × Organizations"
    assert bar.timer.text == "10:00"
    qtbot.keyClick(window.view, Qt.Key.Key_Escape)
    assert not window.presenter.active
    assert not presenter.isChecked()
    assert window.menuBar().isVisible()
    assert window.toolbar.isVisible()  # the board's chrome is back
    assert not window.isFullScreen()


def test_board_tools_and_timebox_show_only_with_a_workshop(window: MainWindow) -> None:
    assert window.stack.currentWidget() is window.start_page
    assert window.menuBar().isVisible()
    assert not window.toolbar.isVisible()  # nothing on the start screen to add cards to
    assert not window.timer_badge.isVisible()
    window.open_demo()
    assert window.toolbar.isVisible() and window.timer_badge.isVisible()
    assert window.close_workshop()
    assert window.stack.currentWidget() is window.start_page
    assert not window.toolbar.isVisible()


def test_closing_the_window_saves_and_releases_the_file(window: MainWindow) -> None:
    window.open_demo()
    session = window.session
    assert session is not None
    path = session.file.path
    card_id = session.add_card(CI, "last words")
    window.close()
    with WorkshopFile.open(path) as wf:  # the lock is gone: it opens for editing
        assert not wf.read_only
        assert wf.workshop.current_round.cards[card_id].text == "last words"


def test_save_as_continues_in_the_new_file_and_save_a_copy_does_not(
    window: MainWindow, tmp_path: Path
) -> None:
    window.open_demo()
    session = window.session
    assert session is not None
    original = session.file.path
    card_id = session.add_card(CI, "in both files")
    copy = tmp_path / "copy.trustboard"
    assert window.files.save_to(copy, copy=True)
    assert window.session is session  # still working in the original
    with WorkshopFile.open(copy, read_only=True) as wf:
        assert wf.workshop.current_round.cards[card_id].text == "in both files"
    moved = tmp_path / "moved"  # the suffix is added
    assert window.files.save_to(moved, copy=False)
    assert window.session is not None
    assert window.session.file.path == tmp_path / "moved.trustboard"
    assert window.windowTitle() == "Customer trust workshop — moved.trustboard — TrustBoard"
    window.session.add_card(CI, "only in the new file")
    window.close()
    with WorkshopFile.open(original, read_only=True) as wf:
        assert "only in the new file" not in [
            c.text for c in wf.workshop.current_round.cards.values()
        ]
    with WorkshopFile.open(tmp_path / "moved.trustboard", read_only=True) as wf:
        assert "only in the new file" in [c.text for c in wf.workshop.current_round.cards.values()]


def test_a_file_open_event_from_the_desktop_opens_the_workshop(
    window: MainWindow, data_dir: UserPaths
) -> None:
    from PySide6.QtGui import QFileOpenEvent

    from trustboard.services.demo import ensure_demo_file
    from trustboard.ui.app import _FileOpenFilter

    path = ensure_demo_file(data_dir)
    opener = _FileOpenFilter(window)
    app = QApplication.instance()
    app.installEventFilter(opener)
    try:
        QApplication.sendEvent(app, QFileOpenEvent(str(path)))
    finally:
        app.removeEventFilter(opener)
    assert window.session is not None and window.session.file.path == path
