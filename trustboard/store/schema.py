"""The file's tables, how a Workshop maps onto them, and migrations between format versions.

Layout (tinydb JSON, records keyed by our ids):

    meta       file -> {format, schema_version, app_version}; workshop -> title, people, ...
    framework  framework -> the workshop's own copy of its framework
    rounds     <round id> -> {label, date, order, notes, voting?} (voting: while a dot vote
               runs: {per_person, people, start_total, start_by: {voter: dots}[, per_card]})
    cards      <card id> -> {round, element, domain, layer, kind, text, author, votes, order,
                             action[, voters: {participant or device key: votes}]
                             [, owner: device key of the phone that wrote it]
                             [, held: "waiting" | "hidden" while held back from the board]}
    ratings    <round|element|domain|layer|perspective> -> {..., scores: [scores][, by: [who
                             gave each score, "" for nobody known]]}
    answers    <round|element|domain|question> -> {..., text, done}
    kpis       <round|kpi> -> {round, kpi, value[, basis: {n, margin, source} when the
                             value was computed from imported data]}

meta.workshop also holds, once the workshop has imported something (schema 4),
"mappings": [{signature, name, toml}] and "imports": [{sha256, source, round, when, rows
[, response_ids]}].

framework.framework may name its "language" (schema 5; absent when it is "en").
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from trustboard.domain import codec, limits
from trustboard.domain.checks import check_count
from trustboard.domain.errors import ValidationError
from trustboard.domain.reader import Reader, date_from
from trustboard.domain.workshop import Answer, Rating, Round, Workshop
from trustboard.i18n import _

FORMAT_MARKER = "trustboard-workshop"
SCHEMA_VERSION = 5
TABLES = ("meta", "framework", "rounds", "cards", "ratings", "answers", "kpis")

Tables = dict[str, dict[str, Any]]
Migration = Callable[[Tables], Tables]

# MIGRATIONS[n] turns a version-n file into version n + 1. Append, never edit: files of
# every released version must keep opening.


def _v1_to_v2(tables: Tables) -> Tables:
    """Version 2 keys votes and scores by participant: cards may carry "voters", ratings "by".

    A version-1 record is a version-2 record whose every vote and score is anonymous, so
    the records stay as they are; the step marks the file so that an app which does not
    know voters refuses it as newer instead of calling it damaged.
    """
    for table in ("cards", "ratings"):
        for key, record in tables.get(table, {}).items():
            if isinstance(record, dict) and ("voters" in record or "by" in record):
                raise ValidationError(
                    f"{table}.{key}",
                    _("names who voted or scored, which a version-1 file cannot hold"),
                )
    return tables


def _v2_to_v3(tables: Tables) -> Tables:
    """Version 3 adds phones' cards: cards may carry "owner" and "held", a vote "per_card".

    A version-2 record is a version-3 record of the board's own, on the board, with no cap
    on one card, so the records stay as they are; the step marks the file so that an app
    which does not know phones refuses it as newer instead of dropping held cards.
    """
    for key, record in tables.get("cards", {}).items():
        if isinstance(record, dict) and ("owner" in record or "held" in record):
            raise ValidationError(
                f"cards.{key}",
                _("names a phone or holds a card back, which a version-2 file cannot"),
            )
    for key, record in tables.get("rounds", {}).items():
        voting = record.get("voting") if isinstance(record, dict) else None
        if isinstance(voting, dict) and "per_card" in voting:
            raise ValidationError(
                f"rounds.{key}.voting", _("caps votes per card, which a version-2 file cannot")
            )
    return tables


def _v3_to_v4(tables: Tables) -> Tables:
    """Version 4 keeps what imports need: a KPI's "basis", the workshop's saved "mappings"
    and the files it imported ("imports").

    A version-3 workshop is a version-4 one that never imported, so the records stay as
    they are; the step marks the file so that an app which does not know imports refuses
    it as newer instead of dropping them.
    """
    for key, record in tables.get("kpis", {}).items():
        if isinstance(record, dict) and "basis" in record:
            raise ValidationError(
                f"kpis.{key}", _("says how a KPI was computed, which a version-3 file cannot")
            )
    details = tables.get("meta", {}).get("workshop")
    if isinstance(details, dict):
        for name in ("mappings", "imports"):
            if name in details:
                raise ValidationError(
                    f"meta.workshop.{name}",
                    _("keeps imported surveys, which a version-3 file cannot"),
                )
    return tables


def _v4_to_v5(tables: Tables) -> Tables:
    """Version 5 names the language of the workshop's framework: "language" (absent: "en").

    A version-4 workshop is an English one, so the records stay as they are; the step marks
    the file so that an app which does not know languages refuses a German workshop as
    newer instead of calling it damaged.
    """
    framework = tables.get("framework", {}).get("framework")
    if isinstance(framework, dict) and "language" in framework:
        raise ValidationError(
            "framework.framework.language",
            "names the language of the framework, which a version-4 file cannot",
        )
    return tables


MIGRATIONS: dict[int, Migration] = {1: _v1_to_v2, 2: _v2_to_v3, 3: _v3_to_v4, 4: _v4_to_v5}


def migrate(tables: Tables, version: int, migrations: dict[int, Migration] | None = None) -> Tables:
    steps = MIGRATIONS if migrations is None else migrations
    target = max([SCHEMA_VERSION, *(v + 1 for v in steps)])
    while version < target:
        if version not in steps:
            raise ValidationError(
                "meta.file.schema_version",
                _("no way to upgrade format {version}").format(version=version),
            )
        tables = steps[version](tables)
        version += 1
        tables["meta"]["file"] = {**tables["meta"]["file"], "schema_version": version}
    return tables


def rating_key(round_id: str, rating: Rating) -> str:
    return "|".join((round_id, *rating.key))


def answer_key(round_id: str, answer: Answer) -> str:
    return "|".join((round_id, *answer.key))


def kpi_key(round_id: str, kpi_id: str) -> str:
    return f"{round_id}|{kpi_id}"


def encode_workshop(ws: Workshop, app_version: str, *, records: bool = True) -> Tables:
    """Tables for the whole workshop; with records=False only meta and framework."""
    tables: Tables = {
        "meta": {"file": file_record(app_version), "workshop": codec.workshop_to_record(ws)},
        "framework": {"framework": codec.framework_to_dict(ws.framework)},
    }
    if not records:
        return tables
    tables.update(rounds={}, cards={}, ratings={}, answers={}, kpis={})
    for order, rnd in enumerate(ws.rounds):
        tables["rounds"][rnd.id] = codec.round_to_record(rnd, order)
        for cards in (rnd.cards, rnd.held):
            for card in cards.values():
                tables["cards"][card.id] = codec.card_to_record(rnd.id, card)
        for rating in rnd.ratings.values():
            if rating.scores:
                tables["ratings"][rating_key(rnd.id, rating)] = codec.rating_to_record(
                    rnd.id, rating
                )
        for answer in rnd.answers.values():
            if answer.text or answer.done:
                tables["answers"][answer_key(rnd.id, answer)] = codec.answer_to_record(
                    rnd.id, answer
                )
        for kpi_id, value in rnd.kpis.items():
            tables["kpis"][kpi_key(rnd.id, kpi_id)] = codec.kpi_to_record(
                rnd.id, kpi_id, value, rnd.kpi_basis.get(kpi_id)
            )
    return tables


def file_record(app_version: str) -> dict[str, Any]:
    """meta.file: what marks the file as ours, in which format, written by which version."""
    return {"format": FORMAT_MARKER, "schema_version": SCHEMA_VERSION, "app_version": app_version}


def decode_workshop(tables: Tables) -> Workshop:
    """Build and validate the Workshop; ValidationError names table, record and key."""
    allowed = set(codec.WORKSHOP_KEYS | codec.WORKSHOP_IMPORT_KEYS)
    w = Reader(tables["meta"].get("workshop"), "meta.workshop", allowed)
    fw_data = tables["framework"].get("framework")
    if fw_data is None:
        raise ValidationError("framework", _("the workshop's framework is missing"))
    framework = codec.framework_from_dict(fw_data, "framework")
    participants = w.items("participants", [], most=limits.PARTICIPANTS)
    if not all(isinstance(p, str) for p in participants):
        raise ValidationError(w.at("participants"), _("expected a list of names"))
    custom = tuple(
        codec.kpi_def_from_dict(k, f"{w.at('custom_kpis')}[{i}]")
        for i, k in enumerate(w.items("custom_kpis", [], most=limits.KPIS))
    )
    check_count(tables["rounds"], "rounds", limits.ROUNDS, _("rounds"))
    rounds: dict[str, Round] = {}
    orders: dict[str, int] = {}
    for rid, data in tables["rounds"].items():
        rounds[rid], orders[rid] = codec.round_from_record(rid, data, f"rounds.{rid}")

    def owner(round_id: str, where: str) -> Round:
        try:
            return rounds[round_id]
        except KeyError:
            raise ValidationError(
                where, _("belongs to an unknown round {id}").format(id=repr(round_id))
            ) from None

    for cid, data in tables["cards"].items():
        rid, card = codec.card_from_record(cid, data, f"cards.{cid}")
        rnd = owner(rid, f"cards.{cid}")
        (rnd.held if card.held else rnd.cards)[cid] = card
    for key, data in tables["ratings"].items():
        rid, rating = codec.rating_from_record(data, f"ratings.{key}")
        owner(rid, f"ratings.{key}").ratings[rating.key] = rating
    for key, data in tables["answers"].items():
        rid, answer = codec.answer_from_record(data, f"answers.{key}")
        owner(rid, f"answers.{key}").answers[answer.key] = answer
    for key, data in tables["kpis"].items():
        rid, kpi_id, value = codec.kpi_from_record(data, f"kpis.{key}")
        rnd = owner(rid, f"kpis.{key}")
        rnd.kpis[kpi_id] = value
        basis = codec.kpi_basis_from_record(data, f"kpis.{key}")
        if basis is not None:
            rnd.kpi_basis[kpi_id] = basis
    mappings, imports = codec.imports_from_record(w)
    ws = Workshop(
        title=w.text("title"),
        framework=framework,
        organisation=w.text("organisation", ""),
        facilitator=w.text("facilitator", ""),
        participants=tuple(participants),
        date=date_from(w, "date"),
        anonymous=w.flag("anonymous", False),
        rounds=sorted(rounds.values(), key=lambda r: (orders[r.id], r.date)),
        current_round_id=w.text("current_round"),
        custom_kpis=custom,
        mappings=mappings,
        imports=imports,
    )
    ws.validate()
    return ws
