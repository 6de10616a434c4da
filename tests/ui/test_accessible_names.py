"""A screen reader says every control's name: words ("Password, again"), never an object id
("passwordAgainField") and never nothing, in every window and dialog."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QComboBox,
    QHeaderView,
    QLineEdit,
    QMenuBar,
    QPlainTextEdit,
    QTabBar,
    QToolBar,
    QToolButton,
    QWidget,
)
from pytestqt.qtbot import QtBot

from trustboard.domain.workshop import Layer
from trustboard.paths import UserPaths
from trustboard.ui.dialogs import field, is_spoken_name
from trustboard.ui.dialogs.action_dialog import ActionDialog
from trustboard.ui.dialogs.details_dialog import DetailsDialog
from trustboard.ui.dialogs.framework_editor import FrameworkEditorDialog
from trustboard.ui.export_dialog import ExportDialog
from trustboard.ui.imports.assistant import ImportAssistant
from trustboard.ui.main_window import MainWindow
from trustboard.ui.rounds_dialog import RoundsDialog
from trustboard.ui.session import Session

CONTROLS = (
    QAbstractButton,
    QLineEdit,
    QPlainTextEdit,
    QComboBox,
    QAbstractSpinBox,
    QAbstractItemView,
)


def badly_named_controls(root: QWidget) -> list[str]:
    """Interactive widgets whose spoken name is empty or an identifier, with that name."""
    bad = []
    for w in [root, *root.findChildren(QWidget)]:
        if not isinstance(w, CONTROLS) or isinstance(w, QHeaderView):
            continue
        parent = w.parent()
        if isinstance(parent, (QAbstractSpinBox, QComboBox, QLineEdit, QTabBar, QMenuBar)):
            continue  # Qt's own parts: a spin box's editor, clear and scroll buttons
        if w.objectName().startswith("qt_"):
            continue
        if isinstance(parent, QToolBar) and isinstance(w, QToolButton) and not w.defaultAction():
            continue  # the toolbar's own "more" button
        if w.window() is not root.window():
            continue  # popups are named by their owner
        spoken = w.accessibleName() or (w.text() if isinstance(w, QAbstractButton) else "")
        if not is_spoken_name(spoken):
            bad.append(f"{type(w).__name__} {w.objectName()!r}: {spoken!r}")
    return bad


@pytest.mark.parametrize(
    ("name", "spoken"),
    [("Password, again", True), ("KPIs", True), ("Due date", True), ("passwordAgainField", False),
     ("details_title", False), ("", False), ("  ", False), ("42", False)],
)  # fmt: skip
def test_a_spoken_name_is_words(name: str, spoken: bool) -> None:
    assert is_spoken_name(name) is spoken


def test_a_field_named_like_code_must_say_its_name_in_words(qapp: object) -> None:
    with pytest.raises(ValueError, match="spoken="):
        field(QLineEdit(), "passwordAgainField", "Type the password again")
    edit = field(QLineEdit(), "passwordAgainField", "Again", spoken="Password, again")
    assert edit.objectName() == "passwordAgainField"
    assert edit.accessibleName() == "Password, again"


@pytest.fixture
def window(start_window: MainWindow) -> MainWindow:
    return start_window


def test_the_start_screen_says_words(window: MainWindow) -> None:
    assert badly_named_controls(window.start_page) == []


def test_the_board_and_every_dock_say_words(window: MainWindow) -> None:
    window.open_demo()
    for dock in window.docks.values():
        dock.show()
    assert badly_named_controls(window) == []
    window.tools.show_charts()
    assert window.tools.charts_window is not None
    assert badly_named_controls(window.tools.charts_window) == []


def _dialogs(session: Session, paths: UserPaths, tmp_path: Path) -> list[QWidget]:
    csv = tmp_path / "survey.csv"
    csv.write_text("element,domain,perspective,score,comment\ncompetence,individuals,self,4,\n")
    card_id = session.add_card(("competence", "individuals"), "A card", layer=Layer.AS_IS)
    assert card_id
    return [
        ExportDialog(session, paths),
        DetailsDialog(session),
        FrameworkEditorDialog(session, paths),
        RoundsDialog(session),
        ImportAssistant(session, csv),
        ActionDialog(session.round.cards[card_id]),
    ]


def test_every_dialog_says_words(
    qtbot: QtBot, session: Session, data_dir: UserPaths, tmp_path: Path
) -> None:
    for dialog in _dialogs(session, data_dir, tmp_path):
        qtbot.addWidget(dialog)
        dialog.show()
        assert badly_named_controls(dialog) == [], type(dialog).__name__
        dialog.close()
