"""Password protection: AES-256 with the PDF 2.0 security handler (V 5, R 6), by pypdf.

The PDF is laid out unencrypted in memory and the finished bytes are encrypted here, so
the key derivation (ISO 32000-2 algorithms 2.A, 2.B, 8, 9 and 10) and the AES come from
maintained libraries (pypdf over `cryptography`) instead of code we keep ourselves. Every
string and stream is encrypted, the document information (title, author) included; the
open password is also the owner password (there is nothing to unlock beyond opening).
The unencrypted bytes never touch the disk: the caller writes only what this returns.
"""

from __future__ import annotations

import io

from trustboard.export.options import ExportError
from trustboard.export.password import check_password, saslprep

__all__ = ["encrypt_pdf", "saslprep"]


def encrypt_pdf(data: bytes, password: str) -> bytes:
    """The PDF in `data`, encrypted with AES-256 (revision 6) so that `password` opens it.

    Raises ExportError with a reason for the user when the password cannot protect a PDF
    or the encryption library is missing.
    """
    check_password(password)  # never an open file from a password that prepares to nothing
    try:
        from pypdf import PdfReader, PdfWriter
        from pypdf._crypt_providers import crypt_provider
    except ImportError as exc:
        raise ExportError(f"password protection is not available here: {exc}") from exc
    if crypt_provider[0] != "cryptography":  # pypdf's fallback cannot do AES at all
        raise ExportError(
            "password protection is not available here: the 'cryptography' library is missing"
        )
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(data)))
    # pypdf prepares the password with SASLprep only when it can import a helper it does not
    # depend on; hand it the prepared bytes' text so every reader's preparation agrees.
    prepared = saslprep(password).decode("utf-8")
    writer.encrypt(user_password=prepared, owner_password=prepared, algorithm="AES-256")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()
