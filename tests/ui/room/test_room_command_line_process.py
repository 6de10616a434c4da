"""`trustboard FILE --open-room`: a real process prints the join URL, and the URL answers."""

from __future__ import annotations

import os
import re
import select
import subprocess
import sys
import urllib.request
from pathlib import Path

from trustboard.domain.framework import Framework
from trustboard.domain.workshop import new_workshop
from trustboard.store import WorkshopFile

ROOT = Path(__file__).resolve().parents[3]
URL = re.compile(r"http://127\.0\.0\.1:(\d+)/([a-z2-7]{26})")


def test_open_room_prints_one_line_with_a_url_that_serves_the_page(
    tmp_path: Path, rtx: Framework
) -> None:
    board = tmp_path / "board.trustboard"
    WorkshopFile.create(board, new_workshop(rtx, "Room from a script")).close()
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "trustboard",
            "--data-dir",
            str(tmp_path / "data"),
            str(board),
            "--open-room",
            "--room-address",
            "127.0.0.1",
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(ROOT)},
    )
    try:
        assert proc.stdout is not None
        ready, _, _ = select.select([proc.stdout], [], [], 60)
        assert ready, "no URL within a minute"
        line = proc.stdout.readline()
        assert URL.fullmatch(line.strip()), line
        with urllib.request.urlopen(line.strip(), timeout=30) as page:
            assert page.status == 200
            assert "text/html" in page.headers["Content-Type"]
    finally:
        proc.kill()
        proc.communicate(timeout=30)
