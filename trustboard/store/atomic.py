"""Atomic, durable file replacement: a crash leaves the old file or the new one, never a mix."""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

TEMP_SUFFIX = ".tbtmp"


def temp_name(path: Path) -> Path:
    return path.with_name(f".{path.name}.{os.getpid()}.{os.urandom(4).hex()}{TEMP_SUFFIX}")


def atomic_write(path: Path, chunks: list[bytes] | bytes) -> None:
    """Write to a temp file in the same folder, fsync it, rename over `path`, fsync the folder."""
    tmp = temp_name(path)
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o644)
    try:
        with os.fdopen(fd, "wb") as fh:
            if isinstance(chunks, bytes):
                fh.write(chunks)
            else:
                fh.writelines(chunks)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise
    fsync_dir(path.parent)


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
