"""GuiCaller: the room server's calls run on the GUI thread, where the workshop lives."""

from __future__ import annotations

import threading
from concurrent.futures import CancelledError, Future

import pytest
from pytestqt.qtbot import QtBot

from trustboard.ui.room.caller import GuiCaller


def from_another_thread(caller: GuiCaller, fn: object) -> Future[object]:
    box: list[Future[object]] = []
    t = threading.Thread(target=lambda: box.append(caller(fn)))  # type: ignore[arg-type]
    t.start()
    t.join()
    return box[0]


def test_a_call_from_the_server_thread_runs_on_the_gui_thread(qtbot: QtBot) -> None:
    caller = GuiCaller()
    gui = threading.get_ident()
    future = from_another_thread(caller, threading.get_ident)
    qtbot.waitUntil(future.done)
    assert future.result() == gui


def test_an_error_reaches_the_waiting_side_and_the_gui_keeps_going(qtbot: QtBot) -> None:
    caller = GuiCaller()
    future = from_another_thread(caller, lambda: 1 / 0)
    qtbot.waitUntil(future.done)
    with pytest.raises(ZeroDivisionError):
        future.result()


def test_closing_cancels_what_waits_so_stopping_never_waits_for_the_gui(qtbot: QtBot) -> None:
    caller = GuiCaller()
    ran: list[int] = []
    waiting = from_another_thread(caller, lambda: ran.append(1))
    caller.shut()
    assert waiting.cancelled()
    late = from_another_thread(caller, lambda: ran.append(2))
    assert late.cancelled()
    qtbot.wait(0)  # the queued calls are delivered: neither runs
    from PySide6.QtCore import QCoreApplication

    QCoreApplication.processEvents()
    assert ran == []
    with pytest.raises(CancelledError):
        late.result()
