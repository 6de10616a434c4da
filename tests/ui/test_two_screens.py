"""Presenter mode with a projector attached: audience view there, console on the laptop.

Qt picks its screens at start-up, so this runs in a child process whose offscreen
platform is configured with two screens.
"""

from __future__ import annotations

from pathlib import Path

from tests.ui.two_screens import run_on_two_screens

SCRIPT = r"""
import sys
from pathlib import Path
from PySide6.QtWidgets import QApplication
from trustboard.paths import UserPaths
from trustboard.services.settings import Settings
from trustboard.ui.actions import ActionId
from trustboard.ui.main_window import MainWindow

app = QApplication(sys.argv)
paths = UserPaths.under(Path(sys.argv[1]))
settings = Settings.load(paths)
settings.anonymous_presenter = True
w = MainWindow(paths, settings)
w.show()
w.open_demo()
w.actions_[ActionId.PRESENTER].setChecked(True)
app.processEvents()
aud = w.presenter.audience
assert aud is not None, "no audience window"
assert aud.screen().name() == "projector", aud.screen().name()
assert aud.isFullScreen()
assert not w.isFullScreen(), "the laptop keeps the console"
assert w.docks[ActionId.SIDE_PANEL].isVisible(), "the console shows the cell panel"
assert aud.heading.text() == "Competence × Individuals", aud.heading.text()
w.session.step_cell(+1)
assert aud.heading.text() == "Competence × Organizations", aud.heading.text()
assert not any(i.show_author for i in w.scene.cards.values()), "authors shown on the projector"
w.actions_[ActionId.PRESENTER].setChecked(False)
assert w.presenter.audience is None
assert all(i.show_author for i in w.scene.cards.values())
w.close()
print("ok")
"""


def test_the_projector_gets_the_audience_view(tmp_path: Path) -> None:
    run_on_two_screens(tmp_path, SCRIPT)
