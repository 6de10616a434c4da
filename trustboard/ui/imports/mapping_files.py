"""Save mapping… / Load mapping…: a mapping as a TOML file the facilitator keeps, shares
or writes by hand (the format is in the README)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QFileDialog, QWidget

from trustboard.fsutil import atomic_write
from trustboard.i18n import _
from trustboard.ui.imports.engine import Engine

MAPPING_FILTER = "Import mapping (*.toml);;All files (*)"
MAX_MAPPING_BYTES = 1024 * 1024  # a mapping is a few kB; anything bigger is not one
# (parent, title, suggested name, save?) -> the chosen path, or None
AskPath = Callable[[QWidget, str, str, bool], Path | None]


def mapping_filter() -> str:
    return ";;".join(
        [
            _("Import mapping ({patterns})").format(patterns="*.toml"),
            _("All files ({patterns})").format(patterns="*"),
        ]
    )


def ask_mapping_path(parent: QWidget, title: str, suggested: str, save: bool) -> Path | None:
    if save:
        name, _unused = QFileDialog.getSaveFileName(parent, title, suggested, mapping_filter())
        if name and not name.lower().endswith(".toml"):
            name += ".toml"
    else:
        name, _unused = QFileDialog.getOpenFileName(parent, title, "", mapping_filter())
    return Path(name) if name else None


def save_mapping(engine: Engine, mapping: Any, path: Path) -> str:
    """Write the mapping; '' when done, else the message to show."""
    try:
        atomic_write(path, engine.to_toml(mapping).encode("utf-8"))
    except OSError as exc:
        return _(
            "{name}: the mapping could not be saved ({problem}). Choose another folder."
        ).format(name=path.name, problem=exc.strerror or exc)
    return ""


def load_mapping(engine: Engine, path: Path) -> tuple[Any | None, str]:
    """The mapping in `path`, or None and the message to show (nothing changes)."""
    try:
        data = path.read_bytes()[: MAX_MAPPING_BYTES + 1]
    except OSError as exc:
        return None, _("{name}: the file could not be read ({problem}).").format(
            name=path.name, problem=exc.strerror or exc
        )
    if len(data) > MAX_MAPPING_BYTES:
        return None, _(
            "{name}: this is too big to be a mapping file; choose a .toml mapping."
        ).format(name=path.name)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return (
            None,
            _(
                "{name}: this is not a mapping file (not UTF-8 text); choose a .toml mapping."
            ).format(name=path.name),
        )
    try:
        return engine.from_toml(text, path.name), ""
    except engine.error as exc:
        return None, str(exc)


def missing_headers(mapping: Any, headers: list[str]) -> list[str]:
    """Columns the mapping names that this file lacks."""
    present = set(headers)
    return [c.header for c in mapping.columns if c.header not in present]
