"""Damaged user templates (TOML and JSON): each is skipped with its own message, or usable.

Used by tests/fuzz/test_template_fuzz.py and bench/fuzz.py.
"""

from __future__ import annotations

import contextlib
import io
import json
import random
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from tests.fuzz.mutate import (
    BIG_TEXT,
    BYTE_MUTATIONS,
    DEEP,
    DEFAULT_SEED,
    case_rng,
    mutate_json_file,
    pick_kind,
)

# A `key = value` with a scalar or a one-line array value, anywhere in the TOML text.
_ASSIGNMENT = re.compile(
    r'(?P<key>\b[a-z_]+\s*=\s*)(?P<value>"(?:[^"\\\n]|\\.)*"|\[[^\[\]\n]*\]|-?\d+(?:\.\d+)?|true|false)'
)
TOML_WRONG_VALUES = [
    ('""', "empty text"),
    ("0", "zero"),
    ("-1", "minus one"),
    ("true", "true"),
    ("nan", "nan"),
    ("inf", "inf"),
    ("-inf", "-inf"),
    ("1e308", "1e308"),
    ("1" + "0" * 400, "10**400"),
    ("9" * 5_000, "a 5,000-digit integer"),
    ("[]", "empty array"),
    ("{}", "empty inline table"),
    ('"' + "x" * BIG_TEXT + '"', "100k text"),
    ('"<b>&"', "markup"),
    ('"\\u202e"', "right-to-left override"),
    ('"\\ud800"', "a lone surrogate escape"),
    ("1979-05-27T07:32:00Z", "a date-time"),
    ("1979-05-27", "a date"),
    ("07:32:00", "a time"),
    ('"#fff3a3\\n"', "a colour with a newline"),
]


@dataclass(frozen=True)
class TemplateCase:
    index: int
    base: str  # which template file, and so which format
    kind: str
    data: bytes
    what: str

    @property
    def suffix(self) -> str:
        return ".json" if self.base.endswith("json") else ".toml"

    @property
    def name(self) -> str:
        return f"{self.index:03d}-{self.base}-{self.kind}"

    def describe(self) -> str:
        return (
            f"case {self.name}: {self.what}\n"
            f"reproduce: python bench/fuzz.py template --only {self.index}"
        )


@cache
def bases() -> dict[str, bytes]:
    """Two shipped TOML templates and one JSON template, under ids of their own."""
    from trustboard.assets import templates_dir
    from trustboard.domain.codec import framework_to_dict
    from trustboard.frameworks.templates import load_template

    out: dict[str, bytes] = {}
    for name in ("rtx-trust-framework", "trust-stool"):
        text = (templates_dir() / f"{name}.toml").read_text(encoding="utf-8")
        text = text.replace(f'id = "{name}"', f'id = "my-{name}"', 1)
        out[f"{name}-toml"] = text.encode("utf-8")
    rtx = load_template(templates_dir() / "rtx-trust-framework.toml").framework
    data = framework_to_dict(rtx)
    data["id"] = "my-json-template"
    out["rtx-json"] = json.dumps(data, ensure_ascii=False, indent=2).encode("utf-8")
    return out


def _toml_wrong_type(rng: random.Random, text: str) -> tuple[str, str]:
    spots = list(_ASSIGNMENT.finditer(text))
    m = rng.choice(spots)
    value, label = rng.choice(TOML_WRONG_VALUES)
    line = text.count("\n", 0, m.start()) + 1
    new = text[: m.start("value")] + value + text[m.end("value") :]
    return new, f"line {line}: {m.group('key').strip()} {label} (was {m.group('value')[:40]})"


def _toml_duplicate(rng: random.Random, text: str) -> tuple[str, str]:
    m = rng.choice(list(_ASSIGNMENT.finditer(text)))
    line = text.count("\n", 0, m.start()) + 1
    line_start = text.rfind("\n", 0, m.start()) + 1
    inline = "{" in text[line_start : m.start()]  # inside { ... }: the copy goes in there too
    glue = ", " if inline else "\n"
    new = text[: m.end()] + glue + m.group(0) + text[m.end() :]
    return new, f"line {line}: {m.group('key').strip()} given twice"


def _toml_deep(rng: random.Random, text: str) -> tuple[str, str]:
    m = rng.choice(list(_ASSIGNMENT.finditer(text)))
    depth = rng.choice((DEEP, 5_000, 1_000))
    if rng.random() < 0.5:
        value, what = "[" * depth + "]" * depth, "arrays"
    else:
        value, what = "{a=" * depth + "1" + "}" * depth, "inline tables"
    new = text[: m.start("value")] + value + text[m.end("value") :]
    return new, f"{m.group('key').strip()} := {depth} nested {what}"


def _toml_huge(rng: random.Random, text: str) -> tuple[str, str]:
    numbers = [m for m in _ASSIGNMENT.finditer(text) if m.group("value")[-1].isdigit()]
    m = rng.choice(numbers)
    value, label = rng.choice(TOML_WRONG_VALUES[4:10])
    new = text[: m.start("value")] + value + text[m.end("value") :]
    return new, f"{m.group('key').strip()} := {label} (was {m.group('value')})"


TOML_MUTATIONS = {
    "wrongtype": _toml_wrong_type,
    "dupkey": _toml_duplicate,
    "deep": _toml_deep,
    "huge": _toml_huge,
    "dropkey": _toml_wrong_type,  # TOML: no key removal; one more type change instead
}


def make_case(index: int, seed: int = DEFAULT_SEED) -> TemplateCase:
    rng = case_rng(seed, index, "template")
    base = rng.choice(sorted(bases()))
    kind = pick_kind(rng)
    data = bases()[base]
    if base.endswith("json"):
        new, what = mutate_json_file(rng, kind, data, record_depth=0)
    elif kind in BYTE_MUTATIONS:
        new, what = BYTE_MUTATIONS[kind](rng, data)
    else:
        text, what = TOML_MUTATIONS[kind](rng, data.decode("utf-8"))
        new = text.encode("utf-8")
    return TemplateCase(index, base, kind, new, what)


def plan(index: int, seed: int = DEFAULT_SEED) -> str:
    rng = case_rng(seed, index, "template")
    base = rng.choice(sorted(("rtx-trust-framework-toml", "trust-stool-toml", "rtx-json")))
    return f"{index:03d}-{base}-{pick_kind(rng)}"


def builtin_ids() -> set[str]:
    from trustboard.assets import templates_dir
    from trustboard.frameworks.templates import load_templates

    templates, errors = load_templates([(templates_dir(), True)])
    assert not errors
    return {t.id for t in templates}


def check_template_case(case: TemplateCase, root: Path) -> object | None:
    """The template's Framework when it loads, else None once it was skipped cleanly.

    Asserts: loading raises only TemplateError; the catalogue still lists every built-in and
    names this file among the skipped ones; `trustboard templates` runs; the file is unchanged.
    """
    from tests.fuzz.workshop_cases import Snapshot, assert_clean_message
    from trustboard.cli import main
    from trustboard.frameworks.templates import TemplateError, load_template
    from trustboard.paths import UserPaths
    from trustboard.services.catalogue import load_catalogue

    paths = UserPaths.under(root / "data")
    paths.user_templates.mkdir(parents=True)
    path = paths.user_templates / f"fuzzed{case.suffix}"
    path.write_bytes(case.data)
    snap = Snapshot(path)
    try:
        template = load_template(path)
    except TemplateError as exc:
        assert_clean_message(str(exc), "loading the template")
        assert exc.path == path
        template = None
    templates, errors = load_catalogue(paths)
    listed = {t.id for t in templates if t.builtin}
    assert listed == builtin_ids(), (
        f"built-ins missing from the catalogue: {builtin_ids() - listed}"
    )
    mine = [t for t in templates if t.path == path]
    skipped = [e for e in errors if e.path == path]
    if template is None:
        assert not mine and len(skipped) == 1, "a refused template is not named once as skipped"
    else:
        assert len(mine) == 1 and not skipped, "a loading template is not listed"
    for err in errors:
        assert_clean_message(str(err), "listing the templates")
    out, err_out = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err_out):
        code = main(["--data-dir", str(root / "data"), "templates"])
    assert code == 0, f"`trustboard templates` exited {code}"
    assert "Traceback" not in out.getvalue() + err_out.getvalue()
    snap.assert_untouched("listing the templates")
    return None if template is None else template.framework


def use_framework(framework: object, root: Path) -> None:
    """A new workshop from the template: saved, reopened, analysed and exported."""
    from tests.fuzz.workshop_cases import use_workshop
    from trustboard.domain.framework import Framework
    from trustboard.domain.workshop import new_workshop
    from trustboard.store import WorkshopFile

    assert isinstance(framework, Framework)
    ws = new_workshop(framework, "From a user template")
    path = root / "new.trustboard"
    WorkshopFile.create(path, ws).close()
    reopened = WorkshopFile.open(path, read_only=True)  # what it saved, it must open
    reopened.close()
    use_workshop(reopened.workshop, root / "out")
