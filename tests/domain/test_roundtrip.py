"""Random workshops survive a save and a load unchanged."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from trustboard.domain.framework import Framework
from trustboard.domain.workshop import (
    Action,
    ActionStatus,
    Answer,
    Card,
    ImportRecord,
    KpiBasis,
    Layer,
    Perspective,
    Rating,
    Round,
    SavedMapping,
    Workshop,
)
from trustboard.store import WorkshopFile

# Any text people type: every plane, markup-like strings, newlines; no lone surrogates.
texts = st.text(st.characters(exclude_categories=("Cs",)), max_size=80) | st.sampled_from(
    ["<b>&", "a<b", "مرحبا بالعالم", "信頼の評価", "🎉👍🏽", "<img src=x>", "line\nbreak"]
)
dates = st.dates(dt.date(2000, 1, 1), dt.date(2100, 12, 31))


@st.composite
def workshops(draw: st.DrawFn, framework: Framework) -> Workshop:
    cells = list(framework.cells())
    kinds = [k.id for k in framework.card_kinds]
    scale = [s.value for s in framework.scale.steps]
    questions = {cell: [q.id for q in framework.questions_for(cell)] for cell in cells}
    rounds = []
    for r in range(draw(st.integers(1, 3))):
        rnd = Round(f"r-{r}", draw(texts.filter(str.strip)), draw(dates), notes=draw(texts))
        for c in range(draw(st.integers(0, 12))):
            action = draw(
                st.none()
                | st.builds(Action, texts, st.none() | dates, st.sampled_from(list(ActionStatus)))
            )
            card = Card(
                id=f"c-{r}-{c}",
                text=draw(texts),
                cell=draw(st.none() | st.sampled_from(cells)),
                layer=draw(st.sampled_from(list(Layer))),
                kind=draw(st.sampled_from(kinds)),
                author=draw(texts),
                votes=draw(st.integers(0, 50)),
                order=float(draw(st.integers(-5, 50))),
                action=action,
            )
            rnd.cards[card.id] = card
        for cell in draw(st.lists(st.sampled_from(cells), max_size=5, unique=True)):
            rating = Rating(
                cell,
                draw(st.sampled_from(list(Layer))),
                draw(st.sampled_from(list(Perspective))),
                tuple(draw(st.lists(st.sampled_from(scale), min_size=1, max_size=12))),
            )
            rnd.ratings[rating.key] = rating
            if questions[cell]:
                answer = Answer(
                    cell, draw(st.sampled_from(questions[cell])), draw(texts), draw(st.booleans())
                )
                if answer.text or answer.done:
                    rnd.answers[answer.key] = answer
        if draw(st.booleans()):
            rnd.kpis["nps"] = float(draw(st.integers(-100, 100)))
            rnd.kpis["clv"] = draw(st.floats(0, 1e6, allow_nan=False))
            if draw(st.booleans()):
                margin = draw(st.none() | st.floats(0, 100, allow_nan=False))
                rnd.kpi_basis["nps"] = KpiBasis(draw(st.integers(0, 5000)), margin, draw(texts))
        rounds.append(rnd)
    hexes = st.text("0123456789abcdef", min_size=64, max_size=64)
    mappings = draw(
        st.lists(
            st.builds(SavedMapping, hexes, texts, texts),
            max_size=3,
            unique_by=lambda m: m.signature,
        )
    )
    imports = draw(
        st.lists(
            st.builds(
                ImportRecord,
                hexes,
                texts,
                st.sampled_from([r.id for r in rounds]),
                st.datetimes(dt.datetime(2000, 1, 1), dt.datetime(2100, 1, 1))
                | st.datetimes(timezones=st.just(dt.UTC)),
                st.integers(0, 10_000),
                st.lists(texts, max_size=5).map(tuple),
            ),
            max_size=3,
        )
    )
    return Workshop(
        title=draw(texts.filter(str.strip)),
        framework=framework,
        organisation=draw(texts),
        facilitator=draw(texts),
        participants=tuple(draw(st.lists(texts, max_size=6))),
        date=draw(st.none() | dates),
        anonymous=draw(st.booleans()),
        rounds=rounds,
        current_round_id=draw(st.sampled_from([r.id for r in rounds])),
        mappings=tuple(mappings),
        imports=tuple(imports),
    )


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.data())
def test_save_then_load_gives_the_same_workshop(
    data: st.DataObject, rtx: Framework, tmp_path: Path
) -> None:
    ws = data.draw(workshops(rtx))
    path = tmp_path / "w.trustboard"
    WorkshopFile.create(path, ws, overwrite=True).close()
    with WorkshopFile.open(path, read_only=True) as loaded:
        assert loaded.workshop == ws


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.data())
def test_record_edits_then_load_gives_the_same_workshop(
    data: st.DataObject, rtx: Framework, tmp_path: Path
) -> None:
    """Edits persisted record by record end in the same file as a fresh full save."""
    target = data.draw(workshops(rtx))
    start = Workshop(
        title=target.title,
        framework=rtx,
        organisation=target.organisation,
        facilitator=target.facilitator,
        participants=target.participants,
        date=target.date,
        anonymous=target.anonymous,
        rounds=[Round(r.id, r.label, r.date, notes=r.notes) for r in target.rounds],
        current_round_id=target.current_round_id,
        mappings=target.mappings,
        imports=target.imports,
    )
    path = tmp_path / "w.trustboard"
    with WorkshopFile.create(path, start, overwrite=True) as wf:
        for rnd in target.rounds:
            for card in rnd.cards.values():
                wf.put_card(rnd.id, card)
            for rating in rnd.ratings.values():
                wf.put_rating(rnd.id, rating)
            for answer in rnd.answers.values():
                wf.put_answer(rnd.id, answer)
            for kpi, value in rnd.kpis.items():
                wf.put_kpi(rnd.id, kpi, value, rnd.kpi_basis.get(kpi))
    with WorkshopFile.open(path, read_only=True) as loaded:
        assert loaded.workshop == target
