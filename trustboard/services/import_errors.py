"""The error every importer raises for a file it cannot import (each has its own kind)."""

from __future__ import annotations

from trustboard.domain.errors import PROBLEM_CHARS, brief
from trustboard.i18n import _


class ImportFileError(Exception):
    """A file that cannot be imported; names the row and column. Nothing was imported."""

    def __init__(self, source: str, row: int | None, column: str | None, problem: str) -> None:
        where = source
        if row is not None:
            where = _("{place}, row {row}").format(place=where, row=row)
        if column:
            where = _("{place}, column {column}").format(
                place=where, column=brief(repr(column), 80)
            )
        # A refused cell is quoted in part: a 100,000-character one must not flood the message.
        # Translators: where in a file, then what is wrong there ("survey.csv, row 3: ...")
        message = _("{place}: {problem}").format(place=where, problem=brief(problem, PROBLEM_CHARS))
        super().__init__(message)
        self.row = row
        self.column = column
        self.problem = problem
