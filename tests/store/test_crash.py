"""Kill a writing TrustBoard with SIGKILL at random moments: the file is always whole.

Each kill must leave exactly the last state the child reported as flushed, or the next one
(the write it was in the middle of), never a mix and never broken JSON. The killed child's
lock file must not stop the next child, and its temp file must be swept by the next opener.

Two children (tests/store/crash_child.py):

* `cards` adds card n+1 and flushes, again and again, printing n after each flush. The kill
  lands 0-60 ms after the child reports it is ready (imported, not yet open), so kills fall
  in the open, the lock takeover, the temp sweep, the record change and the write itself.
* `import` runs `trustboard import FILE big.csv` (3000 cards) again and again. An import
  spends about a second in memory before its one write, so a delay from the start would
  never reach the write: the kill lands after the child reports that the store started
  writing (a wrapper around atomic_write prints it), 0 to twice the write's duration later
  (measured on the first child, at most 60 ms). The write itself takes a few ms here.

Run with -s to see how many kills landed inside a write (a temp file of the killed child was
left behind) and how many came right after a write the child had not reported yet.
"""

from __future__ import annotations

import copy
import csv
import json
import os
import random
import signal
import subprocess
import sys
import threading
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from trustboard.cli import main
from trustboard.domain import codec
from trustboard.domain.workshop import Card, Workshop
from trustboard.fsutil import TEMP_SUFFIX
from trustboard.store import WorkshopFile

pytestmark = pytest.mark.slow

REPO = Path(__file__).resolve().parents[2]
CHILD = Path(__file__).resolve().with_name("crash_child.py")
SEED = 20260315
CARD_KILLS = 100
IMPORT_KILLS = 16
MAX_DELAY_S = 0.060
WATCHDOG_S = 60.0
READ_ONLY_EXIT = 3  # crash_child.py: opened read-only
CELL = ("competence", "individuals")
IMPORT_ROWS = 3000


@dataclass
class Tally:
    kills: int = 0
    mid_write: int = 0  # the killed child's temp file was still there: killed inside a write
    after_flush: int = 0  # the file was one state ahead of what the child had reported
    lock_races: int = 0  # killed between creating its lock file and writing who it is

    def report(self, what: str) -> str:
        return (
            f"{what}: {self.kills} kills, {self.mid_write} mid-write, {self.after_flush} "
            f"one state ahead of the last report, {self.lock_races} lock-file races"
        )


def child_env() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO), env.get("PYTHONPATH")]))
    return env


class Child:
    """A crash_child.py process; `kill` after the handshake, then `lines` is all it said."""

    def __init__(self, *args: str) -> None:
        self.proc = subprocess.Popen(
            [sys.executable, str(CHILD), *args],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            cwd=REPO,
            env=child_env(),
        )
        self.pid = self.proc.pid
        self._watchdog = threading.Timer(WATCHDOG_S, self.proc.kill)
        self._watchdog.start()
        self.lines: list[str] = []
        self.stderr = ""

    def read_line(self) -> str:
        assert self.proc.stdout is not None
        line = self.proc.stdout.readline()
        if line.endswith("\n"):
            self.lines.append(line[:-1])
        return line.removesuffix("\n")

    def expect(self, wanted: str) -> None:
        line = self.read_line()
        if line != wanted:
            self.kill()
            pytest.fail(f"child said {line!r}, not {wanted!r}; stderr:\n{self.stderr}")

    def kill(self) -> int:
        """SIGKILL (if still running), reap, and collect what it printed."""
        self.proc.send_signal(signal.SIGKILL)
        # Read the rest through the same buffered readers `read_line` used: communicate()
        # reads the raw pipes and would skip lines those readers already hold.
        assert self.proc.stdout is not None and self.proc.stderr is not None
        out = self.proc.stdout.read()
        self.stderr = self.proc.stderr.read()
        self.proc.wait()
        self.proc.stdout.close()
        self.proc.stderr.close()
        self._watchdog.cancel()
        # only whole lines count: a line is printed after the step it reports
        self.lines += out.split("\n")[:-1]
        return self.proc.returncode

    def numbers(self, tag: str) -> list[int]:
        return [int(line.split()[1]) for line in self.lines if line.startswith(f"{tag} ")]

    def said(self, tag: str) -> bool:
        return any(line == tag or line.startswith(f"{tag} ") for line in self.lines)

    def ensure_dead(self) -> None:
        if self.proc.returncode is None:
            self.kill()


def lock_of(path: Path) -> Path:
    return path.with_name(f".{path.name}.lock")


def lock_pid(path: Path) -> int | None:
    try:
        return int(json.loads(lock_of(path).read_text(encoding="utf-8"))["pid"])
    except (OSError, ValueError, KeyError, TypeError):
        return None


def temp_pids(path: Path) -> list[int]:
    """The pid in each `.<name>.<pid>.<random>.tbtmp` beside the file."""
    prefix = f".{path.name}."
    return [
        int(p.name[len(prefix) :].split(".")[0])
        for p in path.parent.iterdir()
        if p.name.startswith(prefix) and p.name.endswith(TEMP_SUFFIX)
    ]


def assert_check_passes(path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["check", str(path)])
    _, err = capsys.readouterr()
    assert code == 0, err
    assert err == ""


def handle_lock_race(child: Child, path: Path, tally: Tally) -> None:
    """This child opened read-only: the one before was killed between creating its lock file
    and filling it in.

    A lock-file-only design must respect a young unreadable lock (it may be being written)
    and takes it over after 10 s; one that uses the OS's file lock never gets here. Make
    sure the lock really is unreadable, not a readable stale one, then let it age.
    """
    assert lock_of(path).exists(), child.lines
    assert lock_pid(path) is None, "a readable lock of a dead process was not taken over"
    tally.lock_races += 1
    age_lock(path)


def age_lock(path: Path) -> None:
    """Make the lock file older than the 10 s an unreadable lock is respected for."""
    past = time.time() - 11
    os.utime(lock_of(path), (past, past))


def assert_ends_clean(path: Path, tally: Tally, minimum_kills: int) -> None:
    assert tally.kills >= minimum_kills
    if lock_of(path).exists() and lock_pid(path) is None:  # the last kill hit the lock write
        tally.lock_races += 1
        age_lock(path)
    with WorkshopFile.open(path) as wf:  # takes over the last child's lock, sweeps its temp
        assert not wf.read_only, wf.read_only_reason
        assert temp_pids(path) == []
        assert lock_pid(path) == os.getpid()
    assert not lock_of(path).exists()


def test_killing_a_child_that_flushes_card_after_card(
    tmp_path: Path, workshop: Workshop, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "board" / "crash.trustboard"
    path.parent.mkdir()
    WorkshopFile.create(path, workshop).close()
    round_id = workshop.current_round_id
    fixed = {k: v for k, v in json.loads(path.read_bytes()).items() if k != "cards"}

    def record(n: int) -> dict[str, Any]:
        return codec.card_to_record(round_id, Card(f"c-{n:06d}", f"card {n}", CELL))

    rng = random.Random(SEED)
    tally = Tally()
    count = 0  # cards in the file = the counter of the last complete state
    started = time.monotonic()
    while tally.kills < CARD_KILLS:
        child = Child("cards", str(path))
        try:
            child.expect("ready")
            time.sleep(rng.uniform(0, MAX_DELAY_S))
            code = child.kill()
        finally:
            child.ensure_dead()
        if child.said("readonly"):
            handle_lock_race(child, path, tally)
            continue
        assert code == -signal.SIGKILL, child.stderr
        tally.kills += 1

        opened = child.numbers("open")
        flushed = child.numbers("flushed")
        assert opened in ([], [count]), child.lines  # it saw the last complete state
        assert flushed == list(range(count + 1, count + 1 + len(flushed)))
        last = flushed[-1] if flushed else count

        data = json.loads(path.read_bytes())  # never broken JSON
        n = len(data["cards"])
        assert n in ((last, last + 1) if opened else (count,)), (n, last, child.lines)
        assert data["cards"] == {f"c-{i:06d}": record(i) for i in range(1, n + 1)}
        assert _without_imports(data) == fixed
        assert_check_passes(path, capsys)

        temps = temp_pids(path)
        tally.mid_write += temps.count(child.pid)
        tally.after_flush += n == last + 1
        assert temps.count(child.pid) <= 1
        if opened:
            # it took over the previous child's lock and swept the previous temp files
            assert lock_pid(path) == child.pid
            assert set(temps) <= {child.pid}, temps
        count = n

    assert_ends_clean(path, tally, CARD_KILLS)
    assert tally.mid_write > 0, "no kill landed inside a write: the test tests nothing"
    print(f"\n{tally.report('cards')}, {count} cards, {time.monotonic() - started:.1f} s")


def write_big_csv(path: Path) -> Counter[tuple[str, ...]]:
    """3000 cards over every cell; returns the (element, domain, layer, kind, text, author)."""
    elements = ["Competence", "Reliability", "Integrity", "Empathy"]
    domains = ["Individuals", "Organizations", "Technology"]
    kinds = ["evidence", "customer-voice", "practice", "idea", "risk"]
    rows = []
    for i in range(IMPORT_ROWS):
        layer = "to-be" if i % 7 == 0 else "as-is"
        text = f"imported card {i}: “trust” – 信頼 ✓" if i % 10 == 0 else f"imported card {i}"
        rows.append([elements[i % 4], domains[i % 3], layer, kinds[i % 5], text, f"P{i % 13}"])
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(["element", "domain", "layer", "kind", "text", "author"])
        writer.writerows(rows)
    return Counter(
        (e.lower(), d.lower(), layer, kind, text, author)
        for e, d, layer, kind, text, author in rows
    )


def _without_imports(data: dict[str, Any]) -> dict[str, Any]:
    """The file's tables but the cards, the import records and the saved mappings."""
    out = {k: v for k, v in data.items() if k != "cards"}
    meta = copy.deepcopy(out["meta"])
    for key in ("imports", "mappings"):
        meta["workshop"].pop(key, None)
    return {**out, "meta": meta}


def test_killing_a_child_that_imports_a_big_csv(
    tmp_path: Path, workshop: Workshop, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "board" / "import.trustboard"
    path.parent.mkdir()
    WorkshopFile.create(path, workshop).close()
    base = path.read_bytes()
    fixed = _without_imports(json.loads(base))
    round_id = workshop.current_round_id
    big = tmp_path / "big.csv"
    one_import = write_big_csv(big)

    rng = random.Random(SEED + 1)
    tally = Tally()
    window: float | None = None  # kill delay after "writing": 0 to twice the write's time
    started = time.monotonic()
    while tally.kills < IMPORT_KILLS:
        # Start each child from the empty board (an import into a board that already has
        # thousands of cards takes seconds); the last child's lock and temp files stay.
        path.write_bytes(base)
        child = Child("import", str(path), str(big))
        try:
            child.expect("ready")
            if child.read_line().startswith("failed"):
                child.kill()
                assert "open in another TrustBoard" in child.stderr, child.stderr
                handle_lock_race(child, path, tally)
                continue
            assert child.lines[-1] == "writing", (child.lines, child.kill(), child.stderr)
            if window is None:
                # First child: time its write, then kill it once the import returned.
                wrote_at = time.monotonic()
                child.expect("written")
                window = min(2 * (time.monotonic() - wrote_at), MAX_DELAY_S)
                child.expect("imported 1")
            else:
                time.sleep(rng.uniform(0, window))
            code = child.kill()
        finally:
            child.ensure_dead()
        assert code == -signal.SIGKILL, child.stderr
        tally.kills += 1

        done = len(child.numbers("imported"))
        data = json.loads(path.read_bytes())
        cards = data["cards"]
        batches, rest = divmod(len(cards), IMPORT_ROWS)
        assert rest == 0, len(cards)  # never part of an import
        assert batches in (done, done + 1), (batches, child.lines)
        found = Counter(
            (c["element"], c["domain"], c["layer"], c["kind"], c["text"], c["author"])
            for c in cards.values()
        )
        assert found == Counter({key: n * batches for key, n in one_import.items()})
        assert all(c["round"] == round_id for c in cards.values())
        assert _without_imports(data) == fixed
        # each import written is recorded with its cards, and the mapping it used is kept
        assert len(data["meta"]["workshop"].get("imports", [])) == batches
        assert len(data["meta"]["workshop"].get("mappings", [])) == (batches > 0)
        assert_check_passes(path, capsys)

        temps = temp_pids(path)
        tally.mid_write += temps.count(child.pid)
        tally.after_flush += batches == done + 1
        assert temps.count(child.pid) <= 1
        # It had opened, so it took over the last child's lock. Once an import is written it
        # releases the lock, and the next import may not have taken it yet, or not filled in.
        assert lock_pid(path) == child.pid or (batches and lock_pid(path) is None)
        assert set(temps) <= {child.pid}, temps  # and swept the last child's temp file

    assert_ends_clean(path, tally, IMPORT_KILLS)
    assert tally.mid_write > 0, "no kill landed inside a write: the test tests nothing"
    print(
        f"\n{tally.report('import')}, kill window {1000 * (window or 0):.1f} ms after the"
        f" write began, {time.monotonic() - started:.1f} s"
    )
