"""Promote a card to an action (owner, due date, status), edit that action, or remove it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence

from PySide6.QtCore import QDate, QLocale, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QCompleter,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from trustboard.domain import limits
from trustboard.domain.workshop import Action, ActionStatus, Card
from trustboard.i18n import _, pgettext
from trustboard.ui.dialogs import button, field
from trustboard.ui.session import Session
from trustboard.ui.text import plain_label
from trustboard.ui.text_limits import limit_line

STATUS_LABELS: dict[ActionStatus, str] = {
    ActionStatus.OPEN: "Open",
    ActionStatus.IN_PROGRESS: "In progress",
    ActionStatus.DONE: "Done",
}
"""The statuses in the order they are offered; `status_label` says them in the interface
language."""


def status_label(status: ActionStatus) -> str:
    if status is ActionStatus.OPEN:
        return pgettext("action status", "Open")
    if status is ActionStatus.IN_PROGRESS:
        return pgettext("action status", "In progress")
    return pgettext("action status", "Done")


RunDialog = Callable[["ActionDialog"], bool]
"""Shows the dialog and returns True when the user confirmed (Save or Remove action)."""


def date_format() -> str:
    """The interface locale's short date, with a four-digit year."""
    text = QLocale().dateFormat(QLocale.FormatType.ShortFormat)
    return text if "yyyy" in text else text.replace("yy", "yyyy")


def to_qdate(day: dt.date) -> QDate:
    return QDate(day.year, day.month, day.day)


class ActionDialog(QDialog):
    """Owner, due date and status for one card; `result_action()` is what to store."""

    def __init__(
        self,
        card: Card,
        parent: QWidget | None = None,
        *,
        participants: Sequence[str] = (),
        today: dt.date | None = None,
    ) -> None:
        super().__init__(parent)
        self.card = card
        self._removed = False
        existing = card.action
        self.setObjectName("actionDialog")
        self.setWindowTitle(_("Edit action") if existing else _("Promote to action"))
        self.setAccessibleName(self.windowTitle())
        self.card_text = plain_label(card.text or _("(empty card)"), name="Card text")
        self.card_text.setAccessibleName(_("Card text"))
        self.owner = field(
            QLineEdit(), "Owner", _("Who makes sure this happens"), spoken=_("Owner")
        )
        self.owner.setPlaceholderText(_("A name, e.g. one of the participants"))
        limit_line(self.owner, limits.ACTION_CHARS)
        completer = QCompleter(sorted(set(participants), key=str.casefold), self.owner)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.owner.setCompleter(completer)
        self.due = field(QDateEdit(), "Due date", _("When it should be done"), spoken=_("Due date"))
        self.due.setCalendarPopup(True)
        self.due.setDisplayFormat(date_format())
        self.no_due = field(
            QCheckBox(_("&No due date")),
            "No due date",
            _("Leave the date open"),
            spoken=_("No due date"),
        )
        self.status = field(
            QComboBox(), "Status", _("Open, in progress or done"), spoken=_("Status")
        )
        for status in STATUS_LABELS:
            self.status.addItem(status_label(status), status.value)
        self.remove = button(
            _("&Remove action"), "removeAction", _("Turn this back into a plain card")
        )
        self._fill(existing or Action(), today or dt.date.today())
        self._layout()

    def _fill(self, action: Action, today: dt.date) -> None:
        self.owner.setText(action.owner)
        self.due.setDate(to_qdate(action.due or today + dt.timedelta(days=14)))
        self.no_due.toggled.connect(lambda on: self.due.setEnabled(not on))
        self.no_due.setChecked(action.due is None)
        self.due.setEnabled(action.due is not None)
        self.status.setCurrentIndex(self.status.findData(action.status.value))

    def _layout(self) -> None:
        due = QHBoxLayout()
        due.addWidget(self.due, 1)
        due.addWidget(self.no_due)
        form = QFormLayout()
        form.addRow(_("Card"), self.card_text)
        form.addRow(_("&Owner"), self.owner)
        # Translators: the action's due date.
        form.addRow(_("&Due"), due)
        form.addRow(_("&Status"), self.status)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.addButton(self.remove, QDialogButtonBox.ButtonRole.DestructiveRole)
        self.remove.setVisible(self.card.action is not None)  # after addButton, which shows it
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.remove.clicked.connect(self.remove_action)
        self.buttons = buttons
        box = QVBoxLayout(self)
        box.addLayout(form)
        box.addWidget(buttons)
        self.owner.setFocus()

    def remove_action(self) -> None:
        self._removed = True
        self.accept()

    def result_action(self) -> Action | None:
        """The action as filled in, or None when "Remove action" was chosen."""
        if self._removed:
            return None
        due = None if self.no_due.isChecked() else self.due.date().toPython()
        assert due is None or isinstance(due, dt.date)
        return Action(
            owner=self.owner.text().strip(),
            due=due,
            status=ActionStatus(self.status.currentData()),
        )


def _exec(dialog: ActionDialog) -> bool:
    return dialog.exec() == QDialog.DialogCode.Accepted


def promote_card(
    session: Session, card_id: str, parent: QWidget | None = None, *, run: RunDialog = _exec
) -> bool:
    """Ask for the action's details and store them as one undo step; True when changed."""
    card = session.round.cards.get(card_id)
    if card is None or session.read_only:
        return False
    dialog = ActionDialog(card, parent, participants=session.workshop.participants)
    try:
        if not run(dialog):
            return False
        action = dialog.result_action()
    finally:
        dialog.deleteLater()
    if action is None:
        label = _("Remove action")
    else:
        label = _("Edit action") if card.action else _("Promote to action")
    return session.update_card(card_id, action=action, text_for_undo=label)
