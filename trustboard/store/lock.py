"""One writer per workshop file: a lock file beside it that says who holds it.

The operating system's own file lock (flock, or msvcrt on Windows) decides who holds it,
so a crashed process can never leave a lock behind and two TrustBoards taking over the
same old lock file cannot both win. The file's contents only say *who* has it, for the
message a second opener sees. A lock written by another computer (a shared folder) is
respected, because that computer's OS lock may not be visible from here.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import getpass
import json
import os
import platform
import sys
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class LockHolder:
    pid: int
    host: str
    user: str
    since: str

    def describe(self) -> str:
        return f"{self.user or 'someone'} on {self.host} (process {self.pid}, since {self.since})"


def lock_path_for(path: Path) -> Path:
    return path.with_name(f".{path.name}.lock")


def _me() -> LockHolder:
    try:
        user = getpass.getuser()
    except Exception:  # no user name in some sandboxes; the lock works without it
        user = ""
    return LockHolder(
        pid=os.getpid(),
        host=platform.node(),
        user=user,
        since=dt.datetime.now().astimezone().isoformat(timespec="seconds"),
    )


def _try_os_lock(fd: int) -> bool:
    if sys.platform == "win32":  # pragma: no cover - exercised on Windows only
        import msvcrt

        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True
    import fcntl

    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return False
    return True


def _read_holder(data: bytes) -> LockHolder | None:
    try:
        info = json.loads(data.decode("utf-8"))
        return LockHolder(
            int(info["pid"]), str(info["host"]), str(info["user"]), str(info["since"])
        )
    except (ValueError, KeyError, TypeError, AttributeError):
        return None


class FileLock:
    """Hold `.NAME.lock` beside a workshop file for as long as it is open for editing."""

    def __init__(self, path: Path) -> None:
        self.lock_path = lock_path_for(path)
        self.holder: LockHolder | None = None  # who holds it when we could not get it
        self._fd: int | None = None

    @property
    def held(self) -> bool:
        return self._fd is not None

    def acquire(self) -> bool:
        """True when we hold the lock now; otherwise `holder` says who does."""
        for _ in range(5):
            fd = os.open(self.lock_path, os.O_RDWR | os.O_CREAT, 0o644)
            if not _try_os_lock(fd):
                self.holder = _read_holder(_read_all(fd)) or LockHolder(0, "?", "", "just now")
                os.close(fd)
                return False
            try:
                same_file = os.fstat(fd).st_ino == os.stat(self.lock_path).st_ino
            except FileNotFoundError:
                same_file = False
            if not same_file:  # the previous holder removed it as we opened it: try again
                os.close(fd)
                continue
            previous = _read_holder(_read_all(fd))
            if previous is not None and previous.host != platform.node():
                self.holder = previous
                os.close(fd)
                return False
            me = _me()
            os.ftruncate(fd, 0)
            os.lseek(fd, 0, os.SEEK_SET)
            os.write(fd, json.dumps(me.__dict__).encode("utf-8"))
            os.fsync(fd)
            self._fd = fd
            self.holder = None
            return True
        return False

    def release(self) -> None:
        fd, self._fd = self._fd, None
        if fd is None:
            return
        # Remove the file while still holding the OS lock, so nobody sees it half-released.
        with contextlib.suppress(FileNotFoundError):
            if os.fstat(fd).st_ino == os.stat(self.lock_path).st_ino:
                os.unlink(self.lock_path)
        os.close(fd)


def _read_all(fd: int) -> bytes:
    os.lseek(fd, 0, os.SEEK_SET)
    chunks = []
    while chunk := os.read(fd, 65536):
        chunks.append(chunk)
    return b"".join(chunks)
