"""Damaged user templates: a bad one is skipped with its own message, the rest stay listed.

A seeded, bounded run (TRUSTBOARD_FUZZ_CASES, 150 by default, shared with the workshop
fuzz; TRUSTBOARD_FUZZ_SEED). Each case mutates a shipped TOML template or a JSON template
in the user's template folder: byte flips, truncations, a wrong type for one key (dates
and times included, which only TOML has), a key given twice, huge numbers, deep nesting,
other encodings. For every case: `load_template` raises only TemplateError; the catalogue
and `trustboard templates` still list every built-in and name the bad file once; the file is
never changed; a template that loads makes a workshop that saves, reopens and exports.

Special files (a FIFO, a link to /dev/zero) are left to their own tests: against a
TrustBoard without the fix they hang or exhaust memory instead of failing.
A larger run: `python bench/fuzz.py template --cases 2000`.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.fuzz.mutate import DEFAULT_SEED, explain, hang_guard
from tests.fuzz.template_cases import check_template_case, make_case, plan, use_framework

SEED = int(os.environ.get("TRUSTBOARD_FUZZ_SEED", DEFAULT_SEED))
CASES = int(os.environ.get("TRUSTBOARD_FUZZ_CASES", 150))


@pytest.mark.parametrize("index", range(CASES), ids=[plan(i, SEED) for i in range(CASES)])
def test_a_damaged_template_is_skipped_alone_or_fully_usable(index: int, tmp_path: Path) -> None:
    case = make_case(index, SEED)
    with hang_guard():
        try:
            framework = check_template_case(case, tmp_path)
            if framework is not None:
                use_framework(framework, tmp_path)
        except Exception as exc:
            raise AssertionError(explain(case.describe(), exc)) from None
