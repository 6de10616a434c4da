"""What a participant's phone may do to the workshop, as the same commands as the board's.

A phone writes, edits and deletes its own cards, gives one score per cell and sets its dots
on a card; the facilitator reveals, hides and shows cards. Each function checks the edit and
returns one undoable command (None when there is nothing to do), exactly like the rules in
`cards`, `ratings` and `voting`, which these build on; the room pushes what it gets.

A phone is known only by an opaque device key ("phone-" + 12 hex digits): it decides whose
card is whose, keeps one score and one budget per phone, and is never shown or exported.
Every refusal is a ValidationError whose message is a sentence a participant can read;
`code` names the kind of refusal for the room's page.
"""

from __future__ import annotations

import dataclasses
import hashlib
from collections.abc import Iterable

from trustboard.document.cards import Appender
from trustboard.document.commands import CardsCommand, RatingCommand, cards_command
from trustboard.document.document import WorkshopDocument
from trustboard.document.ratings import add_score, remove_last_score
from trustboard.document.voting import (
    VoteBudgetError,
    per_card_refusal,
    vote,
    votes_cast,
    votes_left,
)
from trustboard.domain import limits
from trustboard.domain.checks import is_valid_text
from trustboard.domain.errors import ValidationError
from trustboard.domain.framework import Cell
from trustboard.domain.workshop import (
    HIDDEN,
    WAITING,
    Card,
    Layer,
    Perspective,
    Round,
    is_device_key,
)
from trustboard.i18n import _, format_number, ngettext

PHONE = "phone-"  # device keys start with this
KEY_CHARS = 64  # an idempotency key's length at most


class PhoneEditError(ValidationError):
    """An edit from a phone that is refused; the message is for the participant."""

    code = "invalid"

    def __init__(self, message: str) -> None:
        super().__init__("", message)


class TooLongError(PhoneEditError):
    code = "too-long"


class NotYoursError(PhoneEditError):
    """The card is another phone's (or the board's), or the facilitator hid it."""

    code = "not-yours"


class CardGoneError(PhoneEditError):
    """The card is no longer there (deleted, or not on the board any more)."""

    code = "gone"


# -- keys ------------------------------------------------------------------------------


def device_key(secret: str, salt: str) -> str:
    """The key a phone is known by: its secret, salted per room, never shown back."""
    data = (salt + secret).encode("utf-8", "surrogatepass")
    return PHONE + hashlib.sha256(data).hexdigest()[:12]


def card_id_for(device: str, key: str) -> str:
    """The id of the card a phone sends with this idempotency key: the same every time, so a
    card sent again (a retry, a reconnect, even after a restart of the app) lands once."""
    data = f"{device}\n{key}".encode("utf-8", "surrogatepass")
    return "c-" + hashlib.sha256(data).hexdigest()[:12]


# -- cards -----------------------------------------------------------------------------


def phone_card(
    doc: WorkshopDocument,
    device: str,
    key: str,
    text: str,
    kind: str,
    cell: Cell | None,
    layer: Layer,
    *,
    private: bool,
    author: str = "",
) -> CardsCommand | None:
    """A new card from a phone at the end of its cell in the current round, waiting for the
    reveal when `private`. None when this card (device and key) is already in the workshop.

    The author is "" unless the phone gave a name and the workshop is not anonymous.
    """
    _check_device(device)
    if not key or len(key) > KEY_CHARS or not is_valid_text(key):
        raise PhoneEditError(_("This card could not be sent. Reload the page and try again."))
    card_id = card_id_for(device, key)
    if any(rnd.card(card_id) is not None for rnd in doc.workshop.rounds):
        return None  # sent before: it landed then
    text = _card_text(text)
    _check_kind(doc, kind)
    cell = _cell(doc, cell)
    layer = _layer(layer)
    author = "" if doc.workshop.anonymous else author.strip()
    if len(author) > limits.TITLE_CHARS:
        raise TooLongError(
            _("A name can be at most {n} characters long.").format(
                n=format_number(limits.TITLE_CHARS, 0)
            )
        )
    if not is_valid_text(author):
        raise PhoneEditError(_("This name holds a broken character. Type it again."))
    rnd = doc.current_round
    card = Card(card_id, text, cell, layer, kind, author, order=_next_place(doc, rnd, cell, layer),
                owner=device, held=WAITING if private else "")  # fmt: skip
    return cards_command(doc, {card_id: card}, _("Card from a phone"), round_id=rnd.id)


def edit_phone_card(
    doc: WorkshopDocument, device: str, card_id: str, text: str, kind: str
) -> CardsCommand | None:
    """New text and kind for one of this phone's cards; None when nothing changes."""
    rnd = doc.current_round
    card = _own_card(rnd, device, card_id)
    if card is None:
        raise CardGoneError(_("This card is no longer there. It may have been deleted."))
    updated = dataclasses.replace(card, text=_card_text(text), kind=_check_kind(doc, kind))
    if updated == card:
        return None
    return cards_command(doc, {card_id: updated}, _("Edit card from a phone"), round_id=rnd.id)


def delete_phone_card(doc: WorkshopDocument, device: str, card_id: str) -> CardsCommand | None:
    """Delete one of this phone's cards; None when it is already gone (a resend)."""
    rnd = doc.current_round
    if _own_card(rnd, device, card_id) is None:
        return None
    return cards_command(doc, {card_id: None}, _("Delete card from a phone"), round_id=rnd.id)


def _own_card(rnd: Round, device: str, card_id: str) -> Card | None:
    """The phone's card with this id in the round (None when there is none); NotYoursError
    when it is someone else's or the facilitator hid it."""
    _check_device(device)
    card = rnd.card(card_id)
    if card is None:
        return None
    if card.owner != device:
        raise NotYoursError(
            _("This card was not written on this phone, so it cannot be changed here.")
        )
    if card.held == HIDDEN:
        raise NotYoursError(
            _("The facilitator has hidden this card, so it can no longer be changed.")
        )
    return card


# -- scores and votes ------------------------------------------------------------------


def phone_score(
    doc: WorkshopDocument,
    device: str,
    cell: Cell,
    score: int | None,
    layer: Layer,
    perspective: Perspective,
) -> RatingCommand | None:
    """This phone's one score for a cell (replacing its earlier one), or None to take it
    back. Anonymous: the score is kept with the device key only, which nobody is shown."""
    _check_device(device)
    checked = _cell(doc, cell)
    if checked is None:
        raise PhoneEditError(_("A score is for a cell of the grid."))
    layer = _layer(layer)
    try:
        perspective = Perspective(perspective)
    except ValueError:
        raise PhoneEditError(_("Scores are given for the team or for the customers.")) from None
    if score is None:
        command = remove_last_score(doc, checked, layer, perspective, participant=device)
        if command is not None:
            command.text = _("Score from a phone")
        return command
    scale = doc.framework.scale
    if isinstance(score, bool) or not isinstance(score, int) or not scale.contains(score):
        raise PhoneEditError(
            _("A score is a whole number from {lo} to {hi}.").format(
                lo=scale.minimum, hi=scale.maximum
            )
        )
    return add_score(doc, checked, score, layer, perspective, participant=device,
                     text=_("Score from a phone"))  # fmt: skip


def phone_vote(doc: WorkshopDocument, device: str, card_id: str, dots: int) -> CardsCommand | None:
    """Set this phone's dots on a card to `dots` (sending it again changes nothing).

    Only while a vote runs in the current round; the budget per person, the cap per card and
    the room's budget are kept by the voting rules (VoteBudgetError, nothing changed).
    """
    _check_device(device)
    rnd = doc.current_round
    card = rnd.cards.get(card_id)
    if card is None:
        raise CardGoneError(_("This card is not on the board any more."))
    if isinstance(dots, bool) or not isinstance(dots, int) or dots < 0:
        raise PhoneEditError(_("The number of votes on a card is a whole number, 0 or more."))
    voting = rnd.voting
    if voting is None:
        raise VoteBudgetError(_("No vote is running right now."))
    delta = dots - card.votes_by(device)
    if delta == 0:
        return None
    if delta > 0:
        if voting.per_card and dots > voting.per_card:
            raise VoteBudgetError(per_card_refusal(voting.per_card))
        left = votes_left(rnd, device)
        if delta > left:
            raise VoteBudgetError(_no_votes_left(rnd, device, left))
    command = vote(doc, card_id, delta, voter=device)
    if command is not None:
        command.text = _("Vote from a phone")
    return command


def _no_votes_left(rnd: Round, device: str, left: int) -> str:
    """Why this phone cannot add dots: its own budget, or the room's, is spent."""
    assert rnd.voting is not None
    room = votes_left(rnd)
    if room == left and room < rnd.voting.per_person - votes_cast(rnd, device):
        if room == 0:
            return _("The room's votes have all been cast. Take one of yours back to move it.")
        return ngettext(
            "Only {n} vote is left in the room.", "Only {n} votes are left in the room.", room
        ).format(n=room)
    if left == 0:
        per_person = rnd.voting.per_person
        return ngettext(
            "You have used your {n} vote. Take it back to put it somewhere else.",
            "You have used all your {n} votes. Take one back to put it somewhere else.",
            per_person,
        ).format(n=per_person)
    return ngettext(
        "You have {n} vote left, so this card cannot get that many.",
        "You have {n} votes left, so this card cannot get that many.",
        left,
    ).format(n=left)


# -- the facilitator's side ------------------------------------------------------------


def reveal(doc: WorkshopDocument, card_ids: Iterable[str] | None = None) -> CardsCommand | None:
    """Put waiting cards (all, or those of `card_ids`) on the board at the end of their
    cells, in the order they were written; None when none is waiting."""
    rnd = doc.current_round
    wanted = None if card_ids is None else set(card_ids)
    cards = [c for c in waiting(rnd) if wanted is None or c.id in wanted]
    if not cards:
        return None
    place = Appender(rnd, {(c.cell, c.layer) for c in cards})
    after: dict[str, Card | None] = {
        c.id: dataclasses.replace(c, held="", order=place(c.cell, c.layer)) for c in cards
    }
    said = ngettext("Reveal {n} card", "Reveal {n} cards", len(cards)).format(n=len(cards))
    return cards_command(doc, after, said, round_id=rnd.id)


def hide_card(doc: WorkshopDocument, card_id: str) -> CardsCommand | None:
    """Take a card off the board (or out of the waiting ones); undo or `show_card` bring it
    back. None when it is hidden already."""
    rnd = doc.current_round
    card = rnd.card(card_id)
    if card is None:
        raise CardGoneError(_("This card is no longer there. It may have been deleted."))
    if card.held == HIDDEN:
        return None
    return cards_command(doc, {card_id: dataclasses.replace(card, held=HIDDEN)}, _("Hide card"),
                         round_id=rnd.id)  # fmt: skip


def show_card(doc: WorkshopDocument, card_id: str) -> CardsCommand | None:
    """Put a held card on the board: a hidden one where it was, a waiting one at the end of
    its cell. None when it is on the board already."""
    rnd = doc.current_round
    card = rnd.card(card_id)
    if card is None:
        raise CardGoneError(_("This card is no longer there. It may have been deleted."))
    if not card.held:
        return None
    order = card.order
    if card.held == WAITING:
        order = Appender(rnd, [(card.cell, card.layer)])(card.cell, card.layer)
    shown = dataclasses.replace(card, held="", order=order)
    return cards_command(doc, {card_id: shown}, _("Show card"), round_id=rnd.id)


def waiting(rnd: Round) -> list[Card]:
    """The round's cards waiting for the reveal, in board order."""
    return _in_order(c for c in rnd.held.values() if c.held == WAITING)


def hidden(rnd: Round) -> list[Card]:
    """The round's cards the facilitator hid, in board order."""
    return _in_order(c for c in rnd.held.values() if c.held == HIDDEN)


def phone_cards(rnd: Round, device: str) -> list[Card]:
    """Every card of the round this phone wrote, on the board or held back."""
    return _in_order(c for c in (*rnd.cards.values(), *rnd.held.values()) if c.owner == device)


def _in_order(cards: Iterable[Card]) -> list[Card]:
    return sorted(cards, key=lambda c: (c.order, c.id))


# -- checks ----------------------------------------------------------------------------


def _check_device(device: str) -> None:
    if not device.startswith(PHONE) or not is_device_key(device):
        raise PhoneEditError(_("This phone is not known here. Scan the code on the screen again."))


def _card_text(text: str) -> str:
    text = text.strip()
    if not text:
        raise PhoneEditError(_("A card needs some text."))
    if len(text) > limits.CARD_CHARS:
        raise TooLongError(
            _("This text is {n} characters long; a card holds at most {most}.").format(
                n=format_number(len(text), 0), most=format_number(limits.CARD_CHARS, 0)
            )
        )
    if not is_valid_text(text):
        raise PhoneEditError(_("This text holds a broken character. Type it again."))
    return text


def _check_kind(doc: WorkshopDocument, kind: str) -> str:
    try:
        doc.framework.card_kind(kind)
    except KeyError:
        raise PhoneEditError(_("This kind of card does not exist in this workshop.")) from None
    return kind


def _cell(doc: WorkshopDocument, cell: Cell | None) -> Cell | None:
    """The cell as a tuple; a cell off the grid (or switched off) is refused."""
    if cell is None:
        return None
    if len(cell) != 2 or not doc.framework.has_cell((cell[0], cell[1])):
        raise PhoneEditError(_("This cell is not on the board. Pick another one."))
    return (cell[0], cell[1])


def _layer(layer: Layer) -> Layer:
    try:
        return Layer(layer)
    except ValueError:
        raise PhoneEditError(
            _("Cards are for the situation as it is or as it should be.")
        ) from None


def _next_place(doc: WorkshopDocument, rnd: Round, cell: Cell | None, layer: Layer) -> float:
    """After every card of the lane, on the board or held back, so each has its own place."""
    orders = [c.order for c in doc.lane(rnd.id, cell, layer)]
    orders += [c.order for c in rnd.held.values() if c.cell == cell and c.layer == layer]
    return max(orders) + 1 if orders else 0.0
