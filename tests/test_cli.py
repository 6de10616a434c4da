"""The command line as facilitators script it."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from trustboard.cli import main
from trustboard.store import WorkshopFile

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
        ("competence,mars,as-is,evidence,ok,\n", "row 2, column 'domain': unknown domain 'mars'"),
        ("competence,individuals,later,evidence,ok,\n", "row 2, column 'layer'"),
        ("competence,individuals,as-is,gossip,ok,\n", "row 2, column 'kind': unknown card kind"),
        ("competence,individuals,as-is,evidence,  ,\n", "row 2, column 'text': is empty"),
        ("competence,individuals,as-is,evidence\n", "row 2: has 4 fields"),
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


def test_import_refuses_a_missing_header_column(
    board: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    csv_path = tmp_path / "cards.csv"
    csv_path.write_text("element,domain,text\ncompetence,individuals,x\n", encoding="utf-8")
    code, _, err = run(capsys, "import", str(board), str(csv_path))
    assert code == 1
    assert "row 1, column 'layer': the header lacks this column" in err


def test_import_refuses_non_utf8(
    board: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    csv_path = tmp_path / "cards.csv"
    csv_path.write_bytes(
        (HEADER + "competence,individuals,as-is,evidence,Café,\n").encode("latin-1")
    )
    code, _, err = run(capsys, "import", str(board), str(csv_path))
    assert code == 1
    assert "not UTF-8" in err


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
