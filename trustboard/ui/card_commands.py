"""What the Card and Edit menus do to the cards selected on the board."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Protocol

from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget

if TYPE_CHECKING:
    from trustboard.ui.board.scene import BoardScene
    from trustboard.ui.docks.voting import VotingPanel
    from trustboard.ui.session import Session


class CardHost(Protocol):
    """The open workshop, its board and its voting panel (the window has them)."""

    @property
    def session(self) -> Session | None: ...
    @property
    def scene(self) -> BoardScene | None: ...
    @property
    def voting_panel(self) -> VotingPanel | None: ...
    def window(self) -> QWidget: ...


class CardCommands:
    """Card operations on the window's current session and board selection."""

    def __init__(self, window: CardHost) -> None:
        self.window = window
        # (parent, participants, current author) -> the name, or None when cancelled;
        # None asks with the author dialog. Tests answer instead of a modal dialog.
        self.ask_author: Callable[[QWidget, Sequence[str], str], str | None] | None = None

    def _selected(self) -> list[str]:
        scene = self.window.scene
        return scene.selected_card_ids() if scene else []

    def add(self) -> None:
        session, scene = self.window.session, self.window.scene
        if session is None or scene is None:
            return
        cell = session.current_cell or next(iter(session.framework.cells()), None)
        card_id = session.add_card(cell)
        if card_id and card_id in scene.cards:
            scene.clearSelection()
            item = scene.cards[card_id]
            item.setSelected(True)
            item.start_edit(new=True)

    def edit(self) -> None:
        ids = self._selected()
        if len(ids) == 1 and self.window.scene:
            self.window.scene.cards[ids[0]].start_edit()

    def delete(self) -> None:
        if self.window.session:
            self.window.session.delete_cards(self._selected())

    def duplicate(self) -> None:
        if self.window.session:
            self.window.session.duplicate_cards(self._selected())

    def copy(self) -> None:
        session = self.window.session
        if session and self._selected():
            from trustboard.ui import clipboard

            cards = [session.round.cards[i] for i in self._selected()]
            QGuiApplication.clipboard().setMimeData(clipboard.cards_to_mime(cards))

    def cut(self) -> None:
        self.copy()
        self.delete()

    def paste(self) -> None:
        session = self.window.session
        if session is None:
            return
        from trustboard.ui import clipboard

        kinds = {k.id for k in session.framework.card_kinds}
        cards = clipboard.cards_from_mime(QGuiApplication.clipboard().mimeData(), kinds)
        if cards:
            session.paste_cards(cards, session.current_cell)

    def select_all(self) -> None:
        if self.window.scene:
            for item in self.window.scene.cards.values():
                item.setSelected(item.isVisible())

    def vote(self, delta: int) -> None:
        """Dot votes; while voting runs the workshop's budget refuses dots beyond it."""
        session = self.window.session
        if session is None:
            return
        for card_id in self._selected():
            if not session.vote(card_id, delta) and delta > 0:
                break  # refused: the budget is used up, the panel says so once

    def set_kind(self, kind: str) -> None:
        """Change the kind (and so the colour) of the selected cards, as one undo step."""
        if self.window.session:
            self.window.session.set_kind(self._selected(), kind)

    def set_author(self) -> None:
        """Say who wrote the selected cards, picked from the workshop's participants."""
        session, ids = self.window.session, self._selected()
        if session is None or not ids:
            return
        ask = self.ask_author
        if ask is None:
            from trustboard.ui.dialogs.author_dialog import ask_author as ask
        current = session.round.cards[ids[0]].author
        name = ask(self.window.window(), session.workshop.participants, current)
        if name is not None:
            session.set_author(ids, name)

    def promote(self) -> None:
        ids = self._selected()
        if self.window.session and len(ids) == 1:
            from trustboard.ui.dialogs.action_dialog import promote_card

            promote_card(self.window.session, ids[0], self.window.window())
