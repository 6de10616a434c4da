"""Dot voting: a round with a vote budget per participant, optionally hidden until it ends.

The budget and its counting live in the workshop (`trustboard.document.voting`); this
panel starts and ends voting, shows what is left and says why a vote was refused.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QFormLayout,
    QHBoxLayout,
    QSpinBox,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from trustboard.document import Change, voting
from trustboard.domain.workshop import Card
from trustboard.i18n import _
from trustboard.ui.dialogs import board_order, button, field
from trustboard.ui.session import Session
from trustboard.ui.text import cell_label, plain_label, plain_tooltip

_ID = Qt.ItemDataRole.UserRole


class VotingPanel(QWidget):
    """Start a round, count what is left, refuse votes beyond the budget, show the results."""

    round_started = Signal()
    round_ended = Signal()
    remaining_changed = Signal(int)
    vote_refused = Signal(str)  # the message shown

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self._keys: dict[str, tuple[int, tuple[int, int, float, str]]] = {}  # voted cards
        self._ranking: list[tuple[int, tuple[int, int, float, str]]] = []  # most votes first
        self._was_active = self.active
        self.setObjectName("votingPanel")
        self.setAccessibleName(_("Dot voting"))
        self.per_person = field(
            QSpinBox(),
            "Votes per participant",
            _("How many dots each person gets"),
            spoken=_("Votes per participant"),
        )
        self.per_person.setRange(1, 99)
        self.per_person.setValue(3)
        self.people = field(
            QSpinBox(),
            "Participants",
            _("How many people vote in this round"),
            spoken=_("Participants"),
        )
        self.people.setRange(1, 999)
        self.people.setValue(len(session.workshop.participants) or 1)
        self.hide_votes = field(
            QCheckBox(_("&Hide votes until the round ends")),
            "Hide votes until the round ends",
            _(
                "The board shows no vote counts until you end the round, "
                "so nobody follows the crowd"
            ),
            spoken=_("Hide votes until the round ends"),
        )
        self.start = button(
            _("&Start voting"), "startVoting", _("Start a round with the budget above")
        )
        self.end = button(
            # Translators: ends the dot-voting round.
            _("&End round"),
            "endVoting",
            _("Stop voting, reveal the votes, list results"),
        )
        self.remaining = plain_label(name="Votes left")
        self.remaining.setAccessibleName(_("Votes left"))
        self.message = plain_label(name="Voting message")
        self.message.setAccessibleName(_("Voting message"))
        self.results_view = field(
            QTreeWidget(),
            "Voting results",
            _("Cards by number of votes"),
            spoken=_("Voting results"),
        )
        self._init_layout()
        self.start.clicked.connect(self.start_round)
        self.end.clicked.connect(self.end_round)
        self.hide_votes.toggled.connect(session.set_votes_hidden)
        session.changed.connect(self._on_changed)
        session.vote_refused.connect(self._on_refused)
        session.view_changed.connect(self._on_view_changed)
        self._on_view_changed()
        self._update()

    def _init_layout(self) -> None:
        self.results_view.setColumnCount(3)
        self.results_view.setHeaderLabels([_("Votes"), _("Card"), _("Cell")])
        self.results_view.setRootIsDecorated(False)
        self.results_view.setAlternatingRowColors(True)
        self.results_view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        form.addRow(_("&Votes per participant"), self.per_person)
        form.addRow(_("&Participants"), self.people)
        form.addRow("", self.hide_votes)
        buttons = QHBoxLayout()
        buttons.addWidget(self.start)
        buttons.addWidget(self.end)
        box = QVBoxLayout(self)
        box.addLayout(form)
        box.addLayout(buttons)
        box.addWidget(self.remaining)
        box.addWidget(self.message)
        box.addWidget(self.results_view, 1)

    # -- counting (kept by the workshop) ------------------------------------------------

    @property
    def active(self) -> bool:
        return self.session.current_round.voting is not None

    @property
    def budget(self) -> int:
        running = self.session.current_round.voting
        return running.budget if running is not None else 0

    @property
    def votes_cast(self) -> int:
        return voting.votes_cast(self.session.current_round)

    @property
    def votes_left(self) -> int:
        return voting.votes_left(self.session.current_round)

    # -- the round -------------------------------------------------------------------

    def start_round(self) -> bool:
        if self.session.read_only:
            self.message.setText(
                _("Voting is not possible: {reason}").format(reason=self.session.read_only_reason)
            )
            return False
        self.message.setText("")
        voting.start_voting(self.session.doc, self.per_person.value(), self.people.value())
        self.session.set_votes_hidden(self.hide_votes.isChecked())
        self.round_started.emit()
        return True

    def end_round(self) -> list[Card]:
        """Stop voting, reveal the votes, and return the results (also shown in the list)."""
        voting.end_voting(self.session.doc)
        self.hide_votes.setChecked(False)
        self.session.set_votes_hidden(False)
        self.message.setText(_("Voting has ended. Results, most votes first:"))
        self._update()
        self.round_ended.emit()
        return self.results()

    def cast_vote(self, card_id: str) -> bool:
        """One more vote for the card, unless the round's budget is used up."""
        return self.session.vote(card_id, +1)

    def retract_vote(self, card_id: str) -> bool:
        return self.session.vote(card_id, -1)

    def _on_refused(self, text: str) -> None:
        self.message.setText(text)
        self.vote_refused.emit(text)

    def results(self) -> list[Card]:
        """Cards with votes, most first; ties in the order the board shows them."""
        cards = self.session.round.cards
        return [cards[key[-1][-1]] for key in self._ranking]

    def _rank(self) -> None:
        """Count every card's votes again (a new round, framework or view)."""
        self._in_board_order = board_order(self.session.framework)
        voted = [c for c in self.session.round.cards.values() if c.votes > 0]
        self._keys = {c.id: self._key(c) for c in voted}
        self._ranking = sorted(self._keys.values())

    def _key(self, card: Card) -> tuple[int, tuple[int, int, float, str]]:
        return (-card.votes, self._in_board_order(card))

    def _rerank(self, ids: Iterable[str]) -> None:
        """Only these cards changed: move their rows, leaving the rest of the list alone."""
        cards = self.session.round.cards
        view = self.results_view
        shown = not self.session.votes_hidden
        for card_id in ids:
            old = self._keys.pop(card_id, None)
            if old is not None:
                i = bisect_left(self._ranking, old)
                del self._ranking[i]
                if shown:
                    view.takeTopLevelItem(i)
            card = cards.get(card_id)
            if card is not None and card.votes > 0:
                key = self._keys[card_id] = self._key(card)
                i = bisect_left(self._ranking, key)
                self._ranking.insert(i, key)
                if shown:
                    view.insertTopLevelItem(i, self._row(card))

    # -- following the model ---------------------------------------------------------

    def _on_changed(self, change: Change) -> None:
        if change.what == "rounds" and self._was_active:
            # another round of the workshop (or an undo of one): this vote no longer applies
            voting.end_voting_everywhere(self.session.doc)
            self.message.setText(_("The workshop round changed, so voting was stopped."))
        if change.what == "cards" and (
            not change.round_id or change.round_id == self.session.round.id
        ):
            self._rerank(change.ids)
            self._update_status()
        elif change.what in {"framework", "rounds", "voting"}:
            self._update()

    def _on_view_changed(self) -> None:
        self.hide_votes.blockSignals(True)
        self.hide_votes.setChecked(self.session.votes_hidden)
        self.hide_votes.blockSignals(False)
        self._rank()  # also when another round came on the board
        self._show_results()

    def _update(self) -> None:
        self._rank()
        self._update_status()
        self._show_results()

    def _update_status(self) -> None:
        writable = not self.session.read_only
        self.start.setEnabled(writable)
        self.start.setText(_("Re&start voting") if self.active else _("&Start voting"))
        self.end.setEnabled(self.active)
        self.per_person.setEnabled(writable)
        self.people.setEnabled(writable)
        self._was_active = self.active
        if self.active:
            self.remaining.setText(
                _("Votes left: {left} of {budget}").format(left=self.votes_left, budget=self.budget)
            )
        else:
            self.remaining.setText(_("No voting round is running."))
        self.remaining_changed.emit(self.votes_left)

    def _show_results(self) -> None:
        view = self.results_view
        view.clear()
        if self.session.votes_hidden:
            view.setDisabled(True)
            view.addTopLevelItem(
                QTreeWidgetItem(["", _("Votes are hidden until the round ends"), ""])
            )
            return
        view.setDisabled(False)
        view.addTopLevelItems([self._row(card) for card in self.results()])
        view.resizeColumnToContents(0)

    def _row(self, card: Card) -> QTreeWidgetItem:
        item = QTreeWidgetItem(
            [str(card.votes), card.text, cell_label(self.session.framework, card.cell)]
        )
        item.setData(0, _ID, card.id)
        item.setToolTip(1, plain_tooltip(card.text))
        item.setTextAlignment(0, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return item
