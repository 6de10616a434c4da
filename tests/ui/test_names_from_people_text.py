"""Names people typed, used where Qt or the file system give characters a meaning.

An `&` in a menu entry marks a shortcut key; a "/" or ":" in a suggested file name points
into a folder or cannot be created on Windows. Each must show or save as typed.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from pathlib import Path
from types import SimpleNamespace

import pytest
from PySide6.QtWidgets import QFileDialog, QMessageBox
from pytestqt.qtbot import QtBot

from trustboard.domain.framework import CardKind, Framework
from trustboard.domain.workshop import new_workshop
from trustboard.paths import UserPaths
from trustboard.services.settings import Settings
from trustboard.store import WorkshopFile
from trustboard.ui.main_window import MainWindow

CI = ("competence", "individuals")


@pytest.fixture
def window(
    qtbot: QtBot, data_dir: UserPaths, monkeypatch: pytest.MonkeyPatch
) -> Iterator[MainWindow]:
    for kind in ("warning", "information", "critical"):
        monkeypatch.setattr(QMessageBox, kind, lambda *a, **k: None)
    w = MainWindow(data_dir, Settings.load(data_dir))
    qtbot.addWidget(w)
    yield w
    w.close_workshop()


@pytest.fixture
def suggested(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The names the save dialogs would suggest; the dialogs answer 'cancel'."""
    names: list[str] = []

    def ask(_parent: object, _title: str, default: str, _filter: str) -> tuple[str, str]:
        names.append(default)
        return "", ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", ask)
    return names


def test_menus_show_an_ampersand_as_typed(
    window: MainWindow, tmp_path: Path, rtx: Framework
) -> None:
    kinds = (*rtx.card_kinds, CardKind("rnd", "R&D idea", "#a4c2f4"))
    fw = dataclasses.replace(rtx, card_kinds=kinds)
    path = tmp_path / "P&L review.trustboard"
    WorkshopFile.create(path, new_workshop(fw, "P&L")).close()
    assert window.open_file(path)
    session = window.session
    assert session is not None
    window.menus.fill_recent()
    assert window.menus.recent_menu.actions()[0].text() == str(path).replace("&", "&&")
    assert "R&&D idea" in [a.text() for a in window.menus.kind_menu.actions()]
    session.add_card(CI, "x")
    session.undo_stack.command(0).setText("Rename “R&D”")  # a step named after people's text
    window.menus.fill_history()
    assert [a.text() for a in window.menus.history_menu.actions()] == ["Rename “R&&D”"]


def test_a_new_workshops_suggested_name_stays_in_the_home_folder(
    window: MainWindow, rtx: Framework, suggested: list[str]
) -> None:
    window.files.create_from_template((SimpleNamespace(framework=rtx), {"title": "Q1/Q2: why?"}))
    (name,) = suggested
    assert Path(name).parent == Path.home()
    assert Path(name).name == "Q1-Q2 why.trustboard"


def test_a_charts_suggested_png_name_is_safe(
    window: MainWindow, tmp_path: Path, rtx: Framework, suggested: list[str]
) -> None:
    path = tmp_path / 'Round: "final"?.trustboard'
    WorkshopFile.create(path, new_workshop(rtx, "x")).close()
    assert window.open_file(path)
    window.tools.show_charts()
    assert window.tools.charts_window is not None
    window.tools.charts_window._export_dialog()  # type: ignore[attr-defined]
    (name,) = suggested
    assert Path(name).parent == Path.home()
    assert not set(Path(name).name) & set(':"?*<>|\\')
    assert Path(name).name.startswith("Round final - ") and name.endswith(".png")
