"""An open workshop as the window sees it: the document, its undo stack, autosave and signals.

Every user edit is a rule of `trustboard.document` that returns a Qt-free command; `edit()`
and `push()` do it as one QUndoCommand. The board and panels redraw from `changed`, never
from their own edits. What stays here is view state: the cell, layer, perspective and round
on show, and whether votes are hidden.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from trustboard.document import Change, WorkshopDocument, cards, ratings, voting
from trustboard.document.commands import CardsCommand, Command
from trustboard.domain.framework import Cell, Framework
from trustboard.domain.workshop import Card, Layer, Perspective, Round, Workshop
from trustboard.i18n import _
from trustboard.store.autosave import Autosaver
from trustboard.store.workshop_file import WorkshopFile
from trustboard.ui.modes import LayerMode

_MERGEABLE = 1  # QUndoCommand.id() of commands that may merge; Command.merge decides


class _UndoAdapter(QUndoCommand):
    def __init__(self, command: Command) -> None:
        super().__init__(command.text)
        self.command = command

    def redo(self) -> None:
        self.command.redo()

    def undo(self) -> None:
        self.command.undo()

    def id(self) -> int:
        return _MERGEABLE if self.command.merge_key is not None else -1

    def mergeWith(self, other: QUndoCommand) -> bool:  # noqa: N802 - Qt override
        return isinstance(other, _UndoAdapter) and self.command.merge(other.command)


class Session(QObject):
    """One open workshop file. Lives as long as the file is open in the window."""

    changed = Signal(object)  # trustboard.document.Change
    current_cell_changed = Signal(object)  # Cell | None
    view_changed = Signal()  # layer mode or perspective
    viewed_round_changed = Signal()  # an earlier round opened for browsing, or back to current
    saved = Signal()
    save_failed = Signal(str)
    vote_refused = Signal(str)  # the message: the voting budget is used up

    def __init__(self, file: WorkshopFile, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.file = file
        self.doc = WorkshopDocument(file.workshop, file)
        self.undo_stack = QUndoStack(self)
        self.current_cell: Cell | None = None
        self.layer_mode = LayerMode.AS_IS
        self.perspective = Perspective.SELF
        self.votes_hidden = False
        self._viewed_round_id: str | None = None  # None: the current round
        self.autosaver: Autosaver | None = None
        if not file.read_only:
            self.autosaver = Autosaver(
                file,
                on_saved=self.saved.emit,
                on_error=lambda exc: self.save_failed.emit(str(exc)),
            )
        self.doc.subscribe(self._follow_rounds)
        self.doc.subscribe(self._tell)

    # -- what is open ----------------------------------------------------------------

    @property
    def workshop(self) -> Workshop:
        return self.doc.workshop

    @property
    def framework(self) -> Framework:
        return self.doc.framework

    @property
    def round(self) -> Round:
        """The round on the board: the current one, or an earlier one opened for browsing."""
        rid = self._viewed_round_id
        if rid is not None:
            with contextlib.suppress(KeyError):  # a round undone away: back to the current
                return self.workshop.round(rid)
        return self.doc.current_round

    @property
    def current_round(self) -> Round:
        """The round edits go to (the latest one started)."""
        return self.doc.current_round

    @property
    def browsing(self) -> bool:
        """True while an earlier round is shown; it is read-only."""
        return self.round.id != self.doc.current_round.id

    @property
    def read_only(self) -> bool:
        return self.file.read_only or self.browsing

    @property
    def read_only_reason(self) -> str:
        if self.file.read_only or not self.browsing:
            return self.file.read_only_reason
        return _(
            "this is the earlier round “{round}”; go back to the current round to edit"
        ).format(round=self.round.label)

    @property
    def layer(self) -> Layer:
        """The layer new cards and ratings go to (to-be only when that layer is shown alone)."""
        return Layer.TO_BE if self.layer_mode == LayerMode.TO_BE else Layer.AS_IS

    def close(self) -> None:
        """Save what is pending and release the file.

        Raises OSError when that last save fails; the session then stays open and keeps
        saving in the background, so nothing is lost while the user decides what to do.
        """
        if self.autosaver is not None:
            try:
                self.autosaver.stop()
            except OSError:
                self.autosaver.restart()
                raise
            self.autosaver = None
        self.file.close()
        self._detach()

    def discard_and_close(self) -> None:
        """Release the file without its unsaved edits (only when the user says so)."""
        if self.autosaver is not None:
            with contextlib.suppress(OSError):
                self.autosaver.stop()
            self.autosaver = None
        self.file.abandon()
        self._detach()

    def _detach(self) -> None:
        self.doc.unsubscribe(self._follow_rounds)
        self.doc.unsubscribe(self._tell)

    def _tell(self, change: Change) -> None:
        """Views follow one kind of change at a time; a mixed batch comes as one per kind."""
        for part in change.each():
            self.changed.emit(part)

    def undo(self) -> None:
        """Undo, unless an earlier round is on the board: undo acts on the current one."""
        if not self.browsing:
            self.undo_stack.undo()

    def redo(self) -> None:
        if not self.browsing:
            self.undo_stack.redo()

    # -- navigation and view ---------------------------------------------------------

    def set_current_cell(self, cell: Cell | None) -> None:
        if cell is not None and not self.framework.has_cell(cell):
            cell = None
        if cell != self.current_cell:
            self.current_cell = cell
            self.current_cell_changed.emit(cell)

    def step_cell(self, delta: int) -> Cell | None:
        """Next (+1) or previous (-1) cell of the guided walk; wraps at the ends."""
        cells = list(self.framework.cells())
        if not cells:
            return None
        if self.current_cell not in cells:
            target = cells[0] if delta >= 0 else cells[-1]
        else:
            target = cells[(cells.index(self.current_cell) + delta) % len(cells)]
        self.set_current_cell(target)
        return target

    def move_cell(self, d_row: int, d_col: int) -> Cell | None:
        """Arrow-key move across the grid, stopping at its edges."""
        elements = [e.id for e in self.framework.elements]
        domains = [d.id for d in self.framework.active_domains]
        if self.current_cell is None:
            self.set_current_cell((elements[0], domains[0]))
            return self.current_cell
        row = elements.index(self.current_cell[0])
        col = domains.index(self.current_cell[1])
        row = max(0, min(len(elements) - 1, row + d_row))
        col = max(0, min(len(domains) - 1, col + d_col))
        self.set_current_cell((elements[row], domains[col]))
        return self.current_cell

    def set_layer_mode(self, mode: str) -> None:
        if mode != self.layer_mode:
            self.layer_mode = mode
            self.view_changed.emit()

    def set_perspective(self, perspective: Perspective) -> None:
        if perspective != self.perspective:
            self.perspective = perspective
            self.view_changed.emit()

    def set_viewed_round(self, round_id: str | None) -> None:
        """Show an earlier round, read-only; None (or the current round's id) goes back."""
        if round_id is not None:
            self.workshop.round(round_id)  # KeyError for a round that is not there
            if round_id == self.doc.current_round.id:
                round_id = None
        if round_id != self._viewed_round_id:
            self._viewed_round_id = round_id
            self.viewed_round_changed.emit()
            self.view_changed.emit()

    def _follow_rounds(self, change: Change) -> None:
        """A round was started or removed (or an undo did it): stop browsing a stale round."""
        if self._viewed_round_id is None or all(p.what != "rounds" for p in change.each()):
            return
        ids = {r.id for r in self.workshop.rounds}
        if self._viewed_round_id not in ids or self._viewed_round_id == self.doc.current_round.id:
            self._viewed_round_id = None
            self.viewed_round_changed.emit()

    def set_votes_hidden(self, hidden: bool) -> None:
        if hidden != self.votes_hidden:
            self.votes_hidden = hidden
            self.view_changed.emit()

    # -- edits -----------------------------------------------------------------------

    def push(self, command: Command) -> bool:
        """Do `command` as one undo step; refused (False) on a read-only file or round."""
        if self.read_only:
            return False
        self.undo_stack.push(_UndoAdapter(command))
        return True

    def push_current(self, command: Command) -> bool:
        """Like `push`, also while an earlier round is on the board: phones write into the
        current round whatever the facilitator browses. False on a read-only file."""
        if self.file.read_only:
            return False
        self.undo_stack.push(_UndoAdapter(command))
        return True

    def edit(self, rule: Callable[..., Command | None], *args: Any, **kw: Any) -> Command | None:
        """Push what a document rule returns; nothing is even built on a read-only board."""
        if self.read_only:
            return None
        command = rule(self.doc, *args, **kw)
        return command if command is not None and self.push(command) else None

    # The edits below are the window's names for document rules (trustboard.document.*),
    # kept so the board and panels read as before; new inputs call `edit(rule, ...)`.

    def add_card(self, cell: Cell | None, text: str = "", *, kind: str | None = None,
                 layer: Layer | None = None, author: str = "") -> str | None:  # fmt: skip
        layer = layer or self.layer
        command = self.edit(cards.add_card, cell, text, kind=kind, layer=layer, author=author)
        return next(iter(command.after)) if isinstance(command, CardsCommand) else None

    def update_card(self, card_id: str, *, merge: bool = False, text_for_undo: str = "",
                    **changes: object) -> bool:  # fmt: skip
        text_for_undo = text_for_undo or _("Edit card")
        command = self.edit(cards.edit_card, card_id, merge=merge, text_for_undo=text_for_undo,
                            **changes)  # fmt: skip
        return command is not None

    def cancel_new_card(self, card_id: str) -> None:
        """Take back a card that was added and left empty (Esc): no trace in the history."""
        top = self.undo_stack.command(self.undo_stack.index() - 1)
        command = top.command if isinstance(top, _UndoAdapter) else None
        if (
            isinstance(command, CardsCommand)
            and command.before.get(card_id, "x") is None
            and set(command.after) == {card_id}
        ):
            top.undo()
            top.setObsolete(True)  # QUndoStack drops an obsolete command without undoing it
            self.undo_stack.undo()
        else:
            self.delete_cards([card_id])

    def discard_new_card(self, card_id: str, text: str) -> bool:
        """Esc on a new card with words typed: it goes, as an undo step that brings it back."""
        return self.edit(cards.discard_new_card, card_id, text) is not None

    def set_author(self, card_ids: Iterable[str], author: str) -> bool:
        return self.edit(cards.set_author, card_ids, author) is not None

    def delete_cards(self, card_ids: Iterable[str]) -> bool:
        return bool(self.edit(cards.delete_cards, card_ids))

    def duplicate_cards(self, card_ids: Sequence[str]) -> list[str]:
        command = self.edit(cards.duplicate_cards, card_ids)
        return list(command.after) if isinstance(command, CardsCommand) else []

    def paste_cards(self, pasted: Sequence[Card], cell: Cell | None) -> list[str]:
        command = self.edit(cards.paste_cards, pasted, cell, self.layer)
        return list(command.after) if isinstance(command, CardsCommand) else []

    def move_cards(self, card_ids: Sequence[str], cell: Cell | None, layer: Layer,
                   index: int | None = None) -> bool:  # fmt: skip
        """Put the cards into `cell`/`layer` at `index` (end when None), renumbering that cell."""
        return bool(self.edit(cards.move_cards, card_ids, cell, layer, index))

    def set_kind(self, card_ids: Iterable[str], kind: str) -> bool:
        return bool(self.edit(cards.set_kind, card_ids, kind))

    def vote(self, card_id: str, delta: int, voter: str = "") -> bool:
        """A dot more or less; beyond the voting budget it is refused and `vote_refused` says why."""
        try:
            return bool(self.edit(voting.vote, card_id, delta, voter))
        except voting.VoteBudgetError as exc:
            self.vote_refused.emit(exc.problem)
            return False

    def add_score(self, cell: Cell, score: int, *, layer: Layer | None = None,
                  perspective: Perspective | None = None, participant: str = "") -> bool:  # fmt: skip
        lane = (layer or self.layer, perspective or self.perspective)
        return bool(self.edit(ratings.add_score, cell, score, *lane, participant=participant))

    def remove_last_score(self, cell: Cell, *, layer: Layer | None = None,
                          perspective: Perspective | None = None,
                          participant: str = "") -> bool:  # fmt: skip
        lane = (layer or self.layer, perspective or self.perspective)
        return bool(self.edit(ratings.remove_last_score, cell, *lane, participant=participant))

    def set_answer(self, cell: Cell, question_id: str, *, text: str | None = None,
                   done: bool | None = None) -> bool:  # fmt: skip
        return bool(self.edit(ratings.set_answer, cell, question_id, text=text, done=done))

    def break_merge(self) -> None:
        """End the current typing run so the next keystrokes start a new undo step."""
        # A no-op command with another merge id would pollute the history; instead
        # mark the top command as final.
        top = self.undo_stack.command(self.undo_stack.index() - 1)
        if isinstance(top, _UndoAdapter):
            top.command.merge_key = None
