"""Read a survey export, spreadsheet or board export into a plain table of text.

CSV and TSV in any common delimiter and encoding, and Excel workbooks (.xlsx). A file is
data: nothing in it is evaluated, and a cell starting with = + - @ stays text. What cannot
be read is refused with a sentence naming the file, the row and what to do.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import re
import warnings
import zipfile
import zlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from trustboard.i18n import N_, _, format_number
from trustboard.services.import_errors import ImportFileError

MAX_IMPORT_BYTES = 100 * 1024 * 1024  # bigger files are refused with a clear message

Progress = Callable[[float], bool]

_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # a Compound File: encrypted xlsx, or old .xls
_ZIP = b"PK\x03\x04"
_BINARY = {
    b"\x89PNG": N_("is a PNG image, not a CSV or Excel file; choose the survey export instead"),
    b"\xff\xd8\xff": N_(
        "is a JPEG image, not a CSV or Excel file; choose the survey export instead"
    ),
    b"GIF8": N_("is a GIF image, not a CSV or Excel file; choose the survey export instead"),
    b"%PDF": N_("is a PDF document, not a CSV or Excel file; choose the survey export instead"),
    b"\x1f\x8b": N_("is a gzip archive, not a CSV or Excel file; choose the survey export instead"),
    b"Rar!": N_("is a RAR archive, not a CSV or Excel file; choose the survey export instead"),
    b"7z\xbc\xaf": N_(
        "is a 7-Zip archive, not a CSV or Excel file; choose the survey export instead"
    ),
}
_DELIMITERS = ",;\t|"
_DELIMITER_NAMES = {
    # Translators: how a CSV file's fields are separated, said as "CSV, UTF-8, comma-separated"
    ",": N_("comma-separated"),
    ";": N_("semicolon-separated"),
    "\t": N_("tab-separated"),
    "|": N_("pipe-separated"),
}
_ENCODING_NAMES = {
    "cp1252": "Windows-1252",
    "cp1250": "Windows-1250",
    "cp1251": "Windows-1251",
    "latin_1": "ISO-8859-1",
    "iso8859_15": "ISO-8859-15",
    "mac_roman": "Mac Roman",
    "shift_jis": "Shift JIS",
    "cp932": "Shift JIS (Windows)",
    "euc_jp": "EUC-JP",
    "gb2312": "GB2312",
    "gb18030": "GB18030",
    "big5": "Big5",
    "euc_kr": "EUC-KR",
    "cp949": "EUC-KR (Windows)",
    "koi8_r": "KOI8-R",
    "utf_8": "UTF-8",
    "ascii": "ASCII",
}
_QUALTRICS_IMPORT = re.compile(r'^\s*\{\s*"ImportId"\s*:')
_SM_SUBHEADERS = {"response", "open-ended response", "other (please specify)"}
_PROGRESS_EVERY = 1000


class TableError(ImportFileError):
    """A file that cannot be read as a table; nothing was imported."""


class ImportCancelled(ImportFileError):  # noqa: N818 (the contract's name)
    """The person cancelled reading or planning; nothing was imported."""


@dataclass(frozen=True)
class Table:
    source: str  # the file's name, for messages
    header_rows: list[list[str]]  # every header row (1; SurveyMonkey 2; Qualtrics 3)
    columns: list[str]  # the header row that names the columns (the first)
    rows: list[list[str]]  # data rows, each padded/cut to len(columns)
    first_row: int  # the file row number (1-based) of rows[0]
    how: str  # said to the user: "CSV, UTF-8, comma-separated"
    sha256: str  # of the file's bytes

    def row_number(self, index: int) -> int:
        """The file row number of rows[index]."""
        return self.first_row + index


def read_table(path: Path, *, sheet: str | None = None, progress: Progress | None = None) -> Table:
    """Read a CSV, TSV or XLSX file; TableError says why one cannot be read."""
    name = path.name
    try:
        size = path.stat().st_size
        if size > MAX_IMPORT_BYTES:
            raise _too_big(name, size)
        data = path.read_bytes()
    except OSError as exc:
        raise TableError(
            name,
            None,
            None,
            _("cannot be read ({reason}); check the file and try again").format(
                reason=exc.strerror
            ),
        ) from None
    return read_bytes(data, name, sheet=sheet, progress=progress)


def read_bytes(
    data: bytes, name: str, *, sheet: str | None = None, progress: Progress | None = None
) -> Table:
    """Read a file's bytes (`name` is used in messages and to tell CSV from XLSX)."""
    if len(data) > MAX_IMPORT_BYTES:
        raise _too_big(name, len(data))
    if not data.strip():
        raise TableError(
            name, None, None, _("is empty; export the survey again and choose this file")
        )
    digest = hashlib.sha256(data).hexdigest()
    head = data[:8]
    if head.startswith(_OLE):
        if _is_encrypted(data):
            raise TableError(
                name, None, None,
                _("is protected with a password; save it without one (in Excel: File → Info → "
                "Protect Workbook → Encrypt with Password, clear the password) and import it again"),
            )  # fmt: skip
        raise TableError(
            name, None, None,
            _("is an old Excel 97–2003 workbook (.xls); save it as an Excel workbook (.xlsx) or CSV and import that"),
        )  # fmt: skip
    if head.startswith(_ZIP):
        grid, how = _read_xlsx(data, name, sheet, progress)
    else:
        for magic, what in _BINARY.items():
            if head.startswith(magic):
                raise TableError(name, None, None, _(what))
        text, encoding = _decode(data, name)
        grid, how = _read_csv(text, name, encoding, progress)
    return _table(grid, name, how, digest)


def _too_big(name: str, size: int) -> TableError:
    mb = MAX_IMPORT_BYTES // (1024 * 1024)
    return TableError(
        name, None, None,
        _("is {size} MB; the limit is {limit} MB — export fewer responses "
        "(a date range) and import them in parts").format(
            size=format_number(round(size / (1024 * 1024))), limit=format_number(mb)
        ),
    )  # fmt: skip


def _is_encrypted(data: bytes) -> bool:
    """An Office file encrypted with a password has EncryptionInfo in its Compound File."""
    return "EncryptionInfo".encode("utf-16-le") in data or b"EncryptedPackage" in data


def _cancelled(name: str) -> ImportCancelled:
    return ImportCancelled(name, None, None, _("reading was cancelled; nothing was imported"))


# -- CSV ---------------------------------------------------------------------------------


def _decode(data: bytes, name: str) -> tuple[str, str]:
    """The text and the encoding's name as said to the person ("UTF-8", "Windows-1252 (detected)")."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace"), "UTF-8"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16"), "UTF-16"
        except UnicodeDecodeError:
            raise TableError(
                name, None, None, _("starts as UTF-16 text but is broken; export it again")
            ) from None
    try:
        return data.decode("utf-8"), "UTF-8"
    except UnicodeDecodeError:
        pass
    sample = data[:4096]
    if b"\x00" in sample:
        # UTF-16 without its mark: every other byte of Latin text is NUL
        for encoding, nuls in (("utf-16-le", sample[1::2]), ("utf-16-be", sample[0::2])):
            if nuls.count(0) > len(nuls) * 0.9:
                try:
                    return data.decode(encoding), "UTF-16"
                except UnicodeDecodeError:
                    break
    if b"\x00" in sample:
        raise TableError(
            name,
            None,
            None,
            _(
                "is not a CSV or Excel file (it holds binary data); choose the survey export "
                "instead"
            ),
        )
    from charset_normalizer import from_bytes

    results = from_bytes(data)
    best = results.best()
    if best is not None:
        # Excel on Windows saves "CSV" in Windows-1252; on a tie it is the likelier reading.
        western = next((m for m in results if m.encoding == "cp1252"), None)
        if western is not None and (western.chaos, -western.coherence) <= (
            best.chaos,
            -best.coherence,
        ):
            best = western
    if best is None:
        raise TableError(
            name, None, None,
            _("is not text in an encoding TrustBoard recognises; save it as CSV UTF-8 and try again"),
        )  # fmt: skip
    encoding = best.encoding
    if "cp1252" in best.could_be_from_charset:
        encoding = "cp1252"  # the same text either way: name the encoding people know
    # Translators: an encoding TrustBoard guessed, such as "Windows-1252 (detected)"
    return str(best), _("{encoding} (detected)").format(
        encoding=_ENCODING_NAMES.get(encoding, encoding)
    )


def _delimiter(text: str) -> str:
    sample = text[:32768]
    cut = sample.rfind("\n")
    if cut > 0 and len(text) > len(sample):
        sample = sample[:cut]
    first_line = sample.split("\n", 1)[0]
    try:
        found = csv.Sniffer().sniff(sample, delimiters=_DELIMITERS).delimiter
    except csv.Error:
        found = ""
    counts = {d: first_line.count(d) for d in _DELIMITERS}
    if found and counts.get(found, 0) > 0:
        return found
    best = max(_DELIMITERS, key=lambda d: counts[d])
    return best if counts[best] else ","


def _read_csv(
    text: str, name: str, encoding: str, progress: Progress | None
) -> tuple[list[list[str]], str]:
    delimiter = _delimiter(text)
    how = f"CSV, {encoding}, {_(_DELIMITER_NAMES[delimiter])}"
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    grid: list[list[str]] = []
    lines = max(1, text.count("\n"))
    try:
        for row in reader:
            grid.append(row)
            if (
                progress is not None
                and len(grid) % _PROGRESS_EVERY == 0
                and not progress(min(0.99, reader.line_num / lines))
            ):
                raise _cancelled(name)
    except csv.Error as exc:
        raise TableError(
            name, len(grid) + 1, None,
            _("is not valid CSV ({problem}); check for a stray quote mark there, or export the file again").format(problem=exc),
        ) from None  # fmt: skip
    if progress is not None and not progress(1.0):
        raise _cancelled(name)
    return grid, how


# -- XLSX --------------------------------------------------------------------------------


def _cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if value.is_integer() and abs(value) < 1e15:
            return str(int(value))
        return f"{value:.15g}"
    if isinstance(value, dt.datetime):
        if value.time() == dt.time(0):
            return value.date().isoformat()
        return value.isoformat(sep=" ", timespec="seconds")
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    return str(value)


# a damaged workbook can fail deep inside zipfile and zlib while a sheet is streamed
_BROKEN_ZIP = (KeyError, ValueError, OSError, zlib.error, EOFError)


def _read_xlsx(
    data: bytes, name: str, sheet: str | None, progress: Progress | None
) -> tuple[list[list[str]], str]:
    import openpyxl
    from openpyxl.utils.exceptions import InvalidFileException

    not_xlsx = _("is not an Excel workbook (.xlsx) or CSV; choose the survey export instead")
    try:
        # openpyxl warns of what it leaves out (styles, data validation, extensions): none
        # of it matters for reading the values, and the warnings would only alarm people.
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, InvalidFileException, *_BROKEN_ZIP):
        raise TableError(name, None, None, not_xlsx) from None
    try:
        sheets = list(book.worksheets)
        if sheet is not None:
            chosen = next((ws for ws in sheets if ws.title == sheet), None)
            if chosen is None:
                known = ", ".join(repr(ws.title) for ws in sheets)
                raise TableError(
                    name,
                    None,
                    None,
                    _("has no sheet {sheet} (its sheets: {known}); choose one of those").format(
                        sheet=repr(sheet), known=known
                    ),
                )
        else:
            chosen = next((ws for ws in sheets if ws.sheet_state == "visible"), None)
            if chosen is None:
                raise TableError(
                    name,
                    None,
                    None,
                    _("has no visible sheet; show the sheet with the answers and save it again"),
                )
        if not hasattr(chosen, "reset_dimensions"):
            raise TableError(
                name,
                None,
                None,
                _(
                    "sheet {sheet} is a chart, not a table; choose the sheet with the answers"
                ).format(sheet=repr(chosen.title)),
            )
        grid = _sheet_rows(book, chosen, name, progress)
    except (zipfile.BadZipFile, SyntaxError, IndexError, *_BROKEN_ZIP):
        raise TableError(name, None, None, not_xlsx) from None
    finally:
        book.close()
    if progress is not None and not progress(1.0):
        raise _cancelled(name)
    return grid, _("Excel workbook, sheet {sheet}").format(sheet=repr(chosen.title))


_REF = re.compile(r"^([A-Z]{1,3})([0-9]+)$")


def _column_index(letters: str) -> int:
    index = 0
    for ch in letters:
        index = index * 26 + ord(ch) - 64
    return index - 1


def _sheet_rows(book: Any, sheet: Any, name: str, progress: Progress | None) -> list[list[str]]:
    """The sheet's cells as shown, parsed straight from its XML.

    openpyxl opens the workbook (sheets, shared strings, which styles are dates); the cells
    are read here in one pass, three times faster than cell objects, and a formula whose
    value was never calculated is refused by its cell.
    """
    from xml.etree.ElementTree import iterparse

    from openpyxl.utils.datetime import from_excel

    part = sheet._worksheet_path
    shared = sheet._shared_strings  # the workbook's own list stays empty in read-only mode
    dates: set[int] = getattr(book, "_date_formats", set())
    durations: set[int] = getattr(book, "_timedelta_formats", set())
    epoch = getattr(book, "epoch", None)
    size = max(1, book._archive.getinfo(part).file_size)
    grid: list[list[str]] = []
    row_tag = ""  # the namespaced tags, learnt from the first row (any namespace will do)
    v_tag = is_tag = f_tag = t_tag = r_tag = ""
    with book._archive.open(part) as src:
        for _event, element in iterparse(src, events=("end",)):
            if element.tag != row_tag:
                if element.tag.rpartition("}")[2] != "row":
                    continue
                row_tag = element.tag
                ns = row_tag[: -len("row")]
                v_tag, is_tag, f_tag, t_tag, r_tag = (ns + t for t in ("v", "is", "f", "t", "r"))
            number = element.get("r")
            if number is not None and number.isdigit():
                while len(grid) < int(number) - 1:
                    grid.append([])
            row: list[str] = []
            for cell in element:
                found = _REF.match(cell.get("r") or "")
                if found is not None:
                    col = _column_index(found.group(1))
                    if col > len(row):
                        row.extend([""] * (col - len(row)))
                kind = cell.get("t", "n")
                value: str | None = None
                formula = cached = False
                for child in cell:
                    tag = child.tag
                    if tag == v_tag:
                        value, cached = child.text, True
                    elif tag == is_tag:
                        # its text, and rich-text runs' text; not phonetic guides (rPh)
                        value = "".join(
                            (part.text if part.tag == t_tag else part.findtext(t_tag)) or ""
                            for part in child
                            if part.tag in (t_tag, r_tag)
                        )
                    elif tag == f_tag:
                        formula = True
                if not value:
                    # t="str" with an empty value: a formula that came to "" (LibreOffice)
                    if formula and not (cached and kind == "str") and kind != "inlineStr":
                        col_name = found.group(1) if found else None
                        raise TableError(
                            name, len(grid) + 1, col_name,
                            _("holds a formula whose value was never calculated; open the file in "
                            "Excel or LibreOffice, save it there, and import it again"),
                        )  # fmt: skip
                    row.append("")
                elif kind == "s":
                    row.append(str(shared[int(value)]))
                elif kind in ("inlineStr", "str"):
                    row.append(value)
                else:
                    row.append(
                        _xml_value(value, kind, cell.get("s"), dates, durations, epoch, from_excel)
                    )
            grid.append(row)
            element.clear()
            if (
                progress is not None
                and len(grid) % _PROGRESS_EVERY == 0
                and not progress(min(0.99, src.tell() / size))
            ):
                raise _cancelled(name)
    return grid


def _xml_value(
    value: str, kind: str, style: str | None, dates: set[int], durations: set[int],
    epoch: Any, from_excel: Callable[..., Any],
) -> str:  # fmt: skip
    if kind == "b":
        return "TRUE" if value.strip() == "1" else "FALSE"
    if kind in ("str", "e", "inlineStr"):
        return value
    if kind == "d":
        return value.replace("T", " ") if "T" in value else value
    if value.isdigit() and len(value) < 16:
        whole = int(value)
        if style is None or not style.isdigit() or int(style) not in dates:
            return str(whole)
    number = float(value)
    if style is not None and style.isdigit() and int(style) in dates:
        try:
            return _cell_text(from_excel(number, epoch, timedelta=int(style) in durations))
        except (OverflowError, ValueError):
            return _cell_text(number)
    return _cell_text(number)


# -- the table ---------------------------------------------------------------------------


def _blank(row: Iterable[str]) -> bool:
    return not any(c.strip() for c in row)


def _header_count(grid: list[list[str]]) -> int:
    """1, or 2 (SurveyMonkey's question/answer rows), or 3 (Qualtrics' text and ImportId rows)."""
    if len(grid) >= 3 and sum(1 for c in grid[2] if _QUALTRICS_IMPORT.match(c)) >= max(
        1, len(grid[2]) // 2
    ):
        return 3
    if len(grid) >= 2:
        first, second = grid[0], grid[1]
        subs = {c.strip().casefold() for c in second if c.strip()}
        spans = any(
            j < len(second) and second[j].strip() and not first[j].strip()
            for j in range(1, len(first))
        ) or len(second) > len(first)
        if subs & _SM_SUBHEADERS and (spans or "response" in subs):
            return 2
        if (
            first
            and first[0].strip().casefold() == "respondent id"
            and not (second[0].strip() if second else "")
        ):
            return 2
    return 1


def _table(grid: list[list[str]], name: str, how: str, digest: str) -> Table:
    while grid and _blank(grid[-1]):
        grid.pop()
    start = 0
    while start < len(grid) and _blank(grid[start]):
        start += 1
    if start == len(grid):
        raise TableError(
            name, None, None, _("is empty; export the survey again and choose this file")
        )
    grid = grid[start:]
    heads = _header_count(grid)
    header_rows = grid[:heads]
    width = max(_used(r) for r in header_rows)
    if width == 0:
        raise TableError(
            name,
            start + 1,
            None,
            _("has an empty header row; the first row must name the columns"),
        )
    # A trailing column with an empty header is kept when the file gives it one and
    # answers fill it (an unnamed column); a cell past the header's end is refused below.
    raw_width = max(len(r) for r in header_rows)
    if raw_width > width:
        width = max(
            width, min(raw_width, max(_used(r) for r in grid[heads:]) if grid[heads:] else 0)
        )
    rows: list[list[str]] = []
    first_row = start + heads + 1
    for i, row in enumerate(grid[heads:]):
        n = len(row)
        if n < width:
            row = row + [""] * (width - n)
        elif n > width:
            if _used(row) > width:
                raise TableError(
                    name, first_row + i, None,
                    _("has {n} cells but the header names {width} columns; fix that row "
                    "or add a header for the extra column").format(n=_used(row), width=width),
                )  # fmt: skip
            row = row[:width]
        rows.append(row)
    if not rows:
        raise TableError(
            name, None, None, _("has a header but no rows below it; export the responses too")
        )
    fixed = [(r + [""] * (width - len(r)))[:width] for r in header_rows]
    return Table(name, fixed, fixed[0], rows, first_row, how, digest)


def _used(row: list[str]) -> int:
    """The row's length without its trailing empty cells."""
    n = len(row)
    while n and not row[n - 1].strip():
        n -= 1
    return n
