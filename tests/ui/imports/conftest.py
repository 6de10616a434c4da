"""Fixtures for the import assistant: a fake engine shaped like the contract, and a way to
open the assistant on a file and wait until it has read it."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from tests.ui.imports.fake_engine import FakeEngine
from trustboard.ui.imports.assistant import ImportAssistant
from trustboard.ui.session import Session

OpenAssistant = Callable[..., ImportAssistant]


@pytest.fixture
def fake() -> FakeEngine:
    return FakeEngine()


@pytest.fixture
def open_assistant(qtbot: QtBot, session: Session, fake: FakeEngine) -> OpenAssistant:
    """The assistant on `path`, shown; waits for the file to be read and the first preview."""

    def open_(path: Path, *, wait: bool = True, **kw: object) -> ImportAssistant:
        kw.setdefault("engine", fake.engine())
        on = kw.pop("session", session)
        dialog = ImportAssistant(on, path, **kw)  # type: ignore[arg-type]
        qtbot.addWidget(dialog)
        dialog.show()
        if wait:  # the work reports through queued signals: none is missed before this
            with qtbot.waitSignal(dialog.planned, timeout=10_000):
                pass
        return dialog

    return open_
