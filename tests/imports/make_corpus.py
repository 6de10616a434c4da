"""Regenerate tests/imports/corpus/ — run by hand, never at test time.

    .venv/bin/python tests/imports/make_corpus.py

Every file is laid out the way its tool exports it, with answers written here by us for
the demo framework (rtx-trust-framework: elements competence, reliability, integrity,
empathy; domains individuals, organizations, technology; scale 1–5). Beside each data file
goes NAME.expected.json: what importing it must give, worked out by hand from the answers
below (the figures are literals in EXPECTED, never computed by the import engine). The
mapping files the wide layouts need (NAME.toml) are written by hand and not touched here.

The output is the same bytes on every run (fixed dates, fixed zip times in the xlsx).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
import zipfile
from pathlib import Path
from typing import Any

OUT = Path(__file__).resolve().parent / "corpus"
ZIP_TIME = (2026, 11, 1, 0, 0, 0)

# agreement labels as Google Forms, Microsoft Forms and SurveyMonkey show them
SD, D, N, A, SA = (
    "Strongly disagree",
    "Disagree",
    "Neither agree nor disagree",
    "Agree",
    "Strongly agree",
)


def csv_text(rows: list[list[str]], *, delimiter: str = ",") -> str:
    buf = io.StringIO(newline="")
    csv.writer(buf, delimiter=delimiter, lineterminator="\r\n").writerows(rows)
    return buf.getvalue()


_target = [OUT]  # where write() puts files: the corpus, or a test's folder


def write(name: str, data: bytes) -> None:
    (_target[0] / name).write_bytes(data)


# -- Google Forms: a Sheets "Download as CSV" of the responses -------------------------------

GF_COMP = "Competence: we know what we are doing"
GF_REL = "Reliability: we keep our promises"
GF_INT = "Integrity: we are honest with you"
GF_NPS = "How likely are you to recommend us to a friend or colleague?"
GF_TRUST = "Do you trust us?"
GF_NOTE = "Anything else you would like to tell us?"


def google_forms() -> None:
    header = [
        "Timestamp",
        "Email Address",
        f"{GF_COMP} [Individuals]",
        f"{GF_COMP} [Technology]",
        f"{GF_REL} [Organizations]",
        f"{GF_INT} [Organizations]",
        GF_NPS,
        GF_TRUST,
        GF_NOTE,
    ]
    rows = [
        [
            "2026/11/02 9:14:05 AM GMT",
            "ana@example.com",
            SA,
            A,
            D,
            A,
            "10",
            "Yes",
            "Staff in Leeds were brilliant",
        ],
        ["2026/11/02 9:31:47 AM GMT", "ben@example.com", A, N, SD, A, "9", "Yes", ""],
        [
            "2026/11/02 11:02:13 AM GMT",
            "cara@example.com",
            A,
            D,
            D,
            "Don't know",
            "7",
            "Yes",
            "Delivery was late twice",
        ],
        [
            "2026/11/03 2:45:00 PM GMT",
            "dev@example.com",
            N,
            A,
            A,
            SA,
            "6",
            "No",
            "Stock on the website is wrong, again",
        ],
        ["2026/11/03 8:12:59 PM GMT", "eli@example.com", SA, "", N, A, "3", "No", ""],
        [
            "2026/11/04 7:05:31 AM GMT",
            "fay@example.com",
            D,
            SA,
            D,
            N,
            "10",
            "Yes",
            "Great repair desk",
        ],
    ]
    write("google_forms.csv", csv_text([header, *rows]).encode("utf-8"))


# -- Microsoft Forms: "Open results in Excel" ------------------------------------------------

MF_REL = "How reliable are our people? (Reliability, Individuals)"
MF_EMP = "Empathy: our staff listen to you"
MF_NPS = "How likely are you to recommend us to a friend or colleague?"
MF_NOTE = "What should we do better?"


def microsoft_forms() -> None:
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = "Form1"
    ws.append(
        ["ID", "Start time", "Completion time", "Email", "Name", MF_REL, MF_EMP, MF_NPS, MF_NOTE]
    )
    start = dt.datetime(2026, 11, 5, 10, 0, 0)
    answers: list[tuple[object, str, int, str]] = [
        (4, A, 8, "Answer the phone"),
        (5.0, SA, 10, ""),  # a rating Excel keeps as 5.0: read as "5"
        (3, D, 4, "Call me back when you say you will"),
        (2, N, 9, ""),
        (4, SA, 0, "Answer the phone"),
    ]
    for i, (rel, emp, nps, note) in enumerate(answers, start=1):
        began = start + dt.timedelta(minutes=17 * i)
        ws.append(
            [
                i,
                began,
                began + dt.timedelta(minutes=3, seconds=12 * i),
                "anonymous",
                "",
                rel,
                emp,
                nps,
                note or None,
            ]
        )
    wb.properties.created = wb.properties.modified = dt.datetime(2026, 11, 1)
    wb.properties.creator = "TrustBoard tests"
    raw = io.BytesIO()
    wb.save(raw)
    write("microsoft_forms.xlsx", _fixed_zip(raw.getvalue()))


def _fixed_zip(data: bytes) -> bytes:
    """The same workbook with every member dated ZIP_TIME, so reruns give the same bytes."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=ZIP_TIME)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            data = src.read(info.filename)
            if info.filename == "docProps/core.xml":  # openpyxl stamps "modified" with now
                data = re.sub(
                    rb"(<dcterms:modified[^>]*>)[^<]*", rb"\g<1>2026-11-01T00:00:00Z", data
                )
            dst.writestr(fixed, data)
    return out.getvalue()


# -- SurveyMonkey: "All responses data", CSV, expanded, actual answer text --------------------

SM_INT = "How much do you agree with each statement about our integrity?"
SM_NPS = "How likely is it that you would recommend us to a friend or colleague?"
SM_NOTE = "What is one thing we should change?"


def surveymonkey() -> None:
    meta = [
        "Respondent ID",
        "Collector ID",
        "Start Date",
        "End Date",
        "IP Address",
        "Email Address",
        "First Name",
        "Last Name",
        "Custom Data 1",
    ]
    row1 = [*meta, SM_INT, "", SM_NPS, SM_NOTE]
    row2 = [""] * len(meta) + ["Individuals", "Technology", "Response", "Open-Ended Response"]
    answers = [
        (A, SA, "9", "Tell me when prices change"),
        (SA, A, "10", ""),
        (D, N, "5", "Privacy settings are hard to find"),
        (A, SD, "9", ""),
        (N, A, "2", "Privacy settings are hard to find"),
    ]
    rows = []
    for i, (ind, tech, nps, note) in enumerate(answers):
        rows.append(
            [
                str(118_204_517_00 + 31 * i),
                "431552871",
                f"11/0{3 + i // 3}/2026 10:{10 + 7 * i:02d}:11 AM",
                f"11/0{3 + i // 3}/2026 10:{14 + 7 * i:02d}:40 AM",
                f"192.0.2.{20 + i}",
                "",
                "",
                "",
                "",
                ind,
                tech,
                nps,
                note,
            ]
        )
    write("surveymonkey.csv", b"\xef\xbb\xbf" + csv_text([row1, row2, *rows]).encode("utf-8"))


# -- Qualtrics: "Export data", CSV, choice text -----------------------------------------------

Q_EMP = "Empathy: how much do you agree that we care about you?"
Q_NPS = "How likely are you to recommend us to a friend or colleague?"
Q_TRUST = "Do you trust us?"
Q_NOTE = "Why did you give that score?"
Q_SCALE = (
    "Strongly disagree",
    "Somewhat disagree",
    "Neither agree nor disagree",
    "Somewhat agree",
    "Strongly agree",
)


def qualtrics() -> None:
    cols: list[tuple[str, str, str]] = [
        ("StartDate", "Start Date", '{"ImportId":"startDate","timeZone":"Europe/London"}'),
        ("EndDate", "End Date", '{"ImportId":"endDate","timeZone":"Europe/London"}'),
        ("Status", "Response Type", '{"ImportId":"status"}'),
        ("IPAddress", "IP Address", '{"ImportId":"ipAddress"}'),
        ("Progress", "Progress", '{"ImportId":"progress"}'),
        ("Duration (in seconds)", "Duration (in seconds)", '{"ImportId":"duration"}'),
        ("Finished", "Finished", '{"ImportId":"finished"}'),
        ("RecordedDate", "Recorded Date", '{"ImportId":"recordedDate","timeZone":"Europe/London"}'),
        ("ResponseId", "Response ID", '{"ImportId":"_recordId"}'),
        ("RecipientLastName", "Recipient Last Name", '{"ImportId":"recipientLastName"}'),
        ("RecipientFirstName", "Recipient First Name", '{"ImportId":"recipientFirstName"}'),
        ("RecipientEmail", "Recipient Email", '{"ImportId":"recipientEmail"}'),
        ("ExternalReference", "External Data Reference", '{"ImportId":"externalDataReference"}'),
        ("LocationLatitude", "Location Latitude", '{"ImportId":"locationLatitude"}'),
        ("LocationLongitude", "Location Longitude", '{"ImportId":"locationLongitude"}'),
        ("DistributionChannel", "Distribution Channel", '{"ImportId":"distributionChannel"}'),
        ("UserLanguage", "User Language", '{"ImportId":"userLanguage"}'),
        ("Q1_1", f"{Q_EMP} - Organizations", '{"ImportId":"QID1_1"}'),
        ("Q1_2", f"{Q_EMP} - Technology", '{"ImportId":"QID1_2"}'),
        ("Q2", Q_NPS, '{"ImportId":"QID2"}'),
        ("Q3", Q_TRUST, '{"ImportId":"QID3"}'),
        ("Q4", Q_NOTE, '{"ImportId":"QID4_TEXT"}'),
    ]
    sdis, sag = Q_SCALE[1], Q_SCALE[3]
    answers = [
        ("R_1AbCdEfGhIjKlMn", sag, SA, "9", "Yes", "You fixed my order fast"),
        ("R_2BcDeFgHiJkLmNo", sdis, N, "6", "No", "Nobody called back"),
        ("R_3CdEfGhIjKlMnOp", SA, sag, "10", "Yes", ""),
        ("R_4DeFgHiJkLmNoPq", N, sdis, "9", "Yes", ""),
        ("R_5EfGhIjKlMnOpQr", sag, SD, "7", "No", "The app logs me out"),
        ("R_6FgHiJkLmNoPqRs", SD, SA, "3", "No", ""),
    ]
    rows = []
    for i, (rid, org, tech, nps, trust, note) in enumerate(answers):
        start = dt.datetime(2026, 11, 6, 9, 0, 0) + dt.timedelta(minutes=41 * i)
        end = start + dt.timedelta(seconds=190 + 13 * i)
        rows.append(
            [
                f"{start:%Y-%m-%d %H:%M:%S}",
                f"{end:%Y-%m-%d %H:%M:%S}",
                "IP Address",
                f"198.51.100.{7 + i}",
                "100",
                str(190 + 13 * i),
                "True",
                f"{end:%Y-%m-%d %H:%M:%S}",
                rid,
                "",
                "",
                "",
                "",
                "51.5072",
                "-0.1276",
                "anonymous",
                "EN",
                org,
                tech,
                nps,
                trust,
                note,
            ]
        )
    table = [[c[0] for c in cols], [c[1] for c in cols], [c[2] for c in cols], *rows]
    write("qualtrics.csv", b"\xef\xbb\xbf" + csv_text(table).encode("utf-8"))


# -- Typeform: "Download responses", CSV ------------------------------------------------------

T_REL = "Reliability: how much do you trust our technology to work when you need it?"
T_COMP = "Competence: how would you rate our organization's know-how?"
T_NPS = "How likely are you to recommend us to a friend?"
T_TRUST = "Do you trust us?"
T_NOTE = "Anything else?"


def typeform() -> None:
    header = [
        "#",
        T_REL,
        T_COMP,
        T_NPS,
        T_TRUST,
        T_NOTE,
        "Start Date (UTC)",
        "Submit Date (UTC)",
        "Network ID",
    ]
    answers = [
        ("7", "Excellent", "10", "1", "Checkout crashed on Black Friday"),
        ("5", "Good", "9", "1", ""),
        ("2", "Fair", "4", "0", ""),
        ("6", "Very good", "8", "1", "Love the size finder"),
        ("1", "Poor", "0", "0", "Refund took a month"),
        ("4", "Good", "9", "1", ""),
        ("3", "Very good", "7", "0", ""),
    ]
    rows = []
    for i, (rel, comp, nps, trust, note) in enumerate(answers):
        start = dt.datetime(2026, 11, 7, 12, 0, 0) + dt.timedelta(minutes=53 * i)
        rows.append(
            [
                f"{0x5F3A9C1E7B2D4A60 + 977 * i:016x}"[:16],
                rel,
                comp,
                nps,
                trust,
                note,
                f"{start:%Y-%m-%d %H:%M:%S}",
                f"{start + dt.timedelta(minutes=2):%Y-%m-%d %H:%M:%S}",
                f"{0xA1B2C3D4E5 + 131 * i:x}",
            ]
        )
    write("typeform.csv", csv_text([header, *rows]).encode("utf-8"))


# -- an NPS tool: one 0–10 score and a comment per person --------------------------------------


def nps_tool() -> None:
    header = ["Response ID", "Score", "Comment", "Created At", "Email"]
    answers = [
        ("10", "Great staff"),
        ("9", ""),
        ("9", "Fast delivery"),
        ("8", ""),
        ("7", "Prices went up"),
        ("6", "Nobody answered my email"),
        ("5", ""),
        ("10", ""),
        ("3", "The jacket fell apart"),
        ("9", "Will buy again"),
    ]
    rows = [
        [
            f"nps-{4100 + i}",
            score,
            note,
            f"2026-11-{8 + i // 4:02d}T{9 + i}:15:00Z",
            f"person{i + 1}@example.com",
        ]
        for i, (score, note) in enumerate(answers)
    ]
    write("nps_tool.csv", csv_text([header, *rows]).encode("utf-8"))


# -- Miro: sticky notes exported to CSV ----------------------------------------------------------


def miro() -> None:
    header = ["Content", "Author", "Tags", "Frame"]
    rows = [
        ["Staff know the gear", "Amara Okafor", "Evidence", "Competence × Individuals"],
        ["Size finder is often wrong", "Jonas Weber", "Risk", "Competence × Technology"],
        ["“They never called back”", "Mei Lin", "Customer voice", "Reliability × Individuals"],
        ["Public status page", "Diego Hernández", "Idea", "Reliability × Technology"],
        [
            "Repair desk:\nready-by dates kept",
            "Sofia Rossi",
            "Practice we have",
            "Reliability × Organizations",
        ],
        ["Pre-ticked consent box", "Tariq Haddad", "risk", "Integrity × Technology"],
        ["No upsell targets", "Kenji Sato", "Practice we have", "Integrity × Individuals"],
        ["Café staff were kind", "Hannah Berg", "customer voice", "Empathy × Individuals"],
    ]
    write("miro.csv", csv_text([header, *rows]).encode("utf-8"))


# -- Trello: board menu → Print, export and share → Export to CSV ----------------------------


def trello() -> None:
    header = [
        "Card ID",
        "Card Name",
        "Card URL",
        "Card Description",
        "Labels",
        "Members",
        "Due Date",
        "Attachment Count",
        "Checklist Item Total Count",
        "Vote Count",
        "Comment Count",
        "Last Activity Date",
        "List ID",
        "List Name",
        "Board ID",
        "Board Name",
        "Archived",
    ]
    lists = {
        "Competence — Organizations": "6650a1f0c1",
        "Competence — Technology": "6650a1f0c2",
        "Reliability — Individuals": "6650a1f0c3",
        "Reliability — Organizations": "6650a1f0c4",
        "Integrity — Organizations": "6650a1f0c5",
        "Empathy — Individuals": "6650a1f0c6",
    }
    cards = [
        (
            "Publish lab test results",
            "Independent lab, every year",
            "Idea (green)",
            "Amara Okafor",
            "Competence — Organizations",
        ),
        ("Live stock per store", "", "Idea (green)", "Jonas Weber", "Competence — Technology"),
        (
            "Call-back reminders in the CRM",
            "Log every promise",
            "Idea (green)",
            "Mei Lin",
            "Reliability — Individuals",
        ),
        (
            "Peak season delivery misses",
            "1 in 8 orders",
            "Risk (red)",
            "",
            "Reliability — Organizations",
        ),
        (
            "Source every green claim",
            "",
            "Idea (green)",
            "Sofia Rossi",
            "Integrity — Organizations",
        ),
        (
            "Quiet-hour shopping",
            "",
            "Idea (green)",
            "Hannah Berg, Kenji Sato",
            "Empathy — Individuals",
        ),
    ]
    rows = []
    for i, (name, desc, labels, members, list_name) in enumerate(cards):
        card_id = f"6651b2e0d{i:03d}"
        rows.append(
            [
                card_id,
                name,
                f"https://trello.com/c/{card_id}",
                desc,
                labels,
                members,
                "",
                "0",
                "0",
                "0",
                "0",
                f"2026-11-1{i}T10:00:00.000Z",
                lists[list_name],
                list_name,
                "6650a1e000",
                "Trust ideas Q4",
                "false",
            ]
        )
    write("trello.csv", csv_text([header, *rows]).encode("utf-8"))


# -- the TrustBoard ratings layout saved by a German Excel -------------------------------------


def excel_de() -> None:
    rows = [
        ["element", "domain", "perspective", "score", "layer", "comment"],
        [
            "Competence",
            "Individuals",
            "customer",
            "4",
            "as-is",
            "Mitarbeiter sehr freundlich – danke",
        ],
        ["Competence", "Individuals", "customer", "5,0", "as-is", ""],
        ["Competence", "Individuals", "self", "3", "as-is", ""],
        [
            "Reliability",
            "Organizations",
            "customer",
            "2",
            "as-is",
            "Lieferung kam zu spät, Größe passte nicht",
        ],
        ["Reliability", "Organizations", "self", "4", "as-is", ""],
        ["Integrity", "Technology", "customer", "3", "to-be", ""],
        ["Empathy", "Individuals", "customer", "1", "as-is", "Niemand rief zurück; schade"],
        ["Empathy", "Individuals", "customer", "2,0", "as-is", "Größere Auswahl wäre schön"],
    ]
    write("excel_de.csv", csv_text(rows, delimiter=";").encode("cp1252"))


# -- Excel's "Unicode text": UTF-16 with a BOM, tab-separated ---------------------------------


def unicode_text() -> None:
    rows = [
        ["element", "domain", "text", "layer", "kind", "author"],
        ["Competence", "Individuals", "Staff know the gear", "as-is", "Evidence", "Amara Okafor"],
        ["Reliability", "Technology", "信頼できる配送 🎉", "as-is", "Customer voice", "Mei Lin"],
        ["Integrity", "Organizations", "مرحبا — honest labels", "to-be", "idea", "Tariq Haddad"],
        ["Empathy", "Technology", "Chat bot feels cold", "as-is", "risk", ""],
        ["Empathy", "Individuals", 'Quiet hour, "please"', "to-be", "Idea", "Hannah Berg"],
    ]
    write("unicode_text.txt", csv_text(rows, delimiter="\t").encode("utf-16"))


# -- files that must be refused, or imported as plain text ------------------------------------


def hostile() -> None:
    write("empty.csv", b"")
    write("header_only.csv", b"element,domain,perspective,score\r\n")
    write(
        "ragged.csv",
        csv_text(
            [
                ["element", "domain", "perspective", "score", "comment"],
                ["Competence", "Individuals", "customer", "4", "fine"],
                ["Reliability", "Technology", "customer", "3", ""],
                ["Integrity", "Organizations", "customer", "2", "", "oops"],
                ["Empathy", "Individuals", "customer", "5"],
            ]
        ).encode("utf-8"),
    )
    write(
        "formula_text.csv",
        csv_text(
            [
                ["element", "domain", "text", "kind"],
                [
                    "Competence",
                    "Individuals",
                    '=HYPERLINK("http://example.com","click")',
                    "evidence",
                ],
                ["Reliability", "Organizations", "+44 20 7946 0000 never answers", "risk"],
                ["Integrity", "Technology", "-5 % returns after the recall", "evidence"],
                ["Empathy", "Individuals", "@channel please read", "customer-voice"],
                ["Empathy", "Technology", "=1+1", "idea"],
            ]
        ).encode("utf-8"),
    )


# -- what each import must give (worked out by hand) -------------------------------------------


def score(
    element: str,
    domain: str,
    values: list[int],
    median: float,
    *,
    perspective: str = "customer",
    layer: str = "as-is",
) -> dict[str, Any]:
    assert values == sorted(values)
    return {
        "element": element,
        "domain": domain,
        "layer": layer,
        "perspective": perspective,
        "count": len(values),
        "median": median,
        "values": values,
    }


def kpi(name: str, value: float, n: int, margin: float) -> dict[str, Any]:
    return {"kpi": name, "value": value, "n": n, "margin": margin}


def card(
    text: str,
    element: str | None = None,
    domain: str | None = None,
    *,
    kind: str = "customer-voice",
    layer: str = "as-is",
    author: str | None = None,
) -> dict[str, Any]:
    out: dict[str, Any] = {
        "text": text,
        "element": element,
        "domain": domain,
        "layer": layer,
        "kind": kind,
    }
    if author is not None:
        out["author"] = author
    return out


def refused(*needles: str) -> dict[str, Any]:
    return {"refused": True, "message_contains": list(needles)}


# Values and medians sorted by hand from the rows above; agreement labels 1–5 (Qualtrics'
# "Somewhat" labels too), "Don't know" skipped, Typeform's 1–7 rescaled onto 1–5 as
# round(1 + (v − 1)·4/6): 1→1 2→2 3→2 4→3 5→4 6→4 7→5; "Poor…Excellent" 1–5.
# NPS = %promoters(9–10) − %detractors(0–6); margin 1.96·sqrt((p + d − (p − d)²)/n)·100.
# Yes-share margin 1.96·sqrt(s(1 − s)/n)·100. Values and margins rounded to 2 places.
EXPECTED: dict[str, dict[str, Any]] = {
    "google_forms.csv": {
        "tool": "Google Forms",
        "kind": "wide",
        "mapping": "google_forms.toml",
        "respondents": 6,
        "scores": [
            score("competence", "individuals", [2, 3, 4, 4, 5, 5], 4.0),
            score("competence", "technology", [2, 3, 4, 4, 5], 4.0),
            score("reliability", "organizations", [1, 2, 2, 2, 3, 4], 2.0),
            score("integrity", "organizations", [3, 4, 4, 4, 5], 4.0),
        ],
        # NPS: 10 9 7 6 3 10 → 3 promoters, 2 detractors of 6; yes: 4 of 6
        "kpis": [kpi("nps", 16.67, 6, 71.82), kpi("trust-yes", 66.67, 6, 37.72)],
        "cards": 4,
        "card_list": [
            card("Staff in Leeds were brilliant"),
            card("Delivery was late twice"),
            card("Stock on the website is wrong, again"),
            card("Great repair desk"),
        ],
    },
    "microsoft_forms.xlsx": {
        "tool": "Microsoft Forms",
        "kind": "wide",
        "mapping": "microsoft_forms.toml",
        "respondents": 5,
        "response_ids": 5,
        "scores": [
            score("reliability", "individuals", [2, 3, 4, 4, 5], 4.0),
            score("empathy", "individuals", [2, 3, 4, 5, 5], 4.0),
        ],
        # NPS: 8 10 4 9 0 → 2 promoters, 2 detractors of 5
        "kpis": [kpi("nps", 0.0, 5, 78.4)],
        "cards": 3,
        "card_list": [
            card("Answer the phone"),
            card("Call me back when you say you will"),
            card("Answer the phone"),
        ],
    },
    "surveymonkey.csv": {
        "tool": "SurveyMonkey",
        "kind": "wide",
        "mapping": "surveymonkey.toml",
        "respondents": 5,
        "response_ids": 5,
        "scores": [
            score("integrity", "individuals", [2, 3, 4, 4, 5], 4.0),
            score("integrity", "technology", [1, 3, 4, 4, 5], 4.0),
        ],
        # NPS: 9 10 5 9 2 → 3 promoters, 2 detractors of 5
        "kpis": [kpi("nps", 20.0, 5, 85.88)],
        "cards": 3,
        "card_list": [
            card("Tell me when prices change"),
            card("Privacy settings are hard to find"),
            card("Privacy settings are hard to find"),
        ],
    },
    "qualtrics.csv": {
        "tool": "Qualtrics",
        "kind": "wide",
        "mapping": "qualtrics.toml",
        "respondents": 6,
        "scores": [
            score("empathy", "organizations", [1, 2, 3, 4, 4, 5], 3.5),
            score("empathy", "technology", [1, 2, 3, 4, 5, 5], 3.5),
        ],
        # NPS: 9 6 10 9 7 3 → 3 promoters, 2 detractors of 6; yes: 3 of 6
        "kpis": [kpi("nps", 16.67, 6, 71.82), kpi("trust-yes", 50.0, 6, 40.01)],
        "cards": 3,
        "card_list": [
            card("You fixed my order fast"),
            card("Nobody called back"),
            card("The app logs me out"),
        ],
        "response_ids": 6,
    },
    "typeform.csv": {
        "tool": "Typeform",
        "kind": "wide",
        "mapping": "typeform.toml",
        "respondents": 7,
        "response_ids": 7,
        "scores": [
            score("competence", "organizations", [1, 2, 3, 3, 4, 4, 5], 3.0),
            score("reliability", "technology", [1, 2, 2, 3, 4, 4, 5], 3.0),
        ],
        # NPS: 10 9 4 8 0 9 7 → 3 promoters, 2 detractors of 7; yes (1): 4 of 7
        "kpis": [kpi("nps", 14.29, 7, 61.71), kpi("trust-yes", 57.14, 7, 36.66)],
        "cards": 3,
        "card_list": [
            card("Checkout crashed on Black Friday"),
            card("Love the size finder"),
            card("Refund took a month"),
        ],
    },
    "nps_tool.csv": {
        "tool": "a survey export",
        "kind": "wide",
        "mapping": "nps_tool.toml",
        "respondents": 10,
        "scores": [],
        # 10 9 9 8 7 6 5 10 3 9 → 5 promoters, 3 detractors of 10
        "kpis": [kpi("nps", 20.0, 10, 54.03)],
        "cards": 6,
        "card_list": [
            card("Great staff"),
            card("Fast delivery"),
            card("Prices went up"),
            card("Nobody answered my email"),
            card("The jacket fell apart"),
            card("Will buy again"),
        ],
        "response_ids": 10,
    },
    "miro.csv": {
        "tool": "Miro",
        "kind": "cards",
        "mapping": "miro.toml",
        "scores": [],
        "kpis": [],
        "cards": 8,
        "card_list": [
            card(
                "Staff know the gear",
                "competence",
                "individuals",
                kind="evidence",
                author="Amara Okafor",
            ),
            card(
                "Size finder is often wrong",
                "competence",
                "technology",
                kind="risk",
                author="Jonas Weber",
            ),
            card("“They never called back”", "reliability", "individuals", author="Mei Lin"),
            card(
                "Public status page",
                "reliability",
                "technology",
                kind="idea",
                author="Diego Hernández",
            ),
            card(
                "Repair desk:\nready-by dates kept",
                "reliability",
                "organizations",
                kind="practice",
                author="Sofia Rossi",
            ),
            card(
                "Pre-ticked consent box",
                "integrity",
                "technology",
                kind="risk",
                author="Tariq Haddad",
            ),
            card(
                "No upsell targets",
                "integrity",
                "individuals",
                kind="practice",
                author="Kenji Sato",
            ),
            card("Café staff were kind", "empathy", "individuals", author="Hannah Berg"),
        ],
    },
    "trello.csv": {
        "tool": "Trello",
        "kind": "cards",
        "mapping": "trello.toml",
        "scores": [],
        "kpis": [],
        "cards": 6,
        "card_list": [
            card(
                "Publish lab test results",
                "competence",
                "organizations",
                kind="idea",
                layer="to-be",
                author="Amara Okafor",
            ),
            card(
                "Live stock per store",
                "competence",
                "technology",
                kind="idea",
                layer="to-be",
                author="Jonas Weber",
            ),
            card(
                "Call-back reminders in the CRM",
                "reliability",
                "individuals",
                kind="idea",
                layer="to-be",
                author="Mei Lin",
            ),
            card(
                "Peak season delivery misses",
                "reliability",
                "organizations",
                kind="risk",
                layer="to-be",
                author="",
            ),
            card(
                "Source every green claim",
                "integrity",
                "organizations",
                kind="idea",
                layer="to-be",
                author="Sofia Rossi",
            ),
            card(
                "Quiet-hour shopping",
                "empathy",
                "individuals",
                kind="idea",
                layer="to-be",
                author="Hannah Berg, Kenji Sato",
            ),
        ],
    },
    "excel_de.csv": {
        "tool": "TrustBoard ratings",
        "kind": "long-ratings",
        "mapping": None,
        "scores": [
            score("competence", "individuals", [4, 5], 4.5),
            score("competence", "individuals", [3], 3.0, perspective="self"),
            score("reliability", "organizations", [2], 2.0),
            score("reliability", "organizations", [4], 4.0, perspective="self"),
            score("integrity", "technology", [3], 3.0, layer="to-be"),
            score("empathy", "individuals", [1, 2], 1.5),
        ],
        "kpis": [],
        "cards": 4,
        "card_list": [
            card("Mitarbeiter sehr freundlich – danke", "competence", "individuals"),
            card("Lieferung kam zu spät, Größe passte nicht", "reliability", "organizations"),
            card("Niemand rief zurück; schade", "empathy", "individuals"),
            card("Größere Auswahl wäre schön", "empathy", "individuals"),
        ],
    },
    "unicode_text.txt": {
        "tool": "TrustBoard cards",
        "kind": "cards",
        "mapping": None,
        "scores": [],
        "kpis": [],
        "cards": 5,
        "card_list": [
            card(
                "Staff know the gear",
                "competence",
                "individuals",
                kind="evidence",
                author="Amara Okafor",
            ),
            card("信頼できる配送 🎉", "reliability", "technology", author="Mei Lin"),
            card(
                "مرحبا — honest labels",
                "integrity",
                "organizations",
                kind="idea",
                layer="to-be",
                author="Tariq Haddad",
            ),
            card("Chat bot feels cold", "empathy", "technology", kind="risk", author=""),
            card(
                'Quiet hour, "please"',
                "empathy",
                "individuals",
                kind="idea",
                layer="to-be",
                author="Hannah Berg",
            ),
        ],
    },
    "formula_text.csv": {
        "tool": "TrustBoard cards",
        "kind": "cards",
        "mapping": None,
        "scores": [],
        "kpis": [],
        "cards": 5,
        "card_list": [
            card(
                '=HYPERLINK("http://example.com","click")',
                "competence",
                "individuals",
                kind="evidence",
                author="",
            ),
            card(
                "+44 20 7946 0000 never answers",
                "reliability",
                "organizations",
                kind="risk",
                author="",
            ),
            card(
                "-5 % returns after the recall",
                "integrity",
                "technology",
                kind="evidence",
                author="",
            ),
            card("@channel please read", "empathy", "individuals", author=""),
            card("=1+1", "empathy", "technology", kind="idea", author=""),
        ],
    },
    "empty.csv": refused("empty.csv", "empty"),
    "header_only.csv": refused("header_only.csv"),
    "ragged.csv": refused("ragged.csv", "row 4"),
}


def main(out: Path = OUT) -> None:
    out.mkdir(exist_ok=True)
    _target[0] = out
    for make in (
        google_forms,
        microsoft_forms,
        surveymonkey,
        qualtrics,
        typeform,
        nps_tool,
        miro,
        trello,
        excel_de,
        unicode_text,
        hostile,
    ):
        make()
    for name, expected in EXPECTED.items():
        assert (out / name).exists(), name
        text = json.dumps({"file": name, **expected}, indent=2, ensure_ascii=False) + "\n"
        (out / f"{name}.expected.json").write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
