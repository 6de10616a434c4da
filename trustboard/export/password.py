"""A PDF password as the PDF 2.0 security handler uses it, and the ones it cannot use.

ISO 32000-2 prepares a password with SASLprep and keeps its first 127 UTF-8 bytes. A
password that preparation empties (only spaces that vanish, soft hyphens, joiners…)
would give a file that opens without one, and a longer one would be cut without a
word; both are refused here, before anything is written.
"""

from __future__ import annotations

import stringprep
import unicodedata

from trustboard.export.options import ExportError
from trustboard.i18n import _, ngettext

MAX_BYTES = 127


def saslprep(password: str) -> bytes:
    """The password as PDF 2.0 wants it: SASLprep'd UTF-8 (check it with `check_password`)."""
    mapped = "".join(
        " " if stringprep.in_table_c12(ch) else ch
        for ch in password
        if not stringprep.in_table_b1(ch)
    )
    return unicodedata.normalize("NFKC", mapped).encode("utf-8", "surrogatepass")


def password_problem(password: str) -> str | None:
    """Why `password` cannot protect a PDF, in words for the user; None when it can."""
    if any(0xD800 <= ord(ch) <= 0xDFFF for ch in password):
        return _("The password contains a broken character; type it again.")
    prepared = saslprep(password)
    if not prepared:
        return _(
            "The password is made only of invisible characters that PDF readers leave out, "
            "so the PDF would open without one. Choose another password."
        )
    if len(prepared) > MAX_BYTES:
        return ngettext(
            "The password is too long: a PDF password can be at most {most} bytes (this one "
            "is {n}; letters outside English take 2–4 bytes each). Choose a shorter one.",
            "The password is too long: a PDF password can be at most {most} bytes (this one "
            "is {n}; letters outside English take 2–4 bytes each). Choose a shorter one.",
            len(prepared),
        ).format(most=MAX_BYTES, n=len(prepared))
    return None


def check_password(password: str) -> None:
    """Raise ExportError with the reason when `password` cannot protect a PDF."""
    problem = password_problem(password)
    if problem is not None:
        raise ExportError(problem[0].lower() + problem[1:])
