"""Which tool made a table, and what each of its columns seems to hold."""

from __future__ import annotations

import hashlib
import math
import re
from collections import Counter
from dataclasses import dataclass

from trustboard.domain.framework import RatingScale, ScaleStep
from trustboard.i18n import N_, _
from trustboard.services.imports.read import Table
from trustboard.services.imports.scales import SKIP_LABELS, guess_labels, normal

MAX_ANSWERS = 50
JOIN = " — "
GENERIC_TOOL = "a survey export"  # Layout.tool when no tool is recognised (an id, too)
# Layout.tool is an id (saved in mappings, compared in code); these are said translated.
# Other tools' names (Qualtrics, Trello...) are product names and stay as they are.
TOOL_NAMES = {
    "TrustBoard ratings": N_("TrustBoard ratings"),
    "TrustBoard cards": N_("TrustBoard cards"),
    GENERIC_TOOL: N_("a survey export"),
}


def tool_name(tool: str) -> str:
    """A layout's tool as people read it: product names stay, our own layouts translate."""
    return _(TOOL_NAMES[tool]) if tool in TOOL_NAMES else tool


def tool_phrase(tool: str) -> str:
    """ "a Google Forms export", "a survey export": what a file looks like, in a sentence."""
    if tool == GENERIC_TOOL:
        return _(TOOL_NAMES[GENERIC_TOOL])
    return _("a {tool} export").format(tool=tool_name(tool))


ID_NAMES = frozenset(
    {"response id", "respondent id", "responseid", "id", "#", "submission id", "token",
     "card id", "response_id"}
)  # fmt: skip
TIMESTAMP_NAMES = frozenset(
    {"timestamp", "start time", "completion time", "start date", "end date", "startdate",
     "enddate", "recordeddate", "start date (utc)", "submit date (utc)", "stage date (utc)",
     "last modified time", "date", "time", "submitted at", "marca temporal", "horodateur",
     "zeitstempel", "informazioni cronologiche", "last activity date", "due date",
     "date created", "date completed"}
)  # fmt: skip
PERSON_NAMES = frozenset(
    {"email", "e-mail", "email address", "e-mail address", "name", "full name", "first name",
     "last name", "ip address", "ipaddress", "recipientemail", "recipientfirstname",
     "recipientlastname", "network id", "respondent email", "username", "user name",
     "members", "member", "author", "created by"}
)  # fmt: skip
META_NAMES = frozenset(
    {"collector id", "status", "progress", "duration (in seconds)", "finished",
     "distributionchannel", "userlanguage", "externalreference", "locationlatitude",
     "locationlongitude", "custom data 1", "custom data", "language", "response type",
     "tags", "ending", "checklist item count", "checklist items", "attachment count",
     "attachment links", "board id", "board name", "list id", "archived", "list name (archived)"}
)  # fmt: skip
_YES = frozenset({"yes", "y", "true", "1", "oui", "ja", "sí", "si"})
_NO = frozenset({"no", "n", "false", "0", "non", "nein"})
_GRID = re.compile(r"^(.*\S)\s*\[([^\[\]]+)\]\s*$")
_QUALTRICS_ITEM = re.compile(r"^Q[\w.]*_\d+$")
_DATEISH = re.compile(r"^\d{1,4}[-/.]\d{1,2}[-/.]\d{1,4}")
_PROBE_SCALE = RatingScale(tuple(ScaleStep(v, str(v)) for v in range(1, 6)))


@dataclass(frozen=True)
class Question:
    column: int  # index into Table.columns
    header: str  # the whole header text (header rows joined with " — ")
    question: str  # the question ("How much do you trust us in …")
    item: str  # a grid question's row ("Our staff"), else ""
    answers: tuple[str, ...]  # distinct non-empty answers, most common first (≤ 50)
    numeric: tuple[float, float] | None  # (min, max) when every answer is a number
    role: str  # "id" | "timestamp" | "person" | "scale" | "nps" | "yesno" | "text" | "choice" | "meta"


@dataclass(frozen=True)
class Layout:
    tool: str
    kind: str  # "wide" | "long-ratings" | "cards"
    questions: tuple[Question, ...]
    response_id: int | None  # column of the response/respondent id, if any
    signature: str  # sha256 hex of the sorted question headers: finds a saved mapping


def number(text: str) -> float | None:
    """A cell as a number ("4", "4.5", "4,5"), or None; NaN and infinity are not numbers."""
    t = text.strip()
    if not t or len(t) > 40:
        return None
    try:
        value = float(t)
    except ValueError:
        try:
            value = float(t.replace(",", "."))
        except ValueError:
            return None
    return value if math.isfinite(value) else None


def column_letter(index: int) -> str:
    """0 -> "A", 26 -> "AA": how a spreadsheet names a column."""
    name = ""
    index += 1
    while index:
        index, rem = divmod(index - 1, 26)
        name = chr(65 + rem) + name
    return name


def signature(headers: list[str]) -> str:
    return hashlib.sha256("\n".join(sorted(headers)).encode("utf-8")).hexdigest()


def _tool(table: Table, names: list[str]) -> tuple[str, str]:
    have = set(names)
    if {"element", "domain", "perspective", "score"} <= have:
        return "TrustBoard ratings", "long-ratings"
    if {"element", "domain", "text"} <= have:
        return "TrustBoard cards", "cards"
    if {"card id", "card name", "list name"} <= have:
        return "Trello", "cards"
    if ("content" in have or names == ["text"]) and (
        have & {"frame", "tags", "author", "type", "color", "colour", "sticky note"}
        or len(names) <= 3
    ):
        return "Miro", "cards"
    if len(table.header_rows) == 3 or {"responseid", "startdate", "enddate"} <= have:
        return "Qualtrics", "wide"
    if len(table.header_rows) == 2 or {"respondent id", "collector id"} <= have:
        return "SurveyMonkey", "wide"
    if names[:3] == ["id", "start time", "completion time"]:
        return "Microsoft Forms", "wide"
    if names[:1] == ["#"] and have & {"submit date (utc)", "network id", "start date (utc)"}:
        return "Typeform", "wide"
    if names[:1] and names[0] in {"timestamp", "marca temporal", "horodateur", "zeitstempel"}:
        return "Google Forms", "wide"
    return GENERIC_TOOL, "wide"


def _headers(table: Table, tool: str) -> list[tuple[str, str, str]]:
    """(header, question, item) per column."""
    width = len(table.columns)
    rows = table.header_rows
    if tool == "Qualtrics" and len(rows) == 3:
        rows = rows[:2]
    out: list[tuple[str, str, str]] = []
    if len(rows) == 2 and tool == "SurveyMonkey":
        above = ""
        for j in range(width):
            top, sub = rows[0][j].strip(), rows[1][j].strip()
            above = top or above
            question = top or above
            item = "" if normal(sub) in {"response", "open-ended response"} else sub
            header = JOIN.join(p for p in (question, sub) if p) or f"Column {column_letter(j)}"
            out.append((header, question or header, item))
        return out
    for j in range(width):
        parts = [r[j].strip() for r in rows if r[j].strip()]
        header = JOIN.join(parts) or f"Column {column_letter(j)}"
        question, item = (parts[-1] if parts else header), ""
        grid = _GRID.match(question)
        if grid:
            question, item = grid.group(1).strip(), grid.group(2).strip()
        elif tool == "Qualtrics" and len(parts) == 2 and _QUALTRICS_ITEM.match(parts[0]):
            head, sep, tail = parts[1].rpartition(" - ")
            if sep:
                question, item = head.strip(), tail.strip()
        out.append((header, question, item))
    return out


def _unique(headers: list[tuple[str, str, str]]) -> list[tuple[str, str, str]]:
    seen: Counter[str] = Counter()
    out = []
    for header, question, item in headers:
        seen[header] += 1
        if seen[header] > 1:
            header = f"{header} ({seen[header]})"
        out.append((header, question, item))
    return out


def _asks_nps(header: str, highest: float) -> bool:
    """A 0–10 question that asks for a recommendation, or an NPS tool's bare "Score"."""
    if "recommend" in header or "net promoter" in header or "nps" in header.split():
        return True
    return header in ("score", "nps score", "rating") and highest > 5


def _role(
    header: str, counts: Counter[str], numeric: tuple[float, float] | None, is_id: bool
) -> str:
    h = normal(header)
    last = normal(header.split(JOIN)[-1])
    if is_id or h in ID_NAMES:
        return "id"
    names = {h, last}
    if names & TIMESTAMP_NAMES:
        return "timestamp"
    if names & PERSON_NAMES or "email" in h.split():
        return "person"
    if names & META_NAMES:
        return "meta"
    answers = [a for a in counts if normal(a) not in SKIP_LABELS]
    if not answers:
        return "meta"
    lowered = {normal(a) for a in answers}
    if (lowered <= (_YES | _NO) and not lowered <= {"0", "1"}) or (
        lowered == {"0", "1"} and "trust" in h
    ):
        return "yesno"
    if numeric is not None:
        lo, hi = numeric
        whole = all(float(a.replace(",", ".")).is_integer() for a in answers)
        if whole and lo >= 0 and hi <= 10 and _asks_nps(h, hi):
            return "nps"
        if whole and hi - lo <= 10:
            return "scale"
        return "meta"
    if all(_DATEISH.match(a) for a in answers[:20]):
        return "timestamp"
    placed = guess_labels(answers, _PROBE_SCALE)
    if placed and len([p for p in placed if p[1] is not None]) >= max(1, len(answers) - 1):
        return "scale"
    total = sum(counts.values())
    if len(counts) <= 12 and len(counts) * 2 <= total and max(len(a) for a in answers) <= 80:
        return "choice"
    return "text"


def column_headers(table: Table) -> tuple[str, str, list[str]]:
    """The tool, the kind of layout and each column's header (as Question.header): cheap,
    without looking at the answers."""
    tool, kind = _tool(table, [normal(c) for c in table.columns])
    return tool, kind, [h for h, _question, _item in _unique(_headers(table, tool))]


def detect(table: Table) -> Layout:
    """Guess the tool and each column's role from the header names and the answers."""
    names = [normal(c) for c in table.columns]
    tool, kind = _tool(table, names)
    headers = _unique(_headers(table, tool))
    response_id = next((j for j, n in enumerate(names) if n in ID_NAMES), None)
    if kind != "wide" and tool != "Trello":
        response_id = None
    questions = []
    for j, (header, question, item) in enumerate(headers):
        counts: Counter[str] = Counter()
        for row in table.rows:
            value = row[j].strip()
            if value:
                counts[value] += 1
        values = [number(a) for a in counts]
        numeric = None
        if counts and all(v is not None for v in values):
            present = [v for v in values if v is not None]
            numeric = (min(present), max(present))
        role = _role(header, counts, numeric, j == response_id)
        answers = tuple(a for a, _count in counts.most_common(MAX_ANSWERS))
        questions.append(Question(j, header, question, item, answers, numeric, role))
    return Layout(
        tool, kind, tuple(questions), response_id, signature([h for h, _question, _item in headers])
    )
