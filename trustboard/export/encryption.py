"""Password protection: AES-256 with the PDF 2.0 security handler (V 5, R 6).

reportlab encrypts each string and stream as it writes the PDF, through its encryption
hook (`prepare`, `encode`, `info`); this module fills that hook with maintained code: the
key derivation (ISO 32000-2 algorithms 2.A, 2.B, 8, 9 and 10) is pypdf's, the AES is
`cryptography`'s. Nothing is laid out twice and the open bytes never exist: the PDF is
encrypted as it is written, so a protected export costs the key derivation and the AES of
its objects, not a second parse and write of the whole file. Every string and stream is
encrypted, the document information (title, author) included; the open password is also
the owner password (there is nothing to unlock beyond opening).
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, Any

from reportlab.lib.pdfencrypt import StandardEncryption, StandardEncryptionDictionary

from trustboard.export.options import ExportError
from trustboard.export.password import check_password, saslprep
from trustboard.i18n import _

if TYPE_CHECKING:
    from collections.abc import Callable

__all__ = ["pdf_encryption", "saslprep"]

REVISION = 6
# Every permission granted (bits 1-2 zero as the handler requires, the rest set): the
# password keeps people out; it does not pretend to stop those it lets in.
ALL_PERMISSIONS = -4


def pdf_encryption(password: str) -> StandardEncryption:
    """reportlab's encryption for a PDF that `password` opens (AES-256, revision 6).

    Raises ExportError with a reason for the user when the password cannot protect a PDF
    or the libraries it needs are missing.
    """
    check_password(password)  # never an open file from a password that prepares to nothing
    derive, encryptor = _libraries()
    return _AesV3(saslprep(password), derive, encryptor)


def _libraries() -> tuple[Callable[..., dict[Any, Any]], Callable[[bytes, bytes], Any]]:
    try:
        from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes
        from pypdf._encryption import AlgV5
    except ImportError as exc:
        missing = (getattr(exc, "name", None) or str(exc)).split(".")[0]
        raise ExportError(
            _(
                "password protection is not available here: the '{library}' library is missing"
            ).format(library=missing)
        ) from exc

    def encryptor(key: bytes, iv: bytes) -> Any:
        return Cipher(algorithms.AES(key), modes.CBC(iv)).encryptor()

    return AlgV5.generate_values, encryptor


class _AesV3(StandardEncryption):  # type: ignore[misc]  # reportlab has no type hints
    """reportlab's hook: `prepare` once per document, then `encode` every string and stream."""

    def __init__(
        self,
        password: bytes,
        derive: Callable[..., dict[Any, Any]],
        encryptor: Callable[[bytes, bytes], Any],
    ) -> None:
        super().__init__(password, password)
        self.revision = REVISION
        self._password = password
        self._derive = derive
        self._encryptor = encryptor
        self.prepared: int = 0

    def prepare(self, document: Any, overrideID: Any = None) -> None:  # noqa: N803 - reportlab's
        if self.prepared:
            raise ValueError("encryption already prepared")
        document.ID()  # the file identifier, as reportlab writes it for any PDF
        self.P = ALL_PERMISSIONS
        self.key = os.urandom(32)
        unsigned = self.P & 0xFFFFFFFF  # /P is signed in the file, unsigned in /Perms
        values = self._derive(REVISION, self._password, self._password, self.key, unsigned, True)
        self.U, self.UE = values["/U"], values["/UE"]
        self.O, self.OE = values["/O"], values["/OE"]
        self.Perms = values["/Perms"]
        self.objnum = self.version = None
        self.prepared = 1

    def encode(self, t: bytes | str) -> bytes:
        """One string or stream: a random IV, then AES-256-CBC with PKCS #7 padding."""
        if not self.prepared:
            raise ValueError("encryption not prepared")
        data = t.encode("utf-8") if isinstance(t, str) else bytes(t)
        pad = 16 - len(data) % 16
        iv = os.urandom(16)
        cipher = self._encryptor(self.key, iv)
        return bytes(iv + cipher.update(data + bytes([pad]) * pad) + cipher.finalize())

    def info(self) -> StandardEncryptionDictionary:
        if not self.prepared:
            raise ValueError("encryption not prepared")
        return _Dictionary(self.O, self.OE, self.U, self.UE, self.P, self.Perms, REVISION)


class _Dictionary(StandardEncryptionDictionary):  # type: ignore[misc]
    """/Encrypt for the PDF 2.0 handler: V 5, R 6, the AESV3 crypt filter for all."""

    def format(self, document: Any) -> bytes:
        from reportlab.lib.pdfencrypt import hexText
        from reportlab.pdfbase.pdfdoc import DummyDoc, PDFDictionary, PDFName

        filter_ = {"Length": 32, "AuthEvent": PDFName("DocOpen"), "CFM": PDFName("AESV3")}
        entries = {
            "Filter": PDFName("Standard"),
            "V": 5,
            "R": REVISION,
            "Length": 256,
            "P": self.P,
            "O": hexText(self.O),
            "U": hexText(self.U),
            "OE": hexText(self.OE),
            "UE": hexText(self.UE),
            "Perms": hexText(self.Perms),
            "CF": PDFDictionary({"StdCF": PDFDictionary(filter_)}),
            "StmF": PDFName("StdCF"),
            "StrF": PDFName("StdCF"),
        }
        result: bytes = PDFDictionary(entries).format(DummyDoc())  # the dictionary is not encrypted
        return result
