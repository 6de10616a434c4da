"""Files on disk: atomic, durable replacement (a crash leaves the old file or the new one,
never a mix), and reading a regular file of bounded size that never hangs on a pipe.

Qt-free and free of the store, so every layer that writes a file (the workshop file, the
settings, PDF export) replaces it the same way, and every reader of a file the user or
another program controls (workshops, templates, settings) refuses the same hazards.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
from pathlib import Path

TEMP_SUFFIX = ".tbtmp"
NEW_FILE_MODE = 0o644

# What identifies one version of a file on disk: (inode, modification time in ns, size).
# Another program that replaces the file (temp + rename) or rewrites it changes at least one.
FileIdentity = tuple[int, int, int]


def identity(st: os.stat_result) -> FileIdentity:
    return (st.st_ino, st.st_mtime_ns, st.st_size)


def temp_name(path: Path) -> Path:
    return path.with_name(f".{path.name}.{os.getpid()}.{os.urandom(4).hex()}{TEMP_SUFFIX}")


def existing_mode(path: Path) -> int | None:
    """The permission bits of the regular file at `path`, or None when there is none."""
    try:
        st = os.stat(path)
    except OSError:
        return None
    return stat.S_IMODE(st.st_mode) if stat.S_ISREG(st.st_mode) else None


def atomic_write(
    path: Path, chunks: list[bytes] | bytes, *, mode: int | None = None
) -> FileIdentity:
    """Write to a temp file in the same folder, fsync it, rename over `path`, fsync the folder.

    The new file gets `mode`, or else the permission bits of the file it replaces (a private
    0600 file stays private), or else 0644 less the umask. Returns the written file's identity.
    """
    if mode is None:
        mode = existing_mode(path)
    tmp = temp_name(path)
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
    # Created private, so the data is never readable by more people than the file allows.
    fd = os.open(tmp, flags, 0o600 if mode is not None else NEW_FILE_MODE)
    try:
        with os.fdopen(fd, "wb") as fh:
            if mode is not None and hasattr(os, "fchmod"):
                os.fchmod(fh.fileno(), mode)  # exactly the old bits, whatever the umask
            if isinstance(chunks, bytes):
                fh.write(chunks)
            else:
                fh.writelines(chunks)
            fh.flush()
            os.fsync(fh.fileno())
            written = identity(os.fstat(fh.fileno()))
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise
    # Some file systems settle the times only when the file is closed: take them from the
    # renamed file, unless another program has already put its own file there.
    with contextlib.suppress(OSError):
        settled = os.stat(path)
        if settled.st_ino == written[0]:
            written = identity(settled)
    fsync_dir(path.parent)
    return written


def fsync_dir(folder: Path) -> None:
    """Make the rename itself durable; folders cannot be opened for this on Windows."""
    if os.name == "nt":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def sweep_temp_files(path: Path) -> list[Path]:
    """Remove temp files an interrupted save of `path` left behind (call with the lock held)."""
    removed = []
    prefix = f".{path.name}."  # not glob(): file names may hold [ ] * ?
    for stale in path.parent.iterdir():
        if not (stale.name.startswith(prefix) and stale.name.endswith(TEMP_SUFFIX)):
            continue
        with contextlib.suppress(OSError):
            stale.unlink()
            removed.append(stale)
    return removed


class NotRegularFileError(OSError):
    """A folder, pipe, socket or device where a file was expected: nothing was read."""

    def __init__(self, path: Path, st: os.stat_result) -> None:
        super().__init__(errno.EINVAL, "not a regular file", str(path))
        self.is_dir = stat.S_ISDIR(st.st_mode)


class FileTooBigError(OSError):
    """A file over the caller's limit; `size` is as much of it as was seen."""

    def __init__(self, path: Path, size: int) -> None:
        super().__init__(errno.EFBIG, "file too big", str(path))
        self.size = size


_NONBLOCK = getattr(os, "O_NONBLOCK", 0)
_READ_FLAGS = os.O_RDONLY | _NONBLOCK | getattr(os, "O_BINARY", 0) | getattr(os, "O_CLOEXEC", 0)
_CHUNK = 1 << 20


def read_regular(path: Path, limit: int) -> tuple[bytes, os.stat_result]:
    """The bytes of a regular file of at most `limit` bytes, and the stat of what was read.

    Opened without blocking (a FIFO would wait for a writer forever) and checked on the
    open file itself, so a folder, a pipe or a device (a symlink to /dev/zero) is refused
    before a byte is read, and a file that grows while it is read is never read past
    `limit`. Raises NotRegularFileError, FileTooBigError, or the OSError of the open.
    """
    fd = os.open(path, _READ_FLAGS)
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            raise NotRegularFileError(path, st)
        if st.st_size > limit:
            raise FileTooBigError(path, st.st_size)
        if _NONBLOCK:
            os.set_blocking(fd, True)  # a regular file: reads wait for the disk, not a writer
        parts: list[bytes] = []
        size = 0
        while part := os.read(fd, max(_CHUNK, st.st_size - size + 1)):
            size += len(part)
            if size > limit:  # it grew while being read
                raise FileTooBigError(path, size)
            parts.append(part)
    finally:
        os.close(fd)
    return b"".join(parts), st
