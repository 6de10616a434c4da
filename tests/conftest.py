"""Test setup shared by every test: Qt offscreen, and no test ever touches the real home."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# Windows opened by tests do not import the charts in the background by themselves;
# tests that want it call window.tools.preload_charts().
os.environ.setdefault("TRUSTBOARD_PRELOAD_CHARTS", "0")

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


@pytest.fixture
def data_dir(tmp_path: Path) -> UserPaths:
    return UserPaths.under(tmp_path / "data")


@pytest.fixture(scope="session")
def rtx() -> Framework:
    return load_template(templates_dir() / "rtx-trust-framework.toml").framework


@pytest.fixture
def workshop(rtx: Framework) -> Workshop:
    return new_workshop(rtx, "Test workshop", organisation="Acme")
