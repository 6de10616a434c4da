"""Text from files and file names made safe to show, on a terminal or in a window.

A workshop title, a round label or a template's name is whatever the file says: it may hold
escape sequences that a terminal obeys (write the clipboard, retitle the window, clear
lines) or bidi overrides that make the text lie about its order. A file name may not be
valid UTF-8 at all (Python keeps such bytes as lone surrogates, which no widget or JSON
file can hold). These functions keep all of that visible and harmless.
"""

from __future__ import annotations

import json
import os
import re
from pathlib import PurePath
from typing import Any

# C0 controls except tab and newline, DEL, C1 controls (\x9b is a one-byte CSI), the bidi
# embeddings, overrides and isolates (U+202A-U+202E, U+2066-U+2069), and the lone
# surrogates a file name that is not UTF-8 decodes to.
_UNSAFE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")
_SURROGATE = re.compile(r"[\ud800-\udfff]")


def _visible(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}"


def terminal_safe(text: str) -> str:
    """`text` with every character a terminal would act on shown as an escape (`\\x1b`).

    Newlines and tabs stay; a lone surrogate (from a file name that is not UTF-8) is shown
    as `\\udcff`, so the line prints on any terminal.
    """
    return _UNSAFE.sub(_visible, text)


def terminal_safe_json(data: Any) -> str:
    """`data` as one line of JSON that a terminal shows rather than obeys.

    `json.dumps` already escapes C0 controls; C1 controls, bidi overrides and lone
    surrogates are escaped as `\\uXXXX` too, so the JSON still means exactly the same.
    """
    text = json.dumps(data, ensure_ascii=False)
    return _UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def display_text(text: str) -> str:
    """`text` for a window: each byte that was not UTF-8 becomes the replacement character."""
    return _SURROGATE.sub("\ufffd", text)


def display_path(path: str | os.PathLike[str]) -> str:
    """A path for a window, a message or a log; see `display_text`."""
    return display_text(os.fspath(path))


def display_name(path: str | os.PathLike[str]) -> str:
    """A file's name (its last part) for a window; see `display_text`."""
    return display_text(PurePath(path).name)
