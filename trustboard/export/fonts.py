"""TrueType fonts for the PDF: a per-character fallback chain over the installed families.

Every character is drawn with the first font of the chain whose cmap has it; a character
no font has is replaced (an emoji by its name, a letter by "?") and reported once per
script, so the reader never sees an empty box. reportlab embeds subsets of TrueType fonts
only, so fonts with PostScript (CFF) outlines are skipped when they fail to load.
"""

from __future__ import annotations

import threading
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any

from reportlab import rl_config
from reportlab.pdfbase import pdfmetrics, ttfonts
from reportlab.pdfbase.ttfonts import TTFont

from trustboard.export.discovery import FontFamily, FontFile, fonts_covering, system_families
from trustboard.i18n import N_

_LOCK = threading.RLock()
_LOADED: dict[FontFile, str | None] = {}  # font file -> registered reportlab name (None: unusable)
_FONTCONFIG_LOOKUPS = 48  # per export: asking fontconfig costs a process each time


def _vera() -> FontFamily:
    """reportlab's own Bitstream Vera: always there, Latin only; the last resort."""
    folder = Path(rl_config.__file__).parent / "fonts"
    return FontFamily(
        "Bitstream Vera Sans", FontFile(folder / "Vera.ttf"), FontFile(folder / "VeraBd.ttf")
    )


class EmbeddedFont(TTFont):  # type: ignore[misc]
    """A TrueType font whose text can be copied and searched in every script.

    reportlab writes each subset's ToUnicode map with four hex digits per character, which
    garbles everything beyond the Basic Multilingual Plane (emoji, rare CJK); and glyphs
    that only shaping produces (ligatures, contextual forms) have private code points.
    After reportlab has written the subsets, their maps are replaced by UTF-16 ones that
    also give each private code point the text it was shaped from.
    """

    def __init__(self, name: str, face: FontFile) -> None:
        super().__init__(name, str(face.path), subfontIndex=face.index)
        self.private_text: dict[int, str] = {}

    def addObjects(self, doc: Any) -> None:  # noqa: N802 - reportlab's name
        state = self.state.get(doc)
        subsets = [list(s) for s in state.subsets] if state is not None else []
        # reportlab tags subset n of every font alike (each font's first is AAAAAA+); the
        # PDF format wants a distinct tag per subset. It looks its tagging function up in
        # its module each time, so it is swapped while this font writes its subsets (one
        # build at a time runs: the PDF builder holds its lock).
        original = ttfonts.SUBSETN
        ttfonts.SUBSETN = partial(self._tag, doc)
        try:
            super().addObjects(doc)
        finally:
            ttfonts.SUBSETN = original
        for n, subset in enumerate(subsets):
            base = b"".join((self._tag(doc, n), b"+", self.face.name, self.face.subfontNameX))
            stream = doc.idToObject.get("toUnicodeCMap:" + base.decode("pdfdoc"))
            if stream is not None:
                stream.content = self._to_unicode(base.decode("pdfdoc"), subset)

    def _tag(self, doc: Any, n: int) -> bytes:
        """Six capital letters, different for every subset of every font in `doc`."""
        tags: dict[tuple[str, int], bytes] = doc.__dict__.setdefault("_trustboard_tags", {})
        key = (self.fontName, n)
        if key not in tags:
            k, letters = len(tags), []
            for _ in range(6):
                k, r = divmod(k, 26)
                letters.append(chr(ord("A") + r))
            tags[key] = "".join(reversed(letters)).encode("ascii")
        return tags[key]

    def _to_unicode(self, name: str, subset: list[int]) -> str:
        entries = []
        for code, cp in enumerate(subset):
            text = self.private_text.get(cp) or _typed(cp)
            entries.append(f"<{code:02X}> <{text.encode('utf-16-be').hex().upper()}>")
        return "\n".join(
            [
                "/CIDInit /ProcSet findresource begin",
                "12 dict begin",
                "begincmap",
                f"/CIDSystemInfo << /Registry ({name}) /Ordering ({name}) /Supplement 0 >> def",
                f"/CMapName /{name} def",
                "/CMapType 2 def",
                "1 begincodespacerange",
                f"<00> <{len(subset) - 1:02X}>",
                "endcodespacerange",
                f"{len(subset)} beginbfchar",
                *entries,
                "endbfchar",
                "endcmap",
                "CMapName currentdict /CMap defineresource pop",
                "end",
                "end",
            ]
        )


def _typed(cp: int) -> str:
    """The letter a glyph stands for: an Arabic presentation form (a letter's initial,
    medial or final shape) maps back to the letter as typed, so copied or extracted
    right-to-left text is the text the room wrote. A ligature (lam-alef) keeps its one
    code point: readers reverse a glyph's several letters along with the line."""
    ch = chr(cp)
    if 0xFB50 <= cp <= 0xFDFF or 0xFE70 <= cp <= 0xFEFF:
        letter = unicodedata.normalize("NFKC", ch)
        return letter if len(letter) == 1 else ch
    return ch


def load(face: FontFile) -> str | None:
    """Register `face` with reportlab once per process; None when it cannot be embedded."""
    with _LOCK:
        if face in _LOADED:
            return _LOADED[face]
        name = f"TB-{face.path.stem}" + (f"-{face.index}" if face.index else "")
        try:
            font = EmbeddedFont(name, face)
            pdfmetrics.registerFont(font)
        except Exception:  # CFF outlines, broken or unreadable files: skip the font
            _LOADED[face] = None
            return None
        _LOADED[face] = name
        return name


def covers(font_name: str, codepoint: int) -> bool:
    font = pdfmetrics.getFont(font_name)
    return bool(font.face.charToGlyph.get(codepoint))


@dataclass
class _Slot:
    family: str
    face: FontFile
    name: str | None = None
    tried: bool = False


class FontChain:
    """The fonts one export draws with, regular and bold, tried in order for each character."""

    def __init__(self, families: Sequence[FontFamily], *, ask_fontconfig: bool = True) -> None:
        families = [*families, _vera()]
        self.families = tuple(f.name for f in families)
        self._regular = [_Slot(f.name, f.regular) for f in families]
        self._bold = [_Slot(f.name, f.bold or f.regular) for f in families]
        self._ask_fontconfig = ask_fontconfig
        self._lookups_left = _FONTCONFIG_LOOKUPS
        self._cache: dict[tuple[int, bool], str | None] = {}

    @classmethod
    def system(cls) -> FontChain:
        return cls(system_families())

    def primary(self, bold: bool = False) -> str:
        """The text font: the first family that loads (Vera at worst)."""
        for slot in self._bold if bold else self._regular:
            name = self._open(slot)
            if name is not None:
                return name
        raise RuntimeError("reportlab's bundled Vera font is missing")  # pragma: no cover

    def lookup(self, codepoint: int, bold: bool = False) -> str | None:
        """The font that draws this character, or None when no font has it."""
        key = (codepoint, bold)
        if key in self._cache:
            return self._cache[key]
        found = self._search(codepoint, bold)
        if found is None and bold:
            found = self.lookup(codepoint, False)
        self._cache[key] = found
        return found

    def _search(self, codepoint: int, bold: bool) -> str | None:
        with _LOCK:
            for slot in self._bold if bold else self._regular:
                name = self._open(slot)
                if name is not None and covers(name, codepoint):
                    return name
            if bold or not self._ask_fontconfig or self._lookups_left <= 0:
                return None
            self._lookups_left -= 1
            for face in fonts_covering(codepoint):
                slot = _Slot(face.path.stem, face)
                name = self._open(slot)
                if name is not None and covers(name, codepoint):
                    self._regular.append(slot)
                    self._bold.append(_Slot(face.path.stem, face))
                    return name
        return None

    @staticmethod
    def _open(slot: _Slot) -> str | None:
        if not slot.tried:
            slot.name = load(slot.face)
            slot.tried = True
        return slot.name


EMOJI = N_("emoji and symbols")
_SCRIPT_NAMES = {
    "CJK": N_("Chinese, Japanese and Korean (CJK)"),
    "HIRAGANA": N_("Japanese (kana)"),
    "KATAKANA": N_("Japanese (kana)"),
    "HANGUL": N_("Korean (Hangul)"),
    "IDEOGRAPHIC": N_("Chinese, Japanese and Korean (CJK)"),
}
# Names a warning translates: the rest are Unicode's names of scripts ("Devanagari").
NAMED_SCRIPTS = frozenset([EMOJI, *_SCRIPT_NAMES.values()])


def script_of(ch: str) -> str:
    """A reader's name for the writing system of `ch`, for warnings."""
    if is_pictograph(ch):
        return EMOJI
    first = unicodedata.name(ch, "").split(" ")[0]
    if not first:
        return f"U+{ord(ch):04X}"
    return _SCRIPT_NAMES.get(first, first.title())


def is_pictograph(ch: str) -> bool:
    cp = ord(ch)
    return unicodedata.category(ch) == "So" or 0x1F000 <= cp <= 0x1FAFF


def replacement(ch: str) -> str:
    """What prints instead of a character no font can draw."""
    cp = ord(ch)
    if 0x1F1E6 <= cp <= 0x1F1FF:  # regional indicators: a flag becomes its country code
        return chr(cp - 0x1F1E6 + ord("A"))
    if is_pictograph(ch):
        name = unicodedata.name(ch, "").lower()
        return f"[{name}]" if name else "?"
    return "?"
