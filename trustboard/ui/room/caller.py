"""Run a function where the workshop lives (the GUI thread) and hand back its result."""

from __future__ import annotations

import threading
import time
from collections import deque
from collections.abc import Callable
from concurrent.futures import Future
from typing import Any, TypeVar

from PySide6.QtCore import QObject, Qt, Signal

T = TypeVar("T")


class GuiCaller(QObject):
    """The room server's way into the document: `caller(fn)` queues `fn` for the GUI
    thread and returns a Future of its result (or of the exception it raised).

    Once `shut()`, every waiting call is cancelled and new ones come back cancelled, so a
    server stopping from the GUI thread never waits for the GUI thread.
    """

    _queued = Signal()
    SLICE_S = 0.008  # then the event loop runs (timers, paints, the facilitator's keys)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._lock = threading.Lock()
        self._waiting: set[Future[Any]] = set()
        self._calls: deque[tuple[Callable[[], Any], Future[Any]]] = deque()
        self._posted = False
        self._shut = False
        self.clock: Callable[[], float] = time.perf_counter
        self._queued.connect(self._drain, Qt.ConnectionType.QueuedConnection)

    def __call__(self, fn: Callable[[], T]) -> Future[T]:
        future: Future[T] = Future()
        with self._lock:
            if self._shut:
                future.cancel()
                return future
            self._waiting.add(future)
            self._calls.append((fn, future))
            post, self._posted = not self._posted, True
        if post:
            self._queued.emit()
        return future

    def _drain(self) -> None:
        """Run what the server queued, for at most SLICE_S, then let the event loop run:
        a hundred phones at once must not freeze the board for the whole batch."""
        end = self.clock() + self.SLICE_S
        while True:
            with self._lock:
                if not self._calls:
                    self._posted = False
                    return
                item = self._calls.popleft()
            self._run(item)
            if self.clock() > end:
                break
        self._queued.emit()  # the rest after the event loop's turn

    def _run(self, item: tuple[Callable[[], Any], Future[Any]]) -> None:
        fn, future = item
        with self._lock:
            self._waiting.discard(future)
        if not future.set_running_or_notify_cancel():
            return  # cancelled meanwhile: the room closed
        try:
            result = fn()
        except BaseException as exc:
            future.set_exception(exc)
        else:
            future.set_result(result)

    def shut(self) -> None:
        """Cancel what waits and refuse what comes: the room is closing."""
        with self._lock:
            self._shut = True
            waiting, self._waiting = self._waiting, set()
            self._calls.clear()
        for future in waiting:
            future.cancel()

    def reopen(self) -> None:
        with self._lock:
            self._shut = False
