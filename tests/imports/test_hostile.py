"""Whatever bytes arrive, the engine answers with a table and a plan or a sentence, never a crash."""

from __future__ import annotations

import string

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from trustboard.domain.framework import Framework
from trustboard.domain.workshop import new_workshop
from trustboard.services.import_errors import ImportFileError
from trustboard.services.imports.layouts import detect
from trustboard.services.imports.mapping import from_toml, suggest, to_toml
from trustboard.services.imports.plan import plan_import
from trustboard.services.imports.read import read_bytes

CELLS = st.text(alphabet=string.printable + "éü信🤝\u00a0;,|\t\"'=", max_size=12)
HEADERS = ["Timestamp", "Response ID", "How much do you trust us? [Competence / Individuals]",
           "How likely are you to recommend us?", "Do you trust us?", "Comments"]  # fmt: skip


@settings(max_examples=80, deadline=None)
@given(st.binary(max_size=600))
def test_any_bytes_read_or_are_refused_in_words(data: bytes) -> None:
    try:
        table = read_bytes(data, "x.csv")
    except ImportFileError as exc:
        assert str(exc).startswith("x.csv")
        return
    assert all(len(row) == len(table.columns) for row in table.rows)


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.lists(st.lists(CELLS, min_size=1, max_size=8), min_size=1, max_size=8), st.booleans())
def test_any_survey_plans_or_is_refused_in_words(
    rtx: Framework, rows: list[list[str]], named: bool
) -> None:
    workshop = new_workshop(rtx, "Fuzz")
    lines = ([HEADERS] if named else []) + rows
    text = "\n".join(",".join('"' + c.replace('"', '""') + '"' for c in row) for row in lines)
    try:
        table = read_bytes(text.encode(), "x.csv")
        layout = detect(table)
        mapping = suggest(layout, rtx, workshop)
        assert from_toml(to_toml(mapping), "m.toml") == mapping
        plan_import(table, mapping, workshop)
    except ImportFileError as exc:
        assert str(exc).startswith(("x.csv", "m.toml"))
