"""Ratings put into a round by hand, for the analytics tests' worked examples."""

from __future__ import annotations

from trustboard.domain.workshop import Layer, Perspective, Rating, Round

CI = ("competence", "individuals")
CO = ("competence", "organizations")
RI = ("reliability", "individuals")
RO = ("reliability", "organizations")
ET = ("empathy", "technology")


def rate(rnd: Round, cell: tuple[str, str], p: Perspective, *scores: int) -> None:
    """The as-is scores `p` gave `cell` in `rnd`."""
    r = Rating(cell, Layer.AS_IS, p, scores)
    rnd.ratings[r.key] = r
