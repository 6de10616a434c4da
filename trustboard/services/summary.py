"""What `trustboard check` reports about a workshop file."""

from __future__ import annotations

from typing import Any

from trustboard.domain.workshop import Workshop
from trustboard.i18n import _, ngettext, pgettext


def summarise(workshop: Workshop, schema_version: int) -> dict[str, Any]:
    fw = workshop.framework
    rounds = workshop.rounds
    return {
        "schema_version": schema_version,
        "title": workshop.title,
        "organisation": workshop.organisation,
        "framework": fw.id,
        "elements": [e.name for e in fw.elements],
        "domains": [d.name for d in fw.active_domains],
        "rounds": len(rounds),
        "current_round": workshop.current_round.label,
        "cards": sum(len(r.cards) for r in rounds),
        "ratings": sum(len(r.ratings) for r in rounds),
        "scores": sum(len(x.scores) for r in rounds for x in r.ratings.values()),
        "answers": sum(len(r.answers) for r in rounds),
        "actions": sum(1 for r in rounds for c in r.cards.values() if c.action is not None),
        "unsorted_cards": sum(1 for r in rounds for c in r.cards.values() if c.cell is None),
    }


def format_summary(s: dict[str, Any]) -> str:
    cards = str(s["cards"])
    if s["unsorted_cards"]:
        cards = _("{cards} ({n} unsorted)").format(cards=cards, n=s["unsorted_cards"])
    rows = [
        # Translators: `trustboard check` lists these labels in a column, values after them
        (pgettext("check", "file format"), str(s["schema_version"])),
        (pgettext("check", "framework"), s["framework"]),
        (pgettext("check", "elements"), ", ".join(s["elements"])),
        (pgettext("check", "domains"), ", ".join(s["domains"])),
        (
            pgettext("check", "rounds"),
            # Translators: how many rounds, and the current one's name
            _("{n} (current: {round})").format(n=s["rounds"], round=s["current_round"]),
        ),
        (pgettext("check", "cards"), cards),
        (
            pgettext("check", "ratings"),
            ngettext("{n} cell rated", "{n} cells rated", s["ratings"]).format(n=s["ratings"])
            + ", "
            + ngettext("{n} score", "{n} scores", s["scores"]).format(n=s["scores"]),
        ),
        (pgettext("check", "answers"), str(s["answers"])),
        (pgettext("check", "actions"), str(s["actions"])),
    ]
    width = max(14, *(len(label) + 2 for label, _value in rows))
    lines = [f"{s['title']}" + (f" — {s['organisation']}" if s["organisation"] else "")]
    lines += [f"  {label:{width}}{value}" for label, value in rows]
    return "\n".join(lines)
