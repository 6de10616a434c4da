"""Board picture: time, pixels and bytes of the PNG and SVG for the demo and a larger board.

    python bench/picture.py [--cards 200 2000] [--repeat 3]

Each board is drawn as write_board_picture draws it (the real scene, offscreen). The
baseline, timed in the same run, is encoding a blank PNG of the same size: what the picture
costs beyond the PNG encoder itself.
"""

from __future__ import annotations

import argparse
import itertools
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtGui import QColor, QImage

from trustboard.assets import templates_dir
from trustboard.domain.workshop import Card, Workshop, new_workshop
from trustboard.frameworks.templates import load_template
from trustboard.services.demo import demo_workshop
from trustboard.ui.board.picture import ensure_gui, write_board_picture


def _board(n: int) -> Workshop:
    fw = load_template(templates_dir() / "rtx-trust-framework.toml").framework
    ws = new_workshop(fw, f"{n} cards")
    rnd = ws.round(ws.current_round_id)
    cells = [(e.id, d.id) for e in fw.elements for d in fw.active_domains]
    for i, cell in zip(range(n), itertools.cycle(cells), strict=False):
        rnd.cards[f"c-{i}"] = Card(f"c-{i}", f"Card {i}: a finding about trust, in a few words",
                                   cell, author="Ann Lee", order=i)  # fmt: skip
    return ws


def _best(repeat: int, run: object) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        run()  # type: ignore[operator]
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--cards", type=int, nargs="*", default=[200, 2000])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    ensure_gui()
    fw = load_template(templates_dir() / "rtx-trust-framework.toml").framework
    boards = [("demo", demo_workshop(fw))] + [(f"{n} cards", _board(n)) for n in args.cards]
    with tempfile.TemporaryDirectory() as folder:
        for name, ws in boards:
            for suffix in (".png", ".svg"):
                out = Path(folder) / f"board{suffix}"
                took = _best(args.repeat, lambda ws=ws, out=out: write_board_picture(
                    ws, ws.current_round_id, out))  # fmt: skip
                result = write_board_picture(ws, ws.current_round_id, out)
                line = f"{name:>10} {suffix}: {took * 1000:7.0f} ms {result.size / 1024:8.0f} KB"
                if suffix == ".png":
                    image = QImage(str(out))
                    blank = QImage(image.size(), QImage.Format.Format_RGB32)
                    blank.fill(QColor("#ffffff"))
                    base = _best(args.repeat, lambda b=blank, o=out: b.save(str(o), "PNG"))
                    line += (f"  {image.width()}×{image.height()} px"
                             f" ({image.width() * image.height() / 1e6:.1f} MP),"
                             f" {took / base:.1f}× a blank PNG of that size")  # fmt: skip
                if result.warnings:
                    line += "  [overview]"
                print(line)


if __name__ == "__main__":
    main()
