"""Regenerate tests/corpus/bad_files/ — run by hand, never at test time.

    cd /work/main && python tests/corpus/make_bad_files.py

The files are committed data: the tests read the bytes, not this script. Cases built from a
real workshop start from one written by `WorkshopFile.create` (fixed ids and date, so a rerun
gives the same bytes as long as the file format and the rtx template are unchanged) and are
then damaged in one specific way each. See bad_files/README.md for the list.
"""

from __future__ import annotations

import datetime as dt
import json
import random
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))

from trustboard.assets import templates_dir  # noqa: E402
from trustboard.domain.workshop import Card, Layer, Perspective, Rating, new_workshop  # noqa: E402
from trustboard.frameworks.templates import load_template  # noqa: E402
from trustboard.store import WorkshopFile  # noqa: E402

OUT = Path(__file__).resolve().parent / "bad_files"
ROUND = "r-000000000001"
CARD_A = "c-000000000001"
CARD_B = "c-000000000002"


def base_bytes() -> bytes:
    """A small but complete workshop (two cards, one rating), as the store writes it."""
    fw = load_template(templates_dir() / "rtx-trust-framework.toml").framework
    ws = new_workshop(fw, "Corpus workshop", organisation="Acme", date=dt.date(2026, 3, 15))
    rnd = ws.rounds[0]
    rnd.id = ROUND
    ws.current_round_id = ROUND
    rnd.cards[CARD_A] = Card(CARD_A, "Audits are on time", ("reliability", "organizations"))
    rnd.cards[CARD_B] = Card(
        CARD_B,
        "Kunden vertrauen uns – “信頼” ✓",
        ("empathy", "individuals"),
        kind="customer-voice",
        order=1.0,
    )
    rating = Rating(("competence", "individuals"), Layer.AS_IS, Perspective.SELF, (3, 4, 4))
    rnd.ratings[rating.key] = rating
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "base.trustboard"
        WorkshopFile.create(path, ws).close()
        raw = path.read_bytes()
        WorkshopFile.open(path, read_only=True).close()  # the base itself is sound
    return raw


def dumps(data: Any) -> bytes:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def edited(base: bytes, change: Callable[[dict[str, Any]], None]) -> bytes:
    data = json.loads(base)
    change(data)
    return dumps(data)


def replace_once(base: bytes, old: bytes, new: bytes) -> bytes:
    assert base.count(old) == 1, old
    return base.replace(old, new)


def cases(base: bytes) -> dict[str, bytes]:
    rng = random.Random(20260315)
    text = base.decode("utf-8")
    first_multibyte = next(i for i, b in enumerate(base) if b >= 0xC0)
    inside_text = base.index(b'"description":"') + len(b'"description":"') + 10
    cut_60 = len(base) * 3 // 5
    boundary = base.index(b',"ratings":') + 1  # just after the comma that ends the cards table
    card_a = base.index(f'"{CARD_A}":{{'.encode())
    votes_a = base.index(b'"votes":0', card_a) + len(b'"votes":')  # card A's vote count

    def drop(table: str) -> Callable[[dict[str, Any]], None]:
        return lambda d: d.pop(table)

    def setter(*keys: str, value: Any) -> Callable[[dict[str, Any]], None]:
        def change(d: dict[str, Any]) -> None:
            for k in keys[:-1]:
                d = d[k]
            d[keys[-1]] = value

        return change

    def newer(d: dict[str, Any]) -> None:
        d["meta"]["file"].update(schema_version=99, app_version="9.0.0")

    def newer_new_table(d: dict[str, Any]) -> None:
        newer(d)
        d.pop("kpis")
        d["sessions"] = {"s-1": {"round": ROUND, "started": "2031-01-01T09:00"}}

    def newer_new_field(d: dict[str, Any]) -> None:
        newer(d)
        d["meta"]["workshop"]["language"] = "de"

    return {
        "empty.trustboard": b"",
        "whitespace.trustboard": b" \n\t\r\n    \n",
        "not_json.trustboard": b"Agenda for the trust workshop\n- coffee\n- cards\n",
        "truncated.trustboard": base[: len(base) // 2],
        "truncated_inside_text.trustboard": base[:inside_text],
        "truncated_at_record_boundary.trustboard": base[:boundary],
        "truncated_mid_character.trustboard": base[: first_multibyte + 1],
        "nul_bytes.trustboard": b"\0" * 4096,
        "nul_tail.trustboard": base[:cut_60] + b"\0" * (len(base) - cut_60),
        "binary.trustboard": b"\x89PNG\r\n\x1a\n" + rng.randbytes(2048),
        "utf16.trustboard": text.encode("utf-16"),
        "invalid_utf8_inside.trustboard": replace_once(
            base, b"Corpus workshop", b"Corpus \xff workshop"
        ),
        "bom_then_garbage.trustboard": b"\xef\xbb\xbfthis is { not ] json",
        "json_array.trustboard": b"[" + base + b"]",
        "json_number.trustboard": b"42\n",
        "json_null.trustboard": b"null",
        "deep_nesting.trustboard": b"[" * 100_000 + b"]" * 100_000,
        "deep_nesting_in_record.trustboard": replace_once(
            base,
            b'"text":"Audits are on time"',
            b'"text":' + b"[" * 100_000 + b"]" * 100_000,
        ),
        "huge_integer.trustboard": base[:votes_a] + b"9" * 5000 + base[votes_a + 1 :],
        "other_tinydb_program.trustboard": b'{"_default": {"1": {"name": "x"}}}',
        "missing_meta.trustboard": edited(base, drop("meta")),
        "missing_cards_table.trustboard": edited(base, drop("cards")),
        "framework_missing.trustboard": edited(base, setter("framework", value={})),
        "table_not_a_dict.trustboard": edited(base, setter("cards", value=[])),
        "record_not_a_dict.trustboard": edited(
            base, setter("cards", value={"c-1": "a card written as loose text"})
        ),
        "schema_version_string.trustboard": edited(
            base, setter("meta", "file", "schema_version", value="1")
        ),
        "wrong_types_title_number.trustboard": edited(
            base, setter("meta", "workshop", "title", value=42)
        ),
        "card_unknown_element.trustboard": edited(
            base, setter("cards", CARD_A, "element", value="telepathy")
        ),
        "card_unknown_round.trustboard": edited(
            base, setter("cards", CARD_A, "round", value="r-gone")
        ),
        "card_negative_votes.trustboard": edited(base, setter("cards", CARD_A, "votes", value=-3)),
        "rating_out_of_scale.trustboard": edited(
            base,
            lambda d: next(iter(d["ratings"].values())).update(scores=[3, 9]),
        ),
        "newer_version.trustboard": edited(base, newer),
        "newer_version_new_table.trustboard": edited(base, newer_new_table),
        "newer_version_new_field.trustboard": edited(base, newer_new_field),
    }


def main() -> None:
    base = base_bytes()
    OUT.mkdir(exist_ok=True)
    made = cases(base)
    stale = {p.name for p in OUT.glob("*.trustboard")} - set(made)
    for name in sorted(stale):
        (OUT / name).unlink()
    for name, raw in made.items():
        (OUT / name).write_bytes(raw)
    print(f"wrote {len(made)} files to {OUT}" + (f", removed {sorted(stale)}" if stale else ""))


if __name__ == "__main__":
    main()
