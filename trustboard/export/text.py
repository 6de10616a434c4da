"""Plain text to lines on a PDF page: fonts per character, bidi, shaping, wrapping.

User text never goes through reportlab's paragraph markup: it is laid out here as
characters, so `<b>`, `a<b`, `&` or `<img src=…>` print as typed and can never make
reportlab parse a tag or open a file. Newlines are kept; a text longer than a page is
split between lines (`TextBlock.split`).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any

from reportlab.lib.colors import HexColor
from reportlab.pdfbase import pdfmetrics
from reportlab.platypus.flowables import Flowable

from trustboard.export import bidi, shaping
from trustboard.export.fonts import (
    EMOJI,
    NAMED_SCRIPTS,
    FontChain,
    is_pictograph,
    replacement,
    script_of,
)
from trustboard.i18n import _, ngettext

_NEWLINES = str.maketrans(
    {
        "\r": "\n",
        "\u2028": "\n",
        "\u2029": "\n",
        "\x0b": "\n",
        "\x0c": "\n",
        "\x85": "\n",
        "\t": "    ",
    }
)
_SURROGATES = re.compile("[\ud800-\udfff]")
_JOINERS = ("\u200c", "\u200d")
_NO_BREAK_BEFORE = frozenset(")]}、。，．・：；？！ー〕」』】〉》")
_NO_BREAK_AFTER = frozenset("([{「『【〈《〔")
ELLIPSIS = "…"


def clean(text: str) -> str:
    """Composed characters, one kind of newline, no control characters or lone surrogates."""
    text = text.replace("\r\n", "\n").translate(_NEWLINES)
    text = _SURROGATES.sub("\ufffd", text)  # a lone half of a pair cannot be written out
    text = unicodedata.normalize("NFC", text)
    return "".join(ch for ch in text if ch == "\n" or unicodedata.category(ch) != "Cc")


def metadata(text: str, limit: int = 500) -> str:
    """`text` for the PDF's document properties: one clean line, of a sensible length."""
    flat = " ".join(clean(text).split())
    return flat if len(flat) <= limit else flat[: limit - 1] + ELLIPSIS


@dataclass(frozen=True)
class TextStyle:
    size: float = 10.0
    bold: bool = False
    colour: str = "#1f2328"
    align: str = "start"  # start (left, or right for right-to-left text) | centre | end
    leading_ratio: float = 1.32

    @property
    def leading(self) -> float:
        return self.size * self.leading_ratio


@dataclass
class Para:
    """One paragraph ready to lay out: visible characters, a font and a bidi level each."""

    chars: str
    fonts: list[str]
    levels: list[int]
    base: int


@dataclass(frozen=True)
class Line:
    para: Para
    start: int
    end: int  # trailing spaces excluded


@dataclass
class TextEngine:
    """Everything one export needs to turn text into lines: fonts, caches, warnings."""

    chain: FontChain
    missing: dict[str, int] = field(default_factory=dict)  # script -> characters replaced
    _paras: dict[tuple[str, bool], list[Para]] = field(default_factory=dict)
    _single: dict[tuple[str, float, TextStyle], Line] = field(default_factory=dict)

    # -- preparing ---------------------------------------------------------------------

    def paragraphs(self, text: str, bold: bool = False) -> list[Para]:
        key = (text, bold)
        found = self._paras.get(key)
        if found is None:
            found = [self._prepare(p, bold) for p in clean(text).split("\n")]
            if len(self._paras) < 20_000:
                self._paras[key] = found
        return found

    def _prepare(self, text: str, bold: bool) -> Para:
        base = bidi.base_level(text)
        levels = bidi.levels(text, base)
        chars: list[str] = []
        fonts: list[str] = []
        out_levels: list[int] = []
        lookup = self.chain.lookup
        font: str | None
        for ch, level in zip(text, levels, strict=True):
            cp = ord(ch)
            category = unicodedata.category(ch)
            prev = fonts[-1] if fonts else None
            attached = category in ("Mn", "Mc", "Me") or ch in _JOINERS or 0x1F3FB <= cp <= 0x1F3FF
            if (category == "Cf" and ch not in _JOINERS) or 0xFE00 <= cp <= 0xFE0F:
                continue  # invisible controls and variation selectors: nothing to draw
            if 0x1F1E6 <= cp <= 0x1F1FF:  # flag halves: fonts draw them as boxed letters
                font = None
            elif prev is not None and (attached or _neutral(category)) and _has(prev, cp):
                font = prev
            elif attached:
                font = lookup(cp, bold)
                if font is None:
                    continue  # a mark or modifier no font has: leave it out
            else:
                font = lookup(cp, bold)
            if font is None:
                if not 0x1F1E6 <= cp <= 0x1F1FF:
                    self.missing[script_of(ch)] = self.missing.get(script_of(ch), 0) + 1
                sub = replacement(ch)
                sub_level = level if level % 2 == 0 else level + 1
                for s in sub:
                    chars.append(s)
                    fonts.append(lookup(ord(s), bold) or self.chain.primary(bold))
                    out_levels.append(sub_level)
                continue
            chars.append(ch)
            fonts.append(font)
            out_levels.append(level)
        return Para("".join(chars), fonts, out_levels, base)

    def warnings(self) -> list[str]:
        notes = []
        for script, count in sorted(self.missing.items()):
            name = _(script) if script in NAMED_SCRIPTS else script
            if script == EMOJI:
                text = ngettext(
                    "No installed font draws {script}: {n} character printed by its name.",
                    "No installed font draws {script}: {n} characters printed by their names.",
                    count,
                )
            else:
                text = ngettext(
                    "No installed font draws {script}: {n} character printed as “?”.",
                    "No installed font draws {script}: {n} characters printed as “?”.",
                    count,
                )
            install = _(
                "Install a font that covers it (on Debian or Ubuntu: fonts-noto-core, "
                "fonts-wqy-zenhei or fonts-symbola)."
            )
            notes.append(text.format(script=name, n=count) + " " + install)
        if not shaping.HAVE_SHAPING and any(
            bidi.is_rtl_char(ch) for paras in self._paras.values() for p in paras for ch in p.chars
        ):
            notes.append(_("uharfbuzz is not installed: Arabic letters print unjoined."))
        return notes

    # -- wrapping ----------------------------------------------------------------------

    def wrap(self, para: Para, start: int, end: int, width: float, size: float) -> list[Line]:
        """Break `para.chars[start:end]` into lines no wider than `width`.

        Linear in the text's length: each word is found and measured once, and a word
        wider than the line is cut into line-long pieces in one pass.
        """
        lines: list[Line] = []
        line_start = start
        line_width = 0.0
        i = start
        while i < end:
            j, word_end = _next_break(para.chars, i, end)
            word = self.width(para, i, word_end, size)
            if line_width + word <= width or (i == line_start and word <= width):
                line_width += word + self.width(para, word_end, j, size)
                i = j
                continue
            if i > line_start:  # the word goes to the next line
                lines.append(Line(para, line_start, _trim(para.chars, line_start, i)))
                line_start, line_width = i, 0.0
                if word <= width:
                    continue
            while True:  # a word wider than the line: as many full lines as it fills
                cut = self._fit(para, i, word_end, width, size)
                if cut >= word_end:
                    break
                lines.append(Line(para, i, cut))
                i = cut
            line_start = i
            line_width = self.width(para, i, word_end, size) + self.width(para, word_end, j, size)
            i = j
        if line_start < end or not lines:
            lines.append(Line(para, line_start, _trim(para.chars, line_start, end)))
        return lines

    def _fit(self, para: Para, start: int, end: int, width: float, size: float) -> int:
        used = 0.0
        for k in range(start, end):
            w = pdfmetrics.stringWidth(para.chars[k], para.fonts[k], size)
            if used + w > width and k > start:
                return k
            used += w
        return end

    def width(self, para: Para, start: int, end: int, size: float) -> float:
        total = 0.0
        for text, font, level in _runs(para, start, end):
            total += shaping.run(text, font, size, level % 2 == 1)[1]
        return total

    # -- drawing -----------------------------------------------------------------------

    def line_runs(self, line: Line, size: float) -> tuple[list[tuple[str, str, float]], float]:
        """(drawable string, font, width) in visual order, and the line's width."""
        para = line.para
        chars = para.chars[line.start : line.end]
        levels = bidi.line_levels(chars, para.levels[line.start : line.end], para.base)
        pieces = []
        k = line.start
        for text, font, _unused in _runs(para, line.start, line.end):
            level = levels[k - line.start]
            pieces.append((text, font, level))
            k += len(text)
        order = bidi.visual_order([p[2] for p in pieces])
        out = []
        total = 0.0
        for index in order:
            text, font, level = pieces[index]
            drawn, w = shaping.run(text, font, size, level % 2 == 1)
            out.append((drawn, font, w))
            total += w
        return out, total

    def draw_lines(
        self, canv: Any, lines: list[Line], x: float, top: float, width: float, style: TextStyle
    ) -> None:
        """Draw lines from `top` (the top of the first line) downwards."""
        y = top - style.size * 1.02
        for line in lines:
            self.draw_line(canv, line, x, y, width, style)
            y -= style.leading

    def draw_line(
        self, canv: Any, line: Line, x: float, baseline: float, width: float, style: TextStyle
    ) -> None:
        runs, total = self.line_runs(line, style.size)
        canv.setFillColor(HexColor(style.colour))
        rtl = line.para.base % 2 == 1
        if style.align == "centre":
            x += (width - total) / 2
        elif (style.align == "end") != rtl:
            x += width - total
        text = canv.beginText()
        for drawn, font, w in runs:
            if drawn:
                text.setTextOrigin(x, baseline)
                text.setFont(font, style.size)
                text.textOut(drawn)
            x += w
        canv.drawText(text)

    def single_line(self, text: str, width: float, style: TextStyle) -> Line:
        """The first line of `text` shortened with an ellipsis to fit `width`."""
        key = (text, width, style)
        found = self._single.get(key)
        if found is None:  # the same header on every page: measure it once
            found = self._single_line(text, width, style)
            if len(self._single) < 1_000:
                self._single[key] = found
        return found

    def _single_line(self, text: str, width: float, style: TextStyle) -> Line:
        para = self.paragraphs(text.replace("\n", " "), style.bold)[0]
        full = Line(para, 0, len(para.chars))
        if self.width(para, 0, len(para.chars), style.size) <= width:
            return full
        ellipsis = self.paragraphs(ELLIPSIS, style.bold)[0]
        room = width - self.width(ellipsis, 0, len(ellipsis.chars), style.size)
        cut = self._fit(para, 0, len(para.chars), max(room, 0), style.size)
        short = para.chars[:cut].rstrip() + ELLIPSIS
        trimmed = Para(
            short,
            para.fonts[: len(short) - 1] + ellipsis.fonts,
            [*para.levels[: len(short) - 1], para.base],
            para.base,
        )
        return Line(trimmed, 0, len(short))


def _has(font: str, cp: int) -> bool:
    return bool(pdfmetrics.getFont(font).face.charToGlyph.get(cp))


def _neutral(category: str) -> bool:
    """Spaces, punctuation and digits stay in the font around them when it has them."""
    return category[0] in "ZPN" or category in ("Sm", "Sc", "Sk")


def _runs(para: Para, start: int, end: int) -> list[tuple[str, str, int]]:
    """Maximal stretches of one font and one level."""
    out = []
    i = start
    while i < end:
        font, level = para.fonts[i], para.levels[i]
        j = i + 1
        while j < end and para.fonts[j] == font and para.levels[j] == level:
            j += 1
        out.append((para.chars[i:j], font, level))
        i = j
    return out


def _breakable_cjk(ch: str) -> bool:
    cp = ord(ch)
    return (
        0x2E80 <= cp <= 0x9FFF
        or 0xAC00 <= cp <= 0xD7AF
        or 0xF900 <= cp <= 0xFAFF
        or (0xFF00 <= cp <= 0xFFEF or 0x20000 <= cp <= 0x3FFFF or is_pictograph(ch))
    )


# Spaces that join: French puts one before ":" "?" "!" and inside « », and digit groups
# use them ("1 250"); a line never breaks there.
_NO_BREAK_SPACES = frozenset("\u00a0\u202f\u2007\u2060")


def _space(ch: str) -> bool:
    """A space a line may break at."""
    return ch.isspace() and ch not in _NO_BREAK_SPACES


def _next_break(chars: str, i: int, end: int) -> tuple[int, int]:
    """From `i`: (where the next word starts, where this word's visible part ends)."""
    j = i
    if _breakable_cjk(chars[j]):
        j += 1
        while j < end and chars[j] in _NO_BREAK_BEFORE:
            j += 1
    else:
        while j < end and not _space(chars[j]):
            if j > i and _breakable_cjk(chars[j]) and chars[j - 1] not in _NO_BREAK_AFTER:
                break
            j += 1
            if chars[j - 1] in "-/" and j - 1 > i and j < end and chars[j].isalnum():
                break  # after a hyphen or slash inside a word: "Ångström-|Łukasiewicz"
    word_end = j
    while j < end and _space(chars[j]):
        j += 1
    return j, word_end


def _trim(chars: str, start: int, end: int) -> int:
    while end > start and chars[end - 1].isspace():
        end -= 1
    return end


class TextBlock(Flowable):  # type: ignore[misc]
    """Wrapped plain text that flows between pages, with an optional coloured bar on the left."""

    BAR = 3.0
    BAR_GAP = 6.0

    def __init__(
        self,
        engine: TextEngine,
        text: str,
        style: TextStyle,
        *,
        bar: str | None = None,
        space_after: float = 0.0,
        background: str | None = None,
        slices: list[tuple[Para, int, int]] | None = None,
    ) -> None:
        super().__init__()
        self.engine = engine
        self.style = style
        self.bar = bar
        self.background = background
        self.spaceAfter = space_after
        if slices is None:
            slices = [(p, 0, len(p.chars)) for p in engine.paragraphs(text, style.bold)]
        self._slices = slices
        self._lines: list[tuple[int, Line]] = []  # (index of the slice, line)
        self._width = -1.0

    @property
    def _inset(self) -> float:
        return self.BAR + self.BAR_GAP if self.bar else (4.0 if self.background else 0.0)

    @property
    def _pad(self) -> float:
        return 3.0 if self.background else 0.0

    def _layout(self, width: float) -> list[tuple[int, Line]]:
        if width != self._width:
            inner = max(width - self._inset * (2 if self.background else 1), 20.0)
            wrap = self.engine.wrap
            self._lines = [
                (k, line)
                for k, (para, start, end) in enumerate(self._slices)
                for line in wrap(para, start, end, inner, self.style.size)
            ]
            self._width = width
        return self._lines

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        lines = self._layout(availWidth)
        self.width = availWidth
        self.height = len(lines) * self.style.leading + self._pad * 2
        return availWidth, self.height

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:  # noqa: N803
        # A table offers its full column width here but wraps (and draws) its cells inside
        # the padding: keep the narrower lines already found rather than wrap all again.
        lines = self._lines if 0 <= self._width <= availWidth else self._layout(availWidth)
        fit = int((availHeight - self._pad * 2) // self.style.leading)
        if fit < 1 or fit >= len(lines):
            return []
        k, first_out = lines[fit]
        para, start, end = self._slices[k]
        head = self._slices[:k] + (
            [(para, start, first_out.start)] if first_out.start > start else []
        )
        tail = [(para, first_out.start, end), *self._slices[k + 1 :]]
        # Both parts keep the lines already found: a text many pages long is wrapped once,
        # not once more for every page it continues on.
        tail_lines = [(index - k, line) for index, line in lines[fit:]]
        return [self._with(head, lines[:fit]), self._with(tail, tail_lines)]

    def _with(
        self, slices: list[tuple[Para, int, int]], lines: list[tuple[int, Line]]
    ) -> TextBlock:
        block = TextBlock(
            self.engine,
            "",
            self.style,
            bar=self.bar,
            background=self.background,
            space_after=self.spaceAfter,
            slices=slices,
        )
        block._lines, block._width = lines, self._width
        return block

    def draw(self) -> None:
        canv = self.canv
        if self.background:
            canv.setFillColor(HexColor(self.background))
            canv.rect(0, 0, self.width, self.height, stroke=0, fill=1)
        if self.bar:
            canv.setFillColor(HexColor(self.bar))
            canv.rect(0, 0, self.BAR, self.height, stroke=0, fill=1)
        inset = self._inset
        width = self.width - inset * (2 if self.background else 1)
        lines = [line for _, line in self._lines]
        self.engine.draw_lines(canv, lines, inset, self.height - self._pad, width, self.style)
