"""One writer per workshop file: the lock file beside it, who holds it, and stale locks."""

from __future__ import annotations

import errno
import json
import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from trustboard.domain.limits import LOCK_FILE_BYTES
from trustboard.domain.workshop import Card, Workshop
from trustboard.store import TrustBoardFileError, WorkshopFile, lock
from trustboard.store.errors import LockLostError
from trustboard.store.lock import FileLock

REPO = Path(__file__).resolve().parents[2]
CHILD = Path(__file__).resolve().with_name("crash_child.py")
CELL = ("competence", "individuals")


def child_env() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO), env.get("PYTHONPATH")]))
    return env


def start_child(*args: str, stderr: int | None = subprocess.PIPE) -> subprocess.Popen[str]:
    """crash_child.py with these arguments, talking over its pipes."""
    return subprocess.Popen(
        [sys.executable, str(CHILD), *args],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=stderr,
        text=True,
        cwd=REPO,
        env=child_env(),
    )


def lock_of(path: Path) -> Path:
    return path.with_name(f".{path.name}.lock")


def lock_holder(path: Path) -> dict[str, Any]:
    holder: dict[str, Any] = json.loads(lock_of(path).read_text(encoding="utf-8"))
    return holder


def write_lock(path: Path, pid: int, host: str) -> bytes:
    raw = json.dumps(
        {"pid": pid, "host": host, "user": "someone", "since": "2026-03-15T09:00:00+01:00"}
    ).encode()
    lock_of(path).write_bytes(raw)
    return raw


def dead_pid() -> int:
    """The pid of a process of ours that has exited and been reaped."""
    done = subprocess.Popen([sys.executable, "-c", "pass"])
    assert done.wait(timeout=60) == 0
    return done.pid


def a_card(n: int = 1) -> Card:
    return Card(f"c-lock-{n}", f"lock test card {n}", CELL)


@pytest.fixture
def board(tmp_path: Path, workshop: Workshop) -> Path:
    path = tmp_path / "board.trustboard"
    WorkshopFile.create(path, workshop).close()
    return path


@pytest.fixture
def holder_process(board: Path) -> Iterator[tuple[subprocess.Popen[str], dict[str, Any]]]:
    """Another process that has the board open for editing until the test ends."""
    proc = start_child("hold", str(board))
    assert proc.stdout is not None and proc.stdin is not None
    line = proc.stdout.readline()
    if not line.startswith("open "):
        proc.kill()
        pytest.fail(f"holder did not open the board: {line!r} {proc.communicate()[1]}")
    opened: dict[str, Any] = json.loads(line.split(" ", 1)[1])
    try:
        yield proc, opened
    finally:
        if proc.poll() is None:
            proc.stdin.close()
            proc.wait(timeout=60)
        proc.stdout.close()
        assert proc.stderr is not None
        proc.stderr.close()


def test_a_second_process_opens_read_only_and_is_told_who_holds_it(
    board: Path, holder_process: tuple[subprocess.Popen[str], dict[str, Any]]
) -> None:
    proc, opened = holder_process
    assert opened == {"pid": proc.pid, "read_only": False, "reason": ""}
    assert lock_holder(board)["pid"] == proc.pid
    before = board.read_bytes()
    with WorkshopFile.open(board) as wf:
        assert wf.read_only
        assert f"process {proc.pid}" in wf.read_only_reason
        assert socket.gethostname() in wf.read_only_reason
        with pytest.raises(TrustBoardFileError, match="read-only"):
            wf.put_card(wf.workshop.current_round_id, a_card())
        assert wf.flush() is False
    assert lock_holder(board)["pid"] == proc.pid  # our close left their lock alone
    assert board.read_bytes() == before
    # once the holder closes the board, the lock is gone and we may edit
    assert proc.stdin is not None and proc.stdout is not None
    proc.stdin.close()
    assert proc.stdout.readline() == "closed\n"
    assert proc.wait(timeout=60) == 0
    assert not lock_of(board).exists()
    with WorkshopFile.open(board) as wf:
        assert not wf.read_only


def test_the_holder_s_details_reach_a_second_process_the_other_way_round(board: Path) -> None:
    with WorkshopFile.open(board) as mine:
        assert not mine.read_only
        result = subprocess.run(
            [sys.executable, str(CHILD), "probe", str(board)],
            capture_output=True,
            text=True,
            cwd=REPO,
            env=child_env(),
            check=False,
            timeout=60,
        )
        assert result.returncode == 0, result.stderr
        tag, payload = result.stdout.split(" ", 1)
        theirs = json.loads(payload)
        assert tag == "open"
        assert theirs["read_only"] is True
        assert f"process {os.getpid()}" in theirs["reason"]
        assert socket.gethostname() in theirs["reason"]
        assert lock_holder(board)["pid"] == os.getpid()
    assert not lock_of(board).exists()


def test_a_second_open_in_the_same_process_is_read_only(board: Path) -> None:
    first = WorkshopFile.open(board)
    assert not first.read_only
    second = WorkshopFile.open(board)
    assert second.read_only
    assert f"process {os.getpid()}" in second.read_only_reason
    with pytest.raises(TrustBoardFileError, match="read-only"):
        second.put_card(second.workshop.current_round_id, a_card())
    second.close()
    assert lock_holder(board)["pid"] == os.getpid()  # the read-only one did not release it
    first.put_card(first.workshop.current_round_id, a_card())
    assert first.flush() is True
    first.close()
    assert not lock_of(board).exists()
    with WorkshopFile.open(board, read_only=True) as wf:
        assert "c-lock-1" in wf.workshop.current_round.cards


def test_a_stale_lock_of_a_dead_process_on_this_host_is_taken_over(board: Path) -> None:
    pid = dead_pid()
    write_lock(board, pid, socket.gethostname())
    with WorkshopFile.open(board) as wf:
        assert not wf.read_only, wf.read_only_reason
        assert lock_holder(board)["pid"] == os.getpid()
        wf.put_card(wf.workshop.current_round_id, a_card())
    assert not lock_of(board).exists()


def test_a_lock_from_another_host_is_respected(board: Path) -> None:
    raw = write_lock(board, dead_pid(), "workshop-laptop.example")
    before = board.read_bytes()
    with WorkshopFile.open(board) as wf:
        assert wf.read_only
        assert "workshop-laptop.example" in wf.read_only_reason
        with pytest.raises(TrustBoardFileError, match="read-only"):
            wf.put_card(wf.workshop.current_round_id, a_card())
    assert lock_of(board).read_bytes() == raw
    assert board.read_bytes() == before


GARBAGE = {
    "empty": b"",
    "not-json": b"\x00\x01 half a lock",
    "json-list": b"[1, 2]",
    "pid-not-a-number": b'{"pid": "twelve", "host": "h", "user": "u", "since": "s"}',
    "fields-missing": b'{"pid": 12}',
}


@pytest.mark.skipif(sys.platform == "win32", reason="the helper holds the lock with flock")
def test_a_lock_file_still_being_written_is_respected(board: Path) -> None:
    """A TrustBoard that has created its lock file but not yet said who it is (a young,
    unreadable lock file whose writer is alive) keeps the lock."""
    writer = start_child("hold-lock-file", str(lock_of(board)), stderr=None)
    assert writer.stdin is not None and writer.stdout is not None
    try:
        assert writer.stdout.readline() == "holding\n"
        half = lock_of(board).read_bytes()
        with WorkshopFile.open(board) as wf:
            assert wf.read_only
            assert "open in another TrustBoard" in wf.read_only_reason
            with pytest.raises(TrustBoardFileError, match="read-only"):
                wf.put_card(wf.workshop.current_round_id, a_card())
        assert lock_of(board).read_bytes() == half
    finally:
        writer.stdin.close()
        writer.stdout.close()
        assert writer.wait(timeout=60) == 0


@pytest.mark.parametrize("content", GARBAGE.values(), ids=GARBAGE.keys())
def test_an_unreadable_lock_older_than_10_s_is_taken_over(board: Path, content: bytes) -> None:
    lock_of(board).write_bytes(content)
    now = time.time()
    os.utime(lock_of(board), (now - 11, now - 11))
    with WorkshopFile.open(board) as wf:
        assert not wf.read_only, wf.read_only_reason
        assert lock_holder(board)["pid"] == os.getpid()
    assert not lock_of(board).exists()


def test_close_removes_the_lock_file(board: Path, workshop: Workshop, tmp_path: Path) -> None:
    wf = WorkshopFile.open(board)
    holder = lock_holder(board)
    assert (holder["pid"], holder["host"]) == (os.getpid(), socket.gethostname())
    wf.close()
    assert not lock_of(board).exists()
    wf.close()  # twice is harmless
    created = WorkshopFile.create(tmp_path / "new.trustboard", workshop)
    assert lock_of(tmp_path / "new.trustboard").exists()
    created.close()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["board.trustboard", "new.trustboard"]


def test_a_read_only_opener_cannot_put_a_card(board: Path) -> None:
    before = board.read_bytes()
    with WorkshopFile.open(board, read_only=True) as wf:
        assert wf.read_only
        with pytest.raises(TrustBoardFileError, match="read-only") as caught:
            wf.put_card(wf.workshop.current_round_id, a_card())
        assert str(board) in str(caught.value)
        assert "c-lock-1" not in wf.workshop.current_round.cards
        assert not wf.dirty
    assert board.read_bytes() == before


def test_opening_read_only_never_creates_or_takes_over_a_lock(board: Path) -> None:
    with WorkshopFile.open(board, read_only=True) as wf:
        assert wf.read_only_reason == "opened read-only"
        assert not lock_of(board).exists()
    assert not lock_of(board).exists()
    # nor does it take over (or remove) a stale one: that is for the next editor to do
    raw = write_lock(board, dead_pid(), socket.gethostname())
    with WorkshopFile.open(board, read_only=True) as wf:
        assert wf.read_only
    assert lock_of(board).read_bytes() == raw
    # and while someone edits, a read-only opener leaves their lock alone
    lock_of(board).unlink()
    with WorkshopFile.open(board) as editor:
        mine = lock_of(board).read_bytes()
        WorkshopFile.open(board, read_only=True).close()
        assert lock_of(board).read_bytes() == mine
        assert not editor.read_only
    assert sorted(p.name for p in board.parent.iterdir()) == [board.name]


def test_a_leftover_lock_whose_pid_now_belongs_to_another_program_is_taken_over(
    board: Path,
) -> None:
    """After a power cut and a reboot, the pid in the old lock file may be any process."""
    unrelated = subprocess.Popen(
        [sys.executable, "-c", "import sys; sys.stdin.read()"], stdin=subprocess.PIPE
    )
    assert unrelated.stdin is not None
    try:
        write_lock(board, unrelated.pid, socket.gethostname())
        with WorkshopFile.open(board) as wf:
            assert not wf.read_only, wf.read_only_reason
            assert lock_holder(board)["pid"] == os.getpid()
    finally:
        unrelated.stdin.close()
        unrelated.wait(timeout=60)
    assert not lock_of(board).exists()


CONTENDERS = 5


@pytest.mark.parametrize("leftover", ["stale lock", "no lock"])
def test_of_several_processes_opening_at_once_exactly_one_may_edit(
    board: Path, leftover: str
) -> None:
    """Say the room double-clicks the file after a crash: one window edits, the rest read."""
    if leftover == "stale lock":
        write_lock(board, dead_pid(), socket.gethostname())
    procs = [start_child("contend", str(board)) for _ in range(CONTENDERS)]
    results: list[dict[str, Any]] = []
    try:
        for proc in procs:
            assert proc.stdout is not None
            assert proc.stdout.readline() == "ready\n"
        for proc in procs:  # all of them are imported and waiting: let them go together
            assert proc.stdin is not None
            proc.stdin.write("go\n")
            proc.stdin.flush()
        for proc in procs:
            assert proc.stdout is not None
            line = proc.stdout.readline()
            assert line.startswith("open "), (line, proc.stderr)
            results.append(json.loads(line.split(" ", 1)[1]))
        editors = [r["pid"] for r in results if not r["read_only"]]
        assert len(editors) == 1, results
        assert lock_holder(board)["pid"] == editors[0]
        for r in results:
            # Who a loser is told holds it depends on timing: the winner may not have written
            # its name yet (the file still names the crashed process, or nobody).
            if r["read_only"]:
                assert "open in another TrustBoard" in r["reason"], r
    finally:
        for proc in procs:
            for pipe in (proc.stdin, proc.stdout, proc.stderr):
                assert pipe is not None
                pipe.close()
        codes = [proc.wait(timeout=60) for proc in procs]
    assert codes == [0] * CONTENDERS
    assert not lock_of(board).exists()


@pytest.mark.parametrize("error", [errno.EROFS, errno.EACCES], ids=["EROFS", "EACCES"])
def test_a_folder_where_no_lock_can_be_made_still_opens_the_workshop(
    board: Path, monkeypatch: pytest.MonkeyPatch, error: int
) -> None:
    """A workshop on a read-only stick or share: opening it must not fail with an OSError.

    (The tests run as root here, so the folder itself cannot be made unwritable; the lock
    file's creation fails instead, as it would there.)
    """
    real_open = os.open

    def no_lock_files(path: Any, flags: int, *args: Any, **kwargs: Any) -> int:
        if str(path).endswith(".lock") and flags & os.O_CREAT:
            raise OSError(error, os.strerror(error), str(path))
        return real_open(path, flags, *args, **kwargs)

    monkeypatch.setattr(os, "open", no_lock_files)
    before = board.read_bytes()
    try:
        wf = WorkshopFile.open(board)
    except TrustBoardFileError as exc:  # acceptable: a named refusal
        assert str(board) in str(exc)
    else:
        with wf:
            assert wf.read_only, "it cannot be locked, so it must not be edited"
            assert wf.read_only_reason
    assert board.read_bytes() == before
    assert not lock_of(board).exists()


# -- a lock file planted by someone else is never followed, read whole or written ---------


def planted_target(tmp_path: Path) -> tuple[Path, bytes]:
    """A file the user can write that a planted lock points at (think ~/.bashrc)."""
    target = tmp_path / "home" / ".bashrc"
    target.parent.mkdir()
    content = b"export PATH=$HOME/bin:$PATH\n"
    target.write_bytes(content)
    return target, content


def test_a_planted_lock_symlink_is_never_followed_and_its_target_stays_as_it_was(
    board: Path, tmp_path: Path
) -> None:
    target, content = planted_target(tmp_path)
    lock_of(board).symlink_to(target)
    before = board.read_bytes()
    with WorkshopFile.open(board) as wf:
        assert wf.read_only
        assert "symbolic link" in wf.read_only_reason
        assert lock_of(board).name in wf.read_only_reason
        assert wf.lock_holder is None  # nobody to take it over from
        with pytest.raises(TrustBoardFileError, match="read-only"):
            wf.put_card(wf.workshop.current_round_id, a_card())
    assert target.read_bytes() == content
    assert lock_of(board).is_symlink()  # left for the user to look at
    assert board.read_bytes() == before
    with WorkshopFile.open(board, read_only=True) as viewer:
        workshop = viewer.workshop
    with pytest.raises(TrustBoardFileError, match="symbolic link"):
        WorkshopFile.create(board, workshop, overwrite=True)
    assert target.read_bytes() == content
    assert board.read_bytes() == before


def test_a_dangling_lock_symlink_creates_no_file_where_it_points(
    board: Path, tmp_path: Path
) -> None:
    aim = tmp_path / "elsewhere" / "autostart.sh"
    aim.parent.mkdir()
    lock_of(board).symlink_to(aim)
    with WorkshopFile.open(board) as wf:
        assert wf.read_only
        assert "symbolic link" in wf.read_only_reason
    assert not aim.exists()


def test_a_hard_linked_lock_is_not_truncated(board: Path, tmp_path: Path) -> None:
    target, content = planted_target(tmp_path)
    os.link(target, lock_of(board))
    with WorkshopFile.open(board) as wf:
        assert wf.read_only
        assert "hard link" in wf.read_only_reason
    assert target.read_bytes() == content


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="needs /dev/zero")
def test_a_lock_symlink_to_dev_zero_is_refused_without_reading_it(
    board: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    lock_of(board).symlink_to("/dev/zero")
    read = count_reads(monkeypatch)
    with WorkshopFile.open(board) as wf:
        assert wf.read_only
        assert "symbolic link" in wf.read_only_reason
    assert read == []


def test_a_fifo_as_lock_file_neither_hangs_nor_is_used(board: Path) -> None:
    os.mkfifo(lock_of(board))
    with WorkshopFile.open(board) as wf:  # would block forever on a blocking open
        assert wf.read_only
        assert "special file" in wf.read_only_reason
    assert lock_of(board).exists()


def test_a_folder_in_place_of_the_lock_opens_read_only(board: Path) -> None:
    lock_of(board).mkdir()
    with WorkshopFile.open(board) as wf:
        assert wf.read_only
        assert "is a folder" in wf.read_only_reason
    assert lock_of(board).is_dir()


def count_reads(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Bytes returned by each os.read from now on, but for reading the workshop itself."""
    read: list[int] = []
    real_read = os.read

    def counting(fd: int, n: int) -> bytes:
        data = real_read(fd, n)
        if not os.readlink(f"/proc/self/fd/{fd}").endswith(".trustboard"):  # the workshop
            read.append(len(data))
        return data

    monkeypatch.setattr(os, "read", counting)
    return read


def test_a_300_mb_lock_file_is_not_read_whole(board: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    with lock_of(board).open("wb") as fh:  # sparse: no disk used
        fh.truncate(300 * 1024 * 1024)
    read = count_reads(monkeypatch)
    with WorkshopFile.open(board) as wf:
        assert wf.read_only
        assert "far more than a lock" in wf.read_only_reason
    assert sum(read) <= LOCK_FILE_BYTES + 1
    assert lock_of(board).stat().st_size == 300 * 1024 * 1024  # left as it was


def test_a_lock_that_grows_after_it_was_checked_is_read_no_further_than_the_limit(
    tmp_path: Path,
) -> None:
    raw = b'{"pid": 1, "host": "h", "user": "u", "since": "s"}' + b" " * (10 * LOCK_FILE_BYTES)
    path = tmp_path / "grown.lock"
    path.write_bytes(raw)
    fd = os.open(path, os.O_RDONLY)
    try:
        head = lock._read_head(fd)
    finally:
        os.close(fd)
    assert len(head) == LOCK_FILE_BYTES + 1
    assert lock._read_holder(head) is None


def test_terminal_control_codes_in_a_lock_never_reach_the_message(board: Path) -> None:
    lock_of(board).write_text(
        json.dumps(
            {
                "pid": 7,
                "host": "laptop\x1b]52;c;ZWNobyBoaQ==\x07",
                "user": "ann\x1b[2K\r",
                "since": "x" * 1000,
            }
        ),
        encoding="utf-8",
    )
    with WorkshopFile.open(board) as wf:
        assert wf.read_only
        assert wf.lock_holder is not None
    reason = wf.read_only_reason
    assert all(c.isprintable() for c in reason), reason
    assert "laptop" in reason and "ann" in reason
    assert len(reason) < 500


# -- a full disk while writing the lock leaves no lock anywhere ---------------------------


def open_fds() -> set[int]:
    return {int(fd) for fd in os.listdir("/proc/self/fd")}


@pytest.mark.skipif(not Path("/proc/self/fd").is_dir(), reason="counts fds in /proc")
@pytest.mark.parametrize("call", ["write", "fsync"])
def test_a_full_disk_while_writing_the_lock_leaves_no_ghost_lock(
    board: Path, monkeypatch: pytest.MonkeyPatch, call: str
) -> None:
    def disk_full(*args: Any) -> Any:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    fds = open_fds()
    with monkeypatch.context() as m:
        m.setattr(os, call, disk_full)
        with pytest.raises(OSError) as caught:
            FileLock(board).acquire()
        assert caught.value.errno == errno.ENOSPC
        assert open_fds() == fds
        assert not lock_of(board).exists()
        with WorkshopFile.open(board) as wf:  # the window: opens read-only and says why
            assert wf.read_only
            assert os.strerror(errno.ENOSPC) in wf.read_only_reason
        with pytest.raises(TrustBoardFileError, match=os.strerror(errno.ENOSPC)):
            WorkshopFile.create(board.with_name("new.trustboard"), wf.workshop)
    assert open_fds() == fds
    assert not lock_of(board).exists()
    assert not board.with_name("new.trustboard").exists()
    # the disk has room again: this process and another one may both take the lock
    with WorkshopFile.open(board) as wf:
        assert not wf.read_only, wf.read_only_reason
    result = subprocess.run(
        [sys.executable, str(CHILD), "probe", str(board)],
        capture_output=True,
        text=True,
        cwd=REPO,
        env=child_env(),
        check=False,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout.split(" ", 1)[1])["read_only"] is False
    assert not lock_of(board).exists()


# -- taking over a lock from another computer ---------------------------------------------


def test_a_lock_from_another_host_can_be_taken_over(board: Path) -> None:
    write_lock(board, 4242, "workshop-laptop.example")
    with WorkshopFile.open(board) as wf:
        assert wf.read_only
        assert wf.lock_holder is not None
        assert wf.lock_holder.host == "workshop-laptop.example"
        assert wf.lock_holder.user == "someone"
        assert wf.lock_holder.elsewhere
    with WorkshopFile.open(board, take_over=True) as wf:
        assert not wf.read_only, wf.read_only_reason
        assert wf.lock_holder is None
        holder = lock_holder(board)
        assert (holder["pid"], holder["host"]) == (os.getpid(), socket.gethostname())
        wf.put_card(wf.workshop.current_round_id, a_card())
    assert not lock_of(board).exists()
    with WorkshopFile.open(board, read_only=True) as wf:
        assert "c-lock-1" in wf.workshop.current_round.cards


def test_file_lock_take_over_overwrites_the_other_host_s_details(board: Path) -> None:
    write_lock(board, 4242, "workshop-laptop.example")
    mine = FileLock(board)
    assert not mine.acquire()
    assert mine.holder is not None and mine.holder.host == "workshop-laptop.example"
    assert mine.take_over()
    assert mine.holder is None
    assert lock_holder(board)["host"] == socket.gethostname()
    mine.release()
    assert not lock_of(board).exists()


def test_taking_over_never_wins_against_a_running_trustboard(
    board: Path, holder_process: tuple[subprocess.Popen[str], dict[str, Any]]
) -> None:
    proc, _ = holder_process
    mine = FileLock(board)
    assert not mine.take_over()
    assert mine.holder is not None and mine.holder.pid == proc.pid
    assert not mine.holder.elsewhere
    with WorkshopFile.open(board, take_over=True) as wf:
        assert wf.read_only
        assert f"process {proc.pid}" in wf.read_only_reason
    assert lock_holder(board)["pid"] == proc.pid


# -- the lock file deleted or replaced while the workshop is open ---------------------------


def test_a_deleted_lock_file_is_made_again_before_the_next_save(board: Path) -> None:
    with WorkshopFile.open(board) as wf:
        lock_of(board).unlink()  # a cleaner or a sync tool
        wf.put_card(wf.workshop.current_round_id, a_card())
        assert wf.flush() is True
        assert lock_holder(board)["pid"] == os.getpid()
        second = WorkshopFile.open(board)
        assert second.read_only  # the new lock file is held, not just written
        second.close()
    assert not lock_of(board).exists()


def test_a_lock_file_replaced_by_a_copy_of_ours_is_locked_again(board: Path) -> None:
    with WorkshopFile.open(board) as wf:
        raw = lock_of(board).read_bytes()
        lock_of(board).unlink()
        lock_of(board).write_bytes(raw)  # a sync tool puts back its copy: a new file
        wf.put_card(wf.workshop.current_round_id, a_card())
        assert wf.flush() is True
        with WorkshopFile.open(board) as second:
            assert second.read_only
    assert not lock_of(board).exists()


def test_edits_are_not_written_once_another_trustboard_took_the_deleted_lock(
    board: Path,
) -> None:
    first = WorkshopFile.open(board)
    lock_of(board).unlink()
    second = WorkshopFile.open(board)  # a second window now may edit
    assert not second.read_only, second.read_only_reason
    on_disk = board.read_bytes()
    first.put_card(first.workshop.current_round_id, a_card(1))
    with pytest.raises(LockLostError) as caught:
        first.flush()
    assert isinstance(caught.value, OSError)  # the window offers "Save elsewhere" for it
    assert "another TrustBoard" in caught.value.problem
    assert f"process {os.getpid()}" in caught.value.problem
    assert board.read_bytes() == on_disk
    assert first.dirty  # the edit is kept, to be saved elsewhere
    copy = board.with_name("mine.trustboard")
    first.save_copy(copy)
    with WorkshopFile.open(copy, read_only=True) as saved:
        assert "c-lock-1" in saved.workshop.current_round.cards
    # it stays lost even when the other one is done: it may have changed the file
    second.put_card(second.workshop.current_round_id, a_card(2))
    second.close()
    with pytest.raises(LockLostError):
        first.flush()
    with pytest.raises(LockLostError):
        first.close()
    assert not lock_of(board).exists()
    first.abandon()
    with WorkshopFile.open(board, read_only=True) as wf:
        assert "c-lock-2" in wf.workshop.current_round.cards
        assert "c-lock-1" not in wf.workshop.current_round.cards


def test_abandoning_after_the_lock_was_lost_leaves_the_new_holder_s_lock(
    board: Path,
) -> None:
    first = WorkshopFile.open(board)
    lock_of(board).unlink()
    with WorkshopFile.open(board) as second:
        theirs = lock_of(board).read_bytes()
        first.put_card(first.workshop.current_round_id, a_card())
        with pytest.raises(LockLostError):
            first.flush()
        first.abandon()
        assert lock_of(board).read_bytes() == theirs
        assert not second.read_only
    assert not lock_of(board).exists()


def test_a_lock_taken_by_another_process_after_deletion_stops_our_saves(board: Path) -> None:
    with WorkshopFile.open(board) as mine:
        lock_of(board).unlink()
        proc = start_child("hold", str(board))
        assert proc.stdin is not None and proc.stdout is not None and proc.stderr is not None
        try:
            line = proc.stdout.readline()
            assert line.startswith("open "), (line, proc.stderr.read())
            assert json.loads(line.split(" ", 1)[1])["read_only"] is False
            before = board.read_bytes()
            mine.put_card(mine.workshop.current_round_id, a_card())
            with pytest.raises(LockLostError, match=f"process {proc.pid}"):
                mine.flush()
            assert board.read_bytes() == before
            assert lock_holder(board)["pid"] == proc.pid
        finally:
            proc.stdin.close()
            assert proc.stdout.readline() == "closed\n"
            proc.wait(timeout=60)
            proc.stdout.close()
            proc.stderr.close()
        mine.abandon()


def test_a_lock_symlink_is_refused_even_where_open_would_follow_it(
    board: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Windows has no O_NOFOLLOW: the link is opened, but noticed before anything is written."""
    target, content = planted_target(tmp_path)
    lock_of(board).symlink_to(target)
    monkeypatch.setattr(lock, "_OPEN_FLAGS", lock._OPEN_FLAGS & ~os.O_NOFOLLOW)
    with WorkshopFile.open(board) as wf:
        assert wf.read_only
        assert "symbolic link" in wf.read_only_reason
    assert target.read_bytes() == content


def test_a_lock_swapped_for_a_symlink_while_open_is_not_followed_and_saving_goes_on(
    board: Path, tmp_path: Path
) -> None:
    target, content = planted_target(tmp_path)
    with WorkshopFile.open(board) as wf:
        lock_of(board).unlink()
        lock_of(board).symlink_to(target)
        wf.put_card(wf.workshop.current_round_id, a_card())
        assert wf.flush() is True  # no other TrustBoard can take a symlink as its lock
        with WorkshopFile.open(board) as second:
            assert second.read_only
            assert "symbolic link" in second.read_only_reason
    assert target.read_bytes() == content
    assert lock_of(board).is_symlink()
    with WorkshopFile.open(board, read_only=True) as wf:
        assert "c-lock-1" in wf.workshop.current_round.cards
