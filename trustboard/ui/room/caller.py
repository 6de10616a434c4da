"""Run a function where the workshop lives (the GUI thread) and hand back its result."""

from __future__ import annotations

import threading
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

    _queued = Signal(object)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._lock = threading.Lock()
        self._waiting: set[Future[Any]] = set()
        self._shut = False
        self._queued.connect(self._run, Qt.ConnectionType.QueuedConnection)

    def __call__(self, fn: Callable[[], T]) -> Future[T]:
        future: Future[T] = Future()
        with self._lock:
            if self._shut:
                future.cancel()
                return future
            self._waiting.add(future)
        self._queued.emit((fn, future))
        return future

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
        for future in waiting:
            future.cancel()

    def reopen(self) -> None:
        with self._lock:
            self._shut = False
