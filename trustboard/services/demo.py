"""The demo workshop: a fictional outdoor-gear retailer two rounds into its trust work."""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path

from trustboard.domain.framework import Framework
from trustboard.domain.workshop import (
    Action,
    ActionStatus,
    Answer,
    Card,
    Layer,
    Perspective,
    Rating,
    Round,
    Workshop,
    new_id,
)
from trustboard.i18n import N_, _, using
from trustboard.paths import UserPaths

DEMO_TEMPLATE = "rtx-trust-framework"

PARTICIPANTS = (
    "Amara Okafor",
    "Jonas Weber",
    "Mei Lin",
    "Diego Hernández",
    "Sofia Rossi",
    "Tariq Haddad",
    "Hannah Berg",
    "Kenji Sato",
)

# (element, domain, layer, kind, text); authors are drawn from PARTICIPANTS
_CARDS: list[tuple[str, str, str, str, str]] = [  # texts translated as the framework speaks
    (
        "competence",
        "individuals",
        "as-is",
        "evidence",
        N_("Store staff hold outdoor first-aid certificates"),
    ),
    (
        "competence",
        "individuals",
        "as-is",
        "customer-voice",
        N_("“The guy in Leeds knew more about tents than the website did”"),
    ),
    (
        "competence",
        "individuals",
        "as-is",
        "practice",
        N_("Product training every new season, 2 days"),
    ),
    ("competence", "individuals", "as-is", "risk", N_("Seasonal hires get 2 hours of training")),
    (
        "competence",
        "individuals",
        "to-be",
        "idea",
        N_("Public staff profiles with expertise badges"),
    ),
    ("competence", "individuals", "to-be", "idea", N_("Mentoring pairs: veteran + seasonal hire")),
    (
        "competence",
        "organizations",
        "as-is",
        "evidence",
        N_("Return rate on own-brand jackets down to 3.1 %"),
    ),
    (
        "competence",
        "organizations",
        "as-is",
        "customer-voice",
        N_("Reviews praise durability, criticise sizing"),
    ),
    ("competence", "organizations", "to-be", "idea", N_("Publish independent lab test results")),
    ("competence", "technology", "as-is", "evidence", N_("Size finder is right 71 % of the time")),
    ("competence", "technology", "as-is", "risk", N_("Stock shown online lags the shelf by a day")),
    ("competence", "technology", "to-be", "idea", N_("Live stock per store on product pages")),
    (
        "reliability",
        "individuals",
        "as-is",
        "customer-voice",
        N_("“Promised a call back, never came” (3 survey comments)"),
    ),
    (
        "reliability",
        "individuals",
        "as-is",
        "practice",
        N_("Repair desk gives a written ready-by date"),
    ),
    (
        "reliability",
        "individuals",
        "to-be",
        "idea",
        N_("Call-back promises logged in the CRM with a reminder"),
    ),
    (
        "reliability",
        "organizations",
        "as-is",
        "evidence",
        N_("94 % of web orders shipped within 24 h"),
    ),
    (
        "reliability",
        "organizations",
        "as-is",
        "risk",
        N_("Peak season: delivery promise missed for 1 in 8 orders"),
    ),
    ("reliability", "organizations", "to-be", "idea", N_("Honest delivery dates in peak weeks")),
    ("reliability", "technology", "as-is", "evidence", N_("Checkout outage: 3 h on Black Friday")),
    ("reliability", "technology", "to-be", "idea", N_("Status page customers can check")),
    (
        "integrity",
        "individuals",
        "as-is",
        "practice",
        N_("Staff may advise a cheaper product; no upsell targets"),
    ),
    (
        "integrity",
        "individuals",
        "as-is",
        "customer-voice",
        N_("“They told me my old boots just needed new laces”"),
    ),
    (
        "integrity",
        "individuals",
        "to-be",
        "idea",
        N_("Write the no-upsell rule into the service promise"),
    ),
    (
        "integrity",
        "organizations",
        "as-is",
        "risk",
        N_("Sustainability claims on packaging lack sources"),
    ),
    ("integrity", "organizations", "as-is", "evidence", N_("Recall in 2025 announced within 48 h")),
    (
        "integrity",
        "organizations",
        "to-be",
        "idea",
        N_("Source every green claim on a public page"),
    ),
    (
        "integrity",
        "technology",
        "as-is",
        "risk",
        N_("Newsletter consent box was pre-ticked until March"),
    ),
    (
        "integrity",
        "technology",
        "as-is",
        "practice",
        N_("Plain-language privacy summary at checkout"),
    ),
    (
        "integrity",
        "technology",
        "to-be",
        "idea",
        N_("Data dashboard: what we keep about you, and why"),
    ),
    (
        "empathy",
        "individuals",
        "as-is",
        "customer-voice",
        N_("“Felt rushed at the till on Saturdays”"),
    ),
    (
        "empathy",
        "individuals",
        "as-is",
        "practice",
        N_("Staff can refund up to £50 without a manager"),
    ),
    ("empathy", "individuals", "to-be", "idea", N_("Quiet-hour shopping for first-time hikers")),
    (
        "empathy",
        "organizations",
        "as-is",
        "evidence",
        N_("Returns window extended to 60 days in winter"),
    ),
    ("empathy", "organizations", "as-is", "risk", N_("Complaints escalated by email wait 5 days")),
    (
        "empathy",
        "organizations",
        "to-be",
        "idea",
        N_("Customer panel meets leadership each quarter"),
    ),
    (
        "empathy",
        "technology",
        "as-is",
        "customer-voice",
        N_("Recommendations feel like ads, not advice"),
    ),
    ("empathy", "technology", "as-is", "evidence", N_("Trip planner used by 12 % of app users")),
    (
        "empathy",
        "technology",
        "to-be",
        "idea",
        N_("Recommendations explain why they were suggested"),
    ),
    ("empathy", "technology", "to-be", "risk", N_("Personalisation could feel like surveillance")),
    (
        "reliability",
        "technology",
        "as-is",
        "customer-voice",
        N_("App crashes when uploading a receipt"),
    ),
]

# cell -> (self as-is, customer as-is, self to-be) median targets for the scores
_LEVELS: dict[tuple[str, str], tuple[int, int, int]] = {
    ("competence", "individuals"): (4, 4, 5),
    ("competence", "organizations"): (4, 3, 5),
    ("competence", "technology"): (3, 2, 4),
    ("reliability", "individuals"): (3, 2, 4),
    ("reliability", "organizations"): (4, 3, 5),
    ("reliability", "technology"): (3, 2, 4),
    ("integrity", "individuals"): (4, 4, 5),
    ("integrity", "organizations"): (4, 3, 5),
    ("integrity", "technology"): (3, 2, 5),
    ("empathy", "individuals"): (4, 3, 5),
    ("empathy", "organizations"): (3, 2, 4),
    ("empathy", "technology"): (2, 2, 4),
}

_ACTIONS = {
    "Call-back promises logged in the CRM with a reminder": (
        "Jonas Weber",
        45,
        ActionStatus.IN_PROGRESS,
    ),
    "Source every green claim on a public page": ("Sofia Rossi", 90, ActionStatus.OPEN),
    "Honest delivery dates in peak weeks": ("Diego Hernández", 30, ActionStatus.DONE),
    "Mentoring pairs: veteran + seasonal hire": ("Hannah Berg", 60, ActionStatus.OPEN),
}


def _scores(rng: random.Random, level: int, n: int, lo: int, hi: int) -> tuple[int, ...]:
    return tuple(max(lo, min(hi, level + rng.choice((-1, 0, 0, 0, 1)))) for _unused in range(n))


def _round(
    framework: Framework,
    rng: random.Random,
    label: str,
    date: dt.date,
    shift: int,
    with_actions: bool,
) -> Round:
    rnd = Round(new_id("r"), label, date)
    lo, hi = framework.scale.minimum, framework.scale.maximum
    order: dict[tuple[str, str, str], float] = {}
    for element, domain, layer, kind, english in _CARDS:
        text = _(english)
        key = (element, domain, layer)
        order[key] = order.get(key, -1.0) + 1
        action = None
        votes = 0
        if layer == "to-be":
            votes = rng.randint(0, 6)
            if with_actions and english in _ACTIONS:
                owner, days, status = _ACTIONS[english]
                action = Action(owner, date + dt.timedelta(days=days), status)
        card = Card(
            new_id("c"),
            text,
            (element, domain),
            Layer(layer),
            kind,
            rng.choice(PARTICIPANTS),
            votes,
            order[key],
            action,
        )
        rnd.cards[card.id] = card
    for cell, (self_now, customer_now, target) in _LEVELS.items():
        bump = 1 if shift and cell[1] != "technology" and self_now < hi else 0
        for layer, persp, level, n in (
            (Layer.AS_IS, Perspective.SELF, self_now + bump * shift, 8),
            (Layer.AS_IS, Perspective.CUSTOMER, customer_now + bump * shift, 5),
            (Layer.TO_BE, Perspective.SELF, target, 8),
        ):
            rating = Rating(cell, layer, persp, _scores(rng, min(level, hi), n, lo, hi))
            rnd.ratings[rating.key] = rating
    ci = ("competence", "individuals")
    questions = framework.questions_for(ci)
    if questions:
        answer = _("Solid in stores; weak for seasonal staff and online chat.")
        a = Answer(ci, questions[0].id, answer, True)
        rnd.answers[a.key] = a
    rnd.kpis.update(
        {
            "retention": 61.0 + 3 * shift,
            "clv": 410.0 + 25 * shift,
            "nps": 22.0 + 6 * shift,
            "trust-yes": 58.0 + 5 * shift,
        }
    )
    return rnd


def demo_workshop(framework: Framework, today: dt.date | None = None) -> Workshop:
    """Two quarterly rounds for Northwind Outfitters; deterministic apart from ids.

    Its texts (round labels, cards, title) speak the framework's language where the
    catalogue has them, so a German framework makes a German demo.
    """
    with using(framework.language):
        return _demo_workshop(framework, today)


def _demo_workshop(framework: Framework, today: dt.date | None) -> Workshop:
    rng = random.Random(2026)
    day = today or dt.date.today()
    # Translators: the demo workshop's first round, at the start of the first quarter.
    first = _round(framework, rng, _("Q1 baseline"), day - dt.timedelta(days=91), 0, False)
    # Translators: the demo workshop's second round, a review after the second quarter.
    second = _round(framework, rng, _("Q2 review"), day, 1, True)
    ws = Workshop(
        title=_("Customer trust workshop"),
        framework=framework,
        organisation=_("Northwind Outfitters (fictional)"),
        facilitator="Amara Okafor",
        participants=PARTICIPANTS,
        date=day,
        rounds=[first, second],
        current_round_id=second.id,
    )
    ws.validate()
    return ws


def ensure_demo_file(paths: UserPaths) -> Path:
    """The demo workshop in the user's data folder, created on first use (never overwritten).

    In the interface language when its template has a translation: each language keeps
    its own demo file, so switching language later shows that language's demo.
    """
    from trustboard.services.catalogue import find_template

    framework = find_template(paths, DEMO_TEMPLATE).framework
    target = paths.demo_file
    if framework.language != "en":
        with using(framework.language):
            # Translators: the demo workshop's file name (without ".trustboard").
            name = _("Northwind Outfitters – trust workshop")
        target = target.with_name(f"{name}.trustboard")
    if target.exists():
        return target
    from trustboard.store import WorkshopFile

    target.parent.mkdir(parents=True, exist_ok=True)
    WorkshopFile.create(target, demo_workshop(framework)).close()
    return target
