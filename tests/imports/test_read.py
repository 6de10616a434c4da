"""Reading CSV and XLSX files into tables, and refusing what cannot be read, in words."""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from pathlib import Path

import openpyxl
import pytest

from trustboard.services.imports import read
from trustboard.services.imports.read import ImportCancelled, TableError, read_bytes, read_table

INJECTION = "=cmd|' /C calc'!A0"


def xlsx(rows: list[list[object]], *, title: str = "Form1", hidden_first: bool = False) -> bytes:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    if hidden_first:
        sheet.title = "Hidden"
        sheet.append(["secret"])
        sheet.sheet_state = "hidden"
        sheet = book.create_sheet(title)
    else:
        sheet.title = title
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_utf8_comma_csv_reads_header_rows_and_numbers() -> None:
    table = read_bytes(b"Name,Score\nAnn,4\nBo,5\n", "s.csv")
    assert table.columns == ["Name", "Score"]
    assert table.header_rows == [["Name", "Score"]]
    assert table.rows == [["Ann", "4"], ["Bo", "5"]]
    assert table.first_row == 2
    assert table.how == "CSV, UTF-8, comma-separated"
    assert len(table.sha256) == 64


def test_bom_utf16_tab_and_legacy_semicolon_are_detected() -> None:
    text = "Nom\tRéponse\nJosé\ttrès bien\n"
    table = read_bytes(text.encode("utf-16"), "s.tsv")
    assert table.how == "CSV, UTF-16, tab-separated"
    assert table.rows == [["José", "très bien"]]
    table = read_bytes("Nom;Réponse\nJosé;très bien, merci\n".encode("cp1252"), "s.csv")
    assert table.how == "CSV, Windows-1252 (detected), semicolon-separated"
    assert table.rows == [["José", "très bien, merci"]]
    table = read_bytes("\ufeffa|b\n1|2\n".encode(), "s.csv")
    assert (table.columns, table.how) == (["a", "b"], "CSV, UTF-8, pipe-separated")


@pytest.mark.parametrize(
    ("data", "words"),
    [
        (b"", "is empty"),
        (b"  \n\n", "is empty"),
        (b"a,b,c\n", "has a header but no rows below it"),
        (b"a,b\n\n,\n", "has a header but no rows below it"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "is a PNG image, not a CSV or Excel file"),
        (b'a,b\n1,"2\n', "is not valid CSV"),
    ],
)
def test_unreadable_files_are_refused_in_words(data: bytes, words: str) -> None:
    with pytest.raises(TableError, match=r"s.csv") as caught:
        read_bytes(data, "s.csv")
    assert words in str(caught.value)


def test_a_file_over_the_limit_is_refused_before_it_is_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    big = tmp_path / "huge.csv"
    with big.open("wb") as f:
        f.truncate(101 * 1024 * 1024)  # sparse: costs no disk and is never read
    with pytest.raises(TableError, match=r"huge.csv: is 101 MB; the limit is 100 MB"):
        read_table(big)
    monkeypatch.setattr(read, "MAX_IMPORT_BYTES", 10)
    with pytest.raises(TableError, match="the limit is 0 MB"):
        read_bytes(b"a,b\n1,2\n3,4\n", "s.csv")


def test_ragged_rows_are_padded_cut_or_refused_by_row() -> None:
    table = read_bytes(b"a,b,c\n1,2\n4,5,6,,\n", "s.csv")
    assert table.rows == [["1", "2", ""], ["4", "5", "6"]]
    with pytest.raises(TableError, match=r"s.csv, row 3: has 4 cells but the header names 3"):
        read_bytes(b"a,b,c\n1,2,3\n4,5,6,7\n", "s.csv")


def test_a_quoted_cell_over_lines_is_one_row_and_formulas_stay_text() -> None:
    data = f'q,c\n1,"two\nlines"\n2,"{INJECTION.replace(chr(34), chr(34) * 2)}"\n3,+1\n'
    table = read_bytes(data.encode(), "s.csv")
    assert table.rows == [["1", "two\nlines"], ["2", INJECTION], ["3", "+1"]]


def test_surveymonkey_and_qualtrics_header_rows_are_found() -> None:
    sm = (
        "Respondent ID,Collector ID,How much do you trust us?,,Comments\n"
        ",,Our staff,Our products,Open-Ended Response\n"
        "1,9,Agree,Disagree,Nice\n"
    )
    table = read_bytes(sm.encode(), "sm.csv")
    assert len(table.header_rows) == 2
    assert table.columns[2:4] == ["How much do you trust us?", ""]
    assert table.rows == [["1", "9", "Agree", "Disagree", "Nice"]]
    assert table.first_row == 3
    qualtrics = (
        "StartDate,ResponseId,Q1_1\n"
        "Start Date,Response ID,How much do you trust us? - Our staff\n"
        '"{""ImportId"":""startDate""}","{""ImportId"":""_recordId""}","{""ImportId"":""QID1_1""}"\n'
        "2026-12-01,R_1,4\n"
    )
    table = read_bytes(qualtrics.encode(), "q.csv")
    assert len(table.header_rows) == 3
    assert table.rows == [["2026-12-01", "R_1", "4"]]
    assert table.first_row == 4


def test_progress_can_cancel_reading() -> None:
    data = ("a,b\n" + "1,2\n" * 3000).encode()
    seen: list[float] = []
    assert read_bytes(data, "s.csv", progress=lambda f: seen.append(f) or True).rows
    assert seen[-1] == 1.0
    with pytest.raises(ImportCancelled, match="cancelled"):
        read_bytes(data, "s.csv", progress=lambda f: False)


def test_xlsx_cells_read_as_shown() -> None:
    data = xlsx(
        [
            ["ID", "Score", "Half", "When", "Ok", "Text"],
            [1, 4.0, 4.5, dt.datetime(2026, 12, 1, 9, 30), True, "hi"],
            [2, 5, 0.1 + 0.2, dt.datetime(2026, 12, 2), False, None],
        ],
        hidden_first=True,
    )
    table = read_bytes(data, "f.xlsx")
    assert table.how == "Excel workbook, sheet 'Form1'"
    assert table.rows == [
        ["1", "4", "4.5", "2026-12-01 09:30:00", "TRUE", "hi"],
        ["2", "5", "0.3", "2026-12-02", "FALSE", ""],
    ]
    with pytest.raises(TableError, match="has no sheet 'Nope' \\(its sheets: 'Hidden', 'Form1'\\)"):
        read_bytes(data, "f.xlsx", sheet="Nope")


def test_xlsx_text_that_looks_like_a_formula_stays_text() -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["Comment"])
    sheet["A2"] = INJECTION
    sheet["A2"].data_type = "s"  # a text cell, as a survey tool writes it
    out = io.BytesIO()
    book.save(out)
    assert read_bytes(out.getvalue(), "f.xlsx").rows == [[INJECTION]]


def test_xlsx_formula_without_cached_value_is_refused_by_cell() -> None:
    data = xlsx([["ID", "Total"], [1, 2], [2, "=SUM(1,2)"]])
    with pytest.raises(TableError, match=r"f.xlsx, row 3, column 'B': holds a formula whose value"):
        read_bytes(data, "f.xlsx")


def test_xlsx_merged_cells_read_as_the_top_left_value() -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["Question", "", "Other"])
    sheet.append(["a", "b", "c"])
    sheet.append(["d", "e", "f"])
    sheet.merge_cells("A1:B1")
    sheet.merge_cells("A3:B3")
    out = io.BytesIO()
    book.save(out)
    table = read_bytes(out.getvalue(), "f.xlsx")
    assert table.columns == ["Question", "", "Other"]
    assert table.rows == [["a", "b", "c"], ["d", "", "f"]]


def test_password_protected_workbook_and_old_xls_say_what_to_do() -> None:
    ole = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504
    protected = ole + "EncryptionInfo".encode("utf-16-le") + b"\x00" * 100
    with pytest.raises(
        TableError, match=r"f.xlsx: is protected with a password; save it without one"
    ):
        read_bytes(protected, "f.xlsx")
    with pytest.raises(TableError, match=r"old Excel 97–2003 workbook \(.xls\); save it as"):
        read_bytes(ole, "f.xls")


def test_a_zip_that_is_not_a_workbook_is_refused() -> None:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        z.writestr("word/document.xml", "<w/>")
    with pytest.raises(TableError, match="is not an Excel workbook"):
        read_bytes(out.getvalue(), "f.xlsx")


def test_empty_xlsx_sheet_is_refused() -> None:
    with pytest.raises(TableError, match="is empty"):
        read_bytes(xlsx([]), "f.xlsx")
    with pytest.raises(TableError, match="has a header but no rows"):
        read_bytes(xlsx([["a", "b"]]), "f.xlsx")


def test_read_table_names_the_file(tmp_path: Path) -> None:
    path = tmp_path / "answers.csv"
    path.write_bytes(b"a\n1\n")
    assert read_table(path).source == "answers.csv"
    with pytest.raises(TableError, match=r"missing.csv: cannot be read"):
        read_table(tmp_path / "missing.csv")


def handmade_xlsx(sheet_data: str) -> bytes:
    """A workbook as Excel writes it: shared strings, a date style, rows with gaps."""
    ns = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    parts = {
        "[Content_Types].xml": (
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
            '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
            '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
            '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>'
            "</Types>"
        ),
        "_rels/.rels": (
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            f'<Relationship Id="rId1" Type="{rel}/officeDocument" Target="xl/workbook.xml"/>'
            "</Relationships>"
        ),
        "xl/workbook.xml": (
            f'<workbook xmlns="{ns}" xmlns:r="{rel}"><sheets>'
            '<sheet name="Responses" sheetId="1" r:id="rId1"/></sheets></workbook>'
        ),
        "xl/_rels/workbook.xml.rels": (
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            f'<Relationship Id="rId1" Type="{rel}/worksheet" Target="worksheets/sheet1.xml"/>'
            f'<Relationship Id="rId2" Type="{rel}/sharedStrings" Target="sharedStrings.xml"/>'
            f'<Relationship Id="rId3" Type="{rel}/styles" Target="styles.xml"/>'
            "</Relationships>"
        ),
        "xl/sharedStrings.xml": (
            f'<sst xmlns="{ns}"><si><t>Name</t></si><si><t>When</t></si>'
            "<si><r><t>Rich </t></r><r><t>text &amp; more</t></r></si>"
            f"<si><t>{INJECTION.replace('&', '&amp;')}</t></si></sst>"
        ),
        "xl/styles.xml": (
            f'<styleSheet xmlns="{ns}"><cellXfs count="2"><xf numFmtId="0"/>'
            '<xf numFmtId="14" applyNumberFormat="1"/></cellXfs></styleSheet>'
        ),
        "xl/worksheets/sheet1.xml": f'<worksheet xmlns="{ns}"><sheetData>{sheet_data}</sheetData></worksheet>',
    }
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        for part, text in parts.items():
            z.writestr(part, text)
    return out.getvalue()


def test_excel_written_cells_shared_strings_dates_and_gaps() -> None:
    data = handmade_xlsx(
        '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="C1" t="s"><v>1</v></c></row>'
        '<row r="3"><c r="A3" t="s"><v>2</v></c><c r="B3" t="b"><v>1</v></c>'
        '<c r="C3" s="1"><v>46357</v></c></row>'
        '<row r="4"><c r="A4" t="s"><v>3</v></c><c r="B4" t="str"><f>""</f><v></v></c>'
        '<c r="C4" t="e"><v>#DIV/0!</v></c></row>'
        '<row r="5"><c r="A5"><v>123456789012</v></c><c r="B5"><v>4.25</v></c>'
        '<c r="C5" t="inlineStr"><is><r><t>信頼</t></r><r><t xml:space="preserve"> 🤝</t></r>'
        "<rPh><t>しんらい</t></rPh></is></c></row>"
    )
    table = read_bytes(data, "excel.xlsx")
    assert table.how == "Excel workbook, sheet 'Responses'"
    assert table.columns == ["Name", "", "When"]
    assert table.rows == [
        ["", "", ""],
        ["Rich text & more", "TRUE", "2026-12-01"],
        [INJECTION, "", "#DIV/0!"],
        ["123456789012", "4.25", "信頼 🤝"],
    ]
    assert table.first_row == 2
    with pytest.raises(TableError, match=r"excel.xlsx, row 2, column 'B': holds a formula"):
        read_bytes(handmade_xlsx('<row r="1"><c r="A1" t="s"><v>0</v></c></row>'
                                 '<row r="2"><c r="A2"><v>1</v></c><c r="B2"><f>A2*2</f></c></row>'), "excel.xlsx")  # fmt: skip


def test_utf16_without_its_mark_reads_and_other_binary_is_refused() -> None:
    table = read_bytes("Name\tScore\nZoë\t4\n".encode("utf-16-le"), "s.txt")
    assert (table.how, table.rows) == ("CSV, UTF-16, tab-separated", [["Zoë", "4"]])
    with pytest.raises(TableError, match="it holds binary data"):
        read_bytes(b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\xff\xff\x00\x00\xb8" * 10, "s.csv")


def test_a_german_excel_csv_is_named_windows_1252() -> None:
    text = (
        "element;domain;perspective;score;layer;comment\r\n"
        "Competence;Individuals;customer;4;as-is;Mitarbeiter sehr freundlich – danke, größer\r\n"
        "Competence;Individuals;self;5,0;as-is;Übersicht fehlt\r\n"
    )
    table = read_bytes(text.encode("cp1252"), "excel_de.csv")
    assert table.how == "CSV, Windows-1252 (detected), semicolon-separated"
    assert table.rows[1][5] == "Übersicht fehlt"
