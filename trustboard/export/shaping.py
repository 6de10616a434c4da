"""Measure and shape runs of text: HarfBuzz (uharfbuzz) for right-to-left and complex scripts.

Each run has one font and one direction. Simple left-to-right runs (Latin, Greek,
Cyrillic, CJK) are drawn as plain strings; right-to-left runs and scripts that join or
stack marks go through HarfBuzz, with the direction set explicitly (the bidi resolution
decides it, not a guess from the script). reportlab draws the result: its `ShapedStr`
carries the glyph positions, and glyphs that have no character of their own get a
private code point so they can be subset like any other.
"""

from __future__ import annotations

import threading
import unicodedata
from typing import Any

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import ShapeData, ShapedStr

try:
    import uharfbuzz as hb
except ImportError:  # pragma: no cover - a declared dependency; without it RTL is unjoined
    hb = None

HAVE_SHAPING = hb is not None
_FEATURES = {"kern": True, "liga": True}
_MIRROR = dict(zip("()[]{}<>«»‹›", ")(][}{><»«›‹", strict=True))
_LOCK = threading.Lock()
_HB_FONTS: dict[str, Any] = {}
_CACHE: dict[tuple[str, str, float, bool], tuple[str, float]] = {}
_CACHE_LIMIT = 50_000


def needs_shaping(text: str, rtl: bool) -> bool:
    """True for runs HarfBuzz must lay out: right-to-left, or marks that attach."""
    if rtl:
        return True
    return any(ord(ch) >= 0x0300 and not _simple(ord(ch)) for ch in text)


def _simple(cp: int) -> bool:
    """Scripts whose characters map one-to-one onto glyphs laid side by side."""
    return (
        0x0370 <= cp <= 0x052F  # Greek, Cyrillic
        or 0x1E00 <= cp <= 0x1FFF  # Latin and Greek extended
        or 0x2000 <= cp <= 0x2BFF  # punctuation, symbols, arrows
        or 0x2E80 <= cp <= 0xA4CF  # CJK, kana, Hangul jamo, Yi
        or 0xAC00 <= cp <= 0xD7AF  # Hangul syllables
        or 0xF900 <= cp <= 0xFAFF
        or 0xFF00 <= cp <= 0xFFEF
        or cp >= 0x1F000  # emoji and pictographs
    ) and unicodedata.category(chr(cp)) not in ("Mn", "Mc", "Me")


def run(text: str, font_name: str, size: float, rtl: bool) -> tuple[str, float]:
    """The string to draw (a ShapedStr when shaped) and its width in points."""
    key = (text, font_name, size, rtl)
    cached = _CACHE.get(key)
    if cached is not None:
        return cached
    font = pdfmetrics.getFont(font_name)
    if needs_shaping(text, rtl) and HAVE_SHAPING and font.shapable:
        result = _shape(text, font_name, size, rtl)
    else:
        plain = text.replace("\u200d", "").replace("\u200c", "")
        if rtl:  # no shaper: letters stay unjoined, but at least in reading order
            plain = "".join(_MIRROR.get(ch, ch) for ch in reversed(plain))
        result = (plain, pdfmetrics.stringWidth(plain, font_name, size))
    if len(_CACHE) > _CACHE_LIMIT:
        _CACHE.clear()
    _CACHE[key] = result
    return result


def _hb_font(font_name: str) -> Any:
    hb_font = _HB_FONTS.get(font_name)
    if hb_font is None:
        hb_font = _HB_FONTS[font_name] = pdfmetrics.getFont(font_name).hbFont()
    return hb_font


def _shape(text: str, font_name: str, size: float, rtl: bool) -> tuple[str, float]:
    assert hb is not None
    font = pdfmetrics.getFont(font_name)
    face = font.face
    with _LOCK:  # the font's private code points are shared state
        hb_font = _hb_font(font_name)
        buf = hb.Buffer()
        buf.cluster_level = hb.BufferClusterLevel.MONOTONE_CHARACTERS
        buf.add_str(text)
        buf.guess_segment_properties()
        buf.direction = "rtl" if rtl else "ltr"
        hb.shape(hb_font, buf, _FEATURES)
        chars = []
        data = []
        advance = 0.0
        infos = buf.glyph_infos
        clusters = [*sorted({info.cluster for info in infos}), len(text)]
        private = getattr(font, "private_text", {})
        for info, pos in zip(infos, buf.glyph_positions, strict=True):
            gid = info.codepoint
            mapped = face.glyphToChar.get(gid)
            if mapped:
                uchar = mapped[0]
            else:
                uchar = font.hbAddPrivate(hb_font.glyph_to_string(gid), gid, pos.x_advance)
                if uchar not in private:  # so copied text reads as what was typed
                    after = clusters[clusters.index(info.cluster) + 1]
                    source = text[info.cluster : after]
                    private[uchar] = source[::-1] if rtl else source
            x_advance = font.pdfScale(pos.x_advance)
            data.append(
                ShapeData(
                    info.cluster,
                    x_advance,
                    font.pdfScale(pos.y_advance),
                    font.pdfScale(pos.x_offset),
                    font.pdfScale(pos.y_offset),
                    face.charWidths.get(uchar, x_advance),
                )
            )
            chars.append(chr(uchar))
            advance += x_advance
    return ShapedStr("".join(chars), shapeData=data), advance * size / 1000
