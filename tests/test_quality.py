"""The project's own checks run with the tests: lint, types, and the layer contracts."""

from __future__ import annotations

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
    result = _tool("ruff", "check", "trustboard", "tests", "bench", "scripts")
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


def test_the_model_storage_and_services_run_without_qt() -> None:
    result = subprocess.run(
        [sys.executable, "-c", BLOCK_QT],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "ok"


@pytest.mark.parametrize("module", ["PySide6", "pyqtgraph", "reportlab"])
def test_the_cli_starts_without_heavy_imports(module: str) -> None:
    code = "import sys, trustboard.cli; print(any(m.split('.')[0] == %r for m in sys.modules))"
    result = subprocess.run(
        [sys.executable, "-c", code % module],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.stdout.strip() == "False", result.stderr
