"""A bad user template is skipped with its reason; every good template still lists."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from trustboard.assets import templates_dir
from trustboard.domain.limits import ELEMENTS, NESTING_DEPTH, TEMPLATE_FILE_BYTES
from trustboard.frameworks.templates import load_template, load_templates
from trustboard.paths import UserPaths
from trustboard.services.catalogue import load_catalogue

GOOD_ID = "my-own-framework"
SHIPPED_COUNT = len(list(templates_dir().rglob("*.toml")))  # every language


def good_template_text() -> str:
    """A shipped template under a new id: a user template that must keep listing."""
    text = (templates_dir() / "trust-stool.toml").read_text(encoding="utf-8")
    return text.replace('id = "trust-stool"', f'id = "{GOOD_ID}"', 1)


def good_template_data() -> dict[str, object]:
    return {
        "id": "json-one",
        "name": "JSON one",
        "scale": [{"value": 1, "label": "Low"}, {"value": 2, "label": "High"}],
        "card_kinds": [{"id": "evidence", "name": "Evidence", "colour": "#fff3a3"}],
        "elements": [{"id": "e1", "name": "Element one"}],
        "domains": [{"id": "d1", "name": "Domain one"}],
    }


def _deep_json(folder: Path) -> str:
    (folder / "deep.json").write_text("[" * 5_000 + "]" * 5_000, encoding="utf-8")
    return "nests lists or tables more than"


def _deep_toml_array(folder: Path) -> str:
    (folder / "deep.toml").write_text("x = " + "[" * 5_000 + "]" * 5_000, encoding="utf-8")
    return "nests lists or tables more than"


def _deep_toml_table(folder: Path) -> str:
    (folder / "deeptable.toml").write_text("x = " + "{a=" * 2_000 + "1" + "}" * 2_000)
    return "nests lists or tables more than"


def _just_over_the_depth(folder: Path) -> str:
    depth = NESTING_DEPTH + 1
    (folder / "over.json").write_text("[" * depth + "]" * depth, encoding="utf-8")
    return "nests lists or tables more than"


def _huge_integer_json(folder: Path) -> str:
    (folder / "bigint.json").write_text('{"id": ' + "9" * 5_000 + "}", encoding="utf-8")
    return "bigint.json: is not valid JSON: it holds a number of thousands of digits"


def _huge_integer_toml(folder: Path) -> str:
    (folder / "bigint.toml").write_text("id = " + "9" * 5_000 + "\n", encoding="utf-8")
    return "bigint.toml: is not valid TOML: it holds a number of thousands of digits"


def _symlink_to_dev_zero(folder: Path) -> str:
    (folder / "zero.toml").symlink_to("/dev/zero")
    return "is not a regular file"


def _too_big(folder: Path) -> str:
    padding = "# " + "x" * 77 + "\n"
    text = good_template_text().replace('id = "', 'id = "big-', 1)
    while len(text) <= TEMPLATE_FILE_BYTES:
        text += padding
    (folder / "big.toml").write_text(text, encoding="utf-8")
    return "is too big for a template"


def _too_many_elements(folder: Path) -> str:
    data = good_template_data()
    data["id"] = "wide"
    data["elements"] = [{"id": f"e{i}", "name": f"E{i}"} for i in range(ELEMENTS + 1)]
    (folder / "wide.json").write_text(json.dumps(data), encoding="utf-8")
    return (
        f"wide.json: elements: has {ELEMENTS + 1} entries; a template may have at most {ELEMENTS}"
    )


def _a_huge_list(folder: Path) -> str:
    data = good_template_data()
    data["id"] = "long"
    data["elements"] = [{"id": "e1", "name": "E1", "questions": ["Why?"] * 100_000}]
    (folder / "long.json").write_text(json.dumps(data), encoding="utf-8")
    return "long.json: elements[0].questions: has 100,000 entries; a list in a template has at most"


def _a_folder(folder: Path) -> str:
    (folder / "folder.toml").mkdir()
    return "is not a regular file"


def _not_utf8(folder: Path) -> str:
    (folder / "latin.toml").write_bytes(b'id = "caf\xe9"\n')
    return "is not UTF-8 text"


def _long_dotted_key(folder: Path) -> str:
    # TOML's reader takes time in the square of a dotted key's length: 20,000 parts took 15 s.
    (folder / "dotted.toml").write_text(".".join(["a"] * 20_000) + " = 1\n", encoding="utf-8")
    return "has a key of more than"


def _duplicate_json_key(folder: Path) -> str:
    data = json.dumps(good_template_data())
    (folder / "twice.json").write_text(data[:-1] + ', "elements": []}', encoding="utf-8")
    return "the key 'elements' appears twice"


def _huge_scale_value(folder: Path) -> str:
    text = (
        good_template_text()
        .replace(GOOD_ID, "huge")
        .replace("value = 1,", "value = -1" + "0" * 400 + ",", 1)
    )
    (folder / "huge.toml").write_text(text, encoding="utf-8")
    return "huge.toml: scale[0].value: the number of 401 digits is too large"


def _nan_scale_value(folder: Path) -> str:
    text = good_template_text().replace(GOOD_ID, "nan").replace("value = 1,", "value = nan,", 1)
    (folder / "nan.toml").write_text(text, encoding="utf-8")
    return "nan.toml: scale[0].value: nan is not a number a template can hold"


HOSTILE: dict[str, Callable[[Path], str]] = {
    "a dotted key of 20,000 parts (TOML)": _long_dotted_key,
    "a key given twice (JSON)": _duplicate_json_key,
    "a scale value of 401 digits": _huge_scale_value,
    "a scale value that is not a number": _nan_scale_value,
    "nesting 5,000 deep (JSON)": _deep_json,
    "inline arrays 5,000 deep (TOML)": _deep_toml_array,
    "inline tables 2,000 deep (TOML)": _deep_toml_table,
    "one level over the nesting limit": _just_over_the_depth,
    "an integer of 5,000 digits (JSON)": _huge_integer_json,
    "an integer of 5,000 digits (TOML)": _huge_integer_toml,
    "a symlink to /dev/zero": _symlink_to_dev_zero,
    "a file over the size limit": _too_big,
    "one element over the limit": _too_many_elements,
    "a list of 100,000 questions": _a_huge_list,
    "a folder named like a template": _a_folder,
    "bytes that are not UTF-8": _not_utf8,
}


@pytest.mark.parametrize("make", HOSTILE.values(), ids=HOSTILE.keys())
def test_a_hostile_template_is_skipped_and_the_good_ones_still_list(
    data_dir: UserPaths, make: Callable[[Path], str]
) -> None:
    folder = data_dir.user_templates
    folder.mkdir(parents=True)
    (folder / "good.toml").write_text(good_template_text(), encoding="utf-8")
    expected = make(folder)

    templates, errors = load_catalogue(data_dir)

    ids = [t.id for t in templates]
    assert GOOD_ID in ids
    assert len(ids) == SHIPPED_COUNT + 1  # every built-in too
    assert len(errors) == 1, [str(e) for e in errors]
    assert expected in str(errors[0])


def test_every_hostile_template_at_once_is_reported_one_by_one(data_dir: UserPaths) -> None:
    folder = data_dir.user_templates
    folder.mkdir(parents=True)
    for make in HOSTILE.values():
        make(folder)
    templates, errors = load_catalogue(data_dir)
    assert len(templates) == SHIPPED_COUNT
    assert len(errors) == len(HOSTILE)


def test_a_byte_order_mark_is_accepted_in_toml_and_json(tmp_path: Path) -> None:
    toml = tmp_path / "bom.toml"
    toml.write_bytes(b"\xef\xbb\xbf" + good_template_text().encode("utf-8"))
    assert load_template(toml).id == GOOD_ID
    js = tmp_path / "bom.json"
    js.write_bytes(b"\xef\xbb\xbf" + json.dumps(good_template_data()).encode("utf-8"))
    assert load_template(js).id == "json-one"


def test_nesting_up_to_the_limit_is_not_refused_for_depth(tmp_path: Path) -> None:
    data = good_template_data()
    deep: object = "x"
    for _ in range(NESTING_DEPTH - 1):
        deep = [deep]
    data["tags"] = deep  # one level for the template itself: exactly at the limit
    path = tmp_path / "deep-ok.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    errors = load_templates([(tmp_path, False)])[1]
    assert len(errors) == 1
    assert "nests" not in str(errors[0])  # refused for its tags' type, not their depth


def test_brackets_inside_json_strings_do_not_count_as_nesting(tmp_path: Path) -> None:
    data = good_template_data()
    data["description"] = '[{"' * 600 + '\\"[[[ still text'  # deep, within the length limit
    path = tmp_path / "text.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    assert load_template(path).framework.description == data["description"]


def test_an_unreadable_user_folder_still_lists_the_built_ins(data_dir: UserPaths) -> None:
    data_dir.user_templates.parent.mkdir(parents=True, exist_ok=True)
    data_dir.user_templates.write_text("not a folder")  # a file where the folder should be
    templates, errors = load_catalogue(data_dir)
    assert len(templates) == SHIPPED_COUNT
    assert errors == []


def test_a_fifo_template_does_not_hang_the_list(tmp_path: Path) -> None:
    paths = UserPaths.under(tmp_path / "data")
    paths.user_templates.mkdir(parents=True)
    (paths.user_templates / "good.toml").write_text(good_template_text(), encoding="utf-8")
    os.mkfifo(paths.user_templates / "pipe.toml")
    # In a child process, so that a regression fails here instead of hanging the suite.
    done = subprocess.run(
        [sys.executable, "-m", "trustboard", "--data-dir", str(paths.data), "templates"],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert GOOD_ID in done.stdout
    assert "pipe.toml: is not a regular file" in done.stderr
