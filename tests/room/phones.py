"""A simulated participant: one phone's WebSocket, speaking the room's protocol.

Used by the room tests and by bench/room.py. Everything is asyncio; a test drives phones
with `run(...)` (a fresh event loop per call) or inside one coroutine of its own.

    async with Phone(url) as phone:
        await phone.hello()
        reply = await phone.add_card("Our SLA page is out of date")
        state = await phone.state()
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import json
import secrets
from collections.abc import Awaitable, Callable, Coroutine
from typing import Any, TypeVar
from urllib.parse import urlsplit

import aiohttp

from trustboard.document.commands import Command, History
from trustboard.document.document import WorkshopDocument
from trustboard.document.storage import WorkshopStore
from trustboard.domain.framework import Cell
from trustboard.domain.workshop import Workshop
from trustboard.room.calls import LockedCaller
from trustboard.room.logic import RoomLogic
from trustboard.room.model import PhaseSettings

T = TypeVar("T")
WAIT = 20.0  # seconds before a test gives up on an answer that never comes (a hang, not a timing)


def run(coro: Coroutine[Any, Any, T]) -> T:
    """Run one coroutine to its end on a fresh event loop (the tests' way in)."""
    return asyncio.run(coro)


def new_secret() -> str:
    """What the page keeps in localStorage: 32 URL-safe characters."""
    return secrets.token_urlsafe(24)


CURRENT = object()  # add_card's default cell: the one the phone shows


class ClosedError(Exception):
    """The server closed the socket before the answer came."""


class Phone:
    """One participant's phone on the room's WebSocket.

    `url` is the join URL ("http://ADDR:PORT/TOKEN"). `origin` and `host` override the
    headers a browser would send (to test the server's checks); `secret` stays the same across
    reconnects, as the page keeps it.
    """

    def __init__(
        self,
        url: str,
        *,
        secret: str | None = None,
        origin: str | None = None,
        host: str | None = None,
        session: aiohttp.ClientSession | None = None,
    ) -> None:
        parts = urlsplit(url)
        self.url = url.rstrip("/")
        self.ws_url = f"ws://{parts.netloc}{parts.path.rstrip('/')}/ws"
        self.origin = f"http://{parts.netloc}" if origin is None else origin
        self.host = host
        self.secret = secret or new_secret()
        self._session = session
        self._own_session = session is None
        self._ws: aiohttp.ClientWebSocketResponse | None = None
        self._reader: asyncio.Task[None] | None = None
        self._refs = itertools.count(1)
        self._waiting: dict[str, asyncio.Future[dict[str, Any]]] = {}
        self._changed = asyncio.Event()
        self.messages: list[dict[str, Any]] = []  # everything received, in order
        # The phone's state: every "state" message is a patch of top-level keys, merged onto
        # the last (as the page does); the first one after a welcome carries every key.
        self.latest: dict[str, Any] | None = None
        self.patches: list[dict[str, Any]] = []  # the "state" messages as they came
        self.states = 0  # how many "state" messages came
        self.received = 0  # bytes of text received
        self.welcome: dict[str, Any] | None = None
        self.bye: dict[str, Any] | None = None
        self.device = ""
        self.close_code: int | None = None
        self.closed = False

    # -- connection ------------------------------------------------------------------

    async def __aenter__(self) -> Phone:
        await self.connect()
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.close()

    async def connect(self) -> None:
        """Open the WebSocket (raises aiohttp.WSServerHandshakeError when refused)."""
        if self._ws is not None:  # a new socket for the same phone: the old one goes first
            await self.drop()
        if self._session is None:
            self._session = aiohttp.ClientSession()
        headers = {"Origin": self.origin} if self.origin else {}
        if self.host is not None:
            headers["Host"] = self.host
        self.closed = False
        self.bye = None
        self._ws = await self._session.ws_connect(
            self.ws_url, headers=headers, autoping=True, max_msg_size=0
        )
        self._reader = asyncio.ensure_future(self._read(self._ws))

    async def drop(self) -> None:
        """Lose the connection (Wi-Fi drop, screen lock); reconnect() comes back."""
        if self._ws is not None:
            await self._ws.close()
        if self._reader is not None:
            with contextlib.suppress(asyncio.CancelledError):
                await self._reader
        self._ws = None
        self._reader = None

    async def reconnect(self, *, pin: str = "", name: str = "") -> dict[str, Any]:
        await self.drop()
        await self.connect()
        return await self.hello(pin=pin, name=name)

    async def close(self) -> None:
        await self.drop()
        if self._own_session and self._session is not None:
            await self._session.close()
            self._session = None

    async def _read(self, ws: aiohttp.ClientWebSocketResponse) -> None:
        try:
            async for msg in ws:
                if msg.type != aiohttp.WSMsgType.TEXT:
                    break
                self.received += len(msg.data.encode("utf-8"))
                self._dispatch(json.loads(msg.data))
        finally:
            self.closed = True
            self.close_code = ws.close_code
            for future in self._waiting.values():
                if not future.done():
                    future.set_exception(ClosedError(f"closed with {ws.close_code}"))
            self._waiting.clear()
            self._changed.set()

    def _dispatch(self, message: dict[str, Any]) -> None:
        self.messages.append(message)
        kind = message.get("type")
        if kind == "state":
            self.latest = {**(self.latest or {}), **message}
            self.patches.append(message)
            self.states += 1
        elif kind == "welcome":
            self.welcome = message
            self.device = str(message.get("device", ""))
        elif kind == "bye":
            self.bye = message
        ref = message.get("ref")
        key = str(ref) if ref is not None else f"#{kind}"
        future = self._waiting.pop(key, None)
        if future is not None and not future.done():
            future.set_result(message)
        self._changed.set()

    # -- talking ---------------------------------------------------------------------

    async def send_raw(self, data: str | bytes) -> None:
        assert self._ws is not None, "connect() first"
        if isinstance(data, bytes):
            await self._ws.send_bytes(data)
        else:
            await self._ws.send_str(data)

    async def send(self, message: dict[str, Any]) -> dict[str, Any]:
        """Send one message and wait for its reply ("ok" or "error" with the same ref)."""
        message = dict(message)
        if message.get("type") == "ping":
            key = "#pong"
        else:
            message.setdefault("ref", f"r{next(self._refs)}")
            key = str(message["ref"])
        loop = asyncio.get_running_loop()
        future: asyncio.Future[dict[str, Any]] = loop.create_future()
        self._waiting[key] = future
        await self.send_raw(json.dumps(message))
        return await asyncio.wait_for(future, WAIT)

    async def hello(self, *, pin: str = "", name: str = "") -> dict[str, Any]:
        """Say who this phone is; returns the "welcome" (then waits for the first state),
        or the "error"/"bye" that refused it."""
        message: dict[str, Any] = {"type": "hello", "device": self.secret}
        if pin:
            message["pin"] = pin
        if name:
            message["name"] = name
        states = self.states
        loop = asyncio.get_running_loop()
        welcome: asyncio.Future[dict[str, Any]] = loop.create_future()
        error: asyncio.Future[dict[str, Any]] = loop.create_future()
        bye: asyncio.Future[dict[str, Any]] = loop.create_future()
        self._waiting["#welcome"] = welcome
        self._waiting["#error"] = error
        self._waiting["#bye"] = bye
        await self.send_raw(json.dumps(message))
        done, _ = await asyncio.wait(
            [welcome, error, bye], timeout=WAIT, return_when=asyncio.FIRST_COMPLETED
        )
        for key in ("#welcome", "#error", "#bye"):
            self._waiting.pop(key, None)
        if not done:
            raise TimeoutError("no answer to hello")
        # All three may be settled by now (an error, a bye, then the close fails the welcome):
        # the answer is the first one that came.
        answers = [f for f in (welcome, error, bye) if f.done() and f.exception() is None]
        answer = answers[0].result() if answers else next(iter(done)).result()
        if answer.get("type") == "welcome":
            await self.wait_for(lambda: self.states > states)
        return answer

    async def wait_for(self, condition: Callable[[], bool], timeout: float = WAIT) -> None:
        """Wait until `condition()` holds (checked after every message), or fail the test."""

        async def until() -> None:
            while not condition():
                if self.closed and not condition():
                    raise ClosedError(f"closed with {self.close_code} while waiting")
                self._changed.clear()
                await self._changed.wait()

        await asyncio.wait_for(until(), timeout)

    async def state(
        self, condition: Callable[[dict[str, Any]], bool] | None = None
    ) -> dict[str, Any]:
        """The latest state; with `condition`, the first state (now or later) that meets it."""
        if condition is None:
            await self.wait_for(lambda: self.latest is not None)
        else:
            await self.wait_for(lambda: self.latest is not None and condition(self.latest))
        assert self.latest is not None
        return self.latest

    async def next_state(self) -> dict[str, Any]:
        """The state once the next "state" message (a patch) from now on is merged."""
        count = self.states
        await self.wait_for(lambda: self.states > count)
        assert self.latest is not None
        return self.latest

    async def wait_bye(self) -> dict[str, Any]:
        """The "bye" the server sends before it closes this socket."""
        await self.wait_for(lambda: self.bye is not None or self.closed)
        assert self.bye is not None, f"closed ({self.close_code}) without a bye"
        return self.bye

    async def wait_closed(self) -> int | None:
        await self.wait_for(lambda: self.closed)
        return self.close_code

    # -- what a participant does -----------------------------------------------------

    async def add_card(
        self,
        text: str,
        *,
        kind: str = "evidence",
        cell: list[str] | object | None = CURRENT,
        key: str | None = None,
    ) -> dict[str, Any]:
        """Write a card in `cell` (None: Unsorted; by default the cell the phone shows)."""
        if cell is CURRENT:
            shown = self.latest.get("cell") if self.latest is not None else None
            cell = shown["id"] if shown else None
        return await self.send(
            {
                "type": "card.add",
                "key": key or secrets.token_hex(8),
                "text": text,
                "kind": kind,
                "cell": cell,
            }
        )

    async def edit_card(self, card: str, text: str, kind: str = "evidence") -> dict[str, Any]:
        return await self.send({"type": "card.edit", "card": card, "text": text, "kind": kind})

    async def delete_card(self, card: str) -> dict[str, Any]:
        return await self.send({"type": "card.delete", "card": card})

    async def score(self, cell: list[str], score: int | None) -> dict[str, Any]:
        return await self.send({"type": "score", "cell": cell, "score": score})

    async def vote(self, card: str, dots: int) -> dict[str, Any]:
        return await self.send({"type": "vote", "card": card, "dots": dots})

    async def ping(self) -> dict[str, Any]:
        return await self.send({"type": "ping"})


async def joined(url: str, n: int, **kwargs: Any) -> list[Phone]:
    """`n` phones connected and welcomed, sharing one HTTP session."""
    phones = [Phone(url, **kwargs) for _ in range(n)]
    for phone in phones:
        await phone.connect()
    await gather(phone.hello() for phone in phones)
    return phones


async def gather(awaitables: Any) -> list[Any]:
    """asyncio.gather over an iterable of awaitables."""
    items: list[Awaitable[Any]] = list(awaitables)
    return list(await asyncio.gather(*items))


class Room:
    """A workshop with its room open on 127.0.0.1, port 0, and no Qt: the document, its undo
    history, the rules and the server. `do(fn)` runs a facilitator action under the same lock
    the server's calls take, as the GUI thread would.

        with Room(workshop) as room:
            run(main(room.url))
    """

    def __init__(
        self,
        workshop: Workshop,
        settings: PhaseSettings | None = None,
        *,
        cell: Cell | None = None,
        store: WorkshopStore | None = None,
        address: str = "127.0.0.1",
    ) -> None:
        from trustboard.room.server import RoomServer

        self.doc = WorkshopDocument(workshop, store)
        self.history = History()
        self.pushed: list[Command] = []
        self.caller = LockedCaller()
        self.cell: Cell | None = cell or next(workshop.framework.cells())
        self.logic = RoomLogic(self.doc, self._push, lambda: self.cell, settings or PhaseSettings())
        self.server = RoomServer(self.logic, self.caller, address, 0)

    def _push(self, command: Command) -> None:
        self.pushed.append(command)
        self.history.push(command)

    def __enter__(self) -> Room:
        self.server.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.stop()
        self.logic.close()

    @property
    def url(self) -> str:
        return self.server.url

    def do(self, fn: Callable[[], T]) -> T:
        with self.caller.lock:
            return fn()

    def move_to(self, cell: Cell | None) -> None:
        """The facilitator walks to another cell (the window tells the server so)."""
        self.cell = cell
        self.server.notify()
