"""Right-to-left text: the parts of the Unicode bidi algorithm (UAX #9) that plain text needs.

Card text is typed, not marked up, so explicit embeddings and isolates are not honoured
(their control characters are dropped before layout); everything else follows the rules
W1–W7, N1–N2, I1–I2 and, per line, L1–L2. Characters stay in logical order here; the
layout reorders whole runs and the shaper (HarfBuzz) lays out each right-to-left run.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence

_STRONG = {"L": "L", "R": "R", "AL": "R"}
_NEUTRAL = frozenset({"B", "S", "WS", "ON"})


def is_rtl_char(ch: str) -> bool:
    return unicodedata.bidirectional(ch) in ("R", "AL")


def base_level(text: str) -> int:
    """0 for left-to-right, 1 for right-to-left: the first strong character decides (P2, P3)."""
    for ch in text:
        kind = unicodedata.bidirectional(ch)
        if kind == "L":
            return 0
        if kind in ("R", "AL"):
            return 1
    return 0


def _types(text: str, sos: str) -> list[str]:
    """Bidi classes after the weak-type rules W1–W7."""
    types = [unicodedata.bidirectional(ch) or "L" for ch in text]
    prev = sos
    last_strong = sos
    for i, kind in enumerate(types):
        if kind in ("NSM", "BN") or kind in ("LRE", "RLE", "LRO", "RLO", "PDF"):
            kind = prev  # W1 (and X9: removed controls behave like what precedes them)
        elif kind in ("LRI", "RLI", "FSI", "PDI"):
            kind = "ON"
        if kind == "EN" and last_strong == "AL":
            kind = "AN"  # W2
        if kind in ("L", "R", "AL"):
            last_strong = kind
        types[i] = kind
        prev = kind
    types = ["R" if k == "AL" else k for k in types]  # W3
    for i in range(1, len(types) - 1):  # W4
        before, here, after = types[i - 1], types[i], types[i + 1]
        if here == "ES" and before == after == "EN":
            types[i] = "EN"
        elif here == "CS" and before == after and before in ("EN", "AN"):
            types[i] = before
    i = 0
    while i < len(types):  # W5
        if types[i] != "ET":
            i += 1
            continue
        j = i
        while j < len(types) and types[j] == "ET":
            j += 1
        if (i > 0 and types[i - 1] == "EN") or (j < len(types) and types[j] == "EN"):
            types[i:j] = ["EN"] * (j - i)
        i = j
    types = ["ON" if k in ("ES", "ET", "CS") else k for k in types]  # W6
    last_strong = sos
    for i, kind in enumerate(types):  # W7
        if kind in ("L", "R"):
            last_strong = kind
        elif kind == "EN" and last_strong == "L":
            types[i] = "L"
    return types


def levels(text: str, base: int) -> list[int]:
    """The embedding level of every character (even: left-to-right, odd: right-to-left)."""
    if not text:
        return []
    direction = "R" if base % 2 else "L"
    types = _types(text, direction)
    n = len(types)
    i = 0
    while i < n:  # N1, N2
        if types[i] not in _NEUTRAL:
            i += 1
            continue
        j = i
        while j < n and types[j] in _NEUTRAL:
            j += 1
        left = _strength(types[i - 1]) if i > 0 else direction
        right = _strength(types[j]) if j < n else direction
        fill = left if left == right else direction
        types[i:j] = [fill] * (j - i)
        i = j
    out = []
    for kind in types:  # I1, I2
        if base % 2 == 0:
            out.append(base + 1 if kind == "R" else base + 2 if kind in ("AN", "EN") else base)
        else:
            out.append(base + 1 if kind in ("L", "EN", "AN") else base)
    return out


def _strength(kind: str) -> str:
    return "R" if kind in ("R", "AN", "EN") else "L"


def line_levels(text: str, char_levels: Sequence[int], base: int) -> list[int]:
    """Rule L1: trailing whitespace of a line goes back to the paragraph's level."""
    result = list(char_levels)
    i = len(text) - 1
    while i >= 0 and unicodedata.bidirectional(text[i]) in ("WS", "S", "B", "BN"):
        result[i] = base
        i -= 1
    return result


def visual_order(run_levels: Sequence[int]) -> list[int]:
    """Rule L2 on runs: the indices of the runs of one line, in the order they are drawn."""
    order = list(range(len(run_levels)))
    if not order:
        return order
    highest = max(run_levels)
    lowest_odd = min((lv for lv in run_levels if lv % 2), default=highest + 1)
    for level in range(highest, lowest_odd - 1, -1):
        i = 0
        while i < len(order):
            if run_levels[order[i]] < level:
                i += 1
                continue
            j = i
            while j < len(order) and run_levels[order[j]] >= level:
                j += 1
            order[i:j] = reversed(order[i:j])
            i = j
    return order
