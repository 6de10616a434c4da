"""A second TrustBoard process for the lock and crash tests; run as a script, never collected.

    python crash_child.py hold FILE          open FILE, print "open <json>", wait for stdin EOF
    python crash_child.py probe FILE        open FILE, print "open <json>", close, exit
    python crash_child.py contend FILE      print "ready", open FILE on "go", as hold
    python crash_child.py hold-lock-file LOCK   create LOCK, OS-lock it, half-write it, wait
    python crash_child.py cards FILE        add card n+1, n+2, ... flushing after each
    python crash_child.py import FILE CSV   run `trustboard import FILE CSV --again` again and again

Every line the parent reads is written to the real stdout and flushed at once; the parent
kills "cards" and "import" children with SIGKILL at a random moment.

`cards` prints "ready" once imported (before opening, so a kill can land in the open), then
"open <n>" with the number of cards it found, then "flushed <n>" after each flush returned.
`import` prints "ready", then "writing" and "written" around each time the store writes the
file (observed by wrapping the store's atomic_write, which it calls unchanged) and
"imported <k>" after the k-th import command returned 0.
"""

from __future__ import annotations

import contextlib
import importlib
import io
import json
import os
import sys
from pathlib import Path

from trustboard.domain.workshop import Card
from trustboard.store import WorkshopFile

OUT = sys.stdout
CELL = ("competence", "individuals")
READ_ONLY_EXIT = 3
FAILED_EXIT = 4


def say(*parts: object) -> None:
    print(*parts, file=OUT, flush=True)


def describe(wf: WorkshopFile) -> str:
    return json.dumps(
        {"pid": os.getpid(), "read_only": wf.read_only, "reason": wf.read_only_reason}
    )


def hold(path: Path) -> int:
    wf = WorkshopFile.open(path)
    say("open", describe(wf))
    sys.stdin.read()  # until the parent closes our stdin
    wf.close()
    say("closed")
    return 0


def contend(path: Path) -> int:
    """Open when the parent says "go" (so several open at once); hold until stdin ends."""
    say("ready")
    assert sys.stdin.readline() == "go\n"
    wf = WorkshopFile.open(path)
    say("open", describe(wf))
    sys.stdin.read()
    wf.close()
    return 0


def hold_lock_file(lock: Path) -> int:
    """Play a TrustBoard that created its lock file and has not yet written who it is."""
    import fcntl

    fd = os.open(lock, os.O_RDWR | os.O_CREAT, 0o644)
    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    os.write(fd, b'{"pid": ')
    say("holding")
    sys.stdin.read()
    os.close(fd)
    return 0


def probe(path: Path) -> int:
    with WorkshopFile.open(path) as wf:
        say("open", describe(wf))
    return 0


def cards(path: Path) -> int:
    say("ready")
    wf = WorkshopFile.open(path)
    if wf.read_only:
        say("readonly", wf.read_only_reason)
        return READ_ONLY_EXIT
    round_id = wf.workshop.current_round_id
    n = len(wf.workshop.current_round.cards)
    say("open", n)
    while True:
        n += 1
        wf.put_card(round_id, Card(f"c-{n:06d}", f"card {n}", CELL))
        wf.flush()
        say("flushed", n)


def import_loop(path: Path, csv: Path) -> int:
    # Import everything `trustboard import` imports lazily, so "ready" means ready.
    for module in (
        "trustboard.document",
        "trustboard.cli_import",
        "trustboard.services.imports.plan",
        "charset_normalizer",
    ):
        importlib.import_module(module)
    import trustboard.store.workshop_file as workshop_file
    from trustboard.cli import main

    real_atomic_write = workshop_file.atomic_write

    def observed_atomic_write(target: Path, chunks: list[bytes] | bytes) -> None:
        say("writing")
        real_atomic_write(target, chunks)
        say("written")

    workshop_file.atomic_write = observed_atomic_write  # type: ignore[assignment]
    say("ready")
    done = 0
    while True:
        with contextlib.redirect_stdout(io.StringIO()):
            code = main(["import", str(path), str(csv), "--again"])  # the same file each time
        if code != 0:
            say("failed", code)
            return FAILED_EXIT
        done += 1
        say("imported", done)


def run(argv: list[str]) -> int:
    mode, path = argv[0], Path(argv[1])
    if mode == "hold":
        return hold(path)
    if mode == "probe":
        return probe(path)
    if mode == "contend":
        return contend(path)
    if mode == "hold-lock-file":
        return hold_lock_file(path)
    if mode == "cards":
        return cards(path)
    if mode == "import":
        return import_loop(path, Path(argv[2]))
    raise SystemExit(f"unknown mode {mode!r}")


if __name__ == "__main__":
    sys.exit(run(sys.argv[1:]))
