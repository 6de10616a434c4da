"""Suggested export names made from workshop text are valid on Windows, macOS and Linux."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest

from trustboard.export.filenames import MAX_BYTES, MAX_CHARS, safe_file_name

FORBIDDEN = set('/\\:*?"<>|')


def assert_portable(name: str) -> None:
    assert name and name == name.strip()
    assert not FORBIDDEN & set(name), name
    assert not any(unicodedata.category(ch) in ("Cc", "Cs") for ch in name), name
    assert not name.startswith(".")
    stem = name[: -len(".pdf")] if name.endswith(".pdf") else name
    assert not stem.endswith((".", " ")), name
    assert len(name) <= MAX_CHARS
    assert len(name.encode("utf-8")) <= MAX_BYTES


@pytest.mark.parametrize(
    ("label", "expected"),
    [
        ("Round 1/2", "Round 1-2.pdf"),
        ("Q1\\Q2: final?", "Q1-Q2 final.pdf"),
        ('a "quoted" <tag> | pipe *', "a quoted tag - pipe.pdf"),
        ("line\nbreak\ttab\x07bell", "line break tab bell.pdf"),
        ("trailing dots...  ", "trailing dots.pdf"),
        ("..hidden", "hidden.pdf"),
        ("", "TrustBoard.pdf"),
        ("/// ... \x00", "TrustBoard.pdf"),
        ("CON", "CON_.pdf"),
        ("nul", "nul_.pdf"),
        ("com1.txt", "com1_.txt.pdf"),
        ("LPT9", "LPT9_.pdf"),
        ("Console", "Console.pdf"),
        ("第1回 / ワークショップ", "第1回 - ワークショップ.pdf"),
        ("الجولة الأولى: ثقة", "الجولة الأولى ثقة.pdf"),
        ("Team 🚀/👩‍👩‍👧", "Team 🚀-👩‍👩‍👧.pdf"),
        ("report\u202egpj.exe", "reportgpj.exe.pdf"),  # no right-to-left override
        ("half \ud800 pair", "half \ufffd pair.pdf"),
    ],
)
def test_hostile_labels_give_portable_names(label: str, expected: str) -> None:
    name = safe_file_name(label, ".pdf")
    assert name == expected
    assert_portable(name)


def test_a_round_label_with_a_slash_names_a_file_in_the_same_folder(tmp_path: Path) -> None:
    name = safe_file_name("demo – Round 1/2 summary", ".pdf")
    target = tmp_path.with_name(name)  # Path.with_name refuses a "/" with ValueError
    assert target.parent == tmp_path.parent
    (tmp_path / name).write_bytes(b"%PDF-")


@pytest.mark.parametrize(
    "text",
    [
        "x" * 10_000,
        "漢" * 500,  # 3 bytes each: the byte bound decides
        "😀" * 500,  # 4 bytes each
        "e\u0301" * 500,  # a letter and its accent, not composable here: é is, so decomposed
        "a" * 117 + "\u0928\u093f\u0930\u094d" * 10,  # Devanagari marks after the cut
        "👩‍👩‍👧" * 100,  # a joined family: never cut between its members
        "🇩🇪" * 100,  # flags: pairs of regional indicators
    ],
)
def test_long_names_are_cut_between_whole_characters(text: str) -> None:
    name = safe_file_name(text, ".pdf")
    assert_portable(name)
    stem = name[: -len(".pdf")]
    assert text.startswith(unicodedata.normalize("NFC", stem)) or unicodedata.normalize(
        "NFC", text
    ).startswith(stem)
    nfc = unicodedata.normalize("NFC", text)
    after = nfc[len(stem) : len(stem) + 1]
    assert not after or unicodedata.category(after) not in ("Mn", "Mc", "Me")
    assert not stem.endswith("\u200d") and not after.startswith("\u200d")
    flags = sum(1 for ch in stem if 0x1F1E6 <= ord(ch) <= 0x1F1FF)
    assert flags % 2 == 0


def test_every_file_name_is_writable_here(tmp_path: Path) -> None:
    for label in ("a/b", "x" * 500, "😀" * 200, "\x1b]52;c;aGk=\x07", "...", "CON.pdf"):
        name = safe_file_name(label, ".pdf")
        (tmp_path / name).write_bytes(b"")
        assert (tmp_path / name).exists()
