"""Workshops of many cards for the board benches: n evidence cards spread over every cell."""

from __future__ import annotations

from pathlib import Path

from trustboard.assets import templates_dir
from trustboard.domain.workshop import Card, Layer, new_id, new_workshop
from trustboard.frameworks.templates import load_template
from trustboard.store import WorkshopFile


def big_workshop(folder: Path, n: int) -> Path:
    """A workshop file in `folder` holding `n` cards, a few words and 0–2 votes each."""
    fw = load_template(templates_dir() / "rtx-trust-framework.toml").framework
    ws = new_workshop(fw, "Bench")
    cells = list(fw.cells())
    for i in range(n):
        card = Card(
            new_id("c"),
            f"Evidence card number {i} with a few words",
            cells[i % len(cells)],
            Layer.AS_IS,
            "evidence",
            "Amara Okafor",
            i % 3,
            float(i),
        )
        ws.current_round.cards[card.id] = card
    path = folder / f"{n}.trustboard"
    WorkshopFile.create(path, ws).close()
    return path
