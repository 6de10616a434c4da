"""Work off the GUI thread: reading, detecting and planning an import, with progress and a
Cancel that stops it at the next progress report."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Signal

STEP = 0.01  # progress is passed on to the GUI in steps of 1 %, not for every row


class Job(QObject):
    """One piece of work on a thread of its own. `run(progress)` must call `progress(f)`
    now and then; once cancelled, progress returns False and the engine stops.

    The job has no Qt parent: the thread keeps it alive until it has reported, so a dialog
    closed mid-read never receives from (or frees) a job still running."""

    progressed = Signal(float)
    done = Signal(object)  # what run returned
    failed = Signal(object)  # the exception run raised

    def __init__(self, run: Callable[[Callable[[float], bool]], Any], name: str) -> None:
        super().__init__()
        self._run = run
        self._cancel = threading.Event()
        self._last = -1.0
        self.thread = threading.Thread(target=self._work, name=f"trustboard-{name}", daemon=True)

    def start(self) -> None:
        self.thread.start()

    def cancel(self) -> None:
        self._cancel.set()

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def _progress(self, fraction: float) -> bool:
        if fraction - self._last >= STEP or fraction >= 1.0:
            self._last = fraction
            self.progressed.emit(fraction)
        return not self._cancel.is_set()

    def _work(self) -> None:
        try:
            result = self._run(self._progress)
        except Exception as exc:
            self.failed.emit(exc)
        else:
            self.done.emit(result)
