"""A KPI computed from imported data shows how beside its value: "n = 412 · ±4.6"."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QLocale, Qt
from pytestqt.qtbot import QtBot

from trustboard.document import imports
from trustboard.document.commands import MacroCommand
from trustboard.domain.workshop import KpiBasis, SavedMapping
from trustboard.ui.docks.kpi_panel import KpiPanel
from trustboard.ui.session import Session
from trustboard.ui.text import BODY_PX

BASIS = KpiBasis(412, 4.63, "survey <b>&.csv")


def _panel(qtbot: QtBot, session: Session) -> KpiPanel:
    panel = KpiPanel(session)
    qtbot.addWidget(panel)
    panel.resize(460, 900)
    panel.show()
    qtbot.waitExposed(panel)
    return panel


def test_a_kpi_from_data_shows_its_count_and_margin_beside_the_value(
    qtbot: QtBot, session: Session
) -> None:
    panel = _panel(qtbot, session)
    assert not panel.bases["nps"].isVisible()
    session.push(imports.set_kpi_from_data(session.doc, "nps", 23.5, BASIS))
    label = panel.bases["nps"]
    assert panel.fields["nps"].text() == "23.5"
    assert label.isVisible() and label.text() == "n = 412 · ±4.6"
    assert label.font().pixelSize() >= BODY_PX
    assert label.textFormat() == Qt.TextFormat.PlainText
    assert "412 answers in survey <b>&.csv" in label.accessibleDescription()
    assert "survey &lt;b&gt;&amp;.csv" in label.toolTip()  # the file's name shown literally
    assert label.geometry().left() > panel.fields["nps"].geometry().right()  # beside it
    assert not panel.bases["retention"].isVisible()
    session.undo_stack.undo()
    assert not label.isVisible() and panel.fields["nps"].text() == ""


def test_typing_a_value_by_hand_hides_the_basis_and_undo_shows_it_again(
    qtbot: QtBot, session: Session
) -> None:
    panel = _panel(qtbot, session)
    session.push(imports.set_kpi_from_data(session.doc, "nps", 23.5, BASIS))
    field = panel.fields["nps"]
    field.selectAll()
    field.del_()
    qtbot.keyClicks(field, "30")
    qtbot.keyClick(field, Qt.Key.Key_Return)
    assert session.round.kpis["nps"] == 30 and session.round.kpi_basis == {}
    assert not panel.bases["nps"].isVisible()
    session.undo_stack.undo()
    assert panel.bases["nps"].isVisible() and panel.bases["nps"].text() == "n = 412 · ±4.6"


def test_a_basis_without_a_margin_and_one_from_an_import_step(
    qtbot: QtBot, session: Session
) -> None:
    panel = _panel(qtbot, session)
    steps = [
        imports.set_kpi_from_data(session.doc, "trust-yes", 61.0, KpiBasis(1, None, "")),
        imports.save_mapping(
            session.doc, SavedMapping("0" * 64, "Quarterly", 'name = "Quarterly"\n')
        ),
    ]
    session.push(MacroCommand(steps, "Import survey: 1 response", session.doc))  # mixed kinds
    assert panel.bases["trust-yes"].text() == "n = 1"
    assert (
        panel.bases["trust-yes"]
        .accessibleDescription()
        .startswith("Computed from 1 answer in imported data.")
    )


@pytest.fixture
def german() -> Iterator[QLocale]:
    before = QLocale()
    QLocale.setDefault(QLocale(QLocale.Language.German, QLocale.Country.Germany))
    yield QLocale()
    QLocale.setDefault(before)


def test_the_margin_is_shown_with_the_users_decimal_point(
    qtbot: QtBot, session: Session, german: QLocale
) -> None:
    panel = _panel(qtbot, session)
    session.push(imports.set_kpi_from_data(session.doc, "nps", 23.5, BASIS))
    assert panel.bases["nps"].text() == "n = 412 · ±4,6"


def test_a_basis_shows_for_the_round_on_view_after_a_rebuild(
    qtbot: QtBot, session: Session
) -> None:
    session.push(imports.set_kpi_from_data(session.doc, "nps", 23.5, BASIS))
    panel = _panel(qtbot, session)  # built with the basis already there
    assert panel.bases["nps"].text() == "n = 412 · ±4.6"
