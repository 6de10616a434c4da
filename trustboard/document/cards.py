"""The rules of card edits: add, edit, move, reorder, duplicate, paste, kind, vote, delete.

Each function reads the workshop, checks the edit and returns one undoable command (None
when there is nothing to do); the board, the importers, the CLI and any other input push
what they get. Nothing here knows about widgets.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from trustboard.document.commands import CardsCommand, cards_command
from trustboard.document.document import WorkshopDocument
from trustboard.domain import limits
from trustboard.domain.checks import check_text
from trustboard.domain.errors import ValidationError
from trustboard.domain.framework import Cell
from trustboard.domain.workshop import Action, ActionStatus, Card, Layer, Round, new_id
from trustboard.i18n import _, ngettext

FIRST_WORDS = 3  # Edit > History names a card by its first words...
FIRST_CHARS = 24  # ...and never more than this many characters of them


def first_words(text: str) -> str:
    """A card's first words for a menu line, ending in "…" when the card says more."""
    words = text.split()
    shown = " ".join(words[:FIRST_WORDS])
    if len(shown) > FIRST_CHARS:
        shown = shown[:FIRST_CHARS].rstrip()
    return shown + ("…" if shown != " ".join(words) else "")


def cell_name(doc: WorkshopDocument, cell: Cell | None) -> str:
    """'Element × Domain' as the framework names them, or 'Unsorted'."""
    if cell is None:
        return _("Unsorted")
    try:
        element, domain = doc.framework.element(cell[0]).name, doc.framework.domain(cell[1]).name
    except KeyError:
        return _("Unsorted")
    # Translators: a cell of the board, named by its row (trust element) and column (domain).
    return _("{element} × {domain}").format(element=element, domain=domain)


def undo_text(doc: WorkshopDocument, verb: str, text: str, cell: Cell | None) -> str:
    """What Edit > History says of an edit to one card: which card, in which cell
    ("Edit card “Staff wear name…” in Competence × Individuals")."""
    words = first_words(text)
    cell_text = cell_name(doc, cell)
    if not words:
        # Translators: an undo step, e.g. "Delete card in Competence × Individuals".
        return _("{action} in {cell}").format(action=verb, cell=cell_text)
    # Translators: an undo step, e.g. "Edit card “Staff wear name…” in Competence × Individuals".
    return _("{action} “{words}” in {cell}").format(action=verb, words=words, cell=cell_text)


class Appender:
    """Hands out board places after the cards already in each cell and layer of a round.

    One pass over the round finds the last place of every lane asked for up front, so a
    batch of new cards costs one pass, not one per lane (nor a sort of each lane).
    """

    def __init__(self, rnd: Round, lanes: Iterable[tuple[Cell | None, Layer]] = ()) -> None:
        self._round = rnd
        self._next: dict[tuple[Cell | None, Layer], float] = {}
        self._find(set(lanes))

    def _find(self, wanted: set[tuple[Cell | None, Layer]]) -> None:
        cards = self._round.cards.values()
        last: dict[tuple[Cell | None, Layer], float] = {}
        if len(wanted) == 1:  # one card added: the plainest scan is the fastest
            ((cell, layer),) = wanted
            orders = [c.order for c in cards if c.cell == cell and c.layer == layer]
            if orders:
                last[(cell, layer)] = max(orders)
        elif wanted:
            cells = {lane[0] for lane in wanted}
            for card in cards:
                if card.cell in cells:
                    key = (card.cell, card.layer)
                    if key in wanted and (key not in last or card.order > last[key]):
                        last[key] = card.order
        for key in wanted:
            self._next[key] = last[key] + 1 if key in last else 0.0

    def __call__(self, cell: Cell | None, layer: Layer) -> float:
        key = (cell, layer)
        if key not in self._next:
            self._find({key})
        order = self._next[key]
        self._next[key] = order + 1
        return order


@dataclass(frozen=True)
class NewCard:
    """A card to add, before it has an id and a place."""

    text: str
    cell: Cell | None
    layer: Layer = Layer.AS_IS
    kind: str = "evidence"
    author: str = ""


def _round(doc: WorkshopDocument, round_id: str | None) -> Round:
    return doc.workshop.round(round_id or doc.workshop.current_round_id)


def add_cards(
    doc: WorkshopDocument, new: Iterable[NewCard], text: str, *, round_id: str | None = None
) -> CardsCommand | None:
    """Add cards after those already in their cells, as one step (an import, a batch)."""
    rnd = _round(doc, round_id)
    new = list(new)
    place = Appender(rnd, {(n.cell, n.layer) for n in new})
    cards: dict[str, Card | None] = {}
    for n in new:
        card = Card(new_id("c"), n.text, n.cell, n.layer, n.kind, n.author,
                    order=place(n.cell, n.layer))  # fmt: skip
        cards[card.id] = card
    if not cards:
        return None
    return cards_command(doc, cards, text, round_id=rnd.id)


def default_kind(doc: WorkshopDocument, layer: Layer) -> str:
    """What a new card is unless told: an idea in the to-be layer (when the framework has
    ideas), evidence of how things are in the as-is layer."""
    if layer == Layer.TO_BE and any(k.id == "idea" for k in doc.framework.card_kinds):
        return "idea"
    return "evidence"


def add_card(
    doc: WorkshopDocument,
    cell: Cell | None,
    text: str = "",
    *,
    kind: str | None = None,
    layer: Layer = Layer.AS_IS,
    author: str = "",
    round_id: str | None = None,
) -> CardsCommand:
    """One new card at the end of its cell; the command's only key is the new card's id.
    Without a `kind` it is the layer's `default_kind`."""
    kind = kind or default_kind(doc, layer)
    new = NewCard(text, cell, layer, kind, author)
    said = undo_text(doc, _("Add card"), text, cell)
    command = add_cards(doc, [new], said, round_id=round_id)
    assert command is not None
    return command


def edit_card(
    doc: WorkshopDocument,
    card_id: str,
    *,
    merge: bool = False,
    text_for_undo: str | None = None,
    round_id: str | None = None,
    **changes: object,
) -> CardsCommand | None:
    """Change a card's fields; typing into one card merges into one step when `merge`."""
    if text_for_undo is None:
        text_for_undo = _("Edit card")
    card = _round(doc, round_id).cards[card_id]
    updated = dataclasses.replace(card, **changes)  # type: ignore[arg-type]
    if updated == card:
        return None
    key = (text_for_undo, card_id) if merge else None
    # Named by what the card says now (a new card's words are only there after the edit).
    named = updated if updated.text.strip() else card
    said = undo_text(doc, text_for_undo, named.text, named.cell)
    return cards_command(doc, {card_id: updated}, said, round_id=round_id,
                         merge_key=key)  # fmt: skip


def discard_new_card(
    doc: WorkshopDocument, card_id: str, text: str, *, round_id: str | None = None
) -> CardsCommand | None:
    """Esc on a new card someone typed into: the card goes, as one step whose Undo brings
    it back with the words typed ("Discard new card “…” in …"), so nothing typed is lost."""
    rid = round_id or doc.workshop.current_round_id
    card = doc.workshop.round(rid).cards.get(card_id)
    if card is None:
        return None
    typed = dataclasses.replace(card, text=text)
    said = undo_text(doc, _("Discard new card"), text, card.cell)
    return CardsCommand(doc, rid, {card_id: typed}, {card_id: None}, said)


def set_author(doc: WorkshopDocument, card_ids: Iterable[str], author: str) -> CardsCommand | None:
    """Say who wrote the cards (a participant's name, or "" for nobody), as one step."""
    author = author.strip()
    check_text(author, "author", limits.TITLE_CHARS, _("the author's name"))
    cards = doc.current_round.cards
    after: dict[str, Card | None] = {
        i: dataclasses.replace(cards[i], author=author)
        for i in card_ids
        if i in cards and cards[i].author != author
    }
    if not after:
        return None
    if len(after) == 1:
        (card,) = (cards[i] for i in after)
        said = undo_text(doc, _("Set author of"), card.text, card.cell)
    else:
        said = ngettext("Set author of {n} card", "Set author of {n} cards", len(after)).format(
            n=len(after)
        )
    return cards_command(doc, after, said)


def set_action(
    doc: WorkshopDocument, card_id: str, action: Action | None, text: str
) -> CardsCommand | None:
    """Make a card an action (owner, due date, status), change it, or make it a card again."""
    return edit_card(doc, card_id, action=action, text_for_undo=text)


def set_action_status(
    doc: WorkshopDocument, card_id: str, status: ActionStatus
) -> CardsCommand | None:
    """Move an action on (open, in progress, done); a card that is no action has no status."""
    card = doc.current_round.cards[card_id]
    if card.action is None:
        raise ValidationError(f"cards.{card_id}", _("this card is not an action"))
    action = dataclasses.replace(card.action, status=ActionStatus(status))
    return edit_card(doc, card_id, action=action, text_for_undo=_("Set action status"))


def set_kind(doc: WorkshopDocument, card_ids: Iterable[str], kind: str) -> CardsCommand | None:
    """Change the kind (and so the colour) of cards, as one step."""
    try:
        doc.framework.card_kind(kind)
    except KeyError:
        raise ValidationError(
            "kind", _("this framework has no card kind {kind}").format(kind=repr(kind))
        ) from None
    cards = doc.current_round.cards
    after: dict[str, Card | None] = {
        i: dataclasses.replace(cards[i], kind=kind)
        for i in card_ids
        if i in cards and cards[i].kind != kind
    }
    return cards_command(doc, after, _("Change card kind")) if after else None


def delete_cards(doc: WorkshopDocument, card_ids: Iterable[str]) -> CardsCommand | None:
    cards = doc.current_round.cards
    ids = [i for i in card_ids if i in cards]
    if not ids:
        return None
    if len(ids) == 1:
        said = undo_text(doc, _("Delete card"), cards[ids[0]].text, cards[ids[0]].cell)
    else:
        said = ngettext("Delete {n} card", "Delete {n} cards", len(ids)).format(n=len(ids))
    return cards_command(doc, dict.fromkeys(ids), said)


def _fresh_copy(card: Card, **changes: object) -> Card:
    """A copy with a new id and no votes: the room votes on it afresh. The copy is the
    board's own, on the board: no phone owns it."""
    fresh = dataclasses.replace(card, id=new_id("c"), votes=0, voters=(), owner="", held="")
    return dataclasses.replace(fresh, **changes)  # type: ignore[arg-type]


def duplicate_cards(doc: WorkshopDocument, card_ids: Sequence[str]) -> CardsCommand | None:
    """Each card copied just after itself."""
    cards = doc.current_round.cards
    copies: dict[str, Card | None] = {}
    for card_id in card_ids:
        copy = _fresh_copy(cards[card_id], order=cards[card_id].order + 0.5)
        copies[copy.id] = copy
    return cards_command(doc, copies, _("Duplicate cards")) if copies else None


def paste_cards(
    doc: WorkshopDocument, cards: Sequence[Card], cell: Cell | None, layer: Layer
) -> CardsCommand | None:
    """Copies of `cards` at the end of `cell` in `layer`, as plain cards (not actions)."""
    place = Appender(doc.current_round, [(cell, layer)])
    new: dict[str, Card | None] = {}
    for card in cards:
        copy = _fresh_copy(card, cell=cell, layer=layer, order=place(cell, layer), action=None)
        new[copy.id] = copy
    return cards_command(doc, new, _("Paste cards")) if new else None


def staying_in(
    rnd: Round,
    card_ids: Iterable[str],
    cell: Cell | None,
    layer: Layer,
    lane: list[Card] | None = None,
) -> list[Card]:
    """The lane's cards that stay put while `card_ids` move in (what a drop index counts).
    `lane` is that lane in board order when the caller has it (`WorkshopDocument.lane`)."""
    ids = set(card_ids)
    return [c for c in (rnd.cards_in(cell, layer) if lane is None else lane) if c.id not in ids]


def placed(
    rnd: Round,
    card_ids: Sequence[str],
    cell: Cell | None,
    layer: Layer,
    index: int | None,
    lane: list[Card] | None = None,
) -> list[Card]:
    """The lane `cell`/`layer` after the cards move in at `index` (the end when None).

    The cards that stay keep their order around the moved ones; the board shows the same
    list while a drag hovers, so what a drop does is what the room saw.
    """
    moving = [rnd.cards[i] for i in card_ids if i in rnd.cards]
    staying = staying_in(rnd, card_ids, cell, layer, lane)
    index = len(staying) if index is None else max(0, min(index, len(staying)))
    return staying[:index] + moving + staying[index:]


def move_cards(
    doc: WorkshopDocument,
    card_ids: Sequence[str],
    cell: Cell | None,
    layer: Layer,
    index: int | None = None,
) -> CardsCommand | None:
    """Put the cards into `cell`/`layer` at `index` (end when None), renumbering that lane."""
    rnd = doc.current_round
    moving = [i for i in card_ids if i in rnd.cards]
    if not moving:
        return None
    after: dict[str, Card | None] = {}
    lane = doc.lane(rnd.id, cell, layer)  # the lane's cards, not a scan of the whole round
    for i, card in enumerate(placed(rnd, moving, cell, layer, index, lane)):
        # compared before copying: a lane of thousands mostly keeps its places
        if card.order != i or card.cell != cell or card.layer != layer:
            after[card.id] = dataclasses.replace(card, cell=cell, layer=layer, order=float(i))
    if not after:
        return None
    n = len(moving)
    return cards_command(doc, after, ngettext("Move {n} card", "Move {n} cards", n).format(n=n))
