"""The workshop file: the only package that knows about tinydb and the disk format."""

from trustboard.store.errors import TrustBoardFileError
from trustboard.store.workshop_file import SCHEMA_VERSION, WorkshopFile

__all__ = ["SCHEMA_VERSION", "TrustBoardFileError", "WorkshopFile"]
