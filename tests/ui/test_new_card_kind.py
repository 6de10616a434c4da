"""A card added on the board in the to-be layer is an idea; in the as-is layer, evidence."""

from __future__ import annotations

from trustboard.domain.workshop import Layer
from trustboard.ui.modes import LayerMode
from trustboard.ui.session import Session

CI = ("competence", "individuals")


def test_cards_added_while_the_to_be_layer_is_shown_are_ideas(session: Session) -> None:
    session.set_layer_mode(LayerMode.TO_BE)
    idea = session.add_card(CI)
    session.set_layer_mode(LayerMode.AS_IS)
    evidence = session.add_card(CI)
    to_be_evidence = session.add_card(CI, layer=Layer.TO_BE, kind="evidence")
    assert idea and evidence and to_be_evidence
    cards = session.round.cards
    assert (cards[idea].layer, cards[idea].kind) == (Layer.TO_BE, "idea")
    assert (cards[evidence].layer, cards[evidence].kind) == (Layer.AS_IS, "evidence")
    assert cards[to_be_evidence].kind == "evidence"  # a kind asked for is kept
