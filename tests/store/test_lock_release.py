"""Letting go of a workshop's lock never fails, also where an open file cannot be removed
(Windows), and the OS lock is taken through portalocker on every platform."""

from __future__ import annotations

import errno
import os
from collections.abc import Iterator
from pathlib import Path

import portalocker
import pytest

from trustboard.domain.workshop import Card, Workshop
from trustboard.store import WorkshopFile, lock
from trustboard.store.lock import FileLock, lock_path_for

CELL = ("competence", "individuals")


class _WindowsRemoval:
    """Makes removing the lock file fail while any descriptor has it open, as Windows does."""

    def __init__(self, lock_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        self.lock_path = lock_path
        self.open_fds: set[int] = set()
        self.refused = 0
        real_open, real_close, real_unlink = os.open, os.close, os.unlink

        def tracked_open(path: os.PathLike[str] | str, flags: int, *args: int, **kw: int) -> int:
            fd = real_open(path, flags, *args, **kw)
            if Path(path) == lock_path:
                self.open_fds.add(fd)
            return fd

        def tracked_close(fd: int) -> None:
            self.open_fds.discard(fd)
            real_close(fd)

        def refusing_unlink(path: os.PathLike[str] | str, *args: object, **kw: object) -> None:
            if Path(path) == lock_path and self.open_fds:
                self.refused += 1
                raise PermissionError(errno.EACCES, "used by another process", str(path))
            real_unlink(path)

        monkeypatch.setattr(lock.os, "open", tracked_open)
        monkeypatch.setattr(lock.os, "close", tracked_close)
        monkeypatch.setattr(lock.os, "unlink", refusing_unlink)


@pytest.fixture
def board(tmp_path: Path, workshop: Workshop) -> Path:
    path = tmp_path / "board.trustboard"
    WorkshopFile.create(path, workshop).close()
    return path


@pytest.fixture
def windows_removal(board: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[_WindowsRemoval]:
    yield _WindowsRemoval(lock_path_for(board), monkeypatch)


def test_closing_where_an_open_file_cannot_be_removed_saves_and_removes_the_lock(
    board: Path, windows_removal: _WindowsRemoval
) -> None:
    wf = WorkshopFile.open(board)
    wf.put_card(wf.workshop.current_round_id, Card("c-release", "kept", CELL))
    wf.close()  # used to raise PermissionError: the window then said the edits were unsaved
    assert windows_removal.refused == 1  # tried while held first, as on Linux and macOS
    assert not wf.dirty
    assert not lock_path_for(board).exists()
    with WorkshopFile.open(board, read_only=True) as again:
        assert "c-release" in again.workshop.current_round.cards


def test_releasing_while_another_program_has_the_lock_file_open_leaves_it_to_them(
    board: Path, windows_removal: _WindowsRemoval
) -> None:
    wf = WorkshopFile.open(board)
    reader = os.open(lock_path_for(board), os.O_RDONLY)  # say, a second TrustBoard peeking
    try:
        wf.close()
        assert lock_path_for(board).exists()  # Windows would not remove it: no error either
        assert not wf.dirty
    finally:
        os.close(reader)
    with WorkshopFile.open(board) as again:  # nobody holds it now: editable again
        assert not again.read_only


def test_the_os_lock_is_held_while_open_and_let_go_on_release(board: Path) -> None:
    held = FileLock(board)
    assert held.acquire()
    fd = os.open(lock_path_for(board), os.O_RDWR)
    try:
        with pytest.raises(portalocker.exceptions.AlreadyLocked):
            portalocker.lock(
                fd, portalocker.LockFlags.EXCLUSIVE | portalocker.LockFlags.NON_BLOCKING
            )
        held.release()
        portalocker.lock(fd, portalocker.LockFlags.EXCLUSIVE | portalocker.LockFlags.NON_BLOCKING)
        portalocker.unlock(fd)
    finally:
        os.close(fd)
