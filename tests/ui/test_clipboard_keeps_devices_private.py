"""Copying a phone's card: the clipboard, readable by any program, never names its device."""

from __future__ import annotations

from trustboard.document.room_edits import device_key
from trustboard.domain.workshop import HIDDEN, Card
from trustboard.ui import clipboard

ANA = device_key("a" * 22, "salt")


def test_a_copied_phone_card_carries_no_device_key(qapp: object) -> None:
    card = Card("c-1", "From a phone", ("competence", "individuals"), owner=ANA, held=HIDDEN)
    mime = clipboard.cards_to_mime([card])
    data = bytes(mime.data(clipboard.MIME).data()).decode("utf-8")
    assert ANA not in data and "owner" not in data and "held" not in data
    (pasted,) = clipboard.cards_from_mime(mime, {"evidence"})
    assert (pasted.text, pasted.owner, pasted.held) == ("From a phone", "", "")
