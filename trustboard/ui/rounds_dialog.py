"""Rounds: start the next one, put an earlier one on the board read-only, compare two."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, QLocale, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from trustboard.analytics.cells import cell_stats, trust_score
from trustboard.analytics.rounds import RoundComparison, ScoreChange, compare_rounds
from trustboard.document import Change
from trustboard.document.rounds import start_round_command
from trustboard.domain import limits
from trustboard.domain.errors import ValidationError
from trustboard.i18n import N_, _, ngettext
from trustboard.ui.round_notes import RoundNotes
from trustboard.ui.screen_fit import open_size
from trustboard.ui.session import Session
from trustboard.ui.text import (
    BODY_PX,
    CAPTION_PX,
    HEADING_PX,
    cell_label,
    plain_label,
    set_pixel_size,
)
from trustboard.ui.text_limits import limit_line

CARRIES = N_(
    "The new round starts with the current round’s to-be targets, its to-be cards and its "
    "open actions (as copies). As-is scores and cards start empty; earlier rounds are kept "
    "and can be viewed read-only."
)


def _fmt(value: float | None, signed: bool = False) -> str:
    if value is None:
        return "–"
    text = QLocale().toString(float(value), "g", 6)
    return ("+" + text if signed and value > 0 else text).replace("-", "−")


def _day(day: dt.date) -> str:
    return QLocale().toString(QDate(day.year, day.month, day.day), QLocale.FormatType.ShortFormat)


def _item(text: str, *, align_right: bool = False) -> QTableWidgetItem:
    item = QTableWidgetItem(text)
    item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
    if align_right:
        item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    return item


def _table(headers: list[str], name: str, spoken: str) -> QTableWidget:
    table = QTableWidget(0, len(headers))
    table.setObjectName(name)
    table.setAccessibleName(spoken)
    table.setHorizontalHeaderLabels(headers)
    table.verticalHeader().hide()
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
    set_pixel_size(table, BODY_PX)
    return table


class RoundComparisonView(QWidget):
    """Round A against round B: per cell, per element and overall, as-is medians (our view)."""

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.comparison: RoundComparison | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        pick = QHBoxLayout()
        self.round_a = QComboBox()
        self.round_a.setObjectName("compareRoundA")
        self.round_a.setAccessibleName(_("Earlier round"))
        self.round_b = QComboBox()
        self.round_b.setObjectName("compareRoundB")
        self.round_b.setAccessibleName(_("Later round"))
        # Translators: "Compare [round] with [round]"
        for w in (plain_label(_("Compare"), BODY_PX), self.round_a,
                  plain_label(_("with"), BODY_PX), self.round_b):  # fmt: skip
            pick.addWidget(w)
        pick.addStretch(1)
        layout.addLayout(pick)
        self.summary = plain_label("", BODY_PX, bold=True, name="comparisonSummary")
        layout.addWidget(self.summary)
        self.table = _table(
            [_("Cell"), "A", "B", _("Change")], "comparisonTable", _("Rounds compared")
        )
        layout.addWidget(self.table, 1)
        self.round_a.currentIndexChanged.connect(self.refresh)
        self.round_b.currentIndexChanged.connect(self.refresh)
        self.fill_rounds()

    def fill_rounds(self) -> None:
        rounds = self.session.workshop.rounds
        for combo, default in ((self.round_a, max(0, len(rounds) - 2)),
                               (self.round_b, len(rounds) - 1)):  # fmt: skip
            keep = combo.currentData()
            combo.blockSignals(True)
            combo.clear()
            for r in rounds:
                combo.addItem(f"{r.label} ({_day(r.date)})", r.id)
            ids = [r.id for r in rounds]
            combo.setCurrentIndex(ids.index(keep) if keep in ids else default)
            combo.blockSignals(False)
        self.refresh()

    def compare(self, round_a: str, round_b: str) -> RoundComparison:
        """Pick the two rounds and show them; returns what is shown."""
        for combo, rid in ((self.round_a, round_a), (self.round_b, round_b)):
            combo.setCurrentIndex(combo.findData(rid))
        self.refresh()
        assert self.comparison is not None
        return self.comparison

    def refresh(self) -> None:
        ws = self.session.workshop
        a_id, b_id = self.round_a.currentData(), self.round_b.currentData()
        if a_id is None or b_id is None:
            return
        fw = ws.framework
        cmp = compare_rounds(fw, ws.round(a_id), ws.round(b_id))
        self.comparison = cmp
        self.table.setHorizontalHeaderLabels([_("Cell"), cmp.label_a, cmp.label_b, _("Change")])
        rows: list[tuple[str, ScoreChange, bool]] = [
            (_("Trust score (all cells)"), cmp.trust, True)
        ]
        rows += [(fw.element(e).name, c, True) for e, c in cmp.elements.items()]
        rows += [(cell_label(fw, cell), c.self_view, False) for cell, c in cmp.cells.items()]
        self.table.setRowCount(len(rows))
        for i, (name, change, bold) in enumerate(rows):
            items = [_item(name), _item(_fmt(change.before), align_right=True),
                     _item(_fmt(change.after), align_right=True),
                     _item(_fmt(change.change, signed=True), align_right=True)]  # fmt: skip
            for col, item in enumerate(items):
                if bold:
                    f = item.font()
                    f.setBold(True)
                    item.setFont(f)
                self.table.setItem(i, col, item)
        up, down = len(cmp.improved()), len(cmp.worsened())
        summary = ngettext(
            "{a} → {b}: trust score {before} → {after}; {up} cell up, {down} down "
            "(as-is, our view)",
            "{a} → {b}: trust score {before} → {after}; {up} cells up, {down} down "
            "(as-is, our view)",
            up,
        )
        self.summary.setText(
            summary.format(
                a=cmp.label_a,
                b=cmp.label_b,
                before=_fmt(cmp.trust.before),
                after=_fmt(cmp.trust.after),
                up=up,
                down=down,
            )
        )


class RoundsDialog(QDialog):
    """Every round of the workshop; the facilitator starts, browses and compares them here."""

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.setObjectName("roundsDialog")
        self.setWindowTitle(_("Rounds"))
        open_size(self, 900, 760)
        layout = QVBoxLayout(self)
        layout.addWidget(plain_label(_("Rounds of this workshop"), HEADING_PX, bold=True))
        self.table = _table(
            [_("Round"), _("Date"), _("Cards"), _("Scores"), _("Trust score"), ""],
            "roundsTable",
            _("Rounds"),
        )
        layout.addWidget(self.table, 1)
        buttons = QHBoxLayout()
        self.view_button = QPushButton(_("View on the board (read-only)"))
        self.view_button.setObjectName("viewRound")
        self.view_button.clicked.connect(self.view_selected)
        self.back_button = QPushButton(_("Back to the current round"))
        self.back_button.setObjectName("backToCurrentRound")
        self.back_button.clicked.connect(lambda: self.session.set_viewed_round(None))
        for b in (self.view_button, self.back_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        layout.addWidget(self._init_start())
        self.notes = RoundNotes(session)
        layout.addWidget(self.notes, 1)
        compare = QGroupBox(_("Compare two rounds"))
        QVBoxLayout(compare).addWidget(RoundComparisonView(session))
        self.comparison = compare.findChild(RoundComparisonView)
        layout.addWidget(compare, 2)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        layout.addWidget(close)
        session.changed.connect(self._on_changed)
        session.viewed_round_changed.connect(self.refresh)
        self.refresh()

    def _init_start(self) -> QGroupBox:
        box = QGroupBox(_("Start the next round"))
        grid = QGridLayout(box)
        self.label_edit = QLineEdit()
        self.label_edit.setObjectName("newRoundLabel")
        self.label_edit.setPlaceholderText(_("Name, e.g. Q3 review"))
        self.label_edit.setAccessibleName(_("Name of the new round"))
        limit_line(self.label_edit, limits.TITLE_CHARS)
        self.date_edit = QDateEdit(QDate.currentDate())
        self.date_edit.setObjectName("newRoundDate")
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setAccessibleName(_("Date of the new round"))
        self.start_button = QPushButton(_("Start round"))
        self.start_button.setObjectName("startRound")
        self.start_button.clicked.connect(self.start_round)
        self.label_edit.returnPressed.connect(self.start_round)
        grid.addWidget(self.label_edit, 0, 0)
        grid.addWidget(self.date_edit, 0, 1)
        grid.addWidget(self.start_button, 0, 2)
        grid.addWidget(plain_label(_(CARRIES), CAPTION_PX), 1, 0, 1, 3)
        self.start_error = plain_label("", CAPTION_PX, name="startRoundError")
        self.start_error.setStyleSheet("color: #b00020;")
        self.start_error.hide()
        grid.addWidget(self.start_error, 2, 0, 1, 3)
        return box

    # -- actions ---------------------------------------------------------------------

    def selected_round_id(self) -> str | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return None
        return self.session.workshop.rounds[rows[0].row()].id

    def view_selected(self) -> None:
        rid = self.selected_round_id()
        if rid is not None:
            self.session.set_viewed_round(rid)

    def start_round(self, *, date: dt.date | None = None) -> bool:
        """Start the next round from the form (as one undo step); False with a message if not."""
        s = self.session
        if s.file.read_only:
            self._error(_("Read-only: {reason}").format(reason=s.read_only_reason))
            return False
        picked = self.date_edit.date()
        day = date or dt.date(picked.year(), picked.month(), picked.day())
        try:
            command = start_round_command(s.doc, self.label_edit.text(), day)
        except ValidationError as exc:
            self._error(exc.problem[:1].upper() + exc.problem[1:])
            return False
        s.set_viewed_round(None)  # new rounds start from the current one, on the board
        if not s.push(command):
            self._error(_("Read-only: {reason}").format(reason=s.read_only_reason))
            return False
        self._error("")
        self.label_edit.clear()
        return True

    def _error(self, message: str) -> None:
        self.start_error.setText(message)
        self.start_error.setVisible(bool(message))

    # -- following the session -------------------------------------------------------

    def _on_changed(self, change: Change) -> None:
        if change.what in ("rounds", "framework"):
            self.refresh()
            if self.comparison is not None:
                self.comparison.fill_rounds()
        elif change.what in ("cards", "rating"):
            self.refresh()

    def refresh(self) -> None:
        s = self.session
        ws = s.workshop
        self.table.setRowCount(len(ws.rounds))
        for i, r in enumerate(ws.rounds):
            score = trust_score(cell_stats(ws.framework, r))
            n_scores = sum(len(x.scores) for x in r.ratings.values())
            where = []
            if r.id == ws.current_round_id:
                where.append(_("current"))
            if r.id == s.round.id:
                where.append(_("on the board"))
            cells = [_item(r.label), _item(_day(r.date)),
                     _item(QLocale().toString(len(r.cards)), align_right=True),
                     _item(QLocale().toString(n_scores), align_right=True),
                     _item(_fmt(score), align_right=True), _item(", ".join(where))]  # fmt: skip
            for col, item in enumerate(cells):
                self.table.setItem(i, col, item)
        self.table.resizeColumnsToContents()
        self.back_button.setEnabled(s.browsing)
        self.start_button.setEnabled(not s.file.read_only)
