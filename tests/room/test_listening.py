"""Nothing listens before the room opens or after it closes; while open, exactly one socket
on the address the facilitator chose (the issue's "nothing leaves the room" rule)."""

from __future__ import annotations

import socket
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from tests.room.app_process import App
from tests.room.sockets import Listening, listening
from trustboard.domain.framework import Framework
from trustboard.domain.workshop import new_workshop
from trustboard.paths import UserPaths
from trustboard.services.settings import Settings
from trustboard.store import WorkshopFile
from trustboard.ui.main_window import MainWindow
from trustboard.ui.room.hooks import room_of


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


# -- the room ---------------------------------------------------------------------------


@pytest.fixture
def board(
    qtbot: QtBot, tmp_path: Path, rtx: Framework, monkeypatch: pytest.MonkeyPatch
) -> MainWindow:
    """A window with a workshop open; message boxes are collected, never shown."""
    messages: list[str] = []
    for kind in ("warning", "information", "critical"):
        monkeypatch.setattr(QMessageBox, kind, lambda *a, **k: messages.append(a[2]))
    path = tmp_path / "room.trustboard"
    WorkshopFile.create(path, new_workshop(rtx, "Listening")).close()
    paths = UserPaths.under(tmp_path / "data")
    window = MainWindow(paths, Settings.load(paths))
    qtbot.addWidget(window)
    window.show()
    assert window.open_file(path)
    return window


def port_of(url: str) -> int:
    port = urlsplit(url).port
    assert port is not None, url
    return port


def test_the_window_listens_only_while_the_room_is_open_and_only_on_its_address(
    board: MainWindow,
) -> None:
    assert listening() == [], "the app listens before the room opens"
    url = room_of(board).open("127.0.0.1", 0)
    where = listening()
    assert where == [Listening("127.0.0.1", port_of(url))]
    assert not where[0].every_interface
    room_of(board).close()
    assert listening() == []
    url = room_of(board).open("127.0.0.1", 0)  # open again: still one socket, a new one
    assert listening() == [Listening("127.0.0.1", port_of(url))]
    room_of(board).close()
    assert listening() == []


def test_closing_the_workshop_or_the_window_stops_the_room(board: MainWindow) -> None:
    assert board.session is not None
    path = board.session.file.path
    room_of(board).open("127.0.0.1", 0)
    assert len(listening()) == 1
    assert board.close_workshop()
    assert listening() == [], "the room outlived its workshop"
    assert board.open_file(path)
    room_of(board).open("127.0.0.1", 0)
    assert len(listening()) == 1
    board.close()
    assert listening() == [], "the room outlived the window"


def test_a_room_that_cannot_open_leaves_nothing_listening(board: MainWindow) -> None:
    from trustboard.ui.room.controller import RoomOpenError

    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        with pytest.raises(RoomOpenError):
            room_of(board).open("127.0.0.1", port)  # the port is taken
        assert listening() == [Listening("127.0.0.1", port)]  # ours, and nothing else
    with pytest.raises(RoomOpenError):
        room_of(board).open("192.0.2.1", 0)  # an address this machine does not have
    assert listening() == []
    assert not room_of(board).is_open


def test_the_server_alone_listens_from_start_to_stop(tmp_path: Path, rtx: Framework) -> None:
    from trustboard.document import WorkshopDocument
    from trustboard.room.calls import LockedCaller
    from trustboard.room.logic import RoomLogic
    from trustboard.room.server import RoomServer

    with WorkshopFile.create(tmp_path / "server.trustboard", new_workshop(rtx, "Server")) as wf:
        logic = RoomLogic(WorkshopDocument(wf.workshop, wf), lambda c: c.redo(), lambda: None)
        server = RoomServer(logic, LockedCaller(), "127.0.0.1", 0)
        assert listening() == []
        server.start()
        try:
            assert listening() == [Listening("127.0.0.1", port_of(server.url))]
        finally:
            server.stop()
        assert listening() == []


def test_the_app_with_open_room_listens_on_one_socket_until_the_room_closes(
    tmp_path: Path, rtx: Framework
) -> None:
    path = tmp_path / "cli.trustboard"
    WorkshopFile.create(path, new_workshop(rtx, "Command line")).close()
    app = App(path, tmp_path / "data")
    try:
        assert listening(app.proc.pid) == [Listening("127.0.0.1", port_of(app.url))]
        app.say("close", "closed")
        assert listening(app.proc.pid) == []
    finally:
        app.kill()
