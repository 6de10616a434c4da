"""The app as the kill test and the room bench run it: `trustboard FILE --open-room ...`,
with the facilitator's hands on stdin.

    python tests/room/room_app.py FILE --open-room --room-address 127.0.0.1 --room-port 0

Runs the real command line (window, room controller, server, autosave). Once the room is
open, each line on stdin is what the facilitator would click, and the app answers on stdout
when it is done:

    phase write|score|vote|closed   -> "phase <name>"  (scope: every cell; a vote phase starts
                                        voting first, 5 dots a person, 2 at most on a card)
    flush                           -> "flushed"        (writes what autosave has pending)
    close                           -> "closed"         (closes the room, the workshop stays)
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("TRUSTBOARD_PRELOAD_CHARTS", "0")

VOTES_PER_PERSON = 5
VOTES_PER_CARD = 2
PEOPLE = 300


def _obey(window: object) -> None:
    """Read the facilitator's lines from stdin on the GUI thread."""
    from PySide6.QtCore import QSocketNotifier

    notifier = QSocketNotifier(sys.stdin.fileno(), QSocketNotifier.Type.Read, window)  # type: ignore[call-overload]
    buffer = bytearray()

    def readable() -> None:
        chunk = os.read(sys.stdin.fileno(), 4096)
        if not chunk:  # the test hung up: stop listening to stdin, keep running
            notifier.setEnabled(False)
            return
        buffer.extend(chunk)
        while b"\n" in buffer:
            line, _, rest = bytes(buffer).partition(b"\n")
            buffer[:] = rest
            _do(window, line.decode().split())

    notifier.activated.connect(readable)
    window._facilitator_stdin = notifier  # type: ignore[attr-defined]  # kept alive with the window


def _do(window: object, words: list[str]) -> None:
    from trustboard.room.model import Phase, PhaseSettings, Scope
    from trustboard.ui.room.hooks import room_of

    session = window.session  # type: ignore[attr-defined]
    if words[:1] == ["phase"]:
        phase = Phase(words[1])
        if phase == Phase.VOTE:
            _start_voting(session)
        room_of(window).set_settings(PhaseSettings(phase=phase, scope=Scope.ALL))  # type: ignore[attr-defined]
        print(f"phase {phase.value}", flush=True)
    elif words == ["close"]:
        room_of(window).close()  # type: ignore[attr-defined]
        print("closed", flush=True)
    elif words == ["flush"]:
        session.file.flush()
        print("flushed", flush=True)
    else:
        print(f"unknown {' '.join(words)}", flush=True)


def _start_voting(session: object) -> None:
    from trustboard.document import voting

    voting.start_voting(session.doc, VOTES_PER_PERSON, PEOPLE, VOTES_PER_CARD)  # type: ignore[attr-defined]


def main() -> int:
    import trustboard.ui.room.hooks as hooks
    from trustboard import cli

    opened = hooks.open_from_command_line

    def open_and_obey(window: object, address: str | None, port: int) -> bool:
        ok = opened(window, address, port)  # type: ignore[arg-type]
        if ok:
            _obey(window)
        return ok

    hooks.open_from_command_line = open_and_obey  # type: ignore[assignment]
    return cli.main(sys.argv[1:])


if __name__ == "__main__":
    raise SystemExit(main())
