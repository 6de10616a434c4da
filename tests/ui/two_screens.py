"""Run a script in a child process whose offscreen platform has a laptop screen (1920×1080)
and a projector (1280×720) beside it: Qt picks its screens at start-up, so a test that needs
two screens cannot get them in the suite's own process."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
_SCREEN = {"y": 0, "logicalDpi": 96, "logicalBpp": 32, "dpr": 1}
SCREENS = [
    {**_SCREEN, "name": "laptop", "x": 0, "width": 1920, "height": 1080},
    {**_SCREEN, "name": "projector", "x": 1920, "width": 1280, "height": 720},
]


def run_on_two_screens(tmp_path: Path, script: str, screens: list[dict[str, object]] | None = None
                       ) -> None:  # fmt: skip
    """Run `script` (given the data folder as argv[1]); it must print "ok" last. `screens`
    replaces the laptop and projector, e.g. with a projector alone."""
    config = tmp_path / "screens.json"
    config.write_text(json.dumps({"screens": SCREENS if screens is None else screens}))
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": f"offscreen:configfile={config}",
        "PYTHONPATH": str(ROOT),
        "HOME": str(tmp_path),
    }
    result = subprocess.run(
        [sys.executable, "-c", script, str(tmp_path / "data")],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    assert result.stdout.strip().endswith("ok")
