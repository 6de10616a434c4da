"""One writer per workshop file: a lock file beside it that says who holds it."""

from __future__ import annotations

import contextlib
import datetime as dt
import getpass
import json
import os
import socket
import sys
import time
from dataclasses import dataclass
from pathlib import Path

# A lock file with unreadable contents younger than this may still be being written.
_UNREADABLE_GRACE_S = 10.0


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
    except Exception:  # no user name on some sandboxes; the lock still works without it
        user = ""
    return LockHolder(
        pid=os.getpid(),
        host=socket.gethostname(),
        user=user,
        since=dt.datetime.now().astimezone().isoformat(timespec="seconds"),
    )


def _pid_alive(pid: int) -> bool:
    if pid <= 0:
        return False
    if sys.platform == "win32":  # pragma: no cover - exercised on Windows only
        import ctypes

        handle = ctypes.windll.kernel32.OpenProcess(0x1000, False, pid)
        if not handle:
            return False
        ctypes.windll.kernel32.CloseHandle(handle)
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


class FileLock:
    """Create-exclusive lock file in the QLockFile manner, taking over locks of dead processes."""

    def __init__(self, path: Path) -> None:
        self.lock_path = lock_path_for(path)
        self.holder: LockHolder | None = None  # who holds it when we could not get it
        self._mine: LockHolder | None = None

    @property
    def held(self) -> bool:
        return self._mine is not None

    def acquire(self) -> bool:
        """True when we hold the lock now; otherwise `holder` says who does."""
        for _ in range(3):
            me = _me()
            try:
                fd = os.open(self.lock_path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
            except FileExistsError:
                holder = self._read_holder()
                if holder is not None and not self._is_stale(holder):
                    self.holder = holder
                    return False
                if holder is None and not self._unreadable_is_old():
                    self.holder = LockHolder(0, "?", "", "just now")
                    return False
                with contextlib.suppress(FileNotFoundError):
                    os.unlink(self.lock_path)
                continue
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                json.dump(me.__dict__, fh)
                fh.flush()
                os.fsync(fh.fileno())
            self._mine = me
            self.holder = None
            return True
        return False

    def release(self) -> None:
        if self._mine is None:
            return
        if self._read_holder() == self._mine:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(self.lock_path)
        self._mine = None

    def _read_holder(self) -> LockHolder | None:
        try:
            data = json.loads(self.lock_path.read_text(encoding="utf-8"))
            return LockHolder(
                int(data["pid"]), str(data["host"]), str(data["user"]), str(data["since"])
            )
        except (OSError, ValueError, KeyError, TypeError):
            return None

    def _is_stale(self, holder: LockHolder) -> bool:
        # Only a process on this machine can be checked; a lock from another host
        # (a shared folder) is respected until that host releases it.
        return holder.host == socket.gethostname() and not _pid_alive(holder.pid)

    def _unreadable_is_old(self) -> bool:
        try:
            return time.time() - self.lock_path.stat().st_mtime > _UNREADABLE_GRACE_S
        except FileNotFoundError:
            return True
