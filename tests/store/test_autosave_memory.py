"""Autosave keeps the loaded workshop out of the garbage collector's full passes, which
otherwise walk every card while holding the interpreter (a pause on the UI thread)."""

from __future__ import annotations

import gc
import weakref
from pathlib import Path

import pytest

from trustboard.domain.workshop import Workshop
from trustboard.store import WorkshopFile, autosave
from trustboard.store.autosave import Autosaver


def test_the_loaded_workshop_is_frozen_while_a_saver_runs_and_thawed_after_the_last(
    tmp_path: Path, workshop: Workshop, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[str] = []
    monkeypatch.setattr(autosave.gc, "freeze", lambda: calls.append("freeze"))
    monkeypatch.setattr(autosave.gc, "unfreeze", lambda: calls.append("unfreeze"))
    monkeypatch.setattr(autosave, "_savers_running", 0)
    a = WorkshopFile.create(tmp_path / "a.trustboard", workshop)
    b = WorkshopFile.create(tmp_path / "b.trustboard", workshop)
    first = Autosaver(a, delay=60, max_delay=60)
    assert calls == ["freeze"]  # right after loading, before any save
    second = Autosaver(b, delay=60, max_delay=60)
    first.stop()
    assert calls == ["freeze"]  # the other workshop is still open
    second.stop()
    assert calls == ["freeze", "unfreeze"]
    second.stop()  # stopping twice thaws nothing twice
    assert calls == ["freeze", "unfreeze"]
    second.restart()
    assert calls == ["freeze", "unfreeze", "freeze"]
    second.stop()
    assert calls == ["freeze", "unfreeze", "freeze", "unfreeze"]
    a.close()
    b.close()


class _Cycle:
    def __init__(self) -> None:
        self.me = self


def test_garbage_left_before_the_saver_starts_is_collected_not_frozen(
    tmp_path: Path, workshop: Workshop, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(autosave, "_savers_running", 0)
    wf = WorkshopFile.create(tmp_path / "w.trustboard", workshop)
    was_enabled = gc.isenabled()
    gc.disable()  # only the saver may collect here
    try:
        garbage = _Cycle()
        gone = weakref.ref(garbage)
        del garbage
        saver = Autosaver(wf, delay=60, max_delay=60)
        assert gone() is None  # frozen, a closed dialog would live as long as the workshop
        saver.stop()
    finally:
        if was_enabled:
            gc.enable()
        wf.close()
