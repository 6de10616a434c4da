"""The app as a separate process with its room open (tests/room/room_app.py), for the tests
that must kill it or look at its sockets from outside."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
APP = Path(__file__).resolve().with_name("room_app.py")
WATCHDOG_S = 120.0


def child_env(data: Path) -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO), env.get("PYTHONPATH")]))
    env["QT_QPA_PLATFORM"] = "offscreen"
    env["TRUSTBOARD_PRELOAD_CHARTS"] = "0"
    return env


class App:
    """The app with its room open on 127.0.0.1; `say` clicks, `kill` ends it hard."""

    def __init__(self, path: Path, data: Path) -> None:
        self.proc = subprocess.Popen(
            [sys.executable, str(APP), "--data-dir", str(data), str(path), "--open-room",
             "--room-address", "127.0.0.1", "--room-port", "0"],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
            cwd=REPO, env=child_env(data),
        )  # fmt: skip
        self._watchdog = threading.Timer(WATCHDOG_S, self.proc.kill)
        self._watchdog.start()
        self.url = self._line()
        assert self.url.startswith("http://127.0.0.1:"), self._failed(f"no URL but {self.url!r}")

    def _line(self) -> str:
        assert self.proc.stdout is not None
        return self.proc.stdout.readline().removesuffix("\n")

    def _failed(self, what: str) -> str:
        self.kill()
        assert self.proc.stderr is not None
        return f"{what}; the app said on stderr:\n{self.proc.stderr.read()}"

    def say(self, line: str, answer: str) -> None:
        assert self.proc.stdin is not None
        self.proc.stdin.write(line + "\n")
        self.proc.stdin.flush()
        got = self._line()
        assert got == answer, self._failed(f"the app answered {got!r} to {line!r}")

    def kill(self) -> float:
        """SIGKILL now; the moment it was sent (monotonic clock)."""
        if self.proc.returncode is None:
            self.proc.send_signal(signal.SIGKILL)
        killed = time.monotonic()
        self.proc.wait()
        self._watchdog.cancel()
        for stream in (self.proc.stdin, self.proc.stdout, self.proc.stderr):
            if stream is not None:
                stream.close()
        return killed
