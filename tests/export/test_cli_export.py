"""`trustboard export`: exit codes and messages a script can rely on."""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader

from tests.export.helpers import normalise, pdftotext
from tests.export.helpers import run_cli as run
from trustboard.cli import main
from trustboard.domain.workshop import Workshop


def test_export_the_summary(
    board: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "summary.pdf"
    code, stdout, _ = run(capsys, "export", str(board), "-o", str(out))
    assert code == 0
    assert "wrote the summary of Q2 review" in stdout
    assert "Amara Okafor" in pdftotext(out)


def test_export_full_letter_no_names(
    board: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "report.pdf"
    code, _, _ = run(
        capsys, "export", str(board), "-o", str(out), "--full", "--no-names", "--paper", "letter"
    )
    assert code == 0
    reader = PdfReader(out)
    assert len(reader.pages) > 3
    assert float(reader.pages[0].mediabox.width) == 612
    assert normalise("Amara Okafor") not in normalise(pdftotext(out))


def test_export_with_a_password_file(
    board: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    secret = tmp_path / "pw.txt"
    secret.write_text("s3cret pass\n", encoding="utf-8")
    out = tmp_path / "locked.pdf"
    code, _, _ = run(capsys, "export", str(board), "-o", str(out), "--password-file", str(secret))
    assert code == 0
    reader = PdfReader(out)
    assert reader.is_encrypted and reader.decrypt("s3cret pass")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["{missing}", "-o", "{out}"], "does not exist"),
        (["{board}", "-o", "{tmp}/no/such/folder/x.pdf"], "does not exist"),
        (["{board}", "-o", "{tmp}"], "is a folder"),
        (["{board}", "-o", "{board}"], "would replace the workshop file"),
        (["{board}", "-o", "{out}", "--password-file", "{tmp}/nope.txt"], "password file"),
        (["{board}", "-o", "{out}", "--password-file", "{empty}"], "is empty"),
        (["{garbage}", "-o", "{out}"], "garbage.trustboard"),
    ],
)
def test_errors_exit_1_with_a_message(
    board: Path, tmp_path: Path, args: list[str], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "empty.txt").write_text("\n")
    (tmp_path / "garbage.trustboard").write_text("{not json")
    values = {
        "board": board,
        "tmp": tmp_path,
        "out": tmp_path / "o.pdf",
        "missing": tmp_path / "missing.trustboard",
        "empty": tmp_path / "empty.txt",
        "garbage": tmp_path / "garbage.trustboard",
    }
    code, _, err = run(capsys, "export", *[a.format(**values) for a in args])
    assert code == 1
    assert err.startswith("trustboard: ")
    assert message in err
    assert not (tmp_path / "o.pdf").exists()


def test_usage_errors_exit_2(board: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        main(["export", str(board)])  # no -o
    assert exc.value.code == 2
    with pytest.raises(SystemExit) as exc:
        main(["export", str(board), "-o", "x.pdf", "--paper", "a3"])
    assert exc.value.code == 2


@pytest.mark.parametrize(
    ("password", "message"),
    [("\u00ad\u200b", "would open without one"), ("p" * 128, "at most 127 bytes")],
)
def test_a_password_the_pdf_cannot_use_is_refused_on_the_command_line(
    board: Path,
    tmp_path: Path,
    password: str,
    message: str,
    capsys: pytest.CaptureFixture[str],
) -> None:
    secret = tmp_path / "pw.txt"
    secret.write_text(password + "\n", encoding="utf-8")
    out = tmp_path / "locked.pdf"
    code, stdout, stderr = run(
        capsys, "export", str(board), "-o", str(out), "--password-file", str(secret)
    )
    assert code == 1
    assert message in stderr and "Traceback" not in stderr
    assert stdout == ""
    assert not out.exists()


def test_export_full_with_details_keeps_raw_scores(
    board: Path, demo: Workshop, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    rating = next(r for r in demo.current_round.ratings.values() if len(r.scores) > 1)
    raw = "(" + ", ".join(str(s) for s in sorted(rating.scores)) + ")"
    plain, detailed = tmp_path / "plain.pdf", tmp_path / "detailed.pdf"
    assert run(capsys, "export", str(board), "-o", str(plain), "--full")[0] == 0
    assert run(capsys, "export", str(board), "-o", str(detailed), "--full", "--details")[0] == 0
    assert raw not in " ".join(pdftotext(plain).split())
    assert raw in " ".join(pdftotext(detailed).split())
