"""One workshop = one `.trustboard` file: tinydb's JSON layout, written atomically.

The tables live in memory in a tinydb database over a dict; an edit replaces or removes only
the records it changed, through tinydb's tables (whose stock update path rebuilds a whole
table per edit: `_LiveTable` runs it on the live dict instead). Records are never changed in
place, only replaced, so a flush copies each table's index, not its records.
Every flush writes the whole document with `atomic_write`, so a crash leaves the previous
or the next complete file. Reading is done by hand so that a bad file is named precisely
and never touched.
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import stat
import threading
from collections.abc import Callable, Iterable, Iterator
from datetime import datetime
from itertools import islice
from pathlib import Path
from typing import Any

from tinydb import TinyDB
from tinydb.storages import Storage
from tinydb.table import Document, Table

from trustboard import FILE_SUFFIX, __version__
from trustboard.domain import codec
from trustboard.domain.errors import ValidationError
from trustboard.domain.workshop import Answer, Card, KpiBasis, Rating, Round, Workshop
from trustboard.fsutil import FileIdentity, atomic_write, identity, sweep_temp_files
from trustboard.i18n import _
from trustboard.store.errors import (
    FolderGoneError,
    LockLostError,
    NewerFileError,
    TrustBoardFileError,
)
from trustboard.store.lock import FileLock, LockHolder
from trustboard.store.reading import file_version, parse_tables, read_regular_file
from trustboard.store.schema import (
    SCHEMA_VERSION,
    Tables,
    answer_key,
    decode_workshop,
    encode_workshop,
    kpi_key,
    migrate,
    rating_key,
)

SUFFIX = FILE_SUFFIX


class _LiveTable(Table):
    """A tinydb table whose writes touch only their own records.

    tinydb's `_update_table` converts every id and copies the whole table around each
    write, so one edit cost the size of the table. Ids here are our own strings, which
    need no converting, so the same updaters run on the live dict: tinydb still decides
    what an insert or a removal does, in time proportional to the records it touches.
    """

    document_id_class = str

    def _update_table(self, updater: Callable[[dict[str, Any]], None]) -> None:
        updater(self._storage.read().setdefault(self.name, {}))
        self._query_cache.clear()


class _LiveStorage(Storage):
    """The tables dict itself, never copied: `WorkshopFile` writes the file, not tinydb."""

    def __init__(self, tables: Tables) -> None:
        self.tables = tables

    def read(self) -> Tables:
        return self.tables

    def write(self, data: Tables) -> None:
        self.tables = data


class _Database(TinyDB):
    table_class = _LiveTable


def _database(tables: Tables) -> TinyDB:
    return _Database(storage=_LiveStorage, tables=tables)


__all__ = ["SCHEMA_VERSION", "SUFFIX", "WorkshopFile"]


class WorkshopFile:
    """An open workshop file: the loaded Workshop plus the means to persist its changes.

    Record changes (`put_*`, `remove_*`) are cheap and happen on the caller's thread;
    `flush()` writes the file and may run on another thread (see `Autosaver`).
    """

    lock_holder: LockHolder | None = None  # who has it, when that made it read-only

    def __init__(
        self,
        path: Path,
        workshop: Workshop,
        tables: Tables,
        lock: FileLock | None,
        read_only_reason: str = "",
        *,
        on_disk: FileIdentity | None = None,
        mode: int | None = None,
    ) -> None:
        self.path = path
        self.workshop = workshop
        self.read_only_reason = read_only_reason
        self._lock = lock
        self._tables = tables  # records are replaced, never changed in place
        self._db = _database(tables)  # the tables, written through tinydb
        self._mutex = threading.Lock()  # guards the tables
        self._write_lock = threading.Lock()  # one write to disk at a time
        self._dirty = False
        self._closed = False
        self.on_dirty: Callable[[], None] | None = None
        self.newer: tuple[int, str] | None = None  # (format, app version) of a newer file
        # The version of the file we last read or wrote: another program's change shows
        # as a different identity, and we then never write over it.
        self._on_disk = on_disk
        self._mode = mode  # the permission bits the file had when opened
        # Set when another program changed the file while it was open here: our version
        # went to this copy beside it, and later saves go there too.
        self.conflict_copy: Path | None = None

    # -- opening ---------------------------------------------------------------------

    @classmethod
    def open(
        cls, path: Path | str, *, read_only: bool = False, take_over: bool = False
    ) -> WorkshopFile:
        """Open a workshop; raises TrustBoardFileError and leaves the file as it was.

        When another process holds the file, or it was written by a newer version, it
        opens read-only and `read_only_reason` says why (`lock_holder` who holds it).
        `take_over` takes a lock written by another computer (the user said it is done).
        """
        path = _real_path(path)  # through a symlink: saves go to its target, it stays a link
        raw, st = read_regular_file(path)
        tables = parse_tables(path, raw)
        version, app_version = file_version(path, tables)
        reason = ""
        if version > SCHEMA_VERSION:
            if not read_only:
                raise NewerFileError(path, version, app_version)
            reason = str(NewerFileError(path, version, app_version).problem)
        if not reason and not read_only and not _may_write(path, st):
            reason = _("the file is read-only (you do not have permission to change it)")
        lock: FileLock | None = None
        holder: LockHolder | None = None
        if not read_only and not reason:
            lock = FileLock(path)
            try:
                acquired = lock.acquire(take_over=take_over)
            except OSError as exc:  # a read-only folder or medium: no lock, no saving
                acquired = False
                reason = _("its folder cannot be written to ({error})").format(error=exc.strerror)
            if not acquired:
                holder = lock.holder
                reason = reason or lock.refusal
                reason = reason or _("it is open in another TrustBoard: {holder}").format(
                    holder=_describe(holder)
                )
                lock = None
            else:
                sweep_temp_files(path)
        elif not reason:
            reason = _("opened read-only")
        try:
            if version < SCHEMA_VERSION:
                tables = migrate(tables, version)  # in memory; the file stays old until saved
            workshop = decode_workshop(tables)
            if lock is not None and version < SCHEMA_VERSION:
                # Backed up once it is sure to open: a damaged old file gets no backup.
                shutil.copy2(path, path.with_name(f"{path.name}.v{version}.bak"))
        except (ValidationError, KeyError, TypeError) as exc:
            if lock is not None:
                lock.release()
            if version > SCHEMA_VERSION:  # a newer layout, not damage
                raise NewerFileError(path, version, app_version) from None
            if isinstance(exc, ValidationError):
                raise TrustBoardFileError(
                    path,
                    _("is damaged at {where}: {problem}").format(
                        where=exc.path, problem=exc.problem
                    ),
                ) from None
            raise TrustBoardFileError(
                path, _("is damaged: {error}").format(error=repr(exc))
            ) from None
        except BaseException:
            if lock is not None:
                lock.release()
            raise
        wf = cls(
            path,
            workshop,
            tables,
            lock,
            reason,
            on_disk=identity(st),
            mode=stat.S_IMODE(st.st_mode),
        )
        wf.lock_holder = holder
        if version > SCHEMA_VERSION:
            wf.newer = (version, app_version)
        if lock is not None and version < SCHEMA_VERSION:
            wf._dirty = True
            wf.flush()
        return wf

    @classmethod
    def create(
        cls, path: Path | str, workshop: Workshop, *, overwrite: bool = False
    ) -> WorkshopFile:
        """Write a new workshop file and keep it open for editing."""
        path = _real_path(path)
        workshop.validate()
        if path.exists() and not overwrite:
            raise TrustBoardFileError(path, _("already exists"))
        if not path.parent.is_dir():
            raise TrustBoardFileError(
                path,
                _("cannot be created: the folder {folder} does not exist").format(
                    folder=path.parent
                ),
            )
        lock = FileLock(path)
        try:
            acquired = lock.acquire()
        except OSError as exc:
            raise TrustBoardFileError(
                path, _("cannot be created ({error})").format(error=exc.strerror)
            ) from None
        if not acquired:
            raise TrustBoardFileError(
                path,
                lock.refusal
                or _("is open in another TrustBoard: {holder}").format(
                    holder=_describe(lock.holder)
                ),
            )
        wf = cls(path, workshop, encode_workshop(workshop, __version__), lock)
        wf._dirty = True
        try:
            wf.flush()
        except BaseException:
            lock.release()
            raise
        return wf

    # -- state -----------------------------------------------------------------------

    @property
    def read_only(self) -> bool:
        return bool(self.read_only_reason)

    @property
    def dirty(self) -> bool:
        return self._dirty

    # -- record changes --------------------------------------------------------------

    def put_card(self, round_id: str, card: Card) -> None:
        self._put("cards", card.id, codec.card_to_record(round_id, card))

    def remove_card(self, card_id: str) -> None:
        self._remove("cards", card_id)

    def put_cards(self, round_id: str, cards: Iterable[Card], removed: Iterable[str] = ()) -> None:
        """Many card changes in one pass over the table (imports, multi-card moves)."""
        records = {c.id: codec.card_to_record(round_id, c) for c in cards}
        self._put_many("cards", records, set(removed))

    def put_rating(self, round_id: str, rating: Rating) -> None:
        key = rating_key(round_id, rating)
        if rating.scores:
            self._put("ratings", key, codec.rating_to_record(round_id, rating))
        else:
            self._remove("ratings", key)

    def put_answer(self, round_id: str, answer: Answer) -> None:
        key = answer_key(round_id, answer)
        if answer.text or answer.done:
            self._put("answers", key, codec.answer_to_record(round_id, answer))
        else:
            self._remove("answers", key)

    def put_kpi(
        self, round_id: str, kpi_id: str, value: float | None, basis: KpiBasis | None = None
    ) -> None:
        key = kpi_key(round_id, kpi_id)
        if value is None:
            self._remove("kpis", key)
        else:
            self._put("kpis", key, codec.kpi_to_record(round_id, kpi_id, value, basis))

    def put_round(self, rnd: Round, order: int) -> None:
        self._put("rounds", rnd.id, codec.round_to_record(rnd, order))

    def put_workshop(self) -> None:
        """Persist the workshop's metadata and its framework after either changed."""
        fresh = encode_workshop(self.workshop, __version__, records=False)
        for name in ("meta", "framework"):
            for key, record in fresh[name].items():
                self._put(name, key, record)

    def replace_all(self) -> None:
        """Re-encode everything from the Workshop; for bulk changes (import, new round)."""
        fresh = encode_workshop(self.workshop, __version__)
        with self._mutex:
            self._tables = fresh
            self._db = _database(fresh)
        self._mark_dirty()

    def _put(self, table: str, key: str, record: dict[str, Any]) -> None:
        self._put_many(table, {key: record}, set())

    def _put_many(self, table: str, records: dict[str, dict[str, Any]], removed: set[str]) -> None:
        """Replace and remove just these records; the rest of the table is not touched."""
        self._check_writable()
        with self._mutex:
            present = self._tables.get(table, {})
            gone = [key for key in (*removed, *records) if key in present]
            tbl = self._db.table(table)
            if gone:
                tbl.remove(doc_ids=gone)
            if records:  # new dicts: a record a flush is encoding is never changed
                tbl.insert_multiple(Document(record, doc_id=key) for key, record in records.items())
        self._mark_dirty()

    def _remove(self, table: str, key: str) -> None:
        self._put_many(table, {}, {key})

    def _check_writable(self) -> None:
        if self.read_only:
            raise TrustBoardFileError(
                self.path, _("is read-only: {reason}").format(reason=self.read_only_reason)
            )
        if self._closed:
            raise TrustBoardFileError(self.path, _("is closed"))

    def _mark_dirty(self) -> None:
        self._dirty = True
        if self.on_dirty is not None:
            self.on_dirty()

    # -- writing ---------------------------------------------------------------------

    def flush(self) -> bool:
        """Write the file now if anything changed; True when it wrote. Thread-safe.

        Writes are serialised and each takes its snapshot once it may write, so when two
        threads flush at once the later write is always the newer state.
        """
        with self._write_lock:
            if not self._dirty or self.read_only:
                return False
            with self._mutex:
                self._dirty = False
                snapshot = _snapshot(self._tables)
            try:
                target, new_file = self._write_target()  # first: it names a vanished folder
                if self._lock is not None and not self._lock.still_held():
                    raise LockLostError(self.path, _describe(self._lock.holder))
                data = list(_encode(snapshot))
                try:
                    if new_file:  # a conflict copy or a deleted file: with the file's mode
                        self._on_disk = atomic_write(target, data, mode=self._mode)
                    else:  # keeps the mode of the file it replaces
                        self._on_disk = atomic_write(target, data)
                except FileNotFoundError:
                    if not target.parent.is_dir():
                        raise FolderGoneError(target.parent) from None
                    raise
            except BaseException:
                self._dirty = True
                raise
            return True

    @property
    def saving_to(self) -> Path:
        """The file saves go to: this one, or the conflict copy once there was a conflict."""
        return self.conflict_copy or self.path

    @property
    def folder_gone(self) -> bool:
        """True when the folder saves go to no longer exists (moved or deleted)."""
        return not self.saving_to.parent.is_dir()

    def _write_target(self) -> tuple[Path, bool]:
        """Where the next save may go without destroying anyone's data.

        When another program replaced or rewrote the file since we last read or wrote it
        (a sync tool, an editor), ours goes to a new conflict copy beside it instead: both
        versions are kept, and `conflict_copy` tells the caller. Also says whether the
        target is a new file.
        """
        target = self.saving_to
        try:
            st = os.stat(target)
        except FileNotFoundError:
            if not target.parent.is_dir():
                raise FolderGoneError(target.parent) from None
            return target, True  # deleted by someone: writing it again loses nothing
        if self._on_disk is None or identity(st) == self._on_disk:
            return target, False
        self.conflict_copy = conflict_copy_name(self.path)
        return self.conflict_copy, True

    def save_copy(self, target: Path | str, *, instead_of_this: bool = False) -> None:
        """Write the current state to another file (Save a copy); this file stays open.

        With `instead_of_this` the edits count as saved: the caller opens `target` next
        and lets this file go (Save As when this file's folder is gone).
        """
        with self._write_lock:
            with self._mutex:
                snapshot = _snapshot(self._tables)
                dirty = self._dirty
                if instead_of_this:
                    self._dirty = False
            try:
                atomic_write(_real_path(target), list(_encode(snapshot)))
            except BaseException:
                self._dirty = dirty or self._dirty
                raise

    def close(self) -> None:
        """Write what is pending and release the file.

        When the write fails the file stays open and locked and the error is raised, so the
        caller can tell the user and try again (or save elsewhere) instead of losing edits.
        """
        if self._closed:
            return
        self.flush()
        self._closed = True
        if self._lock is not None:
            self._lock.release()

    def abandon(self) -> None:
        """Release the file without writing pending edits (the user chose to discard them)."""
        self._closed = True
        if self._lock is not None:
            self._lock.release()

    def __enter__(self) -> WorkshopFile:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _describe(holder: LockHolder | None) -> str:
    return holder.describe() if holder is not None else _("unknown")


def _snapshot(data: Tables) -> Tables:
    """Copy each table's index, so encoding can run while the caller changes records.

    The records themselves are shared: they are only ever replaced, never changed in place,
    so copying them would only make garbage for the collector (a pause on the UI thread).
    """
    return {name: dict(table) for name, table in data.items()}


_CHUNK = 500


def _encode(data: Tables) -> Iterator[bytes]:
    """JSON identical to json.dumps(data), produced in slices.

    Slices let the interpreter switch threads between them, so a background flush of a big
    board never holds the UI thread for the whole encode.
    """
    dumps = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode
    yield b"{"
    for t, (name, table) in enumerate(data.items()):
        yield (("," if t else "") + dumps(name) + ":{").encode()
        records = iter(table.items())
        first = True
        while chunk := dict(islice(records, _CHUNK)):
            comma = "" if first else ","
            first = False
            try:
                yield (comma + dumps(chunk)[1:-1]).encode()
            except UnicodeEncodeError:  # a lone surrogate: escape it, keep it exactly
                yield (comma + json.dumps(chunk)[1:-1]).encode()
        yield b"}"
    yield b"}"


# -- paths -------------------------------------------------------------------------------


def _real_path(path: Path | str) -> Path:
    """The file a path stands for: symlinks followed, so a save replaces the target and the
    link stays a link. A link loop is left as it is; opening it then says what is wrong."""
    return Path(os.path.realpath(path))


def _may_write(path: Path, st: os.stat_result) -> bool:
    """False for a file marked read-only (no write bit for anyone) or one we may not write."""
    if not st.st_mode & 0o222:
        return False
    return os.access(path, os.W_OK)


def _safe_host() -> str:
    host = "".join(c for c in socket.gethostname() if c.isascii() and (c.isalnum() or c in "-_."))
    return host.strip(".")[:40] or _("this computer")


def conflict_copy_name(path: Path, now: datetime | None = None) -> Path:
    """A new file beside `path` for our version when another program changed `path`:
    "NAME (conflict, HOST 2026-12-04 231500).trustboard", unused so far, safe on every
    platform and short enough for any file system."""
    now = now or datetime.now()
    stem = path.name.removesuffix(SUFFIX) if path.name.endswith(SUFFIX) else path.name
    stem = stem.lstrip(".") or "workshop"
    # Translators: part of a file name ("Plan (conflict, laptop-3 2026-12-04 231500)"): keep
    # it short, without / \\ : * ? " < > |.
    tag = _("conflict, {host} {time}").format(host=_safe_host(), time=f"{now:%Y-%m-%d %H%M%S}")
    while len(stem.encode("utf-8", "surrogateescape")) > 150:  # room for the tag: names < 255 bytes
        stem = stem[:-1]
    for n in range(1, 1000):
        extra = f" {n}" if n > 1 else ""
        candidate = path.with_name(f"{stem} ({tag}{extra}){SUFFIX}")
        if not os.path.lexists(candidate):
            return candidate
    raise FileExistsError(_("no free name for a conflict copy of {path}").format(path=path))
