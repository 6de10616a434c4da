"""A phone's card waiting for the reveal, or hidden by the facilitator, is in no PDF; and no
PDF ever names the device that wrote a card."""

from __future__ import annotations

from pathlib import Path

from tests.export.helpers import add_cards, normalise, pdftotext
from trustboard.document import WorkshopDocument
from trustboard.document.commands import History
from trustboard.document.room_edits import card_id_for, device_key, hide_card, phone_card
from trustboard.domain.workshop import Layer, Workshop
from trustboard.export import ReportOptions, SummaryOptions, write_report, write_summary

ANA = device_key("a" * 22, "salt")
CELL = ("competence", "individuals")


def _with_phone_cards(demo: Workshop) -> None:
    doc, history = WorkshopDocument(demo), History()
    for key, text, private in (
        ("k-shown", "Shown from a phone", False),
        ("k-waiting", "Waiting for the reveal", True),
        ("k-hidden", "Hidden by the facilitator", False),
    ):
        command = phone_card(doc, ANA, key, text, "evidence", CELL, Layer.AS_IS, private=private)
        assert command is not None
        history.push(command)
    hide = hide_card(doc, card_id_for(ANA, "k-hidden"))
    assert hide is not None
    history.push(hide)


def test_held_cards_and_device_keys_are_in_no_pdf(demo: Workshop, tmp_path: Path) -> None:
    add_cards(demo, ["An ordinary card"])
    _with_phone_cards(demo)
    report, summary = tmp_path / "report.pdf", tmp_path / "summary.pdf"
    write_report(demo, demo.current_round_id, report, ReportOptions())
    write_summary(demo, demo.current_round_id, summary, SummaryOptions())
    text = normalise(pdftotext(report))
    assert normalise("Shown from a phone") in text  # the board's cards print as before
    for pdf_text in (text, normalise(pdftotext(summary))):
        assert normalise("Waiting for the reveal") not in pdf_text
        assert normalise("Hidden by the facilitator") not in pdf_text
        assert ANA.removeprefix("phone-") not in pdf_text and "phone-" not in pdf_text
