"""Hostile user templates: the CPU time to list the templates beside each worst case.

    python bench/templates.py

Each case is one user template at or near the size limit (TEMPLATE_FILE_BYTES), built to
be slow: nesting, dotted keys, escapes, long lists, many tables. Each is listed beside the
built-ins on its own, then all together with a pipe and a /dev/zero symlink (POSIX). The
figure is CPU time (process_time), so a busy machine does not change it much. Every case
must be refused with its reason and every built-in must still be listed.
"""

from __future__ import annotations

import json
import os
import tempfile
import time
from pathlib import Path

from trustboard.domain.limits import TEMPLATE_FILE_BYTES as LIMIT
from trustboard.paths import UserPaths
from trustboard.services.catalogue import load_catalogue

SCALE = [{"value": 1, "label": "a"}, {"value": 2, "label": "b"}]
KINDS = [{"id": "evidence", "name": "Evidence", "colour": "#ffffff"}]


def fill(unit: str, head: str = "", tail: str = "") -> str:
    return head + unit * ((LIMIT - len(head) - len(tail)) // len(unit)) + tail


def framework(**extra: object) -> dict[str, object]:
    base: dict[str, object] = {"id": "x", "name": "x", "scale": SCALE, "card_kinds": KINDS}
    base.update(extra)
    return base


CASES = {
    "deep.json": fill("["),
    "deep.toml": "x = " + "[" * 5_000 + "]" * 5_000,
    "dotted.toml": fill("a.", "", "a = 1\n"),
    "dotted-lines.toml": fill("a." * 63 + "a = 1\n"),
    "escapes.json": fill('\\"', '{"id": "', '"}'),
    "questions.json": json.dumps(
        framework(elements=[{"id": "e", "name": "e", "questions": ["q"] * 200_000}])
    ),
    "tables.toml": fill('[[elements]]\nid = "e"\nname = "n"\n', 'id = "x"\nname = "x"\n'),
    "tags.toml": fill('"t",', 'id = "x"\nname = "x"\ntags = [', "]\n"),
    "integers.toml": fill("1,", "x = [", "]\n"),
}


def timed(paths: UserPaths) -> tuple[float, int, list[str]]:
    started = time.process_time()
    templates, errors = load_catalogue(paths)
    return time.process_time() - started, len(templates), [str(e) for e in errors]


def main() -> None:
    root = Path(tempfile.mkdtemp())
    baseline = UserPaths.under(root / "none")
    took, builtins, _ = timed(baseline)
    print(f"{'built-ins only':22} {'':>11}  {took:5.2f} s  {builtins} listed")
    everything = UserPaths.under(root / "all")
    everything.user_templates.mkdir(parents=True)
    for name, text in CASES.items():
        text = text[:LIMIT]
        one = UserPaths.under(root / name)
        one.user_templates.mkdir(parents=True)
        for paths in (one, everything):
            (paths.user_templates / name).write_text(text, encoding="utf-8")
        took, listed, errors = timed(one)
        assert listed == builtins and len(errors) == 1, errors
        print(f"{name:22} {len(text):>9,} B  {took:5.2f} s  {errors[0][:70]}")
    if hasattr(os, "mkfifo"):
        os.mkfifo(everything.user_templates / "pipe.toml")
        (everything.user_templates / "zero.toml").symlink_to("/dev/zero")
    took, listed, errors = timed(everything)
    assert listed == builtins
    print(f"{'all at once':22} {len(errors):>7} bad  {took:5.2f} s  {listed} listed")


if __name__ == "__main__":
    main()
