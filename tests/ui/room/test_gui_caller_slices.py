"""A hundred phones at once: GuiCaller runs their calls in short slices, so the board's
timers, paints and the facilitator's keys get their turn between them."""

from __future__ import annotations

import threading
from concurrent.futures import Future

from PySide6.QtCore import QTimer
from pytestqt.qtbot import QtBot

from trustboard.ui.room.caller import GuiCaller


def test_a_flood_of_calls_lets_the_event_loop_run_between_slices(qtbot: QtBot) -> None:
    caller = GuiCaller()
    now = [0.0]
    caller.clock = lambda: now[0]  # each call below takes 5 ms on this clock
    order: list[object] = []

    def call(i: int) -> object:
        def fn() -> None:
            now[0] += 0.005
            order.append(i)

        return fn

    futures: list[Future[object]] = []
    sender = threading.Thread(target=lambda: futures.extend(caller(call(i)) for i in range(20)))
    sender.start()
    sender.join()
    QTimer.singleShot(0, lambda: order.append("event loop"))  # queued after all 20 calls
    qtbot.waitUntil(lambda: all(f.done() for f in futures))
    qtbot.waitUntil(lambda: "event loop" in order)
    assert [x for x in order if x != "event loop"] == list(range(20))  # in order, each once
    assert order.index("event loop") <= 2, f"the event loop waited for the whole flood: {order}"
