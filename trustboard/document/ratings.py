"""The rules of scores and answers: add a score, take one back, answer or tick a question.

A score may come with a participant (or device) key; then that person has one score per
cell, layer and perspective, and a new one replaces theirs.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence

from trustboard.document.commands import AnswerCommand, RatingCommand
from trustboard.document.document import WorkshopDocument
from trustboard.domain.framework import Cell
from trustboard.domain.workshop import Answer, Layer, Perspective, Rating
from trustboard.i18n import _


def _keys(rating: Rating) -> list[str]:
    return list(rating.by) if rating.by else [""] * len(rating.scores)


def _rating(scores: list[int], keys: list[str], like: Rating) -> Rating:
    by = tuple(keys) if any(keys) else ()
    return dataclasses.replace(like, scores=tuple(scores), by=by)


def add_score(
    doc: WorkshopDocument,
    cell: Cell,
    score: int,
    layer: Layer,
    perspective: Perspective,
    *,
    participant: str = "",
    round_id: str | None = None,
    text: str | None = None,
) -> RatingCommand | None:
    """One more score for the cell; a known participant's earlier score is replaced.

    None for a score off the framework's scale (a stray key press changes nothing).
    """
    if not doc.framework.scale.contains(score):
        return None
    rid = round_id or doc.workshop.current_round_id
    before = doc.workshop.round(rid).rating(cell, layer, perspective)
    scores, keys = list(before.scores), _keys(before)
    if participant and participant in keys:
        i = keys.index(participant)
        if scores[i] == score:
            return None
        del scores[i], keys[i]
    after = _rating([*scores, score], [*keys, participant], before)
    return RatingCommand(doc, rid, before, after, _("Add score") if text is None else text)


def add_scores(
    doc: WorkshopDocument,
    cell: Cell,
    layer: Layer,
    perspective: Perspective,
    scores: Sequence[int],
    *,
    round_id: str | None = None,
    text: str | None = None,
) -> RatingCommand:
    """Anonymous scores appended to a cell's rating in one step (a survey, a paper tally)."""
    rid = round_id or doc.workshop.current_round_id
    before = doc.workshop.round(rid).rating(cell, layer, perspective)
    keys = [*_keys(before), *[""] * len(scores)]
    after = _rating([*before.scores, *scores], keys, before)
    return RatingCommand(doc, rid, before, after, _("Add scores") if text is None else text)


def remove_last_score(
    doc: WorkshopDocument,
    cell: Cell,
    layer: Layer,
    perspective: Perspective,
    *,
    participant: str = "",
    round_id: str | None = None,
) -> RatingCommand | None:
    """Take back the latest score, or the participant's own when one is given."""
    rid = round_id or doc.workshop.current_round_id
    before = doc.workshop.round(rid).rating(cell, layer, perspective)
    scores, keys = list(before.scores), _keys(before)
    if participant:
        if participant not in keys:
            return None
        i = keys.index(participant)
    elif not scores:
        return None
    else:
        i = len(scores) - 1
    del scores[i], keys[i]
    return RatingCommand(doc, rid, before, _rating(scores, keys, before), _("Remove score"))


def set_answer(
    doc: WorkshopDocument,
    cell: Cell,
    question_id: str,
    *,
    text: str | None = None,
    done: bool | None = None,
) -> AnswerCommand | None:
    """Type (merging one typing run into one step) or tick a cell's question."""
    rnd = doc.current_round
    before = rnd.answers.get((*cell, question_id)) or Answer(cell, question_id)
    after = dataclasses.replace(
        before,
        text=before.text if text is None else text,
        done=before.done if done is None else done,
    )
    if after == before:
        return None
    merge = ("answer", *cell, question_id) if text is not None else None
    label = _("Type answer") if text is not None else _("Tick question")
    return AnswerCommand(doc, rnd.id, before, after, label, merge)
