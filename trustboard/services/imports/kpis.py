"""KPIs computed from survey answers: net promoter score and the share answering yes."""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass

YES = frozenset({"yes", "y", "true", "1", "oui", "ja", "sí", "si"})
NO = frozenset({"no", "n", "false", "0", "non", "nein"})
Z95 = 1.96


@dataclass(frozen=True)
class KpiResult:
    kpi: str
    value: float
    n: int
    margin: float | None  # 95 % half-width, in the KPI's units; None without answers


def nps(scores: Iterable[int]) -> KpiResult:
    """% promoters (9–10) − % detractors (0–6), from −100 to 100, with its 95 % margin."""
    n = promoters = detractors = 0
    for score in scores:
        if not 0 <= score <= 10:
            raise ValueError(f"{score} is not a 0–10 answer")
        n += 1
        if score >= 9:
            promoters += 1
        elif score <= 6:
            detractors += 1
    if n == 0:
        return KpiResult("nps", 0.0, 0, None)
    p, d = promoters / n, detractors / n
    variance = max(0.0, p + d - (p - d) ** 2)
    return KpiResult("nps", (p - d) * 100, n, Z95 * math.sqrt(variance / n) * 100)


def yes_share(answers: Iterable[bool], kpi: str = "trust-yes") -> KpiResult:
    """The percentage answering yes, with its 95 % margin (normal approximation)."""
    n = yes = 0
    for answer in answers:
        n += 1
        yes += bool(answer)
    if n == 0:
        return KpiResult(kpi, 0.0, 0, None)
    s = yes / n
    return KpiResult(kpi, s * 100, n, Z95 * math.sqrt(s * (1 - s) / n) * 100)


def mean(values: Iterable[float], kpi: str) -> KpiResult:
    """A custom KPI's mean answer, with the 95 % margin of the mean."""
    data = list(values)
    n = len(data)
    if n == 0:
        return KpiResult(kpi, 0.0, 0, None)
    m = sum(data) / n
    if n == 1:
        return KpiResult(kpi, m, 1, None)
    sd = math.sqrt(sum((v - m) ** 2 for v in data) / (n - 1))
    return KpiResult(kpi, m, n, Z95 * sd / math.sqrt(n))


def yes_or_no(text: str) -> bool | None:
    """True for a yes in one of the common spellings, False for a no, None otherwise."""
    t = " ".join(text.split()).casefold()
    if t in YES:
        return True
    if t in NO:
        return False
    return None
