"""The command line as facilitators script it."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from trustboard.assets import templates_dir
from trustboard.cli import main
from trustboard.domain.framework import Framework
from trustboard.domain.workshop import new_workshop
from trustboard.paths import UserPaths
from trustboard.store import WorkshopFile
from trustboard.store.lock import lock_path_for

HEADER = "element,domain,layer,kind,text,author\n"


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def board(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    path = tmp_path / "w.trustboard"
    code, out, _ = run(
        capsys,
        "--data-dir",
        str(tmp_path / "d"),
        "new",
        str(path),
        "--template",
        "rtx-trust-framework",
        "--title",
        "Q3 <b>&",
    )
    assert code == 0, out
    return path


def test_templates_lists_the_shipped_ones(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    code, out, _ = run(capsys, "--data-dir", str(tmp_path), "templates")
    assert code == 0
    assert "rtx-trust-framework" in out
    assert "4 × 3" in out


def test_new_then_check(board: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "check", str(board))
    assert code == 0
    assert "Q3 <b>&" in out
    assert "Competence, Reliability, Integrity, Empathy" in out
    code, out, _ = run(capsys, "check", "--json", str(board))
    summary = json.loads(out)
    assert summary["ok"] is True
    assert summary["framework"] == "rtx-trust-framework"
    assert summary["elements"] == ["Competence", "Reliability", "Integrity", "Empathy"]
    assert summary["domains"] == ["Individuals", "Organizations", "Technology"]
    assert (summary["rounds"], summary["cards"], summary["actions"]) == (1, 0, 0)


def test_new_with_an_unknown_template(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "new", str(tmp_path / "x.trustboard"), "--template", "nope")
    assert code == 1
    assert "no template 'nope'" in err
    assert not (tmp_path / "x.trustboard").exists()


def test_check_a_broken_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "bad.trustboard"
    bad.write_text('{"meta": ')
    code, out, err = run(capsys, "check", "--json", str(bad))
    assert code == 1
    assert "truncated" in json.loads(out)["error"]
    assert str(bad) in err


def test_import_cards_all_scripts_and_multiline(
    board: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    csv_path = tmp_path / "cards.csv"
    csv_path.write_text(
        HEADER
        + 'competence,INDIVIDUALS,as-is,evidence,"two\nlines <b>&",Amy\n'
        + " Empathy ,technology,to-be,idea,信頼 🎉 مرحبا,\n"
        + "reliability,organizations,AS-IS,customer-voice,a<b,Bo\n",
        encoding="utf-8",
    )
    code, out, err = run(capsys, "import", str(board), str(csv_path))
    assert code == 0, err
    assert "imported 3 cards" in out
    with WorkshopFile.open(board, read_only=True) as wf:
        cards = sorted(wf.workshop.current_round.cards.values(), key=lambda c: c.text)
    assert [c.text for c in cards] == ["a<b", "two\nlines <b>&", "信頼 🎉 مرحبا"]
    assert cards[2].cell == ("empathy", "technology")
    assert cards[1].author == "Amy"


@pytest.mark.parametrize(
    ("rows", "message"),
    [
        (
            "competence,individuals,as-is,evidence,ok,\nfoo,technology,as-is,idea,x,\n",
            "row 3, column 'element': unknown element 'foo'",
        ),
        (
            "competence,mars,as-is,evidence,ok,\n",
            "row 2, column 'domain': unknown or switched-off domain 'mars'",
        ),
        ("competence,individuals,later,evidence,ok,\n", "row 2, column 'layer'"),
        ("competence,individuals,as-is,gossip,ok,\n", "row 2, column 'kind': unknown card kind"),
        ("competence,individuals,as-is,evidence,  ,\n", "row 2, column 'text'"),
        ("competence,individuals,as-is,evidence\n", "row 2, column 'text'"),
    ],
)
def test_import_is_all_or_nothing(
    board: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], rows: str, message: str
) -> None:
    csv_path = tmp_path / "cards.csv"
    csv_path.write_text(HEADER + rows, encoding="utf-8")
    before = board.read_bytes()
    code, _, err = run(capsys, "import", str(board), str(csv_path))
    assert code == 1
    assert message in err
    assert "nothing was imported" in err
    assert board.read_bytes() == before


def test_import_needs_only_element_domain_and_text(
    board: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    csv_path = tmp_path / "cards.csv"
    csv_path.write_text("element,domain,text\ncompetence,individuals,x\n", encoding="utf-8")
    code, out, err = run(capsys, "import", str(board), str(csv_path))
    assert code == 0, err
    assert "imported 1 card into Round 1" in out
    with WorkshopFile.open(board, read_only=True) as wf:
        (card,) = wf.workshop.current_round.cards.values()
    assert (card.text, card.cell, card.layer.value) == ("x", ("competence", "individuals"), "as-is")


def test_import_reads_a_legacy_encoding(
    board: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    csv_path = tmp_path / "cards.csv"
    csv_path.write_bytes(
        (HEADER + "competence,individuals,as-is,evidence,Café für Größe,\n").encode("cp1252")
    )
    code, out, err = run(capsys, "import", str(board), str(csv_path))
    assert code == 0, err
    assert "(detected)" in out
    with WorkshopFile.open(board, read_only=True) as wf:
        (card,) = wf.workshop.current_round.cards.values()
    assert card.text == "Café für Größe"


def test_data_dir_must_have_a_value(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--data-dir"]) == 2


def test_python_dash_m_runs_the_cli(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "trustboard", "--data-dir", str(tmp_path), "templates"],
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert "rtx-trust-framework" in result.stdout


def test_demo_is_created_in_the_data_dir_once(tmp_path: Path) -> None:
    from trustboard.paths import UserPaths
    from trustboard.services.demo import ensure_demo_file

    paths = UserPaths.under(tmp_path)
    path = ensure_demo_file(paths)
    assert path.is_relative_to(tmp_path)
    stamp = path.stat().st_mtime_ns
    assert ensure_demo_file(paths) == path
    assert path.stat().st_mtime_ns == stamp
    with WorkshopFile.open(path, read_only=True) as wf:
        ws = wf.workshop
    assert len(ws.rounds) == 2
    assert len(ws.current_round.cards) >= 40
    assert any(c.action for c in ws.current_round.cards.values())
    assert ws.current_round.kpis["nps"] > ws.rounds[0].kpis["nps"]


def test_import_onto_a_full_disk_is_a_clear_error_and_changes_nothing(
    board: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    csv_path = tmp_path / "cards.csv"
    csv_path.write_text(HEADER + "competence,individuals,as-is,evidence,ok,\n", encoding="utf-8")
    before = board.read_bytes()

    def full(path: Path, chunks: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("trustboard.store.workshop_file.atomic_write", full)
    code, _, err = run(capsys, "import", str(board), str(csv_path))
    monkeypatch.undo()
    assert code == 1
    assert "could not be saved (No space left on device); it is unchanged" in err
    assert board.read_bytes() == before
    assert not (board.parent / f".{board.name}.lock").exists()


GC_AFTER_START = """
import gc, sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
import trustboard.cli
def report():
    print("shown", gc.isenabled(), flush=True)
    def after():  # the next turn of the loop, once start-up is done
        print("after", gc.isenabled(), gc.get_freeze_count() > 1000, flush=True)
        QApplication.instance().quit()
    QTimer.singleShot(50, after)
import trustboard.ui.main_window as mw
show = mw.MainWindow.show
def show_and_report(window):
    print("building", gc.isenabled(), flush=True)
    show(window)
    report()
mw.MainWindow.show = show_and_report
sys.exit(trustboard.cli.main(["--data-dir", sys.argv[1]]))
"""


def test_the_window_pauses_garbage_collection_only_while_it_starts(tmp_path: Path) -> None:
    """Collection is off while the window is built and back on, start-up frozen, after."""
    result = subprocess.run(
        [sys.executable, "-c", GC_AFTER_START, str(tmp_path)],
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    assert result.returncode == 0, result.stderr
    lines = result.stdout.split("\n")[:3]
    assert lines == ["building False", "shown False", "after True True"]


# -- file text reaches the terminal as text, never as commands -----------------------------

# An OSC 52 clipboard write, a window-title change, a line clear (7-bit and as the one-byte
# C1 CSI), DEL, and a right-to-left override.
HOSTILE_TEXT = "T\x1b]52;c;aGk=\x07 \x1b]0;pwned\x07 \x1b[2K \x9b2K \x7f \u202egpj.exe"
RAW_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


@pytest.fixture
def hostile_board(tmp_path: Path, rtx: Framework) -> Path:
    path = tmp_path / "hostile.trustboard"
    ws = new_workshop(rtx, HOSTILE_TEXT, organisation=HOSTILE_TEXT, round_label=HOSTILE_TEXT)
    WorkshopFile.create(path, ws).close()
    return path


def assert_shown_not_obeyed(text: str) -> None:
    assert not RAW_CONTROLS.search(text), repr(text)
    assert "T\\x1b]52;c;aGk=\\x07" in text  # still there for the reader to see


def test_check_shows_escape_sequences_instead_of_sending_them(
    hostile_board: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(capsys, "check", str(hostile_board))
    assert code == 0
    assert_shown_not_obeyed(out)
    assert "\\x9b2K" in out and "\\u202egpj.exe" in out


def test_check_json_escapes_them_and_still_means_the_same(
    hostile_board: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(capsys, "check", "--json", str(hostile_board))
    assert code == 0
    assert not RAW_CONTROLS.search(out), repr(out)
    assert json.loads(out)["title"] == HOSTILE_TEXT


def test_export_shows_the_round_label_escaped(
    hostile_board: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(capsys, "export", str(hostile_board), "-o", str(tmp_path / "s.pdf"))
    assert code == 0, err
    assert out.startswith("wrote the summary of ")
    assert_shown_not_obeyed(out + err)


def test_templates_shows_names_and_problems_escaped(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    paths = UserPaths.under(tmp_path / "d")
    paths.user_templates.mkdir(parents=True)
    text = (templates_dir() / "trust-stool.toml").read_text(encoding="utf-8")
    text = text.replace('id = "trust-stool"', 'id = "mine"', 1)
    text = text.replace('name = "Three-legged stool of trust"', 'name = "\\u001b]52;c;aGk=\\u0007"')
    (paths.user_templates / "mine.toml").write_text(text, encoding="utf-8")
    (paths.user_templates / "bad\x1b]0;pwned\x07.json").write_text("{ nope")
    code, out, err = run(capsys, "--data-dir", str(paths.data), "templates")
    assert code == 0
    assert "mine" in out and "\\x1b]52;c;aGk=\\x07" in out
    assert "bad\\x1b]0;pwned\\x07.json" in err
    assert not RAW_CONTROLS.search(out + err), repr(out + err)


def test_templates_fails_only_when_nothing_at_all_loads(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import trustboard.services.catalogue as catalogue

    empty = tmp_path / "no-templates"
    empty.mkdir()
    monkeypatch.setattr(catalogue, "templates_dir", lambda: empty)
    paths = UserPaths.under(tmp_path / "d")
    paths.user_templates.mkdir(parents=True)
    (paths.user_templates / "deep.json").write_text("[" * 5_000 + "]" * 5_000)
    code, out, err = run(capsys, "--data-dir", str(paths.data), "templates")
    assert code == 1
    assert out == ""
    assert "deep.json: nests lists or tables more than" in err


def test_the_lock_holders_details_are_shown_escaped(
    board: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    holder = {"pid": 4242, "host": "far\x1b]0;pwned\x07", "user": HOSTILE_TEXT, "since": "now"}
    lock_path_for(board).write_text(json.dumps(holder), encoding="utf-8")  # another computer's
    csv_path = tmp_path / "cards.csv"
    csv_path.write_text(HEADER + "competence,individuals,as-is,evidence,ok,\n", encoding="utf-8")
    code, _, err = run(capsys, "import", str(board), str(csv_path))
    assert code == 1
    # the lock reader itself turns the holder's control characters into "?"
    assert "T?]52;c;aGk=?" in err and "on far?]0;pwned?" in err
    assert not RAW_CONTROLS.search(err), repr(err)


def test_new_works_beside_hostile_user_templates(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    paths = UserPaths.under(tmp_path / "d")
    paths.user_templates.mkdir(parents=True)
    (paths.user_templates / "deep.json").write_text("[" * 5_000 + "]" * 5_000)
    (paths.user_templates / "big.toml").write_text("id = " + "9" * 5_000)
    (paths.user_templates / "zero.toml").symlink_to("/dev/zero")
    target = tmp_path / "w.trustboard"
    code, out, err = run(
        capsys, "--data-dir", str(paths.data), "new", str(target), "--template", "trust-stool"
    )
    assert code == 0, err
    assert f"created {target} from trust-stool" in out
    assert target.is_file()


def test_new_with_a_template_that_was_skipped_says_why(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    paths = UserPaths.under(tmp_path / "d")
    paths.user_templates.mkdir(parents=True)
    (paths.user_templates / "mine.json").write_text("[" * 5_000 + "]" * 5_000)
    target = tmp_path / "w.trustboard"
    code, _, err = run(
        capsys, "--data-dir", str(paths.data), "new", str(target), "--template", "mine"
    )
    assert code == 1
    assert "no template 'mine'" in err
    assert "1 template file could not be used: mine.json: nests lists or tables" in err
    assert not target.exists()


def test_an_import_into_a_file_another_program_changed_says_where_it_went(
    board: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    theirs = board.read_bytes() + b"\n"  # a sync tool brings another version meanwhile
    flush = WorkshopFile.flush

    def flush_after_a_sync(self: WorkshopFile) -> bool:
        board.write_bytes(theirs)
        return flush(self)

    monkeypatch.setattr(WorkshopFile, "flush", flush_after_a_sync)
    csv_path = tmp_path / "cards.csv"
    csv_path.write_text(HEADER + "competence,individuals,as-is,evidence,ours,\n", encoding="utf-8")
    code, out, err = run(capsys, "import", str(board), str(csv_path))
    assert code == 1 and out == ""
    assert "changed by another program" in err
    assert board.read_bytes() == theirs  # their version is left as it came
    (copy,) = [p for p in tmp_path.iterdir() if "conflict" in p.name]
    assert str(copy) in err
    with WorkshopFile.open(copy, read_only=True) as wf:
        assert [c.text for c in wf.workshop.current_round.cards.values()] == ["ours"]
