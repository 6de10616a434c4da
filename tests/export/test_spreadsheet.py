"""The spreadsheet exports: every record of every round as rows, text never a formula."""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

from trustboard.domain.framework import Framework
from trustboard.domain.workshop import (
    HIDDEN,
    WAITING,
    Action,
    ActionStatus,
    Answer,
    Card,
    KpiBasis,
    Layer,
    Perspective,
    Rating,
    Round,
    Workshop,
)
from trustboard.export.options import ExportError
from trustboard.export.spreadsheet import write_actions_csv, write_cards_csv, write_xlsx
from trustboard.services.demo import demo_workshop

DAY = dt.date(2026, 3, 31)
THIRD = dt.date(2026, 6, 30)
INJECTION = '=HYPERLINK("x")'
RISKY = [INJECTION, "+1+1", "-2+3", "@SUM(A1)", "\t=1+1", "\r=1+1"]
WORLD = ["信頼は行動から生まれる", "الثقة تبنى بالأفعال", "Trust 🤝 grows 🌱"]
OWNER = "Zhang Wei"
RATER = "Layla Haddad"


def in_xlsx(text: str) -> str:
    """`text` compared as an XLSX reader may get it: a bare carriage return comes back as a
    line feed when the writer left it unescaped (XML normalises it), as itself otherwise."""
    return text.replace("\r", "\n")


@pytest.fixture
def three(rtx: Framework) -> Workshop:
    """The demo's two rounds and a third holding hostile, multilingual and named records."""
    ws = demo_workshop(rtx, DAY)
    ws.participants = (*ws.participants, OWNER, RATER)
    rnd = Round("r-third", "Q3 — 第三", THIRD)
    cells = list(rtx.cells())
    for i, text in enumerate(RISKY + WORLD):
        action = Action(OWNER, THIRD + dt.timedelta(days=30), ActionStatus.IN_PROGRESS)
        card = Card(
            f"c-x{i:03d}",
            text,
            cells[i % len(cells)],
            Layer.TO_BE,
            "evidence",
            "Ana Lima",
            i,
            float(i),
            action if i % 2 == 0 else None,
        )
        rnd.cards[card.id] = card
    unsorted = Card("c-unsorted", "=1+2", None, author="Ana Lima")
    rnd.cards[unsorted.id] = unsorted
    rating = Rating(cells[0], Layer.AS_IS, Perspective.SELF, (3, 4, 5), (RATER, "dev-abc123", ""))
    rnd.ratings[rating.key] = rating
    question = rtx.questions_for(cells[0])[0]
    answer = Answer(cells[0], question.id, "=cmd|' /C calc'!A0", True)
    rnd.answers[answer.key] = answer
    rnd.kpis["nps"] = 31.5
    rnd.kpi_basis["nps"] = KpiBasis(412, 4.6, "survey.csv")
    ws.rounds.append(rnd)
    ws.validate()
    return ws


def rows_of(path: Path, sheet: str) -> tuple[list[Any], list[dict[str, Any]]]:
    book = load_workbook(path)
    values = [[cell.value for cell in row] for row in book[sheet].iter_rows()]
    headers = values[0]
    return headers, [dict(zip(headers, row, strict=True)) for row in values[1:]]


def read_csv(path: Path) -> list[dict[str, str]]:
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf"), "Excel needs the BOM to read UTF-8"
    with path.open(encoding="utf-8-sig", newline="") as fh:
        return list(csv.DictReader(fh))


def test_workbook_has_every_record_of_every_round(three: Workshop, tmp_path: Path) -> None:
    out = tmp_path / "board.xlsx"
    result = write_xlsx(three, out)
    assert result.path == out and result.pages == 5 and result.size == out.stat().st_size
    assert load_workbook(out).sheetnames == ["Cards", "Ratings", "Answers", "Actions", "KPIs"]

    _, cards = rows_of(out, "Cards")
    assert len(cards) == sum(len(r.cards) for r in three.rounds)
    assert {c["Round"] for c in cards} == {r.label for r in three.rounds}
    texts = {in_xlsx(c.text) for r in three.rounds for c in r.cards.values()}
    assert {in_xlsx(c["Text"]) for c in cards} == texts
    assert all(isinstance(c["Votes"], int) for c in cards)
    unsorted = next(c for c in cards if c["Text"] == "=1+2")
    assert unsorted["Element"] is None and unsorted["Domain"] is None

    _, ratings = rows_of(out, "Ratings")
    scores = [s for r in three.rounds for g in r.ratings.values() for s in g.scores]
    assert len(ratings) == len(scores)
    assert sorted(r["Score"] for r in ratings) == sorted(scores)
    third = [r for r in ratings if r["Round"] == "Q3 — 第三"]
    assert [r["Round date"] for r in third] == [dt.datetime(2026, 6, 30)] * 3

    _, actions = rows_of(out, "Actions")
    expected = [c for r in three.rounds for c in r.cards.values() if c.action is not None]
    assert len(actions) == len(expected) > 0
    mine = [a for a in actions if a["Round"] == "Q3 — 第三"]
    assert {a["Owner"] for a in mine} == {OWNER}
    assert all(a["Due"] == dt.datetime(2026, 7, 30) for a in mine)
    assert all(a["Status"] == "in progress" for a in mine)

    _, kpis = rows_of(out, "KPIs")
    assert len(kpis) == sum(len(r.kpis) for r in three.rounds)
    nps = next(k for k in kpis if k["Round"] == "Q3 — 第三")
    assert nps["KPI"] == "Net promoter score"
    assert (nps["Value"], nps["n"], nps["Margin"]) == (31.5, 412, 4.6)
    assert nps["Date"] == dt.datetime(2026, 6, 30)

    _, answers = rows_of(out, "Answers")
    per_round = sum(len(three.framework.questions_for(cell)) for cell in three.framework.cells())
    assert len(answers) == per_round * 3
    done = [a for a in answers if a["Answered"] == "yes"]
    assert len(done) == sum(len(r.answers) for r in three.rounds)


def test_formula_text_is_stored_as_a_string(three: Workshop, tmp_path: Path) -> None:
    out = tmp_path / "board.xlsx"
    write_xlsx(three, out)
    book = load_workbook(out)
    texts = {}
    for row in book["Cards"].iter_rows(min_row=2):
        texts[in_xlsx(row[5].value)] = row[5]
    for text in [*RISKY, "=1+2"]:
        cell = texts[in_xlsx(text)]
        assert cell.data_type == "s", text
        assert cell.quotePrefix, text
    answer = next(
        row[5]
        for row in book["Answers"].iter_rows(min_row=2)
        if (row[5].value or "").startswith("=")
    )
    assert answer.data_type == "s"
    card_cells = [row[1] for row in book["Actions"].iter_rows(min_row=2)]
    assert INJECTION in {c.value for c in card_cells}
    assert all(c.data_type == "s" for c in card_cells)


def test_header_is_bold_and_frozen_and_columns_are_wide(three: Workshop, tmp_path: Path) -> None:
    out = tmp_path / "board.xlsx"
    write_xlsx(three, out)
    book = load_workbook(out)
    for sheet in book.worksheets:
        assert sheet.freeze_panes == "A2"
        assert all(cell.font.b for cell in sheet[1])
        assert sheet.column_dimensions["A"].width >= 10
    assert book["Cards"].column_dimensions["F"].width >= 40  # the card's text


def test_world_scripts_survive(three: Workshop, tmp_path: Path) -> None:
    write_xlsx(three, tmp_path / "b.xlsx")
    write_cards_csv(three, "r-third", tmp_path / "c.csv")
    _, cards = rows_of(tmp_path / "b.xlsx", "Cards")
    from_csv = {row["Text"] for row in read_csv(tmp_path / "c.csv")}
    for text in WORLD:
        assert text in {c["Text"] for c in cards}
        assert text in from_csv
    assert "Q3 — 第三" in {c["Round"] for c in cards}


def test_no_names_leaves_every_name_out(three: Workshop, tmp_path: Path) -> None:
    people = {*three.participants, OWNER, RATER, "Ana Lima"}
    write_xlsx(three, tmp_path / "with.xlsx")
    write_xlsx(three, tmp_path / "without.xlsx", names=False)
    write_cards_csv(three, "r-third", tmp_path / "cards.csv", names=False)
    write_actions_csv(three, "r-third", tmp_path / "actions.csv", names=False)

    def names_in(path: Path) -> set[str]:
        book = load_workbook(path)
        found = set()
        for sheet in book.worksheets:
            for row in sheet.iter_rows(values_only=True):
                found |= {v for v in row if isinstance(v, str) and v in people}
        return found

    assert {OWNER, RATER, "Ana Lima"} <= names_in(tmp_path / "with.xlsx")
    assert names_in(tmp_path / "without.xlsx") == set()
    headers, _ = rows_of(tmp_path / "without.xlsx", "Cards")
    assert "Author" not in headers
    for name in ("cards.csv", "actions.csv"):
        text = (tmp_path / name).read_text(encoding="utf-8-sig")
        assert not any(person in text for person in people), name


def test_a_phone_key_is_never_shown_as_a_participant(three: Workshop, tmp_path: Path) -> None:
    write_xlsx(three, tmp_path / "b.xlsx")
    _, ratings = rows_of(tmp_path / "b.xlsx", "Ratings")
    third = [r["Participant"] for r in ratings if r["Round"] == "Q3 — 第三"]
    assert third == [RATER, None, None]


def test_anonymous_workshop_hides_authors(three: Workshop, tmp_path: Path) -> None:
    three.anonymous = True
    write_cards_csv(three, "r-third", tmp_path / "c.csv")
    assert {row["Author"] for row in read_csv(tmp_path / "c.csv")} == {""}


def test_cards_csv_holds_one_round_with_formulas_quoted(three: Workshop, tmp_path: Path) -> None:
    out = tmp_path / "cards.csv"
    result = write_cards_csv(three, "r-third", out)
    rows = read_csv(out)
    rnd = three.round("r-third")
    assert result.pages == len(rows) == len(rnd.cards)
    assert list(rows[0]) == [
        "Round", "Element", "Domain", "Layer", "Kind", "Text", "Author", "Votes", "Action"
    ]  # fmt: skip
    texts = {row["Text"] for row in rows}
    for text in [*RISKY, "=1+2"]:
        assert "'" + text in texts
        assert text not in texts
    assert not any(t.startswith(("=", "+", "-", "@", "\t", "\r")) for t in texts)
    assert {row["Author"] for row in rows} == {"Ana Lima"}


def test_actions_csv(three: Workshop, tmp_path: Path) -> None:
    out = tmp_path / "actions.csv"
    result = write_actions_csv(three, "r-third", out)
    rows = read_csv(out)
    rnd = three.round("r-third")
    assert result.pages == len(rows) == sum(1 for c in rnd.cards.values() if c.action)
    assert {row["Owner"] for row in rows} == {OWNER}
    assert {row["Due"] for row in rows} == {"2026-07-30"}
    assert all(" × " in row["Cell"] for row in rows)
    assert "'" + INJECTION in {row["Card"] for row in rows}


def test_unknown_round_is_refused_in_words(three: Workshop, tmp_path: Path) -> None:
    with pytest.raises(ExportError, match="no round 'r-nope'"):
        write_cards_csv(three, "r-nope", tmp_path / "c.csv")
    assert not (tmp_path / "c.csv").exists()


def test_control_characters_become_a_warning(three: Workshop, tmp_path: Path) -> None:
    rnd = three.round("r-third")
    card = rnd.cards["c-x000"]
    rnd.cards[card.id] = Card(card.id, "bell\x07ringing", card.cell, author="Ana Lima")
    result = write_xlsx(three, tmp_path / "b.xlsx")
    assert len(result.warnings) == 1 and "sheet Cards" in result.warnings[0]
    _, cards = rows_of(tmp_path / "b.xlsx", "Cards")
    assert "bell\ufffdringing" in {c["Text"] for c in cards}


def test_a_failed_write_says_where_and_leaves_nothing(three: Workshop, tmp_path: Path) -> None:
    with pytest.raises(ExportError, match=r"cannot write .*missing"):
        write_xlsx(three, tmp_path / "missing" / "board.xlsx")
    out = tmp_path / "board.xlsx"
    out.write_bytes(b"old")
    write_xlsx(three, out)
    assert [p.name for p in tmp_path.iterdir()] == ["board.xlsx"]  # no temp file left
    assert out.read_bytes().startswith(b"PK")


def test_a_sheet_over_the_row_limit_is_cut_with_a_warning(
    three: Workshop, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from trustboard.export import spreadsheet

    monkeypatch.setattr(spreadsheet, "MAX_ROWS", 5)
    result = write_xlsx(three, tmp_path / "b.xlsx")
    _, cards = rows_of(tmp_path / "b.xlsx", "Cards")
    assert len(cards) == 5
    total = sum(len(r.cards) for r in three.rounds)
    assert any(f"Cards sheet has {total:,} rows" in w for w in result.warnings)
    _, kpis = rows_of(tmp_path / "b.xlsx", "KPIs")
    assert len(kpis) == 5


def test_the_workbook_says_who_made_it(three: Workshop, tmp_path: Path) -> None:
    write_xlsx(three, tmp_path / "b.xlsx")
    assert load_workbook(tmp_path / "b.xlsx").properties.creator == "TrustBoard"


def test_held_cards_stay_private(three: Workshop, tmp_path: Path) -> None:
    rnd = three.round("r-third")
    for state in (WAITING, HIDDEN):
        secret = Card(f"c-{state}", f"secret {state} card", None, author="Ana Lima", held=state)
        rnd.held[secret.id] = secret
    three.validate()
    write_xlsx(three, tmp_path / "b.xlsx")
    write_cards_csv(three, "r-third", tmp_path / "c.csv")
    _, cards = rows_of(tmp_path / "b.xlsx", "Cards")
    assert not any("secret" in c["Text"] for c in cards)
    assert "secret" not in (tmp_path / "c.csv").read_text(encoding="utf-8-sig")
