"""The one error a user sees about a workshop file: which file, and what is wrong with it."""

from __future__ import annotations

import errno
from pathlib import Path


class TrustBoardFileError(Exception):
    """A workshop file that cannot be opened or written. The file is left as it was."""

    def __init__(self, path: Path, problem: str) -> None:
        super().__init__(f"{path}: {problem}")
        self.path = path
        self.problem = problem


class NewerFileError(TrustBoardFileError):
    """Written by a newer TrustBoard; it can be opened read-only at most."""

    def __init__(self, path: Path, schema_version: int, app_version: str) -> None:
        from trustboard.store.workshop_file import SCHEMA_VERSION

        super().__init__(
            path,
            f"was written by TrustBoard {app_version} (file format {schema_version}); this "
            f"version reads format {SCHEMA_VERSION} and older. Update TrustBoard to edit it.",
        )
        self.schema_version = schema_version
        self.app_version = app_version


class FolderGoneError(FileNotFoundError):
    """The workshop's folder was moved or deleted while it was open: saving cannot succeed
    there again. The edits stay in memory; the user has to save somewhere else.

    An OSError, so every path that handles a failed save handles this one; its text is a
    sentence for the user, not a temp file's name.
    """

    def __init__(self, folder: Path) -> None:
        super().__init__(
            errno.ENOENT,
            f"The folder {folder} is gone (moved or deleted?); your work is kept in memory",
        )
        self.folder = folder

    def __str__(self) -> str:
        return str(self.strerror)
