"""The docks and dialogs around the board in the interface language: everything they show
comes from the catalogue (pseudo), German and French read as a facilitator there would
say it, and KPI fields read the locale's separators."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QLocale, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMainWindow, QWidget
from pytestqt.qtbot import QtBot

from tests.i18n.visible import unwrapped, visible_texts, workshop_data
from trustboard.document.kpis import bounds_text
from trustboard.domain.workshop import STANDARD_KPIS, Action
from trustboard.paths import UserPaths
from trustboard.ui.dialogs.about_dialog import AboutDialog
from trustboard.ui.dialogs.action_dialog import ActionDialog
from trustboard.ui.dialogs.author_dialog import AuthorDialog
from trustboard.ui.dialogs.details_dialog import DetailsDialog
from trustboard.ui.dialogs.framework_editor import FrameworkEditorDialog
from trustboard.ui.dialogs.shortcuts_dialog import ShortcutsDialog
from trustboard.ui.docks.actions_table import ActionsTable
from trustboard.ui.docks.cell_panel import CellPanel
from trustboard.ui.docks.dock_set import DOCKS, DockSet
from trustboard.ui.docks.kpi_panel import KpiPanel
from trustboard.ui.docks.voting import VotingPanel
from trustboard.ui.numbers import parse_number
from trustboard.ui.session import Session

# Texts these panels show that other parts of the app word: the length hint of every
# limited field, the standard KPIs' names and the bounds the document layer words. (The
# keyboard actions on the panels come from the action registry and are skipped.)
_LIMIT = re.compile(r"\(?At most [\d,.]+ characters\.\)?")


def _elsewhere(session: Session) -> list[str]:
    return [
        text
        for kpi in STANDARD_KPIS
        for text in (kpi.name, bounds_text(kpi), f"{kpi.name}: {bounds_text(kpi)}")
    ]


def _promoted(session: Session) -> str:
    """A card of the demo round that is an action (promoted here if none is)."""
    card = next(iter(session.round.cards.values()))
    if card.action is None:
        session.update_card(card.id, action=Action(owner="Sam", due=dt.date(2020, 1, 1)))
    return card.id


@pytest.fixture
def panels(
    qtbot: QtBot, demo_session: Session, tmp_path: Path
) -> Iterator[Callable[[], list[QWidget]]]:
    made: list[QWidget] = []

    def make() -> list[QWidget]:
        session = demo_session
        card_id = _promoted(session)
        session.set_current_cell(next(iter(session.framework.cells())))
        card = session.round.cards[card_id]
        window = QMainWindow()
        actions = {action_id: QAction(window) for action_id, *_rest in DOCKS}
        DockSet(window, actions)
        made.extend(
            [
                window,
                CellPanel(session),
                KpiPanel(session),
                VotingPanel(session),
                ActionsTable(session, today=lambda: dt.date(2030, 1, 1)),
                AboutDialog(),
                ActionDialog(card, participants=session.workshop.participants),
                AuthorDialog(session.workshop.participants, ""),
                AuthorDialog((), ""),
                DetailsDialog(session),
                FrameworkEditorDialog(session, UserPaths.under(tmp_path / "data")),
                ShortcutsDialog(),
            ]
        )
        for widget in made:
            qtbot.addWidget(widget)
        return made

    yield make


def test_every_text_of_the_docks_and_dialogs_is_translated(
    interface_language: Callable[[str], str],
    panels: Callable[[], list[QWidget]],
    demo_session: Session,
) -> None:
    interface_language("pseudo")
    data = [*workshop_data(demo_session.workshop), *_elsewhere(demo_session)]
    texts = [
        (where, _LIMIT.sub(" ", text))
        for widget in panels()
        for where, text in visible_texts(widget)
        if not where.endswith(("action", "action tip"))  # the registry's, not these panels'
    ]
    bad = unwrapped(texts, data=data)
    assert bad == [], "\n".join(bad)


def test_german_panels_and_dialogs(
    interface_language: Callable[[str], str],
    qtbot: QtBot,
    demo_session: Session,
    tmp_path: Path,
) -> None:
    interface_language("de")
    session = demo_session
    session.set_current_cell(next(iter(session.framework.cells())))
    panel = CellPanel(session)
    qtbot.addWidget(panel)
    assert panel.prev_button.text() == "◀ Vorheriges Feld"
    assert panel.next_button.text() == "Nächstes Feld ▶"
    n = len(list(session.framework.cells()))
    assert panel.position_label.text() == f"Feld 1 von {n}"
    assert panel.rating_box.heading.text() == "Bewertung"
    assert panel.questions_box.heading.text() == "Reflexionsfragen"
    readouts = [row.readout.text() for row in panel.rating_box.rows.values()]
    assert all(
        re.fullmatch(r"(1 Bewertung|\d+ Bewertungen) · Median .+ · Spanne \d+", t)
        or t == "Noch keine Bewertungen"
        for t in readouts
    ), readouts
    _promoted(session)
    table = ActionsTable(session, today=lambda: dt.date(2030, 1, 1))
    qtbot.addWidget(table)
    assert re.fullmatch(r"(1 Maßnahme|\d+ Maßnahmen), \d+ überfällig", table.summary.text())
    headers = [table.model.headerData(i, Qt.Orientation.Horizontal) for i in range(6)]
    assert headers == ["Maßnahme", "Feld", "Verantwortlich", "Fällig", "Status", "Stimmen"]
    voting = VotingPanel(session)
    qtbot.addWidget(voting)
    assert voting.start.text() == "Abstimmung &starten"
    editor = FrameworkEditorDialog(session, UserPaths.under(tmp_path / "data"))
    qtbot.addWidget(editor)
    assert editor.windowTitle() == "Modell bearbeiten"
    details = DetailsDialog(session)
    qtbot.addWidget(details)
    assert details.date.displayFormat() == "dd.MM.yyyy"
    assert editor.rows.add.text() == "Hinzufügen"
    assert editor.rows.title().endswith("(Zeilen)")
    window = QMainWindow()
    qtbot.addWidget(window)
    docks = DockSet(window, {action_id: QAction(window) for action_id, *_rest in DOCKS})
    assert [d.windowTitle() for d in docks.docks.values()] == [
        "Feld",
        "Punktabfrage",
        "Kennzahlen",
        "Maßnahmenplan",
    ]


def test_french_panels_and_dialogs(
    interface_language: Callable[[str], str], qtbot: QtBot, demo_session: Session
) -> None:
    interface_language("fr")
    session = demo_session
    card = session.round.cards[_promoted(session)]
    dialog = ActionDialog(card, participants=session.workshop.participants)
    qtbot.addWidget(dialog)
    assert dialog.windowTitle() == "Modifier l'action"
    assert [dialog.status.itemText(i) for i in range(3)] == ["Ouverte", "En cours", "Terminée"]
    assert dialog.remove.text() == "Retirer l'&action"
    assert dialog.due.displayFormat() == "dd/MM/yyyy"  # the locale's date, four-digit year
    panel = KpiPanel(session)
    qtbot.addWidget(panel)
    assert panel.add_button.text() == "Ajouter l'indicateur"
    assert panel.heading.text().startswith("Indicateurs — ")
    details = DetailsDialog(session)
    qtbot.addWidget(details)
    assert details.windowTitle() == "Détails de l'atelier"
    assert details.anonymous.text() == "Garder les cartes anonymes (sans initiales)"
    about = AboutDialog()
    qtbot.addWidget(about)
    assert "Fonctionne hors ligne." in about.text.text()
    assert "\u00a0:" in about.text.text()  # a no-break space before the colon


def test_kpi_fields_read_the_locale_separators(interface_language: Callable[[str], str]) -> None:
    interface_language("de")
    assert parse_number("1.250,5") == 1250.5
    assert parse_number("0,5") == 0.5
    interface_language("fr")
    group = QLocale().groupSeparator()
    assert parse_number(f"1{group}250,5") == 1250.5
    interface_language("en")
    assert parse_number("1,250.5") == 1250.5
