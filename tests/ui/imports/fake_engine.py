"""A small engine on the real engine's types, for the assistant's widget tests: scores
from a wide CSV whose columns are mapped to cells, NPS, comments, and reads that can be
held or made to fail on demand."""

from __future__ import annotations

import csv
import hashlib
import io
import statistics
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from trustboard.document import WorkshopDocument
from trustboard.document.commands import MacroCommand
from trustboard.document.ratings import add_scores
from trustboard.domain.framework import Cell, Framework, RatingScale
from trustboard.domain.workshop import Layer, Perspective, Workshop
from trustboard.services.import_errors import ImportFileError
from trustboard.services.imports.layouts import Layout, Question
from trustboard.services.imports.mapping import ColumnMap, Mapping, Target
from trustboard.services.imports.read import ImportCancelled, Table
from trustboard.ui.imports.engine import Engine

Progress = Callable[[float], bool] | None


@dataclass
class Plan:
    source: str
    respondents: int
    scores: dict[tuple[Cell, Layer, Perspective], list[int]]
    skipped: list[tuple[int, str, str]]
    nps: tuple[float, int] | None = None
    already: str = ""
    cards: int = 0

    @property
    def empty(self) -> bool:
        return not self.scores and self.nps is None

    def summary(self, framework: Framework) -> dict[str, object]:
        return {
            "source": self.source, "tool": "Google Forms", "how": "CSV, UTF-8, comma-separated",
            "respondents": self.respondents,
            "scores": [{"element": c[0], "domain": c[1], "layer": la.value,
                        "perspective": p.value, "count": len(s),
                        "median": statistics.median(s)}
                       for (c, la, p), s in self.scores.items()],
            "kpis": [] if self.nps is None else
                    [{"kpi": "nps", "value": self.nps[0], "n": self.nps[1], "margin": 12.5}],
            "cards": self.cards, "cards_per_cell": [],
            "skipped": [{"row": r, "column": c, "reason": why} for r, c, why in self.skipped],
            "skipped_total": len(self.skipped), "already": self.already,
        }  # fmt: skip


SCALE = ("Strongly disagree", "Disagree", "Neither agree nor disagree", "Agree", "Strongly agree")


def guess_labels(
    answers: tuple[str, ...], scale: RatingScale
) -> tuple[tuple[str, int | None], ...]:
    out: list[tuple[str, int | None]] = []
    for a in answers:
        if a in SCALE:
            out.append((a, SCALE.index(a) + 1))
        elif a == "Don't know":
            out.append((a, None))
    return tuple(out)


@dataclass
class FakeEngine:
    """Calls are recorded with the thread they ran on; `gate` holds a read mid-way."""

    gate: threading.Event | None = None
    plan_gate: threading.Event | None = None
    threads: list[str] = field(default_factory=list)
    imported: list[Mapping] = field(default_factory=list)

    def read_table(
        self, path: Path, *, sheet: str | None = None, progress: Progress = None
    ) -> Table:
        self.threads.append(threading.current_thread().name)
        data = path.read_bytes()
        if progress is not None and not progress(0.1):
            raise ImportCancelled(path.name, None, None, "reading cancelled")
        if self.gate is not None:
            self.gate.wait(10)
        if progress is not None and not progress(0.9):
            raise ImportCancelled(path.name, None, None, "reading cancelled")
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            raise ImportFileError(
                path.name,
                1,
                None,
                "this is not a CSV file or an Excel workbook — export it again as CSV",
            ) from None
        rows = list(csv.reader(io.StringIO(text)))
        if len(rows) < 2:
            raise ImportFileError(path.name, 2, None, "the file has a header but no answers")
        return Table(
            path.name,
            rows[:1],
            rows[0],
            rows[1:],
            2,
            "CSV, UTF-8, comma-separated",
            hashlib.sha256(data).hexdigest(),
        )

    def detect(self, table: Table) -> Layout:
        self.threads.append(threading.current_thread().name)
        qs = []
        for i, h in enumerate(table.columns):
            answers = tuple(dict.fromkeys(r[i] for r in table.rows if r[i]))
            nums = None
            if answers and all(a.isdigit() for a in answers):
                nums = (min(map(float, answers)), max(map(float, answers)))
            role = "timestamp" if h == "Timestamp" else "nps" if "recommend" in h else "scale"
            qs.append(Question(i, h, h.split(" [")[0], "", answers, nums, role))
        return Layout("Google Forms", "wide", tuple(qs), None, "sig")

    def suggest(
        self, layout: Layout, framework: Framework, workshop: Workshop | None = None
    ) -> Mapping:
        cols = []
        for q in layout.questions:
            if q.role == "nps":
                cols.append(ColumnMap(q.header, Target.KPI, kpi="nps"))
            elif "[Our staff]" in q.header:
                cols.append(
                    ColumnMap(
                        q.header,
                        Target.SCORE,
                        ("competence", "individuals"),
                        labels=guess_labels(q.answers, framework.scale),
                    )
                )
            else:
                cols.append(ColumnMap(q.header, Target.IGNORE))
        return Mapping("Fake survey", tuple(cols), layout.signature)

    def plan_import(self, table: Table, mapping: Mapping, workshop: Workshop, *,
                    again: bool = False, progress: Progress = None) -> Plan:  # fmt: skip
        self.threads.append(threading.current_thread().name)
        if self.plan_gate is not None:
            self.plan_gate.wait(10)
        scores: dict[tuple[Cell, Layer, Perspective], list[int]] = {}
        skipped: list[tuple[int, str, str]] = []
        nps = None
        for cm in mapping.columns:
            if cm.header not in table.columns:
                continue
            i = table.columns.index(cm.header)
            if cm.target is Target.SCORE:
                if cm.cell is None:
                    raise ImportFileError(table.source, None, cm.header, "choose a cell")
                labels = dict(cm.labels)
                for n, row in enumerate(table.rows, table.first_row):
                    answer = row[i]
                    if answer not in labels:
                        raise ImportFileError(
                            table.source,
                            n,
                            cm.header,
                            f"“{answer}” has no "
                            "value on the scale — map it in the assistant or mark it skip",
                        )
                    value = labels[answer]
                    if value is None:
                        skipped.append((n, cm.header, "marked skip"))
                        continue
                    scores.setdefault((cm.cell, cm.layer, cm.perspective), []).append(value)
            elif cm.target is Target.KPI:
                nps = (25.0, len(table.rows))
        already = "" if again else workshop_already(workshop, table.sha256)
        if already:
            scores, nps = {}, None
        return Plan(table.source, len(table.rows), scores, skipped, nps, already)

    def import_command(self, doc: WorkshopDocument, plan: Plan, mapping: Mapping, *,
                       round_id: str | None = None) -> MacroCommand:  # fmt: skip
        self.imported.append(mapping)
        children = [
            add_scores(doc, c, la, p, s, round_id=round_id) for (c, la, p), s in plan.scores.items()
        ]
        return MacroCommand(children, f"Import survey: {plan.respondents} responses", doc)

    def to_toml(self, mapping: Mapping) -> str:
        return "\n".join(f"{c.header}={c.target.value}" for c in mapping.columns)

    def from_toml(self, text: str, source: str) -> Mapping:
        cols = []
        for n, line in enumerate(text.splitlines(), 1):
            header, _, target = line.rpartition("=")
            try:
                cols.append(ColumnMap(header, Target(target)))
            except ValueError:
                raise ImportFileError(source, n, None, f"unknown target “{target}”") from None
        return Mapping("Loaded", tuple(cols))

    def engine(self) -> Engine:
        return Engine(self.read_table, self.detect, self.suggest, self.plan_import,
                      self.import_command, self.to_toml, self.from_toml, Target, ColumnMap,
                      Mapping, ImportFileError, ImportCancelled, guess_labels)  # fmt: skip


SEEN: set[str] = set()


def workshop_already(workshop: Workshop, sha: str) -> str:
    return "This file was imported on 1 Dec 2026 into Round 1." if sha in SEEN else ""
