"""Suggested mappings, and mappings written to TOML and read back."""

from __future__ import annotations

import pytest

from trustboard.document.commands import History
from trustboard.document.document import WorkshopDocument
from trustboard.document.imports import save_mapping
from trustboard.domain.framework import Framework
from trustboard.domain.workshop import Layer, Perspective, SavedMapping, Workshop
from trustboard.services.imports.layouts import Layout, detect
from trustboard.services.imports.mapping import (
    ColumnMap,
    Mapping,
    MappingError,
    Target,
    from_toml,
    suggest,
    to_toml,
)
from trustboard.services.imports.read import read_bytes

SURVEY = (
    "Timestamp,Email Address,How much do you trust us? [Competence of our individuals],"
    "How much do you trust us? [Integrity / Organizations],Rate our food,"
    "How likely are you to recommend us to a friend?,Do you trust us?,Do you like us?,"
    "Anything else?\n"
    "2026/12/01,a@x,Agree,Strongly agree,4,9,Yes,Yes,Lovely people\n"
    "2026/12/01,b@x,Disagree,Don't know,5,6,No,No,Too slow to answer my emails\n"
    "2026/12/01,c@x,Agree,Agree,3,10,Yes,No,Kind\n"
)


def layout(text: str) -> Layout:
    return detect(read_bytes(text.encode(), "s.csv"))


def by_header(mapping: Mapping) -> dict[str, ColumnMap]:
    return {c.header: c for c in mapping.columns}


def test_a_wide_survey_is_mapped_carefully(rtx: Framework) -> None:
    found = layout(SURVEY)
    mapping = suggest(found, rtx)
    assert mapping.signature == found.signature
    cols = by_header(mapping)
    staff = cols["How much do you trust us? [Competence of our individuals]"]
    assert (staff.target, staff.cell) == (Target.SCORE, ("competence", "individuals"))
    assert dict(staff.labels) == {"Agree": 4, "Disagree": 2}
    integrity = cols["How much do you trust us? [Integrity / Organizations]"]
    assert integrity.cell == ("integrity", "organizations")
    assert dict(integrity.labels)["Don't know"] is None
    assert cols["Rate our food"].target == Target.IGNORE  # names no cell: unsure
    nps = cols["How likely are you to recommend us to a friend?"]
    assert (nps.target, nps.kpi) == (Target.KPI, "nps")
    trust = cols["Do you trust us?"]
    assert (trust.target, trust.kpi) == (Target.KPI, "trust-yes")
    assert cols["Do you like us?"].target == Target.IGNORE
    comment = cols["Anything else?"]
    assert (comment.target, comment.cell, comment.perspective) == (
        Target.COMMENT,
        None,
        Perspective.CUSTOMER,
    )
    assert cols["Timestamp"].target == cols["Email Address"].target == Target.IGNORE


def test_numbers_beyond_the_scale_are_rescaled_from_a_common_range(rtx: Framework) -> None:
    found = layout("Competence of individuals (0 to 10)\n0\n7\n10\n")
    (col,) = suggest(found, rtx).columns
    assert (col.target, col.rescale) == (Target.SCORE, (0.0, 10.0))
    found = layout("Competence of individuals\n1\n5\n")
    assert suggest(found, rtx).columns[0].rescale is None


def test_trustboard_long_layouts_are_mapped_fully(rtx: Framework) -> None:
    ratings = suggest(
        layout("element,domain,perspective,score,layer,comment,extra\na,b,self,3,,,\n"), rtx
    )
    assert [c.target for c in ratings.columns] == [
        Target.CARD_ELEMENT, Target.CARD_DOMAIN, Target.PERSPECTIVE, Target.SCORE,
        Target.CARD_LAYER, Target.COMMENT, Target.IGNORE,
    ]  # fmt: skip
    cards = suggest(layout("element,domain,layer,kind,text,author\na,b,as-is,evidence,hi,\n"), rtx)
    assert [c.target for c in cards.columns] == [
        Target.CARD_ELEMENT, Target.CARD_DOMAIN, Target.CARD_LAYER, Target.CARD_KIND,
        Target.CARD_TEXT, Target.CARD_AUTHOR,
    ]  # fmt: skip


def test_board_exports_map_frames_and_lists_to_cells(rtx: Framework) -> None:
    miro = suggest(
        layout("Content,Author,Frame\nSlow,Ann,Competence / Individuals\nOk,Bo,Ideas\n"), rtx
    )
    cols = by_header(miro)
    assert cols["Content"].target == Target.CARD_TEXT
    assert cols["Author"].target == Target.CARD_AUTHOR
    assert cols["Frame"].values == (("Competence / Individuals", "competence/individuals"),)
    trello = suggest(
        layout("Card ID,Card Name,List Name,Labels\n1,Hi,Integrity organizations,Risk\n"), rtx
    )
    assert by_header(trello)["Card ID"].target == Target.RESPONSE_ID
    assert by_header(trello)["List Name"].values == (
        ("Integrity organizations", "integrity/organizations"),
    )


def test_a_saved_mapping_comes_first(rtx: Framework, workshop: Workshop) -> None:
    found = layout(SURVEY)
    mine = Mapping("Quarterly", (ColumnMap("Anything else?", Target.IGNORE),), found.signature)
    doc = WorkshopDocument(workshop)
    History().push(save_mapping(doc, SavedMapping(found.signature, "Quarterly", to_toml(mine))))
    assert suggest(found, rtx, workshop) == mine
    assert suggest(layout("Other\n1\n"), rtx, workshop).name == "a survey export"


HOSTILE = [
    'He said "trust" \\ then left',
    "Line one\nline two\ttabbed\r",
    '=HYPERLINK("http://example.com","click")',
    "你信任我们吗？ [员工]",
    "Trust 🤝 us? 👍🏽",
    "control \x01\x1f\x7f chars",
    "'single' and ''' triple",
]


@pytest.mark.parametrize("header", HOSTILE)
def test_toml_round_trips_hostile_headers(header: str) -> None:
    mapping = Mapping(
        f"Name {header}",
        (
            ColumnMap(
                header,
                Target.SCORE,
                ("competence", "individuals"),
                Layer.TO_BE,
                Perspective.SELF,
                labels=((header, 4), ("Don't know", None)),
                rescale=(0.0, 10.5),
            ),
            ColumnMap(header + " 2", Target.KPI, kpi="nps"),
            ColumnMap("Frame", Target.CARD_CELL, values=((header, "competence/individuals"),)),
            ColumnMap("Other", Target.COMMENT),
        ),
        "ab" * 32,
    )
    assert from_toml(to_toml(mapping), "m.toml") == mapping


def test_the_contracts_example_reads() -> None:
    text = (
        'name = "Quarterly customer survey"\n[[column]]\n'
        'header = "How much do you trust us? [Our staff]"\ntarget = "score"\n'
        'cell = "competence/individuals"   # element/domain, by id or name\n'
        'perspective = "customer"\nlayer = "as-is"\n'
        'labels = { "Strongly disagree" = 1, "Agree" = 4, "Don\'t know" = "skip" }\n'
        '[[column]]\nheader = "How likely are you to recommend us to a friend?"\n'
        'target = "kpi"\nkpi = "nps"\n'
    )
    mapping = from_toml(text, "m.toml")
    assert mapping.name == "Quarterly customer survey"
    assert mapping.columns[0].labels == (
        ("Strongly disagree", 1),
        ("Agree", 4),
        ("Don't know", None),
    )
    assert mapping.columns[1].kpi == "nps"


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ('name = "x"\n[[column]\n', "is not valid TOML: .*line 2"),
        ('nmae = "x"\n', "column 'nmae': is not a mapping key"),
        ('[[column]]\ntarget = "score"\n', "number 1, key 'header': is missing"),
        (
            '[[column]]\nheader = "Q"\ntarget = "scroe"\n',
            "number 1 \\('Q'\\), key 'target': 'scroe' is not a target",
        ),
        (
            '[[column]]\nheader = "Q"\ntarget = "score"\ncell = "x"\n',
            "key 'cell': must be written as",
        ),
        (
            '[[column]]\nheader = "Q"\ntarget = "score"\nlabels = { "A" = 1.5 }\n',
            "'A' = 1.5: give a whole number",
        ),
        ('[[column]]\nheader = "Q"\ntarget = "score"\nrescale = [10, 0]\n', "key 'rescale'"),
        ('[[column]]\nheader = "Q"\ntarget = "score"\nperspective = "us"\n', "key 'perspective'"),
        (
            '[[column]]\nheader = "Q"\ntarget = "score"\ncolour = "red"\n',
            "key 'colour': is not a mapping key",
        ),
    ],
)
def test_bad_mappings_name_the_line_or_key(text: str, words: str) -> None:
    with pytest.raises(MappingError, match=r"m.toml") as caught:
        from_toml(text, "m.toml")
    assert caught.match(words)


def test_trello_lists_name_cells_and_labels_name_kinds(rtx: Framework) -> None:
    trello = suggest(
        layout(
            "Card ID,Card Name,List Name,Labels\n"
            '1,Hi,Competence — Organizations,Idea\n2,Ho,Competence — Organizations,"Urgent, Risk"\n'
            "3,Hu,Elsewhere,Risk (red)\n"
        ),
        rtx,
    )
    cols = by_header(trello)
    assert cols["Labels"].values == (
        ("Idea", "idea"),
        ("Urgent, Risk", "risk"),
        ("Risk (red)", "risk"),  # Trello's colour in brackets
    )
    assert cols["List Name"].values == (("Competence — Organizations", "competence/organizations"),)


def test_plurals_possessives_tags_and_a_bare_nps_score(rtx: Framework) -> None:
    typeform = suggest(
        layout("#,Competence: how would you rate our organization's know-how?\na,Good\nb,Poor\n"),
        rtx,
    )
    assert typeform.columns[1].cell == ("competence", "organizations")
    miro = suggest(
        layout("Content,Author,Tags\nStaff know the gear,Ann,Evidence\nCall back,Bo,Idea\n"), rtx
    )
    assert by_header(miro)["Tags"].values == (("Evidence", "evidence"), ("Idea", "idea"))
    nps_tool = suggest(layout("Response ID,Score,Comment\nn1,10,Great\nn2,3,\nn3,7,\n"), rtx)
    assert (by_header(nps_tool)["Score"].target, by_header(nps_tool)["Score"].kpi) == (
        Target.KPI,
        "nps",
    )
    five = suggest(layout("Response ID,Score\nn1,4\nn2,3\n"), rtx)
    assert by_header(five)["Score"].target == Target.IGNORE
