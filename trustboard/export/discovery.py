"""Find TrueType fonts on this computer: fontconfig on Linux, the usual folders elsewhere.

The result is an ordered list of families: the order is the fallback chain, so a text
font comes first, then fonts for other scripts, then symbols and emoji. Nothing here
loads a font; `fonts.py` opens the files when a character first needs them.
"""

from __future__ import annotations

import functools
import os
import shutil
import subprocess
import sys
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

# Families in the order the fallback chain tries them. The text fonts lead; a family that
# covers many scripts (DejaVu Sans) comes after the script-specific ones so that, say,
# Arabic is drawn with an Arabic design where one is installed.
TEXT = ("Noto Sans", "DejaVu Sans", "Liberation Sans", "Segoe UI", "Arial", "Helvetica")
SCRIPTS = (
    "Noto Sans Arabic",
    "Noto Naskh Arabic",
    "Noto Sans Hebrew",
    "Tahoma",
    "Geeza Pro",
    "Arial Hebrew",
    "Noto Sans Devanagari",
    "Noto Sans Bengali",
    "Noto Sans Thai",
    "Noto Sans Armenian",
    "Noto Sans Georgian",
    "Noto Sans Ethiopic",
    "Nirmala UI",
    "Leelawadee UI",
    "Sylfaen",
    "Ebrima",
)
CJK = (
    "WenQuanYi Zen Hei",
    "WenQuanYi Micro Hei",
    "Droid Sans Fallback",
    "AR PL UMing CN",
    "IPAGothic",
    "TakaoGothic",
    "NanumGothic",
    "UnDotum",
    "Microsoft YaHei",
    "Microsoft JhengHei",
    "Yu Gothic",
    "Meiryo",
    "Malgun Gothic",
    "SimSun",
    "PingFang SC",
    "Apple SD Gothic Neo",
    "Arial Unicode MS",
)
SYMBOLS = (
    "DejaVu Sans",
    "Noto Sans Symbols2",
    "Noto Sans Symbols",
    "Noto Sans Math",
    "Symbola",
    "Noto Emoji",
    "Segoe UI Symbol",
    "Segoe UI Emoji",
    "Apple Symbols",
)
PREFERRED = tuple(dict.fromkeys(TEXT + SCRIPTS + CJK + SYMBOLS))

# Where fontconfig is missing (Windows, macOS): family -> (regular file, bold file).
KNOWN_FILES: dict[str, tuple[str, str]] = {
    "Noto Sans": ("NotoSans-Regular.ttf", "NotoSans-Bold.ttf"),
    "DejaVu Sans": ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf"),
    "Liberation Sans": ("LiberationSans-Regular.ttf", "LiberationSans-Bold.ttf"),
    "Segoe UI": ("segoeui.ttf", "segoeuib.ttf"),
    "Arial": ("arial.ttf", "arialbd.ttf"),
    "Noto Sans Arabic": ("NotoSansArabic-Regular.ttf", "NotoSansArabic-Bold.ttf"),
    "Noto Naskh Arabic": ("NotoNaskhArabic-Regular.ttf", "NotoNaskhArabic-Bold.ttf"),
    "Noto Sans Hebrew": ("NotoSansHebrew-Regular.ttf", "NotoSansHebrew-Bold.ttf"),
    "Tahoma": ("tahoma.ttf", "tahomabd.ttf"),
    "Geeza Pro": ("GeezaPro.ttc", ""),
    "Arial Hebrew": ("ArialHB.ttc", ""),
    "Nirmala UI": ("Nirmala.ttf", "NirmalaB.ttf"),
    "Leelawadee UI": ("LeelawUI.ttf", "LeelaUIb.ttf"),
    "Sylfaen": ("sylfaen.ttf", ""),
    "Ebrima": ("ebrima.ttf", "ebrimabd.ttf"),
    "Droid Sans Fallback": ("DroidSansFallbackFull.ttf", ""),
    "WenQuanYi Zen Hei": ("wqy-zenhei.ttc", ""),
    "Microsoft YaHei": ("msyh.ttc", "msyhbd.ttc"),
    "Microsoft JhengHei": ("msjh.ttc", "msjhbd.ttc"),
    "Yu Gothic": ("YuGothM.ttc", "YuGothB.ttc"),
    "Meiryo": ("meiryo.ttc", "meiryob.ttc"),
    "Malgun Gothic": ("malgun.ttf", "malgunbd.ttf"),
    "SimSun": ("simsun.ttc", ""),
    "PingFang SC": ("PingFang.ttc", ""),
    "Apple SD Gothic Neo": ("AppleSDGothicNeo.ttc", ""),
    "Arial Unicode MS": ("Arial Unicode.ttf", ""),
    "Noto Sans Symbols2": ("NotoSansSymbols2-Regular.ttf", ""),
    "Noto Sans Symbols": ("NotoSansSymbols-Regular.ttf", "NotoSansSymbols-Bold.ttf"),
    "Symbola": ("Symbola_hint.ttf", ""),
    "Segoe UI Symbol": ("seguisym.ttf", ""),
    "Segoe UI Emoji": ("seguiemj.ttf", ""),
    "Apple Symbols": ("Apple Symbols.ttf", ""),
}
# Font formats reportlab can embed: TrueType outlines only (no CFF/PostScript).
_EMBEDDABLE = ("TrueType",)
_FC_TIMEOUT = 10


@dataclass(frozen=True)
class FontFile:
    path: Path
    index: int = 0  # the face inside a .ttc collection


@dataclass(frozen=True)
class FontFamily:
    name: str
    regular: FontFile
    bold: FontFile | None = None


def system_families() -> list[FontFamily]:
    """The preferred families that are installed, in fallback order."""
    return list(_system_families())


@functools.cache
def _system_families() -> tuple[FontFamily, ...]:
    found = _from_fontconfig() if shutil.which("fc-list") else {}
    if not found:
        found = _from_folders(font_folders())
    return tuple(found[name] for name in PREFERRED if name in found)


def _fc_list(fmt: str, *pattern: str) -> str | None:
    """What `fc-list --format FMT [PATTERN]` prints, or None when fontconfig fails."""
    try:
        return subprocess.run(
            ["fc-list", "--format", fmt, *pattern],
            capture_output=True,
            text=True,
            timeout=_FC_TIMEOUT,
            check=False,
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return None


def _from_fontconfig() -> dict[str, FontFamily]:
    out = _fc_list("%{file}\\t%{index}\\t%{family}\\t%{weight}\\t%{slant}\\t%{fontformat}\\n")
    return parse_fc_list(out, PREFERRED) if out is not None else {}


def parse_fc_list(output: str, wanted: Iterable[str]) -> dict[str, FontFamily]:
    """Pick the upright regular and bold face of each wanted family from `fc-list` lines."""
    wanted_names = {name.casefold(): name for name in wanted}
    regular: dict[str, FontFile] = {}
    bold: dict[str, FontFile] = {}
    for line in output.splitlines():
        parts = line.split("\t")
        if len(parts) != 6 or parts[5] not in _EMBEDDABLE or parts[4] != "0":
            continue
        path, index, families, weight = parts[0], parts[1], parts[2], parts[3]
        try:
            face = FontFile(Path(path), int(index or 0))
            weight_value = int(float(weight or 80))
        except ValueError:
            continue
        for family in families.split(","):
            name = wanted_names.get(family.strip().casefold())
            if name is None:
                continue
            if weight_value == 80 and name not in regular:  # FC_WEIGHT_REGULAR
                regular[name] = face
            elif weight_value == 200 and name not in bold:  # FC_WEIGHT_BOLD
                bold[name] = face
    return {name: FontFamily(name, face, bold.get(name)) for name, face in regular.items()}


def font_folders() -> list[Path]:
    """Where fonts live on this platform, user folders included."""
    home = Path.home()
    if sys.platform == "win32":
        windir = Path(os.environ.get("WINDIR", r"C:\Windows"))
        local = Path(os.environ.get("LOCALAPPDATA", home / "AppData" / "Local"))
        return [windir / "Fonts", local / "Microsoft" / "Windows" / "Fonts"]
    if sys.platform == "darwin":
        return [
            Path("/System/Library/Fonts"),
            Path("/System/Library/Fonts/Supplemental"),
            Path("/Library/Fonts"),
            home / "Library" / "Fonts",
        ]
    data_home = Path(os.environ.get("XDG_DATA_HOME", home / ".local" / "share"))
    return [Path("/usr/share/fonts"), Path("/usr/local/share/fonts"), data_home / "fonts"]


def _from_folders(folders: Iterable[Path]) -> dict[str, FontFamily]:
    by_name: dict[str, Path] = {}
    for folder in folders:
        if not folder.is_dir():
            continue
        for root, _dirs, files in os.walk(folder):
            for file in files:
                by_name.setdefault(file.casefold(), Path(root) / file)
    found = {}
    for family, (regular, bold) in KNOWN_FILES.items():
        path = by_name.get(regular.casefold())
        if path is None:
            continue
        bold_path = by_name.get(bold.casefold()) if bold else None
        found[family] = FontFamily(
            family, FontFile(path), FontFile(bold_path) if bold_path else None
        )
    return found


@functools.lru_cache(maxsize=1024)
def fonts_covering(codepoint: int, limit: int = 4) -> tuple[FontFile, ...]:
    """Ask fontconfig which installed TrueType fonts draw this character (Linux only)."""
    if not shutil.which("fc-list"):
        return ()
    out = _fc_list(
        "%{file}\\t%{index}\\t%{fontformat}\\t%{slant}\\t%{weight}\\n", f":charset={codepoint:x}"
    )
    if out is None:
        return ()
    ranked = []
    for line in out.splitlines():
        parts = line.split("\t")
        if len(parts) == 5 and parts[2] in _EMBEDDABLE and parts[3] == "0":
            try:
                face = FontFile(Path(parts[0]), int(parts[1] or 0))
            except ValueError:
                continue
            # regular weight first, then by path: the same choice on every run
            ranked.append((parts[4] != "80", str(face.path), face.index, face))
    return tuple(entry[-1] for entry in sorted(ranked, key=lambda e: e[:3])[:limit])
