"""What `trustboard check` reports about a workshop file."""

from __future__ import annotations

from typing import Any

from trustboard.domain.workshop import Workshop


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
    lines = [
        f"{s['title']}" + (f" — {s['organisation']}" if s["organisation"] else ""),
        f"  file format   {s['schema_version']}",
        f"  framework     {s['framework']}",
        f"  elements      {', '.join(s['elements'])}",
        f"  domains       {', '.join(s['domains'])}",
        f"  rounds        {s['rounds']} (current: {s['current_round']})",
        f"  cards         {s['cards']}"
        + (f" ({s['unsorted_cards']} unsorted)" if s["unsorted_cards"] else ""),
        f"  ratings       {s['ratings']} cells rated, {s['scores']} scores",
        f"  answers       {s['answers']}",
        f"  actions       {s['actions']}",
    ]
    return "\n".join(lines)
