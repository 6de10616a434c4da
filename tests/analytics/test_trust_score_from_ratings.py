"""The KPI panel's trust score, read from the ratings alone, is the one the report prints."""

from __future__ import annotations

from trustboard.analytics.cells import cell_stats, round_trust_score, trust_score
from trustboard.domain.framework import Framework
from trustboard.domain.workshop import Card, Layer, Perspective, Rating, new_workshop
from trustboard.services.demo import demo_workshop


def test_the_score_from_ratings_is_the_score_from_cell_stats(rtx: Framework) -> None:
    ws = demo_workshop(rtx)
    for rnd in ws.rounds:
        assert round_trust_score(rtx, rnd) == trust_score(cell_stats(rtx, rnd))
    rnd = new_workshop(rtx, "Empty").current_round
    assert round_trust_score(rtx, rnd) is None
    cells = list(rtx.cells())
    for i, cell in enumerate(cells[:5]):
        for layer in Layer:
            for p in Perspective:
                r = Rating(cell, layer, p, (1 + i % 5, 1 + (i * 3 + len(p.value)) % 5))
                rnd.ratings[r.key] = r
        rnd.cards[f"c{i}"] = Card(f"c{i}", "note", cell, Layer.AS_IS, "evidence")
    assert round_trust_score(rtx, rnd) == trust_score(cell_stats(rtx, rnd))
