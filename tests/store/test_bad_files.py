"""Every file in tests/corpus/bad_files is refused by name and reason, and left untouched."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from trustboard.cli import main
from trustboard.domain.workshop import Card, Workshop
from trustboard.store import TrustBoardFileError, WorkshopFile
from trustboard.store.errors import NewerFileError

CORPUS = Path(__file__).resolve().parents[1] / "corpus" / "bad_files"

# File name -> a fragment the error message must contain (besides the file's path).
EXPECTED: dict[str, str] = {
    "empty.trustboard": "is empty",
    "whitespace.trustboard": "is empty",
    "not_json.trustboard": "not valid workshop data",
    "truncated.trustboard": "truncated",
    "truncated_inside_text.trustboard": "truncated",
    "truncated_at_record_boundary.trustboard": "truncated",
    "truncated_mid_character.trustboard": "truncated",
    "nul_bytes.trustboard": "not valid workshop data",
    "nul_tail.trustboard": "not valid workshop data",
    "binary.trustboard": "not a TrustBoard file",
    "utf16.trustboard": "not a TrustBoard file",
    "invalid_utf8_inside.trustboard": "is not text",
    "bom_then_garbage.trustboard": "not valid workshop data",
    "json_array.trustboard": "not a TrustBoard file",
    "json_number.trustboard": "not a TrustBoard file",
    "json_null.trustboard": "not a TrustBoard file",
    "deep_nesting.trustboard": "nested too deeply",
    "deep_nesting_in_record.trustboard": "nested too deeply",
    "huge_integer.trustboard": "not valid workshop data",
    "other_tinydb_program.trustboard": "not a TrustBoard workshop",
    "missing_meta.trustboard": "not a TrustBoard workshop",
    "missing_cards_table.trustboard": "table 'cards' is missing",
    "framework_missing.trustboard": "framework is missing",
    "table_not_a_dict.trustboard": "table 'cards' is not a table",
    "record_not_a_dict.trustboard": "record cards.c-1 is not a record",
    "schema_version_string.trustboard": "schema_version is '1'",
    "wrong_types_title_number.trustboard": "meta.workshop.title: expected text, found a number",
    "card_unknown_element.trustboard": "no element 'telepathy'",
    "card_unknown_round.trustboard": "unknown round 'r-gone'",
    "card_negative_votes.trustboard": "votes cannot be negative",
    "rating_out_of_scale.trustboard": "score 9 is outside the scale 1–5",
    "newer_version.trustboard": "written by TrustBoard 9.0.0",
    "newer_version_new_table.trustboard": "written by TrustBoard 9.0.0",
    "newer_version_new_field.trustboard": "written by TrustBoard 9.0.0",
}

NEWER = sorted(name for name in EXPECTED if name.startswith("newer_version"))
CASES = sorted(p.name for p in CORPUS.iterdir() if p.name != "README.md")
NOT_NEWER = [name for name in CASES if name not in NEWER]
CELL = ("competence", "individuals")


def test_every_corpus_file_has_an_expectation_and_a_readme_entry() -> None:
    assert set(CASES) == set(EXPECTED)
    readme = (CORPUS / "README.md").read_text(encoding="utf-8")
    for name, fragment in EXPECTED.items():
        assert f"`{name}`" in readme, name
        assert f"`{fragment}`" in readme, (name, fragment)


class Copy:
    """A corpus file copied into a folder of its own, and a record of how it looked."""

    def __init__(self, name: str, tmp_path: Path) -> None:
        folder = tmp_path / "case"
        folder.mkdir()
        self.path = folder / name
        shutil.copyfile(CORPUS / name, self.path)
        self.bytes = self.path.read_bytes()
        self.mtime_ns = self.path.stat().st_mtime_ns

    def assert_untouched(self) -> None:
        assert self.path.read_bytes() == self.bytes
        assert self.path.stat().st_mtime_ns == self.mtime_ns
        # no lock file, no temp file, no migration backup: nothing but the file itself
        assert sorted(p.name for p in self.path.parent.iterdir()) == [self.path.name]


def without_path(message: str, path: Path) -> str:
    """The message minus the file's path: case names such as 'truncated' must not count."""
    assert str(path) in message
    return message.replace(str(path), "<file>")


def assert_names_the_problem(exc: TrustBoardFileError, copy: Copy) -> None:
    assert EXPECTED[copy.path.name] in without_path(str(exc), copy.path)
    assert EXPECTED[copy.path.name] in exc.problem


@pytest.mark.parametrize("name", CASES)
def test_open_refuses_the_file_and_leaves_it_as_it_was(name: str, tmp_path: Path) -> None:
    copy = Copy(name, tmp_path)
    with pytest.raises(TrustBoardFileError) as caught:
        WorkshopFile.open(copy.path)
    assert_names_the_problem(caught.value, copy)
    assert caught.value.path == copy.path
    copy.assert_untouched()


@pytest.mark.parametrize("name", NOT_NEWER)
def test_opening_read_only_refuses_it_too(name: str, tmp_path: Path) -> None:
    copy = Copy(name, tmp_path)
    with pytest.raises(TrustBoardFileError) as caught:
        WorkshopFile.open(copy.path, read_only=True)
    assert_names_the_problem(caught.value, copy)
    copy.assert_untouched()


@pytest.mark.parametrize("name", CASES)
def test_check_exits_1_and_prints_the_problem(
    name: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    copy = Copy(name, tmp_path)
    assert main(["check", str(copy.path)]) == 1
    out, err = capsys.readouterr()
    assert EXPECTED[name] in without_path(err, copy.path)
    assert main(["check", "--json", str(copy.path)]) == 1
    out, err = capsys.readouterr()
    report = json.loads(out)
    assert report["ok"] is False
    assert EXPECTED[name] in without_path(report["error"], copy.path)
    copy.assert_untouched()


def test_a_newer_file_is_refused_for_editing_with_a_newer_file_error(tmp_path: Path) -> None:
    copy = Copy("newer_version.trustboard", tmp_path)
    with pytest.raises(NewerFileError) as caught:
        WorkshopFile.open(copy.path)
    assert caught.value.schema_version == 99
    assert caught.value.app_version == "9.0.0"
    copy.assert_untouched()


def test_a_newer_file_opens_read_only_with_the_reason(tmp_path: Path) -> None:
    copy = Copy("newer_version.trustboard", tmp_path)
    with WorkshopFile.open(copy.path, read_only=True) as wf:
        assert wf.read_only is True
        assert "9.0.0" in wf.read_only_reason
        assert wf.workshop.title == "Corpus workshop"
        with pytest.raises(TrustBoardFileError, match="read-only"):
            wf.put_card(wf.workshop.current_round_id, Card("c-x", "no", CELL))
        assert wf.flush() is False
    copy.assert_untouched()


@pytest.mark.parametrize("name", [n for n in NEWER if n != "newer_version.trustboard"])
def test_a_newer_file_with_a_changed_layout_is_read_only_or_named_newer(
    name: str, tmp_path: Path
) -> None:
    """A newer format may add tables or keys; that must not read as 'damaged' or crash."""
    copy = Copy(name, tmp_path)
    try:
        wf = WorkshopFile.open(copy.path, read_only=True)
    except TrustBoardFileError as exc:
        assert "9.0.0" in without_path(str(exc), copy.path)
    else:
        with wf:
            assert wf.read_only is True
            assert "9.0.0" in wf.read_only_reason
    copy.assert_untouched()


def test_a_missing_file_is_named_and_not_created(tmp_path: Path) -> None:
    path = tmp_path / "nowhere.trustboard"
    with pytest.raises(TrustBoardFileError, match="does not exist") as caught:
        WorkshopFile.open(path)
    assert str(path) in str(caught.value)
    assert list(tmp_path.iterdir()) == []


def test_a_folder_is_named_as_a_folder(tmp_path: Path) -> None:
    path = tmp_path / "folder.trustboard"
    path.mkdir()
    with pytest.raises(TrustBoardFileError, match="is a folder") as caught:
        WorkshopFile.open(path)
    assert str(path) in str(caught.value)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["folder.trustboard"]
    assert list(path.iterdir()) == []


def test_text_that_is_not_unicode_is_refused_or_can_be_saved_again(
    tmp_path: Path, workshop: Workshop
) -> None:
    r"""JSON may spell a lone surrogate (\ud800), which no UTF-8 file can hold.

    Either the store refuses such a file when opening it, or the workshop it opened can be
    written back; what must not happen is a file that opens and then can never be saved.
    """
    path = tmp_path / "w.trustboard"
    WorkshopFile.create(path, workshop).close()
    data = json.loads(path.read_text(encoding="utf-8"))
    data["meta"]["workshop"]["title"] = "Trust \ud800 workshop"
    path.write_text(json.dumps(data), encoding="ascii")  # \ud800 stays an escape
    before = path.read_bytes()
    try:
        wf = WorkshopFile.open(path)
    except TrustBoardFileError as exc:
        assert str(path) in str(exc)
        assert path.read_bytes() == before
        return
    try:
        wf.put_card(wf.workshop.current_round_id, Card("c-new", "after the odd title", CELL))
        wf.flush()
    finally:
        wf.close()
    with WorkshopFile.open(path, read_only=True) as again:
        assert "c-new" in again.workshop.current_round.cards
