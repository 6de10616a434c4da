"""What a phone may do to the workshop: its own cards, one score per cell, its dots on a card;
and the facilitator's reveal, hide and show. Every one is an undoable command like the board's."""

from __future__ import annotations

import copy
import dataclasses

import pytest

from trustboard.document import WorkshopDocument, voting
from trustboard.document.cards import add_card
from trustboard.document.commands import CardsCommand, Command, History
from trustboard.document.room_edits import (
    PHONE,
    CardGoneError,
    NotYoursError,
    PhoneEditError,
    TooLongError,
    card_id_for,
    delete_phone_card,
    device_key,
    edit_phone_card,
    hidden,
    hide_card,
    phone_card,
    phone_cards,
    phone_score,
    phone_vote,
    reveal,
    show_card,
    waiting,
)
from trustboard.document.rounds import start_round_command
from trustboard.document.voting import VoteBudgetError
from trustboard.domain import limits
from trustboard.domain.errors import ValidationError
from trustboard.domain.workshop import (
    HIDDEN,
    WAITING,
    Card,
    Layer,
    Perspective,
    Round,
    Workshop,
)

CELL = ("competence", "individuals")
OTHER_CELL = ("integrity", "individuals")
ANA = device_key("a" * 22, "salt")
BEN = device_key("b" * 22, "salt")


class Room:
    """A document, its undo history and a way to push what a rule returns."""

    def __init__(self, workshop: Workshop) -> None:
        self.doc = WorkshopDocument(workshop)
        self.history = History()
        self.keys = 0

    def push(self, command: Command | None) -> Command:
        assert command is not None
        self.history.push(command)
        return command

    def card(
        self,
        device: str = ANA,
        text: str = "Slow replies",
        *,
        private: bool = False,
        cell: tuple[str, str] | None = CELL,
        layer: Layer = Layer.AS_IS,
    ) -> str:
        self.keys += 1
        key = f"draft-{self.keys:04d}"
        self.push(phone_card(self.doc, device, key, text, "evidence", cell, layer, private=private))
        return card_id_for(device, key)

    @property
    def round(self) -> Round:
        return self.doc.current_round

    def state(self) -> tuple[dict[str, Card], dict[str, Card]]:
        return dict(self.round.cards), dict(self.round.held)


@pytest.fixture
def room(workshop: Workshop) -> Room:
    return Room(workshop)


def _undo_redo_round_trip(room: Room, before: object, after: object) -> None:
    assert room.state() == after
    assert room.history.undo()
    assert room.state() == before
    assert room.history.redo()
    assert room.state() == after


# -- keys ------------------------------------------------------------------------------


def test_a_device_key_is_opaque_salted_and_stable() -> None:
    key = device_key("s3cret-from-the-phone-xyz", "room-salt")
    assert key == device_key("s3cret-from-the-phone-xyz", "room-salt")
    assert key.startswith(PHONE) and len(key) == len(PHONE) + 12
    assert int(key.removeprefix(PHONE), 16) >= 0
    assert "s3cret" not in key
    assert key != device_key("s3cret-from-the-phone-xyz", "other-salt")
    assert key != device_key("another-secret-from-a-phone", "room-salt")


def test_a_card_id_depends_only_on_the_device_and_the_idempotency_key() -> None:
    assert card_id_for(ANA, "draft-1") == card_id_for(ANA, "draft-1")
    assert card_id_for(ANA, "draft-1") != card_id_for(ANA, "draft-2")
    assert card_id_for(ANA, "draft-1") != card_id_for(BEN, "draft-1")
    assert card_id_for(ANA, "draft-1").startswith("c-")


# -- writing cards ---------------------------------------------------------------------


def test_a_phone_card_lands_on_the_board_owned_by_its_phone_as_one_undo_step(room: Room) -> None:
    before = room.state()
    command = phone_card(room.doc, ANA, "draft-1", "  Slow replies \n", "risk", CELL,
                         Layer.TO_BE, private=False)  # fmt: skip
    assert command is not None and command.text == "Card from a phone"
    room.push(command)
    card = room.round.cards[card_id_for(ANA, "draft-1")]
    assert (card.text, card.kind, card.cell, card.layer) == ("Slow replies", "risk", CELL,
                                                             Layer.TO_BE)  # fmt: skip
    assert card.owner == ANA and card.held == "" and card.author == ""
    assert room.doc.lane(room.round.id, CELL, Layer.TO_BE) == [card]
    _undo_redo_round_trip(room, before, room.state())


def test_a_card_sent_again_lands_once(room: Room) -> None:
    args = (ANA, "draft-1", "Slow replies", "evidence", CELL, Layer.AS_IS)
    room.push(phone_card(room.doc, *args, private=False))
    assert phone_card(room.doc, *args, private=False) is None
    assert phone_card(room.doc, *args, private=True) is None
    assert len(room.round.cards) == 1


def test_a_card_sent_again_after_the_facilitator_hid_it_or_a_new_round_still_lands_once(
    room: Room,
) -> None:
    args = (ANA, "draft-1", "Slow replies", "evidence", CELL, Layer.AS_IS)
    room.push(phone_card(room.doc, *args, private=True))
    room.push(hide_card(room.doc, card_id_for(*args[:2])))
    assert phone_card(room.doc, *args, private=False) is None
    earlier = room.round.id
    room.push(start_round_command(room.doc, "Q2", room.round.date))
    assert room.round.id != earlier
    assert phone_card(room.doc, *args, private=False) is None
    assert not room.round.cards and not room.round.held


def test_a_private_card_waits_off_the_board(room: Room) -> None:
    shown = room.card(text="On the board")
    card_id = room.card(text="Kept for the reveal", private=True)
    assert list(room.round.cards) == [shown]
    assert room.round.held[card_id].held == WAITING
    assert [c.id for c in waiting(room.round)] == [card_id]
    assert [c.id for c in room.doc.lane(room.round.id, CELL, Layer.AS_IS)] == [shown]
    assert room.round.total_votes == 0


def test_phone_cards_get_places_after_every_card_of_their_cell_held_or_not(room: Room) -> None:
    ids = [room.card(private=True), room.card(private=True), room.card()]
    orders = [(room.round.cards | room.round.held)[i].order for i in ids]
    assert orders == sorted(set(orders))


def test_a_name_is_kept_only_when_the_workshop_is_not_anonymous(room: Room) -> None:
    def author(key: str, name: str) -> str:
        command = phone_card(room.doc, ANA, key, "Text", "evidence", CELL, Layer.AS_IS,
                             private=False, author=name)  # fmt: skip
        assert command is not None
        card = command.after[card_id_for(ANA, key)]
        assert card is not None
        return card.author

    assert author("k-named", " Ana ") == "Ana"
    room.doc.workshop.anonymous = True
    assert author("k-anon", "Ana") == ""


@pytest.mark.parametrize(
    ("change", "error", "message"),
    [
        ({"text": "   "}, PhoneEditError, "needs some text"),
        ({"text": "x" * (limits.CARD_CHARS + 1)}, TooLongError, "at most 5,000"),
        ({"text": "broken \ud800"}, PhoneEditError, "broken character"),
        ({"kind": "no-such-kind"}, PhoneEditError, "kind of card does not exist"),
        ({"cell": ("no-such-element", "individuals")}, PhoneEditError, "not on the board"),
        ({"layer": "sideways"}, PhoneEditError, "as it is or as it should be"),
        ({"device": "ana"}, PhoneEditError, "not known here"),
        ({"device": PHONE + "<b>x</b>"}, PhoneEditError, "not known here"),
        ({"key": ""}, PhoneEditError, "could not be sent"),
        ({"key": "k" * 65}, PhoneEditError, "could not be sent"),
        ({"author": "n" * (limits.TITLE_CHARS + 1)}, TooLongError, "name can be at most 200"),
        ({"author": "Ana \udc00"}, PhoneEditError, "name holds a broken character"),
    ],
)
def test_a_card_the_rules_refuse_changes_nothing_and_says_why(
    room: Room, change: dict[str, object], error: type[Exception], message: str
) -> None:
    args: dict[str, object] = {"device": ANA, "key": "draft-1", "text": "Fine", "kind":
                               "evidence", "cell": CELL, "layer": Layer.AS_IS, "author": ""}  # fmt: skip
    args.update(change)
    before = copy.deepcopy(room.state())
    with pytest.raises(error, match=message) as caught:
        phone_card(room.doc, private=False, **args)  # type: ignore[arg-type]
    assert isinstance(caught.value, ValidationError)
    assert not caught.value.path  # the message is the sentence alone
    assert room.state() == before


def test_a_card_in_a_switched_off_column_is_refused(room: Room) -> None:
    fw = room.doc.framework
    optional = next(d for d in fw.domains if d.optional)
    room.doc.workshop.framework = dataclasses.replace(
        fw,
        domains=tuple(dataclasses.replace(d, enabled=False) if d is optional else d
                      for d in fw.domains),
    )  # fmt: skip
    with pytest.raises(PhoneEditError, match="not on the board"):
        phone_card(room.doc, ANA, "draft-1", "x", "evidence", (fw.elements[0].id, optional.id),
                   Layer.AS_IS, private=False)  # fmt: skip


def test_an_unsorted_card_from_a_phone_is_allowed(room: Room) -> None:
    card_id = room.card(cell=None)
    assert room.round.cards[card_id].cell is None


# -- editing and deleting one's own cards ----------------------------------------------


def test_a_phone_edits_its_own_card_as_one_undo_step(room: Room) -> None:
    card_id = room.card()
    before = room.state()
    command = room.push(edit_phone_card(room.doc, ANA, card_id, "Replies take days", "risk"))
    assert command.text == "Edit card from a phone"
    assert (room.round.cards[card_id].text, room.round.cards[card_id].kind) == (
        "Replies take days",
        "risk",
    )
    _undo_redo_round_trip(room, before, room.state())
    assert edit_phone_card(room.doc, ANA, card_id, "Replies take days", "risk") is None


def test_a_waiting_card_stays_waiting_when_its_phone_edits_it(room: Room) -> None:
    card_id = room.card(private=True)
    room.push(edit_phone_card(room.doc, ANA, card_id, "Changed", "evidence"))
    assert room.round.held[card_id].text == "Changed"
    assert room.round.held[card_id].held == WAITING
    assert card_id not in room.round.cards


def test_a_phone_cannot_edit_or_delete_another_phones_card(room: Room) -> None:
    card_id = room.card(ANA)
    before = room.state()
    with pytest.raises(NotYoursError, match="not written on this phone"):
        edit_phone_card(room.doc, BEN, card_id, "Mine now", "evidence")
    with pytest.raises(NotYoursError, match="not written on this phone"):
        delete_phone_card(room.doc, BEN, card_id)
    assert room.state() == before


def test_a_phone_cannot_edit_or_delete_the_boards_own_cards(room: Room) -> None:
    command = room.push(add_card(room.doc, CELL, "The facilitator's"))
    assert isinstance(command, CardsCommand)
    (card_id,) = command.after
    with pytest.raises(NotYoursError):
        edit_phone_card(room.doc, ANA, card_id, "Mine now", "evidence")
    with pytest.raises(NotYoursError):
        delete_phone_card(room.doc, ANA, card_id)


def test_a_card_the_facilitator_hid_can_no_longer_be_changed_by_its_phone(room: Room) -> None:
    card_id = room.card()
    room.push(hide_card(room.doc, card_id))
    before = room.state()
    with pytest.raises(NotYoursError, match="facilitator has hidden this card"):
        edit_phone_card(room.doc, ANA, card_id, "Back again", "evidence")
    with pytest.raises(NotYoursError, match="facilitator has hidden this card"):
        delete_phone_card(room.doc, ANA, card_id)
    assert room.state() == before


def test_a_phone_deletes_its_own_card_and_undo_brings_it_back(room: Room) -> None:
    card_id = room.card()
    waiting_id = room.card(private=True)
    before = room.state()
    command = room.push(delete_phone_card(room.doc, ANA, card_id))
    assert command.text == "Delete card from a phone"
    room.push(delete_phone_card(room.doc, ANA, waiting_id))
    assert room.state() == ({}, {})
    room.history.undo()
    room.history.undo()
    assert room.state() == before


def test_deleting_a_card_that_is_gone_changes_nothing_and_editing_it_says_so(room: Room) -> None:
    card_id = room.card()
    room.push(delete_phone_card(room.doc, ANA, card_id))
    assert delete_phone_card(room.doc, ANA, card_id) is None  # a resend
    with pytest.raises(CardGoneError, match="no longer there"):
        edit_phone_card(room.doc, ANA, card_id, "Changed", "evidence")


def test_phone_cards_lists_a_phones_cards_on_the_board_and_held(room: Room) -> None:
    mine = [room.card(ANA), room.card(ANA, private=True)]
    room.card(BEN)
    hid = room.card(ANA)
    room.push(hide_card(room.doc, hid))
    assert [c.id for c in phone_cards(room.round, ANA)] == [*mine, hid]
    assert len(phone_cards(room.round, BEN)) == 1
    assert phone_cards(room.round, device_key("c" * 22, "salt")) == []


# -- scores ----------------------------------------------------------------------------


def _scores(room: Room, cell: tuple[str, str] = CELL) -> tuple[int, ...]:
    return room.round.rating(cell, Layer.AS_IS, Perspective.SELF).scores


def test_each_phone_gives_one_score_per_cell_and_may_change_it(room: Room) -> None:
    args = (CELL, Layer.AS_IS, Perspective.SELF)
    command = room.push(phone_score(room.doc, ANA, CELL, 2, Layer.AS_IS, Perspective.SELF))
    assert command.text == "Score from a phone"
    room.push(phone_score(room.doc, BEN, CELL, 4, Layer.AS_IS, Perspective.SELF))
    room.push(phone_score(room.doc, ANA, CELL, 3, Layer.AS_IS, Perspective.SELF))
    assert sorted(_scores(room)) == [3, 4]
    assert phone_score(room.doc, ANA, *args[:1], 3, *args[1:]) is None
    rating = room.round.rating(*args)
    assert rating.median == 3.5 and rating.spread == 1
    assert set(rating.by) == {ANA, BEN}  # device keys only, nobody's name
    room.history.undo()
    assert sorted(_scores(room)) == [2, 4]


def test_a_phone_takes_its_score_back_and_only_its_own(room: Room) -> None:
    room.push(phone_score(room.doc, ANA, CELL, 2, Layer.AS_IS, Perspective.SELF))
    room.push(phone_score(room.doc, BEN, CELL, 5, Layer.AS_IS, Perspective.SELF))
    command = room.push(phone_score(room.doc, ANA, CELL, None, Layer.AS_IS, Perspective.SELF))
    assert command.text == "Score from a phone"
    assert _scores(room) == (5,)
    assert phone_score(room.doc, ANA, CELL, None, Layer.AS_IS, Perspective.SELF) is None
    room.history.undo()
    assert sorted(_scores(room)) == [2, 5]


def test_scores_are_kept_per_layer_and_perspective(room: Room) -> None:
    room.push(phone_score(room.doc, ANA, CELL, 2, Layer.AS_IS, Perspective.SELF))
    room.push(phone_score(room.doc, ANA, CELL, 4, Layer.TO_BE, Perspective.CUSTOMER))
    assert room.round.rating(CELL, Layer.AS_IS, Perspective.SELF).scores == (2,)
    assert room.round.rating(CELL, Layer.TO_BE, Perspective.CUSTOMER).scores == (4,)


@pytest.mark.parametrize("score", [0, 6, -1, True, 10**20])
def test_a_score_off_the_scale_is_refused(room: Room, score: int) -> None:
    with pytest.raises(PhoneEditError, match="whole number from 1 to 5"):
        phone_score(room.doc, ANA, CELL, score, Layer.AS_IS, Perspective.SELF)
    assert _scores(room) == ()


def test_a_score_for_no_cell_or_an_unknown_one_is_refused(room: Room) -> None:
    with pytest.raises(PhoneEditError, match="not on the board"):
        phone_score(room.doc, ANA, ("nowhere", "individuals"), 3, Layer.AS_IS, Perspective.SELF)
    with pytest.raises(PhoneEditError, match="cell of the grid"):
        phone_score(room.doc, ANA, None, 3, Layer.AS_IS, Perspective.SELF)  # type: ignore[arg-type]
    with pytest.raises(PhoneEditError, match="team or for the customers"):
        phone_score(room.doc, ANA, CELL, 3, Layer.AS_IS, "martians")  # type: ignore[arg-type]


# -- votes -----------------------------------------------------------------------------


def _dots(room: Room, card_id: str, device: str = ANA) -> int:
    return room.round.cards[card_id].votes_by(device)


def test_a_phone_sets_its_dots_on_a_card_and_sending_it_again_changes_nothing(
    room: Room,
) -> None:
    a, b = room.card(), room.card()
    voting.start_voting(room.doc, per_person=3, people=10)
    command = room.push(phone_vote(room.doc, ANA, a, 2))
    assert command.text == "Vote from a phone"
    assert phone_vote(room.doc, ANA, a, 2) is None
    assert _dots(room, a) == 2 and room.round.cards[a].votes == 2
    room.push(phone_vote(room.doc, ANA, a, 1))
    room.push(phone_vote(room.doc, ANA, b, 2))
    assert (_dots(room, a), _dots(room, b)) == (1, 2)
    room.push(phone_vote(room.doc, ANA, a, 0))
    assert room.round.cards[a].voters == () and room.round.cards[a].votes == 0
    room.history.undo()
    assert _dots(room, a) == 1


def test_a_phone_keeps_to_its_own_budget(room: Room) -> None:
    a, b = room.card(), room.card()
    voting.start_voting(room.doc, per_person=3, people=10)
    room.push(phone_vote(room.doc, ANA, a, 2))
    with pytest.raises(VoteBudgetError, match="You have 1 vote left"):
        phone_vote(room.doc, ANA, b, 2)
    room.push(phone_vote(room.doc, ANA, b, 1))
    with pytest.raises(VoteBudgetError, match="used all your 3 votes"):
        phone_vote(room.doc, ANA, b, 2)
    room.push(phone_vote(room.doc, BEN, b, 3))  # another phone has its own
    assert (_dots(room, a), _dots(room, b)) == (2, 1)


def test_a_phone_puts_at_most_the_cap_on_one_card(room: Room) -> None:
    a = room.card()
    voting.start_voting(room.doc, per_person=5, people=10, per_card=2)
    room.push(phone_vote(room.doc, ANA, a, 2))
    with pytest.raises(VoteBudgetError, match="at most 2 votes on one card"):
        phone_vote(room.doc, ANA, a, 3)
    assert _dots(room, a) == 2


def test_the_rooms_budget_is_kept_for_phones_too(room: Room) -> None:
    a = room.card()
    voting.start_voting(room.doc, per_person=2, people=1)
    room.push(phone_vote(room.doc, ANA, a, 2))
    with pytest.raises(VoteBudgetError, match="room's votes have all been cast"):
        phone_vote(room.doc, BEN, a, 1)


def test_no_vote_from_a_phone_while_no_vote_runs(room: Room) -> None:
    a = room.card()
    with pytest.raises(VoteBudgetError, match="No vote is running"):
        phone_vote(room.doc, ANA, a, 1)
    assert room.round.cards[a].votes == 0


def test_no_vote_on_a_waiting_hidden_or_missing_card_nor_a_negative_one(room: Room) -> None:
    a, held = room.card(), room.card(private=True)
    voting.start_voting(room.doc, per_person=3, people=10)
    for card_id in (held, "c-missing"):
        with pytest.raises(CardGoneError, match="not on the board"):
            phone_vote(room.doc, ANA, card_id, 1)
    with pytest.raises(PhoneEditError, match="0 or more"):
        phone_vote(room.doc, ANA, a, -1)
    room.push(hide_card(room.doc, a))
    with pytest.raises(CardGoneError):
        phone_vote(room.doc, ANA, a, 1)


def test_the_per_card_cap_holds_for_named_voters_on_the_board_too(room: Room) -> None:
    a = room.card()
    voting.start_voting(room.doc, per_person=5, people=3, per_card=1)
    room.push(voting.vote(room.doc, a, +1, "ana"))
    with pytest.raises(VoteBudgetError, match="at most 1 vote on one card"):
        voting.vote(room.doc, a, +1, "ana")
    room.push(voting.vote(room.doc, a, +1))  # the board's own shared pool has no cap
    assert room.round.cards[a].votes == 2


def test_a_per_card_cap_below_zero_is_refused(room: Room) -> None:
    with pytest.raises(ValidationError, match="cannot be negative"):
        room.doc.set_voting(room.round.id, voting.Voting(3, 3, per_card=-1))
    assert room.round.voting is None


# -- the facilitator: reveal, hide, show -----------------------------------------------


def test_reveal_puts_every_waiting_card_on_the_board_in_one_undo_step(room: Room) -> None:
    first = room.card(private=True, text="first")
    second = room.card(BEN, private=True, text="second")
    board = room.card(text="typed on the board meanwhile")
    before = room.state()
    command = room.push(reveal(room.doc))
    assert command.text == "Reveal 2 cards"
    assert not room.round.held and waiting(room.round) == []
    lane = [c.id for c in room.doc.lane(room.round.id, CELL, Layer.AS_IS)]
    assert lane == [board, first, second]  # after the board's, in the order written
    _undo_redo_round_trip(room, before, room.state())
    assert reveal(room.doc) is None


def test_reveal_some_cards_leaves_the_others_waiting(room: Room) -> None:
    first, second = room.card(private=True), room.card(private=True)
    command = room.push(reveal(room.doc, [second, "c-unknown"]))
    assert command.text == "Reveal 1 card"
    assert list(room.round.cards) == [second]
    assert [c.id for c in waiting(room.round)] == [first]


def test_hide_takes_a_card_off_the_board_and_undo_or_show_puts_it_back(room: Room) -> None:
    card_id = room.card()
    card = room.round.cards[card_id]
    before = room.state()
    command = room.push(hide_card(room.doc, card_id))
    assert command.text == "Hide card"
    assert card_id not in room.round.cards
    assert [c.id for c in hidden(room.round)] == [card_id]
    assert room.doc.lane(room.round.id, CELL, Layer.AS_IS) == []
    assert hide_card(room.doc, card_id) is None
    _undo_redo_round_trip(room, before, room.state())
    command = room.push(show_card(room.doc, card_id))
    assert command.text == "Show card"
    assert room.round.cards[card_id] == card  # where it was
    assert show_card(room.doc, card_id) is None


def test_a_waiting_card_can_be_hidden_and_shown_one_by_one(room: Room) -> None:
    on_board = room.card()
    card_id = room.card(private=True)
    room.push(hide_card(room.doc, card_id))
    assert room.round.held[card_id].held == HIDDEN and waiting(room.round) == []
    room.history.undo()
    room.push(show_card(room.doc, card_id))
    assert [c.id for c in room.doc.lane(room.round.id, CELL, Layer.AS_IS)] == [on_board, card_id]


def test_hiding_or_showing_a_missing_card_says_so(room: Room) -> None:
    with pytest.raises(CardGoneError):
        hide_card(room.doc, "c-missing")
    with pytest.raises(CardGoneError):
        show_card(room.doc, "c-missing")


def test_hidden_and_waiting_list_only_their_own_cards(room: Room) -> None:
    w = room.card(private=True)
    h = room.card()
    room.push(hide_card(room.doc, h))
    room.card()
    assert [c.id for c in waiting(room.round)] == [w]
    assert [c.id for c in hidden(room.round)] == [h]
