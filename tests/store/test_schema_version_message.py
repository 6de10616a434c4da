"""A damaged format number is named in a short message, whatever the file put there."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from trustboard.domain.workshop import Workshop
from trustboard.store import TrustBoardFileError, WorkshopFile


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        ("1", "'1'"),
        ("x" * 100_000, "'xxxxxxx"),
        (10**400, "'huge'"),
        (0, "0"),
        (2.5, "2.5"),
        (True, "True"),
        (list(range(50_000)), "a list"),
        ({"v": 4}, "a table"),
        (None, "nothing"),
    ],
)
def test_a_damaged_format_number_is_named_briefly(
    tmp_path: Path, workshop: Workshop, value: object, shown: str
) -> None:
    path = tmp_path / "w.trustboard"
    WorkshopFile.create(path, workshop).close()
    data = json.loads(path.read_text(encoding="utf-8"))
    data["meta"]["file"]["schema_version"] = value
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(TrustBoardFileError) as caught:
        WorkshopFile.open(path, read_only=True)
    problem = caught.value.problem
    assert problem.startswith(f"is damaged: meta.file.schema_version is {shown}")
    assert len(problem) < 120
