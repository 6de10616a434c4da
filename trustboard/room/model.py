"""The room's vocabulary: phases, what the facilitator set, the limits, and its errors."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from trustboard.domain.workshop import Layer, Perspective

# What one phone (or the whole room) may send; over a limit is refused with a sentence.
TEXT_CHARS = 1000  # a card written on a phone
NAME_CHARS = 60  # a participant's name, when the workshop allows names
MESSAGE_BYTES = 16384  # one WebSocket message
CARDS_PER_MINUTE = 30  # cards one phone may add per minute
MESSAGES_PER_SECOND = 20  # messages one phone may send per second on average...
MESSAGES_BURST = 40  # ...and at most this many in a burst
DEVICES = 300  # phones one room admits
KEY_CHARS = (8, 64)  # an idempotency key's shortest and longest length
REF_CHARS = 64  # a request's reference, echoed in the reply
SECRET_CHARS = (22, 64)  # the phone's own secret, made by the page
ID_CHARS = 64  # a card, element or domain id sent by a phone
MOST_DOTS = 100  # dots one phone may ask for on one card in one message


class Phase(StrEnum):
    WRITE = "write"
    SCORE = "score"
    VOTE = "vote"
    CLOSED = "closed"


class Scope(StrEnum):
    CURRENT = "current"  # the board's current cell
    ALL = "all"  # phones choose a cell / walk every cell / vote on every card


@dataclass(frozen=True)
class PhaseSettings:
    """What the facilitator set for the room: the phase and how it works on the phones."""

    phase: Phase = Phase.WRITE
    scope: Scope = Scope.CURRENT
    layer: Layer = Layer.AS_IS
    perspective: Perspective = Perspective.SELF
    private: bool = False  # cards written now wait until the facilitator reveals them
    per_person: int = 3  # dots each phone has when the room votes
    per_card: int = 0  # at most this many of one phone's dots on one card (0: no cap)


class RoomError(Exception):
    """Something a phone asked for was refused; `message` is a sentence for the participant.

    `code` is one of: hello, pin, locked, full, blocked, expired, closed, phase, too-long,
    too-fast, not-yours, gone, budget, invalid.
    """

    def __init__(self, code: str, message: str, **values: object) -> None:
        text = message.format(**values) if values else message
        super().__init__(text)
        self.code = code
        self.message = text  # in English, as written
        self.template = message  # the catalogue's text, its {placeholders} unfilled
        self.values = values

    def text(self) -> str:
        """The message in the current language (a phone's: see RoomServer)."""
        from trustboard.i18n import _

        words = _(self.template)
        return words.format(**self.values) if self.values else words


@dataclass(frozen=True)
class DeviceInfo:
    """One phone as the facilitator sees it: never a name, only a key and counts."""

    key: str
    joined: float  # time.time() of its first hello
    connected: bool
    cards: int  # cards it wrote that are in the round now (shown or held)
    blocked: bool
