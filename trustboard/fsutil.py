"""Atomic, durable file replacement: a crash leaves the old file or the new one, never a mix.

Qt-free and free of the store, so every layer that writes a file (the workshop file, the
settings, PDF export) replaces it the same way.
"""

from __future__ import annotations

import contextlib
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
