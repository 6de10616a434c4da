"""`trustboard export FILE -o OUT`: the extension chooses the format, `--no-names` holds in
every one, and what cannot be written is refused in words with nothing written."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from openpyxl import load_workbook

from tests.export.helpers import run_cli as run
from trustboard.domain.workshop import Workshop


def _authors(demo: Workshop) -> set[str]:
    return {c.author for r in demo.rounds for c in r.cards.values() if c.author}


def test_xlsx_holds_every_card_and_no_names_when_asked(
    board: Path, tmp_path: Path, demo: Workshop, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "all.xlsx"
    code, stdout, _ = run(capsys, "export", str(board), "-o", str(out), "--no-names")
    assert code == 0 and "wrote the workbook" in stdout
    book = load_workbook(out, read_only=True)
    cards = list(book["Cards"].iter_rows(values_only=True))
    assert len(cards) - 1 == sum(len(r.cards) for r in demo.rounds)
    text = " ".join(str(v) for row in cards for v in row if v is not None)
    assert not any(name in text for name in _authors(demo))


def test_csv_writes_the_cards_or_with_actions_the_action_plan(
    board: Path, tmp_path: Path, demo: Workshop, capsys: pytest.CaptureFixture[str]
) -> None:
    cards, plan = tmp_path / "cards.csv", tmp_path / "plan.csv"
    assert run(capsys, "export", str(board), "-o", str(cards))[0] == 0
    assert run(capsys, "export", str(board), "-o", str(plan), "--actions")[0] == 0
    with cards.open(encoding="utf-8-sig", newline="") as f:
        rows = list(csv.reader(f))
    assert len(rows) - 1 == len(demo.current_round.cards)
    with plan.open(encoding="utf-8-sig", newline="") as f:
        actions = list(csv.reader(f))
    assert len(actions) - 1 == sum(1 for c in demo.current_round.cards.values() if c.action)


@pytest.mark.parametrize("suffix", [".png", ".svg"])
def test_a_picture_of_the_board(
    board: Path, tmp_path: Path, demo: Workshop, capsys: pytest.CaptureFixture[str], suffix: str
) -> None:
    out = tmp_path / f"board{suffix}"
    code, stdout, _ = run(capsys, "export", str(board), "-o", str(out), "--to-be")
    assert code == 0 and "wrote the board picture" in stdout
    assert out.stat().st_size > 10_000
    if suffix == ".svg":
        assert demo.framework.elements[0].name in out.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("name", "extra", "said"),
    [
        ("notes.docx", [], "has no format TrustBoard writes"),
        ("all.xlsx", ["--password-file", "pw.txt"], "a password protects PDFs only"),
    ],
)
def test_what_cannot_be_written_is_refused_and_nothing_written(
    board: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str],
    name: str, extra: list[str], said: str,
) -> None:  # fmt: skip
    (tmp_path / "pw.txt").write_text("a long enough password\n", encoding="utf-8")
    out = tmp_path / name
    args = [a if a != "pw.txt" else str(tmp_path / a) for a in extra]
    code, _, err = run(capsys, "export", str(board), "-o", str(out), *args)
    assert code == 1 and said in err
    assert not out.exists()


def test_slides_for_the_round(
    board: Path, tmp_path: Path, demo: Workshop, capsys: pytest.CaptureFixture[str]
) -> None:
    from pptx import Presentation

    out = tmp_path / "deck.pptx"
    code, stdout, _ = run(capsys, "export", str(board), "-o", str(out), "--no-names")
    assert code == 0 and "wrote the slides" in stdout
    deck = Presentation(str(out))
    assert len(deck.slides) >= 7
    xml = b"".join(part.blob for part in deck.part.package.iter_parts())
    assert not any(name.encode() in xml for name in demo.participants)
