"""The room's small web server: the participant page and its WebSocket, nothing else.

aiohttp runs on one worker thread with its own asyncio loop, bound to the one address the
facilitator chose. The server never touches the workshop: every join, edit and snapshot goes
through `call`, which runs it where the document lives. This is the only module that imports
aiohttp, and it is imported only when the room opens.
"""

from __future__ import annotations

import asyncio
import collections
import concurrent.futures
import contextlib
import errno
import hmac
import ipaddress
import json
import logging
import threading
import time
from collections.abc import Callable
from typing import Any

from aiohttp import WSCloseCode, WSMsgType, web

from trustboard.assets import resource
from trustboard.i18n import N_, _, using
from trustboard.room import page_texts, protocol
from trustboard.room.calls import Caller
from trustboard.room.logic import PERSONAL, RoomLogic
from trustboard.room.model import (
    CARDS_PER_MINUTE,
    DEVICES,
    MESSAGE_BYTES,
    MESSAGES_BURST,
    MESSAGES_PER_SECOND,
    RoomError,
)

log = logging.getLogger(__name__)

HEARTBEAT = 20.0  # seconds between pings; a phone gone silent is dropped after a missed pong
HELLO_SECONDS = 30.0  # a socket that never says hello is closed after this
BROADCAST_GAP = 0.2  # phones hear of changes at most five times a second
SOCKETS = DEVICES + 100  # open sockets at once (a phone may reconnect before its old one drops)
PIN_TRIES = 5  # wrong PINs one socket may send before it is closed
REFUSALS = 200  # too-fast answers one socket gets before it is closed
CALLS_IN_FLIGHT = 8  # calls waiting on the document's thread at once (see _on_logic)
START_SECONDS = 10.0
STOP_SECONDS = 10.0

# What a phone reads: marked here, said in the phone's language (RoomServer._say).
NOT_HERE = N_("No room here. Scan the code on the screen again.")
EXPIRED = N_("This link has expired. Scan the code on the screen again.")
WRONG_ORIGIN = N_("This room only answers its own page. Scan the code on the screen again.")
ROOM_BUSY = N_("The room is full right now. Try again in a moment.")
TOO_FAST = N_("Slow down a little: that was not saved. Send it again in a moment.")
TOO_MANY_CARDS = N_(
    "That is more than {n} cards in a minute, so this one was not saved. Send it again in a moment."
)
CLOSED = N_("The facilitator has closed the room. Thank you for taking part.")
BROKEN = N_("Something went wrong on the facilitator's laptop, so that was not saved. Try again.")

ASSETS = {
    "": ("room/index.html", "text/html"),
    "room.js": ("room/room.js", "text/javascript"),
    "room.css": ("room/room.css", "text/css"),
}
MISSING_PAGE = (
    "<!doctype html><meta charset=utf-8><title>TrustBoard</title>"
    "<p>The participant page is missing from this installation of TrustBoard.</p>"
)


class RoomStartError(Exception):
    """The room could not open; `message` says why in a sentence. Nothing is left listening."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def host_for_url(address: str) -> str:
    """The address as it appears in a URL and a Host header ([...] around IPv6)."""
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return address
    return f"[{ip.compressed}]" if ip.version == 6 else ip.compressed


def is_wildcard(address: str) -> bool:
    try:
        return ipaddress.ip_address(address).is_unspecified
    except ValueError:
        return False


def read_assets() -> dict[str, tuple[str, str]]:
    """The page and its assets as text, read once when the room opens: the server never
    opens a path while phones ask for things."""
    out: dict[str, tuple[str, str]] = {}
    for name, (relative, mime) in ASSETS.items():
        try:
            text = resource(relative).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            text = MISSING_PAGE if name == "" else ""
        out[name] = (text, mime)
    return out


def for_token(assets: dict[str, tuple[str, str]], token: str) -> dict[str, tuple[bytes, str]]:
    """The assets as served under /TOKEN. The page is served at /TOKEN (no trailing slash),
    where a relative "room.js" would mean /room.js, so its references to room.js and
    room.css are made absolute; the token is lowercase base32, safe in HTML."""
    out: dict[str, tuple[bytes, str]] = {}
    for name, (text, mime) in assets.items():
        if name == "":
            for asset in ("room.js", "room.css"):
                for quote in ('"', "'"):
                    for prefix in ("", "./"):
                        text = text.replace(
                            f"{quote}{prefix}{asset}{quote}", f"{quote}/{token}/{asset}{quote}"
                        )
        out[name] = (text.encode("utf-8"), mime)
    return out


def same(given: str, token: str) -> bool:
    """`given` is `token`, compared in constant time (a token is not guessed by timing)."""
    return hmac.compare_digest(given.encode("utf-8", "surrogateescape"), token.encode("ascii"))


def _start_problem(exc: OSError, address: str, port: int) -> str:
    if exc.errno == errno.EADDRINUSE:
        return _(
            "Port {port} on {address} is already used by another program. "
            "Choose another port, or leave it empty to pick a free one."
        ).format(port=port, address=address)
    if exc.errno in (errno.EADDRNOTAVAIL, errno.EAFNOSUPPORT, errno.ENETUNREACH):
        return _(
            "The address {address} does not belong to this computer any more (the network "
            "may have changed). Choose the network again."
        ).format(address=address)
    if exc.errno == errno.EACCES:
        return _(
            "This computer does not allow TrustBoard to listen on port {port}. Choose another."
        ).format(port=port)
    return _("The room could not open on {address}: {problem}.").format(
        address=address, problem=exc.strerror or exc
    )


class _Bucket:
    """A phone's allowance: MESSAGES_PER_SECOND on average, MESSAGES_BURST at once, and
    CARDS_PER_MINUTE cards. Kept per device, so reconnecting does not refill it."""

    def __init__(self) -> None:
        self.tokens = float(MESSAGES_BURST)
        self.at = time.monotonic()
        self.cards: collections.deque[float] = collections.deque()

    def take(self) -> bool:
        now = time.monotonic()
        self.tokens = min(MESSAGES_BURST, self.tokens + (now - self.at) * MESSAGES_PER_SECOND)
        self.at = now
        if self.tokens < 1:
            return False
        self.tokens -= 1
        return True

    def card(self) -> bool:
        now = time.monotonic()
        while self.cards and now - self.cards[0] >= 60.0:
            self.cards.popleft()
        if len(self.cards) >= CARDS_PER_MINUTE:
            return False
        self.cards.append(now)
        return True


class _Conn:
    """One open WebSocket."""

    __slots__ = ("device", "language", "refused", "sent", "token", "tries", "ws")

    def __init__(self, ws: web.WebSocketResponse, token: str, language: str = "en") -> None:
        self.ws = ws
        self.language = language  # what the phone is told is in this language
        self.token = token  # the session it opened in: a new session makes it expire
        self.device = ""
        # The phone's copy of its state, as the JSON text of each top-level key it was sent:
        # a "state" carries only the keys whose text differs (the phone merges them on).
        self.sent: dict[str, str] = {}
        self.tries = 0
        self.refused = 0


class RoomServer:
    """The page and the WebSocket of one room, on `address`:`port` (0 picks a free port)."""

    def __init__(self, logic: RoomLogic, call: Caller, address: str, port: int = 0) -> None:
        self.logic = logic
        self.call = call
        self.address = address
        self.port = port
        self.on_count: Callable[[int], None] | None = None
        # The page speaks the phone's language when we have it, else the workshop's.
        self.language = str(getattr(logic.doc.framework, "language", "") or "en")
        self._count = 0
        self._thread: threading.Thread | None = None
        self._loop: asyncio.AbstractEventLoop | None = None
        self._runner: web.AppRunner | None = None
        self._conns: set[_Conn] = set()
        self._buckets: dict[str, _Bucket] = {}
        self._sources: dict[str, tuple[str, str]] = {}
        self._assets: dict[str, tuple[bytes, str]] = {}
        self._assets_token = ""
        self._scheduled = False  # a broadcast is on its way (set by notify, cleared by it)
        self._last_broadcast = 0.0
        self._texts: dict[str, str] = {}  # the last JSON text of each shared key
        self._broadcasting: asyncio.Lock | None = None
        self._tasks: set[asyncio.Task[Any]] = set()
        self._waiters: set[asyncio.Future[Any]] = set()
        self._calls = asyncio.Semaphore(CALLS_IN_FLIGHT)  # made again in the server's loop
        self._stopping = False

    # -- from any thread -------------------------------------------------------------

    @property
    def url(self) -> str:
        return f"http://{host_for_url(self.address)}:{self.port}/{self.logic.token}"

    @property
    def connected(self) -> int:
        """Phones connected now (each phone once, however many tabs it has open)."""
        return self._count

    @property
    def running(self) -> bool:
        return self._loop is not None

    def start(self) -> None:
        """Listen on the address; returns once listening. RoomStartError when it cannot."""
        if self._thread is not None:
            return
        self._stopping = False  # a stopped server may open again
        self._scheduled = False
        self._conns.clear()
        started = threading.Event()
        given_up = threading.Event()  # start() stopped waiting: the thread must not listen
        handover = threading.Lock()
        problem: list[BaseException] = []
        loop = asyncio.new_event_loop()

        def serve() -> None:
            asyncio.set_event_loop(loop)
            try:
                loop.run_until_complete(self._open())
            except BaseException as exc:
                problem.append(exc)
            with handover:
                if given_up.is_set() and not problem:
                    problem.append(TimeoutError())
                started.set()
            if problem:
                with contextlib.suppress(Exception):
                    loop.run_until_complete(self._close_runner())
                loop.close()
                return
            try:
                loop.run_forever()
            finally:
                # Normally _shutdown closed it; if that failed, nothing may stay listening.
                with contextlib.suppress(Exception):
                    loop.run_until_complete(asyncio.wait_for(self._close_runner(), 2.0))
                loop.run_until_complete(loop.shutdown_asyncgens())
                loop.close()

        self._sources = read_assets()
        self._assets = for_token(self._sources, self.logic.token)
        self._assets_token = self.logic.token
        thread = threading.Thread(target=serve, name="trustboard-room", daemon=True)
        thread.start()
        if not started.wait(START_SECONDS):
            with handover:
                if not started.is_set():
                    given_up.set()
                    problem.append(TimeoutError())
        if problem:
            thread.join(STOP_SECONDS)
            exc = problem[0]
            if isinstance(exc, TimeoutError):  # before OSError, of which it is one
                raise RoomStartError(_("The room did not open in time. Try again.")) from None
            if isinstance(exc, OSError):
                raise RoomStartError(_start_problem(exc, self.address, self.port)) from None
            raise RoomStartError(
                _("The room could not open: {problem}.").format(problem=exc)
            ) from None
        self._thread = thread
        self._loop = loop
        self.logic.on_change(self.notify)

    def stop(self) -> None:
        """Tell every phone the room closed, close every socket, stop listening; returns when
        nothing listens any more."""
        loop, thread = self._loop, self._thread
        if loop is None or thread is None:
            return
        if threading.current_thread() is thread:
            raise RuntimeError("stop() is called from another thread than the server's")
        self.logic.remove_listener(self.notify)
        future = asyncio.run_coroutine_threadsafe(self._shutdown(), loop)
        try:
            future.result(STOP_SECONDS)
        except Exception:  # the loop is stopped below whatever happened
            log.exception("the room did not close cleanly")
        loop.call_soon_threadsafe(loop.stop)
        thread.join(STOP_SECONDS)
        self._loop = None
        self._thread = None
        self._set_count(0)

    def notify(self) -> None:
        """Something changed: every phone gets its new state (coalesced, at most 5 a second)."""
        loop = self._loop
        # Every change to the document calls this: when a broadcast is already on its way
        # (it reads the document after clearing the flag), the server's loop is not woken.
        if loop is None or self._stopping or self._scheduled:
            return
        self._scheduled = True
        with contextlib.suppress(RuntimeError):  # the loop closed meanwhile
            loop.call_soon_threadsafe(self._schedule)

    # -- the server thread -----------------------------------------------------------

    async def _open(self) -> None:
        self._broadcasting = asyncio.Lock()
        self._calls = asyncio.Semaphore(CALLS_IN_FLIGHT)
        app = web.Application(client_max_size=MESSAGE_BYTES, handler_args={"max_field_size": 8190})
        app.router.add_route("*", "/{tail:.*}", self._dispatch)
        app.on_response_prepare.append(self._headers)
        runner = web.AppRunner(app, access_log=None, shutdown_timeout=2.0, handle_signals=False)
        self._runner = runner
        await runner.setup()
        site = web.TCPSite(runner, self.address, self.port)
        await site.start()
        sockets = runner.addresses
        if not sockets:
            raise OSError(errno.EADDRNOTAVAIL, "nothing listening")
        self.port = int(sockets[0][1])

    async def _close_runner(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    async def _shutdown(self) -> None:
        self._stopping = True
        for waiter in list(self._waiters):  # nothing waits for the document any more
            if not waiter.done():
                waiter.set_exception(RoomError("closed", CLOSED))
        await asyncio.gather(
            *(self._bye(conn, RoomError("closed", CLOSED)) for conn in list(self._conns)),
            return_exceptions=True,
        )
        await self._close_runner()
        for task in list(self._tasks):
            task.cancel()

    async def _say_bye(self, conn: _Conn, bye: str) -> None:
        with contextlib.suppress(Exception):
            await asyncio.wait_for(conn.ws.send_str(bye), 2.0)
        with contextlib.suppress(Exception):
            await asyncio.wait_for(conn.ws.close(code=WSCloseCode.GOING_AWAY), 2.0)

    def _expected_host(self) -> str:
        return f"{host_for_url(self.address)}:{self.port}"

    def _host_ok(self, host: str) -> bool:
        host = host.lower()
        if is_wildcard(self.address):  # listening everywhere: the port must still match
            return host.endswith(f":{self.port}") and "/" not in host and "@" not in host
        return host == self._expected_host().lower()

    async def _headers(self, request: web.Request, response: web.StreamResponse) -> None:
        host = request.host if self._host_ok(request.host) else self._expected_host()
        headers = response.headers
        headers["Content-Security-Policy"] = (
            "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            f"connect-src 'self' ws://{host}; base-uri 'none'; form-action 'none'; "
            "frame-ancestors 'none'"
        )
        headers["X-Content-Type-Options"] = "nosniff"
        headers["Referrer-Policy"] = "no-referrer"
        headers["Cache-Control"] = "no-store"
        headers["X-Frame-Options"] = "DENY"

    async def _dispatch(self, request: web.Request) -> web.StreamResponse:
        # The raw path, not decoded or normalised: "/T/%2e%2e/" and "/T/../" match nothing.
        path = request.raw_path.partition("?")[0]
        segments = path.split("/")  # "/T/room.js" -> ["", "T", "room.js"]
        first = segments[1] if len(segments) > 1 and segments[0] == "" else ""
        rest = "/".join(segments[2:]) if len(segments) > 2 else ""  # "/T" and "/T/": ""
        token = self.logic.token
        if same(first, token) and request.method == "GET" and self._host_ok(request.host):
            if rest in ("", "room.js", "room.css"):
                return self._asset(rest, token, self._language_of(request))
            if rest == "ws":
                return await self._socket(request)
        language = self._language_of(request)
        if any(same(first, old) for old in self.logic.old_tokens):
            return web.Response(status=410, text=self._say(language, EXPIRED))
        return web.Response(status=404, text=self._say(language, NOT_HERE))

    def _language_of(self, request: web.Request) -> str:
        return page_texts.choose_language(
            request.headers.get("Accept-Language", "")[:500], self.language
        )

    def _say(self, language: str, template: str, **values: object) -> str:
        with using(language):
            return _(template).format(**values)

    def _asset(self, name: str, token: str, language: str = "en") -> web.Response:
        if self._assets_token != token:  # a new session: the page names the new token
            self._assets = for_token(self._sources, token)
            self._assets_token = token
        body, mime = self._assets[name]
        if name == "":
            body = page_texts.render_page(body.decode("utf-8"), language).encode("utf-8")
        return web.Response(body=body, content_type=mime, charset="utf-8")

    async def _socket(self, request: web.Request) -> web.StreamResponse:
        origin = request.headers.get("Origin", "")
        if origin.lower() != f"http://{request.host}".lower():
            return web.Response(
                status=403, text=self._say(self._language_of(request), WRONG_ORIGIN)
            )
        if len(self._conns) >= SOCKETS or self._stopping:
            return web.Response(status=503, text=self._say(self._language_of(request), ROOM_BUSY))
        ws = web.WebSocketResponse(
            heartbeat=HEARTBEAT, max_msg_size=MESSAGE_BYTES, compress=False, autoping=True
        )
        if not ws.can_prepare(request).ok:
            return web.Response(status=404, text=self._say(self._language_of(request), NOT_HERE))
        token = self.logic.token
        await ws.prepare(request)
        conn = _Conn(ws, token, self._language_of(request))
        self._conns.add(conn)
        try:
            await self._talk(conn)
        finally:
            self._conns.discard(conn)
            if conn.device:
                self._left(conn.device)
        return ws

    async def _talk(self, conn: _Conn) -> None:
        ws = conn.ws
        hello_by = asyncio.get_running_loop().time() + HELLO_SECONDS
        own = _Bucket()  # before hello: this socket's own allowance
        while not ws.closed:
            try:
                if conn.device:
                    msg = await ws.receive()
                else:
                    left = hello_by - asyncio.get_running_loop().time()
                    msg = await ws.receive(timeout=max(0.01, left))
            except TimeoutError:
                await ws.close(code=WSCloseCode.POLICY_VIOLATION)
                return
            if msg.type != WSMsgType.TEXT:
                if msg.type in (WSMsgType.CLOSE, WSMsgType.CLOSING, WSMsgType.CLOSED):
                    return
                if msg.type == WSMsgType.ERROR:  # e.g. a frame over MESSAGE_BYTES
                    return
                await self._send(conn, self._error(None, protocol.invalid(), conn))
                continue
            bucket = self._buckets.get(conn.device) if conn.device else own
            if bucket is not None and not bucket.take():
                conn.refused += 1
                if conn.refused > REFUSALS:
                    await ws.close(code=WSCloseCode.POLICY_VIOLATION)
                    return
                ref = protocol.ref_of(_loads(msg.data))
                await self._send(conn, self._error(ref, RoomError("too-fast", TOO_FAST), conn))
                continue
            conn.refused = 0
            await self._message(conn, msg.data)

    async def _message(self, conn: _Conn, data: str) -> None:
        try:
            message = protocol.parse(data)
        except RoomError as error:
            await self._send(conn, self._error(protocol.ref_of(_loads(data)), error, conn))
            return
        kind = message["type"]
        ref = message.get("ref")
        if kind == "ping":
            await self._send(
                conn, {"type": "pong"} if ref is None else {"type": "pong", "ref": ref}
            )
            return
        if kind == "hello":
            await self._hello(conn, message)
            return
        if not conn.device:
            await self._send(
                conn,
                self._error(
                    ref, RoomError("hello", N_("Reload the page to join the room again.")), conn
                ),
            )
            return
        if kind == "card.add" and not self._buckets[conn.device].card():
            refused = RoomError("too-fast", TOO_MANY_CARDS, n=CARDS_PER_MINUTE)
            await self._send(conn, self._error(ref, refused, conn))
            return
        device = conn.device
        try:
            payload = await self._on_logic(lambda: self.logic.handle(device, message))
        except RoomError as error:
            await self._send(conn, self._error(ref, error, conn))
            if error.code in ("blocked", "expired", "closed"):
                await self._bye(conn, error)
            return
        reply = {"type": "ok", **payload}
        if ref is not None:
            reply["ref"] = ref
        await self._send(conn, reply)

    async def _hello(self, conn: _Conn, message: dict[str, Any]) -> None:
        if conn.device:  # already joined on this socket: say welcome again
            await self._send(conn, {"type": "welcome", "device": conn.device})
            return
        secret, name, pin = message["device"], message["name"], message["pin"]

        def join() -> tuple[str, dict[str, Any], dict[str, Any]]:
            if self.logic.token != conn.token:
                raise RoomError("expired", EXPIRED)
            device = self.logic.join(secret, name, pin)
            self.logic.attach(device)
            shared, personal = self.logic.snapshot_parts([device])
            return device, shared, personal[device]

        try:
            device, shared, part = await self._on_logic(join)
        except RoomError as error:
            await self._send(conn, self._error(message.get("ref"), error))
            if error.code == "pin":
                conn.tries += 1
                if conn.tries >= PIN_TRIES:
                    await conn.ws.close(code=WSCloseCode.POLICY_VIOLATION)
            elif error.code in ("blocked", "expired"):
                await self._bye(conn, error)
            return
        if self._stopping or conn.ws.closed:
            self._on_logic_later(lambda: self.logic.detach(device))
            return
        conn.device = device
        self._buckets.setdefault(device, _Bucket())
        self._recount()
        await self._send(conn, {"type": "welcome", "device": device})
        # The whole state; from now on broadcasts include this socket (a broadcast that
        # picked its sockets before this was skipped, and may have read the document before
        # the join: one more broadcast reads it again).
        await self._send_text(conn, self._patch(conn, self._encode_shared(shared), _encode(part)))
        self.notify()

    def _left(self, device: str) -> None:
        self._recount()
        if not self._stopping:
            self._on_logic_later(lambda: self.logic.detach(device))

    def _recount(self) -> None:
        self._set_count(len({conn.device for conn in self._conns if conn.device}))

    def _set_count(self, count: int) -> None:
        if count == self._count:
            return
        self._count = count
        callback = self.on_count
        if callback is not None:
            try:
                callback(count)
            except Exception:
                log.exception("on_count failed")

    async def _on_logic(self, fn: Callable[[], Any]) -> Any:
        """Run `fn` where the document lives and wait for its result (or its RoomError).

        The wait ends early with "closed" when the room stops, without cancelling the
        caller's future: the facilitator's window may be busy closing, and the function,
        if it still runs there, finds its future as it left it.
        """
        if self._stopping:
            raise RoomError("closed", CLOSED)
        loop = asyncio.get_running_loop()
        waiter: asyncio.Future[Any] = loop.create_future()

        def settle(done: concurrent.futures.Future[Any]) -> None:
            if waiter.done():
                return
            if done.cancelled():  # the window is closing the room
                waiter.set_exception(RoomError("closed", CLOSED))
                return
            exc = done.exception()
            if exc is not None:
                waiter.set_exception(exc)
            else:
                waiter.set_result(done.result())

        def finished(done: concurrent.futures.Future[Any]) -> None:
            with contextlib.suppress(RuntimeError):  # the loop closed meanwhile
                loop.call_soon_threadsafe(settle, done)

        try:
            # At most CALLS_IN_FLIGHT calls wait on the window's thread at once: it runs
            # what is queued in one go, so a room of phones sending together would hold it
            # for all of their edits before it could paint; the rest wait here instead.
            async with self._calls:
                if self._stopping:
                    raise RoomError("closed", CLOSED)
                self._waiters.add(waiter)
                try:
                    self.call(fn).add_done_callback(finished)
                    return await waiter
                finally:
                    self._waiters.discard(waiter)
        except RoomError:
            raise
        except Exception as exc:
            log.exception("a phone's request failed")
            raise RoomError("invalid", BROKEN) from exc

    def _on_logic_later(self, fn: Callable[[], Any]) -> None:
        task = asyncio.ensure_future(self._on_logic(fn))
        self._tasks.add(task)
        task.add_done_callback(self._done)

    def _done(self, task: asyncio.Task[Any]) -> None:
        self._tasks.discard(task)
        if not task.cancelled():
            task.exception()  # retrieved: its failure was logged in _on_logic

    # -- telling phones --------------------------------------------------------------

    def _error(
        self, ref: str | None, error: RoomError, conn: _Conn | None = None
    ) -> dict[str, Any]:
        """The error for a phone, in its language."""
        with using(conn.language if conn is not None else self.language):
            words = error.text()
        reply: dict[str, Any] = {"type": "error", "code": error.code, "message": words}
        if ref is not None:
            reply["ref"] = ref
        return reply

    async def _send(self, conn: _Conn, message: dict[str, Any]) -> None:
        await self._send_text(conn, json.dumps(message))

    async def _send_text(self, conn: _Conn, text: str) -> None:
        if conn.ws.closed:
            return
        with contextlib.suppress(ConnectionError, RuntimeError):
            await conn.ws.send_str(text)

    async def _bye(self, conn: _Conn, error: RoomError) -> None:
        with using(conn.language):
            words = error.text()
        await self._say_bye(conn, json.dumps({"type": "bye", "code": error.code, "message": words}))

    def _schedule(self) -> None:
        if self._stopping:
            return
        loop = asyncio.get_running_loop()
        delay = max(0.0, self._last_broadcast + BROADCAST_GAP - loop.time())
        loop.call_later(delay, self._kick)

    def _kick(self) -> None:
        task = asyncio.ensure_future(self._broadcast())
        self._tasks.add(task)
        task.add_done_callback(self._done)

    async def _broadcast(self) -> None:
        assert self._broadcasting is not None
        async with self._broadcasting:
            self._scheduled = False  # what changes from now on gets another round
            self._last_broadcast = asyncio.get_running_loop().time()
            conns = [conn for conn in self._conns if conn.device and conn.sent]
            if not conns or self._stopping:
                return
            devices = sorted({conn.device for conn in conns})
            try:
                shared, personal = await self._on_logic(lambda: self.logic.snapshot_parts(devices))
            except RoomError:
                return
            # Encoded here, not where the document lives: each shared key once for every
            # phone, each phone's own keys once for that phone; a socket is sent only the
            # keys whose text changed since it was last told (nothing when none did).
            shared_texts = self._encode_shared(shared)
            own: dict[str, dict[str, str]] = {}
            heads: dict[tuple[str, ...], str] = {}
            sends = []
            for conn in conns:
                part = personal.get(conn.device)
                if part is None:
                    continue
                if "bye" in part:
                    sends.append(self._bye(conn, RoomError(part["bye"], part["message"])))
                    continue
                texts = own.get(conn.device)
                if texts is None:
                    texts = own[conn.device] = _encode(part)
                text = self._patch(conn, shared_texts, texts, heads)
                if text:
                    sends.append(self._send_text(conn, text))
            await asyncio.gather(*sends, return_exceptions=True)

    def _encode_shared(self, shared: dict[str, Any]) -> dict[str, str]:
        """The JSON text of each shared key. A text equal to the last one is that same
        string, so comparing it with what each socket was sent is a pointer check."""
        texts: dict[str, str] = {}
        for key, value in shared.items():
            if key == "type":
                continue
            text = json.dumps(value)
            last = self._texts.get(key)
            texts[key] = last if last == text else text
        self._texts = texts
        return texts

    @staticmethod
    def _patch(
        conn: _Conn,
        shared: dict[str, str],
        own: dict[str, str],
        heads: dict[tuple[str, ...], str] | None = None,
    ) -> str:
        """The "state" message telling `conn` the keys that changed for it ("" when none),
        built from the encoded pieces; `conn.sent` then holds what the phone holds."""
        sent = conn.sent
        changed = tuple(key for key, text in shared.items() if sent.get(key) != text)
        head = heads.get(changed) if heads is not None else None
        if head is None:  # phones told the same shared keys share their text
            head = "".join(f", {json.dumps(key)}: {shared[key]}" for key in changed)
            if heads is not None:
                heads[changed] = head
        tail = "".join(
            f", {json.dumps(key)}: {text}" for key, text in own.items() if sent.get(key) != text
        )
        if not head and not tail:
            return ""
        for key in changed:
            sent[key] = shared[key]
        sent.update(own)
        return '{"type": "state"' + head + tail + "}"


def _encode(part: dict[str, Any]) -> dict[str, str]:
    """The JSON text of each of a phone's own keys."""
    return {key: json.dumps(part[key]) for key in PERSONAL}


def _loads(data: str) -> object:
    try:
        return json.loads(data)
    except (ValueError, RecursionError):
        return None
