"""Test setup shared by every test: Qt offscreen, and no test ever touches the real home."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# Windows opened by tests do not import the charts in the background by themselves;
# tests that want it call window.tools.preload_charts().
os.environ.setdefault("TRUSTBOARD_PRELOAD_CHARTS", "0")

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from trustboard.assets import templates_dir
from trustboard.domain.framework import Framework
from trustboard.domain.workshop import Workshop, new_workshop
from trustboard.frameworks.templates import load_template
from trustboard.paths import UserPaths


@pytest.fixture(autouse=True)
def _isolated_home(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Point HOME and the XDG folders at a temp dir so nothing reaches the user's files."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("HOME", str(home))
    for var in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME"):
        monkeypatch.setenv(var, str(home / var.lower()))


@pytest.fixture(autouse=True)
def _english(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Tests read English whatever the machine's locale; a test may choose another."""
    from trustboard import i18n

    monkeypatch.setenv("LANGUAGE", "en")
    i18n.set_language("en")
    yield
    if i18n.language() != "en":
        i18n.set_language("en")
        _apply_to_qt()


def _apply_to_qt() -> None:
    import sys

    if "PySide6.QtWidgets" not in sys.modules:
        return
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance()
    if isinstance(app, QApplication):
        from trustboard.ui import language

        language.apply(app)


@pytest.fixture
def interface_language() -> Callable[[str], str]:
    """Switch the interface to a language ("de", "pseudo", "pseudo-rtl") for this test:
    our catalogue, Qt's, the layout direction and QLocale. Build widgets after calling it."""
    from trustboard import i18n

    def switch(code: str) -> str:
        used = i18n.set_language(code)
        _apply_to_qt()
        return used

    return switch


@pytest.fixture
def data_dir(tmp_path: Path) -> UserPaths:
    return UserPaths.under(tmp_path / "data")


@pytest.fixture(scope="session")
def rtx() -> Framework:
    return load_template(templates_dir() / "rtx-trust-framework.toml").framework


@pytest.fixture
def workshop(rtx: Framework) -> Workshop:
    return new_workshop(rtx, "Test workshop", organisation="Acme")
