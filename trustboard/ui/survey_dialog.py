"""Import survey ratings: check the whole file, preview it, then import it as one undo step."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from trustboard.domain.framework import Cell
from trustboard.services.survey_import import (
    PREVIEW_ROWS,
    REQUIRED,
    ParsedSurvey,
    SurveyImportError,
    import_command,
    read_survey,
)
from trustboard.ui.screen_fit import open_size
from trustboard.ui.session import Session
from trustboard.ui.text import (
    BODY_PX,
    CAPTION_PX,
    HEADING_PX,
    plain_label,
    plain_tooltip,
    set_pixel_size,
)

PERSPECTIVE_NAMES = {"self": "We (self)", "customer": "Customers"}


def _table(headers: list[str], name: str, spoken: str) -> QTableWidget:
    table = QTableWidget(0, len(headers))
    table.setObjectName(name)
    table.setAccessibleName(spoken)
    table.setHorizontalHeaderLabels(headers)
    table.verticalHeader().hide()
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    table.horizontalHeader().setStretchLastSection(True)
    set_pixel_size(table, BODY_PX)
    return table


def _item(text: str) -> QTableWidgetItem:
    item = QTableWidgetItem(text)  # plain text: a typed `<b>&` shows as typed
    item.setFlags(Qt.ItemFlag.ItemIsEnabled)
    item.setToolTip(plain_tooltip(text))  # the file's text, shown as written
    return item


class SurveyImportDialog(QDialog):
    """Opened on a CSV file; Import stays disabled unless every row checks out."""

    def __init__(self, session: Session, path: Path | str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.path = Path(path)
        self.parsed: ParsedSurvey | None = None
        self.error = ""
        self.setObjectName("surveyImportDialog")
        self.setWindowTitle(f"Import survey ratings — {self.path.name}")
        open_size(self, 1000, 720)
        layout = QVBoxLayout(self)
        layout.addWidget(plain_label(self.path.name, HEADING_PX, bold=True))
        self.summary = plain_label("", BODY_PX, name="surveySummary")
        layout.addWidget(self.summary)
        self.error_label = plain_label("", BODY_PX, bold=True, name="surveyError")
        self.error_label.setStyleSheet(
            "color: #b00020; background: #fdecee; padding: 8px; border-radius: 4px;"
        )
        self.error_label.hide()
        layout.addWidget(self.error_label)
        layout.addWidget(plain_label(f"First {PREVIEW_ROWS} rows", BODY_PX, bold=True))
        self.rows_table = _table(
            ["Row", "Element", "Domain", "Perspective", "Layer", "Score", "Comment"],
            "surveyRows",
            "First rows of the survey",
        )
        layout.addWidget(self.rows_table, 1)
        layout.addWidget(plain_label("What the import adds, per cell", BODY_PX, bold=True))
        self.totals_table = _table(
            ["Cell", "Perspective", "Layer", "Scores", "Median", "Comment cards"],
            "surveyTotals",
            "What the import adds",
        )
        layout.addWidget(self.totals_table, 1)
        layout.addWidget(
            plain_label(
                f"Columns: {', '.join(REQUIRED)}, and optionally layer and comment. "
                "Scores are added anonymously; comments become cards in their cell. "
                "Nothing is imported if any row is wrong, and Undo takes the whole import back.",
                CAPTION_PX,
            )
        )
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.import_button = self.buttons.addButton(
            "Import", QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.import_button.setObjectName("importSurvey")
        self.buttons.accepted.connect(self.import_now)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.load()

    def load(self) -> None:
        """(Re)read the file and show the preview, or what is wrong with it."""
        s = self.session
        try:
            self.parsed = read_survey(self.path, s.framework)
            self.error = ""
        except SurveyImportError as exc:
            self.parsed = None
            self.error = f"{exc}. Nothing will be imported; fix the file and open it again."
        self.error_label.setText(self.error)
        self.error_label.setVisible(bool(self.error))
        reason = s.file.read_only_reason if s.file.read_only else ""
        if reason:
            self.error_label.setText(f"This workshop is read-only: {reason}")
            self.error_label.show()
        self.import_button.setEnabled(self.parsed is not None and not reason)
        self._fill()

    def _fill(self) -> None:
        fw = self.session.framework
        parsed = self.parsed
        self.rows_table.setRowCount(0)
        self.totals_table.setRowCount(0)
        if parsed is None:
            self.summary.setText("")
            return

        def cell_name(cell: Cell) -> tuple[str, str]:
            return fw.element(cell[0]).name, fw.domain(cell[1]).name

        self.rows_table.setRowCount(len(parsed.preview))
        for i, r in enumerate(parsed.preview):
            values = [str(r.row), *cell_name(r.cell), PERSPECTIVE_NAMES[r.perspective.value],
                      r.layer.value, str(r.score), r.comment]  # fmt: skip
            for col, text in enumerate(values):
                self.rows_table.setItem(i, col, _item(text))
        totals = parsed.totals(fw)
        self.totals_table.setRowCount(len(totals))
        for i, t in enumerate(totals):
            element, domain = cell_name(t.cell)
            values = [f"{element} × {domain}", PERSPECTIVE_NAMES[t.perspective.value],
                      t.layer.value, f"{t.count:,}", f"{t.median:g}" if t.median is not None else "–",
                      f"{t.comments:,}"]  # fmt: skip
            for col, text in enumerate(values):
                self.totals_table.setItem(i, col, _item(text))
        cells = len({t.cell for t in totals})
        ignored = (
            f" Ignored columns: {', '.join(parsed.ignored_columns)}."
            if parsed.ignored_columns
            else ""
        )
        n, k = parsed.rows, len(parsed.comments)
        self.summary.setText(
            f"{n:,} score{'s' * (n != 1)} in {cells} cell{'s' * (cells != 1)} and "
            f"{k:,} comment card{'s' * (k != 1)}, into the round "
            f"“{self.session.current_round.label}”.{ignored}"
        )

    def import_now(self) -> bool:
        """Import everything as one undo step and close; False (dialog stays) if refused."""
        if self.parsed is None:
            return False
        s = self.session
        s.set_viewed_round(None)  # imports go to the current round; show it
        if not s.push(import_command(s.doc, self.parsed, s.current_round.id)):
            return False
        self.accept()
        return True
