"""The room's server through real sockets on 127.0.0.1: what it serves, what it refuses, and
that a hostile or clumsy phone changes nothing and never stops the others."""

from __future__ import annotations

import asyncio
import concurrent.futures
import contextlib
import errno
import json
import socket
import subprocess
import sys
import threading
from typing import Any
from urllib.parse import urlsplit

import aiohttp
import pytest

from tests.room.phones import Phone, Room, joined, run
from trustboard.domain.workshop import Workshop
from trustboard.room import server as server_module
from trustboard.room.model import (
    CARDS_PER_MINUTE,
    DEVICES,
    MESSAGE_BYTES,
    Phase,
    PhaseSettings,
    Scope,
)
from trustboard.room.server import CALLS_IN_FLIGHT, RoomServer, RoomStartError

HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Cache-Control": "no-store",
    "X-Frame-Options": "DENY",
}
HOSTILE = [
    "<script>alert(1)</script>",
    '<img src=x onerror="alert(1)">',
    '"><b>bold</b>',
    "\u202eevil\u202c reversed",
    "'; DROP TABLE cards; --",
    "{{7*7}} ${7*7}",
]


async def http(url: str, path: str, *, method: str = "GET", host: str | None = None,
               headers: dict[str, str] | None = None) -> tuple[int, dict[str, str], bytes]:  # fmt: skip
    """One raw HTTP/1.1 request with the path sent exactly as given (no client clean-up)."""
    parts = urlsplit(url)
    assert parts.hostname is not None and parts.port is not None
    reader, writer = await asyncio.open_connection(parts.hostname, parts.port)
    lines = [f"{method} {path} HTTP/1.1", f"Host: {host or parts.netloc}", "Connection: close"]
    lines += [f"{k}: {v}" for k, v in (headers or {}).items()]
    writer.write(("\r\n".join(lines) + "\r\n\r\n").encode("latin-1"))
    await writer.drain()
    data = await reader.read()
    writer.close()
    head, _, body = data.partition(b"\r\n\r\n")
    status_line, *header_lines = head.decode("latin-1").split("\r\n")
    found = {}
    for line in header_lines:
        key, _, value = line.partition(":")
        found[key.strip().lower()] = value.strip()
    return int(status_line.split()[1]), found, body


def token_path(room: Room) -> str:
    return urlsplit(room.url).path


def assert_secure_headers(headers: dict[str, str], room: Room) -> None:
    netloc = urlsplit(room.url).netloc
    assert headers["content-security-policy"] == (
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
        f"connect-src 'self' ws://{netloc}; base-uri 'none'; form-action 'none'; "
        "frame-ancestors 'none'"
    )
    for key, value in HEADERS.items():
        assert headers[key.lower()] == value


# -- what is served ----------------------------------------------------------------------


def test_the_page_and_its_assets_are_served_with_the_security_headers(workshop: Workshop) -> None:
    with Room(workshop) as room:
        base = token_path(room)

        async def main() -> None:
            for path, mime in [
                (base, "text/html"),
                (base + "/", "text/html"),
                (base + "/room.js", "text/javascript"),
                (base + "/room.css", "text/css"),
            ]:
                status, headers, _ = await http(room.url, path)
                assert status == 200, path
                assert headers["content-type"].startswith(mime)
                assert_secure_headers(headers, room)

        run(main())


def test_the_page_names_its_assets_under_the_token() -> None:
    page = '<script src="room.js"></script><link rel=stylesheet href="./room.css">'
    served = server_module.for_token({"": (page, "text/html")}, "abc")
    assert served[""][0].decode() == (
        '<script src="/abc/room.js"></script><link rel=stylesheet href="/abc/room.css">'
    )


def test_every_refusal_also_carries_the_security_headers(workshop: Workshop) -> None:
    with Room(workshop) as room:

        async def main() -> None:
            for path in ["/", "/nothing", token_path(room) + "/x"]:
                status, headers, _ = await http(room.url, path)
                assert status == 404
                assert_secure_headers(headers, room)
            room.do(room.logic.end_session)
            old = urlsplit(room.url).path  # the url now names the new token
            assert old != ""
            status, headers, _ = await http(room.url, "/" + next(iter(room.logic.old_tokens)))
            assert status == 410
            assert_secure_headers(headers, room)

        run(main())


@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/index.html",
        "/room.js",
        "/ws",
        "/{T}x",
        "/{T}/x",
        "/{T}/index.html",
        "/{T}/room.js/",
        "/{T}/../",
        "/{T}/%2e%2e/",
        "/{T}/%2E%2E/%2E%2E/pyproject.toml",
        "/{T}/..%2f..%2fpyproject.toml",
        "/{T}/../../etc/passwd",
        "/{T}/room.js/../index.html",
        "/%2e%2e/%2e%2e/etc/passwd",
        "/resources/room/index.html",
        "/resources/room/room.js",
        "/{T}/resources/room/index.html",
        "//{T}",
        "/{T}%00",
        "/{T}/ws/../room.js",
        "/{T_UPPER}",
    ],
)
def test_anything_but_the_room_gets_404_and_no_page(workshop: Workshop, path: str) -> None:
    with Room(workshop) as room:
        token = room.logic.token
        path = path.replace("{T}", token).replace("{T_UPPER}", token.upper())
        status, headers, body = run(http(room.url, path))
        assert status == 404
        assert headers["content-type"].startswith("text/plain")
        assert body.decode() == "No room here. Scan the code on the screen again."


@pytest.mark.parametrize("method", ["POST", "PUT", "DELETE", "OPTIONS", "PATCH"])
def test_other_methods_get_404(workshop: Workshop, method: str) -> None:
    with Room(workshop) as room:
        status, _, body = run(http(room.url, token_path(room), method=method))
        assert status == 404
        assert b"<" not in body


def test_a_forged_token_gets_nothing_even_on_the_websocket(workshop: Workshop) -> None:
    with Room(workshop) as room:
        forged = room.url.rsplit("/", 1)[0] + "/" + "a" * 26

        async def main() -> None:
            phone = Phone(forged)
            with pytest.raises(aiohttp.WSServerHandshakeError) as refused:
                await phone.connect()
            assert refused.value.status == 404
            await phone.close()

        run(main())
        assert room.logic.devices() == []


def test_a_wrong_host_header_gets_404(workshop: Workshop) -> None:
    with Room(workshop) as room:
        port = urlsplit(room.url).port
        for host in [f"evil.example:{port}", "127.0.0.1", f"localhost:{port}"]:
            status, _, _ = run(http(room.url, token_path(room), host=host))
            assert status == 404, host


# -- the WebSocket's door ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("origin", "host"),
    [
        ("http://evil.example", None),
        ("", None),
        ("null", None),
        ("https://{netloc}", None),
        ("http://{netloc}.evil.example", None),
        ("http://evil.example:1", "evil.example:1"),
    ],
)
def test_the_websocket_checks_origin_and_host(
    workshop: Workshop, origin: str, host: str | None
) -> None:
    with Room(workshop) as room:
        netloc = urlsplit(room.url).netloc

        async def main() -> None:
            phone = Phone(room.url, origin=origin.replace("{netloc}", netloc), host=host)
            with pytest.raises(aiohttp.WSServerHandshakeError) as refused:
                await phone.connect()
            assert refused.value.status in (403, 404)
            await phone.close()

        run(main())
        assert room.server.connected == 0


def test_hello_must_come_first(workshop: Workshop) -> None:
    with Room(workshop) as room:

        async def main() -> None:
            async with Phone(room.url) as phone:
                reply = await phone.send({"type": "card.add", "key": "k" * 10, "text": "x",
                                          "kind": "evidence", "cell": None})  # fmt: skip
                assert reply["type"] == "error"
                assert reply["code"] == "hello"
                welcome = await phone.hello()
                assert welcome["type"] == "welcome"
                assert welcome["device"].startswith("phone-")

        run(main())
        assert room.doc.current_round.cards == {}


@pytest.mark.parametrize(
    "data",
    [
        "not json",
        "[1, 2]",
        '{"type": "nope"}',
        '{"type": "card.add", "ref": 5}',
        '{"type": "card.add", "key": "short", "text": "x", "kind": "evidence", "cell": null}',
        '{"type": "card.add", "key": "kkkkkkkkkk", "text": 5, "kind": "evidence", "cell": null}',
        '{"type": "card.add", "key": "kkkkkkkkkk", "text": "x", "kind": "evidence", "cell": [1]}',
        '{"type": "card.add", "key": "kkkkkkkkkk", "text": "\\ud800", "kind": "evidence"}',
        '{"type": "score", "cell": ["a", "b"], "score": true}',
        '{"type": "vote", "card": "c", "dots": -1}',
        '{"type": "vote", "card": "c", "dots": 1e9}',
        "[" * 5000 + "]" * 5000,
    ],
)
def test_malformed_messages_get_invalid_and_change_nothing(workshop: Workshop, data: str) -> None:
    with Room(workshop) as room:

        async def main() -> None:
            async with Phone(room.url) as phone:
                await phone.hello()
                await phone.send_raw(data)
                await phone.wait_for(lambda: phone.messages[-1]["type"] == "error")
                assert phone.messages[-1]["code"] == "invalid"
                assert (await phone.ping())["type"] == "pong"  # still served

        run(main())
        assert room.doc.current_round.cards == {}
        assert room.pushed == []


def test_an_oversize_frame_closes_that_socket_only(workshop: Workshop) -> None:
    with Room(workshop) as room:

        async def main() -> None:
            big, honest = await joined(room.url, 2)
            await big.send_raw(json.dumps({"type": "card.add", "text": "x" * MESSAGE_BYTES}))
            code = await big.wait_closed()
            assert code == aiohttp.WSCloseCode.MESSAGE_TOO_BIG
            reply = await honest.add_card("Still here")
            assert reply["type"] == "ok"
            for phone in (big, honest):
                await phone.close()

        run(main())
        assert [c.text for c in room.doc.current_round.cards.values()] == ["Still here"]


def test_text_over_the_limit_gets_its_message_and_changes_nothing(workshop: Workshop) -> None:
    with Room(workshop) as room:

        async def main() -> None:
            async with Phone(room.url) as phone:
                await phone.hello()
                reply = await phone.add_card("y" * 1001)
                assert reply["code"] == "too-long"
                assert reply["message"] == "Cards can be at most 1,000 characters; yours has 1,001."
                reply = await phone.add_card("z" * 10_000)
                assert reply["message"].endswith("yours has 10,000.")

        run(main())
        assert room.doc.current_round.cards == {}


def test_a_flood_gets_too_fast_and_the_next_honest_phone_still_works(workshop: Workshop) -> None:
    with Room(workshop) as room:

        async def main() -> None:
            flood, honest = await joined(room.url, 2)
            message = {"type": "score", "cell": list(room.cell or ()), "score": 3}
            for i in range(300):
                await flood.send_raw(json.dumps({**message, "ref": f"f{i}"}))
            await flood.wait_for(
                lambda: any(m.get("code") == "too-fast" for m in flood.messages) or flood.closed
            )
            refused = [m for m in flood.messages if m.get("code") == "too-fast"]
            assert refused
            assert refused[0]["message"].startswith("Slow down a little")
            reply = await honest.add_card("Honest card")
            assert reply["type"] == "ok"
            for phone in (flood, honest):
                await phone.close()

        run(main())
        assert [c.text for c in room.doc.current_round.cards.values()] == ["Honest card"]
        assert room.doc.current_round.ratings == {}


def test_a_phone_may_add_a_limited_number_of_cards_a_minute(workshop: Workshop) -> None:
    with Room(workshop) as room:

        async def main() -> None:
            async with Phone(room.url) as phone:
                await phone.hello()
                for i in range(CARDS_PER_MINUTE):
                    assert (await phone.add_card(f"card {i}"))["type"] == "ok"
                reply = await phone.add_card("one too many")
                assert reply["code"] == "too-fast"
                assert f"more than {CARDS_PER_MINUTE} cards in a minute" in reply["message"]

        run(main())
        assert len(room.doc.current_round.cards) == CARDS_PER_MINUTE


def test_the_room_admits_at_most_its_number_of_devices(workshop: Workshop) -> None:
    with Room(workshop) as room:
        # The first DEVICES phones joined without sockets (fast); the next one over a socket.
        logic = room.logic
        room.do(lambda: [logic.attach(logic.join(f"secret-{i:04d}-xxxxxxxxxxxxxx"))
                         for i in range(DEVICES)])  # fmt: skip

        async def main() -> None:
            async with Phone(room.url) as late:
                reply = await late.hello()
                assert reply["code"] == "full"
                assert reply["message"] == "The room is full: it takes 300 phones at most."
            async with Phone(room.url, secret="secret-0007-xxxxxxxxxxxxxx") as known:
                assert (await known.hello())["type"] == "welcome"  # one already in comes back

        run(main())
        assert len(room.logic.devices()) == DEVICES


def test_a_locked_room_refuses_new_phones_but_takes_back_known_ones(workshop: Workshop) -> None:
    with Room(workshop) as room:

        async def main() -> None:
            (inside,) = await joined(room.url, 1)
            room.do(lambda: room.logic.set_locked(True))
            async with Phone(room.url) as late:
                reply = await late.hello()
                assert reply["code"] == "locked"
                assert "locked" in reply["message"]
            await inside.reconnect()
            assert inside.welcome is not None
            assert (await inside.add_card("Back in"))["type"] == "ok"
            await inside.close()

        run(main())
        assert len(room.logic.devices()) == 1


def test_a_blocked_phone_is_told_and_cannot_come_back(workshop: Workshop) -> None:
    with Room(workshop) as room:

        async def main() -> None:
            blocked, other = await joined(room.url, 2)
            room.do(lambda: room.logic.block(blocked.device))
            bye = await blocked.wait_bye()
            assert bye["code"] == "blocked"
            await blocked.wait_closed()
            await blocked.connect()
            reply = await blocked.hello()
            assert reply["code"] == "blocked"
            assert (await other.add_card("Unaffected"))["type"] == "ok"
            for phone in (blocked, other):
                await phone.close()

        run(main())


def test_a_socket_that_never_says_hello_is_closed(
    workshop: Workshop, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(server_module, "HELLO_SECONDS", 0.2)
    with Room(workshop) as room:

        async def main() -> None:
            async with Phone(room.url) as silent:
                assert await silent.wait_closed() == aiohttp.WSCloseCode.POLICY_VIOLATION

        run(main())
        assert room.logic.devices() == []


def test_open_sockets_are_capped(workshop: Workshop, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(server_module, "SOCKETS", 2)
    with Room(workshop) as room:
        one_left = threading.Event()

        async def main() -> None:
            phones = await joined(room.url, 2)
            room.server.on_count = lambda n: one_left.set() if n == 1 else None
            extra = Phone(room.url)
            with pytest.raises(aiohttp.WSServerHandshakeError) as refused:
                await extra.connect()
            assert refused.value.status == 503
            await extra.close()
            await phones[0].close()  # one leaves: the next one gets in
            await asyncio.get_running_loop().run_in_executor(None, one_left.wait, 20)
            async with Phone(room.url) as late:
                assert (await late.hello())["type"] == "welcome"
            await phones[1].close()

        run(main())


def test_a_socket_that_keeps_flooding_is_closed(
    workshop: Workshop, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(server_module, "REFUSALS", 5)
    with Room(workshop) as room:

        async def main() -> None:
            (flood,) = await joined(room.url, 1)
            for i in range(500):
                if flood.closed:
                    break
                with contextlib.suppress(ConnectionError):
                    await flood.send_raw(json.dumps({"type": "ping", "ref": f"p{i}"}))
            assert await flood.wait_closed() == aiohttp.WSCloseCode.POLICY_VIOLATION
            await flood.close()

        run(main())


def test_a_pin_is_asked_when_the_facilitator_sets_one(workshop: Workshop) -> None:
    with Room(workshop) as room:
        room.do(lambda: room.logic.set_pin(True))
        pin = room.logic.pin
        assert len(pin) == 4 and pin.isdigit()
        wrong = f"{(int(pin) + 1) % 10_000:04d}"

        async def main() -> None:
            async with Phone(room.url) as phone:
                assert (await phone.hello())["code"] == "pin"
                assert (await phone.hello(pin=wrong))["code"] == "pin"
                assert (await phone.hello(pin=pin))["type"] == "welcome"
            async with Phone(room.url) as guesser:
                for _ in range(server_module.PIN_TRIES):
                    await guesser.send_raw(json.dumps({"type": "hello", "device": guesser.secret,
                                                       "pin": wrong}))  # fmt: skip
                await guesser.wait_closed()

        run(main())
        assert len(room.logic.devices()) == 1


def test_ending_the_session_expires_the_old_link(workshop: Workshop) -> None:
    with Room(workshop) as room:
        old_url = room.url

        async def main() -> None:
            (phone,) = await joined(room.url, 1)
            new_token = room.do(room.logic.end_session)
            bye = await phone.wait_bye()
            assert bye["code"] == "expired"
            assert bye["message"] == "This link has expired. Scan the code on the screen again."
            status, _, body = await http(old_url, urlsplit(old_url).path)
            assert status == 410
            assert body.decode() == "This link has expired. Scan the code on the screen again."
            assert room.url.endswith("/" + new_token)
            old = Phone(old_url)
            with pytest.raises(aiohttp.WSServerHandshakeError) as refused:
                await old.connect()
            assert refused.value.status == 410
            await old.close()
            async with Phone(room.url) as fresh:
                assert (await fresh.hello())["type"] == "welcome"
            await phone.close()

        run(main())


# -- exactly once ------------------------------------------------------------------------


def test_a_card_resent_after_a_reconnect_lands_once(workshop: Workshop) -> None:
    with Room(workshop) as room:

        async def main() -> None:
            phone = Phone(room.url)
            await phone.connect()
            await phone.hello()
            device = phone.device
            # The socket drops right after the card is sent, before the "ok" arrives.
            await phone.send_raw(json.dumps({"type": "card.add", "ref": "r1", "key": "draft-0001",
                                             "text": "Typed on the bus", "kind": "evidence",
                                             "cell": list(room.cell or ())}))  # fmt: skip
            await phone.drop()
            await phone.connect()
            assert (await phone.hello())["device"] == device  # the same phone again
            first = await phone.add_card("Typed on the bus", key="draft-0001")
            again = await phone.add_card("Typed on the bus", key="draft-0001")
            assert first["type"] == again["type"] == "ok"
            assert first["card"] == again["card"]
            state = await phone.state(lambda s: len(s["mine"]) == 1)
            assert state["mine"][0]["text"] == "Typed on the bus"
            await phone.close()

        run(main())
        assert [c.text for c in room.doc.current_round.cards.values()] == ["Typed on the bus"]
        assert len(room.pushed) == 1


def test_hostile_strings_come_back_as_the_same_text(workshop: Workshop) -> None:
    with Room(workshop) as room:

        async def main() -> None:
            async with Phone(room.url) as phone:
                await phone.hello(name='<img src=x onerror="alert(1)">')
                for text in HOSTILE:
                    assert (await phone.add_card(text))["type"] == "ok"
                state = await phone.state(lambda s: len(s["mine"]) == len(HOSTILE))
                assert sorted(c["text"] for c in state["mine"]) == sorted(HOSTILE)
                assert state["name"] == '<img src=x onerror="alert(1)">'
                raw = [m for m in phone.messages if m["type"] == "state"][-1]
                assert all(raw[key] == state[key] for key in raw)
                assert raw["mine"] == state["mine"]  # the patch carried the cards as sent

        run(main())
        texts = sorted(c.text for c in room.doc.current_round.cards.values())
        assert texts == sorted(HOSTILE)


# -- phones hear of changes ----------------------------------------------------------------


def test_phones_hear_of_a_change_in_one_snapshot_call(workshop: Workshop) -> None:
    with Room(workshop) as room:
        calls: list[int] = []
        parts = room.logic.snapshot_parts

        def counted(devices: Any) -> Any:
            devices = list(devices)
            calls.append(len(devices))
            return parts(devices)

        room.logic.snapshot_parts = counted  # type: ignore[method-assign]

        async def main() -> None:
            phones = await joined(room.url, 5)
            await asyncio.gather(*(p.state(lambda s: s["devices"] == 5) for p in phones))
            calls.clear()
            room.do(lambda: room.logic.set_settings(PhaseSettings(Phase.SCORE)))
            await asyncio.gather(*(p.state(lambda s: s["phase"] == "score") for p in phones))
            assert calls[0] == 5  # every phone's state from one call where the document lives
            for phone in phones:
                await phone.close()

        run(main())


def test_phones_follow_the_current_cell(workshop: Workshop) -> None:
    cells = list(workshop.framework.cells())
    with Room(workshop, cell=cells[0]) as room:

        async def main() -> None:
            async with Phone(room.url) as phone:
                await phone.hello()
                assert (await phone.state())["cell"]["id"] == list(cells[0])
                room.do(lambda: room.move_to(cells[5]))
                state = await phone.state(lambda s: s["cell"]["id"] == list(cells[5]))
                assert state["cells"] == [
                    {
                        "id": list(cells[5]),
                        "element": state["cell"]["element"],
                        "domain": state["cell"]["domain"],
                    }
                ]

        run(main())


def test_cards_scores_and_votes_land_end_to_end(workshop: Workshop) -> None:
    cells = list(workshop.framework.cells())
    with Room(workshop, PhaseSettings(scope=Scope.ALL), cell=cells[0]) as room:

        async def main() -> None:
            a, b = await joined(room.url, 2)
            ok = await a.add_card("Evidence from a phone", cell=list(cells[1]))
            assert ok["type"] == "ok"
            await b.add_card("Another view", cell=None)
            room.do(lambda: room.logic.set_settings(PhaseSettings(Phase.SCORE, Scope.ALL)))
            await a.state(lambda s: s["phase"] == "score")
            assert (await a.score(list(cells[2]), 4))["type"] == "ok"
            assert (await b.score(list(cells[2]), 2))["type"] == "ok"
            assert (await b.score(list(cells[2]), 5))["type"] == "ok"  # changed its mind
            settings = PhaseSettings(Phase.VOTE, Scope.ALL, per_person=3, per_card=2)
            room.do(lambda: room.logic.set_settings(settings))
            state = await a.state(lambda s: s["vote"] is not None)
            assert state["vote"]["per_person"] == 3 and state["vote"]["per_card"] == 2
            target = ok["card"]
            assert (await a.vote(target, 2))["left"] == 1
            assert (await a.vote(target, 2))["left"] == 1  # sent again: still 2
            refused = await a.vote(target, 3)
            assert refused["code"] == "budget"
            assert (await b.vote(target, 1))["type"] == "ok"
            state = await b.state(lambda s: s["left"] == 2)
            assert state["dots"] == {target: 1}  # its own dots only; never the room's count
            assert all(set(c) == {"id", "text", "cell"} for c in state["vote"]["cards"])
            for phone in (a, b):
                await phone.close()

        run(main())
        rnd = room.doc.current_round
        by_text = {c.text: c for c in rnd.cards.values()}
        assert by_text["Evidence from a phone"].cell == cells[1]
        assert by_text["Another view"].cell is None
        assert by_text["Evidence from a phone"].votes == 3
        assert sorted(rnd.ratings[(*cells[2], "as-is", "self")].scores) == [4, 5]
        assert [c.text for c in room.pushed[:2]] == ["Card from a phone"] * 2


# -- state as patches ----------------------------------------------------------------------

PERSONAL_KEYS = {"name", "mine", "scores", "dots", "left"}
EVERY_KEY = {"type", "title", "phase", "names", "devices", "cell", "cells", "write", "score",
             "vote"} | PERSONAL_KEYS  # fmt: skip


def assert_patches_carry_only_changes(phone: Phone) -> None:
    """Replaying what the phone received: the first state after each welcome carries every
    key, and every later one only keys whose value changed."""
    held: dict[str, Any] = {}
    for message in phone.messages:
        if message["type"] == "welcome":
            held = {}
        if message["type"] != "state":
            continue
        if not held:
            assert set(message) == EVERY_KEY
        else:
            same = [k for k in message if k != "type" and held.get(k) == message[k]]
            assert same == [], f"re-sent unchanged: {same}"
        held.update(message)


async def _vote_room(room: Room, cards: int) -> tuple[Phone, Phone, list[str]]:
    a, b = await joined(room.url, 2)
    ids = [(await a.add_card(f"card {i}", key=f"delta-key-{i:03d}"))["card"] for i in range(cards)]
    settings = PhaseSettings(Phase.VOTE, Scope.ALL, per_person=5)
    room.do(lambda: room.logic.set_settings(settings))
    for phone in (a, b):
        await phone.state(lambda s: s["vote"] is not None and len(s["vote"]["cards"]) == cards)
    return a, b, ids


def test_a_vote_sends_the_voter_its_dots_and_the_others_no_card_list(workshop: Workshop) -> None:
    with Room(workshop) as room:

        async def main() -> None:
            a, b, ids = await _vote_room(room, 20)
            seen_a, seen_b = len(a.patches), len(b.patches)
            assert (await a.vote(ids[3], 2))["type"] == "ok"
            state = await a.state(lambda s: s["dots"] == {ids[3]: 2})
            assert state["left"] == 3
            assert [set(p) for p in a.patches[seen_a:]] == [{"type", "dots", "left"}]
            # A third phone comes in: every phone is told the count, and B hears no more.
            c = Phone(room.url)
            await c.connect()
            await c.hello()
            await b.state(lambda s: s["devices"] == 3)
            assert [set(p) for p in b.patches[seen_b:]] == [{"type", "devices"}]
            assert b.latest is not None and b.latest["dots"] == {} and b.latest["left"] == 5
            for phone in (a, b, c):
                assert_patches_carry_only_changes(phone)
                await phone.close()

        run(main())


def test_a_new_connection_gets_the_whole_state(workshop: Workshop) -> None:
    with Room(workshop) as room:

        async def main() -> None:
            a, b, ids = await _vote_room(room, 3)
            assert (await a.vote(ids[0], 1))["type"] == "ok"
            await a.state(lambda s: s["left"] == 4)
            await a.reconnect()
            first = [m for m in a.messages if m["type"] in ("welcome", "state")][-2:]
            assert first[0]["type"] == "welcome"
            assert set(first[1]) == EVERY_KEY  # nothing is assumed from the old socket
            assert first[1]["dots"] == {ids[0]: 1} and first[1]["left"] == 4
            whole = room.do(lambda: room.logic.snapshot(a.device))
            assert await a.state(lambda s: s == whole) == whole
            for phone in (a, b):
                assert_patches_carry_only_changes(phone)
                await phone.close()

        run(main())


def test_merged_patches_are_the_whole_state_through_every_phase(workshop: Workshop) -> None:
    cells = list(workshop.framework.cells())
    with Room(workshop, PhaseSettings(scope=Scope.ALL), cell=cells[0]) as room:

        async def main() -> None:
            a, b = await joined(room.url, 2)
            card = (await a.add_card("On the board", cell=list(cells[1])))["card"]
            await b.add_card("Unsorted", cell=None)
            room.do(lambda: room.logic.set_settings(PhaseSettings(Phase.SCORE, Scope.ALL)))
            await a.state(lambda s: s["phase"] == "score")
            assert (await a.score(list(cells[2]), 4))["type"] == "ok"
            room.do(lambda: room.move_to(cells[3]))
            room.do(lambda: room.logic.set_settings(PhaseSettings(Phase.VOTE, Scope.ALL)))
            await b.state(lambda s: s["vote"] is not None)
            assert (await b.vote(card, 1))["type"] == "ok"
            for phone in (a, b):  # both still connected: the count of phones holds still
                whole = room.do(lambda phone=phone: room.logic.snapshot(phone.device))
                assert await phone.state(lambda s, whole=whole: s == whole) == whole
                assert_patches_carry_only_changes(phone)
            for phone in (a, b):
                await phone.close()

        run(main())


def test_notify_wakes_the_server_once_while_a_broadcast_is_on_its_way(
    workshop: Workshop, monkeypatch: pytest.MonkeyPatch
) -> None:
    with Room(workshop) as room:
        loop = room.server._loop
        assert loop is not None
        wakes: list[object] = []
        wake = loop.call_soon_threadsafe

        def counted(callback: Any, *args: Any) -> Any:
            wakes.append(callback)
            return wake(callback, *args)

        monkeypatch.setattr(loop, "call_soon_threadsafe", counted)
        room.server._scheduled = False  # nothing on its way (no phone joined)
        room.server._last_broadcast = loop.time() + 3600  # the next one waits: still on its way
        for _ in range(100):  # a burst of document changes
            room.server.notify()
        assert len(wakes) == 1


# -- opening and closing -----------------------------------------------------------------


def test_stop_tells_every_phone_and_leaves_nothing_listening(workshop: Workshop) -> None:
    room = Room(workshop)
    room.server.start()
    parts = urlsplit(room.url)
    assert parts.hostname is not None and parts.port is not None

    async def main() -> list[Phone]:
        phones = await joined(room.url, 3)
        await asyncio.get_running_loop().run_in_executor(None, room.server.stop)
        for phone in phones:
            bye = await phone.wait_bye()
            assert bye["code"] == "closed"
            await phone.close()
        return phones

    run(main())
    with pytest.raises(ConnectionRefusedError):
        socket.create_connection((parts.hostname, parts.port), timeout=5).close()
    assert room.server.connected == 0
    room.server.stop()  # twice is harmless
    room.server.start()  # and the same room may open again

    async def again() -> None:
        async with Phone(room.url) as phone:
            assert (await phone.hello())["type"] == "welcome"

    run(again())
    room.server.stop()
    room.logic.close()


def test_stop_does_not_wait_for_a_busy_window_nor_cancel_its_work(workshop: Workshop) -> None:
    """Closing the room while the facilitator's window still holds a phone's edit: the room
    closes at once, and the window later finds the edit's future as it left it."""
    room = Room(workshop)
    stuck: list[concurrent.futures.Future[Any]] = []
    asked = threading.Event()

    def caller(fn: Any) -> concurrent.futures.Future[Any]:
        if asked.is_set() or not stuck_mode:
            return room.caller(fn)
        future: concurrent.futures.Future[Any] = concurrent.futures.Future()
        stuck.append(future)
        asked.set()
        return future

    stuck_mode = False
    room.server = RoomServer(room.logic, caller, "127.0.0.1", 0)
    room.server.start()

    async def main() -> None:
        nonlocal stuck_mode
        (phone,) = await joined(room.url, 1)
        stuck_mode = True
        await phone.send_raw(json.dumps({"type": "card.add", "ref": "r", "key": "k" * 10,
                                         "text": "Late", "kind": "evidence", "cell": None}))  # fmt: skip
        loop = asyncio.get_running_loop()
        await loop.run_in_executor(None, asked.wait)
        await loop.run_in_executor(None, room.server.stop)
        assert (await phone.wait_bye())["code"] == "closed"
        await phone.close()

    run(main())
    (future,) = stuck
    assert not future.cancelled()
    future.set_result({"card": "c-late"})  # the window finishing later raises nothing
    room.logic.close()


def test_a_call_the_window_cancels_tells_the_phone_the_room_closed(workshop: Workshop) -> None:
    room = Room(workshop)
    cancelling = False

    def caller(fn: Any) -> concurrent.futures.Future[Any]:
        if not cancelling:
            return room.caller(fn)
        future: concurrent.futures.Future[Any] = concurrent.futures.Future()
        future.cancel()  # what the window's caller does once the room is closing
        return future

    room.server = RoomServer(room.logic, caller, "127.0.0.1", 0)
    with room:

        async def main() -> None:
            nonlocal cancelling
            (phone,) = await joined(room.url, 1)
            cancelling = True
            reply = await phone.add_card("Too late")
            assert reply["code"] == "closed"
            await phone.close()

        run(main())
    assert room.doc.current_round.cards == {}


def test_a_room_sending_at_once_queues_few_calls_on_the_window(workshop: Workshop) -> None:
    """The window runs every queued call in one go before it paints again: the server keeps
    at most CALLS_IN_FLIGHT of them waiting there, however many phones send at once."""
    room = Room(workshop)
    held: list[tuple[Any, concurrent.futures.Future[Any]]] = []
    changed = threading.Condition()
    most = 0
    holding = False

    def caller(fn: Any) -> concurrent.futures.Future[Any]:
        nonlocal most
        if not holding:
            return room.caller(fn)
        future: concurrent.futures.Future[Any] = concurrent.futures.Future()
        with changed:
            held.append((fn, future))
            most = max(most, len(held))
            changed.notify_all()
        return future

    def window(stop: threading.Event) -> None:
        """The window's thread: runs what is queued, a whole batch when CALLS_IN_FLIGHT
        wait (or whatever waits when the phones have fallen quiet)."""
        while not stop.is_set():
            with changed:
                changed.wait_for(lambda: len(held) >= CALLS_IN_FLIGHT or stop.is_set(), 0.5)
                batch = held[:]
                held.clear()
            for fn, future in batch:
                room.caller(fn).add_done_callback(
                    lambda done, future=future: (
                        future.set_result(done.result())
                        if done.exception() is None
                        else future.set_exception(done.exception())
                    )  # type: ignore[arg-type]
                )

    room.server = RoomServer(room.logic, caller, "127.0.0.1", 0)
    stop = threading.Event()
    with room:

        async def main() -> None:
            nonlocal holding
            phones = await joined(room.url, 3 * CALLS_IN_FLIGHT)
            holding = True
            loop = asyncio.get_running_loop()
            thread = loop.run_in_executor(None, window, stop)
            replies = await asyncio.gather(*(p.add_card(f"card {i}") for i, p in enumerate(phones)))
            assert {r["type"] for r in replies} == {"ok"}
            stop.set()
            with changed:
                changed.notify_all()
            await thread
            for phone in phones:
                await phone.close()

        run(main())
    assert len(room.doc.current_round.cards) == 3 * CALLS_IN_FLIGHT
    assert most <= CALLS_IN_FLIGHT


def test_a_taken_port_is_a_clear_error_with_nothing_left_listening(workshop: Workshop) -> None:
    taken = socket.socket()
    taken.bind(("127.0.0.1", 0))
    taken.listen()
    port = taken.getsockname()[1]
    try:
        room = Room(workshop)
        server = RoomServer(room.logic, room.caller, "127.0.0.1", port)
        with pytest.raises(RoomStartError) as refused:
            server.start()
        assert refused.value.message == (
            f"Port {port} on 127.0.0.1 is already used by another program. "
            "Choose another port, or leave it empty to pick a free one."
        )
        assert not server.running
    finally:
        taken.close()
    with pytest.raises(ConnectionRefusedError):
        socket.create_connection(("127.0.0.1", port), timeout=5).close()


def test_a_start_that_gives_up_waiting_leaves_nothing_listening(
    workshop: Workshop, monkeypatch: pytest.MonkeyPatch
) -> None:
    """start() stops waiting for a server that opens too slowly: when it does open after
    all, it closes again at once instead of listening unseen."""
    probe = socket.socket()
    probe.bind(("127.0.0.1", 0))
    port = probe.getsockname()[1]
    probe.close()
    gate = threading.Event()
    opened = RoomServer._open

    async def slow_open(self: RoomServer) -> None:
        await asyncio.get_running_loop().run_in_executor(None, gate.wait)
        await opened(self)

    monkeypatch.setattr(RoomServer, "_open", slow_open)
    monkeypatch.setattr(server_module, "START_SECONDS", 0.0)
    monkeypatch.setattr(server_module, "STOP_SECONDS", 0.0)  # start() returns at once
    room = Room(workshop)
    server = RoomServer(room.logic, room.caller, "127.0.0.1", port)
    problems: list[BaseException] = []
    before = set(threading.enumerate())
    try:
        server.start()
    except BaseException as exc:
        problems.append(exc)
    late = [t for t in threading.enumerate() if t.name == "trustboard-room" and t not in before]
    gate.set()  # the server opens only now, after start() has given up
    for thread in late:
        thread.join(10)  # it opened late, and must have closed again on its own
    (problem,) = problems
    assert isinstance(problem, RoomStartError)
    assert problem.message == "The room did not open in time. Try again."
    assert not server.running
    with pytest.raises(ConnectionRefusedError):
        socket.create_connection(("127.0.0.1", port), timeout=5).close()


def test_an_address_not_on_this_machine_is_a_clear_error(workshop: Workshop) -> None:
    room = Room(workshop)
    server = RoomServer(room.logic, room.caller, "192.0.2.1", 0)  # TEST-NET: never ours
    with pytest.raises(RoomStartError) as refused:
        server.start()
    assert "does not belong to this computer" in refused.value.message
    assert not server.running


def test_start_problem_sentences() -> None:
    assert "not allow" in server_module._start_problem(OSError(errno.EACCES, "x"), "a", 80)


def test_the_room_rules_load_without_the_web_server() -> None:
    code = (
        "import sys, trustboard.room.logic, trustboard.room.model, trustboard.room.protocol;"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('aiohttp', 'yarl')))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
