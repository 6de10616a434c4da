"""One writer per workshop file: a lock file beside it that says who holds it.

The operating system's own file lock decides who holds it (taken through `portalocker`:
flock on Linux and macOS, LockFileEx/msvcrt on Windows), so a crashed process can never
leave a lock behind and two TrustBoards taking over the same old lock file cannot both win.
The file's contents only say *who* has it, for the message a second opener sees. A lock
written by another computer (a shared folder) is respected, because that computer's OS lock
may not be visible from here; the user may take it over (`FileLock.take_over`) once they
know that computer is done with it.

The lock file lives in a folder others may write to, so it is treated as hostile: it is
opened without following a symbolic link, and anything that is not a small regular file
with one name (a link to another file, a device, a folder, a huge file) is refused and left
untouched. The workshop then opens read-only and `FileLock.refusal` says why. Nothing of
it is read beyond `LOCK_FILE_BYTES`.

While the workshop is open, a cleaner or a sync tool may delete or replace the lock file;
`still_held` notices before each save, makes a new one when it can, and says when another
TrustBoard has the file now.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import errno
import getpass
import json
import os
import platform
import stat
import threading
from dataclasses import dataclass
from pathlib import Path

import portalocker

from trustboard.domain.limits import LOCK_FILE_BYTES
from trustboard.i18n import _, format_number

UNKNOWN_HOST = "?"
_FIELD_CHARS = 100  # of each detail shown from a lock file
_OPEN_FLAGS = (
    os.O_RDWR
    | os.O_CREAT
    | getattr(os, "O_NOFOLLOW", 0)  # a symbolic link at the lock's name fails to open
    | getattr(os, "O_NONBLOCK", 0)  # a FIFO planted there cannot hang the open
    | getattr(os, "O_CLOEXEC", 0)
    | getattr(os, "O_BINARY", 0)
)
# What opening a symbolic link with O_NOFOLLOW fails with (Linux, macOS: ELOOP; BSD: EMLINK).
_SYMLINK_ERRORS = {errno.ELOOP, getattr(errno, "EMLINK", errno.ELOOP)}


@dataclass(frozen=True)
class LockHolder:
    pid: int
    host: str
    user: str
    since: str

    def describe(self) -> str:
        # Translators: who holds a workshop file open, e.g. "ana on laptop-3 (process 4211,
        # since 2026-12-04 14:05)".
        return _("{user} on {host} (process {pid}, since {since})").format(
            user=self.user or _("someone"), host=self.host, pid=self.pid, since=self.since
        )

    @property
    def elsewhere(self) -> bool:
        """Written on another computer, whose OS lock this one may not see ("?": unknown,
        a process here holds it and has not said who it is)."""
        return self.host not in (platform.node(), UNKNOWN_HOST)


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


_EXCLUSIVE_NOW = portalocker.LockFlags.EXCLUSIVE | portalocker.LockFlags.NON_BLOCKING


def _try_os_lock(fd: int) -> bool:
    try:
        portalocker.lock(fd, _EXCLUSIVE_NOW)
    except portalocker.exceptions.LockException:  # held by another process, or refused
        return False
    return True


def _os_unlock(fd: int) -> None:
    """Let go of the OS lock before closing: Windows frees it only some time after a close."""
    with contextlib.suppress(portalocker.exceptions.LockException, OSError):
        portalocker.unlock(fd)


def _printable(value: object) -> str:
    """A detail from a lock file, safe to show in a window or a terminal."""
    text = str(value)[:_FIELD_CHARS]
    return "".join(c if c.isprintable() else "?" for c in text)


def _read_holder(data: bytes) -> LockHolder | None:
    if len(data) > LOCK_FILE_BYTES:
        return None
    try:
        info = json.loads(data.decode("utf-8"))
        return LockHolder(
            int(info["pid"]),
            _printable(info["host"]),
            _printable(info["user"]),
            _printable(info["since"]),
        )
    except (ValueError, KeyError, TypeError, AttributeError, RecursionError):
        return None


def _refusal(lock_path: Path, st: os.stat_result) -> str:
    """Why this lock file is not one TrustBoard would write; empty when it looks like one."""
    what = ""
    if stat.S_ISDIR(st.st_mode):
        what = _("is a folder")
    elif not stat.S_ISREG(st.st_mode):
        what = _("is a device or another special file")
    elif st.st_nlink > 1:
        what = _("is a second name of another file (a hard link)")
    elif st.st_size > LOCK_FILE_BYTES:
        what = _("is {size} bytes, far more than a lock ({most} at most)").format(
            size=format_number(st.st_size, 0), most=format_number(LOCK_FILE_BYTES, 0)
        )
    if not what:
        return ""
    return _refused(lock_path, what)


def _refused(lock_path: Path, what: str) -> str:
    return _(
        "its lock file {name} {what}, not a lock TrustBoard made; it was left untouched. Remove it "
        "to edit this workshop."
    ).format(name=lock_path.name, what=what)


def _same_inode(a: os.stat_result, b: os.stat_result) -> bool:
    return (a.st_dev, a.st_ino) == (b.st_dev, b.st_ino)


class FileLock:
    """Hold `.NAME.lock` beside a workshop file for as long as it is open for editing."""

    def __init__(self, path: Path) -> None:
        self.lock_path = lock_path_for(path)
        self.holder: LockHolder | None = None  # who holds it when we could not get it
        self.refusal = ""  # why the lock file itself was refused (left untouched)
        self._fd: int | None = None
        self._lost = False  # another TrustBoard had it meanwhile: never write again
        self._guard = threading.Lock()  # saves check the lock on another thread

    @property
    def held(self) -> bool:
        return self._fd is not None

    def acquire(self, *, take_over: bool = False) -> bool:
        """True when we hold the lock now; otherwise `holder` says who does, or `refusal`
        why the lock file was left alone.

        With `take_over`, a lock written by another computer is overwritten with ours as
        long as no process that this computer can see holds it. Raises OSError (with
        nothing left behind) when the lock file cannot be made or written.
        """
        with self._guard:
            if self._fd is not None:
                return True
            fd = self._lock_once(take_over=take_over)
            if fd is None:
                return False
            self._fd = fd
            return True

    def take_over(self) -> bool:
        """Acquire even when the lock names another computer (the user said it is done)."""
        return self.acquire(take_over=True)

    def still_held(self) -> bool:
        """True when the lock file is still ours; called before each save.

        When a cleaner or sync tool deleted or replaced the lock file, a new one is made and
        locked (True), unless another TrustBoard holds the file now (False: `holder` says
        who). Once False, always False: that TrustBoard may have changed the file since.
        Something refused as a lock (see `refusal`) in its place keeps it ours: no other
        TrustBoard will edit through it either.
        Raises OSError when no new lock file can be made (the folder is gone).
        """
        with self._guard:
            fd = self._fd
            if fd is None or self._lost:
                return False
            try:
                if _same_inode(os.fstat(fd), os.lstat(self.lock_path)):
                    return True
            except FileNotFoundError:
                pass
            new = self._lock_once(take_over=False)
            if new is None and self.refusal:
                # Something that is no lock took its place (a link, a folder): every other
                # TrustBoard refuses it too, so nobody else can edit; keep ours and go on.
                return True
            if new is None:
                self._lost = True
                return False
            self._fd = new
            _os_unlock(fd)
            os.close(fd)
            return True

    def release(self) -> None:
        """Remove the lock file and let go of it; never fails (the edits are saved by now).

        The file is removed while still held, so nobody sees it half-released; a lock file
        someone else made in its place stays. Windows refuses to remove a file that is
        open, so there it is removed right after closing it, unless another TrustBoard has
        opened it meanwhile (Windows refuses again, and that one keeps it).
        """
        with self._guard:
            fd, self._fd = self._fd, None
            if fd is None:
                return
            ours = removed = False
            try:
                try:
                    ours = _same_inode(os.fstat(fd), os.lstat(self.lock_path))
                    if ours:
                        os.unlink(self.lock_path)
                        removed = True
                except OSError:  # gone already, or open (Windows): see below
                    pass
            finally:
                _os_unlock(fd)
                os.close(fd)
            if ours and not removed:
                with contextlib.suppress(OSError):
                    os.unlink(self.lock_path)

    # -- one attempt -----------------------------------------------------------------

    def _lock_once(self, *, take_over: bool) -> int | None:
        """An fd holding the OS lock with our details written, or None (see holder/refusal)."""
        self.holder = None
        self.refusal = ""
        for _attempt in range(5):
            fd = self._open()
            if fd is None:
                return None
            try:
                refusal = _refusal(self.lock_path, os.fstat(fd))
                if refusal:
                    self.refusal = refusal
                    os.close(fd)
                    return None
                if not _try_os_lock(fd):
                    self.holder = _holder_in(fd) or LockHolder(0, UNKNOWN_HOST, "", _("just now"))
                    os.close(fd)
                    return None
                try:
                    here: os.stat_result | None = os.lstat(self.lock_path)
                except FileNotFoundError:
                    here = None
                if here is not None and stat.S_ISLNK(here.st_mode):  # no O_NOFOLLOW (Windows)
                    self.refusal = _refused(self.lock_path, _("is a symbolic link to another file"))
                    os.close(fd)
                    return None
                if here is None or not _same_inode(os.fstat(fd), here):
                    os.close(fd)  # the previous holder removed it as we opened it: try again
                    continue
                previous = _read_holder(_read_head(fd))
                if previous is not None and previous.elsewhere and not take_over:
                    self.holder = previous
                    os.close(fd)
                    return None
            except BaseException:
                os.close(fd)
                raise
            self._write_me(fd)
            return fd
        return None

    def _open(self) -> int | None:
        try:
            return os.open(self.lock_path, _OPEN_FLAGS, 0o644)
        except IsADirectoryError:
            self.refusal = _refused(self.lock_path, _("is a folder"))
        except OSError as exc:
            if exc.errno not in _SYMLINK_ERRORS:
                raise
            self.refusal = _refused(self.lock_path, _("is a symbolic link to another file"))
        return None

    def _write_me(self, fd: int) -> None:
        """Say who holds the lock. On any failure (a full disk) leave no lock behind: remove
        the half-written file while still holding it, close it, and raise."""
        data = json.dumps(_me().__dict__).encode("utf-8")
        try:
            os.ftruncate(fd, 0)
            os.lseek(fd, 0, os.SEEK_SET)
            view = memoryview(data)
            while view:
                written = os.write(fd, view)
                if written <= 0:
                    raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(self.lock_path))
                view = view[written:]
            os.fsync(fd)
        except BaseException:
            try:
                with contextlib.suppress(OSError):
                    if _same_inode(os.fstat(fd), os.lstat(self.lock_path)):
                        os.unlink(self.lock_path)
            finally:
                os.close(fd)
            raise


def _holder_in(fd: int) -> LockHolder | None:
    """Who a lock file held by another process names; None when it cannot be read (on
    Windows the holder's OS lock keeps others from reading what it locked)."""
    try:
        return _read_holder(_read_head(fd))
    except OSError:
        return None


def _read_head(fd: int) -> bytes:
    """The first LOCK_FILE_BYTES + 1 bytes at most: enough to tell a lock from a too-big file."""
    os.lseek(fd, 0, os.SEEK_SET)
    chunks: list[bytes] = []
    left = LOCK_FILE_BYTES + 1
    while left > 0 and (chunk := os.read(fd, left)):
        chunks.append(chunk)
        left -= len(chunk)
    return b"".join(chunks)
