"""The preview: what the import adds (plan.summary()), before anything changes: scores per
cell and perspective, KPIs with n and ±margin, cards, what is skipped and why."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QHeaderView,
    QTableWidget,
    QVBoxLayout,
    QWidget,
)

from trustboard.domain.framework import Framework
from trustboard.domain.workshop import Workshop
from trustboard.i18n import N_, _, format_number, ngettext
from trustboard.ui.imports.choices import kpi_name
from trustboard.ui.imports.columns import text_item
from trustboard.ui.text import BODY_PX, UNSORTED, plain_label, set_pixel_size

PERSPECTIVE_NAMES = {"self": N_("We (self)"), "customer": N_("Customers")}
LAYER_NAMES = {"as-is": N_("As-is"), "to-be": N_("To-be")}
ERROR_STYLE = "color: #b00020; background: #fdecee; padding: 8px; border-radius: 4px;"
NOTICE_STYLE = "background: #fff4d6; padding: 8px; border-radius: 4px;"


def _table(headers: list[str], name: str, spoken: str) -> QTableWidget:
    table = QTableWidget(0, len(headers))
    table.setObjectName(name)
    table.setAccessibleName(spoken)
    table.setToolTip(spoken)
    table.setHorizontalHeaderLabels(headers)
    table.verticalHeader().hide()
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    table.horizontalHeader().setStretchLastSection(True)
    set_pixel_size(table, BODY_PX)
    return table


def _fill(table: QTableWidget, rows: list[list[str]]) -> None:
    table.setRowCount(len(rows))
    for r, values in enumerate(rows):
        for c, text in enumerate(values):
            table.setItem(r, c, text_item(text))


def _axis_name(axes: Any, key: str) -> str:
    """A name from an id, or the name itself when the summary already gives names."""
    return next((a.name for a in axes if key in (a.id, a.name)), key)


def _cell_name(framework: Framework, entry: dict[str, Any]) -> str:
    element = _axis_name(framework.elements, entry["element"])
    return f"{element} × {_axis_name(framework.domains, entry['domain'])}"


def kpi_line(workshop: Workshop, kpi: dict[str, Any]) -> str:
    name = next((kpi_name(k) for k in workshop.kpi_defs if k.id == kpi["kpi"]), kpi["kpi"])
    margin = kpi.get("margin")
    value = format_number(kpi["value"], 1)
    if margin is not None:
        value = _("{value} ± {margin}").format(value=value, margin=format_number(margin, 1))
    # Translators: a KPI in the preview, "NPS: 12.5 ± 3.1 (n = 1,204)"; n: the answers.
    return _("{name}: {value} (n = {n})").format(name=name, value=value, n=format_number(kpi["n"]))


class PreviewPane(QWidget):
    """Shows a plan's summary; `again_changed(bool)` when "Import again" is ticked.

    Its `banner` (what the import adds in a line, why it cannot, "already imported") is
    placed by the dialog where it shows on every page."""

    again_changed = Signal(bool)

    def __init__(self, framework: Framework, workshop: Workshop,
                 parent: QWidget | None = None) -> None:  # fmt: skip
        super().__init__(parent)
        self.framework = framework
        self.workshop = workshop
        self.banner = QWidget()
        layout = QVBoxLayout(self.banner)
        layout.setContentsMargins(0, 0, 0, 0)
        self.headline = plain_label("", BODY_PX, bold=True, name="importHeadline")
        layout.addWidget(self.headline)
        self.error = plain_label("", BODY_PX, bold=True, name="importPlanError")
        self.error.setStyleSheet(ERROR_STYLE)
        layout.addWidget(self.error)
        self.already = plain_label("", BODY_PX, name="importAlready")
        self.already.setStyleSheet(NOTICE_STYLE)
        layout.addWidget(self.already)
        self.again = QCheckBox(_("Import again (adds these answers a second time)"))
        self.again.setObjectName("importAgain")
        self.again.setToolTip(_("Add the answers of a file or of responses imported before"))
        self.again.toggled.connect(self.again_changed)
        layout.addWidget(self.again)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.kpis = plain_label("", BODY_PX, name="importKpis")
        layout.addWidget(self.kpis)
        self.scores = _table([_("Cell"), _("Perspective"), _("Layer"), _("Scores"), _("Median")],
                             "importScores", _("Scores the import adds, per cell"))  # fmt: skip
        self.scores.horizontalHeader().setStretchLastSection(False)
        self.scores.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        layout.addWidget(self.scores, 2)
        self.skipped_title = plain_label("", BODY_PX, bold=True, name="importSkippedTitle")
        layout.addWidget(self.skipped_title)
        self.skipped = _table([_("Row"), _("Column"), _("Why it is left out")], "importSkipped",
                              _("Answers left out, and why"))  # fmt: skip
        layout.addWidget(self.skipped, 1)
        self.show_summary(None)

    def show_error(self, message: str) -> None:
        """The plan was refused: say why, show nothing as if it would be imported."""
        self.show_summary(None)
        self.error.setText(
            _("{problem}\nNothing will be imported until this is fixed.").format(problem=message)
        )
        self.error.show()

    def show_busy(self, text: str) -> None:
        self.show_summary(None)
        self.headline.setText(text)

    def show_summary(self, summary: dict[str, Any] | None) -> None:
        self.error.hide()
        self.already.hide()
        self.again.setVisible(self.again.isChecked())
        if summary is None:
            self.headline.setText("")
            self.kpis.setText("")
            _fill(self.scores, [])
            _fill(self.skipped, [])
            self.skipped_title.setText("")
            return
        scores = summary.get("scores", [])
        count = sum(int(s["count"]) for s in scores)
        cells = len({(s["element"], s["domain"]) for s in scores})
        cards, people = int(summary.get("cards", 0)), int(summary.get("respondents", 0))
        kpis = len(summary.get("kpis", []))
        parts = []
        if count:
            in_cells = ngettext("in {n} cell", "in {n} cells", cells).format(n=cells)
            # Translators: "1,204 scores in 12 cells"
            parts.append(
                ngettext("{n} score {in_cells}", "{n} scores {in_cells}", count).format(
                    n=format_number(count), in_cells=in_cells
                )
            )
        if cards:
            parts.append(ngettext("{n} card", "{n} cards", cards).format(n=format_number(cards)))
        if kpis:
            parts.append(ngettext("{n} KPI", "{n} KPIs", kpis).format(n=kpis))
        who = (
            ngettext("{n} respondent", "{n} respondents", people).format(n=format_number(people))
            if count or kpis
            else _("The file")
        )
        self.headline.setText(
            # Translators: "120 respondents: 1,204 scores in 12 cells, 3 KPIs."
            _("{who}: {parts}.").format(who=who, parts=", ".join(parts))
            if parts
            else _("Nothing to import with this mapping.")
        )
        fw = self.framework
        _fill(self.scores, [[
            _cell_name(fw, s),
            _(PERSPECTIVE_NAMES[s["perspective"]]) if s["perspective"] in PERSPECTIVE_NAMES
            else s["perspective"],
            _(LAYER_NAMES[s["layer"]]) if s["layer"] in LAYER_NAMES else s["layer"],
            format_number(int(s["count"])),
            "–" if s.get("median") is None else format_number(s["median"]),
        ] for s in scores])  # fmt: skip
        lines = [kpi_line(self.workshop, k) for k in summary.get("kpis", [])]
        per_cell = [
            f"{_(UNSORTED) if not c['element'] else _cell_name(fw, c)} "
            f"{format_number(int(c['count']))}"
            for c in summary.get("cards_per_cell", [])
        ]
        if per_cell:
            lines.append(_("Cards: {cells}").format(cells=", ".join(per_cell)))
        self.kpis.setText("\n".join(lines))
        skipped = summary.get("skipped", [])
        total = int(summary.get("skipped_total", len(skipped)))
        if total > len(skipped):
            text = ngettext(
                "{n} answer left out (the first {shown} shown)",
                "{n} answers left out (the first {shown} shown)",
                total,
            )
        else:
            text = ngettext("{n} answer left out", "{n} answers left out", total)
        self.skipped_title.setText(
            text.format(n=format_number(total), shown=format_number(len(skipped)))
            if total
            else _("Nothing left out.")
        )
        _fill(self.skipped, [[str(s["row"]), str(s["column"]), str(s["reason"])] for s in skipped])
        already = str(summary.get("already", ""))
        if already:
            self.already.setText(
                _("{already} Its answers are left out; tick “{again}” to add them anyway.").format(
                    already=already, again=_("Import again")
                )
            )
        self.already.setVisible(bool(already))
        self.again.setVisible(bool(already) or self.again.isChecked())
