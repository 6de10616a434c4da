"""Autosave's two rules, on a clock the test moves: a pause saves, and steady typing cannot
postpone saving past `max_delay` after the first unsaved edit.

The saver reads the time through its module's `time.monotonic`; the test replaces it with a
clock that only moves when told, so what the saver decides depends on the edits, never on
how busy the machine is. Its thread still waits on a real condition; an edit wakes it.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path
from types import SimpleNamespace

import pytest

from trustboard.domain.workshop import Workshop
from trustboard.store import WorkshopFile
from trustboard.store import autosave as autosave_module
from trustboard.store.autosave import Autosaver

DELAY = 0.3
MAX_DELAY = 1.0
WAIT_S = 5.0  # only reached when the saver never saves: the test fails then


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def monotonic(self) -> float:
        return self.now


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> Clock:
    clock = Clock()
    monkeypatch.setattr(autosave_module, "time", SimpleNamespace(monotonic=clock.monotonic))
    return clock


@pytest.fixture
def saving(
    tmp_path: Path, workshop: Workshop, clock: Clock
) -> Iterator[tuple[WorkshopFile, list[float], threading.Event]]:
    """An open file with an Autosaver; yields the file, the clock times of each save, and
    an event set on every save."""
    wf = WorkshopFile.create(tmp_path / "w.trustboard", workshop)
    saves: list[float] = []
    saved = threading.Event()

    def on_saved() -> None:
        saves.append(clock.now)
        saved.set()

    saver = Autosaver(wf, delay=DELAY, max_delay=MAX_DELAY, on_saved=on_saved)
    try:
        yield wf, saves, saved
    finally:
        saver.stop()
        wf.close()


def _edit(wf: WorkshopFile, value: float) -> None:
    wf.put_kpi(wf.workshop.current_round_id, "nps", value)


def test_steady_typing_is_saved_max_delay_after_the_first_edit(
    saving: tuple[WorkshopFile, list[float], threading.Event], clock: Clock
) -> None:
    wf, saves, saved = saving
    first = clock.now
    # an edit every 0.2 s: each comes before the 0.3 s pause that would save
    for step in range(5):
        clock.now = first + step * 0.2
        _edit(wf, float(step))
    assert saves == []  # 0.8 s after the first edit, no pause yet and not yet max_delay
    clock.now = first + MAX_DELAY  # one more edit, 1 s after the first: save now
    _edit(wf, 99.0)
    assert saved.wait(WAIT_S), "steady typing postponed the save past max_delay"
    assert saves == [first + MAX_DELAY]
    assert not wf.dirty


def test_a_pause_after_the_last_edit_saves(
    saving: tuple[WorkshopFile, list[float], threading.Event], clock: Clock
) -> None:
    wf, saves, saved = saving
    first = clock.now
    _edit(wf, 1.0)
    clock.now = first + 0.1
    _edit(wf, 2.0)
    clock.now = first + 0.1 + DELAY  # the pause; the saver sees it when it next wakes
    assert saved.wait(WAIT_S), "a pause of `delay` after the last edit did not save"
    assert saves == [first + 0.1 + DELAY]
    assert not wf.dirty


def test_the_max_delay_counts_from_the_first_edit_after_a_save(
    saving: tuple[WorkshopFile, list[float], threading.Event], clock: Clock
) -> None:
    wf, saves, saved = saving
    _edit(wf, 1.0)
    clock.now += DELAY
    assert saved.wait(WAIT_S)
    saved.clear()
    # the next burst starts its own second: a save 0.9 s into it would be too early
    start = clock.now + 5.0
    for step in range(5):
        clock.now = start + step * 0.2
        _edit(wf, float(step))
    assert saves == [start - 5.0]
    clock.now = start + MAX_DELAY
    _edit(wf, 99.0)
    assert saved.wait(WAIT_S)
    assert saves == [start - 5.0, start + MAX_DELAY]
