"""Guard against a Qt binding that corrupts reference counts (PySide6 6.12.0 did).

6.12.0 drops a reference to None on every call of a void method. On Python 3.11 None's
count then falls to zero after some thousands of paints and the app crashes; from Python
3.12 None is immortal, its count never moves, so the drop is harmless there and cannot be
measured. Both tests below hold on every Python: the measurement runs wherever None is
counted, and the installed binding is checked against the versions pyproject.toml allows.
"""

from __future__ import annotations

import sys
import tomllib
from importlib.metadata import version
from pathlib import Path

from packaging.requirements import Requirement
from PySide6.QtGui import QFont

PYPROJECT = Path(__file__).resolve().parents[2] / "pyproject.toml"
BINDING = "PySide6-Essentials"


def _none_is_counted() -> bool:
    """False where None is immortal (Python >= 3.12): holding references leaves its count."""
    before = sys.getrefcount(None)
    held = [None] * 10_000
    counted = sys.getrefcount(None) - before >= len(held)
    del held
    return counted


def test_void_methods_do_not_drop_references_to_none(qapp: object) -> None:
    if not _none_is_counted():
        # nothing to measure, and nothing to fear: a dropped reference cannot free None
        assert sys.version_info >= (3, 12), "None's count does not move on Python 3.11"
        return
    font = QFont()
    before = sys.getrefcount(None)
    for _ in range(20_000):
        font.setPixelSize(13)
        font.setBold(True)
    # Other threads may hold or drop a few references meanwhile; a leak is 40,000.
    assert abs(sys.getrefcount(None) - before) < 1_000


def test_the_binding_is_a_version_the_project_allows() -> None:
    dependencies = tomllib.loads(PYPROJECT.read_text(encoding="utf-8"))["project"]["dependencies"]
    (pin,) = [Requirement(d) for d in dependencies if Requirement(d).name == BINDING]
    assert "6.12.0" not in pin.specifier  # the release that drops references to None
    installed = version(BINDING)
    assert installed in pin.specifier, f"{BINDING} {installed} is not {pin.specifier}"
