"""The catalogues' tools: extract the texts, check a language, compile it (`scripts/i18n`).

    scripts/i18n extract          # trustboard/locale/trustboard.pot from the source
    scripts/i18n update de        # add what is new to locale/de/trustboard.po, untranslated
    scripts/i18n check [de ...]   # every text translated, placeholders kept; exit 1 if not
    scripts/i18n compile          # each locale/<code>/*.po into LC_MESSAGES/trustboard.mo

A language's folder may hold more than one `.po` file; they compile into one catalogue. The
same source text must not be translated two ways in them.
"""

from __future__ import annotations

import io
import re
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from babel.messages.catalog import Catalog, Message
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

from trustboard.i18n import DOMAIN, LOCALE_DIR

PACKAGE_DIR = LOCALE_DIR.parent
KEYWORDS = {
    "_": None,
    "N_": None,
    "ngettext": (1, 2),
    "pgettext": ((1, "c"), 2),
    "npgettext": ((1, "c"), 2, 3),
}
_EPOCH = datetime(2026, 1, 1, tzinfo=UTC)  # a fixed date: the same .po, the same .mo
# str.format fields ("{n}", "{name}", "{0:.1f}"), Qt's "%1" / "%n", and the printf-style
# "%s" / "%r" / "%(prog)s" of argparse's own texts (cli.ARGPARSE_TEXTS)
_PLACEHOLDER = re.compile(
    r"(?<!\{)\{[A-Za-z_0-9]*(?:[:!][^{}]*)?\}(?!\})|%(?:\d+|n)|%\([A-Za-z_]+\)[sdr]|%[sdr]"
)


@dataclass(frozen=True)
class Source:
    """A text to translate as extraction found it."""

    msgid: str | tuple[str, str]  # (singular, plural) for a count
    context: str | None
    where: tuple[tuple[str, int], ...]
    notes: tuple[str, ...] = ()  # "Translators:" comments above it in the code


def extract(root: Path = PACKAGE_DIR) -> list[Source]:
    """Every text marked for translation under `root`, once each, in file order."""
    found: dict[tuple[object, str | None], list[tuple[str, int]]] = {}
    notes: dict[tuple[object, str | None], list[str]] = {}
    for filename, lineno, message, comments, context in extract_from_dir(
        root,
        method_map=[("**.py", "python")],
        keywords=KEYWORDS,
        comment_tags=("Translators:",),
        strip_comment_tags=True,
    ):
        key = message if isinstance(message, str) else tuple(message[:2])
        found.setdefault((key, context), []).append((filename, lineno))
        said = notes.setdefault((key, context), [])
        said += [c for c in comments if c not in said]
    return [
        Source(key, ctx, tuple(where), tuple(notes[key, ctx]))  # type: ignore[arg-type]
        for (key, ctx), where in found.items()
    ]


def template(sources: Iterable[Source]) -> Catalog:
    pot = Catalog(project="TrustBoard", domain=DOMAIN, fuzzy=False)
    for s in sources:
        pot.add(s.msgid, locations=s.where, context=s.context, auto_comments=s.notes)
    return pot


def read_language(code: str, locale_dir: Path = LOCALE_DIR) -> Catalog:
    """All `.po` files of a language as one catalogue (the first translation of a text wins)."""
    merged = Catalog(
        locale=code, domain=DOMAIN, fuzzy=False, creation_date=_EPOCH, revision_date=_EPOCH
    )
    files = sorted((locale_dir / code).glob("*.po"))
    first = files[0] if files else None
    for po in files:
        with po.open("rb") as f:
            part = read_po(f, locale=code)
        if po == first:  # the .po header's plural rule, not Babel's CLDR one (French has 3)
            merged.mime_headers = [("Plural-Forms", part.plural_forms)]
        for m in part:
            if m.id and (m.id, m.context) not in _keys(merged):
                merged[m.id] = Message(
                    m.id, m.string, flags=m.flags, context=m.context, locations=m.locations
                )
    return merged


def _keys(catalog: Catalog) -> set[tuple[object, str | None]]:
    return {(m.id, m.context) for m in catalog if m.id}


def compile_po(source: Path) -> io.BytesIO:
    """The `.mo` of the language whose `.po` file is `source`, in memory."""
    out = io.BytesIO()
    write_mo(out, read_language(source.parent.name, source.parent.parent))
    out.seek(0)
    return out


def compile_all(locale_dir: Path = LOCALE_DIR) -> list[Path]:
    written = []
    for folder in sorted(p for p in locale_dir.iterdir() if list(p.glob("*.po"))):
        target = folder / "LC_MESSAGES" / f"{DOMAIN}.mo"
        target.parent.mkdir(exist_ok=True)
        data = compile_po(next(folder.glob("*.po"))).getvalue()
        if not target.is_file() or target.read_bytes() != data:
            target.write_bytes(data)
        written.append(target)
    return written


def placeholders(text: str) -> list[str]:
    return sorted(_PLACEHOLDER.findall(text))


def problems(code: str, sources: Sequence[Source], locale_dir: Path = LOCALE_DIR) -> list[str]:
    """What stops `code` from being complete: untranslated, fuzzy, lost placeholders,
    two translations of one text."""
    found: list[str] = []
    seen: dict[tuple[object, str | None], object] = {}
    for po in sorted((locale_dir / code).glob("*.po")):
        with po.open("rb") as f:
            for m in read_po(f, locale=code):
                if not m.id:
                    continue
                key = (m.id, m.context)
                if key in seen and seen[key] != m.string:
                    found.append(f"{code}: {_show(m.id)} is translated two ways ({po.name})")
                seen.setdefault(key, m.string)
                if m.fuzzy:
                    found.append(f"{code}: {_show(m.id)} is marked fuzzy ({po.name})")
    catalog = read_language(code, locale_dir)
    for s in sources:
        msg = catalog.get(s.msgid, context=s.context)
        where = f"{s.where[0][0]}:{s.where[0][1]}"
        if msg is None or not _translated(msg.string):
            found.append(f"{code}: {_show(s.msgid)} is not translated ({where})")
            continue
        wanted = placeholders(s.msgid if isinstance(s.msgid, str) else s.msgid[1])
        strings = [msg.string] if isinstance(msg.string, str) else list(msg.string or ())
        for text in strings:
            if placeholders(text) != wanted and not (
                not isinstance(s.msgid, str) and set(placeholders(text)) <= set(wanted)
            ):
                found.append(
                    f"{code}: {_show(s.msgid)} keeps {wanted} but the translation has "
                    f"{placeholders(text)} ({where})"
                )
    return found


def _translated(string: object) -> bool:
    if isinstance(string, str):
        return bool(string)
    return isinstance(string, (tuple, list)) and all(isinstance(s, str) and s for s in string)


def _show(msgid: object) -> str:
    text = msgid if isinstance(msgid, str) else msgid[0]  # type: ignore[index]
    return repr(text if len(text) <= 60 else text[:57] + "...")


def update(code: str, sources: Sequence[Source], locale_dir: Path = LOCALE_DIR) -> int:
    """Add the texts `code` lacks to its trustboard.po, untranslated; returns how many."""
    target = locale_dir / code / f"{DOMAIN}.po"
    target.parent.mkdir(parents=True, exist_ok=True)
    if target.is_file():
        with target.open("rb") as f:
            catalog = read_po(f, locale=code)
    else:
        catalog = Catalog(locale=code, domain=DOMAIN, fuzzy=False)
    have = _keys(read_language(code, locale_dir))
    added = 0
    for s in sources:
        if (s.msgid, s.context) not in have:
            catalog.add(s.msgid, locations=s.where, context=s.context)
            added += 1
    with target.open("wb") as f:
        write_po(f, catalog, width=100)
    return added


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if not args or args[0] not in ("extract", "update", "check", "compile"):
        print(__doc__, file=sys.stderr)
        return 2
    command, codes = args[0], args[1:]
    if command == "compile":
        for path in compile_all():
            print(f"compiled {path.relative_to(PACKAGE_DIR.parent)}")
        return 0
    sources = extract()
    if command == "extract":
        target = LOCALE_DIR / f"{DOMAIN}.pot"
        with target.open("wb") as f:
            write_po(f, template(sources), width=100, omit_header=False)
        print(f"{len(sources)} texts in {target.relative_to(PACKAGE_DIR.parent)}")
        return 0
    codes = codes or sorted(p.name for p in LOCALE_DIR.iterdir() if list(p.glob("*.po")))
    if command == "update":
        for code in codes:
            print(f"{code}: {update(code, sources)} new texts to translate")
        return 0
    bad = [line for code in codes for line in problems(code, sources)]
    for line in bad:
        print(line)
    print(f"{len(sources)} texts; {len(bad)} problems in {', '.join(codes)}")
    return 1 if bad else 0


if __name__ == "__main__":
    raise SystemExit(main())
