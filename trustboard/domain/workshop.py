"""A workshop, its rounds and what the room puts on the board: cards, ratings, answers, KPIs."""

from __future__ import annotations

import dataclasses
import datetime as dt
import math
import os
from dataclasses import dataclass, field
from enum import StrEnum

from trustboard.domain import limits
from trustboard.domain.checks import (
    amount,
    check_count,
    check_number,
    check_text,
    is_valid_text,
    quoted,
    shown,
)
from trustboard.domain.errors import ValidationError
from trustboard.domain.framework import Cell, Framework, RatingScale, check_id
from trustboard.domain.numbers import format_number
from trustboard.i18n import N_, _, ngettext, number_symbols


class Layer(StrEnum):
    AS_IS = "as-is"
    TO_BE = "to-be"


class Perspective(StrEnum):
    SELF = "self"
    CUSTOMER = "customer"


class ActionStatus(StrEnum):
    OPEN = "open"
    IN_PROGRESS = "in progress"
    DONE = "done"


def median(values: tuple[int, ...] | list[float]) -> float | None:
    """The middle value (mean of the two middle ones for an even count); None when empty.

    Written out because the statistics module costs more start-up time than it saves.
    """
    if not values:
        return None
    ordered = sorted(values)
    mid = len(ordered) // 2
    if len(ordered) % 2:
        return ordered[mid]
    return (ordered[mid - 1] + ordered[mid]) / 2


def new_id(prefix: str) -> str:
    """A short random id; random rather than counted so merged or copied rounds never clash."""
    return f"{prefix}-{os.urandom(6).hex()}"


@dataclass(frozen=True)
class Action:
    """What a card becomes when the room commits to it."""

    owner: str = ""
    due: dt.date | None = None
    status: ActionStatus = ActionStatus.OPEN


WAITING = "waiting"  # Card.held: private until the facilitator reveals it
HIDDEN = "hidden"  # Card.held: hidden by the facilitator
HELD = ("", WAITING, HIDDEN)


@dataclass(frozen=True)
class Card:
    """A sticky note. `cell` is None while it sits in the Unsorted area.

    `votes` counts every dot; `voters` says who cast some of them (participant or device
    key, count), so a per-person budget can be kept. Dots cast without a known voter (the
    board's own clicks, files from before voters were kept) are the rest.

    `owner` is the opaque key of the phone that wrote the card ("" for the board's own):
    it decides who may edit the card from a phone and is never shown or exported.
    `held` is "" for a card on the board, WAITING while it is private until the facilitator
    reveals it, HIDDEN once the facilitator hid it; a held card lives in `Round.held`.
    """

    id: str
    text: str
    cell: Cell | None
    layer: Layer = Layer.AS_IS
    kind: str = "evidence"
    author: str = ""
    votes: int = 0
    order: float = 0.0
    action: Action | None = None
    voters: tuple[tuple[str, int], ...] = ()
    owner: str = ""
    held: str = ""

    def votes_by(self, voter: str) -> int:
        """The dots `voter` put on this card."""
        return next((n for key, n in self.voters if key == voter), 0)

    @property
    def anonymous_votes(self) -> int:
        return self.votes - sum(n for _key, n in self.voters)


@dataclass(frozen=True)
class Rating:
    """The scores the room gave one cell, for one layer and one perspective.

    Scores are anonymous unless a participant (or device) key came with them: `by` is then
    as long as `scores` and names whose each score is ("" for nobody known); it stays
    empty while no score has a known participant.
    """

    cell: Cell
    layer: Layer
    perspective: Perspective
    scores: tuple[int, ...] = ()
    by: tuple[str, ...] = ()

    @property
    def key(self) -> tuple[str, str, str, str]:
        return (*self.cell, self.layer.value, self.perspective.value)

    @property
    def median(self) -> float | None:
        return median(self.scores)

    @property
    def spread(self) -> int | None:
        """Highest minus lowest score: how far apart the room is."""
        return max(self.scores) - min(self.scores) if self.scores else None

    def disagrees(self, scale: RatingScale) -> bool:
        """True when the scores are far enough apart that the room should talk first."""
        spread = self.spread
        return spread is not None and spread >= scale.disagreement_spread


@dataclass(frozen=True)
class Answer:
    cell: Cell
    question_id: str
    text: str = ""
    done: bool = False

    @property
    def key(self) -> tuple[str, str, str]:
        return (*self.cell, self.question_id)


@dataclass(frozen=True)
class KpiDef:
    """A business measure tracked per round; bounds are inclusive, None means open."""

    id: str
    name: str
    unit: str = ""
    minimum: float | None = None
    maximum: float | None = None

    def check(self, value: float) -> None:
        """Refuse a value outside the bounds, beyond ±KPI_MAGNITUDE, NaN or infinity."""
        check_number(value, f"kpis.{self.id}", limits.KPI_MAGNITUDE, _("the value"))
        if self.minimum is not None and value < self.minimum:
            raise ValidationError(
                f"kpis.{self.id}",
                _("{value} is below {least}").format(
                    value=_shown(value), least=_shown(self.minimum)
                ),
            )
        if self.maximum is not None and value > self.maximum:
            raise ValidationError(
                f"kpis.{self.id}",
                _("{value} is above {most}").format(value=_shown(value), most=_shown(self.maximum)),
            )


def _shown(value: float) -> str:
    """A KPI value in a message, with the locale's decimal sign: "62,5" in German."""
    return format_number(value, decimal=number_symbols()[0])


@dataclass(frozen=True)
class Voting:
    """A dot-voting session running in a round: each person's budget and where counting began.

    Votes cast = the round's dots now minus `start_total`, so undo, redo and dots from any
    input count the same way; a known voter's own dots count from `start_by`. `per_card`
    caps one known voter's dots on one card (0: no cap).
    """

    per_person: int
    people: int
    start_total: int = 0
    start_by: tuple[tuple[str, int], ...] = ()
    per_card: int = 0

    @property
    def budget(self) -> int:
        return self.per_person * self.people

    def started_with(self, voter: str) -> int:
        return next((n for key, n in self.start_by if key == voter), 0)


@dataclass(frozen=True)
class KpiBasis:
    """How a round's KPI value was computed from data: from `n` answers, ± `margin` (the
    95 % half-width, in the KPI's units; None when not known), out of the file `source`."""

    n: int
    margin: float | None = None
    source: str = ""


@dataclass(frozen=True)
class SavedMapping:
    """A survey mapping kept with the workshop, found again by its layout's `signature`;
    `toml` is the mapping as its TOML text (trustboard.services.imports.mapping.to_toml)."""

    signature: str
    name: str
    toml: str


@dataclass(frozen=True)
class ImportRecord:
    """One file imported into a round: found again by its `sha256`, so a second import of
    the same file, or of responses already counted (`response_ids`), can be left out."""

    sha256: str
    source: str
    round_id: str
    when: dt.datetime
    rows: int
    response_ids: tuple[str, ...] = ()


def basis_text(basis: KpiBasis, *, decimal: str = ".") -> str:
    """How a KPI was computed, short enough to sit beside its value: "n = 412 · ±4.6"."""
    text = f"n = {basis.n}"
    if basis.margin is not None:
        text += f" · ±{format_number(round(basis.margin, 1), decimal=decimal)}"
    return text


def basis_description(basis: KpiBasis, *, decimal: str = ".") -> str:
    """The same in a sentence, for a tooltip or a report."""
    n = basis.n
    if basis.source:
        text = ngettext(
            "Computed from {n} answer in {file}", "Computed from {n} answers in {file}", n
        ).format(n=n, file=basis.source)
    else:
        text = ngettext(
            "Computed from {n} answer in imported data",
            "Computed from {n} answers in imported data",
            n,
        ).format(n=n)
    if basis.margin is not None:
        margin = format_number(round(basis.margin, 1), decimal=decimal)
        # Translators: follows "Computed from 412 answers…"; {margin} is e.g. "4.6".
        text += _(", give or take {margin} (95 % margin)").format(margin=margin)
    return text + _(". Typing a value replaces it.")


STANDARD_KPIS: tuple[KpiDef, ...] = (
    KpiDef("retention", N_("Customer retention rate"), "%", 0, 100),
    KpiDef("clv", N_("Customer lifetime value"), "", 0, None),
    KpiDef("nps", N_("Net promoter score"), "", -100, 100),
    KpiDef("trust-yes", N_("Customers answering yes to “Do you trust us?”"), "%", 0, 100),
)


def standard_kpis() -> tuple[KpiDef, ...]:
    """The standard KPIs named in the current language (STANDARD_KPIS holds the English)."""
    return tuple(dataclasses.replace(k, name=_(k.name)) for k in STANDARD_KPIS)


@dataclass
class Round:
    """One dated pass over the grid; the next quarter starts a new one in the same file.

    `cards` holds the cards on the board, which is all the board, the analytics, the
    exports and the counts see; `held` the cards held back from it (waiting for the reveal
    or hidden by the facilitator). A card id is in at most one of the two.
    """

    id: str
    label: str
    date: dt.date
    cards: dict[str, Card] = field(default_factory=dict)
    ratings: dict[tuple[str, str, str, str], Rating] = field(default_factory=dict)
    answers: dict[tuple[str, str, str], Answer] = field(default_factory=dict)
    kpis: dict[str, float] = field(default_factory=dict)
    notes: str = ""
    voting: Voting | None = None  # while the room dot-votes; kept in the file meanwhile
    held: dict[str, Card] = field(default_factory=dict)
    # KPI id -> how its value was computed from imported data; a value typed by hand has none
    kpi_basis: dict[str, KpiBasis] = field(default_factory=dict)

    def card(self, card_id: str) -> Card | None:
        """The card with this id, on the board or held back; None when there is none."""
        return self.cards.get(card_id) or self.held.get(card_id)

    @property
    def total_votes(self) -> int:
        return sum(card.votes for card in self.cards.values())

    def votes_by(self, voter: str) -> int:
        """Every dot `voter` has on this round's cards.

        Loops written out: every vote from a phone checks its budget, over every card."""
        total = 0
        for card in self.cards.values():
            for key, n in card.voters:
                if key == voter:
                    total += n
        return total

    def cards_in(self, cell: Cell | None, layer: Layer | None = None) -> list[Card]:
        """A cell's cards in their board order."""
        found = [
            c for c in self.cards.values() if c.cell == cell and (layer is None or c.layer == layer)
        ]
        found.sort(key=lambda c: (c.order, c.id))
        return found

    def rating(self, cell: Cell, layer: Layer, perspective: Perspective) -> Rating:
        key = (*cell, layer.value, perspective.value)
        return self.ratings.get(key) or Rating(cell, layer, perspective)


@dataclass
class Workshop:
    """Metadata, participants, a private copy of the framework, and the rounds."""

    title: str
    framework: Framework
    organisation: str = ""
    facilitator: str = ""
    participants: tuple[str, ...] = ()
    date: dt.date | None = None
    anonymous: bool = False
    rounds: list[Round] = field(default_factory=list)
    current_round_id: str = ""
    custom_kpis: tuple[KpiDef, ...] = ()
    mappings: tuple[SavedMapping, ...] = ()  # survey mappings saved for the next export
    imports: tuple[ImportRecord, ...] = ()  # files imported, oldest first

    @property
    def current_round(self) -> Round:
        for r in self.rounds:
            if r.id == self.current_round_id:
                return r
        return self.rounds[-1]

    def round(self, round_id: str) -> Round:
        for r in self.rounds:
            if r.id == round_id:
                return r
        raise KeyError(round_id)

    @property
    def kpi_defs(self) -> tuple[KpiDef, ...]:
        return standard_kpis() + self.custom_kpis

    def kpi_def(self, kpi_id: str) -> KpiDef:
        for k in self.kpi_defs:
            if k.id == kpi_id:
                return k
        raise KeyError(kpi_id)

    def validate(self) -> None:
        """Check the whole workshop; raises ValidationError naming the first problem."""
        if not self.title.strip():
            raise ValidationError("title", _("must not be empty"))
        check_details(self)
        self.framework.validate()
        if not self.rounds:
            raise ValidationError("rounds", _("a workshop has at least one round"))
        check_count(self.rounds, "rounds", limits.ROUNDS, _("rounds"))
        ids = [r.id for r in self.rounds]
        if len(set(ids)) != len(ids):
            raise ValidationError("rounds", _("two rounds share an id"))
        if self.current_round_id not in ids:
            raise ValidationError(
                "current_round", _("unknown round {id}").format(id=repr(self.current_round_id))
            )
        for n, r in enumerate(self.rounds, 1):
            check_text(
                r.label,
                f"rounds.{r.id}.label",
                limits.TITLE_CHARS,
                _("round {n}'s label").format(n=n),
            )
            check_text(
                r.notes,
                f"rounds.{r.id}.notes",
                limits.ANSWER_CHARS,
                _("round {n}'s notes").format(n=n),
            )
            check_round_cards(self.framework, r)
            for rating in r.ratings.values():
                check_rating(self.framework, rating)
            for answer in r.answers.values():
                check_answer(self.framework, answer)
            for kpi_id, value in r.kpis.items():
                try:
                    kpi = self.kpi_def(kpi_id)
                except KeyError:
                    raise ValidationError(f"kpis.{kpi_id}", _("unknown KPI")) from None
                kpi.check(value)
            check_kpi_basis(r)
        check_imports(self)


def check_details(ws: Workshop) -> None:
    """The workshop's own texts, its people and its custom KPIs, within the limits."""
    check_text(ws.title, "title", limits.TITLE_CHARS, _("the title"))
    check_text(ws.organisation, "organisation", limits.TITLE_CHARS, _("the organisation"))
    check_text(ws.facilitator, "facilitator", limits.TITLE_CHARS, _("the facilitator's name"))
    check_count(ws.participants, "participants", limits.PARTICIPANTS, _("participants"))
    for i, name in enumerate(ws.participants):
        check_text(name, f"participants[{i}]", limits.TITLE_CHARS, _("the participant's name"))
    check_count(ws.custom_kpis, "custom_kpis", limits.KPIS, _("custom KPIs"))
    seen = {k.id for k in STANDARD_KPIS}
    for i, kpi in enumerate(ws.custom_kpis):
        where = f"custom_kpis[{i}]"
        check_id(kpi.id, f"{where}.id")
        if kpi.id in seen:
            raise ValidationError(f"{where}.id", _("id {id} is used twice").format(id=repr(kpi.id)))
        seen.add(kpi.id)
        check_kpi_def(kpi, where)


def check_kpi_basis(rnd: Round) -> None:
    """Each basis belongs to a KPI value of the round and holds a count and a margin."""
    for kpi_id, basis in rnd.kpi_basis.items():
        where = f"rounds.{rnd.id}.kpi_basis.{kpi_id}"
        if kpi_id not in rnd.kpis:
            raise ValidationError(where, _("says how a KPI was computed, but the KPI has no value"))
        check_basis(basis, where)


def check_basis(basis: KpiBasis, where: str) -> None:
    """A count of answers, a margin that is a finite, non-negative number, a file's name."""
    if not 0 <= basis.n <= limits.RESPONSES:
        raise ValidationError(
            f"{where}.n",
            _("{n} answers; from 0 to {most} are allowed").format(
                n=shown(basis.n), most=amount(limits.RESPONSES)
            ),
        )
    if basis.margin is not None:
        check_number(basis.margin, f"{where}.margin", limits.KPI_MAGNITUDE, _("the margin"))
        if basis.margin < 0:
            raise ValidationError(f"{where}.margin", _("the margin cannot be negative"))
    check_text(basis.source, f"{where}.source", limits.SOURCE_CHARS, _("the file's name"))


def check_imports(ws: Workshop) -> None:
    """The saved mappings and the record of imported files, within the limits."""
    check_count(ws.mappings, "mappings", limits.MAPPINGS, _("saved mappings"))
    signatures: set[str] = set()
    for i, saved in enumerate(ws.mappings):
        check_saved_mapping(saved, f"mappings[{i}]")
        if saved.signature in signatures:
            raise ValidationError(f"mappings[{i}]", _("two saved mappings are for the same layout"))
        signatures.add(saved.signature)
    check_count(ws.imports, "imports", limits.IMPORT_RECORDS, _("imported files"))
    ids = 0
    for i, record in enumerate(ws.imports):
        check_import_record(record, f"imports[{i}]")
        ids += len(record.response_ids)
    if ids > limits.RESPONSE_IDS:
        raise ValidationError(
            "imports",
            _("{n} response ids are remembered; at most {most} are allowed").format(
                n=amount(ids), most=amount(limits.RESPONSE_IDS)
            ),
        )


def check_saved_mapping(saved: SavedMapping, where: str) -> None:
    check_text(saved.signature, f"{where}.signature", limits.SIGNATURE_CHARS, _("the signature"))
    check_text(saved.name, f"{where}.name", limits.SOURCE_CHARS, _("the mapping's name"))
    check_text(saved.toml, f"{where}.toml", limits.MAPPING_CHARS, _("the mapping"))


def check_import_record(record: ImportRecord, where: str) -> None:
    if not is_sha256(record.sha256):
        raise ValidationError(
            f"{where}.sha256",
            _("{value} is not a SHA-256 (64 hex digits)").format(value=quoted(record.sha256)),
        )
    check_text(record.source, f"{where}.source", limits.SOURCE_CHARS, _("the file's name"))
    check_text(record.round_id, f"{where}.round", limits.TITLE_CHARS, _("the round's id"))
    if not 0 <= record.rows <= limits.RESPONSES:
        raise ValidationError(
            f"{where}.rows",
            _("{n} rows; from 0 to {most} are allowed").format(
                n=shown(record.rows), most=amount(limits.RESPONSES)
            ),
        )
    ids = record.response_ids
    check_count(ids, f"{where}.response_ids", limits.RESPONSE_IDS, _("response ids"))
    # Checked together first: a workshop may remember many thousands of them.
    most = limits.RESPONSE_ID_CHARS
    if ids and (max(map(len, ids)) > most or not is_valid_text("".join(ids))):
        for response_id in ids:
            check_text(response_id, f"{where}.response_ids", most, _("a response id"))


def is_sha256(value: str) -> bool:
    return len(value) == 64 and all(c in "0123456789abcdef" for c in value)


def check_kpi_def(kpi: KpiDef, where: str) -> None:
    check_text(kpi.name, f"{where}.name", limits.NAME_CHARS, _("the KPI's name"))
    check_text(kpi.unit, f"{where}.unit", limits.NAME_CHARS, _("the KPI's unit"))
    for key, bound, what in (
        ("minimum", kpi.minimum, _("the minimum")),
        ("maximum", kpi.maximum, _("the maximum")),
    ):
        if bound is not None:
            check_number(bound, f"{where}.{key}", limits.KPI_MAGNITUDE, what)
    if kpi.minimum is not None and kpi.maximum is not None and kpi.minimum >= kpi.maximum:
        raise ValidationError(where, _("the minimum must be below the maximum"))


def check_round_cards(framework: Framework, rnd: Round) -> None:
    """Every card of a round, on the board or held back, and that each sits where it belongs."""
    for card in rnd.cards.values():
        check_card(framework, card)
        if card.held:
            raise ValidationError(f"cards.{card.id}.held", _("a held card is on the board"))
    for card in rnd.held.values():
        check_card(framework, card)
        if not card.held:
            raise ValidationError(f"cards.{card.id}.held", _("a card on the board is held back"))
        if card.id in rnd.cards:
            raise ValidationError(f"cards.{card.id}", _("the card is both on the board and held"))


def check_cell(framework: Framework, cell: Cell, where: str) -> None:
    element_id, domain_id = cell
    if element_id not in {e.id for e in framework.elements}:
        raise ValidationError(where, _("there is no element {id}").format(id=repr(element_id)))
    if domain_id not in {d.id for d in framework.domains}:
        raise ValidationError(where, _("there is no domain {id}").format(id=repr(domain_id)))


def check_card(framework: Framework, card: Card) -> None:
    where = f"cards.{card.id}"
    if card.cell is not None:
        check_cell(framework, card.cell, where)
    try:
        framework.card_kind(card.kind)
    except KeyError:
        raise ValidationError(
            where, _("unknown card kind {kind}").format(kind=repr(card.kind))
        ) from None
    if card.votes < 0:
        raise ValidationError(where, _("votes cannot be negative"))
    if card.votes > limits.VOTES:
        raise ValidationError(
            where,
            _("{n} votes; at most {most}").format(n=shown(card.votes), most=amount(limits.VOTES)),
        )
    check_count(card.voters, f"{where}.voters", limits.PARTICIPANTS, _("voters"))
    for voter, count in card.voters:
        check_text(voter, f"{where}.voters", limits.TITLE_CHARS, _("the voter's key"))
        if not voter or count <= 0:
            raise ValidationError(
                f"{where}.voters", _("each voter has a key and at least one vote")
            )
    if len({voter for voter, _votes in card.voters}) != len(card.voters):
        raise ValidationError(f"{where}.voters", _("a voter is listed twice"))
    if card.anonymous_votes < 0:
        raise ValidationError(f"{where}.voters", _("the voters cast more votes than the card has"))
    check_text(card.text, f"{where}.text", limits.CARD_CHARS, _("the card's text"))
    check_text(card.author, f"{where}.author", limits.TITLE_CHARS, _("the author's name"))
    if not math.isfinite(card.order):
        raise ValidationError(
            f"{where}.order", _("{value} is not a place in a list").format(value=card.order)
        )
    if card.action is not None:
        check_text(card.action.owner, f"{where}.action.owner", limits.ACTION_CHARS, _("the owner"))
    if card.held not in HELD:
        raise ValidationError(
            f"{where}.held",
            _("{value} is not a way to hold a card").format(value=quoted(card.held)),
        )
    if card.owner and not is_device_key(card.owner):
        raise ValidationError(
            f"{where}.owner",
            _("{value} is not a device key (at most {most} letters, digits, '-' or '_')").format(
                value=quoted(card.owner), most=limits.OWNER_CHARS
            ),
        )


def is_device_key(key: str) -> bool:
    """A key that can stand for a device: short, plain ASCII, never text to show anyone."""
    return (
        0 < len(key) <= limits.OWNER_CHARS
        and key.isascii()
        and all(c.isalnum() or c in "-_" for c in key)
    )


def check_rating(framework: Framework, rating: Rating) -> None:
    where = "ratings." + ".".join(rating.key)
    check_cell(framework, rating.cell, where)
    if rating.by and len(rating.by) != len(rating.scores):
        raise ValidationError(where, _("the participants do not match the scores"))
    for key in rating.by:
        check_text(key, where, limits.TITLE_CHARS, _("the participant's key"))
    known = [key for key in rating.by if key]
    if len(set(known)) != len(known):
        raise ValidationError(where, _("a participant scored the cell twice"))
    for score in rating.scores:
        if not framework.scale.contains(score):
            raise ValidationError(
                where,
                _("score {score} is outside the scale {lo}–{hi}").format(
                    score=shown(score), lo=framework.scale.minimum, hi=framework.scale.maximum
                ),
            )


def check_answer(framework: Framework, answer: Answer) -> None:
    where = "answers." + ".".join(answer.key)
    check_cell(framework, answer.cell, where)
    check_text(answer.text, f"{where}.text", limits.ANSWER_CHARS, _("the answer"))


def new_workshop(
    framework: Framework,
    title: str,
    *,
    organisation: str = "",
    facilitator: str = "",
    participants: tuple[str, ...] = (),
    date: dt.date | None = None,
    round_label: str | None = None,
) -> Workshop:
    """A workshop with its first, empty round, ready for the room (named in the interface
    language unless `round_label` says otherwise)."""
    day = date or dt.date.today()
    if round_label is None:
        round_label = _("Round {n}").format(n=1)
    first = Round(new_id("r"), round_label, day)
    ws = Workshop(
        title=title,
        framework=framework,
        organisation=organisation,
        facilitator=facilitator,
        participants=participants,
        date=day,
        rounds=[first],
        current_round_id=first.id,
    )
    ws.validate()
    return ws
