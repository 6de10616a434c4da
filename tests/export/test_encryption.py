"""A password-protected PDF: AES-256 with the PDF 2.0 handler, and only the password opens it.

reportlab encrypts each string and stream as it writes, with pypdf's key derivation and the
AES of 'cryptography'; these tests read it back with pypdf, poppler and qpdf.
"""

from __future__ import annotations

import io
import re
import subprocess
import sys
import zlib
from collections.abc import Iterator
from pathlib import Path

import pytest
from pypdf import PdfReader

from tests.export.helpers import need, normalise, pdftotext, pypdf_text
from trustboard.domain.framework import Framework
from trustboard.domain.workshop import Workshop
from trustboard.export import ExportError, SummaryOptions, write_summary
from trustboard.export.encryption import saslprep
from trustboard.services.demo import demo_workshop

PASSWORD = "Vertrauen ist gut – 信頼"


@pytest.fixture(scope="module")
def locked(tmp_path_factory: pytest.TempPathFactory, rtx: Framework) -> Iterator[Path]:
    """One encrypted summary for the module: the slow password hash runs once."""
    from reportlab import rl_config

    before, rl_config.invariant = rl_config.invariant, 1
    ws = demo_workshop(rtx)
    out = tmp_path_factory.mktemp("locked") / "locked.pdf"
    write_summary(ws, ws.current_round_id, out, SummaryOptions(password=PASSWORD))
    yield out
    rl_config.invariant = before


def test_the_password_is_needed(locked: Path) -> None:
    reader = PdfReader(locked)
    assert reader.is_encrypted
    assert not reader.decrypt("wrong")
    assert "Action plan" in pypdf_text(locked, PASSWORD)
    assert "Action plan" in pdftotext(locked, PASSWORD)
    failed = subprocess.run(
        [need("pdftotext", "poppler-utils"), str(locked), "-"], capture_output=True, check=False
    )
    assert failed.returncode != 0


def test_it_is_aes_256_revision_6(locked: Path) -> None:
    encrypt = PdfReader(locked).trailer["/Encrypt"].get_object()
    assert (encrypt["/V"], encrypt["/R"], encrypt["/Length"]) == (5, 6, 256)
    assert encrypt["/CF"]["/StdCF"]["/CFM"] == "/AESV3"
    assert (encrypt["/StmF"], encrypt["/StrF"]) == ("/StdCF", "/StdCF")
    # Byte lengths: pypdf decodes a random key that happens to look like text into a
    # string of another length, which made this test fail now and then.
    assert len(_bytes(encrypt["/O"])) == len(_bytes(encrypt["/U"])) == 48
    assert len(_bytes(encrypt["/OE"])) == len(_bytes(encrypt["/UE"])) == 32
    assert len(_bytes(encrypt["/Perms"])) == 16


def _bytes(value: object) -> bytes:
    """The raw bytes of a PDF string, whether pypdf read it as bytes or as text."""
    raw = getattr(value, "original_bytes", value)
    assert isinstance(raw, bytes), type(value)
    return raw


def test_qpdf_accepts_it(locked: Path) -> None:
    qpdf = need("qpdf", "qpdf")
    shown = subprocess.run(
        [qpdf, f"--password={PASSWORD}", "--show-encryption", str(locked)],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert "R = 6" in shown
    assert "stream encryption method: AESv3" in shown
    check = subprocess.run(
        [qpdf, f"--password={PASSWORD}", "--check", str(locked)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert check.returncode == 0, check.stdout + check.stderr


def test_the_title_is_encrypted_too(locked: Path) -> None:
    reader = PdfReader(locked)
    reader.decrypt(PASSWORD)
    assert reader.metadata is not None
    assert reader.metadata.title == "Customer trust workshop"
    assert b"Customer trust workshop" not in locked.read_bytes()


def test_saslprep_maps_spaces_and_drops_invisibles() -> None:
    assert saslprep("a\u00a0b\u00adc") == b"a bc"
    assert saslprep("\u2168") == b"IX"  # NFKC
    assert len(saslprep("x" * 300)) == 300  # not cut: a password this long is refused


def test_qpdf_refuses_a_wrong_password(locked: Path) -> None:
    qpdf = need("qpdf", "qpdf")
    wrong = subprocess.run(
        [qpdf, "--password=Vertrauen", "--check", str(locked)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert wrong.returncode != 0
    assert "invalid password" in (wrong.stdout + wrong.stderr).lower()


def test_every_page_and_stream_is_encrypted(demo: Workshop, tmp_path: Path) -> None:
    plain, locked = tmp_path / "open.pdf", tmp_path / "locked.pdf"
    write_summary(demo, demo.current_round_id, plain, SummaryOptions())
    write_summary(demo, demo.current_round_id, locked, SummaryOptions(password=PASSWORD))
    reader = PdfReader(locked)
    assert reader.is_encrypted
    assert not reader.decrypt("")
    assert reader.decrypt(PASSWORD)
    assert len(reader.pages) == len(PdfReader(plain).pages)
    assert normalise(pdftotext(locked, PASSWORD)) == normalise(pdftotext(plain))
    streams = re.findall(rb"stream\r?\n(.*?)endstream", locked.read_bytes(), re.S)
    assert len(streams) > 10
    for raw in streams:  # an unencrypted stream would inflate; an encrypted one cannot
        with pytest.raises(zlib.error):
            zlib.decompress(raw)
    from importlib.metadata import requires

    assert not [r for r in requires("trustboard") or [] if r.startswith("pyaes")]


def test_only_encrypted_bytes_reach_the_disk(
    demo: Workshop, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Written once, atomically, beside the target: no open copy, no temp file left."""
    from trustboard.export import pdf_builder

    written: list[tuple[Path, bytes]] = []
    real = pdf_builder.atomic_write

    def spy(path: Path, data: bytes) -> object:
        written.append((path, bytes(data)))
        return real(path, data)

    monkeypatch.setattr(pdf_builder, "atomic_write", spy)
    out = tmp_path / "locked.pdf"
    write_summary(demo, demo.current_round_id, out, SummaryOptions(password=PASSWORD))
    assert [path for path, _ in written] == [out]
    assert PdfReader(io.BytesIO(written[0][1])).is_encrypted
    assert demo.title.encode() not in written[0][1]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["locked.pdf"]


def test_a_prepared_password_opens_it(demo: Workshop, tmp_path: Path) -> None:
    """Readers prepare the typed password (SASLprep): a no-break space is a space."""
    out = tmp_path / "spaced.pdf"
    write_summary(demo, demo.current_round_id, out, SummaryOptions(password="trust\u00a0me\u00ad"))
    assert "Action plan" in pypdf_text(out, "trust me")
    assert "Action plan" in pdftotext(out, "trust me")


def test_without_the_aes_library_nothing_is_written(
    demo: Workshop, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "cryptography.hazmat.primitives.ciphers", None)
    out = tmp_path / "locked.pdf"
    with pytest.raises(ExportError, match="'cryptography' library is missing"):
        write_summary(demo, demo.current_round_id, out, SummaryOptions(password=PASSWORD))
    assert list(tmp_path.iterdir()) == []


def test_unencrypted_exports_say_so(demo: Workshop, tmp_path: Path) -> None:
    out = tmp_path / "open.pdf"
    write_summary(demo, demo.current_round_id, out, SummaryOptions())
    assert not PdfReader(out).is_encrypted
    assert normalise(demo.title) in normalise(pdftotext(out))
