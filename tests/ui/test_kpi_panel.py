"""The KPI panel: values checked inline, one undo step each, custom KPIs added and removed."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
from PySide6.QtCore import QLocale, Qt
from pytestqt.qtbot import QtBot

from trustboard.document.commands import KpiCommand
from trustboard.document.rounds import start_round_command
from trustboard.ui.docks.kpi_panel import KpiPanel, parse_number
from trustboard.ui.session import Session


def _panel(qtbot: QtBot, session: Session) -> KpiPanel:
    panel = KpiPanel(session)
    qtbot.addWidget(panel)
    panel.resize(460, 900)
    panel.show()
    qtbot.waitExposed(panel)
    return panel


def _type(qtbot: QtBot, panel: KpiPanel, kpi_id: str, text: str) -> None:
    field = panel.fields[kpi_id]
    field.selectAll()
    field.del_()
    qtbot.keyClicks(field, text)
    qtbot.keyClick(field, Qt.Key.Key_Return)


@pytest.mark.parametrize(
    ("text", "value"),
    [("62.5", 62.5), ("62,5", 62.5), (" 62 % ", 62), ("−5", -5), ("-5", -5), ("1,250", 1250),
     ("1,250.5", 1250.5), ("0,125", 0.125), ("", None), ("  ", None)],
)  # fmt: skip
def test_numbers_as_people_type_them(text: str, value: float | None) -> None:
    assert parse_number(text, "%") == value


@pytest.fixture
def german() -> Iterator[QLocale]:
    """The user's locale is German for this test."""
    before = QLocale()
    QLocale.setDefault(QLocale(QLocale.Language.German, QLocale.Country.Germany))
    yield QLocale()
    QLocale.setDefault(before)


def test_numbers_are_read_with_the_users_locale(german: QLocale) -> None:
    assert parse_number("1.250") == 1250  # a German thousands separator
    assert parse_number("1.250,5 %", "%") == 1250.5
    assert parse_number("62,5") == 62.5
    english = QLocale(QLocale.Language.English, QLocale.Country.UnitedStates)
    assert parse_number("1.250", locale=english) == 1.25


def test_a_german_user_types_and_reads_back_german_numbers(
    qtbot: QtBot, session: Session, german: QLocale
) -> None:
    panel = _panel(qtbot, session)
    _type(qtbot, panel, "clv", "1.250")
    assert session.round.kpis == {"clv": 1250}
    _type(qtbot, panel, "retention", "62,5")
    assert session.round.kpis["retention"] == 62.5
    assert panel.fields["retention"].text() == "62,5"  # shown as typed, not as "62.5"
    session.push(KpiCommand(session.doc, session.round.id, "clv", 1250, 1.125))
    assert panel.fields["clv"].text() == "1,125"
    steps = session.undo_stack.count()
    _type(qtbot, panel, "clv", panel.fields["clv"].text())  # Enter on what it shows
    assert session.round.kpis["clv"] == 1.125  # not 1125
    assert session.undo_stack.count() == steps


@pytest.mark.parametrize("text", ["abc", "1.2.3", "nan", "inf", "12 apples"])
def test_not_numbers(text: str) -> None:
    with pytest.raises(ValueError, match="is not a number"):
        parse_number(text)


def test_each_entry_is_one_undo_step(qtbot: QtBot, session: Session) -> None:
    panel = _panel(qtbot, session)
    rnd = session.round
    _type(qtbot, panel, "retention", "62,5")
    assert rnd.kpis == {"retention": 62.5}
    _type(qtbot, panel, "nps", "-100")
    assert rnd.kpis["nps"] == -100
    assert session.undo_stack.count() == 2
    assert session.undo_stack.text(0) == "Set Customer retention rate"
    _type(qtbot, panel, "nps", "-100")  # unchanged: no step
    assert session.undo_stack.count() == 2
    session.undo_stack.undo()
    assert "nps" not in rnd.kpis
    assert panel.fields["nps"].text() == ""
    _type(qtbot, panel, "retention", "")  # clearing is a step too
    assert rnd.kpis == {}
    assert session.undo_stack.text(session.undo_stack.index() - 1) == (
        "Clear Customer retention rate"
    )


@pytest.mark.parametrize(
    ("kpi_id", "text", "message"),
    [
        ("retention", "150", "Customer retention rate must be 0 to 100 %"),
        ("retention", "-1", "must be 0 to 100 %"),
        ("trust-yes", "100.5", "must be 0 to 100 %"),
        ("nps", "101", "Net promoter score must be −100 to 100"),
        ("nps", "-101", "must be −100 to 100"),
        ("clv", "-3", "Customer lifetime value must be 0 or more"),
        ("nps", "lots", "“lots” is not a number"),
    ],
)
def test_bad_values_get_an_inline_message_and_change_nothing(
    qtbot: QtBot, session: Session, kpi_id: str, text: str, message: str
) -> None:
    panel = _panel(qtbot, session)
    _type(qtbot, panel, kpi_id, text)
    error = panel.errors[kpi_id]
    assert error.isVisible()
    assert message in error.text()
    assert panel.fields[kpi_id].accessibleDescription() == error.text()
    assert session.round.kpis == {}
    assert session.undo_stack.count() == 0
    _type(qtbot, panel, kpi_id, "50")  # fixing it clears the message
    assert not error.isVisible()
    assert session.round.kpis == {kpi_id: 50}


def test_custom_kpis_add_validate_remove_and_undo(qtbot: QtBot, session: Session) -> None:
    panel = _panel(qtbot, session)
    ws = session.workshop

    def add(name: str, unit: str = "", lo: str = "", hi: str = "") -> bool:
        panel.new_name.setText(name)
        panel.new_unit.setText(unit)
        panel.new_min.setText(lo)
        panel.new_max.setText(hi)
        return panel.add_custom()

    assert not add("")
    assert "name" in panel.add_error.text()
    assert not add("net promoter score")
    assert "already a KPI" in panel.add_error.text()
    assert not add("Churn", "%", "10", "5")
    assert "minimum must be below" in panel.add_error.text()
    assert session.undo_stack.count() == 0
    assert add("Complaints <b>& solved", "%", "0", "100")
    kpi = ws.custom_kpis[0]
    assert (kpi.id, kpi.name, kpi.unit, kpi.minimum, kpi.maximum) == (
        "custom-complaints-b-solved", "Complaints <b>& solved", "%", 0, 100,
    )  # fmt: skip
    assert kpi.id in panel.fields
    _type(qtbot, panel, kpi.id, "101")
    assert "must be 0 to 100 %" in panel.errors[kpi.id].text()
    _type(qtbot, panel, kpi.id, "40")
    first = session.round.id
    session.push(start_round_command(session.doc, "Round 2", dt.date(2026, 7, 1)))
    session.push(KpiCommand(session.doc, session.round.id, kpi.id, None, 55.0))
    steps = session.undo_stack.count()
    panel.remove_buttons[kpi.id].click()
    assert ws.custom_kpis == ()
    assert all(kpi.id not in r.kpis for r in ws.rounds)
    assert kpi.id not in panel.fields
    assert session.undo_stack.count() == steps + 1  # values and definition: one step
    session.undo_stack.undo()
    assert ws.custom_kpis == (kpi,)
    assert ws.round(first).kpis[kpi.id] == 40
    assert session.round.kpis[kpi.id] == 55
    assert panel.fields[kpi.id].text() == "55"


def test_an_earlier_round_is_shown_read_only(qtbot: QtBot, session: Session) -> None:
    session.push(KpiCommand(session.doc, session.round.id, "nps", None, 12.0))
    first = session.round.id
    session.push(start_round_command(session.doc, "Round 2", dt.date(2026, 7, 1)))
    panel = _panel(qtbot, session)
    assert panel.fields["nps"].text() == ""
    session.set_viewed_round(first)
    assert panel.fields["nps"].text() == "12"
    assert panel.fields["nps"].isReadOnly()
    assert panel.read_only_note.isVisible()
    assert not panel.add_box.isEnabled()
    assert not panel.commit("nps")
    session.set_viewed_round(None)
    assert not panel.fields["nps"].isReadOnly()
    assert "Round 2" in panel.heading.text()
