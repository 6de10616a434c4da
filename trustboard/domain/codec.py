"""Plain-dict forms of the domain, shared by the template loader and the workshop file.

Reading is strict: a wrong type or an unknown key raises ValidationError with the key path,
so a typo in a template or a damaged file is named instead of silently ignored.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Mapping
from typing import Any

from trustboard.domain import limits
from trustboard.domain.checks import check_count, quoted, shown
from trustboard.domain.errors import ValidationError
from trustboard.domain.framework import (
    Axis,
    CardKind,
    Cell,
    Framework,
    Question,
    RatingScale,
    ScaleStep,
)
from trustboard.domain.reader import Reader, date_from, enum_from, join, type_name
from trustboard.domain.workshop import (
    Action,
    ActionStatus,
    Answer,
    Card,
    ImportRecord,
    KpiBasis,
    KpiDef,
    Layer,
    Perspective,
    Rating,
    Round,
    SavedMapping,
    Voting,
    Workshop,
)
from trustboard.i18n import _

Json = dict[str, Any]


# -- framework ---------------------------------------------------------------------------

_FRAMEWORK_KEYS = {
    "id",
    "name",
    "description",
    "source",
    "element_label",
    "domain_label",
    "weakest_decides",
    "tags",
    "scale",
    "card_kinds",
    "elements",
    "domains",
    "cells",
    "format",
    "language",
}

# A language code such as "de", "pt-BR" or "zh-Hant": letters, digits and "-" (BCP 47's
# alphabet, which is also what a templates folder may be named).
_LANGUAGE_RE = re.compile(r"[A-Za-z0-9][A-Za-z0-9-]{0,34}")
SOURCE_LANGUAGE = "en"


def language_from(r: Reader) -> str:
    """The framework's "language" (default "en"), a short code such as "de" or "pt-BR"."""
    code = r.text("language", SOURCE_LANGUAGE)
    if not _LANGUAGE_RE.fullmatch(code):
        raise ValidationError(
            r.at("language"),
            _("{code} is not a language code (letters, digits and '-', at most 35)").format(
                code=quoted(code)
            ),
        )
    return code


def framework_from_dict(data: object, path: str = "") -> Framework:
    r = Reader(data, path, _FRAMEWORK_KEYS)
    scale_steps = []
    for i, item in enumerate(r.items("scale", most=limits.SCALE_STEPS)):
        s = Reader(item, f"{r.at('scale')}[{i}]", {"value", "label"})
        value = s.whole("value", lo=-limits.SCALE_VALUE, hi=limits.SCALE_VALUE)
        scale_steps.append(ScaleStep(value, s.text("label")))
    kinds = []
    for i, item in enumerate(r.items("card_kinds", most=limits.CARD_KINDS)):
        k = Reader(item, f"{r.at('card_kinds')}[{i}]", {"id", "name", "colour"})
        kinds.append(CardKind(k.text("id"), k.text("name"), k.text("colour")))
    elements = _axes(r, "elements", "e", limits.ELEMENTS)
    domains = _axes(r, "domains", "d", limits.DOMAINS)
    cells: dict[Cell, tuple[Question, ...]] = {}
    for i, item in enumerate(r.items("cells", [], most=limits.ELEMENTS * limits.DOMAINS)):
        c = Reader(item, f"{r.at('cells')}[{i}]", {"element", "domain", "questions"})
        cell = (c.text("element"), c.text("domain"))
        if cell in cells:
            raise ValidationError(
                c.path,
                _("cell {element} × {domain} is listed twice").format(
                    element=cell[0], domain=cell[1]
                ),
            )
        cells[cell] = _questions(c, f"c-{cell[0]}-{cell[1]}")
    tags = r.items("tags", [], most=limits.TAGS)
    if not all(isinstance(t, str) for t in tags):
        raise ValidationError(r.at("tags"), _("expected a list of text"))
    framework = Framework(
        id=r.text("id"),
        name=r.text("name"),
        description=r.text("description", ""),
        source=r.text("source", ""),
        element_label=r.text("element_label", _("Element")),
        domain_label=r.text("domain_label", _("Domain")),
        weakest_decides=r.flag("weakest_decides", False),
        tags=tuple(tags),
        scale=RatingScale(tuple(scale_steps)),
        card_kinds=tuple(kinds),
        elements=elements,
        domains=domains,
        cell_questions=cells,
        language=language_from(r),
    )
    try:
        framework.validate()
    except ValidationError as exc:
        raise ValidationError(join(path, exc.path), exc.problem) from None
    return framework


def _axes(r: Reader, key: str, prefix: str, most: int) -> tuple[Axis, ...]:
    axes = []
    allowed = {"id", "name", "group", "definition", "questions", "optional", "enabled"}
    for i, item in enumerate(r.items(key, most=most)):
        a = Reader(item, f"{r.at(key)}[{i}]", allowed)
        axis_id = a.text("id")
        axes.append(
            Axis(
                id=axis_id,
                name=a.text("name"),
                group=a.text("group", ""),
                definition=a.text("definition", ""),
                questions=_questions(a, f"{prefix}-{axis_id}"),
                optional=a.flag("optional", False),
                enabled=a.flag("enabled", not a.flag("optional", False)),
            )
        )
    return tuple(axes)


def _questions(r: Reader, id_prefix: str) -> tuple[Question, ...]:
    """Questions as plain strings (ids derived from position) or {id, text} tables."""
    out = []
    for i, item in enumerate(r.items("questions", [], most=limits.QUESTIONS_PER_SET)):
        if isinstance(item, str):
            out.append(Question(f"{id_prefix}-{i + 1}", item))
        else:
            q = Reader(item, f"{r.at('questions')}[{i}]", {"id", "text"})
            out.append(Question(q.text("id"), q.text("text")))
    return tuple(out)


def framework_to_dict(fw: Framework) -> Json:
    def questions(qs: tuple[Question, ...]) -> list[Json]:
        return [{"id": q.id, "text": q.text} for q in qs]

    def axis(a: Axis) -> Json:
        return {
            "id": a.id,
            "name": a.name,
            "group": a.group,
            "definition": a.definition,
            "questions": questions(a.questions),
            "optional": a.optional,
            "enabled": a.enabled,
        }

    data: Json = {
        "id": fw.id,
        "name": fw.name,
        "description": fw.description,
        "source": fw.source,
        "element_label": fw.element_label,
        "domain_label": fw.domain_label,
        "weakest_decides": fw.weakest_decides,
        "tags": list(fw.tags),
        "scale": [{"value": s.value, "label": s.label} for s in fw.scale.steps],
        "card_kinds": [{"id": k.id, "name": k.name, "colour": k.colour} for k in fw.card_kinds],
        "elements": [axis(e) for e in fw.elements],
        "domains": [axis(d) for d in fw.domains],
        "cells": [
            {"element": e, "domain": d, "questions": questions(qs)}
            for (e, d), qs in fw.cell_questions.items()
        ],
    }
    if fw.language != SOURCE_LANGUAGE:  # English frameworks stay readable by older versions
        data["language"] = fw.language
    return data


# -- records of a round --------------------------------------------------------------------


def _cell_from(r: Reader) -> Cell:
    return (r.text("element"), r.text("domain"))


_CARD_KEYS = {
    "voters",
    "round",
    "element",
    "domain",
    "layer",
    "kind",
    "text",
    "author",
    "votes",
    "order",
    "action",
    "owner",
    "held",
}


def card_to_record(round_id: str, card: Card) -> Json:
    """A card's record; "voters" only when some dots have a known voter (schema 2), "owner"
    and "held" only for a phone's card and a card held back from the board (schema 3)."""
    action = None
    if card.action is not None:
        action = {
            "owner": card.action.owner,
            "due": card.action.due.isoformat() if card.action.due else None,
            "status": card.action.status.value,
        }
    record: Json = {
        "round": round_id,
        "element": card.cell[0] if card.cell else None,
        "domain": card.cell[1] if card.cell else None,
        "layer": card.layer.value,
        "kind": card.kind,
        "text": card.text,
        "author": card.author,
        "votes": card.votes,
        "order": card.order,
        "action": action,
    }
    if card.voters:
        record["voters"] = dict(card.voters)
    if card.owner:
        record["owner"] = card.owner
    if card.held:
        record["held"] = card.held
    return record


def card_from_record(card_id: str, data: object, path: str) -> tuple[str, Card]:
    r = Reader(data, path, _CARD_KEYS)
    element, domain = r.raw("element"), r.raw("domain")
    cell = None if element is None and domain is None else _cell_from(r)
    action = None
    if r.raw("action") is not None:
        a = Reader(r.raw("action"), r.at("action"), {"owner", "due", "status"})
        action = Action(
            a.text("owner", ""), date_from(a, "due"), enum_from(a, "status", ActionStatus)
        )
    votes = r.whole("votes", 0, lo=-limits.VOTES, hi=limits.VOTES)  # < 0: see check_card
    voters = _voters(r)
    card = Card(
        id=card_id,
        text=r.text("text"),
        cell=cell,
        layer=enum_from(r, "layer", Layer),
        kind=r.text("kind"),
        author=r.text("author", ""),
        votes=votes,
        order=r.num("order", 0.0, limit=limits.ORDER_MAGNITUDE),
        action=action,
        voters=voters,
        owner=r.text("owner", ""),
        held=r.text("held", ""),
    )
    return r.text("round"), card


def _voters(r: Reader) -> tuple[tuple[str, int], ...]:
    data = r.raw("voters", {})
    if not isinstance(data, Mapping):
        raise ValidationError(
            r.at("voters"), _("expected a table, found {kind}").format(kind=type_name(data))
        )
    check_count(data, r.at("voters"), limits.PARTICIPANTS, _("voters"))
    v = Reader(data, r.at("voters"), set(data))
    return tuple((str(key), v.whole(str(key), lo=1, hi=limits.VOTES)) for key in data)


def rating_to_record(round_id: str, rating: Rating) -> Json:
    record: Json = {
        "round": round_id,
        "element": rating.cell[0],
        "domain": rating.cell[1],
        "layer": rating.layer.value,
        "perspective": rating.perspective.value,
        "scores": list(rating.scores),
    }
    if rating.by:
        record["by"] = list(rating.by)  # who gave each score (schema 2)
    return record


def rating_from_record(data: object, path: str) -> tuple[str, Rating]:
    r = Reader(data, path, {"round", "element", "domain", "layer", "perspective", "scores", "by"})
    scores = r.items("scores", [])
    by = r.items("by", [], most=limits.PARTICIPANTS)
    if not all(isinstance(key, str) for key in by):
        raise ValidationError(r.at("by"), _("expected a list of participant keys"))
    for i, s in enumerate(scores):
        if isinstance(s, bool) or not isinstance(s, int):
            raise ValidationError(f"{r.at('scores')}[{i}]", _("expected a whole number"))
        if abs(s) > limits.SCALE_VALUE:
            raise ValidationError(
                f"{r.at('scores')}[{i}]", _("{value} is on no rating scale").format(value=shown(s))
            )
    rating = Rating(
        _cell_from(r),
        enum_from(r, "layer", Layer),
        enum_from(r, "perspective", Perspective),
        tuple(scores),
        tuple(by),
    )
    return r.text("round"), rating


def answer_to_record(round_id: str, answer: Answer) -> Json:
    return {
        "round": round_id,
        "element": answer.cell[0],
        "domain": answer.cell[1],
        "question": answer.question_id,
        "text": answer.text,
        "done": answer.done,
    }


def answer_from_record(data: object, path: str) -> tuple[str, Answer]:
    r = Reader(data, path, {"round", "element", "domain", "question", "text", "done"})
    answer = Answer(_cell_from(r), r.text("question"), r.text("text", ""), r.flag("done", False))
    return r.text("round"), answer


def kpi_def_to_dict(k: KpiDef) -> Json:
    return {"id": k.id, "name": k.name, "unit": k.unit, "minimum": k.minimum, "maximum": k.maximum}


def kpi_def_from_dict(data: object, path: str) -> KpiDef:
    r = Reader(data, path, {"id", "name", "unit", "minimum", "maximum"})
    return KpiDef(
        r.text("id"),
        r.text("name"),
        r.text("unit", ""),
        r.num("minimum", limit=limits.KPI_MAGNITUDE, optional=True),
        r.num("maximum", limit=limits.KPI_MAGNITUDE, optional=True),
    )


# -- the workshop's own records ------------------------------------------------------------

# meta.workshop: each field once, with how it is written; reading names the same keys.
_WORKSHOP_RECORD: dict[str, Callable[[Workshop], Any]] = {
    "title": lambda ws: ws.title,
    "organisation": lambda ws: ws.organisation,
    "facilitator": lambda ws: ws.facilitator,
    "participants": lambda ws: list(ws.participants),
    "date": lambda ws: ws.date.isoformat() if ws.date else None,
    "anonymous": lambda ws: ws.anonymous,
    "current_round": lambda ws: ws.current_round_id,
    "custom_kpis": lambda ws: [kpi_def_to_dict(k) for k in ws.custom_kpis],
}
WORKSHOP_KEYS = frozenset(_WORKSHOP_RECORD)
# Written only when there is something to keep (schema 4): saved survey mappings and the
# files imported, so a workshop that never imported is written as before.
WORKSHOP_IMPORT_KEYS = frozenset({"mappings", "imports"})


def workshop_to_record(ws: Workshop) -> Json:
    """The workshop's details (not its framework or rounds) as one record."""
    record = {key: write(ws) for key, write in _WORKSHOP_RECORD.items()}
    if ws.mappings:
        record["mappings"] = [mapping_to_dict(m) for m in ws.mappings]
    if ws.imports:
        record["imports"] = [import_to_dict(i) for i in ws.imports]
    return record


def mapping_to_dict(saved: SavedMapping) -> Json:
    return {"signature": saved.signature, "name": saved.name, "toml": saved.toml}


def mapping_from_dict(data: object, path: str) -> SavedMapping:
    r = Reader(data, path, {"signature", "name", "toml"})
    return SavedMapping(r.text("signature"), r.text("name", ""), r.text("toml"))


def import_to_dict(record: ImportRecord) -> Json:
    data: Json = {
        "sha256": record.sha256,
        "source": record.source,
        "round": record.round_id,
        "when": record.when.isoformat(),
        "rows": record.rows,
    }
    if record.response_ids:
        data["response_ids"] = list(record.response_ids)
    return data


def import_from_dict(data: object, path: str) -> ImportRecord:
    r = Reader(data, path, {"sha256", "source", "round", "when", "rows", "response_ids"})
    ids = r.items("response_ids", [], most=limits.RESPONSE_IDS)
    if not all(isinstance(i, str) for i in ids):
        raise ValidationError(r.at("response_ids"), _("expected a list of response ids"))
    when = r.text("when")
    try:
        moment = dt.datetime.fromisoformat(when)
    except ValueError:
        raise ValidationError(
            r.at("when"),
            _("{value} is not a time like 2026-12-01T14:30:00").format(value=repr(when[:40])),
        ) from None
    return ImportRecord(
        r.text("sha256"),
        r.text("source", ""),
        r.text("round"),
        moment,
        r.whole("rows", 0, lo=0, hi=limits.RESPONSES),
        tuple(ids),
    )


def imports_from_record(r: Reader) -> tuple[tuple[SavedMapping, ...], tuple[ImportRecord, ...]]:
    """The saved mappings and imported files of meta.workshop (none before schema 4)."""
    mappings = tuple(
        mapping_from_dict(m, f"{r.at('mappings')}[{i}]")
        for i, m in enumerate(r.items("mappings", [], most=limits.MAPPINGS))
    )
    imports = tuple(
        import_from_dict(m, f"{r.at('imports')}[{i}]")
        for i, m in enumerate(r.items("imports", [], most=limits.IMPORT_RECORDS))
    )
    return mappings, imports


_ROUND_KEYS = {"label", "date", "order", "notes", "voting"}
_VOTING_KEYS = {"per_person", "people", "start_total", "start_by", "per_card"}


def round_to_record(rnd: Round, order: int) -> Json:
    """A round's own fields; its cards, ratings, answers and KPIs are records of their own.
    "voting" only while a dot vote runs in it (schema 2; its "per_card" cap: schema 3)."""
    record: Json = {
        "label": rnd.label,
        "date": rnd.date.isoformat(),
        "order": order,
        "notes": rnd.notes,
    }
    if rnd.voting is not None:
        v = rnd.voting
        record["voting"] = {
            "per_person": v.per_person,
            "people": v.people,
            "start_total": v.start_total,
            "start_by": dict(v.start_by),
        }
        if v.per_card:
            record["voting"]["per_card"] = v.per_card  # schema 3
    return record


def _voting_from(data: object, path: str) -> Voting:
    r = Reader(data, path, _VOTING_KEYS)
    by = r.raw("start_by", {})
    if not isinstance(by, Mapping):
        raise ValidationError(
            r.at("start_by"), _("expected a table, found {kind}").format(kind=type_name(by))
        )
    check_count(by, r.at("start_by"), limits.PARTICIPANTS, _("voters"))
    v = Reader(by, r.at("start_by"), set(by))
    most = int(limits.ORDER_MAGNITUDE)  # dots already in the round: many cards' worth
    return Voting(
        r.whole("per_person", lo=1, hi=limits.VOTES),
        r.whole("people", lo=1, hi=limits.VOTES),
        r.whole("start_total", 0, lo=0, hi=most),
        tuple((str(key), v.whole(str(key), lo=0, hi=most)) for key in by),
        r.whole("per_card", 0, lo=0, hi=limits.VOTES),
    )


def round_from_record(round_id: str, data: object, path: str) -> tuple[Round, int]:
    """An empty Round and its place in the workshop's order."""
    r = Reader(data, path, _ROUND_KEYS)
    date = date_from(r, "date")
    most = int(limits.ORDER_MAGNITUDE)
    rnd = Round(round_id, r.text("label"), date or dt.date.today(), notes=r.text("notes", ""))
    if r.raw("voting") is not None:
        rnd.voting = _voting_from(r.raw("voting"), r.at("voting"))
    return rnd, r.whole("order", 0, lo=-most, hi=most)


def kpi_to_record(round_id: str, kpi_id: str, value: float, basis: KpiBasis | None = None) -> Json:
    """A KPI reading; "basis" only for a value computed from imported data (schema 4)."""
    record: Json = {"round": round_id, "kpi": kpi_id, "value": value}
    if basis is not None:
        record["basis"] = {"n": basis.n, "margin": basis.margin, "source": basis.source}
    return record


_KPI_KEYS = {"round", "kpi", "value", "basis"}


def kpi_from_record(data: object, path: str) -> tuple[str, str, float]:
    """(round id, KPI id, value) of one KPI reading."""
    r = Reader(data, path, _KPI_KEYS)
    value: float = r.num("value", limit=limits.KPI_MAGNITUDE)
    return r.text("round"), r.text("kpi"), value


def kpi_basis_from_record(data: object, path: str) -> KpiBasis | None:
    """How a KPI reading was computed from data; None for a value typed by hand."""
    r = Reader(data, path, _KPI_KEYS)
    if r.raw("basis") is None:
        return None
    b = Reader(r.raw("basis"), r.at("basis"), {"n", "margin", "source"})
    return KpiBasis(
        b.whole("n", lo=0, hi=limits.RESPONSES),
        b.num("margin", limit=limits.KPI_MAGNITUDE, optional=True),
        b.text("source", ""),
    )
