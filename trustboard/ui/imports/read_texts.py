"""What the import assistant says about the file it reads: what it was read as, which
tool seems to have made it and its size, or what went wrong, as a sentence."""

from __future__ import annotations

from trustboard.i18n import _, format_number, ngettext
from trustboard.ui.imports.engine import Engine


def read_as(how: str, tool: str, rows: int, columns: int) -> str:
    """The file's format (`how`), the tool that made it and its size, in one sentence."""
    size = _("{rows}, {columns}").format(
        rows=ngettext("{n} row", "{n} rows", rows).format(n=format_number(rows)),
        columns=ngettext("{n} column", "{n} columns", columns).format(n=columns),
    )
    return _looks_like(tool).format(how=how, size=size)


def _looks_like(tool: str) -> str:
    """What the file was read as and which tool made it, to fill with {how} and {size}."""
    if tool.startswith(("a ", "an ")):  # no tool recognised: "a survey export"
        return _("Read as {how}; looks like a survey export ({size}).")
    # Translators: how: the file's format ("CSV, UTF-8, comma-separated"); tool: the product
    # that made it ("Google Forms", "Qualtrics", "Trello"); size: "3 rows, 7 columns".
    text = _("Read as {how}; looks like a {tool} export ({size}).")
    if tool[:1].lower() in "aeiou":
        text = _("Read as {how}; looks like an {tool} export ({size}).")
    return text.replace("{tool}", tool.replace("{", "{{").replace("}", "}}"))


def problem_text(engine: Engine, exc: Exception) -> str:
    """What went wrong, as a sentence: the engine's own message, never a traceback."""
    if isinstance(exc, engine.error):
        return str(exc)
    return _("The file could not be read ({problem}).").format(
        problem=f"{type(exc).__name__}: {exc}"
    )
