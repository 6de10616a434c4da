"""Settings: defaults, round trips, bad files moved aside, and the recent-files list."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from trustboard.paths import UserPaths
from trustboard.services.settings import MAX_RECENT, RecentFile, Settings


def test_a_missing_file_gives_the_defaults_and_creates_nothing(data_dir: UserPaths) -> None:
    settings = Settings.load(data_dir)
    assert settings == Settings(data_dir.settings_file)
    assert settings.recent_files == []
    assert settings.theme == "system"
    assert settings.timer_minutes == 10
    assert not settings.presenter_high_contrast
    assert not settings.anonymous_presenter
    assert settings.window_geometry == ""
    assert not data_dir.settings_file.exists()


def test_save_creates_the_folder_and_round_trips(data_dir: UserPaths, tmp_path: Path) -> None:
    settings = Settings.load(data_dir)
    settings.theme = "high-contrast"
    settings.presenter_high_contrast = True
    settings.anonymous_presenter = True
    settings.timer_minutes = 25
    settings.window_geometry = "AdnQywADAAAAAA=="
    settings.add_recent(tmp_path / "Ünïcödé – 信任 <b>&.trustboard")
    assert settings.save()
    assert data_dir.settings_file.is_file()
    assert Settings.load(data_dir) == settings
    on_disk = json.loads(data_dir.settings_file.read_text(encoding="utf-8"))
    assert on_disk["format"] == "trustboard-settings"
    assert on_disk["theme"] == "high-contrast"


def test_save_leaves_no_temp_files(data_dir: UserPaths) -> None:
    settings = Settings.load(data_dir)
    for _ in range(3):
        assert settings.save()
    assert [p.name for p in data_dir.config.iterdir()] == ["settings.json"]


@pytest.mark.parametrize(
    "content",
    [
        b"",
        b"{ not json",
        b'{"format": "trustboard-settings", "theme": "da',
        b"\xff\xfe\x00garbage",
        b"[1, 2, 3]",
        b'"just a string"',
        b'{"theme": "dark", "window": {"x": 1}}',
        b'{"format": "someone-else", "theme": "dark"}',
        b"[" * 100_000,
        b'{"format": "trustboard-settings", "timer_minutes": 1' + b"0" * 5000 + b"}",
    ],
    ids=[
        "empty",
        "corrupt",
        "truncated",
        "not-utf8",
        "list",
        "string",
        "foreign-dict",
        "foreign-format",
        "deeply-nested",
        "huge-integer",
    ],
)
def test_a_bad_file_gives_defaults_and_is_kept_as_broken(
    data_dir: UserPaths, content: bytes
) -> None:
    path = data_dir.settings_file
    path.parent.mkdir(parents=True)
    path.write_bytes(content)
    settings = Settings.load(data_dir)
    assert settings == Settings(path)
    broken = path.with_name("settings.json.broken")
    assert broken.read_bytes() == content
    settings.add_recent(data_dir.data / "a.trustboard")
    assert settings.save()
    assert Settings.load(data_dir).recent_files == settings.recent_files
    assert broken.read_bytes() == content


def test_an_unreadable_settings_path_gives_defaults_and_save_reports_failure(
    data_dir: UserPaths,
) -> None:
    data_dir.settings_file.mkdir(parents=True)  # a folder where the file should be
    settings = Settings.load(data_dir)
    assert settings == Settings(data_dir.settings_file)
    assert settings.save() is False
    assert data_dir.settings_file.is_dir()


def test_a_bad_value_falls_back_on_its_own(data_dir: UserPaths) -> None:
    path = data_dir.settings_file
    path.parent.mkdir(parents=True)
    data = {
        "format": "trustboard-settings",
        "version": 1,
        "theme": "purple",
        "timer_minutes": "ten",
        "presenter_high_contrast": 1,
        "anonymous_presenter": True,
        "window_geometry": 42,
        "recent_files": ["/a/one.trustboard", 7, None, "", "/a/two.trustboard"],
    }
    path.write_text(json.dumps(data), encoding="utf-8")
    settings = Settings.load(data_dir)
    assert settings.theme == "system"
    assert settings.timer_minutes == 10
    assert settings.presenter_high_contrast is False
    assert settings.anonymous_presenter is True
    assert settings.window_geometry == ""
    assert [Path(p).name for p in settings.recent_files] == ["one.trustboard", "two.trustboard"]
    assert not path.with_name("settings.json.broken").exists()


@pytest.mark.parametrize("minutes", [0, -5, 10_000, True, 2.5])
def test_timer_minutes_out_of_range_is_the_default(data_dir: UserPaths, minutes: object) -> None:
    path = data_dir.settings_file
    path.parent.mkdir(parents=True)
    path.write_text(
        json.dumps({"format": "trustboard-settings", "timer_minutes": minutes}), encoding="utf-8"
    )
    assert Settings.load(data_dir).timer_minutes == 10


def test_keys_from_a_newer_version_survive_a_save(data_dir: UserPaths) -> None:
    path = data_dir.settings_file
    path.parent.mkdir(parents=True)
    data = {"format": "trustboard-settings", "version": 7, "theme": "dark", "future": {"x": [1]}}
    path.write_text(json.dumps(data), encoding="utf-8")
    settings = Settings.load(data_dir)
    assert settings.theme == "dark"
    settings.timer_minutes = 15
    assert settings.save()
    saved = json.loads(path.read_text(encoding="utf-8"))
    assert saved["future"] == {"x": [1]}
    assert saved["timer_minutes"] == 15


def test_recent_files_are_most_recent_first_and_capped(data_dir: UserPaths, tmp_path: Path) -> None:
    settings = Settings.load(data_dir)
    paths = [tmp_path / f"w{i}.trustboard" for i in range(MAX_RECENT + 3)]
    for p in paths:
        settings.add_recent(p)
    assert len(settings.recent_files) == MAX_RECENT
    assert [Path(p) for p in settings.recent_files] == [p.resolve() for p in paths[::-1]][
        :MAX_RECENT
    ]
    settings.save()
    assert Settings.load(data_dir).recent_files == settings.recent_files


def test_recent_files_are_deduplicated_by_resolved_path(
    data_dir: UserPaths, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "files"
    folder.mkdir()
    target = folder / "w.trustboard"
    target.write_text("x")
    other = folder / "other.trustboard"
    settings = Settings.load(data_dir)
    settings.add_recent(target)
    settings.add_recent(other)
    settings.add_recent(folder / ".." / "files" / "w.trustboard")
    monkeypatch.chdir(folder)
    settings.add_recent("w.trustboard")
    if hasattr(os, "symlink"):
        link = tmp_path / "link.trustboard"
        link.symlink_to(target)
        settings.add_recent(link)
    assert [Path(p) for p in settings.recent_files] == [target.resolve(), other.resolve()]


def test_a_duplicate_in_the_file_is_dropped_on_load(data_dir: UserPaths, tmp_path: Path) -> None:
    a, b = str(tmp_path / "a.trustboard"), str(tmp_path / "b.trustboard")
    path = data_dir.settings_file
    path.parent.mkdir(parents=True)
    data = {"format": "trustboard-settings", "recent_files": [a, b, a, b + "/../b.trustboard"]}
    path.write_text(json.dumps(data), encoding="utf-8")
    assert Settings.load(data_dir).recent_files == [a, b]


def test_a_long_list_in_the_file_is_cut_to_the_most_recent(
    data_dir: UserPaths, tmp_path: Path
) -> None:
    names = [str(tmp_path / f"{i}.trustboard") for i in range(25)]
    path = data_dir.settings_file
    path.parent.mkdir(parents=True)
    path.write_text(
        json.dumps({"format": "trustboard-settings", "recent_files": names}), encoding="utf-8"
    )
    assert Settings.load(data_dir).recent_files == names[:MAX_RECENT]


def test_remove_recent_matches_any_spelling(data_dir: UserPaths, tmp_path: Path) -> None:
    settings = Settings.load(data_dir)
    settings.add_recent(tmp_path / "a.trustboard")
    settings.add_recent(tmp_path / "b.trustboard")
    settings.remove_recent(tmp_path / "sub" / ".." / "a.trustboard")
    assert [Path(p).name for p in settings.recent_files] == ["b.trustboard"]
    settings.remove_recent(tmp_path / "never-there.trustboard")
    assert [Path(p).name for p in settings.recent_files] == ["b.trustboard"]


def test_missing_recent_files_are_kept_but_marked(data_dir: UserPaths, tmp_path: Path) -> None:
    here = tmp_path / "here.trustboard"
    here.write_text("x")
    stick = tmp_path / "usb" / "there.trustboard"  # the stick is not plugged in
    settings = Settings.load(data_dir)
    settings.add_recent(here)
    settings.add_recent(stick)
    assert settings.recent_status() == [
        RecentFile(stick.resolve(), exists=False),
        RecentFile(here.resolve(), exists=True),
    ]
    assert settings.existing_recent() == [here.resolve()]
    assert len(settings.recent_files) == 2
    settings.save()
    stick.parent.mkdir()
    stick.write_text("x")  # plugged back in
    assert Settings.load(data_dir).existing_recent() == [stick.resolve(), here.resolve()]


# -- file names that are not UTF-8 ---------------------------------------------------------

NOT_UTF8 = os.fsdecode(b"\xff caf\xe9.trustboard")  # e.g. Latin-1 bytes from an old zip file


def test_a_file_name_that_is_not_utf8_round_trips_exactly(
    data_dir: UserPaths, tmp_path: Path
) -> None:
    plain = tmp_path / "plain.trustboard"
    odd = tmp_path / NOT_UTF8
    settings = Settings.load(data_dir)
    settings.add_recent(plain)
    settings.add_recent(odd)
    assert settings.save()
    data_dir.settings_file.read_bytes().decode("utf-8")  # the file itself is clean UTF-8
    again = Settings.load(data_dir)
    assert again.recent_files == [str(odd.resolve()), str(plain.resolve())]
    assert os.fsencode(again.recent_files[0]).endswith(b"\xff caf\xe9.trustboard")
    again.theme = "dark"
    assert again.save()  # and every later save still works
    assert Settings.load(data_dir).theme == "dark"


def test_a_stored_entry_that_is_not_a_path_is_dropped(data_dir: UserPaths, tmp_path: Path) -> None:
    good = str(tmp_path / "good.trustboard")
    path = data_dir.settings_file
    path.parent.mkdir(parents=True)
    entries = [{"path_bytes": "zz"}, {"path_bytes": 3}, {"other": "x"}, good]
    path.write_text(json.dumps({"format": "trustboard-settings", "recent_files": entries}))
    assert Settings.load(data_dir).recent_files == [good]


def test_a_save_that_cannot_encode_reports_failure_instead_of_raising(
    data_dir: UserPaths,
) -> None:
    settings = Settings.load(data_dir)
    settings.window_geometry = "\udcff"  # nothing writes this today; a save must still not raise
    assert settings.save() is False
    settings.window_geometry = ""
    assert settings.save() is True


@pytest.mark.parametrize("kind", ["fifo", "dev-zero"])
def test_a_pipe_or_device_as_settings_gives_defaults_without_hanging(
    tmp_path: Path, kind: str
) -> None:
    paths = UserPaths.under(tmp_path / "data")
    paths.settings_file.parent.mkdir(parents=True)
    if kind == "fifo":
        os.mkfifo(paths.settings_file)
    else:
        paths.settings_file.symlink_to("/dev/zero")
    script = (
        "import sys; from pathlib import Path; from trustboard.paths import UserPaths; "
        "from trustboard.services.settings import Settings; "
        "s = Settings.load(UserPaths.under(Path(sys.argv[1]))); print(s.theme, s.recent_files)"
    )
    # In a child process, so that a regression fails here instead of hanging the suite.
    done = subprocess.run(
        [sys.executable, "-c", script, str(paths.data)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "system []"
