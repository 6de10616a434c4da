"""What the facilitator chooses for an export: paper, privacy, branding and a password."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path

from trustboard.i18n import _, number_symbols

_COLOUR_RE = re.compile(r"#[0-9a-fA-F]{6}")  # fullmatch: "$" lets "\n" through
DEFAULT_ACCENT = "#2f6f9f"


class Paper(StrEnum):
    A4 = "a4"
    LETTER = "letter"
    PHONE = "phone"  # A5's height, narrow: one column read on a phone without zooming

    @property
    def size(self) -> tuple[float, float]:
        """Width and height in PDF points."""
        return {
            Paper.A4: (595.2756, 841.8898),
            Paper.LETTER: (612.0, 792.0),
            Paper.PHONE: (340.0, 595.2756),
        }[self]

    @property
    def text_scale(self) -> float:
        """How much larger text is set: on a phone page shown 400 px wide the body text is
        10 pt × 1.4 × 400 / 340 ≈ 16 px, and the smallest (8.5 pt) notes 14 px."""
        return 1.4 if self is Paper.PHONE else 1.0

    @property
    def margin(self) -> float:
        """Page margin in points: 15 mm on paper, less where the screen's edge is the edge."""
        return 20.0 if self is Paper.PHONE else 42.0


class ExportError(Exception):
    """An export could not be written; the message says why, in words for the user."""


class ExportCancelled(ExportError):  # noqa: N818 - an event, like KeyboardInterrupt
    """The user stopped the export; nothing was written."""


@dataclass(frozen=True)
class SummaryOptions:
    """Choices for the 1–2 page summary. `organisation` empty means the workshop's own."""

    paper: Paper = Paper.A4
    names: bool = True  # False leaves out participants', facilitator's, authors' and owners' names
    organisation: str = ""
    accent: str = DEFAULT_ACCENT
    password: str = ""  # empty: no encryption; otherwise AES-256 (PDF 2.0 security handler)

    def __post_init__(self) -> None:
        if not _COLOUR_RE.fullmatch(self.accent):
            raise ValueError(f"accent colour {self.accent!r} is not a colour like '#2f6f9f'")
        object.__setattr__(self, "paper", Paper(self.paper))


@dataclass(frozen=True)
class ReportOptions(SummaryOptions):
    """Choices for the full report: the summary's, plus whether the room's answers print.

    `details` keeps what a reader rarely needs: the questions nobody took up, and each
    rating's raw list of scores beside its median and spread.
    """

    answers: bool = True
    details: bool = False
    csv_separator: str = ","  # between a CSV's fields: "," ";" or "\t" (see csv_separator)


@dataclass(frozen=True)
class ExportResult:
    """What was written, and what the reader should know (missing fonts, shortened text)."""

    path: Path
    pages: int
    size: int
    warnings: tuple[str, ...] = field(default=())


CSV_SEPARATORS = ("auto", ",", ";", "tab")


def csv_separator(choice: str) -> str:
    """The character between a CSV's fields for `choice`: "," ";" or "tab" as said, and
    "auto" the list separator of the interface's locale (";" where the decimal sign is a
    comma, as a German or French spreadsheet expects). Call it outside `using()`: "auto"
    follows the person opening the file, not the workshop."""
    if choice == "auto":
        return number_symbols()[2]
    if choice in ("tab", "\t"):
        return "\t"
    if choice in (",", ";"):
        return choice
    raise ExportError(
        _("{choice} is not a CSV separator; choose one of: {choices}").format(
            choice=repr(choice), choices=", ".join(CSV_SEPARATORS)
        )
    )
