"""Damaged workshop files and what must happen to each: a clean refusal or a usable workshop.

Used by tests/fuzz/test_workshop_fuzz.py (a bounded run) and bench/fuzz.py (a larger one).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import re
import shutil
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from tests.fuzz.mutate import DEFAULT_SEED, case_rng, mutate_json_file, pick_kind

DAY = dt.date(2026, 3, 31)
CELL = ("competence", "individuals")
_ID = re.compile(rb"\b([a-z])-[0-9a-f]{12}\b")


@dataclass(frozen=True)
class Case:
    index: int
    base: str  # "demo", "small" or "empty"
    kind: str  # a key of mutate.WEIGHTS, or "original"
    data: bytes
    what: str  # what was changed, for the failure message

    @property
    def name(self) -> str:
        return f"{self.index:03d}-{self.base}-{self.kind}"

    def describe(self) -> str:
        return (
            f"case {self.name}: {self.what}\n"
            f"reproduce: python bench/fuzz.py workshop --only {self.index}"
        )

    @property
    def must_refuse(self) -> str:
        """Why this file may not open at all, or "" (issue 11: refuse, never guess)."""
        if self.kind == "dupkey":
            return "a key given twice"
        if self.kind == "huge" and re.search(r"NaN|Infinity|1e400", self.what):
            return "a number that is not finite"  # in a field that holds a number
        return ""


def _stable_ids(data: bytes) -> bytes:
    """Random ids (c-1a2b3c4d5e6f) renumbered in order of appearance, so bases never vary."""
    seen: dict[bytes, bytes] = {}

    def number(m: re.Match[bytes]) -> bytes:
        return seen.setdefault(m.group(0), m.group(1) + b"-%012d" % len(seen))

    return _ID.sub(number, data)


def _saved(workshop: object) -> bytes:
    """The workshop saved through the store, as the bytes of its file."""
    import tempfile

    from trustboard.store import WorkshopFile

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "base.trustboard"
        WorkshopFile.create(path, workshop).close()  # type: ignore[arg-type]
        return _stable_ids(path.read_bytes())


@cache
def bases() -> dict[str, bytes]:
    """The demo workshop (two rounds, ~80 cards), a small one and a brand-new empty one."""
    from trustboard.assets import templates_dir
    from trustboard.domain.workshop import (
        Card,
        ImportRecord,
        KpiBasis,
        Layer,
        Perspective,
        Rating,
        SavedMapping,
        new_workshop,
    )
    from trustboard.frameworks.templates import load_template
    from trustboard.services.demo import demo_workshop

    rtx = load_template(templates_dir() / "rtx-trust-framework.toml").framework
    small = new_workshop(rtx, "Small workshop", organisation="Acme")
    small.date = DAY
    rnd = small.current_round
    rnd.date = DAY
    card = Card("c-1", "Staff know the products", CELL, Layer.AS_IS, "evidence", "Ann", votes=2)
    rnd.cards[card.id] = card
    rating = Rating(CELL, Layer.AS_IS, Perspective.SELF, (2, 4, 5))
    rnd.ratings[rating.key] = rating
    rnd.kpis["nps"] = 12.5
    rnd.kpi_basis["nps"] = KpiBasis(40, 21.3, "survey.csv")  # what an import keeps (schema 4)
    small.mappings = (SavedMapping("0" * 64, "Survey", 'name = "Survey"\n'),)
    when = dt.datetime(2026, 3, 31, 9, 30)
    small.imports = (ImportRecord("1" * 64, "survey.csv", rnd.id, when, 40, ("R_1", "R_2")),)
    empty = new_workshop(rtx, "Empty workshop")
    empty.date = DAY
    empty.current_round.date = DAY
    return {
        "demo": _saved(demo_workshop(rtx, DAY)),
        "small": _saved(small),
        "empty": _saved(empty),
    }


def make_case(index: int, seed: int = DEFAULT_SEED) -> Case:
    """Case `index` of the run `seed`: the first three are the bases as they are."""
    names = ("demo", "small", "empty")
    if index < len(names):
        return Case(index, names[index], "original", bases()[names[index]], "no change")
    rng = case_rng(seed, index, "workshop")
    base = rng.choice(("demo", "small", "small"))
    kind = pick_kind(rng)
    data, what = mutate_json_file(rng, kind, bases()[base])
    return Case(index, base, kind, data, what)


def plan(index: int, seed: int = DEFAULT_SEED) -> str:
    """The case's name without building it (for test ids at collection)."""
    names = ("demo", "small", "empty")
    if index < len(names):
        return f"{index:03d}-{names[index]}-original"
    rng = case_rng(seed, index, "workshop")
    base = rng.choice(("demo", "small", "small"))
    return f"{index:03d}-{base}-{pick_kind(rng)}"


class Snapshot:
    """A file's bytes, time and the folder's listing, to prove nothing was written."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.bytes = path.read_bytes()
        self.mtime_ns = path.stat().st_mtime_ns
        self.listing = sorted(p.name for p in path.parent.iterdir())

    def assert_untouched(self, context: str) -> None:
        assert self.path.read_bytes() == self.bytes, f"the file changed after {context}"
        assert self.path.stat().st_mtime_ns == self.mtime_ns, f"file rewritten after {context}"
        listing = sorted(p.name for p in self.path.parent.iterdir())
        assert listing == self.listing, f"files left beside it after {context}: {listing}"


def assert_clean_message(problem: str, context: str) -> None:
    assert isinstance(problem, str) and problem.strip(), f"an empty message on {context}"
    assert "Traceback" not in problem, f"a traceback as the message on {context}"
    assert len(problem) < 2_000, f"a {len(problem):,}-character message on {context}"


def write_case(case: Case, folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "case.trustboard"
    path.write_bytes(case.data)
    return path


def run_check(path: Path) -> tuple[int, str]:
    """`trustboard check FILE`: its exit code and what it printed."""
    from trustboard.cli import main

    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(["check", str(path)])
    return code, out.getvalue() + err.getvalue()


def open_or_refuse(path: Path) -> object | None:
    """The Workshop when the file opens (read-only, read-write and `check` agree), else None.

    Raises AssertionError for anything but a clean TrustBoardFileError, and when opening
    wrote to the file or left anything beside it.
    """
    from trustboard.store import TrustBoardFileError, WorkshopFile

    snap = Snapshot(path)
    try:
        wf = WorkshopFile.open(path, read_only=True)
    except TrustBoardFileError as exc:
        assert_clean_message(exc.problem, "opening read-only")
        snap.assert_untouched("a refused read-only open")
        try:
            rw = WorkshopFile.open(path)
        except TrustBoardFileError as again:
            assert_clean_message(again.problem, "opening read-write")
        else:
            rw.abandon()
            raise AssertionError("read-only open refused the file but read-write accepted it")
        snap.assert_untouched("a refused read-write open")
        code, printed = run_check(path)
        assert code == 1, f"check exited {code} on a file that open refuses"
        assert "Traceback" not in printed
        snap.assert_untouched("check")
        return None
    workshop = wf.workshop
    wf.close()
    snap.assert_untouched("opening read-only and closing")
    rw = WorkshopFile.open(path)
    rw.close()
    snap.assert_untouched("opening read-write and closing without edits")
    code, printed = run_check(path)
    assert code == 0, f"check exited {code} on a file that opens: {printed[-500:]}"
    snap.assert_untouched("check")
    return workshop


def check_case(case: Case, folder: Path) -> object | None:
    """The workshop when the case's file opens and may, else None after a clean refusal."""
    path = write_case(case, folder)
    workshop = open_or_refuse(path)
    if workshop is not None:
        assert not case.must_refuse, f"the file opened despite {case.must_refuse}"
    return workshop


def use_workshop(workshop: object, out: Path) -> None:
    """Everything that reads a whole workshop without Qt: analytics, summary, both PDFs."""
    from trustboard.analytics.cells import action_effects, cell_stats, element_trend, round_stats
    from trustboard.analytics.overview import overview
    from trustboard.analytics.spread import cell_spread
    from trustboard.domain.workshop import Layer, Perspective, Workshop
    from trustboard.export import write_report, write_summary
    from trustboard.services.summary import format_summary, summarise
    from trustboard.store import SCHEMA_VERSION

    assert isinstance(workshop, Workshop)
    for rnd in workshop.rounds:
        overview(workshop, rnd.id)
        cell_stats(workshop.framework, rnd)
        for layer in Layer:
            for perspective in Perspective:
                cell_spread(workshop.framework, rnd, layer, perspective)
    round_stats(workshop)
    element_trend(workshop)
    action_effects(workshop)
    format_summary(summarise(workshop, SCHEMA_VERSION))
    out.mkdir(parents=True, exist_ok=True)
    rid = workshop.current_round_id
    write_summary(workshop, rid, out / "summary.pdf")
    write_report(workshop, rid, out / "report.pdf")
    assert (out / "summary.pdf").stat().st_size > 0
    assert (out / "report.pdf").stat().st_size > 0
    shutil.rmtree(out)
