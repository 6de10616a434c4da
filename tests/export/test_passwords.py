"""A PDF password that would not protect the file, or would be cut, is refused with a reason."""

from __future__ import annotations

from pathlib import Path

import pytest

from trustboard.domain.workshop import Workshop
from trustboard.export import ExportError, SummaryOptions, write_summary
from trustboard.export.password import MAX_BYTES, password_problem, saslprep

# Soft hyphen, zero-width space and joiner, word joiner: SASLprep maps them all to nothing.
VANISHING = "\u00ad\u200b\u200d\u2060"


@pytest.mark.parametrize("password", [VANISHING, "\u00ad", "\ufeff\u200b"])
def test_a_password_that_prepares_to_nothing_is_refused(
    password: str, demo: Workshop, tmp_path: Path
) -> None:
    assert saslprep(password) == b""
    assert "invisible" in (password_problem(password) or "")
    out = tmp_path / "out.pdf"
    with pytest.raises(ExportError, match="would open without one"):
        write_summary(demo, demo.current_round_id, out, SummaryOptions(password=password))
    assert not out.exists()


@pytest.mark.parametrize("password", ["x" * (MAX_BYTES + 1), "ü" * 64, "信" * 43])
def test_a_password_over_127_bytes_is_refused_not_cut(
    password: str, demo: Workshop, tmp_path: Path
) -> None:
    assert len(saslprep(password)) > MAX_BYTES
    out = tmp_path / "out.pdf"
    with pytest.raises(ExportError, match="at most 127 bytes"):
        write_summary(demo, demo.current_round_id, out, SummaryOptions(password=password))
    assert not out.exists()


@pytest.mark.parametrize("password", ["x" * MAX_BYTES, "ü" * 63, "  ", "Vertrauen – 信頼"])
def test_passwords_a_reader_can_type_are_accepted(password: str) -> None:
    assert password_problem(password) is None


def test_a_broken_character_in_a_password_is_refused() -> None:
    assert "broken" in (password_problem("pass\ud800word") or "")
