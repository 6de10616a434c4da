"""Write edits to disk shortly after they happen, off the caller's thread."""

from __future__ import annotations

import gc
import threading
import time
from collections.abc import Callable

from trustboard.store.workshop_file import WorkshopFile

_freeze_guard = threading.Lock()
_savers_running = 0


def _freeze_what_is_loaded() -> None:
    """Leave everything alive now (the loaded workshop, its records) out of every later
    garbage collection. A full collection walks every tracked object while holding the
    interpreter; at 10,000 cards that paused the UI thread for up to 100 ms whenever the
    saver's allocations set one off. Objects freed later are still freed at once."""
    global _savers_running
    with _freeze_guard:
        if _savers_running == 0:
            gc.collect()  # only what is alive: garbage frozen now would never be collected
            gc.freeze()
        _savers_running += 1


def _unfreeze_when_last() -> None:
    """The last saver stopped: what was loaded may be collected again (a closed workshop)."""
    global _savers_running
    with _freeze_guard:
        _savers_running -= 1
        if _savers_running == 0:
            gc.unfreeze()


class Autosaver:
    """Flushes `file` `delay` s after the last edit, and has it on disk no later than
    `max_delay` s after the first unsaved one, so steady typing (or a room of phones) cannot
    postpone saving forever: a write starts early by as long as the recent writes took.

    `on_error` is called (on the saver's thread) when a write fails; the edits stay
    pending and the next edit tries again (and `stop()` writes them).
    """

    def __init__(
        self,
        file: WorkshopFile,
        *,
        delay: float = 0.3,
        max_delay: float = 1.0,
        on_error: Callable[[BaseException], None] | None = None,
        on_saved: Callable[[], None] | None = None,
    ) -> None:
        self.file = file
        self.delay = delay
        self.max_delay = max_delay
        self.on_error = on_error
        self.on_saved = on_saved
        self._cond = threading.Condition()
        self._first_edit: float | None = None
        self._last_edit = 0.0
        self._writes: list[float] = []  # how long the last few writes took, in seconds
        self._stopping = False
        self._thread = threading.Thread(target=self._run, name="trustboard-autosave", daemon=True)
        file.on_dirty = self.notify
        _freeze_what_is_loaded()
        self._holds_freeze = True
        self._thread.start()

    def notify(self) -> None:
        """Called after every record change."""
        now = time.monotonic()
        with self._cond:
            if self._first_edit is None:
                self._first_edit = now
            self._last_edit = now
            self._cond.notify()

    def stop(self) -> None:
        """Stop the thread and write whatever is pending (raises if that write fails)."""
        with self._cond:
            self._stopping = True
            self._cond.notify()
        self._thread.join()
        if self._holds_freeze:
            self._holds_freeze = False
            _unfreeze_when_last()
        self.file.on_dirty = None
        self.file.flush()

    def restart(self) -> None:
        """Keep saving in the background again after a failed `stop()`."""
        if self._thread.is_alive():
            return
        self._stopping = False
        self.file.on_dirty = self.notify
        self._thread = threading.Thread(target=self._run, name="trustboard-autosave", daemon=True)
        _freeze_what_is_loaded()
        self._holds_freeze = True
        self._thread.start()
        if self.file.dirty:
            self.notify()

    def _due(self) -> float | None:
        if self._first_edit is None:
            return None
        # Start soon enough for the write to end by the deadline (before any write was timed,
        # a quarter of it); never sooner than half of it.
        lead = min(max(self._writes, default=self.max_delay / 4), self.max_delay / 2)
        return min(self._last_edit + self.delay, self._first_edit + self.max_delay - lead)

    def _took(self, seconds: float) -> None:
        self._writes = [*self._writes[-2:], seconds]

    def _run(self) -> None:
        while True:
            with self._cond:
                while not self._stopping:
                    due = self._due()
                    if due is not None and time.monotonic() >= due:
                        break
                    self._cond.wait(None if due is None else max(0.0, due - time.monotonic()))
                if self._stopping:
                    return
                self._first_edit = None
            began = time.monotonic()
            try:
                wrote = self.file.flush()
            except BaseException as exc:  # report, keep the edits pending, keep running
                with self._cond:
                    if self._first_edit is None:
                        self._first_edit = time.monotonic()
                        self._last_edit = self._first_edit
                if self.on_error is not None:
                    self.on_error(exc)
                with self._cond:
                    self._cond.wait(self.max_delay)
                continue
            if wrote:
                with self._cond:
                    self._took(time.monotonic() - began)
            if wrote and self.on_saved is not None:
                self.on_saved()
