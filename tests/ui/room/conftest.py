"""A window with its room, and phones (tests/room/phones.py) on a loop of their own, so the
GUI thread stays free to carry out what the phones send."""

from __future__ import annotations

import asyncio
import contextlib
import threading
from collections.abc import Callable, Coroutine, Iterator
from typing import Any, TypeVar

import pytest
from pytestqt.qtbot import QtBot

from tests.room.phones import Phone
from trustboard.ui.main_window import MainWindow
from trustboard.ui.room.controller import RoomController
from trustboard.ui.room.hooks import room_of

T = TypeVar("T")
WAIT_MS = 20_000  # a hang, not a timing: every wait ends as soon as the answer is there


class Phones:
    """Simulated phones driven from the test; each call waits while Qt keeps running."""

    def __init__(self, qtbot: QtBot) -> None:
        self.qtbot = qtbot
        self.loop = asyncio.new_event_loop()
        self.thread = threading.Thread(target=self.loop.run_forever, daemon=True)
        self.thread.start()
        self.made: list[Phone] = []

    def run(self, coro: Coroutine[Any, Any, T]) -> T:
        future = asyncio.run_coroutine_threadsafe(coro, self.loop)
        self.qtbot.waitUntil(future.done, timeout=WAIT_MS)
        return future.result()

    def join(self, url: str, **hello: str) -> Phone:
        """A phone that opened the page and said hello (the answer is in `.welcome`/`.messages`)."""

        async def go() -> Phone:
            phone = Phone(url)
            self.made.append(phone)
            await phone.connect()
            answer = await phone.hello(**hello)
            if answer.get("type") == "welcome":
                phone.welcome = answer
            return phone

        return self.run(go())

    def close(self) -> None:
        for phone in self.made:
            self.run(phone.close())
        self.loop.call_soon_threadsafe(self.loop.stop)
        self.thread.join(10)
        self.loop.close()


@pytest.fixture
def phones(qtbot: QtBot) -> Iterator[Phones]:
    p = Phones(qtbot)
    yield p
    p.close()


@pytest.fixture
def window(qtbot: QtBot, demo_window: MainWindow) -> MainWindow:
    """The demo window at a laptop's size, on screen."""
    demo_window.resize(1400, 900)
    qtbot.waitExposed(demo_window)
    return demo_window


@pytest.fixture
def room(window: MainWindow) -> RoomController:
    """The demo workshop's room, open on this computer's own address."""
    room = room_of(window)
    room.open("127.0.0.1", 0)
    return room


def listening(url: str) -> bool:
    """Whether a socket listens on the URL's port: read from the kernel's table, so the
    check itself opens no connection (Linux, as the tests run)."""
    port = int(url.removeprefix("http://").split("/", 1)[0].rsplit(":", 1)[1])
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        with contextlib.suppress(OSError), open(table, encoding="ascii") as rows:
            for row in list(rows)[1:]:
                fields = row.split()
                if fields[3] == "0A" and int(fields[1].rsplit(":", 1)[1], 16) == port:
                    return True
    return False


@pytest.fixture
def is_listening() -> Callable[[str], bool]:
    return listening
