"""The workshop file: the only package that knows about tinydb and the disk format.

Names are loaded on first use, so that importing a light part of the package (the error
type) at start-up does not pay for the codec. Atomic file replacement lives in
`trustboard.fsutil`, for every layer that writes files.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from trustboard.store.errors import TrustBoardFileError
    from trustboard.store.workshop_file import SCHEMA_VERSION, WorkshopFile

__all__ = ["SCHEMA_VERSION", "TrustBoardFileError", "WorkshopFile"]


def __getattr__(name: str) -> Any:
    if name == "TrustBoardFileError":
        from trustboard.store.errors import TrustBoardFileError

        return TrustBoardFileError
    if name in ("WorkshopFile", "SCHEMA_VERSION"):
        from trustboard.store import workshop_file

        return getattr(workshop_file, name)
    raise AttributeError(f"module 'trustboard.store' has no attribute {name!r}")
