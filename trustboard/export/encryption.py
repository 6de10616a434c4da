"""Password protection: AES-256 with the PDF 2.0 security handler (V 5, R 6).

reportlab's own AES-256 mode writes revision 5, which ISO 32000-2 deprecates (its
password check is a single SHA-256, cheap to brute-force), and pads its keys so that
pypdf and poppler reject the file. This handler keeps reportlab's machinery for the
document (it asks `encode` for every string and stream) but computes the keys as
revision 6 specifies (algorithms 2.A, 2.B, 8, 9 and 10) and pads exactly once.
AES comes from `pyaes`, which reportlab also uses; no RC4 anywhere.
"""

from __future__ import annotations

import hashlib
import os
from typing import Any

import pyaes
from reportlab.lib.pdfencrypt import StandardEncryption
from reportlab.pdfbase.pdfdoc import DummyDoc, PDFDictionary, PDFName, PDFObject

from trustboard.export.password import check_password, saslprep

_PERMISSIONS = -4  # every permission granted (bits 1-2 must be 0, the rest 1)
_ZERO_IV = bytes(16)


def _aes_cbc(key: bytes, iv: bytes, data: bytes) -> bytes:
    """AES-CBC over whole blocks, no padding (the key-derivation steps want exactly this)."""
    mode = pyaes.AESModeOfOperationCBC(key, iv=iv)
    return b"".join(mode.encrypt(data[i : i + 16]) for i in range(0, len(data), 16))


def hash_2b(password: bytes, salt: bytes, udata: bytes = b"") -> bytes:
    """Algorithm 2.B of ISO 32000-2: the deliberately slow hash behind revision 6."""
    k = hashlib.sha256(password + salt + udata).digest()
    round_ = 0
    while True:
        k1 = (password + k + udata) * 64
        e = _aes_cbc(k[:16], k[16:32], k1)
        digest = (hashlib.sha256, hashlib.sha384, hashlib.sha512)[sum(e[:16]) % 3]
        k = digest(e).digest()
        round_ += 1
        if round_ >= 64 and e[-1] <= round_ - 32:
            return k[:32]


class AES256Encryption(StandardEncryption):  # type: ignore[misc]
    """Open-password protection; the owner password is the same (nothing to unlock beyond)."""

    prepared: int

    def __init__(self, password: str) -> None:
        check_password(password)  # never an open file from a password that prepares to nothing
        super().__init__(password, password, strength=256)
        self._password = saslprep(password)

    def prepare(self, document: Any, overrideID: Any = None) -> None:  # noqa: N803
        if self.prepared:
            raise ValueError("encryption already prepared")
        pw = self._password
        self.key = os.urandom(32)  # the file key every string and stream is encrypted with
        u_salt, uk_salt, o_salt, ok_salt = (os.urandom(8) for _ in range(4))
        self.U = hash_2b(pw, u_salt) + u_salt + uk_salt
        self.UE = _aes_cbc(hash_2b(pw, uk_salt), _ZERO_IV, self.key)
        self.O = hash_2b(pw, o_salt, self.U) + o_salt + ok_salt
        self.OE = _aes_cbc(hash_2b(pw, ok_salt, self.U), _ZERO_IV, self.key)
        self.P = _PERMISSIONS
        perms = (self.P & 0xFFFFFFFF).to_bytes(4, "little") + b"\xff" * 4 + b"Tadb" + os.urandom(4)
        self.Perms = _aes_cbc(self.key, _ZERO_IV, perms)
        self.objnum = self.version = None
        self.prepared = 1

    def encode(self, t: bytes | str) -> bytes:
        """AES-256-CBC with a fresh IV and PKCS#7 padding, as AESV3 requires."""
        if not self.prepared:
            raise ValueError("encryption not prepared")
        data = t.encode("utf-8") if isinstance(t, str) else bytes(t)
        iv = os.urandom(16)
        encrypter = pyaes.Encrypter(pyaes.AESModeOfOperationCBC(self.key, iv=iv))
        return bytes(iv + encrypter.feed(data) + encrypter.feed())

    def info(self) -> PDFObject:
        if not self.prepared:
            raise ValueError("encryption not prepared")
        return _EncryptDictionary(self)


class _EncryptDictionary(PDFObject):  # type: ignore[misc]
    __RefOnly__ = 1

    def __init__(self, enc: AES256Encryption) -> None:
        self.enc = enc

    def format(self, document: Any) -> bytes:
        enc = self.enc
        crypt_filter = PDFDictionary(
            {"CFM": PDFName("AESV3"), "AuthEvent": PDFName("DocOpen"), "Length": 32}
        )
        values = {
            "Filter": PDFName("Standard"),
            "V": 5,
            "R": 6,
            "Length": 256,
            "CF": PDFDictionary({"StdCF": crypt_filter}),
            "StmF": PDFName("StdCF"),
            "StrF": PDFName("StdCF"),
            "O": _hex(enc.O),
            "U": _hex(enc.U),
            "OE": _hex(enc.OE),
            "UE": _hex(enc.UE),
            "Perms": _hex(enc.Perms),
            "P": enc.P,
        }
        return bytes(PDFDictionary(values).format(DummyDoc()))  # DummyDoc: not encrypted itself


class _Hex(PDFObject):  # type: ignore[misc]
    def __init__(self, data: bytes) -> None:
        self.data = data

    def format(self, document: Any) -> bytes:
        return b"<" + self.data.hex().upper().encode("ascii") + b">"


def _hex(data: bytes) -> _Hex:
    return _Hex(data)
