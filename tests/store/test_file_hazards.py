"""What other programs and odd files do to an open workshop: nothing is lost, nothing hangs.

Duplicate keys, deep nesting, special files (pipes, devices), oversized files, files
replaced or rewritten by a sync tool while open, symlinks, a folder that vanishes, and
permission bits.
"""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from trustboard.domain import limits
from trustboard.domain.workshop import Card, Workshop, new_id
from trustboard.fsutil import atomic_write
from trustboard.store import TrustBoardFileError, WorkshopFile
from trustboard.store.errors import FolderGoneError
from trustboard.store.workshop_file import conflict_copy_name

CELL = ("competence", "individuals")


def _card(text: str) -> Card:
    return Card(new_id("c"), text, CELL)


def _board(tmp_path: Path, workshop: Workshop, name: str = "w.trustboard") -> Path:
    path = tmp_path / name
    with WorkshopFile.create(path, workshop) as wf:
        wf.put_card(wf.workshop.current_round_id, _card("original"))
    return path


def _edit(wf: WorkshopFile, text: str) -> None:
    wf.put_card(wf.workshop.current_round_id, _card(text))


def _texts(path: Path) -> set[str]:
    data = json.loads(path.read_text(encoding="utf-8"))
    return {record["text"] for record in data["cards"].values()}


# -- duplicate keys and nesting -----------------------------------------------------------


def test_a_table_named_twice_is_refused_by_name_and_the_file_is_untouched(
    tmp_path: Path, workshop: Workshop
) -> None:
    path = _board(tmp_path, workshop)
    text = path.read_text(encoding="utf-8")
    assert text.endswith("}")
    path.write_text(text[:-1] + ',"cards":{}}', encoding="utf-8")  # the second one empty
    before = path.read_bytes()
    for read_only in (False, True):
        with pytest.raises(TrustBoardFileError, match='"cards" appears twice'):
            WorkshopFile.open(path, read_only=read_only)
    assert path.read_bytes() == before
    assert not any(p.name.endswith(".lock") for p in tmp_path.iterdir())


def test_a_field_named_twice_inside_a_record_is_refused(tmp_path: Path, workshop: Workshop) -> None:
    path = _board(tmp_path, workshop)
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace('"text":"original"', '"text":"original","text":""'), "utf-8")
    before = path.read_bytes()
    with pytest.raises(TrustBoardFileError, match='"text" appears twice'):
        WorkshopFile.open(path)
    assert path.read_bytes() == before


def test_nesting_deeper_than_the_limit_is_refused_with_a_message(
    tmp_path: Path, workshop: Workshop
) -> None:
    path = _board(tmp_path, workshop)
    data = json.loads(path.read_text(encoding="utf-8"))
    depth = limits.NESTING_DEPTH + 10  # far below what json itself refuses
    data["extra"] = {"x": {"deep": json.loads("[" * depth + "]" * depth)}}
    path.write_text(json.dumps(data), encoding="utf-8")
    before = path.read_bytes()
    with pytest.raises(TrustBoardFileError, match="nested too deeply"):
        WorkshopFile.open(path)
    assert path.read_bytes() == before


def test_nesting_within_the_limit_still_opens(tmp_path: Path, workshop: Workshop) -> None:
    path = _board(tmp_path, workshop)
    data = json.loads(path.read_text(encoding="utf-8"))
    depth = limits.NESTING_DEPTH - 4  # + file, table, record and field levels = the limit
    data["extra"] = {"x": {"deep": json.loads("[" * depth + "]" * depth)}}
    path.write_text(json.dumps(data), encoding="utf-8")
    WorkshopFile.open(path, read_only=True).close()


# -- special files and size ---------------------------------------------------------------


def _open_in_thread(path: Path) -> BaseException | None:
    """Open `path`; fail instead of hanging when opening blocks."""
    outcome: list[BaseException | None] = []

    def run() -> None:
        try:
            WorkshopFile.open(path).close()
            outcome.append(None)
        except BaseException as exc:  # handed to the test
            outcome.append(exc)

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    thread.join(timeout=10)
    if thread.is_alive():  # a regression: free the blocked reader with a writer's EOF
        fd = os.open(path, os.O_WRONLY | os.O_NONBLOCK)
        os.close(fd)
        thread.join(timeout=10)
        pytest.fail(f"opening {path.name} hung")
    return outcome[0]


def test_a_pipe_is_refused_at_once_instead_of_hanging(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.trustboard"
    os.mkfifo(fifo)
    error = _open_in_thread(fifo)
    assert isinstance(error, TrustBoardFileError)
    assert "not a regular file" in error.problem
    assert stat.S_ISFIFO(os.stat(fifo).st_mode)


def _check_in_child(path: Path) -> subprocess.CompletedProcess[str]:
    """`trustboard check path` in a child with a memory cap and a timeout, so a regression
    fails the test instead of hanging or exhausting the machine."""
    code = (
        "import resource, sys\n"
        "resource.setrlimit(resource.RLIMIT_AS, (2 << 30, 2 << 30))\n"
        "from trustboard.cli import main\n"
        "sys.exit(main(['check', sys.argv[1]]))\n"
    )
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2])}
    return subprocess.run(
        [sys.executable, "-c", code, str(path)],
        capture_output=True,
        text=True,
        timeout=60,
        env=env,
        check=False,
    )


def test_check_refuses_a_pipe_without_hanging(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.trustboard"
    os.mkfifo(fifo)
    result = _check_in_child(fifo)
    assert result.returncode == 1
    assert "not a regular file" in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize("device", ["/dev/zero", "/dev/urandom", "/dev/null"])
def test_a_symlink_to_a_device_is_refused_without_reading_it(tmp_path: Path, device: str) -> None:
    link = tmp_path / "w.trustboard"
    link.symlink_to(device)
    result = _check_in_child(link)
    assert result.returncode == 1, result.stderr
    assert "not a regular file" in result.stderr
    assert "Traceback" not in result.stderr
    with pytest.raises(TrustBoardFileError, match="not a regular file"):
        WorkshopFile.open(link)


def test_a_file_over_the_size_limit_is_refused_before_it_is_read(
    tmp_path: Path, workshop: Workshop, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = _board(tmp_path, workshop)
    monkeypatch.setattr(limits, "WORKSHOP_FILE_BYTES", path.stat().st_size - 1)
    with pytest.raises(TrustBoardFileError, match="too big to be a workshop"):
        WorkshopFile.open(path)
    monkeypatch.undo()
    WorkshopFile.open(path).close()


# -- another program changes the file while it is open -------------------------------------


def _replace_like_a_sync_tool(path: Path, text: str) -> bytes:
    """Write a new version to a temp file and rename it over `path`, as sync tools do."""
    data = json.loads(path.read_text(encoding="utf-8"))
    for record in data["cards"].values():
        record["text"] = text
    incoming = json.dumps(data).encode("utf-8")
    tmp = path.with_name(".sync-tmp")
    tmp.write_bytes(incoming)
    os.replace(tmp, path)
    return incoming


def test_a_file_replaced_by_a_sync_tool_is_kept_and_ours_goes_to_a_conflict_copy(
    tmp_path: Path, workshop: Workshop
) -> None:
    path = _board(tmp_path, workshop)
    wf = WorkshopFile.open(path)
    _edit(wf, "ours, saved")
    assert wf.flush()
    incoming = _replace_like_a_sync_tool(path, "theirs")
    _edit(wf, "ours, after theirs arrived")
    assert wf.flush()
    assert path.read_bytes() == incoming  # theirs: untouched
    copy = wf.conflict_copy
    assert copy is not None and copy.parent == tmp_path
    assert copy.name.startswith("w (conflict, ") and copy.name.endswith(".trustboard")
    assert _texts(copy) == {"original", "ours, saved", "ours, after theirs arrived"}
    _edit(wf, "ours, later still")  # later saves go to the copy, never the original
    wf.close()
    assert path.read_bytes() == incoming
    assert "ours, later still" in _texts(copy)
    WorkshopFile.open(copy, read_only=True).close()  # a workshop in its own right


def test_a_file_rewritten_in_place_is_not_overwritten(tmp_path: Path, workshop: Workshop) -> None:
    path = _board(tmp_path, workshop)
    wf = WorkshopFile.open(path)
    incoming = path.read_bytes().replace(b'"original"', b'"edited elsewhere"')
    with path.open("r+b") as fh:  # same inode, new content and size
        fh.write(incoming)
        fh.truncate()
    _edit(wf, "ours")
    wf.close()
    assert path.read_bytes() == incoming
    assert wf.conflict_copy is not None
    assert "ours" in _texts(wf.conflict_copy)


def test_our_own_saves_are_not_mistaken_for_a_change(tmp_path: Path, workshop: Workshop) -> None:
    path = _board(tmp_path, workshop)
    wf = WorkshopFile.open(path)
    for n in range(3):
        _edit(wf, f"edit {n}")
        assert wf.flush()
    wf.close()
    assert wf.conflict_copy is None
    assert [p.name for p in tmp_path.iterdir()] == ["w.trustboard"]


def test_a_conflict_copy_keeps_the_file_s_permissions(tmp_path: Path, workshop: Workshop) -> None:
    path = _board(tmp_path, workshop)
    path.chmod(0o600)
    wf = WorkshopFile.open(path)
    _replace_like_a_sync_tool(path, "theirs")
    _edit(wf, "ours")
    wf.close()
    assert wf.conflict_copy is not None
    assert stat.S_IMODE(wf.conflict_copy.stat().st_mode) == 0o600


def test_a_conflict_copy_name_is_safe_whatever_the_host_is_called(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("socket.gethostname", lambda: 'evil/host:name\n*?"<>|')
    path = tmp_path / ("x" * 200 + ".trustboard")
    name = conflict_copy_name(path).name
    assert not set(name) & set('/\\:*?"<>|\n')
    assert len(name.encode()) < 255
    assert name.endswith(".trustboard")
    assert "evilhostname" in name


# -- symlinks, vanished folders -------------------------------------------------------------


def test_a_workshop_opened_through_a_symlink_saves_to_its_target(
    tmp_path: Path, workshop: Workshop
) -> None:
    real_dir, link_dir = tmp_path / "real", tmp_path / "links"
    real_dir.mkdir()
    link_dir.mkdir()
    target = _board(real_dir, workshop)
    link = link_dir / "w.trustboard"
    link.symlink_to(target)
    with WorkshopFile.open(link) as wf:
        assert wf.path == target
        _edit(wf, "through the link")
    assert link.is_symlink() and link.resolve() == target
    assert "through the link" in _texts(target)
    assert sorted(p.name for p in link_dir.iterdir()) == ["w.trustboard"]


def test_a_vanished_folder_is_named_and_the_edits_can_be_saved_elsewhere(
    tmp_path: Path, workshop: Workshop
) -> None:
    folder = tmp_path / "shared"
    folder.mkdir()
    path = _board(folder, workshop)
    wf = WorkshopFile.open(path)
    folder.rename(tmp_path / "moved")
    _edit(wf, "kept in memory")
    with pytest.raises(FolderGoneError) as caught:
        wf.flush()
    message = str(caught.value)
    assert f"The folder {folder} is gone" in message
    assert "kept in memory" in message
    assert ".tbtmp" not in message
    assert wf.dirty and wf.folder_gone
    rescue = tmp_path / "rescue.trustboard"
    wf.save_copy(rescue, instead_of_this=True)
    assert not wf.dirty
    wf.close()  # nothing pending, the lock in the vanished folder is let go quietly
    assert "kept in memory" in _texts(rescue)
    assert not folder.exists()  # nothing was recreated where it was


# -- permissions ----------------------------------------------------------------------------


@pytest.mark.parametrize("mode", [0o600, 0o640, 0o664])
def test_saving_keeps_the_file_s_permission_bits(
    tmp_path: Path, workshop: Workshop, mode: int
) -> None:
    path = _board(tmp_path, workshop)
    path.chmod(mode)
    with WorkshopFile.open(path) as wf:
        _edit(wf, "edited")
    assert "edited" in _texts(path)
    assert stat.S_IMODE(path.stat().st_mode) == mode


def test_atomic_write_keeps_the_mode_whatever_the_umask(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    path.write_text("{}")
    path.chmod(0o664)
    old = os.umask(0o077)
    try:
        atomic_write(path, b'{"a":1}')
    finally:
        os.umask(old)
    assert stat.S_IMODE(path.stat().st_mode) == 0o664


def test_a_read_only_file_opens_read_only_with_the_reason_and_is_never_written(
    tmp_path: Path, workshop: Workshop
) -> None:
    path = _board(tmp_path, workshop)
    path.chmod(0o444)
    before = path.read_bytes()
    wf = WorkshopFile.open(path)
    assert wf.read_only
    assert "read-only" in wf.read_only_reason and "permission" in wf.read_only_reason
    with pytest.raises(TrustBoardFileError, match="read-only"):
        _edit(wf, "refused")
    assert not wf.flush()
    wf.close()
    assert path.read_bytes() == before
    assert stat.S_IMODE(path.stat().st_mode) == 0o444
    assert not any(p.name.endswith(".lock") for p in tmp_path.iterdir())


def test_a_file_deleted_while_open_is_written_again_with_its_mode(
    tmp_path: Path, workshop: Workshop
) -> None:
    path = _board(tmp_path, workshop)
    path.chmod(0o600)
    wf = WorkshopFile.open(path)
    path.unlink()  # a cleaner; the folder is still there
    _edit(wf, "still here")
    wf.close()
    assert wf.conflict_copy is None
    assert "still here" in _texts(path)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
