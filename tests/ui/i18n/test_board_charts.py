"""The charts in the interface language: titles, axes, legends and the notes in the plots
come from the catalogue (pseudo), and German charts say it in German."""

from __future__ import annotations

from collections.abc import Callable

from pytestqt.qtbot import QtBot

from tests.i18n.visible import unwrapped, visible_texts, workshop_data
from tests.ui.board.drawn_text import drawn_text
from tests.ui.i18n.board_texts import english_left
from trustboard.domain.workshop import STANDARD_KPIS
from trustboard.ui.charts import ChartsWindow
from trustboard.ui.session import Session


def _window(qtbot: QtBot, session: Session) -> ChartsWindow:
    window = ChartsWindow(session)
    qtbot.addWidget(window)
    window.resize(1280, 800)
    window.show()
    qtbot.waitExposed(window)
    return window


def test_every_chart_text_is_translated(
    interface_language: Callable[[str], str], qtbot: QtBot, demo_session: Session
) -> None:
    interface_language("pseudo")
    window = _window(qtbot, demo_session)
    data = workshop_data(demo_session.workshop)
    assert unwrapped(visible_texts(window), data=data) == []
    kpi_names = " ".join(k.name for k in STANDARD_KPIS)  # the domain's words, not the charts'
    for key in window.keys:
        chart = window.show_chart(key)
        chart.grab()
        drawn = [d for d in drawn_text(chart) if d.text not in kpi_names]
        assert drawn, key
        assert english_left(drawn, demo_session.workshop) == [], key
        assert chart.summary.startswith("[!! "), key


def test_german_charts(
    interface_language: Callable[[str], str], qtbot: QtBot, demo_session: Session
) -> None:
    interface_language("de")
    window = _window(qtbot, demo_session)
    assert window.windowTitle() == "Diagramme"
    titles = [window.tabs.tabText(i) for i in range(window.tabs.count())]
    assert titles[:3] == ["Heatmap", "Abstand", "Wahrnehmungslücke"]
    assert window.show_chart("perception").summary.startswith("Wahrnehmungslücke – ")
    assert window.show_chart("trend").summary.startswith("Verlauf je Vertrauenselement. ")
