"""Seeded mutations of bytes and of JSON documents, shared by the fuzz tests and bench/fuzz.py.

Every mutation takes a `random.Random` and returns the new bytes plus a short description
that says exactly what was done (the path and the value), so a failing case can be read
without rerunning it. Nothing here knows about TrustBoard.
"""

from __future__ import annotations

import contextlib
import json
import random
import signal
from collections.abc import Callable, Iterator
from typing import Any

Path_ = tuple[str | int, ...]
Mutation = Callable[[random.Random, bytes], tuple[bytes, str]]

DEFAULT_SEED = 20261204
DEEP = 10_000  # nesting levels of the deep-nesting cases
BIG_TEXT = 100_000  # characters of the oversized-text cases

# A placeholder for a value that is written as a raw JSON token (NaN, 1e400, 10**400 ...).
_TOKEN = "@@fuzz-token@@"


class Token:
    """A value written as it is into the JSON text, not encoded: NaN, Infinity, 1e400."""

    def __init__(self, text: str) -> None:
        self.text = text

    def __repr__(self) -> str:
        return self.text if len(self.text) < 40 else f"{self.text[:12]}…({len(self.text)} chars)"


# Values of every JSON type, and the hostile ones of each: what "a wrong type" is replaced by.
WRONG_VALUES: list[tuple[str, Any]] = [
    ("null", None),
    ("empty text", ""),
    ("zero", 0),
    ("minus one", -1),
    ("true", True),
    ("10**400", 10**400),
    ("1e308", 1e308),
    ("NaN", Token("NaN")),
    ("Infinity", Token("Infinity")),
    ("empty list", []),
    ("empty object", {}),
    ("100k text", "x" * BIG_TEXT),
    ("markup", "<b>&"),
    ("right-to-left override", "\u202e"),
    ("lone surrogate", "\ud800"),
]

HUGE_NUMBERS = [
    "1e400",
    "-1e400",
    "1e308",
    "-1e308",
    "NaN",
    "Infinity",
    "-Infinity",
    "1" + "0" * 400,
    "-1" + "0" * 400,
    "9" * 5_000,  # over the interpreter's 4,300-digit limit for int()
    "1e-400",
    "0.1e-320",
    "12345678901234567890.5",
    "-0",
    "1.0",
]


# -- bytes ---------------------------------------------------------------------------------


def flip_bytes(rng: random.Random, data: bytes) -> tuple[bytes, str]:
    out = bytearray(data)
    n = rng.choice((1, 1, 2, 3, 8))
    where = []
    for _ in range(n):
        i = rng.randrange(len(out))
        if rng.random() < 0.5:
            out[i] ^= 1 << rng.randrange(8)
        else:
            out[i] = rng.randrange(256)
        where.append(i)
    return bytes(out), f"bytes changed at {sorted(where)}"


def truncate(rng: random.Random, data: bytes) -> tuple[bytes, str]:
    cut = rng.choice((0, 1, len(data) - 1, rng.randrange(len(data)), rng.randrange(len(data))))
    return data[:cut], f"cut after {cut} of {len(data)} bytes"


def insert_bytes(rng: random.Random, data: bytes) -> tuple[bytes, str]:
    what = rng.choice((b"\x00", b"\x00" * 16, b"\xef\xbb\xbf", b"\xff\xfe", b"\r", b"\x1b[2J"))
    i = rng.randrange(len(data) + 1)
    return data[:i] + what + data[i:], f"{what!r} inserted at byte {i}"


def reencode(rng: random.Random, data: bytes) -> tuple[bytes, str]:
    """The same text in another encoding, or with byte-order marks, or line endings."""
    text = data.decode("utf-8", errors="surrogateescape")
    choice = rng.choice(
        ("utf-16", "utf-16-le", "utf-32", "latin-1", "bom", "double bom", "crlf", "cr")
    )
    if choice == "bom":
        return b"\xef\xbb\xbf" + data, "UTF-8 byte-order mark in front"
    if choice == "double bom":
        return b"\xef\xbb\xbf\xef\xbb\xbf" + data, "two UTF-8 byte-order marks in front"
    if choice == "crlf":
        return data.replace(b"\n", b"\r\n"), "line endings made CRLF"
    if choice == "cr":
        return data.replace(b"\n", b"\r"), "line endings made CR"
    encoded = text.encode(choice, errors="replace")
    return encoded, f"re-encoded as {choice}"


# -- JSON ----------------------------------------------------------------------------------


def paths(doc: Any, prefix: Path_ = ()) -> Iterator[Path_]:
    """Every node under the root, parents before children."""
    if isinstance(doc, dict):
        for k, v in doc.items():
            yield (*prefix, k)
            yield from paths(v, (*prefix, k))
    elif isinstance(doc, list):
        for i, v in enumerate(doc):
            yield (*prefix, i)
            yield from paths(v, (*prefix, i))


def pattern(path: Path_, record_depth: int = 2) -> str:
    """A field's name across records: `cards.*.text`, `framework.framework.elements[].id`.

    Keys at `record_depth` (record ids in a tinydb file) and list indices become wildcards,
    so each field is picked as often as every other, however many records hold it.
    """
    parts = []
    for depth, p in enumerate(path):
        if isinstance(p, int):
            parts.append("[]")
        elif depth == record_depth - 1 and any(c in p for c in "-|0123456789"):
            parts.append(".*")  # a record id, not a fixed name such as meta.workshop
        else:
            parts.append(f".{p}" if parts else p)
    return "".join(parts)


def by_pattern(doc: Any, record_depth: int = 2) -> dict[str, list[Path_]]:
    found: dict[str, list[Path_]] = {}
    for p in paths(doc):
        found.setdefault(pattern(p, record_depth), []).append(p)
    return found


def get(doc: Any, path: Path_) -> Any:
    for p in path:
        doc = doc[p]
    return doc


def replace(doc: Any, path: Path_, value: Any) -> Any:
    """A copy of `doc` with the node at `path` replaced (only the path is copied)."""
    if not path:
        return value
    head, rest = path[0], path[1:]
    if isinstance(doc, dict):
        out = dict(doc)
        out[head] = replace(doc[head], rest, value)
        return out
    out_list = list(doc)
    out_list[head] = replace(doc[head], rest, value)  # type: ignore[index]
    return out_list


def show(path: Path_) -> str:
    return "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in path).lstrip(".")


def dumps(doc: Any, duplicate: tuple[Path_, str, Any, bool] | None = None) -> bytes:
    """JSON text of `doc` with `Token`s written raw; `duplicate` = (object path, key, second
    value, second goes first) writes that key twice in that object."""

    def enc(node: Any, at: Path_) -> str:
        if isinstance(node, Token):
            return node.text
        if isinstance(node, dict):
            items = [f"{json.dumps(k)}:{enc(v, (*at, k))}" for k, v in node.items()]
            if duplicate is not None and duplicate[0] == at:
                _, key, value, first = duplicate
                extra = f"{json.dumps(key)}:{enc(value, (*at, key))}"
                items = [extra, *items] if first else [*items, extra]
            return "{" + ",".join(items) + "}"
        if isinstance(node, list):
            return "[" + ",".join(enc(v, (*at, i)) for i, v in enumerate(node)) + "]"
        if isinstance(node, int) and not isinstance(node, bool) and abs(node) > 10**300:
            return str(node)  # json.dumps would refuse it under the int-to-str digit limit
        return json.dumps(node)  # ASCII: a lone surrogate becomes the escape \ud800

    import sys

    limit = sys.get_int_max_str_digits()
    sys.set_int_max_str_digits(0)
    try:
        return enc(doc, ()).encode("ascii")
    finally:
        sys.set_int_max_str_digits(limit)


def nested(depth: int, kind: str) -> Token:
    if kind == "list":
        return Token("[" * depth + "]" * depth)
    return Token('{"a":' * depth + "1" + "}" * depth)


def wrong_type(rng: random.Random, doc: Any, record_depth: int = 2) -> tuple[bytes, str]:
    fields = by_pattern(doc, record_depth)
    name = rng.choice(sorted(fields))
    path = rng.choice(fields[name])
    label, value = rng.choice(WRONG_VALUES)
    return dumps(replace(doc, path, value)), f"{show(path)} ({name}) := {label}"


def huge_number(rng: random.Random, doc: Any, record_depth: int = 2) -> tuple[bytes, str]:
    numeric = [
        p
        for p in paths(doc)
        if isinstance(get(doc, p), int | float) and not isinstance(get(doc, p), bool)
    ]
    path = rng.choice(numeric or list(paths(doc)))
    token = Token(rng.choice(HUGE_NUMBERS))
    return dumps(replace(doc, path, token)), f"{show(path)} := {token!r}"


def duplicate_key(rng: random.Random, doc: Any, record_depth: int = 2) -> tuple[bytes, str]:
    """An object with one of its keys twice: the copy empty, of another type, or the same."""
    objects: list[Path_] = [()] if isinstance(doc, dict) and doc else []
    objects += [p for p in paths(doc) if isinstance(get(doc, p), dict) and get(doc, p)]
    at = rng.choice(objects)
    key = rng.choice(sorted(get(doc, at)))
    original = get(doc, (*at, key))
    label, second = rng.choice(
        [
            ("an empty copy", type(original)() if isinstance(original, dict | list) else ""),
            ("the same value", original),
            *WRONG_VALUES[:5],
        ]
    )
    first = rng.random() < 0.3
    where = "before" if first else "after"
    return (
        dumps(doc, (at, key, second, first)),
        f"key {show((*at, key))} repeated {where} it with {label}",
    )


def deep_nesting(rng: random.Random, doc: Any, record_depth: int = 2) -> tuple[bytes, str]:
    kind = rng.choice(("list", "object"))
    depth = rng.choice((DEEP, DEEP, 1_000, 100))
    if rng.random() < 0.2:
        return dumps(nested(depth, kind)), f"the whole file is {depth} nested {kind}s"
    path = rng.choice(list(paths(doc)))
    return dumps(replace(doc, path, nested(depth, kind))), f"{show(path)} := {depth} nested {kind}s"


def drop_key(rng: random.Random, doc: Any, record_depth: int = 2) -> tuple[bytes, str]:
    path = rng.choice([p for p in paths(doc) if isinstance(p[-1], str)])
    parent = get(doc, path[:-1])
    smaller = {k: v for k, v in parent.items() if k != path[-1]}
    return dumps(replace(doc, path[:-1], smaller)), f"{show(path)} removed"


JSON_MUTATIONS: dict[str, Callable[[random.Random, Any, int], tuple[bytes, str]]] = {
    "wrongtype": wrong_type,
    "huge": huge_number,
    "dupkey": duplicate_key,
    "deep": deep_nesting,
    "dropkey": drop_key,
}
BYTE_MUTATIONS: dict[str, Mutation] = {
    "flip": flip_bytes,
    "truncate": truncate,
    "insert": insert_bytes,
    "encoding": reencode,
}
# How often each mutation comes up; type confusion is the largest space, so the most cases.
WEIGHTS = {
    "wrongtype": 40,
    "huge": 10,
    "dupkey": 10,
    "deep": 5,
    "dropkey": 5,
    "flip": 14,
    "truncate": 8,
    "insert": 4,
    "encoding": 4,
}


def pick_kind(rng: random.Random) -> str:
    kinds = sorted(WEIGHTS)
    return rng.choices(kinds, weights=[WEIGHTS[k] for k in kinds])[0]


def mutate_json_file(
    rng: random.Random, kind: str, data: bytes, record_depth: int = 2
) -> tuple[bytes, str]:
    """One mutation of a JSON file's bytes; the description says what changed."""
    if kind in BYTE_MUTATIONS:
        return BYTE_MUTATIONS[kind](rng, data)
    doc = json.loads(data.decode("utf-8-sig"))
    return JSON_MUTATIONS[kind](rng, doc, record_depth)


def case_rng(seed: int, index: int, what: str) -> random.Random:
    """The random source of one case: the same (seed, index) always gives the same case."""
    return random.Random(f"{what}:{seed}:{index}")


HANG_SECONDS = 120
_hung: list[float] = [0.0]  # seconds after which the running case was stopped


class CaseHungError(Exception):
    """Raised inside a case that has run for HANG_SECONDS: it does not end."""


@contextlib.contextmanager
def hang_guard(seconds: float = HANG_SECONDS) -> Iterator[None]:
    """Stop a case that never ends, so it fails instead of stopping the whole run.

    Not a speed check: a case gets a hundred times what any case needs, and only a loop
    that does not end (a scale of 10**400 steps drawn one by one, say) gets there.
    """

    def stop(signum: int, frame: object) -> None:
        _hung[0] = seconds
        raise CaseHungError(f"still running after {seconds:.0f} s")

    _hung[0] = 0.0
    old = signal.signal(signal.SIGALRM, stop)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, old)


def explain(case: str, exc: BaseException) -> str:
    """A failure in a few lines: the case, the exception (cut short) and where it was raised."""
    import traceback

    if _hung[0]:
        case += f"\nHUNG: stopped after {_hung[0]:.0f} s; below is where it was running"
    frames = traceback.extract_tb(exc.__traceback__)[-3:]
    where = " <- ".join(
        f"{f.filename.split('/trustboard/')[-1]}:{f.lineno} {f.name}" for f in reversed(frames)
    )
    message = str(exc)
    if len(message) > 300:
        message = f"{message[:300]}… ({len(message):,} characters)"
    return f"{case}\n{type(exc).__name__}: {message}\nraised at: {where}"
