"""The time's-up chime, played without QtMultimedia.

PySide6's QtMultimedia ships only in the ~175 MB Addons wheel, far too heavy for one short
sound. The lightest dependable way is what every desktop already has: Windows plays a WAV
through the standard library's ``winsound``; macOS ships ``afplay``; Linux desktops have
PipeWire's ``pw-play``, PulseAudio's ``paplay`` or ALSA's ``aplay``. The player is started
detached, so the board never waits on the sound card. When none answers, the chime is silent
and the flashing timer remains the signal.
"""

from __future__ import annotations

import shutil
import sys
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QProcess

from trustboard.assets import resource

CHIME = "sounds/chime.wav"
# Tried in this order; the first one installed plays the file.
_PLAYERS: tuple[tuple[str, ...], ...] = (
    ("afplay",),
    ("pw-play",),
    ("paplay",),
    ("aplay", "-q"),
)

Player = Callable[[Path], bool]


def chime_path() -> Path | None:
    try:
        path = resource(CHIME)
    except FileNotFoundError:
        return None
    return path if path.is_file() else None


def play_wav(path: Path) -> bool:
    """Start playing `path` without waiting; False when this computer has no way to play it."""
    if sys.platform == "win32":
        import winsound

        try:
            flags = winsound.SND_FILENAME | winsound.SND_ASYNC | winsound.SND_NODEFAULT
            winsound.PlaySound(str(path), flags)
        except RuntimeError:  # no sound device
            return False
        return True
    for program, *args in _PLAYERS:
        found = shutil.which(program)
        if found:
            result = QProcess.startDetached(found, [*args, str(path)])
            started = result[0] if isinstance(result, tuple) else result
            return bool(started)
    return False


def play_chime(player: Player = play_wav) -> bool:
    """Play TrustBoard's chime; False (silently) when it cannot be played."""
    path = chime_path()
    return path is not None and player(path)
