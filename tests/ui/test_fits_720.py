"""Every window and dialog fits a 1280×720 projector, its taskbar taken off (1280×680).

Each top-level is opened offscreen as the app opens it: it must open within that screen and
be able to shrink to it (its minimum size), so no button falls off the screen mid-workshop.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QRect, QSize
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from tests.ui.two_screens import run_on_two_screens
from trustboard.domain.workshop import Card
from trustboard.paths import UserPaths
from trustboard.services.settings import Settings
from trustboard.ui.main_window import MainWindow
from trustboard.ui.screen_fit import fitted_size
from trustboard.ui.session import Session

ROOT = Path(__file__).resolve().parents[2]
SCREEN = QSize(1280, 680)  # a 1280×720 projector less a taskbar


def _too_big(window: QWidget, *, smallest_only: bool = False) -> list[str]:
    problems = []
    frame = window.frameGeometry().size()
    too_big = frame.width() > SCREEN.width() or frame.height() > SCREEN.height()
    if too_big and not smallest_only:
        problems.append(f"opens at {frame.width()}×{frame.height()}")
    smallest = window.minimumSize().expandedTo(window.minimumSizeHint())
    if smallest.width() > SCREEN.width() or smallest.height() > SCREEN.height():
        problems.append(f"cannot shrink below {smallest.width()}×{smallest.height()}")
    return problems


def _rounds(session: Session, paths: UserPaths, tmp_path: Path) -> QWidget:
    from trustboard.ui.rounds_dialog import RoundsDialog

    return RoundsDialog(session)


def _charts(session: Session, paths: UserPaths, tmp_path: Path) -> QWidget:
    from trustboard.ui.charts import ChartsWindow

    return ChartsWindow(session)


def _export(session: Session, paths: UserPaths, tmp_path: Path) -> QWidget:
    from trustboard.ui.export_dialog import ExportDialog

    return ExportDialog(session, paths)


def _framework_editor(session: Session, paths: UserPaths, tmp_path: Path) -> QWidget:
    from trustboard.ui.dialogs.framework_editor import FrameworkEditorDialog

    return FrameworkEditorDialog(session, paths)


def _details(session: Session, paths: UserPaths, tmp_path: Path) -> QWidget:
    from trustboard.ui.dialogs.details_dialog import DetailsDialog

    return DetailsDialog(session)


def _import_assistant(session: Session, paths: UserPaths, tmp_path: Path) -> QWidget:
    from trustboard.ui.imports.assistant import ImportAssistant

    csv = tmp_path / "form.csv"
    header = ",".join(f'"How much do you trust us in a long question {i}? [Row {i}]"' for i in range(40))
    csv.write_text(header + "\n" + ",".join(["Strongly agree"] * 40) + "\n", encoding="utf-8")
    return ImportAssistant(session, csv)


def _open_room(session: Session, paths: UserPaths, tmp_path: Path) -> QWidget:
    from trustboard.ui.room.open_dialog import OpenRoomDialog

    return OpenRoomDialog()


def _action(session: Session, paths: UserPaths, tmp_path: Path) -> QWidget:
    from trustboard.ui.dialogs.action_dialog import ActionDialog

    card = Card("c-1", "Staff know who to call", ("competence", "individuals"))
    return ActionDialog(card, participants=session.workshop.participants)


def _shortcuts(session: Session, paths: UserPaths, tmp_path: Path) -> QWidget:
    from trustboard.ui.dialogs.shortcuts_dialog import ShortcutsDialog

    return ShortcutsDialog()


def _about(session: Session, paths: UserPaths, tmp_path: Path) -> QWidget:
    from trustboard.ui.dialogs.about_dialog import AboutDialog

    return AboutDialog()


def _author(session: Session, paths: UserPaths, tmp_path: Path) -> QWidget:
    from trustboard.ui.dialogs.author_dialog import AuthorDialog

    return AuthorDialog(session.workshop.participants, "")


DIALOGS: dict[str, Callable[[Session, UserPaths, Path], QWidget]] = {
    "rounds": _rounds,
    "charts": _charts,
    "export": _export,
    "framework editor": _framework_editor,
    "details": _details,
    "import assistant": _import_assistant,
    "open the room": _open_room,
    "action": _action,
    "keyboard shortcuts": _shortcuts,
    "about": _about,
    "author": _author,
}


@pytest.mark.parametrize("name", list(DIALOGS))
def test_each_dialog_can_shrink_to_a_1280x720_screen(
    qtbot: QtBot, demo_session: Session, data_dir: UserPaths, tmp_path: Path, name: str
) -> None:
    window = DIALOGS[name](demo_session, data_dir, tmp_path)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    assert _too_big(window, smallest_only=True) == [], name


def test_opening_sizes_leave_room_for_the_title_bar() -> None:
    projector = QRect(0, 0, 1280, 680)
    fitted = fitted_size(QSize(1440, 900), projector)
    assert fitted.width() < 1280 and fitted.height() <= 640  # a title bar fits above it
    assert fitted_size(QSize(600, 400), projector) == QSize(600, 400)  # small ones stay
    assert fitted_size(QSize(1440, 900), QRect(0, 0, 1920, 1040)) == QSize(1440, 900)


def test_every_window_and_dialog_opens_within_a_1280x720_screen(tmp_path: Path) -> None:
    """On a 1280×680 screen every top-level opens within it. The suite's own offscreen
    screen is 800×800 and Qt picks its screens at start-up, so this runs in a child."""
    config = tmp_path / "screens.json"
    screen = {"name": "projector", "x": 0, "y": 0, "width": SCREEN.width()}
    screen |= {"height": SCREEN.height(), "logicalDpi": 96, "logicalBpp": 32, "dpr": 1}
    config.write_text(json.dumps({"screens": [screen]}))
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": f"offscreen:configfile={config}",
        "PYTHONPATH": str(ROOT),
        "HOME": str(tmp_path),
    }
    result = subprocess.run(
        [sys.executable, "-c", CHILD, str(tmp_path)],
        env=env,
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    assert result.stdout.strip().splitlines()[-1] == "ok", result.stdout


def open_every_top_level(tmp_path: Path) -> list[str]:
    """Run in the child: each window as the app opens it, and what does not fit."""
    from PySide6.QtWidgets import QApplication

    from trustboard.ui.start_page import StartPage

    app = QApplication.instance() or QApplication([])
    paths = UserPaths.under(tmp_path / "data")
    problems: list[str] = []

    def check(name: str, window: QWidget) -> None:
        window.show()
        app.processEvents()
        problems.extend(f"{name} {p}" for p in _too_big(window))

    main = MainWindow(paths, Settings.load(paths))
    check("start screen", main)
    page = main.findChild(StartPage)
    assert page is not None
    page.ensure_templates()  # the list fills just after the first paint
    app.processEvents()
    button = page.create_button
    if button.visibleRegion().boundingRect() != button.rect():
        problems.append("start screen: Create workshop… is not wholly on the screen")
    main.open_demo()
    app.processEvents()
    check("board", main)
    session = main.session
    assert session is not None
    for name, make in DIALOGS.items():
        check(name, make(session, paths, tmp_path))
    main.tools.show_charts()
    app.processEvents()
    assert main.tools.charts_window is not None
    check("charts from the menu", main.tools.charts_window)
    for window in app.topLevelWidgets():
        window.hide()
    return problems


CHILD = """
import sys
from pathlib import Path
from tests.ui.test_fits_720 import open_every_top_level
problems = open_every_top_level(Path(sys.argv[1]))
print("\\n".join(problems) or "ok")
"""


TWO_SCREENS = r"""
import sys
from pathlib import Path
from PySide6.QtWidgets import QApplication
from trustboard.paths import UserPaths
from trustboard.services.settings import Settings
from trustboard.ui.main_window import MainWindow
from trustboard.ui.rounds_dialog import RoundsDialog

app = QApplication(sys.argv)
paths = UserPaths.under(Path(sys.argv[1]))
w = MainWindow(paths, Settings.load(paths))
w.move(1920 + 10, 10)  # onto the projector
w.show()
w.open_demo()
app.processEvents()
assert w.screen().name() == "projector", w.screen().name()
dialog = RoundsDialog(w.session, w)
size = dialog.size()
assert size.width() <= 1280 and size.height() <= 680, size
w.tools.show_charts()
size = w.tools.charts_window.size()
assert size.width() <= 1280 and size.height() <= 680, size
dialog.close()
w.close()
print("ok")
"""


def test_a_dialog_fits_the_projector_its_window_is_on(tmp_path: Path) -> None:
    """With the laptop (1920×1080) as the primary screen and the window on the 1280×720
    projector, dialogs opened from the window fit the projector."""
    run_on_two_screens(tmp_path, TWO_SCREENS)
