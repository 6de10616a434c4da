"""Nothing listens before the room opens or after it closes; while open, exactly one socket
on the address the facilitator chose (the issue's "nothing leaves the room" rule)."""

from __future__ import annotations

import socket
import subprocess
import sys

import pytest

from tests.room.sockets import Listening, listening


def test_the_helper_sees_a_socket_this_process_listens_on_and_forgets_it_once_closed() -> None:
    before = listening()
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as server:
        server.bind(("127.0.0.1", 0))
        server.listen()
        port = server.getsockname()[1]
        assert listening() == sorted([*before, Listening("127.0.0.1", port)])
    assert listening() == before


def test_the_helper_reads_ipv6_and_every_interface_addresses() -> None:
    if not socket.has_ipv6:
        pytest.fail("this machine has no IPv6; the room's tests expect it")
    with socket.socket(socket.AF_INET6, socket.SOCK_STREAM) as server:
        server.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 1)
        server.bind(("::", 0))
        server.listen()
        port = server.getsockname()[1]
        (found,) = [s for s in listening() if s.port == port]
        assert found == Listening("::", port) and found.every_interface


def test_the_helper_ignores_sockets_that_only_connect_or_only_bind() -> None:
    before = listening()
    with (
        socket.socket(socket.AF_INET, socket.SOCK_STREAM) as server,
        socket.socket(socket.AF_INET, socket.SOCK_STREAM) as bound,
    ):
        server.bind(("127.0.0.1", 0))
        server.listen()
        bound.bind(("127.0.0.1", 0))  # bound but not listening: answers nobody
        client = socket.create_connection(server.getsockname())
        accepted, _ = server.accept()
        with client, accepted:
            ports = {s.port for s in listening()} - {s.port for s in before}
            assert ports == {server.getsockname()[1]}


def test_the_helper_tells_processes_apart() -> None:
    code = (
        "import socket, sys\n"
        "s = socket.socket(); s.bind(('127.0.0.1', 0)); s.listen()\n"
        "print(s.getsockname()[1], flush=True); sys.stdin.read()\n"
    )
    child = subprocess.Popen(
        [sys.executable, "-c", code], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    )
    try:
        assert child.stdout is not None
        port = int(child.stdout.readline())
        assert listening(child.pid) == [Listening("127.0.0.1", port)]
        assert all(s.port != port for s in listening())
    finally:
        assert child.stdin is not None
        child.stdin.close()
        child.wait(timeout=30)
        child.stdout.close()  # type: ignore[union-attr]
