"""The KPI panel: this round's business numbers, checked as they are typed, one undo step each."""

from __future__ import annotations

from PySide6.QtCore import QLocale, Qt
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from trustboard.analytics.cells import round_trust_score
from trustboard.document import Change, kpis
from trustboard.document.commands import DetailsCommand
from trustboard.document.imports import basis_description, basis_text
from trustboard.document.kpis import bounds_text
from trustboard.domain import limits
from trustboard.domain.workshop import STANDARD_KPIS, KpiBasis, KpiDef, Workshop
from trustboard.i18n import _
from trustboard.ui.numbers import format_number, parse_number
from trustboard.ui.session import Session
from trustboard.ui.text import (
    BODY_PX,
    CAPTION_PX,
    HEADING_PX,
    literal_text,
    plain_label,
    set_pixel_size,
)
from trustboard.ui.text_limits import limit_line

ERROR_STYLE = "color: #b00020;"  # dark red on the light panel, with the words saying it all
FIELD_ERROR_STYLE = "QLineEdit { border: 2px solid #b00020; }"
BASIS_STYLE = "color: #555555;"  # muted beside the value, still 7:1 on the light panel
MAX_NAME = kpis.MAX_NAME
MAX_UNIT = kpis.MAX_UNIT
MAX_NUMBER = 40  # characters in a number field: far more than any number people type


def new_custom_kpi(workshop: Workshop, name: str, unit: str, minimum: str, maximum: str) -> KpiDef:
    """A custom KPI from the add form; ValueError with a message for the room if not right."""
    kpis.clean_kpi_name(workshop, name, unit)  # the name is judged before the bounds
    try:
        lo = parse_number(minimum)
        hi = parse_number(maximum)
    except ValueError as exc:
        # Translators: the lowest and highest value a KPI may take.
        raise ValueError(_("Bounds: {problem}").format(problem=exc)) from None
    return kpis.new_custom_kpi(workshop, name, unit, lo, hi)


def add_kpi_command(session: Session, kpi: KpiDef) -> DetailsCommand:
    return kpis.add_kpi(session.doc, kpi)


class KpiPanel(QWidget):
    """Dock content: a field per KPI for the round on the board, and custom KPIs to add."""

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.setObjectName("kpiPanel")
        self.setAccessibleName(_("KPIs"))
        self.fields: dict[str, QLineEdit] = {}
        self.errors: dict[str, QLabel] = {}
        self.bases: dict[str, QLabel] = {}  # how a value was computed from imported data
        self.remove_buttons: dict[str, QPushButton] = {}
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        outer.addWidget(scroll)
        content = QWidget()
        self._layout = QVBoxLayout(content)
        self._layout.setContentsMargins(12, 8, 12, 12)
        self._layout.setSpacing(8)
        scroll.setWidget(content)
        self.heading = plain_label("", HEADING_PX, bold=True, name="kpiHeading")
        self.read_only_note = plain_label("", BODY_PX, name="kpiReadOnly")
        self.read_only_note.setStyleSheet("background: #e6e6e6; color: #000; padding: 6px;")
        self.trust_label = plain_label("", BODY_PX, name="kpiTrustScore")
        for w in (self.heading, self.read_only_note, self.trust_label):
            self._layout.addWidget(w)
        self._form_host = QWidget()
        self._layout.addWidget(self._form_host)
        self._init_add_form()
        self._layout.addStretch(1)
        session.changed.connect(self._on_changed)
        session.viewed_round_changed.connect(self.rebuild)
        self.rebuild()

    # -- building --------------------------------------------------------------------

    def _init_add_form(self) -> None:
        box = QFrame()
        box.setObjectName("addKpiBox")
        box.setFrameShape(QFrame.Shape.StyledPanel)
        grid = QGridLayout(box)
        grid.addWidget(plain_label(_("Add a custom KPI"), BODY_PX, bold=True), 0, 0, 1, 4)
        self.new_name = self._line(
            _("Name, e.g. Complaints resolved in a day"),
            "newKpiName",
            _("New KPI: name"),
            _("The new KPI's name"),
        )
        self.new_unit = self._line(
            _("Unit, e.g. %"), "newKpiUnit", _("New KPI: unit"), _("The new KPI's unit")
        )
        self.new_min = self._line(
            _("Lowest, e.g. {number}").format(number=format_number(0)),
            "newKpiMinimum",
            _("New KPI: lowest"),
            _("The new KPI's lowest value"),
        )
        self.new_max = self._line(
            _("Highest, e.g. {number}").format(number=format_number(100)),
            "newKpiMaximum",
            _("New KPI: highest"),
            _("The new KPI's highest value"),
        )
        grid.addWidget(self.new_name, 1, 0, 1, 4)
        for col, w in enumerate((self.new_unit, self.new_min, self.new_max)):
            grid.addWidget(w, 2, col)
        self.add_button = QPushButton(_("Add KPI"))
        self.add_button.setObjectName("addKpi")
        self.add_button.setToolTip(_("Track this KPI in every round of the workshop (undoable)"))
        self.add_button.clicked.connect(self.add_custom)
        self.new_max.returnPressed.connect(self.add_custom)
        grid.addWidget(self.add_button, 2, 3)
        self.add_error = plain_label("", CAPTION_PX, name="addKpiError")
        self.add_error.setStyleSheet(ERROR_STYLE)
        self.add_error.hide()
        grid.addWidget(self.add_error, 3, 0, 1, 4)
        self.add_box = box
        self._layout.addWidget(box)

    def _line(self, placeholder: str, name: str, spoken: str, tip: str) -> QLineEdit:
        line = QLineEdit()
        line.setPlaceholderText(placeholder)
        line.setObjectName(name)
        line.setAccessibleName(spoken)
        line.setToolTip(literal_text(f"{tip} ({placeholder})"))
        set_pixel_size(line, BODY_PX)
        # The name and unit have stricter limits of their own, refused with a message.
        limit_line(
            line, MAX_NUMBER if name in ("newKpiMinimum", "newKpiMaximum") else limits.NAME_CHARS
        )
        return line

    def rebuild(self) -> None:
        """A row per KPI for the round on the board (after rounds, details or the view changed)."""
        old = self._form_host
        self._form_host = QWidget()
        grid = QGridLayout(self._form_host)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setVerticalSpacing(2)
        self._layout.replaceWidget(old, self._form_host)
        old.hide()  # gone from the screen now, deleted when the event loop gets to it
        old.deleteLater()
        self.fields.clear()
        self.errors.clear()
        self.bases.clear()
        self.remove_buttons.clear()
        s = self.session
        rnd = s.round
        editable = not s.read_only
        standard = {k.id for k in STANDARD_KPIS}
        row = 0
        for kpi in s.workshop.kpi_defs:
            unit = f" ({kpi.unit})" if kpi.unit else ""
            # A standard KPI's name is the catalogue's (marked where it is defined); a
            # custom one is the workshop's own words.
            name = _(kpi.name) if kpi.id in standard else kpi.name
            label = plain_label(f"{name}{unit}", BODY_PX, bold=True)
            field = QLineEdit()
            field.setObjectName(f"kpi_{kpi.id}")
            field.setAccessibleName(name)
            field.setPlaceholderText(bounds_text(kpi))
            field.setToolTip(
                literal_text(
                    _("{kpi}: {bounds}. Leave empty for no value.").format(
                        kpi=name, bounds=bounds_text(kpi)
                    )
                )
            )
            set_pixel_size(field, HEADING_PX)
            limit_line(field, MAX_NUMBER)
            value = rnd.kpis.get(kpi.id)
            field.setText("" if value is None else format_number(value))
            field.setReadOnly(not editable)
            field.editingFinished.connect(lambda k=kpi.id: self.commit(k))
            label.setBuddy(field)
            error = plain_label("", CAPTION_PX, name=f"kpiError_{kpi.id}")
            error.setStyleSheet(ERROR_STYLE)
            error.hide()
            basis = plain_label("", BODY_PX, wrap=False, name=f"kpiBasis_{kpi.id}")
            basis.setStyleSheet(BASIS_STYLE)
            beside = QWidget()
            line = QHBoxLayout(beside)
            line.setContentsMargins(0, 0, 0, 0)
            line.addWidget(field, 1)
            line.addWidget(basis)
            grid.addWidget(label, row, 0, 1, 2)
            grid.addWidget(beside, row + 1, 0)
            if kpi.id not in standard:
                remove = QPushButton(_("Remove"))
                remove.setObjectName(f"removeKpi_{kpi.id}")
                remove.setToolTip(
                    literal_text(
                        _("Remove “{kpi}” and its values in every round (undoable)").format(
                            kpi=kpi.name
                        )
                    )
                )
                remove.setEnabled(editable)
                remove.clicked.connect(lambda _checked=False, k=kpi.id: self.remove_custom(k))
                grid.addWidget(remove, row + 1, 1)
                self.remove_buttons[kpi.id] = remove
            grid.addWidget(error, row + 2, 0, 1, 2)
            self.fields[kpi.id] = field
            self.errors[kpi.id] = error
            self.bases[kpi.id] = basis
            self._show_basis(kpi.id, rnd.kpi_basis.get(kpi.id))
            row += 3
        self.add_box.setEnabled(editable)
        self.heading.setText(_("KPIs — {round}").format(round=rnd.label))
        self.read_only_note.setText(
            _("Read-only: {reason}.").format(reason=s.read_only_reason) if s.read_only else ""
        )
        self.read_only_note.setVisible(s.read_only)
        self._show_trust()

    def _show_basis(self, kpi_id: str, basis: KpiBasis | None) -> None:
        """Beside a value computed from imported data: from how many answers, give or take."""
        label, field = self.bases[kpi_id], self.fields[kpi_id]
        point = QLocale().decimalPoint()
        label.setText("" if basis is None else basis_text(basis, decimal=point))
        label.setVisible(basis is not None)
        about = "" if basis is None else basis_description(basis, decimal=point)
        label.setToolTip(literal_text(about))
        label.setAccessibleDescription(about)
        field.setAccessibleDescription(about)

    def _show_trust(self) -> None:
        fw = self.session.framework
        score = round_trust_score(fw, self.session.round)
        self.trust_label.setText(
            _("Trust score: not rated yet")
            if score is None
            else _(
                "Trust score this round: {score} of {maximum} (median of every cell, our view)"
            ).format(score=QLocale().toString(float(score), "g", 6), maximum=fw.scale.maximum)
        )

    # -- editing ---------------------------------------------------------------------

    def commit(self, kpi_id: str) -> bool:
        """Check the field's text and store it as one undo step; False if refused."""
        field = self.fields[kpi_id]
        if field.isReadOnly():
            return False
        unit = self.session.workshop.kpi_def(kpi_id).unit
        try:
            command = kpis.set_kpi(self.session.doc, kpi_id, parse_number(field.text(), unit))
        except ValueError as exc:
            self._set_error(kpi_id, str(exc))
            return False
        self._set_error(kpi_id, "")
        return command is not None and self.session.push(command)

    def _set_error(self, kpi_id: str, message: str) -> None:
        error, field = self.errors[kpi_id], self.fields[kpi_id]
        error.setText(message)
        error.setVisible(bool(message))
        field.setStyleSheet(FIELD_ERROR_STYLE if message else "")
        field.setAccessibleDescription(message or self.bases[kpi_id].accessibleDescription())

    def add_custom(self) -> bool:
        try:
            kpi = new_custom_kpi(self.session.workshop, self.new_name.text(),
                                 self.new_unit.text(), self.new_min.text(),
                                 self.new_max.text())  # fmt: skip
        except ValueError as exc:
            self.add_error.setText(str(exc))
            self.add_error.show()
            return False
        self.add_error.hide()
        if not self.session.push(add_kpi_command(self.session, kpi)):
            return False
        for line in (self.new_name, self.new_unit, self.new_min, self.new_max):
            line.clear()
        return True

    def remove_custom(self, kpi_id: str) -> bool:
        return self.session.push(kpis.remove_kpi(self.session.doc, kpi_id))

    # -- following the session -------------------------------------------------------

    def _on_changed(self, change: Change) -> None:
        if change.what in ("details", "rounds", "framework"):
            self.rebuild()
        elif change.what == "kpi" and change.round_id == self.session.round.id:
            rnd = self.session.round
            for kpi_id in change.ids:
                field = self.fields.get(kpi_id)
                if field is not None:
                    value = rnd.kpis.get(kpi_id)
                    field.setText("" if value is None else format_number(value))
                    self._set_error(kpi_id, "")
                    self._show_basis(kpi_id, rnd.kpi_basis.get(kpi_id))
        elif change.what == "rating" and change.round_id == self.session.round.id:
            self._show_trust()
