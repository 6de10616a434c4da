"""Workshop details after creation: title, organisation, facilitator, date, people, anonymity."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QCheckBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from trustboard.document.details import edit_details
from trustboard.domain import limits
from trustboard.domain.errors import ValidationError
from trustboard.i18n import _
from trustboard.ui.dialogs import field
from trustboard.ui.dialogs.action_dialog import date_format
from trustboard.ui.session import Session
from trustboard.ui.text import plain_label
from trustboard.ui.text_limits import limit_line, limit_plain_text


class DetailsDialog(QDialog):
    """Edits the workshop's details as one undo step when accepted."""

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        ws = session.workshop
        self.setObjectName("detailsDialog")
        self.setWindowTitle(_("Workshop details"))
        self.title = field(
            QLineEdit(ws.title),
            "detailsTitle",
            _("Shown on the board and the PDF"),
            spoken=_("Workshop title"),
        )
        self.organisation = field(
            QLineEdit(ws.organisation),
            "detailsOrganisation",
            _("The organisation being assessed"),
            spoken=_("Organisation"),
        )
        self.facilitator = field(
            QLineEdit(ws.facilitator),
            "detailsFacilitator",
            _("Who runs the workshop"),
            spoken=_("Facilitator"),
        )
        self.date = field(
            QDateEdit(), "detailsDate", _("The day of the workshop"), spoken=_("Workshop date")
        )
        self.date.setDisplayFormat(date_format())
        self.date.setCalendarPopup(True)
        day = ws.date or dt.date.today()
        self.date.setDate(QDate(day.year, day.month, day.day))
        self.participants = field(
            QPlainTextEdit("\n".join(ws.participants)),
            "detailsParticipants",
            _("One name per line"),
            spoken=_("Participants, one per line"),
        )
        self.participants.setTabChangesFocus(True)
        for line in (self.title, self.organisation, self.facilitator):
            limit_line(line, limits.TITLE_CHARS)
        # Each name and the count are checked on OK; this only stops a runaway paste.
        self.participants_limit = limit_plain_text(
            self.participants, limits.PARTICIPANTS * (limits.TITLE_CHARS + 1)
        )
        self.anonymous = field(
            QCheckBox(_("Keep cards anonymous (no author initials)")),
            "detailsAnonymous",
            _("Hide who wrote each card on the board and in exports"),
            spoken=_("Keep cards anonymous"),
        )
        self.anonymous.setChecked(ws.anonymous)
        self.error = plain_label("", name="detailsError")
        self.error.hide()
        form = QFormLayout()
        form.addRow(_("&Title"), self.title)
        form.addRow(_("&Organisation"), self.organisation)
        form.addRow(_("&Facilitator"), self.facilitator)
        form.addRow(_("&Date"), self.date)
        form.addRow(_("&Participants"), self.participants)
        form.addRow("", self.anonymous)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        if session.read_only:
            for w in (
                self.title,
                self.organisation,
                self.facilitator,
                self.date,
                self.participants,
                self.anonymous,
            ):
                w.setEnabled(False)
            buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(False)

    def values(self) -> dict[str, object]:
        q = self.date.date()
        names = [line.strip() for line in self.participants.toPlainText().splitlines()]
        return {
            "title": self.title.text().strip(),
            "organisation": self.organisation.text().strip(),
            "facilitator": self.facilitator.text().strip(),
            "date": dt.date(q.year(), q.month(), q.day()),
            "participants": tuple(dict.fromkeys(n for n in names if n)),
            "anonymous": self.anonymous.isChecked(),
        }

    def accept(self) -> None:
        after = self.values()
        if not after["title"]:
            self.error.setText(_("The workshop needs a title."))
            self.error.show()
            return
        try:  # checked before the edit, so the message shows here and nothing changes
            command = edit_details(self.session.doc, after)
        except ValidationError as exc:
            self.error.setText(exc.problem[:1].upper() + exc.problem[1:] + ".")
            self.error.show()
            return
        if command is None:
            super().accept()
            return
        try:
            self.session.push(command)
        except ValidationError as exc:
            self.error.setText(str(exc))
            self.error.show()
            return
        super().accept()
