"""The window's shell shows no English outside the catalogue: under the pseudo-language
every text of the start window, the demo window's menus, toolbar and status bar, and the
export, rounds and agenda dialogs reads `[!! … !!]` (the workshop's own data excepted).

Panels, the board and other dialogs belong to other parts of the tree; here the shell's
widgets are read on their own, so a panel that is still English does not hide a gap here.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QToolBar, QWidget
from pytestqt.qtbot import QtBot

from tests.i18n.visible import unwrapped, visible_texts, workshop_data
from trustboard import i18n
from trustboard.display import display_path
from trustboard.paths import UserPaths
from trustboard.services.settings import Settings
from trustboard.ui.main_window import MainWindow

Switch = Callable[[str], str]


def _language_names() -> list[str]:
    """Each language is offered by its own name ("Deutsch"), in every interface."""
    return [lang.name for lang in i18n.languages()]


@pytest.fixture
def pseudo_demo(
    qtbot: QtBot, data_dir: UserPaths, interface_language: Switch
) -> Iterator[MainWindow]:
    interface_language("pseudo")
    w = MainWindow(data_dir, Settings.load(data_dir))
    qtbot.addWidget(w)
    w.show()
    w.open_demo()
    assert w.session is not None
    yield w
    w.files.ask_unsaved = lambda error: "discard"  # type: ignore[method-assign]
    w.close()


def _data(window: MainWindow) -> list[str]:
    assert window.session is not None
    file = window.session.file.path
    return [*workshop_data(window.session.workshop), file.name, display_path(file),
            *_language_names()]  # fmt: skip


def test_the_start_window_is_all_wrapped(
    qtbot: QtBot, data_dir: UserPaths, interface_language: Switch
) -> None:
    interface_language("pseudo")
    w = MainWindow(data_dir, Settings.load(data_dir))
    qtbot.addWidget(w)
    w.show()
    w.menus.language_menu.fill()
    page = w.start_page
    page.ensure_templates()
    assert page.templates, "the shipped templates are listed"
    templates = [text for t in page.templates for text in workshop_data(t.framework)]
    texts = visible_texts(w)
    assert ("QPushButton", "[!! Create workshop… !!]") in texts
    assert unwrapped(texts, [*templates, *_language_names()]) == []
    w.close()


def test_the_demo_windows_menus_toolbar_and_status_bar_are_wrapped(
    pseudo_demo: MainWindow,
) -> None:
    w = pseudo_demo
    w.menus.fill_recent()
    w.menus.language_menu.fill()
    w.menus.fill_history()
    toolbar = w.findChild(QToolBar, "boardToolbar")
    assert toolbar is not None
    roots: list[QWidget] = [w.menuBar(), toolbar, w.statusBar()]
    texts = [t for root in roots for t in visible_texts(root)]
    texts.append(("window title", w.windowTitle()))
    titles = [w.menuBar().actions()[i].text() for i in range(2)]
    assert titles == ["[!! &File !!]", "[!! &Edit !!]"]
    # The status bar's save label and the undo tooltips come from the shell too.
    w.save_status.saved()
    texts += [("save", w.save_status.label.text()), ("undo tip", w.actions_[_undo()].toolTip())]
    assert unwrapped(texts, _data(w)) == []


def _undo() -> object:
    from trustboard.ui.actions import ActionId

    return ActionId.UNDO


def test_the_export_dialog_is_wrapped(pseudo_demo: MainWindow, qtbot: QtBot) -> None:
    from trustboard.ui.export_dialog import ExportDialog

    assert pseudo_demo.session is not None
    dialog = ExportDialog(pseudo_demo.session, pseudo_demo.paths)
    qtbot.addWidget(dialog)
    for key in ("summary", "workbook", "cards"):
        dialog.choose(key)
        dialog._start_preview()
        dialog.wait_for_jobs()
        qtbot.waitUntil(lambda: dialog._preview_job is None)
        # The preview quotes the file, which is written in the workshop's language (its
        # framework's); only the preview's own heading is the interface's.
        preview = dialog.preview.text()
        texts = [t for t in visible_texts(dialog) if t[1] != preview or not preview]
        texts.append(("preview heading", preview.split("\n\n")[0]))
        assert unwrapped(texts, _data(pseudo_demo)) == [], key
    dialog.password.setText("a")
    dialog.password_again.setText("b")
    assert dialog.password_note.text().startswith("[!! ")
    dialog.close()


def test_the_rounds_dialog_is_wrapped(pseudo_demo: MainWindow, qtbot: QtBot) -> None:
    from trustboard.ui.rounds_dialog import RoundsDialog

    assert pseudo_demo.session is not None
    dialog = RoundsDialog(pseudo_demo.session)
    qtbot.addWidget(dialog)
    dialog.show()
    texts = visible_texts(dialog)
    assert dialog.comparison is not None
    texts.append(("summary", dialog.comparison.summary.text()))
    table = dialog.table
    texts += [("where", table.item(r, 5).text()) for r in range(table.rowCount())]
    assert unwrapped(texts, _data(pseudo_demo)) == []
    dialog.close()


def test_the_agenda_and_timer_are_wrapped(pseudo_demo: MainWindow, qtbot: QtBot) -> None:
    from trustboard.ui.agenda import AgendaDialog

    w = pseudo_demo
    w.agenda.next_step()
    texts = [("timebox", w.timebox.title), ("badge", w.timer_badge.accessibleName())]
    texts += visible_texts(w.agenda_controls)
    texts += [("agenda menu", a.text()) for a in w.agenda_controls.menu_button.menu().actions()]
    dialog = AgendaDialog(w.agenda.steps)
    qtbot.addWidget(dialog)
    texts += visible_texts(dialog)
    spin = dialog.table.cellWidget(0, 1)
    texts.append(("minutes", spin.suffix()))  # type: ignore[union-attr]
    assert unwrapped(texts, _data(w)) == []
    dialog.close()


def test_the_shells_messages_are_wrapped(pseudo_demo: MainWindow, tmp_path: Path) -> None:
    from trustboard.ui import export_work
    from trustboard.ui.files import file_filter
    from trustboard.ui.text_limits import limit_hint
    from trustboard.ui.timer import times_up

    subject, body = export_work.email_text(i18n._("summary"), password=True)
    shown = [subject, body, file_filter(), limit_hint(1200), times_up(),
             export_work.no_mail_client(tmp_path / "x.pdf")]  # fmt: skip
    texts = [("message", text) for text in shown]
    assert unwrapped(texts, [str(tmp_path / "x.pdf"), "*"]) == []
