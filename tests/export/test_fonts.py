"""Fonts: found on the system, chosen per character, and missing ones reported, not fatal."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.export.helpers import add_cards, normalise, pdftotext
from trustboard.domain.workshop import Workshop
from trustboard.export import ReportOptions, SummaryOptions, write_report, write_summary
from trustboard.export.discovery import FontFamily, FontFile, parse_fc_list, system_families
from trustboard.export.fonts import FontChain, replacement, script_of

DEJAVU = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")


def test_the_system_has_a_text_font_and_fallbacks() -> None:
    names = [f.name for f in system_families()]
    assert names, "no TrueType font found: install fonts-dejavu-core or fonts-noto-core"
    assert names[0] in ("Noto Sans", "DejaVu Sans")


def test_fc_list_parsing_keeps_truetype_upright_faces() -> None:
    out = "\n".join(
        [
            "/f/NotoSans-Regular.ttf\t0\tNoto Sans\t80\t0\tTrueType",
            "/f/NotoSans-Bold.ttf\t0\tNoto Sans\t200\t0\tTrueType",
            "/f/NotoSans-Italic.ttf\t0\tNoto Sans\t80\t100\tTrueType",
            "/f/NotoSansCJK.ttc\t2\tNoto Sans CJK SC,Noto Sans CJK\t80\t0\tCFF",
            "/f/wqy.ttc\t0\tWenQuanYi Zen Hei,文泉驛正黑\t80\t0\tTrueType",
            "garbage line",
        ]
    )
    found = parse_fc_list(out, ["Noto Sans", "Noto Sans CJK SC", "WenQuanYi Zen Hei"])
    assert found["Noto Sans"].regular == FontFile(Path("/f/NotoSans-Regular.ttf"))
    assert found["Noto Sans"].bold == FontFile(Path("/f/NotoSans-Bold.ttf"))
    assert "Noto Sans CJK SC" not in found  # PostScript outlines: reportlab cannot embed them
    assert found["WenQuanYi Zen Hei"].regular.path.name == "wqy.ttc"


def test_per_character_fallback_picks_a_font_that_has_the_character() -> None:
    chain = FontChain.system()
    for ch in "aΩЖعש中한👍":
        name = chain.lookup(ord(ch))
        assert name is not None, ch


def test_a_missing_font_is_a_warning_naming_the_script(demo: Workshop, tmp_path: Path) -> None:
    """Only DejaVu Sans (and reportlab's Vera) installed: CJK cannot print."""
    assert DEJAVU.exists(), "install fonts-dejavu-core"
    chain = FontChain([FontFamily("DejaVu Sans", FontFile(DEJAVU))], ask_fontconfig=False)
    add_cards(demo, ["中文 and 日本語 and 한국어", "Emoji 🫠", "Ελληνικά stays"])
    out = tmp_path / "missing.pdf"
    result = write_report(demo, demo.current_round_id, out, ReportOptions(), fonts=chain)
    assert out.read_bytes().startswith(b"%PDF-")
    text = " ".join(result.warnings)
    assert "Chinese, Japanese and Korean (CJK)" in text
    assert "Korean (Hangul)" in text
    assert "emoji" in text
    extracted = normalise(pdftotext(out))
    assert normalise("Ελληνικά stays") in extracted
    assert "[meltingface]" in extracted  # an emoji no font has prints as its name


def test_with_no_font_at_all_reportlabs_own_still_prints_latin(
    demo: Workshop, tmp_path: Path
) -> None:
    out = tmp_path / "bare.pdf"
    result = write_summary(
        demo,
        demo.current_round_id,
        out,
        SummaryOptions(),
        fonts=FontChain([], ask_fontconfig=False),
    )
    assert normalise(demo.title) in normalise(pdftotext(out))
    assert isinstance(result.warnings, tuple)


def test_an_unusable_font_file_is_skipped(tmp_path: Path) -> None:
    broken = tmp_path / "Broken.ttf"
    broken.write_bytes(b"not a font")
    chain = FontChain([FontFamily("Broken", FontFile(broken))], ask_fontconfig=False)
    assert chain.primary().startswith("TB-Vera")


@pytest.mark.parametrize(
    ("ch", "script"),
    [
        ("中", "Chinese, Japanese and Korean (CJK)"),
        ("ก", "Thai"),
        ("👍", "emoji and symbols"),
        ("ა", "Georgian"),
        ("あ", "Japanese (kana)"),
    ],
)
def test_script_names(ch: str, script: str) -> None:
    assert script_of(ch) == script


def test_replacements_are_readable() -> None:
    assert replacement("👍") == "[thumbs up sign]"
    assert replacement("\U0001f1ec") == "G"  # a flag's letter
    assert replacement("ก") == "?"
