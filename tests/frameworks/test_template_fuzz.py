"""Mutated templates load cleanly or are refused with a TemplateError, never anything else.

A bounded, seeded run per suite run; set TRUSTBOARD_FUZZ_CASES (e.g. 20000) and
TRUSTBOARD_FUZZ_SEED for a longer or different one.
"""

from __future__ import annotations

import json
import os
import random
from collections.abc import Callable
from pathlib import Path

import pytest

from trustboard.assets import templates_dir
from trustboard.domain.codec import framework_to_dict
from trustboard.domain.workshop import new_workshop
from trustboard.frameworks.templates import Template, TemplateError, load_template, load_templates

CASES = int(os.environ.get("TRUSTBOARD_FUZZ_CASES", "300"))
SEED = int(os.environ.get("TRUSTBOARD_FUZZ_SEED", "20261204"))
SHIPPED = sorted(templates_dir().glob("*.toml"))

Mutation = Callable[[random.Random, bytes, str], bytes]


def _flip(rng: random.Random, data: bytes, _suffix: str) -> bytes:
    i = rng.randrange(len(data))
    return data[:i] + bytes([data[i] ^ (1 << rng.randrange(8))]) + data[i + 1 :]


def _truncate(rng: random.Random, data: bytes, _suffix: str) -> bytes:
    return data[: rng.randrange(len(data))]


def _cut_a_slice(rng: random.Random, data: bytes, _suffix: str) -> bytes:
    i = rng.randrange(len(data))
    return data[:i] + data[i + rng.randrange(1, 200) :]


def _insert(rng: random.Random, data: bytes, suffix: str) -> bytes:
    depth = rng.choice([2, 63, 64, 65, 1_000, 20_000])
    pieces = [
        b"[" * depth + b"]" * depth,
        b"{" * depth + b"}" * depth,
        b'{"a":' * depth + b"1" + b"}" * depth,
        b"{a=" * depth + b"1" + b"}" * depth,
        b".".join([b"a"] * depth) + b" = 1\n",
        b"9" * rng.choice([20, 400, 4_301, 10_000]),
        b"-1e999",
        b"nan",
        b"inf",
        b"\xef\xbb\xbf",
        b"\x00",
        b"\xff\xfe",
        b"\xed\xa0\x80",  # an encoded surrogate: not UTF-8
        b'"\\ud800"',
        b"\x1b]52;c;aGk=\x07",
        b'\n[[elements]]\nid = "x"\nname = "X"\n',
        b'\n"elements": [], ',
        b'\nid = "twice"\n',
        bytes(rng.randrange(256) for _ in range(rng.randrange(1, 40))),
    ]
    i = rng.randrange(len(data) + 1)
    return data[:i] + rng.choice(pieces) + data[i:]


def _swap_a_value(rng: random.Random, data: bytes, suffix: str) -> bytes:
    """Give one value another type: text for a number, a list for text, and so on."""
    for _ in range(20):
        i = data.find(b'"', rng.randrange(len(data)))
        if i < 0:
            break
        j = data.find(b'"', i + 1)
        if j < 0:
            break
        other = rng.choice([b"12", b"-3.5", b"true", b"[]", b"{}", b'["a", 1]', b"10" * 30])
        if suffix == ".toml":
            other = rng.choice([other, b"1979-05-27T07:32:00Z", b"{ x = 1 }"])
        return data[:i] + other + data[j + 1 :]
    return data


MUTATIONS: list[Mutation] = [_flip, _truncate, _cut_a_slice, _insert, _swap_a_value]


def _bases() -> list[tuple[str, bytes]]:
    bases = []
    for path in SHIPPED:
        bases.append((".toml", path.read_bytes()))
        framework = load_template(path).framework
        text = json.dumps(framework_to_dict(framework), ensure_ascii=False, indent=1)
        bases.append((".json", text.encode("utf-8")))
    return bases


def _check_one(path: Path) -> Template | None:
    """Load `path`; anything but a Template or a TemplateError fails the test."""
    before = path.read_bytes() if path.is_file() else None
    try:
        template = load_template(path)
    except TemplateError as exc:
        assert str(exc).startswith(f"{path.name}: "), str(exc)
        template = None
    else:
        new_workshop(template.framework, "Fuzz")  # a loaded template starts a workshop
    assert (path.read_bytes() if path.is_file() else None) == before  # reading never writes
    return template


def test_mutated_templates_load_or_are_refused_cleanly(tmp_path: Path) -> None:
    rng = random.Random(SEED)
    bases = _bases()
    loaded = refused = 0
    for case in range(CASES):
        suffix, data = rng.choice(bases)
        for _ in range(rng.choice([1, 1, 2, 3])):
            data = rng.choice(MUTATIONS)(rng, data, suffix) or b" "
        path = tmp_path / f"case-{case}{suffix}"
        path.write_bytes(data)
        if _check_one(path) is None:
            refused += 1
        else:
            loaded += 1
        path.unlink()
    assert loaded + refused == CASES
    assert refused > CASES // 4  # the mutations do reach the checks


@pytest.mark.parametrize("suffix", [".toml", ".json"])
def test_a_folder_of_mutants_never_stops_the_listing(tmp_path: Path, suffix: str) -> None:
    rng = random.Random(SEED + 1)
    bases = [b for b in _bases() if b[0] == suffix]
    for case in range(40):
        _, data = rng.choice(bases)
        data = rng.choice(MUTATIONS)(rng, data, suffix) or b" "
        (tmp_path / f"m{case:02}{suffix}").write_bytes(data)
    templates, errors = load_templates([(templates_dir(), True), (tmp_path, False)])
    assert len(templates) >= len(SHIPPED)
    assert len(templates) + len(errors) == len(SHIPPED) + 40
