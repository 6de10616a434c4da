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
        # Loaded here, not at the top: this module is imported at start-up, the catalogue and
        # the format module (and its codec) only once there is something to say.
        from trustboard.i18n import _
        from trustboard.store.schema import SCHEMA_VERSION

        super().__init__(
            path,
            _(
                "was written by TrustBoard {app_version} (file format {file_format}); this version "
                "reads format {readable_format} and older. Update TrustBoard to edit it."
            ).format(
                app_version=app_version, file_format=schema_version, readable_format=SCHEMA_VERSION
            ),
        )
        self.schema_version = schema_version
        self.app_version = app_version


class LockLostError(TrustBoardFileError, OSError):
    """Another TrustBoard holds the file now: its lock file was deleted or replaced while
    this one had it open (a cleaner, a sync tool). Nothing more is written to the file; the
    edits stay in memory, so the user can save them elsewhere.

    An OSError too, so that every place that tells the user a save failed and offers to try
    again or save elsewhere handles it the same way.
    """

    def __init__(self, path: Path, holder: str) -> None:
        from trustboard.i18n import _  # not at the top: see NewerFileError

        super().__init__(
            path,
            _(
                "is now open in another TrustBoard ({holder}): its lock file was removed or "
                "replaced by another program while you worked. Your changes were not written to it "
                "and are kept here; save them somewhere else."
            ).format(holder=holder),
        )


class FolderGoneError(FileNotFoundError):
    """The workshop's folder was moved or deleted while it was open: saving cannot succeed
    there again. The edits stay in memory; the user has to save somewhere else.

    An OSError, so every path that handles a failed save handles this one; its text is a
    sentence for the user, not a temp file's name.
    """

    def __init__(self, folder: Path) -> None:
        from trustboard.i18n import _  # not at the top: see NewerFileError

        super().__init__(
            errno.ENOENT,
            _(
                "The folder {folder} is gone (moved or deleted?); your work is kept in memory"
            ).format(folder=folder),
        )
        self.folder = folder

    def __str__(self) -> str:
        return str(self.strerror)
