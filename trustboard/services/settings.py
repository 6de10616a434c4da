"""The user's preferences and recent files: one small JSON file that can never stop the app."""

from __future__ import annotations

import contextlib
import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from trustboard.fsutil import FileTooBigError, atomic_write, read_regular
from trustboard.paths import UserPaths

FORMAT = "trustboard-settings"
VERSION = 1
MAX_RECENT = 10
THEMES = ("system", "light", "dark", "high-contrast")
DEFAULT_TIMER_MINUTES = 10
TIMER_RANGE = (1, 180)
BROKEN_SUFFIX = ".broken"
# A settings file is a few kilobytes; anything far bigger is not ours.
_MAX_BYTES = 1 << 20
# A recent file whose name is not valid Unicode is stored as {"path_bytes": "<hex>"}.
_PATH_BYTES = "path_bytes"
_ROOM_ADDRESS_CHARS = 64
_LANGUAGE_CHARS = 35  # a BCP 47 tag such as "de-CH" or "pseudo-rtl"
_KNOWN_KEYS = frozenset(
    {
        "format",
        "version",
        "recent_files",
        "theme",
        "presenter_high_contrast",
        "anonymous_presenter",
        "timer_minutes",
        "window_geometry",
        "room_address",
        "time_up_chime",
        "language",
    }
)


@dataclass(frozen=True)
class RecentFile:
    """A recent-files entry as the start page shows it."""

    path: Path
    exists: bool


@dataclass
class Settings:
    """Preferences kept between runs.

    Loading never fails: a missing file gives the defaults; a corrupt or foreign file is
    moved aside to ``settings.json.broken`` (so nothing is silently destroyed) and the
    defaults are used; a field with a wrong value falls back to its default on its own.
    Keys written by a newer TrustBoard are kept and written back untouched.

    Recent files that no longer exist (an unplugged USB stick, a network drive that is
    not mounted) stay in the list: ``recent_status()`` marks them missing and
    ``existing_recent()`` leaves them out; only ``remove_recent()`` or falling off the
    end of the list drops them.
    """

    path: Path
    recent_files: list[str] = field(default_factory=list)
    theme: str = "system"
    presenter_high_contrast: bool = False
    anonymous_presenter: bool = False
    timer_minutes: int = DEFAULT_TIMER_MINUTES
    window_geometry: str = ""
    room_address: str = ""  # the local address the room was opened on last
    time_up_chime: bool = True  # a short chime when a timebox runs out
    language: str = ""  # the interface language's code; "" follows the system
    # Keys this version does not know (from a newer one): written back as they were.
    extra: dict[str, Any] = field(default_factory=dict, repr=False)

    # -- loading and saving ----------------------------------------------------------

    @classmethod
    def load(cls, paths: UserPaths) -> Settings:
        return cls.load_file(paths.settings_file)

    @classmethod
    def load_file(cls, path: Path) -> Settings:
        settings = cls(path)
        try:
            raw = _read_small_file(path)
        except OSError:  # missing, unreadable, a folder, a pipe or a device: defaults
            return settings
        if raw is None:
            _move_aside(path)
            return settings
        data = _parse(raw)
        if data is None:
            _move_aside(path)
            return settings
        settings._apply(data)
        return settings

    def save(self) -> bool:
        """Write atomically; False if it could not be written (settings are not worth a crash)."""
        data: dict[str, Any] = dict(self.extra)
        data.update(self.to_dict())
        try:
            payload = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
            encoded = payload.encode("utf-8")
        except (ValueError, TypeError, RecursionError):  # a key from elsewhere we cannot write
            return False
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            atomic_write(self.path, encoded)
        except OSError:
            return False
        return True

    def to_dict(self) -> dict[str, Any]:
        return {
            "format": FORMAT,
            "version": VERSION,
            "recent_files": [_path_to_json(p) for p in self.recent_files],
            "theme": self.theme,
            "presenter_high_contrast": self.presenter_high_contrast,
            "anonymous_presenter": self.anonymous_presenter,
            "timer_minutes": self.timer_minutes,
            "window_geometry": self.window_geometry,
            "room_address": self.room_address,
            "time_up_chime": self.time_up_chime,
            "language": self.language,
        }

    def _apply(self, data: dict[str, Any]) -> None:
        self.extra = {k: v for k, v in data.items() if k not in _KNOWN_KEYS}
        recent = data.get("recent_files")
        if isinstance(recent, list):
            for item in reversed(recent):
                path = _path_from_json(item)
                if path is not None and path.strip():
                    self.add_recent(path)
        theme = data.get("theme")
        if isinstance(theme, str) and theme in THEMES:
            self.theme = theme
        for name in ("presenter_high_contrast", "anonymous_presenter", "time_up_chime"):
            value = data.get(name)
            if isinstance(value, bool):
                setattr(self, name, value)
        minutes = data.get("timer_minutes")
        low, high = TIMER_RANGE
        if isinstance(minutes, int) and not isinstance(minutes, bool) and low <= minutes <= high:
            self.timer_minutes = minutes
        geometry = data.get("window_geometry")
        if isinstance(geometry, str):
            self.window_geometry = geometry
        address = data.get("room_address")
        if isinstance(address, str) and len(address) <= _ROOM_ADDRESS_CHARS:
            self.room_address = address
        language = data.get("language")
        if isinstance(language, str) and len(language) <= _LANGUAGE_CHARS:
            self.language = language

    # -- recent files ----------------------------------------------------------------

    def add_recent(self, path: str | os.PathLike[str]) -> None:
        """Put `path` first; an entry for the same file (however spelled) is moved, not repeated."""
        resolved = _resolve(path)
        key = _key(resolved)
        kept = [p for p in self.recent_files if _key(_resolve(p)) != key]
        self.recent_files = [str(resolved), *kept][:MAX_RECENT]

    def remove_recent(self, path: str | os.PathLike[str]) -> None:
        key = _key(_resolve(path))
        self.recent_files = [p for p in self.recent_files if _key(_resolve(p)) != key]

    def recent_status(self) -> list[RecentFile]:
        """Every stored entry, most recent first, each marked whether it is there now."""
        return [RecentFile(Path(p), _exists(Path(p))) for p in self.recent_files]

    def existing_recent(self) -> list[Path]:
        """The entries whose files exist now; missing ones stay stored (see the class doc)."""
        return [r.path for r in self.recent_status() if r.exists]


def _read_small_file(path: Path) -> bytes | None:
    """The bytes of a regular file, None when it is over _MAX_BYTES; OSError for anything
    else (a pipe would wait for a writer forever and a device never ends)."""
    try:
        return read_regular(path, _MAX_BYTES)[0]
    except FileTooBigError:
        return None


def _parse(raw: bytes) -> dict[str, Any] | None:
    """The settings as a dict, or None when the bytes are not a TrustBoard settings file."""
    try:
        data = json.loads(raw.decode("utf-8"))
    except (ValueError, RecursionError):  # not UTF-8, not JSON, or absurdly nested
        return None
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        return None
    return data


def _path_to_json(path: str) -> str | dict[str, str]:
    """A path as JSON can hold it: text, or the file system's bytes as hex when the name
    is not valid Unicode (a non-UTF-8 name from an old zip file decodes to lone surrogates,
    which no UTF-8 file can store)."""
    try:
        path.encode("utf-8")
    except UnicodeEncodeError:
        return {_PATH_BYTES: os.fsencode(path).hex()}
    return path


def _path_from_json(item: object) -> str | None:
    """The path `_path_to_json` stored, exactly; None for anything else."""
    if isinstance(item, str):
        return item
    if isinstance(item, dict) and isinstance(item.get(_PATH_BYTES), str):
        try:
            return os.fsdecode(bytes.fromhex(item[_PATH_BYTES]))
        except (ValueError, UnicodeDecodeError):
            return None
    return None


def _move_aside(path: Path) -> None:
    """Keep a bad file as `<name>.broken` for whoever wants to look; never fatal."""
    with contextlib.suppress(OSError):
        path.replace(path.with_name(path.name + BROKEN_SUFFIX))


def _resolve(path: str | os.PathLike[str]) -> Path:
    p = Path(path).expanduser()
    try:
        return p.resolve()
    except (OSError, RuntimeError):  # a symlink loop or an unreachable drive
        return Path(os.path.abspath(p))


def _key(path: Path) -> str:
    """Comparison key: case-insensitive where the platform's paths are."""
    return os.path.normcase(str(path))


def _exists(path: Path) -> bool:
    try:
        return path.is_file()
    except OSError:
        return False
