"""Reading a workshop file by hand: every way a file can be bad is named, and nothing is
ever created, changed or read beyond the size limit (a pipe or a device is refused first).
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from trustboard.domain import limits
from trustboard.domain.checks import quoted
from trustboard.domain.reader import type_name
from trustboard.fsutil import FileTooBigError, NotRegularFileError, read_regular
from trustboard.i18n import N_, _, format_number
from trustboard.store.errors import TrustBoardFileError
from trustboard.store.schema import FORMAT_MARKER, SCHEMA_VERSION, TABLES, Tables

_TRUNCATED = N_("is cut short (truncated): the data ends before the workshop is complete")


_MEGABYTE = 1024 * 1024


def read_regular_file(path: Path) -> tuple[bytes, os.stat_result]:
    """The bytes of a regular file of sane size, and the stat of what was read.

    A pipe, a device (/dev/zero, /dev/urandom) or a folder is refused at once, before a
    byte is read, so nothing hangs or fills the memory.
    """
    try:
        return read_regular(path, limits.WORKSHOP_FILE_BYTES)
    except FileNotFoundError:
        raise TrustBoardFileError(path, _("does not exist")) from None
    except IsADirectoryError:
        raise TrustBoardFileError(path, _("is a folder, not a workshop file")) from None
    except NotRegularFileError as exc:
        if exc.is_dir:
            raise TrustBoardFileError(path, _("is a folder, not a workshop file")) from None
        raise TrustBoardFileError(
            path, _("is not a workshop file: it is a device, pipe or socket, not a regular file")
        ) from None
    except FileTooBigError as exc:
        raise TrustBoardFileError(path, _too_big(exc.size)) from None
    except OSError as exc:
        raise TrustBoardFileError(
            path, _("cannot be read ({error})").format(error=exc.strerror)
        ) from None


def _too_big(size: int) -> str:
    return _(
        "is too big to be a workshop ({size} MB; a workshop file holds at most {most} MB)"
    ).format(
        size=format_number(size // _MEGABYTE, 0),
        most=format_number(limits.WORKSHOP_FILE_BYTES // _MEGABYTE, 0),
    )


class _DuplicateKeyError(ValueError):
    def __init__(self, key: str) -> None:
        super().__init__(key)
        self.key = key


def _refuse_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    """json's object hook: the same key twice in one object is damage, not a choice."""
    obj = dict(pairs)
    if len(obj) != len(pairs):
        seen: set[str] = set()
        for key, _value in pairs:
            if key in seen:
                raise _DuplicateKeyError(key)
            seen.add(key)
    return obj


_CONTAINERS = (dict, list)


def _nesting_depth(data: Any) -> int:
    """How many objects/arrays sit inside each other (1 for a flat object); counting stops
    just over the limit. One level at a time, so a big flat file costs one quick pass."""
    level = [data]
    depth = 0
    while level and depth <= limits.NESTING_DEPTH:
        depth += 1
        level = [
            child
            for node in level
            for child in (node.values() if type(node) is dict else node)
            if type(child) in _CONTAINERS
        ]
    return depth


def parse_tables(path: Path, raw: bytes) -> Tables:
    if not raw.strip():
        raise TrustBoardFileError(path, _("is empty (0 bytes of workshop data)"))
    try:
        text = raw.decode("utf-8-sig")  # a byte-order mark from a text editor is harmless
    except UnicodeDecodeError as exc:
        if exc.end >= len(raw.rstrip()) and "unexpected end" in exc.reason:
            raise TrustBoardFileError(path, _(_TRUNCATED)) from None
        raise TrustBoardFileError(
            path,
            _("is not a TrustBoard file: byte {position} is not text (a binary file?)").format(
                position=exc.start
            ),
        ) from None
    try:
        data = json.loads(text, object_pairs_hook=_refuse_duplicates)
    except _DuplicateKeyError as exc:
        raise TrustBoardFileError(
            path,
            _(
                "is damaged: the name {name} appears twice in one object, so it is unclear which "
                "one holds the data"
            ).format(name=json.dumps(exc.key, ensure_ascii=False)[:80]),
        ) from None
    except RecursionError:
        raise TrustBoardFileError(
            path, _("is not a TrustBoard file: its data is nested too deeply")
        ) from None
    except json.JSONDecodeError as exc:
        # An unterminated string runs into the end of the data; other errors at the very
        # end mean the data stops early too.
        if exc.msg.startswith("Unterminated string") or exc.pos >= len(text.rstrip()) - 1:
            raise TrustBoardFileError(path, _(_TRUNCATED)) from None
        problem = _("is not valid workshop data ({error}, line {line}, column {column})").format(
            error=exc.msg.removesuffix(" at"), line=exc.lineno, column=exc.colno
        )
        raise TrustBoardFileError(path, problem) from None
    except ValueError as exc:  # e.g. a number too long to convert
        raise TrustBoardFileError(
            path, _("is not valid workshop data: {error}").format(error=exc)
        ) from None
    if not isinstance(data, dict):
        raise TrustBoardFileError(
            path, _("is not a TrustBoard file (its data is not a set of tables)")
        )
    if _nesting_depth(data) > limits.NESTING_DEPTH:
        raise TrustBoardFileError(
            path,
            _(
                "is not a TrustBoard file: its data is nested too deeply (more than {most} levels)"
            ).format(most=limits.NESTING_DEPTH),
        )
    for name, table in data.items():
        if not isinstance(table, dict):
            raise TrustBoardFileError(
                path, _("is damaged: table {table} is not a table").format(table=repr(name))
            )
        for key, record in table.items():
            if not isinstance(record, dict):
                raise TrustBoardFileError(
                    path,
                    _("is damaged: record {table}.{key} is not a record").format(
                        table=name, key=key
                    ),
                )
    return data


def file_version(path: Path, tables: Tables) -> tuple[int, str]:
    """(schema version, app version) from the meta table; refuses files of other programs."""
    meta = tables.get("meta", {}).get("file")
    if meta is None or meta.get("format") != FORMAT_MARKER:
        names = ", ".join(sorted(tables)) or "none"
        raise TrustBoardFileError(
            path,
            _(
                "is not a TrustBoard workshop (a database of another program? tables: {tables})"
            ).format(tables=names),
        )
    version = meta.get("schema_version")
    # A format number is small: a huge one is damage, not a file from the far future.
    if isinstance(version, bool) or not isinstance(version, int) or not 1 <= version <= 1000:
        if isinstance(version, str):
            shown = quoted(version)  # cut short: the message never repeats a flood of text
        elif isinstance(version, int) and not isinstance(version, bool):
            shown = repr(version) if abs(version) < 10**15 else "'huge'"
        else:
            shown = repr(version) if isinstance(version, bool | float) else type_name(version)
        raise TrustBoardFileError(
            path, _("is damaged: meta.file.schema_version is {value}").format(value=shown)
        )
    missing = [t for t in TABLES if t not in tables]
    if missing and version <= SCHEMA_VERSION:
        raise TrustBoardFileError(
            path, _("is damaged: the table {table} is missing").format(table=repr(missing[0]))
        )
    return version, str(meta.get("app_version", "unknown"))
