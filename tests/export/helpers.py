"""Helpers for the PDF tests: cards to export, and the text two extractors find in a PDF."""

from __future__ import annotations

import re
import shutil
import subprocess
import unicodedata
from pathlib import Path

import pytest

from trustboard.domain.workshop import Card, Layer, Workshop


def add_cards(ws: Workshop, texts: list[str], *, author: str = "", votes: int = 0) -> list[Card]:
    """Put `texts` as cards into the grid's cells of the current round, in turn."""
    rnd = ws.current_round
    cells = list(ws.framework.cells())
    added = []
    for i, text in enumerate(texts):
        card = Card(
            f"c-t{i:05d}",
            text,
            cells[i % len(cells)],
            Layer.AS_IS,
            "evidence",
            author,
            votes,
            100.0 + i,
        )
        rnd.cards[card.id] = card
        added.append(card)
    return added


def need(tool: str, package: str) -> str:
    path = shutil.which(tool)
    assert path, f"{tool} is missing: install the Debian package {package}"
    return path


def pdftotext(pdf: Path, password: str = "") -> str:
    args = [need("pdftotext", "poppler-utils"), "-enc", "UTF-8"]
    if password:
        args += ["-upw", password]
    out = subprocess.run([*args, str(pdf), "-"], capture_output=True, check=True, timeout=120)
    return out.stdout.decode("utf-8")


def pypdf_text(pdf: Path, password: str = "") -> str:
    from pypdf import PdfReader

    reader = PdfReader(pdf)
    if password:
        assert reader.decrypt(password)
    return "\n".join(page.extract_text() for page in reader.pages)


def normalise(text: str) -> str:
    """Compatibility forms (Arabic presentation forms, ligatures) back to letters; bidi
    controls and whitespace out, so text compares whatever order the extractor chose."""
    text = unicodedata.normalize("NFKC", text)
    return "".join(ch for ch in text if unicodedata.category(ch) != "Cf" and not ch.isspace())


def words(text: str) -> list[str]:
    """The words of `text` without punctuation, each normalised."""
    return [w for w in (normalise(re.sub(r"[^\w]", " ", t)) for t in text.split()) if w]


def contains_words(extracted: str, text: str) -> list[str]:
    """Words of `text` missing from `extracted`, each letter in its logical (reading) order.

    Both extractors give right-to-left words in the order they are read, as typed: a word
    found only reversed was drawn backwards, and counts as missing.
    """
    haystack = normalise(re.sub(r"[^\w]", " ", extracted))
    return [w for w in words(text) if w not in haystack]


def run_cli(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    """`trustboard ARGS` in this process: its exit code, stdout and stderr."""
    from trustboard.cli import main

    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err
