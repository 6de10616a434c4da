"""Autosave's two rules, on a clock the test moves: a pause saves, and steady typing cannot
postpone saving past `max_delay` after the first unsaved edit.

The saver reads the time through its module's `time.monotonic`; the test replaces it with a
clock that only moves when told, so what the saver decides depends on the edits, never on
how busy the machine is. Its thread still waits on a real condition; an edit wakes it, and
after each edit the test waits until the saver has looked at it and gone back to waiting,
so "not saved yet" is a fact, not a race.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from types import SimpleNamespace

import pytest

from trustboard.domain.workshop import Workshop
from trustboard.store import WorkshopFile
from trustboard.store import autosave as autosave_module
from trustboard.store.autosave import Autosaver

DELAY = 0.3  # the README's promise, and the Autosaver's defaults the app uses
MAX_DELAY = 1.0
WAIT_S = 5.0  # only reached when the saver never saves: the test fails then


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def monotonic(self) -> float:
        return self.now


class WatchedCondition(threading.Condition):
    """The saver's condition, counting the notifies each of its waits began after."""

    def __init__(self) -> None:
        super().__init__()
        self.notifies = 0  # changed with the lock held, like everything the saver reads
        self.seen = 0  # the notifies the saver had seen when it last began to wait
        self._watch = threading.Condition()

    def notify(self, n: int = 1) -> None:
        self.notifies += 1
        super().notify(n)

    def wait(self, timeout: float | None = None) -> bool:
        with self._watch:
            self.seen = self.notifies
            self._watch.notify_all()
        return super().wait(timeout)

    def settle(self) -> None:
        """Return once the saver has seen every notify so far and waits again."""
        with self:
            target = self.notifies
        with self._watch:
            assert self._watch.wait_for(lambda: self.seen >= target, WAIT_S), "saver stuck"


@pytest.fixture
def watched(monkeypatch: pytest.MonkeyPatch) -> list[WatchedCondition]:
    """The conditions of the savers made in this test."""
    made: list[WatchedCondition] = []

    def condition() -> WatchedCondition:
        made.append(WatchedCondition())
        return made[-1]

    module = SimpleNamespace(**{**vars(threading), "Condition": condition})
    monkeypatch.setattr(autosave_module, "threading", module)
    return made


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> Clock:
    clock = Clock()
    monkeypatch.setattr(autosave_module, "time", SimpleNamespace(monotonic=clock.monotonic))
    return clock


@dataclass
class Saving:
    """An open file with an Autosaver, the clock times of its saves, and an edit that
    returns once the saver has decided about it."""

    file: WorkshopFile
    condition: WatchedCondition
    saver: Autosaver
    saves: list[float] = field(default_factory=list)
    saved: threading.Event = field(default_factory=threading.Event)
    errors: list[BaseException] = field(default_factory=list)
    failed: threading.Event = field(default_factory=threading.Event)

    def edit(self, value: float) -> None:
        self.file.put_kpi(self.file.workshop.current_round_id, "nps", value)
        self.condition.settle()


@pytest.fixture
def saving(
    tmp_path: Path, workshop: Workshop, clock: Clock, watched: list[WatchedCondition]
) -> Iterator[Saving]:
    wf = WorkshopFile.create(tmp_path / "w.trustboard", workshop)
    saves: list[float] = []
    saved = threading.Event()
    errors: list[BaseException] = []
    failed = threading.Event()

    def on_saved() -> None:
        saves.append(clock.now)
        saved.set()

    def on_error(exc: BaseException) -> None:
        errors.append(exc)
        failed.set()

    saver = Autosaver(wf, on_saved=on_saved, on_error=on_error)  # the app's delays
    (condition,) = watched
    try:
        yield Saving(wf, condition, saver, saves, saved, errors, failed)
    finally:
        if saver._thread.is_alive():
            saver.stop()
        wf.close()


def test_steady_typing_is_on_disk_max_delay_after_the_first_edit(
    saving: Saving, clock: Clock
) -> None:
    """The write starts early enough to end by max_delay: before any write was timed, a
    quarter of it early (tests/store/test_workshop_file.py times the writes)."""
    first = clock.now
    starts = first + MAX_DELAY * 3 / 4
    # an edit every 0.2 s: each comes before the 0.3 s pause that would save
    for step in range(4):
        clock.now = first + step * 0.2
        saving.edit(float(step))
        assert saving.saves == [], f"saved {step * 0.2:.1f} s into steady typing"
    clock.now = starts  # one more edit when the write must start: save now
    saving.edit(99.0)
    assert saving.saved.wait(WAIT_S), "steady typing postponed the save past max_delay"
    assert saving.saves == [starts]
    assert not saving.file.dirty


def test_a_pause_after_the_last_edit_saves(saving: Saving, clock: Clock) -> None:
    first = clock.now
    saving.edit(1.0)
    clock.now = first + 0.1
    saving.edit(2.0)
    clock.now = first + 0.1 + DELAY - 0.01
    assert saving.saves == []  # 0.29 s after the last edit: not yet
    clock.now = first + 0.1 + DELAY  # the pause; the saver sees it when it next wakes
    assert saving.saved.wait(WAIT_S), "a pause of `delay` after the last edit did not save"
    assert saving.saves == [first + 0.1 + DELAY]
    assert not saving.file.dirty


def test_the_max_delay_counts_from_the_first_edit_after_a_save(
    saving: Saving, clock: Clock
) -> None:
    saving.edit(1.0)
    clock.now += DELAY
    assert saving.saved.wait(WAIT_S)
    saving.saved.clear()
    # the next burst starts its own second: a save 0.9 s into it would be too early
    start = clock.now + 5.0
    for step in range(5):
        clock.now = start + step * 0.2
        saving.edit(float(step))
    assert saving.saves == [start - 5.0]
    clock.now = start + MAX_DELAY
    saving.edit(99.0)
    assert saving.saved.wait(WAIT_S)
    assert saving.saves == [start - 5.0, start + MAX_DELAY]


def _broken(*args: object) -> None:
    raise OSError(28, "No space left on device")


def test_after_a_failed_write_the_edits_are_saved_without_another_edit(
    saving: Saving, clock: Clock, monkeypatch: pytest.MonkeyPatch
) -> None:
    with monkeypatch.context() as disk:
        disk.setattr("trustboard.store.workshop_file.atomic_write", _broken)
        saving.edit(1.0)
        clock.now += DELAY
        assert saving.failed.wait(WAIT_S)
        assert saving.saves == [] and saving.file.dirty
    # the disk has room again; nobody edits
    clock.now += MAX_DELAY
    assert saving.saved.wait(WAIT_S), "the saver gave up on edits a failed write left"
    assert not saving.file.dirty


def test_restart_after_a_failed_stop_saves_in_the_background_again(
    saving: Saving, clock: Clock, monkeypatch: pytest.MonkeyPatch
) -> None:
    with monkeypatch.context() as disk:
        disk.setattr("trustboard.store.workshop_file.atomic_write", _broken)
        saving.edit(1.0)
        with pytest.raises(OSError, match="No space left"):
            saving.saver.stop()  # closing the window: the last write fails, the edit stays
        assert saving.file.dirty
    saving.saver.restart()  # the window stays open and keeps saving
    saving.edit(2.0)
    clock.now += DELAY
    assert saving.saved.wait(WAIT_S), "no background save after restart()"
    assert not saving.file.dirty
