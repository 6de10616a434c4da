"""How the server reaches the document: a Caller runs a function where the document lives.

In the app that is the GUI thread (the Qt side hands the function over by a queued signal);
without Qt (scripts, tests, benchmarks) `LockedCaller` runs it at once under one lock, so the
document is only ever touched by one thread at a time.
"""

from __future__ import annotations

import concurrent.futures
import threading
from collections.abc import Callable
from typing import Any, TypeVar

T = TypeVar("T")

Caller = Callable[[Callable[[], Any]], "concurrent.futures.Future[Any]"]


class LockedCaller:
    """Runs each function at once, in the calling thread, one at a time."""

    def __init__(self) -> None:
        self.lock = threading.RLock()

    def __call__(self, fn: Callable[[], T]) -> concurrent.futures.Future[T]:
        future: concurrent.futures.Future[T] = concurrent.futures.Future()
        with self.lock:
            try:
                future.set_result(fn())
            except BaseException as exc:  # handed to whoever waits on the future
                future.set_exception(exc)
        return future
