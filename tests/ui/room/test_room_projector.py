"""The join code on the projector (two screens), and a window that never used the room
never loaded its server or its QR library. In a child process: Qt picks its screens at
start-up, and a fresh interpreter shows what start-up loaded."""

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
from trustboard.ui.room.hooks import room_of

app = QApplication(sys.argv)
paths = UserPaths.under(Path(sys.argv[1]))
w = MainWindow(paths, Settings.load(paths))
w.show()
w.open_demo()
app.processEvents()
for name in ("aiohttp", "segno", "trustboard.room.server", "trustboard.ui.room.controller"):
    assert name not in sys.modules, f"{name} loaded before the room was opened"
room = room_of(w)
room.open("127.0.0.1", 0)
w.actions_[ActionId.PRESENTER].setChecked(True)
app.processEvents()
aud = w.presenter.audience
assert aud is not None and aud.screen().name() == "projector"
overlays = {o.parent(): o for o in room.parts.overlays}
assert set(overlays) == {w.view, aud.view}, "the code on the laptop and on the projector"
code = overlays[aud.view]
assert code.isVisible() and code.notice.url == room.url
assert aud.view.viewportMargins().right() >= code.width(), "the board keeps clear of it"
assert code.qr_rect().width() >= 240, code.qr_rect()
w.actions_[ActionId.ROOM_CODE].trigger()  # F6, from the console
assert not code.isVisible() and aud.view.viewportMargins().right() == 0
w.actions_[ActionId.ROOM_CODE].trigger()
assert code.isVisible()
room.close()
app.processEvents()
assert room.parts.overlays == [] and aud.view.viewportMargins().right() == 0
w.actions_[ActionId.PRESENTER].setChecked(False)
w.close()
print("ok")
"""


def test_the_projector_shows_the_join_code_and_start_up_loads_no_room(tmp_path: Path) -> None:
    run_on_two_screens(tmp_path, SCRIPT)
