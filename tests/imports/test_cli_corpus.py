"""Every export in the corpus imported through `trustboard import`, as a script would."""

from __future__ import annotations

import copy
import datetime as dt
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from trustboard.cli import main
from trustboard.cli_import import prepare
from trustboard.document import WorkshopDocument
from trustboard.document.commands import History
from trustboard.document.rounds import start_round_command
from trustboard.domain.errors import ValidationError
from trustboard.domain.framework import Cell, Framework
from trustboard.domain.workshop import Layer, Perspective, Workshop, new_workshop
from trustboard.services.imports.plan import import_command, plan_import
from trustboard.store import WorkshopFile

CORPUS = Path(__file__).resolve().parent / "corpus"
EXPECTED = {p.name.removesuffix(".expected.json"): p for p in CORPUS.glob("*.expected.json")}
IMPORTED = sorted(n for n, p in EXPECTED.items() if "refused" not in json.loads(p.read_text()))
REFUSED = sorted(set(EXPECTED) - set(IMPORTED))
GOOGLE = CORPUS / "google_forms.csv"
GOOGLE_MAP = CORPUS / "google_forms.toml"


def expected(name: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(EXPECTED[name].read_text(encoding="utf-8"))
    return data


def run(capsys: pytest.CaptureFixture[str], *args: str | Path) -> tuple[int, str, str]:
    code = main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out, err


def import_args(name: str, board: Path, *more: str | Path) -> list[str | Path]:
    mapping = expected(name)["mapping"]
    extra: list[str | Path] = ["--mapping", CORPUS / mapping] if mapping else []
    return ["import", board, CORPUS / name, *extra, *more]


@pytest.fixture
def board(tmp_path: Path, rtx: Framework) -> Path:
    path = tmp_path / "w.trustboard"
    ws = new_workshop(rtx, "Corpus", organisation="Acme", date=dt.date(2026, 11, 20))
    WorkshopFile.create(path, ws).close()
    return path


def load(board: Path) -> Workshop:
    with WorkshopFile.open(board, read_only=True) as wf:
        return wf.workshop


def cell_of(fw: Framework, element: str | None, domain: str | None) -> Cell | None:
    """A cell from ids or shown names, as a summary or an outcome file gives them."""
    if element is None or domain is None:
        return None
    el = {e.id: e.id for e in fw.elements} | {e.name: e.id for e in fw.elements}
    do = {d.id: d.id for d in fw.domains} | {d.name: d.id for d in fw.domains}
    return (el[element], do[domain])


def score_key(fw: Framework, s: dict[str, Any]) -> tuple[Cell | None, str, str]:
    return (cell_of(fw, s["element"], s["domain"]), str(s["layer"]), str(s["perspective"]))


def card_key(fw: Framework, c: dict[str, Any], *, author: bool) -> tuple[object, ...]:
    key = (c["text"], cell_of(fw, c["element"], c["domain"]), c["layer"], c["kind"])
    return (*key, c["author"]) if author else key


def check_summary(summary: dict[str, Any], want: dict[str, Any], fw: Framework) -> None:
    assert summary["tool"] == want["tool"]
    if "respondents" in want:
        assert summary["respondents"] == want["respondents"]
    got = {score_key(fw, s): (s["count"], s["median"]) for s in summary["scores"]}
    assert got == {score_key(fw, s): (s["count"], s["median"]) for s in want["scores"]}
    got_kpis = {k["kpi"]: k for k in summary["kpis"]}
    assert set(got_kpis) == {k["kpi"] for k in want["kpis"]}
    for k in want["kpis"]:
        assert got_kpis[k["kpi"]]["n"] == k["n"]
        assert got_kpis[k["kpi"]]["value"] == pytest.approx(k["value"], abs=0.006)
        assert got_kpis[k["kpi"]]["margin"] == pytest.approx(k["margin"], abs=0.006)
    assert summary["cards"] == want["cards"]


def check_workshop(ws: Workshop, want: dict[str, Any]) -> None:
    fw, rnd = ws.framework, ws.current_round
    got = {
        (r.cell, r.layer.value, r.perspective.value): sorted(r.scores)
        for r in rnd.ratings.values()
        if r.scores
    }
    assert got == {score_key(fw, s): s["values"] for s in want["scores"]}
    for k in want["kpis"]:
        assert rnd.kpis[k["kpi"]] == pytest.approx(k["value"], abs=0.006)
        assert rnd.kpi_basis[k["kpi"]].n == k["n"]
        assert rnd.kpi_basis[k["kpi"]].margin == pytest.approx(k["margin"], abs=0.006)
    assert set(rnd.kpis) == {k["kpi"] for k in want["kpis"]}
    cards = list(rnd.cards.values())
    assert len(cards) == want["cards"]
    for with_author in (False, True):
        wanted = [c for c in want["card_list"] if with_author == ("author" in c)]
        keys = [card_key(fw, c, author=with_author) for c in wanted]
        have = [
            (c.text, c.cell, c.layer.value, c.kind, *([c.author] if with_author else []))
            for c in cards
        ]
        for key in keys:
            assert key in have, key
    assert sorted(c.text for c in cards) == sorted(c["text"] for c in want["card_list"])
    (record,) = ws.imports
    assert record.rows == want.get("respondents", record.rows)
    assert len(record.response_ids) == want.get("response_ids", 0)


@pytest.mark.parametrize("name", IMPORTED)
def test_dry_run_shows_the_outcome_and_changes_nothing(
    name: str, board: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = board.read_bytes()
    code, out, err = run(capsys, *import_args(name, board, "--dry-run", "--json"))
    assert code == 0, err
    summary = json.loads(out)
    check_summary(summary, expected(name), load(board).framework)
    assert summary["imported"] is False
    assert board.read_bytes() == before


@pytest.mark.parametrize("name", IMPORTED)
def test_import_gives_the_scores_kpis_and_cards_in_the_file(
    name: str, board: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(capsys, *import_args(name, board))
    assert code == 0, err
    want = expected(name)
    last = out.strip().splitlines()[-1]
    assert last.startswith("imported ")
    assert f"{want['cards']} card" in last
    assert "into Round 1 of" in last
    check_workshop(load(board), want)


@pytest.mark.parametrize("name", REFUSED)
def test_a_bad_file_is_refused_naming_the_place(
    name: str, board: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = board.read_bytes()
    code, out, err = run(capsys, "import", board, CORPUS / name, "--json")
    assert code == 1
    assert json.loads(out) == {"ok": False, "error": err.strip().removeprefix("trustboard: ")}
    for needle in expected(name)["message_contains"]:
        assert needle in err
    assert "nothing was imported" in err
    assert "Traceback" not in err + out
    assert board.read_bytes() == before


def test_an_answer_the_mapping_cannot_place_is_refused_by_row_and_column(
    board: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    strict = tmp_path / "strict.toml"
    strict.write_text(
        GOOGLE_MAP.read_text(encoding="utf-8").replace(', "Don\'t know" = "skip"', "")
    )
    before = board.read_bytes()
    code, _, err = run(capsys, "import", board, GOOGLE, "--mapping", strict)
    assert code == 1
    # cara's "Don't know" is data row 3, file row 4
    assert "google_forms.csv, row 4, column 'Integrity: we are honest with you" in err
    assert "Don't know" in err
    assert board.read_bytes() == before


@pytest.mark.parametrize(
    ("old", "new", "needles"),
    [
        (
            "reliability/organizations",
            "mars/x",
            ["column 'Reliability: we keep our promises [Organizations]'", "'mars/x'"],
        ),
        ('target = "kpi"\nkpi = "nps"', 'target = "kpi"\nkpi = nps', ["bad.toml", "TOML"]),
        ('target = "comment"', 'target = "gossip"', ["bad.toml", "'target'", "gossip"]),
    ],
)
def test_a_broken_mapping_file_is_refused_naming_the_place(
    old: str,
    new: str,
    needles: list[str],
    board: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    bad = tmp_path / "bad.toml"
    text = GOOGLE_MAP.read_text(encoding="utf-8")
    assert old in text
    bad.write_text(text.replace(old, new), encoding="utf-8")
    before = board.read_bytes()
    code, _, err = run(capsys, "import", board, GOOGLE, "--mapping", bad)
    assert code == 1
    for needle in needles:
        assert needle in err
    assert "nothing was imported" in err
    assert board.read_bytes() == before


def test_a_survey_without_a_mapping_lists_its_columns_and_can_draft_one(
    board: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = board.read_bytes()
    code, out, err = run(capsys, "import", board, GOOGLE)
    assert code == 1
    assert "looks like a Google Forms export" in err
    assert "Competence: we know what we are doing [Technology]" in err
    assert "--mapping" in err
    assert "README" in err
    draft = tmp_path / "draft.toml"
    code, _, err = run(capsys, "import", board, GOOGLE, "--save-mapping", draft)
    assert code == 1
    assert f"a draft mapping was written to {draft}" in err
    assert board.read_bytes() == before
    # the draft is a mapping file the CLI accepts as it is
    code, out, err = run(capsys, "import", board, GOOGLE, "--mapping", draft, "--dry-run")
    assert code == 0, err
    assert "dry run: nothing was changed" in out


def test_the_same_file_twice_is_skipped_unless_again(
    board: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(capsys, "import", board, GOOGLE, "--mapping", GOOGLE_MAP)[0] == 0
    after_first = board.read_bytes()
    code, out, err = run(capsys, "import", board, GOOGLE, "--mapping", GOOGLE_MAP)
    assert code == 0, err
    assert "--again" in out
    assert "nothing to import" in out
    assert board.read_bytes() == after_first
    code, out, err = run(capsys, "import", board, GOOGLE, "--mapping", GOOGLE_MAP, "--again")
    assert code == 0, err
    rnd = load(board).current_round
    competence = rnd.rating(("competence", "individuals"), Layer.AS_IS, Perspective.CUSTOMER)
    assert sorted(competence.scores) == [2, 2, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5]


def test_response_ids_seen_before_are_left_out(
    board: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Next week's export of the same survey holds last week's responses too."""
    name = "qualtrics.csv"
    assert run(capsys, *import_args(name, board))[0] == 0
    later = tmp_path / "qualtrics_later.csv"
    lines = (CORPUS / name).read_text(encoding="utf-8-sig").splitlines(keepends=True)
    new_row = lines[-1].replace("R_6FgHiJkLmNoPqRs", "R_7GhIjKlMnOpQrSt")
    new_row = new_row.replace("Strongly disagree,Strongly agree", "Strongly agree,Strongly agree")
    later.write_text("".join([*lines, new_row]), encoding="utf-8")
    code, out, err = run(
        capsys, "import", board, later, "--mapping", CORPUS / "qualtrics.toml", "--json"
    )
    assert code == 0, err
    assert json.loads(out)["respondents"] == 1
    rnd = load(board).current_round
    org = rnd.rating(("empathy", "organizations"), Layer.AS_IS, Perspective.CUSTOMER)
    assert sorted(org.scores) == [1, 2, 3, 4, 4, 5, 5]


def test_the_saved_mapping_is_used_next_round_without_mapping(
    board: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(capsys, "import", board, GOOGLE, "--mapping", GOOGLE_MAP)[0] == 0
    with WorkshopFile.open(board) as wf:
        doc = WorkshopDocument(wf.workshop, wf)
        start_round_command(doc, "Q1 2027", dt.date(2027, 2, 1)).redo()
        wf.flush()
    # next quarter's export: the same questions, other people
    rows = GOOGLE.read_text(encoding="utf-8").splitlines(keepends=True)
    next_quarter = tmp_path / "google_forms_q1.csv"
    next_quarter.write_text("".join([rows[0], *rows[1:3]]), encoding="utf-8")
    code, out, err = run(capsys, "import", board, next_quarter)
    assert code == 0, err
    assert "saved in the workshop" in out
    ws = load(board)
    assert ws.current_round.label == "Q1 2027"
    competence = ws.current_round.rating(
        ("competence", "individuals"), Layer.AS_IS, Perspective.CUSTOMER
    )
    assert sorted(competence.scores) == [4, 5]  # ana: Strongly agree, ben: Agree
    assert ws.current_round.kpis["nps"] == pytest.approx(100.0)  # 10 and 9
    assert ws.current_round.kpi_basis["nps"].n == 2


def test_the_mapping_used_can_be_written_to_a_file(
    board: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    used = tmp_path / "used.toml"
    args = import_args("typeform.csv", board, "--save-mapping", used, "--dry-run")
    assert run(capsys, *args)[0] == 0
    data = CORPUS / "typeform.csv"
    code, out, err = run(capsys, "import", board, data, "--mapping", used, "--dry-run", "--json")
    assert code == 0, err
    check_summary(json.loads(out), expected("typeform.csv"), load(board).framework)


@pytest.mark.parametrize("name", ["google_forms.csv", "miro.csv", "excel_de.csv"])
def test_undo_restores_the_workshop_exactly(name: str, board: Path) -> None:
    mapping = expected(name)["mapping"]
    with WorkshopFile.open(board) as wf:
        ws = wf.workshop
        snapshot = copy.deepcopy(ws)
        prepared = prepare(CORPUS / name, ws, mapping_file=CORPUS / mapping if mapping else None)
        plan = plan_import(prepared.table, prepared.mapping, ws)
        history = History()
        history.push(import_command(WorkshopDocument(ws, wf), plan, prepared.mapping))
        assert ws != snapshot
        assert history.undo()
        assert ws == snapshot
        assert not history.undo()  # one step
        assert history.redo()
        check_workshop(ws, expected(name))


def test_import_ratings_is_kept_as_an_alias(
    board: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = run(capsys, "import-ratings", board, CORPUS / "excel_de.csv")
    assert code == 0, err
    check_workshop(load(board), expected("excel_de.csv"))


def test_the_language_setting_does_not_matter(board: Path) -> None:
    outs = []
    for lang in ("C", "de_DE.UTF-8", "tr_TR.ISO-8859-9"):
        env = {**os.environ, "LANG": lang, "LC_ALL": lang}
        env.pop("PYTHONIOENCODING", None)
        done = subprocess.run(
            [
                sys.executable,
                "-m",
                "trustboard",
                "import",
                str(board),
                str(CORPUS / "excel_de.csv"),
                "--dry-run",
                "--json",
            ],
            env=env,
            capture_output=True,
            check=False,
            timeout=120,
        )
        assert done.returncode == 0, done.stderr.decode("utf-8", "replace")
        outs.append(json.loads(done.stdout.decode("utf-8")))
    assert outs[0] == outs[1] == outs[2]
    assert "(detected), semicolon-separated" in outs[0]["how"]
    assert outs[0]["cards"] == 4


def test_a_workbook_sheet_is_chosen_by_name(
    board: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    args = import_args("microsoft_forms.xlsx", board, "--dry-run", "--json")
    code, out, err = run(capsys, *args, "--sheet", "Form1")
    assert code == 0, err
    assert json.loads(out)["how"] == "Excel workbook, sheet 'Form1'"
    code, _, err = run(capsys, *args, "--sheet", "Responses")
    assert code == 1
    assert "microsoft_forms.xlsx" in err
    assert "Responses" in err


def test_usage_errors_exit_2(board: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        main(["import", str(board)])
    assert exc.value.code == 2
    assert "DATA" in capsys.readouterr().err


def test_a_step_that_fails_halfway_leaves_the_file_as_it_was(
    board: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import trustboard.services.imports.plan as plan_module

    real = plan_module.import_command

    class Halfway:
        def __init__(self, command: Any) -> None:
            self.command = command

        def redo(self) -> None:
            self.command.redo()
            raise ValidationError("cards", "the round is full")

    monkeypatch.setattr(plan_module, "import_command", lambda *a, **k: Halfway(real(*a, **k)))
    before = board.read_bytes()
    code, _, err = run(capsys, *import_args("google_forms.csv", board))
    assert code == 1
    assert "the round is full — nothing was imported" in err
    assert board.read_bytes() == before


@pytest.mark.parametrize(("name", "tool"), [("miro.csv", "Miro"), ("trello.csv", "Trello")])
def test_a_board_export_maps_by_its_headers_without_a_mapping(
    name: str, tool: str, board: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Frames and lists name the cells, tags and labels the kinds: no mapping file needed."""
    code, out, err = run(capsys, "import", board, CORPUS / name)
    assert code == 0, err
    assert f"mapped with the columns of a {tool} layout" in out
    assert "response" not in out
    ws = load(board)
    fw = ws.framework
    want = sorted(
        (c["text"], cell_of(fw, c["element"], c["domain"]), c["kind"], c["author"])
        for c in expected(name)["card_list"]
    )
    have = sorted((c.text, c.cell, c.kind, c.author) for c in ws.current_round.cards.values())
    assert have == want


def test_the_corpus_is_what_its_script_writes(tmp_path: Path) -> None:
    """Data files and hand-worked outcomes match make_corpus.py, byte for byte."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("make_corpus", CORPUS.parent / "make_corpus.py")
    assert spec is not None and spec.loader is not None
    script = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(script)
    script.main(tmp_path)
    written = sorted(p.name for p in tmp_path.iterdir())
    assert written == sorted(p.name for p in CORPUS.iterdir() if p.suffix not in (".toml", ".md"))
    for name in written:
        assert (tmp_path / name).read_bytes() == (CORPUS / name).read_bytes(), name
