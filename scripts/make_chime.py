"""Write resources/sounds/chime.wav: TrustBoard's own time's-up chime.

Two soft bell tones (E6 then A5) with a quick attack and an exponential fade, 0.9 s,
mono 16-bit at 22.05 kHz (about 40 KB). Generated here, from nothing but arithmetic, so
the sound is ours to ship. Run: python scripts/make_chime.py
"""

from __future__ import annotations

import math
import struct
import wave
from pathlib import Path

RATE = 22_050
OUT = Path(__file__).resolve().parent.parent / "resources" / "sounds" / "chime.wav"
# (start s, frequency Hz, length s)
NOTES = ((0.0, 1318.5, 0.55), (0.28, 880.0, 0.62))
LENGTH_S = 0.9
VOLUME = 0.45


def samples() -> list[int]:
    out = [0.0] * int(RATE * LENGTH_S)
    for start, freq, length in NOTES:
        first = int(start * RATE)
        for i in range(int(length * RATE)):
            t = i / RATE
            attack = min(1.0, t / 0.008)
            fade = math.exp(-t * 6.0)
            # A bell: the note plus a quieter octave, both fading.
            tone = math.sin(2 * math.pi * freq * t) + 0.3 * math.sin(4 * math.pi * freq * t)
            if first + i < len(out):
                out[first + i] += attack * fade * tone
    peak = max(abs(v) for v in out) or 1.0
    return [round(v / peak * VOLUME * 32767) for v in out]


def main() -> None:
    OUT.parent.mkdir(parents=True, exist_ok=True)
    with wave.open(str(OUT), "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(RATE)
        w.writeframes(b"".join(struct.pack("<h", s) for s in samples()))


if __name__ == "__main__":
    main()
