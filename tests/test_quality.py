"""The project's own checks run with the tests: lint, types, and the layer contracts."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def _tool(name: str, *args: str) -> subprocess.CompletedProcess[str]:
    exe = shutil.which(name, path=str(Path(sys.executable).parent)) or shutil.which(name)
    assert exe, f"{name} is not installed; install the test extras: pip install -e '.[test]'"
    return subprocess.run(
        [exe, *args], cwd=ROOT, capture_output=True, text=True, timeout=300, check=False
    )


def test_ruff_lint() -> None:
    result = _tool("ruff", "check", "trustboard", "tests", "bench", "scripts", "tools")
    assert result.returncode == 0, result.stdout + result.stderr


def test_mypy_on_the_qt_free_layers() -> None:
    result = _tool("mypy")
    assert result.returncode == 0, result.stdout + result.stderr


def test_import_contracts() -> None:
    result = _tool("lint-imports")
    assert result.returncode == 0, result.stdout + result.stderr


BLOCK_QT = """
import importlib, importlib.abc, pkgutil, sys
class Block(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path=None, target=None):
        if name.split('.')[0] in {'PySide6', 'shiboken6', 'pyqtgraph'}:
            raise ImportError('Qt is blocked: ' + name)
sys.meta_path.insert(0, Block())
import trustboard
for pkg in ('domain', 'store', 'frameworks', 'document', 'services'):
    mod = importlib.import_module('trustboard.' + pkg)
    for info in pkgutil.walk_packages(mod.__path__, mod.__name__ + '.'):
        importlib.import_module(info.name)
import trustboard.cli
assert not any(m.startswith(('PySide6', 'pyqtgraph')) for m in sys.modules)
print('ok')
"""


def _python(code: str) -> subprocess.CompletedProcess[str]:
    """Run `code` in a fresh interpreter in the repo: nothing imported yet, no screen."""
    return subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )


def test_the_model_storage_and_services_run_without_qt() -> None:
    result = _python(BLOCK_QT)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "ok"


@pytest.mark.parametrize("module", ["PySide6", "pyqtgraph", "reportlab"])
def test_the_cli_starts_without_heavy_imports(module: str) -> None:
    code = "import sys, trustboard.cli; print(any(m.split('.')[0] == %r for m in sys.modules))"
    result = _python(code % module)
    assert result.stdout.strip() == "False", result.stderr


FIRST_PAINT = """
import sys, tempfile
from pathlib import Path
from PySide6 import QtWidgets
from PySide6.QtCore import QEvent, QObject
from trustboard.ui.app import make_app
app = make_app()
from trustboard.paths import UserPaths
from trustboard.services.settings import Settings
from trustboard.ui.main_window import MainWindow
paths = UserPaths.under(Path(tempfile.mkdtemp()))
window = MainWindow(paths, Settings.load(paths))
class AtFirstPaint(QObject):
    def eventFilter(self, watched, event):
        if watched is window and event.type() == QEvent.Type.Paint:
            window.removeEventFilter(self)  # the first paint only
            modules = sorted({m.split('.')[0] if not m.startswith('trustboard') else m
                              for m in sys.modules})
            print("modules", *modules)
            print("classes", *sorted(n for n in QtWidgets.__dict__ if n.startswith('Q')))
            print("start page", window.stack.currentWidget() is window.start_page)
            app.quit()
        return False
f = AtFirstPaint(); window.installEventFilter(f); window.show(); app.exec()
"""


def test_the_first_window_loads_only_what_it_shows() -> None:
    """What a launch imports before it paints; each of these cost ms at every start."""
    result = _python(FIRST_PAINT)
    lines = {line.split(" ", 1)[0]: line.split()[1:] for line in result.stdout.splitlines()}
    assert "modules" in lines, result.stderr
    assert lines["start"] == ["page", "True"]  # the start screen is in the first paint
    modules = set(lines["modules"])
    heavy = {"pyqtgraph", "reportlab", "tinydb", "numpy", "html", "datetime", "tomllib"}
    assert not modules & heavy
    ours = {m for m in modules if m.startswith("trustboard.")}
    late = ("trustboard.store.workshop_file", "trustboard.ui.board", "trustboard.frameworks")
    assert not {m for m in ours if m.startswith(late)}
    # PySide6 builds a class and all its enums on first use: dialogs wait for their turn.
    assert not {"QStyle", "QMessageBox", "QFileDialog", "QInputDialog"} & set(lines["classes"])
