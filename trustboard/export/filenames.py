"""File names made from workshop text (a round label, a title) that every platform accepts.

A suggested export name is built from what people typed: "Q1/Q2", "Round: final?",
a Windows device name or a 10,000-character label must still give a name that Windows,
macOS and Linux can create, that does not hide itself (a leading dot) and that does not
change meaning on screen (bidi controls that reverse ".pdf").
"""

from __future__ import annotations

import re
import unicodedata

MAX_CHARS = 120  # characters in a whole name, suffix included
MAX_BYTES = 240  # UTF-8 bytes: Linux and macOS allow 255 per name
DEFAULT = "TrustBoard"

_SEPARATORS = frozenset("/\\|")  # read as "Q1/Q2": kept as "Q1-Q2"
_FORBIDDEN = frozenset(':*?"<>')  # punctuation around words: left out
# Reserved on Windows with or without an extension, in any case ("con.pdf", "Lpt1.txt").
_RESERVED = re.compile(r"(?i)(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³]) *(\..*)?\Z")
_SURROGATES = re.compile("[\ud800-\udfff]")
_SPACES = re.compile(r"\s+")
_EDGES = " .-_"


def _allowed(ch: str) -> str:
    if ch in _SEPARATORS:
        return "-"
    if ch in _FORBIDDEN:
        return ""
    category = unicodedata.category(ch)
    if category in ("Cc", "Zl", "Zp"):  # control characters, line and paragraph separators
        return " "
    if category == "Cf" and ch != "\u200d":  # bidi and other invisible controls; not emoji joins
        return ""
    return ch


def _continues(text: str, k: int) -> bool:
    """True when cutting `text` before index `k` would split one visible character."""
    ch = text[k]
    cp = ord(ch)
    if unicodedata.category(ch) in ("Mn", "Mc", "Me") or ch == "\u200d" or text[k - 1] == "\u200d":
        return True
    if 0xFE00 <= cp <= 0xFE0F or 0x1F3FB <= cp <= 0x1F3FF or 0xE0020 <= cp <= 0xE007F:
        return True  # variation selectors, skin tones, flag tags
    if 0x1F1E6 <= cp <= 0x1F1FF:  # regional indicators pair up into flags
        run = 0
        while k - run - 1 >= 0 and 0x1F1E6 <= ord(text[k - run - 1]) <= 0x1F1FF:
            run += 1
        return run % 2 == 1
    return False


def _bounded(text: str, chars: int, nbytes: int) -> str:
    k = min(len(text), chars)
    while k > 0 and len(text[:k].encode("utf-8")) > nbytes:
        k -= 1
    while 0 < k < len(text) and _continues(text, k):
        k -= 1
    return text[:k]


def safe_file_name(text: str, suffix: str = "", *, default: str = DEFAULT) -> str:
    """`text` as a file name that every platform accepts, with `suffix` (e.g. ".pdf") kept.

    Of the characters Windows forbids, slashes and "|" become "-" and the rest are left
    out; control characters become spaces, invisible formatting characters are dropped;
    spaces, dots and dashes at either end go (Windows drops trailing ones, a leading dot
    hides a file); a reserved Windows device name gets a "_" after it; the name is kept
    under MAX_CHARS characters and MAX_BYTES bytes without splitting a character from
    its accents or an emoji sequence. An empty result becomes `default`.
    """
    text = _SURROGATES.sub("\ufffd", text)
    text = unicodedata.normalize("NFC", text)
    text = "".join(_allowed(ch) for ch in text)
    text = _SPACES.sub(" ", text).strip(_EDGES)
    room_chars = MAX_CHARS - len(suffix)
    room_bytes = MAX_BYTES - len(suffix.encode("utf-8"))
    text = _bounded(text, room_chars, room_bytes).rstrip(_EDGES)
    if not text:
        text = default
    reserved = _RESERVED.match(text + suffix)
    if reserved:  # Windows looks at the part before the first dot: "CON.txt" is CON too
        device = reserved.group(1)
        text = device + "_" + text[len(device) :]
    return text + suffix
