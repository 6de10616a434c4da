"""Markup typed into a workshop shows as typed everywhere in the window, never as markup.

A card reading `<img src="/local/file.png"><h1>…` must not show a local picture or a fake
heading in a tooltip, a label, a message, a chart title or a legend: Qt renders any of those
as HTML when the text looks like markup, and pyqtgraph labels always do. Every text field
of a workshop gets the same hostile text; then the window, board, panels, dialogs and every
chart are opened and every string Qt could render is checked.
"""

from __future__ import annotations

import ast
import csv
import dataclasses
import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QAbstractItemModel, QModelIndex, Qt
from PySide6.QtGui import QAction, QTextDocument
from PySide6.QtGui import Qt as GuiQt  # Qt.mightBeRichText is declared in QtGui
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QGraphicsScene,
    QGraphicsTextItem,
    QGraphicsView,
    QLabel,
    QMessageBox,
    QTabBar,
    QWidget,
)
from pytestqt.qtbot import QtBot

from trustboard.domain.framework import Framework
from trustboard.domain.workshop import Action, Card, KpiDef, Layer, Workshop
from trustboard.paths import UserPaths
from trustboard.services.demo import demo_workshop
from trustboard.services.settings import Settings
from trustboard.store import WorkshopFile
from trustboard.ui.actions import ActionId
from trustboard.ui.main_window import MainWindow
from trustboard.ui.text import html_text, literal_text, plain_tooltip

HOSTILE = '<img src="x"><h1>BIG</h1><b>&amp;'
SHOWN = "<h1>BIG"  # what a reader sees of it when it stays text; markup would hide the tag
# Fields that hold people's (or a template's) words; ids, colours and dates stay as they are.
TEXT_FIELDS = {
    "name", "label", "text", "definition", "description", "title", "organisation",
    "facilitator", "owner", "author", "group", "element_label", "domain_label", "notes",
    "source",
}  # fmt: skip
TEXT_TUPLES = {"participants", "tags"}
# A card's owner is the key of the phone that wrote it: an id, never shown (an action's
# owner is a person's name and stays in TEXT_FIELDS).
ID_FIELDS = {(Card, "owner")}


def _hostile(value: Any) -> Any:
    """`value` with HOSTILE in front of every text it holds (kept unique by the original)."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        changes = {}
        for f in dataclasses.fields(value):
            old = getattr(value, f.name)
            if (type(value), f.name) in ID_FIELDS:
                changes[f.name] = old
            elif f.name in TEXT_FIELDS and isinstance(old, str):
                changes[f.name] = f"{HOSTILE} {old}"
            elif f.name in TEXT_TUPLES:
                changes[f.name] = tuple(f"{HOSTILE} {v}" for v in old)
            else:
                changes[f.name] = _hostile(old)
        return dataclasses.replace(value, **changes)
    if isinstance(value, dict):
        return {k: _hostile(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_hostile(v) for v in value]
    if isinstance(value, tuple) and not (value and isinstance(value[0], str)):
        return tuple(_hostile(v) for v in value)
    return value


def hostile_workshop(framework: Framework) -> Workshop:
    """The demo workshop, plus a custom KPI and an action, with HOSTILE in every text."""
    ws = demo_workshop(framework)
    kpi = KpiDef("custom-kpi", "Churn", unit="<b>u")
    ws = dataclasses.replace(ws, custom_kpis=(*ws.custom_kpis, kpi))
    cell = (framework.elements[0].id, framework.domains[0].id)
    card = Card("card-hostile", "x", cell, Layer.AS_IS, framework.card_kinds[0].id,
                author="Ann", votes=3, action=Action("Bob", dt.date(2026, 1, 1)))  # fmt: skip
    ws.rounds[-1].cards[card.id] = card
    for r in ws.rounds:
        r.kpis[kpi.id] = 12.0
    return _hostile(ws)  # type: ignore[no-any-return]


class Audit:
    """Collects where the hostile text appears and where it would render as markup."""

    def __init__(self) -> None:
        self.seen: list[str] = []
        self.leaks: list[str] = []

    def text(self, where: str, text: str, fmt: Qt.TextFormat = Qt.TextFormat.AutoText) -> None:
        if not text or "BIG" not in text:
            return
        self.seen.append(where)
        rich = fmt == Qt.TextFormat.RichText or (
            fmt == Qt.TextFormat.AutoText and GuiQt.mightBeRichText(text)
        )
        if rich:
            doc = QTextDocument()
            doc.setHtml(text)
            text = doc.toPlainText()
        if "BIG" in text and SHOWN not in text:
            self.leaks.append(f"{where}: {text[:90]!r}")

    def shown(self, where: str, shown: str) -> None:
        """Text as a widget shows it (already rendered)."""
        if "BIG" in shown:
            self.seen.append(where)
            if SHOWN not in shown:
                self.leaks.append(f"{where}: {shown[:90]!r}")

    def model(self, where: str, model: QAbstractItemModel, parent: QModelIndex) -> None:
        columns = _columns(model, parent)
        for row in range(model.rowCount(parent)):
            for col in range(max(1, columns)):
                index = model.index(row, col, parent)
                for role in (Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.WhatsThisRole):
                    value = model.data(index, role)
                    if isinstance(value, str):
                        self.text(f"{where} row {row} col {col} {role.name}", value)
                if col == 0 and index.isValid() and model.rowCount(index) > 0:
                    self.model(where, model, index)
        for section in range(columns if not parent.isValid() else 0):
            value = model.headerData(
                section, Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole
            )
            if isinstance(value, str):
                self.text(f"{where} header {section}", value)

    def scene(self, where: str, scene: QGraphicsScene) -> None:
        for item in scene.items():
            name = f"{where} {type(item).__name__}"
            self.text(f"{name} tooltip", item.toolTip())
            if isinstance(item, QGraphicsTextItem):  # set as HTML or as plain text alike
                self.shown(f"{name} text", item.toPlainText())

    def widgets(self) -> Audit:
        """Every widget, item view, action and graphics scene open in the application."""
        scenes: dict[QGraphicsScene, str] = {}
        for w in QApplication.allWidgets():
            where = f"{type(w).__name__} {w.objectName()!r}"
            self.text(f"{where} tooltip", w.toolTip())
            self.text(f"{where} what's this", w.whatsThis())
            if isinstance(w, QLabel):
                self.text(f"{where} text", w.text(), w.textFormat())
            if isinstance(w, QMessageBox):
                self.text(f"{where} text", w.text(), w.textFormat())
                self.text(f"{where} informative text", w.informativeText())
            if isinstance(w, QTabBar):
                for i in range(w.count()):
                    self.text(f"{where} tab {i} tooltip", w.tabToolTip(i))
            if isinstance(w, QAbstractItemView) and w.model() is not None:
                self.model(where, w.model(), QModelIndex())
            if isinstance(w, QGraphicsView) and w.scene() is not None:
                scenes[w.scene()] = type(w).__name__
            for action in w.actions():
                if isinstance(action, QAction):
                    self.text(f"{where} action {action.objectName()!r} tooltip", action.toolTip())
        for scene, view in scenes.items():
            self.scene(view, scene)
        self.leaks = sorted(set(self.leaks))
        return self


def _columns(model: QAbstractItemModel, parent: QModelIndex) -> int:
    try:
        return int(model.columnCount(parent))
    except TypeError:  # a list model keeps columnCount private: one column
        return 1


def _seen(audit: Audit, *places: str) -> list[str]:
    """The places the audit never met the hostile text in (so it checked nothing there)."""
    return [p for p in places if not any(p in where for where in audit.seen)]


@pytest.fixture
def window(
    qtbot: QtBot, data_dir: UserPaths, tmp_path: Path, rtx: Framework
) -> Iterator[MainWindow]:
    path = tmp_path / f"{HOSTILE.replace('/', '∕')}.trustboard"
    WorkshopFile.create(path, hostile_workshop(rtx)).close()
    w = MainWindow(data_dir, Settings.load(data_dir))
    qtbot.addWidget(w)
    w.resize(1400, 900)
    w.show()
    qtbot.waitExposed(w)
    assert w.open_file(path)
    yield w
    w.close()


# -- the helpers -----------------------------------------------------------------------


@pytest.mark.parametrize("make", [plain_tooltip, literal_text])
def test_tooltip_helpers_show_markup_as_typed(qtbot: QtBot, make: Any) -> None:
    audit = Audit()
    audit.text("tooltip", make(f"{HOSTILE} and more"))
    assert audit.leaks == [] and audit.seen


def test_literal_text_leaves_plain_text_alone() -> None:
    assert literal_text("Undo Add card") == "Undo Add card"
    assert literal_text("R&D: a < b") == "R&D: a < b"  # Qt shows this as typed already


def test_html_text_escapes_for_places_that_always_read_html(qtbot: QtBot) -> None:
    doc = QTextDocument()
    doc.setHtml(html_text(HOSTILE))
    assert doc.toPlainText() == HOSTILE


# -- the whole window --------------------------------------------------------------------


def test_the_hostile_workshop_holds_the_text_everywhere(rtx: Framework) -> None:
    ws = hostile_workshop(rtx)
    assert ws.title.startswith(HOSTILE) and ws.organisation.startswith(HOSTILE)
    assert all(r.label.startswith(HOSTILE) for r in ws.rounds)
    assert ws.framework.elements[0].name.startswith(HOSTILE)
    assert ws.framework.domains[0].definition.startswith(HOSTILE)
    assert ws.framework.card_kinds[0].name.startswith(HOSTILE)
    assert ws.framework.scale.steps[0].label.startswith(HOSTILE)
    assert ws.framework.elements[0].questions[0].text.startswith(HOSTILE)
    assert ws.custom_kpis[-1].name.startswith(HOSTILE)
    assert ws.participants and ws.participants[0].startswith(HOSTILE)
    card = ws.rounds[-1].cards["card-hostile"]
    assert card.text.startswith(HOSTILE) and card.action is not None
    assert card.action.owner.startswith(HOSTILE)


def test_typed_markup_shows_as_text_on_the_board_and_in_the_panels(
    qtbot: QtBot, window: MainWindow
) -> None:
    session = window.session
    assert session is not None
    session.set_current_cell((session.framework.elements[0].id, session.framework.domains[0].id))
    for action_id in (ActionId.SIDE_PANEL, ActionId.VOTING, ActionId.KPIS, ActionId.ACTIONS):
        window.actions_[action_id].setChecked(True)
    # An undo step named after a KPI: the Undo button's tooltip says what it undoes.
    from trustboard.ui.docks.kpi_panel import add_kpi_command, new_custom_kpi

    kpi = new_custom_kpi(session.workshop, f"{HOSTILE} Leads", "", "", "")
    assert session.push(add_kpi_command(session, kpi))
    audit = Audit().widgets()
    assert audit.leaks == []
    assert _seen(audit, "CardItem", "HeaderItem", "CellItem", "score_self", "kpi_custom-kpi",
                 "action 'action_kind_", "action 'action_undo'", "actionsView", "recentList") == []  # fmt: skip


def test_typed_markup_shows_as_text_in_presenter_mode(qtbot: QtBot, window: MainWindow) -> None:
    session = window.session
    assert session is not None
    session.set_current_cell((session.framework.elements[0].id, session.framework.domains[0].id))
    window.actions_[ActionId.PRESENTER].setChecked(True)
    audit = Audit().widgets()
    assert audit.leaks == []


def test_typed_markup_shows_as_text_in_every_chart(qtbot: QtBot, window: MainWindow) -> None:
    window.actions_[ActionId.CHARTS].trigger()
    charts = window.tools.charts_window
    assert charts is not None
    for key in charts.keys:
        charts.show_chart(key)
    audit = Audit().widgets()
    assert audit.leaks == []
    chart_views = ["HeatmapChart", "GapChart", "PerceptionChart", "SpreadChart", "TrendChart",
                   "KpiChart"]  # fmt: skip
    assert _seen(audit, *chart_views) == []


def test_typed_markup_shows_as_text_in_the_dialogs(
    qtbot: QtBot, window: MainWindow, data_dir: UserPaths, tmp_path: Path
) -> None:
    from trustboard.ui.dialogs.details_dialog import DetailsDialog
    from trustboard.ui.dialogs.framework_editor import FrameworkEditorDialog
    from trustboard.ui.export_dialog import ExportDialog
    from trustboard.ui.imports.assistant import ImportAssistant
    from trustboard.ui.rounds_dialog import RoundsDialog

    session = window.session
    assert session is not None
    element = session.framework.elements[0].name
    domain = session.framework.domains[0].name
    survey = tmp_path / "survey.csv"
    with survey.open("w", newline="", encoding="utf-8") as f:
        rows = [("element", "domain", "perspective", "score", "comment"),
                (element, domain, "self", "4", HOSTILE)]  # fmt: skip
        csv.writer(f).writerows(rows)
    dialogs: list[QWidget] = [
        RoundsDialog(session, window),
        DetailsDialog(session, window),
        FrameworkEditorDialog(session, data_dir, window),
        ExportDialog(session, data_dir, window, run=lambda *a, **k: None),
    ]
    for dialog in dialogs:
        qtbot.addWidget(dialog)
        dialog.show()
    assistant = ImportAssistant(session, survey, window)
    qtbot.addWidget(assistant)
    with qtbot.waitSignal(assistant.planned, timeout=20_000):  # the file is read off-thread
        assistant.show()
    audit = Audit().widgets()
    assert audit.leaks == []
    assert _seen(audit, "importColumns", "comparisonSummary", "'Rows'") == []


def test_a_message_naming_the_file_shows_its_name_as_typed(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    session = window.session
    assert session is not None
    path = session.file.path
    window.close_workshop()
    messages: list[str] = []
    monkeypatch.setattr(QMessageBox, "information", lambda *a, **k: messages.append(a[2]))
    assert window.open_file(path, read_only=True)
    audit = Audit()
    for text in messages:
        audit.text("read-only message", text)
    assert audit.seen and audit.leaks == []


def test_typed_markup_shows_as_text_on_the_start_page(
    qtbot: QtBot, data_dir: UserPaths, rtx: Framework
) -> None:
    from trustboard.frameworks.templates import save_user_template

    framework = dataclasses.replace(hostile_workshop(rtx).framework, id="hostile")
    save_user_template(framework, data_dir.user_templates, set())
    broken = data_dir.user_templates / f"{HOSTILE.replace('/', '∕')}.json"
    broken.write_text("{", encoding="utf-8")  # listed among the problems, by its file name
    w = MainWindow(data_dir, Settings.load(data_dir))
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    assert w.start_page.select_template("hostile")
    audit = Audit().widgets()
    assert audit.leaks == []
    assert _seen(audit, "templateErrors", "templateList") == []


# -- the source ------------------------------------------------------------------------

# Qt guesses the format of these from the text itself (Qt::mightBeRichText).
GUESSING_SINKS = {"setToolTip", "setTabToolTip", "setWhatsThis", "setInformativeText",
                  "setLabelText"}  # fmt: skip
MESSAGE_BOXES = {"warning", "information", "critical", "question"}
HELPERS = {"plain_tooltip", "literal_text", "html_text", "rich"}


def _first_line_has_a_value(node: ast.JoinedStr) -> bool:
    """Qt looks for markup up to the first line break: does a value land there?"""
    for part in node.values:
        if isinstance(part, ast.Constant) and "\n" in str(part.value):
            return False
        if isinstance(part, ast.FormattedValue):
            return True
    return False


def test_text_built_for_a_tooltip_or_message_goes_through_a_text_helper() -> None:
    """An f-string handed straight to a widget that guesses rich text is how a name with
    markup becomes markup; build it with plain_tooltip or literal_text instead."""
    ui = Path(__file__).resolve().parents[2] / "trustboard" / "ui"
    found = []
    for path in sorted(ui.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call) or not isinstance(node.func, ast.Attribute):
                continue
            if node.func.attr in GUESSING_SINKS:
                texts = node.args[-1:]
            elif node.func.attr in MESSAGE_BOXES and "MessageBox" in ast.unparse(node.func):
                texts = node.args[2:3]
            else:
                continue
            for text in texts:
                built = isinstance(text, ast.BinOp) or (
                    isinstance(text, ast.JoinedStr) and _first_line_has_a_value(text)
                )
                if built:
                    found.append(f"{path.relative_to(ui)}:{node.lineno}: {ast.unparse(text)}")
    assert found == []
