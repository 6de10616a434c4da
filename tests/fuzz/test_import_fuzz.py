"""Damaged card and survey files: a clean importer error, or a good import the rest handles.

A seeded, bounded run (TRUSTBOARD_FUZZ_CASES, 150 by default; TRUSTBOARD_FUZZ_SEED).
Each case mutates a card CSV or a survey CSV (encodings, byte-order marks, NULs, ragged
rows, formulas such as =HYPERLINK(…), huge cells, odd values, broken quotes, headers, and
once in 100 cases 100,000 rows) or hands the importer a spreadsheet (.xlsx), whole or cut
or patched inside the zip. For every case: the import engine raises only its own errors;
`trustboard import` / `import-ratings` agrees, never changes the
input, and leaves the workshop untouched when it refuses; an accepted import writes a
workshop that opens again and goes through analytics and both PDF exports.
A larger run: `python bench/fuzz.py import --cases 2000`.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.fuzz.import_cases import check_import_case, make_case, plan
from tests.fuzz.mutate import DEFAULT_SEED, explain, hang_guard
from tests.fuzz.workshop_cases import use_workshop

SEED = int(os.environ.get("TRUSTBOARD_FUZZ_SEED", DEFAULT_SEED))
CASES = int(os.environ.get("TRUSTBOARD_FUZZ_CASES", 150))


@pytest.mark.parametrize("index", range(CASES), ids=[plan(i, SEED) for i in range(CASES)])
def test_a_damaged_import_file_is_refused_cleanly_or_imported_whole(
    index: int, tmp_path: Path
) -> None:
    case = make_case(index, SEED)
    with hang_guard():
        try:
            workshop = check_import_case(case, tmp_path / "case")
            if workshop is not None:
                use_workshop(workshop, tmp_path / "out")
        except Exception as exc:
            raise AssertionError(explain(case.describe(), exc)) from None
