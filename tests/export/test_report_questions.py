"""The full report's reflection questions: every prompt of a cell when there are few, what
the room took up (and a count of the rest) when a framework asks many."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from tests.export.helpers import pdftotext
from trustboard.domain.framework import Question
from trustboard.domain.workshop import Answer, Workshop
from trustboard.export import ReportOptions, write_report
from trustboard.export.report import ALL_QUESTIONS_UP_TO

CELL = ("competence", "individuals")


def with_questions(demo: Workshop, count: int) -> Workshop:
    """The demo with `count` prompts of its own on one cell, the third one answered."""
    questions = tuple(Question(f"extra{i}", f"Prompt number {i} here") for i in range(count))
    fw = dataclasses.replace(
        demo.framework,
        elements=tuple(dataclasses.replace(e, questions=()) for e in demo.framework.elements),
        domains=tuple(dataclasses.replace(d, questions=()) for d in demo.framework.domains),
        cell_questions={CELL: questions},
    )
    demo.framework = fw
    rnd = demo.current_round
    rnd.answers.clear()
    answer = Answer(CELL, "extra2", "The room's answer", True)
    rnd.answers[answer.key] = answer
    return demo


def report_text(ws: Workshop, tmp_path: Path, *, details: bool = False) -> str:
    out = tmp_path / "r.pdf"
    write_report(ws, ws.current_round_id, out, ReportOptions(details=details))
    return " ".join(pdftotext(out).split())


def test_with_details_a_cell_with_few_prompts_lists_every_one(
    demo: Workshop, tmp_path: Path
) -> None:
    text = report_text(with_questions(demo, ALL_QUESTIONS_UP_TO), tmp_path, details=True)
    for i in range(ALL_QUESTIONS_UP_TO):
        assert f"Prompt number {i} here" in text
    assert "The room's answer" in text
    assert "not taken up" not in text


def test_by_default_unanswered_questions_are_counted_not_listed(
    demo: Workshop, tmp_path: Path
) -> None:
    text = report_text(with_questions(demo, 5), tmp_path)
    assert "Prompt number 2 here" in text and "The room's answer" in text
    assert "Prompt number 0 here" not in text and "Prompt number 4 here" not in text
    assert "4 more questions not taken up in this round." in text


def test_raw_scores_only_with_details(demo: Workshop, tmp_path: Path) -> None:
    rating = next(r for r in demo.current_round.ratings.values() if len(r.scores) > 1)
    raw = "(" + ", ".join(str(s) for s in sorted(rating.scores)) + ")"
    assert raw not in report_text(demo, tmp_path)
    assert raw in report_text(demo, tmp_path, details=True)


def test_a_cell_with_many_prompts_lists_those_taken_up_and_counts_the_rest(
    demo: Workshop, tmp_path: Path
) -> None:
    count = ALL_QUESTIONS_UP_TO + 8
    text = report_text(with_questions(demo, count), tmp_path)
    assert "Prompt number 2 here" in text and "The room's answer" in text
    assert "Prompt number 0 here" not in text and f"Prompt number {count - 1} here" not in text
    assert f"{count - 1} more questions not taken up in this round." in text
