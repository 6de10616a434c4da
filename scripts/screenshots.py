"""Drive the real window through its screens and save what each screen shows as PNG.

    xvfb-run -s "-screen 0 1920x1080x24" python scripts/screenshots.py OUT_DIR [--lang de]
    Xvfb :98 +xinerama -screen 0 1920x1080x24 -screen 1 1280x720x24 &
    DISPLAY=:98 python scripts/screenshots.py OUT_DIR     # two screens: presenter view too

Uses QT_QPA_PLATFORM=xcb, so it needs an X server (Xvfb is enough).
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "xcb")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from PySide6.QtCore import QEventLoop, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QDialog, QWidget

from trustboard import i18n
from trustboard.paths import UserPaths
from trustboard.services.settings import Settings
from trustboard.ui.actions import ActionId
from trustboard.ui.app import make_app
from trustboard.ui.main_window import MainWindow


def settle(ms: int = 600) -> None:
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def shoot(out: Path, name: str) -> None:
    for i, screen in enumerate(QGuiApplication.screens()):
        g = screen.geometry()
        pixmap = screen.grabWindow(0, g.x(), g.y(), g.width(), g.height())
        suffix = "" if i == 0 else f"-screen{i + 1}"
        pixmap.save(str(out / f"{name}{suffix}.png"))
    print("saved", name, "on", len(QGuiApplication.screens()), "screen(s)")


def shoot_dialog(out: Path, name: str, open_it: object) -> None:
    """Open a modal dialog with `open_it()`, take the picture while it shows, close it."""
    from PySide6.QtWidgets import QApplication

    def take() -> None:
        shoot(out, name)
        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, QDialog) and widget.isVisible():
                widget.close()

    QTimer.singleShot(900, take)
    open_it()  # type: ignore[operator]
    settle(300)


def main() -> int:
    args = sys.argv[1:]
    if "--lang" in args:  # the window in another language: --lang de, --lang pseudo-rtl
        at = args.index("--lang")
        i18n.set_language(args[at + 1])
        del args[at : at + 2]
    out = Path(args[0] if args else "screenshots")
    out.mkdir(parents=True, exist_ok=True)
    app = make_app()
    paths = UserPaths.under(Path(tempfile.mkdtemp()))
    window = MainWindow(paths, Settings.load(paths))
    primary = QGuiApplication.primaryScreen().availableGeometry()
    window.setGeometry(primary)
    window.showMaximized()
    settle()
    shoot(out, "start")
    window.open_demo()
    settle()
    shoot(out, "board")
    window.actions_[ActionId.FIT_CELL].trigger()
    settle()
    shoot(out, "board-cell")
    window.view.zoom_in()
    settle()
    shoot(out, "board-zoomed")
    window.actions_[ActionId.FIT_ALL].trigger()
    window.actions_[ActionId.LAYER_BOTH].trigger()
    settle()
    shoot(out, "board-side-by-side")
    window.actions_[ActionId.LAYER_AS_IS].trigger()
    window.actions_[ActionId.KPIS].setChecked(True)
    window.docks[ActionId.KPIS].raise_()
    settle()
    shoot(out, "kpis")
    window.actions_[ActionId.CHARTS].trigger()
    charts = window.tools.charts_window
    if charts is not None:
        charts.setGeometry(primary)
        for key in ("heatmap", "perception", "trend", "kpis"):
            charts.show_chart(key)
            settle(500)
            shoot(out, f"charts-{key}")
        charts.close()
    window.tools.show_rounds()
    settle()
    shoot(out, "rounds")
    for dialog in window.findChildren(QDialog):
        dialog.close()
    window.timebox.set_minutes(7)
    window.timebox.start()
    window.actions_[ActionId.PRESENTER].setChecked(True)
    settle(900)
    shoot(out, "presenter")
    if window.session is not None:
        window.session.step_cell(+1)
    settle(600)
    shoot(out, "presenter-next-cell")
    window.actions_[ActionId.FIT_ALL].trigger()
    settle(600)
    shoot(out, "presenter-board")
    window.actions_[ActionId.PRESENTER].setChecked(False)
    window.actions_[ActionId.HIGH_CONTRAST].setChecked(True)
    settle()
    shoot(out, "board-high-contrast")
    window.actions_[ActionId.HIGH_CONTRAST].setChecked(False)
    shoot_dialog(out, "dialog-export", window.actions_[ActionId.EXPORT_PDF].trigger)
    shoot_dialog(out, "dialog-shortcuts", window.actions_[ActionId.SHORTCUTS].trigger)
    shoot_dialog(out, "dialog-about", window.actions_[ActionId.ABOUT].trigger)
    if window.scene is not None:
        first = next(iter(window.scene.cards.values()))
        first.setSelected(True)
        shoot_dialog(out, "dialog-author", window.actions_[ActionId.SET_AUTHOR].trigger)
    agenda = window.findChild(QWidget, "agendaControls")
    if agenda is not None and hasattr(agenda, "edit"):
        shoot_dialog(out, "dialog-agenda", agenda.edit)
    window.close()
    app.processEvents()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
