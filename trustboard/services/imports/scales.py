"""Answer labels ("Agree", "Very good") placed on the framework's rating scale."""

from __future__ import annotations

import re
from collections.abc import Sequence

from trustboard.domain.framework import RatingScale

Scale = RatingScale

COMMON_SCALES: dict[str, tuple[str, ...]] = {
    "agreement": (
        "Strongly disagree", "Disagree", "Neither agree nor disagree", "Agree", "Strongly agree",
    ),
    "agreement-4": ("Strongly disagree", "Disagree", "Agree", "Strongly agree"),
    "agreement-7": (
        "Strongly disagree", "Disagree", "Somewhat disagree", "Neither agree nor disagree",
        "Somewhat agree", "Agree", "Strongly agree",
    ),
    "frequency": ("Never", "Rarely", "Sometimes", "Often", "Always"),
    "quality": ("Poor", "Fair", "Good", "Very good", "Excellent"),
    "likelihood": (
        "Very unlikely", "Unlikely", "Neither likely nor unlikely", "Likely", "Very likely",
    ),
    "satisfaction": (
        "Very dissatisfied", "Dissatisfied", "Neither satisfied nor dissatisfied", "Satisfied",
        "Very satisfied",
    ),
    "trust": ("Not at all", "A little", "Somewhat", "Quite a lot", "Completely"),
}  # fmt: skip

SKIP_LABELS = frozenset(
    {
        "n/a", "na", "n.a.", "not applicable", "don't know", "dont know", "do not know",
        "prefer not to say", "prefer not to answer", "no opinion", "can't say", "cannot say",
        "not sure", "unsure",
    }
)  # fmt: skip

# Other words for a scale's middle step.
_MIDDLE = frozenset({"neutral", "neither", "neither agree or disagree", "undecided", "neither nor"})
_LEADING_NUMBER = re.compile(r"^\s*\d{1,2}\s*[-–—:.)=]\s*(?=\S)")


def normal(label: str) -> str:
    """Case- and space-insensitive form of a label; curly apostrophes as straight ones."""
    return " ".join(label.replace("’", "'").replace("‘", "'").split()).casefold()


def _bare(label: str) -> str:
    """The label without a leading step number ("5 - Strongly agree" -> "strongly agree")."""
    return normal(_LEADING_NUMBER.sub("", label))


def _value(i: int, k: int, scale: Scale) -> int:
    """Position i of k labels, spread evenly over the scale and rounded half up."""
    lo, hi = scale.minimum, scale.maximum
    if k == 1:
        return lo
    exact = lo + i * (hi - lo) / (k - 1)
    value = int(exact + 0.5)
    # the nearest step the scale really has (scales with gaps)
    return min((s.value for s in scale.steps), key=lambda v: (abs(v - value), v))


def guess_labels(answers: Sequence[str], scale: Scale) -> tuple[tuple[str, int | None], ...]:
    """Each answer label -> a value on the scale, or None (skip); unplaced labels left out."""
    own = tuple(s.label for s in scale.steps)
    candidates: list[tuple[tuple[str, ...], bool]] = [(own, True)]
    candidates += [(labels, False) for labels in COMMON_SCALES.values()]
    texts = [a for a in answers if a.strip()]
    best: dict[str, int] = {}
    best_hits = 0
    for labels, is_own in candidates:
        index = {normal(label): i for i, label in enumerate(labels)}
        if len(labels) % 2:
            for word in _MIDDLE:
                index.setdefault(word, len(labels) // 2)
        placed: dict[str, int] = {}
        for text in texts:
            i = index.get(normal(text))
            if i is None:
                i = index.get(_bare(text))
            if i is not None:
                placed[text] = scale.steps[i].value if is_own else _value(i, len(labels), scale)
        if len(placed) > best_hits:
            best, best_hits = placed, len(placed)
    found: list[tuple[str, int | None]] = []
    for text in texts:
        if normal(text) in SKIP_LABELS or _bare(text) in SKIP_LABELS:
            found.append((text, None))
        elif text in best:
            found.append((text, best[text]))
    return tuple(found)
