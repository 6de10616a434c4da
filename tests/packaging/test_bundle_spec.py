"""The PyInstaller spec, build script and icons, checked without running PyInstaller."""

from __future__ import annotations

import importlib.util
import re
import struct
from pathlib import Path
from types import ModuleType

import pytest

from trustboard import APP_ID, __version__

ROOT = Path(__file__).resolve().parents[2]
SPEC = (ROOT / "packaging" / "trustboard.spec").read_text(encoding="utf-8")
ICONS = ROOT / "resources" / "icons"


def load_build_script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("trustboard_build", ROOT / "packaging/build.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_spec_is_python() -> None:
    compile(SPEC, "trustboard.spec", "exec")


def test_the_spec_bundles_templates_and_resources_at_the_root() -> None:
    # trustboard.assets looks in sys._MEIPASS / "templates" and / "resources" first
    assert '(str(ROOT / "templates"), "templates")' in SPEC
    assert '(str(ROOT / "resources"), "resources")' in SPEC
    assert '(str(ROOT / "packaging" / "linux"), "linux")' in SPEC
    assert 'collect_data_files("reportlab")' in SPEC
    assert 'collect_submodules(\n    "pyqtgraph"' in SPEC


@pytest.mark.parametrize(
    "module",
    [
        "PySide6.QtWebEngineCore",
        "PySide6.QtWebEngineWidgets",
        "PySide6.QtQml",
        "PySide6.QtQuick",
        "tkinter",
        "matplotlib",
        "PyQt5",
        "PyQt6",
    ],
)
def test_the_spec_keeps_heavy_modules_out(module: str) -> None:
    excludes = SPEC[SPEC.index("excludes = [") :]
    assert f'"{module}",' in excludes[: excludes.index("\n]")]


def test_the_spec_builds_one_windowed_folder_with_the_apps_identity() -> None:
    assert "exclude_binaries=True" in SPEC  # one folder: the binaries go to COLLECT
    assert "console=False" in SPEC
    assert "name=APP_NAME" in SPEC
    assert "bundle_identifier=APP_ID" in SPEC
    assert '"public.filename-extension": ["trustboard"]' in SPEC
    assert '"trustboard.ico"' in SPEC and '"trustboard.icns"' in SPEC
    assert __version__ not in SPEC, "the version must come from trustboard/__init__.py"
    assert '^__version__ = "([^"]+)"' in SPEC


def test_the_build_script_reads_the_packages_version() -> None:
    assert load_build_script().version() == __version__


@pytest.mark.parametrize("size", [16, 24, 32, 48, 64, 128, 256, 512])
def test_png_icons_have_the_size_in_their_name(size: int) -> None:
    data = (ICONS / f"trustboard-{size}.png").read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", data[16:24])
    assert (width, height) == (size, size)


def test_windows_and_macos_icons() -> None:
    ico = (ICONS / "trustboard.ico").read_bytes()
    assert ico[:4] == b"\x00\x00\x01\x00"
    count = struct.unpack("<H", ico[4:6])[0]
    # ICONDIRENTRY width byte: 0 means 256
    sizes = {ico[6 + 16 * i] or 256 for i in range(count)}
    assert {16, 32, 48, 256} <= sizes
    icns = (ICONS / "trustboard.icns").read_bytes()
    assert icns[:4] == b"icns"
    assert struct.unpack(">I", icns[4:8])[0] == len(icns)


def test_the_app_id_is_reverse_dns() -> None:
    assert re.fullmatch(r"[a-z]+(\.[a-z0-9]+)+\.[A-Za-z][A-Za-z0-9]*", APP_ID)
