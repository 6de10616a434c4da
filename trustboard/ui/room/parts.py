"""The room in the window: the join code beside every board view (the window's and the
projector's), the Room dock, the Open room dialog and the board's moderation entries."""

from __future__ import annotations

import contextlib
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QDialog, QDockWidget, QMenu, QMessageBox

from trustboard.i18n import _, pgettext
from trustboard.ui.actions import ActionId
from trustboard.ui.room.controller import RoomController, RoomOpenError
from trustboard.ui.room.overlay import RoomNotice, RoomOverlay

if TYPE_CHECKING:
    from trustboard.ui.board.view import BoardView
    from trustboard.ui.room.dock import RoomPanel

REFRESH_MS = 100


def phase_name(phase: str) -> str:
    """The room's phase in a word, under the join code."""
    names = {
        # Translators: the room's phases in one word, under the join code.
        "write": pgettext("room phase", "Write"),
        "score": pgettext("room phase", "Score"),
        "vote": pgettext("room phase", "Vote"),
        "closed": pgettext("room phase", "Closed"),
    }
    return names.get(phase, phase)


class RoomParts(QObject):
    def __init__(self, window: Any, room: RoomController) -> None:
        super().__init__(window)
        self.window = window  # the MainWindow
        self.room = room
        self.overlays: list[RoomOverlay] = []
        self.dock: QDockWidget | None = None
        self.panel: RoomPanel | None = None
        a = window.actions_
        self.code_action = a[ActionId.ROOM_CODE]
        self.code_action.toggled.connect(self._show_code)
        room.opened.connect(self._opened)
        room.closed.connect(self._closed)
        # Many phones at once: the window redraws the room at most every REFRESH_MS.
        self._refresh = QTimer(self)
        self._refresh.setSingleShot(True)
        self._refresh.setInterval(REFRESH_MS)
        self._refresh.timeout.connect(self.refresh)
        room.state_changed.connect(self.refresh_soon)
        room.count_changed.connect(self.refresh_soon)
        window.menus.extra_card_entries = self.card_entries

    # -- opening -----------------------------------------------------------------------

    def open_dialog(self) -> bool:
        from trustboard.ui.room.open_dialog import OpenRoomDialog

        dialog = OpenRoomDialog(self.window.settings.room_address, self.window)
        try:
            if dialog.exec() != QDialog.DialogCode.Accepted or dialog.chosen() is None:
                return False
            chosen, phase = dialog.chosen(), dialog.chosen_phase()
        finally:
            dialog.deleteLater()
        assert chosen is not None
        return self.open(chosen.address, phase=phase)

    def open(self, address: str, port: int = 0, *, phase: str = "write") -> bool:
        from trustboard.room.model import Phase, PhaseSettings

        try:
            self.room.open(address, port, PhaseSettings(phase=Phase(phase)))
        except RoomOpenError as exc:
            QMessageBox.warning(self.window, _("The room did not open"), str(exc))
            return False
        return True

    def _opened(self, _url: str) -> None:
        if self.window.view is not None:
            self.show_on(self.window.view)
        presenter = self.window._presenter
        if presenter is not None and presenter.audience is not None:
            self.show_on(presenter.audience.view)
        self._ensure_dock()
        self.code_action.setChecked(True)
        self._refit()
        assert self.dock is not None
        self.dock.show()
        self.window.update_enabled()
        self.refresh()

    def _closed(self) -> None:
        for overlay in list(self.overlays):
            view = overlay.parent()
            overlay.hide()
            if hasattr(view, "set_side"):
                view.set_side(None)
            overlay.deleteLater()
        self.overlays.clear()
        if self.dock is not None:
            self.dock.hide()
            panel = self.dock.widget()
            self.dock.setWidget(None)  # type: ignore[arg-type]
            if panel is not None:
                panel.deleteLater()
            self.panel = None
        self.window.update_enabled()

    # -- the join code -----------------------------------------------------------------

    def show_on(self, view: BoardView) -> RoomOverlay:
        """The join code beside `view` (the window's board or the projector's)."""
        for overlay in self.overlays:
            if overlay.parent() is view:
                return overlay
        overlay = RoomOverlay(view)
        self.overlays.append(overlay)
        overlay.destroyed.connect(lambda *_, o=overlay: self._forget(o))
        overlay.show_notice(self.notice())
        overlay.setVisible(self.code_action.isChecked())
        view.set_side(overlay)
        return overlay

    def _forget(self, overlay: RoomOverlay) -> None:
        with contextlib.suppress(ValueError):
            self.overlays.remove(overlay)

    def _show_code(self, on: bool) -> None:
        for overlay in self.overlays:
            overlay.setVisible(on and self.room.is_open)
            view = overlay.parent()
            if hasattr(view, "set_side"):
                view.set_side(overlay)
        self._refit()

    def _refit(self) -> None:
        """The board got (or gave) room for the code: the projector fits its cell again."""
        presenter, session = self.window._presenter, self.window.session
        if presenter is None or not presenter.active or session is None:
            return
        if presenter.audience is not None:
            presenter.audience.show_cell(session.current_cell)
        else:
            presenter.refit()

    def notice(self) -> RoomNotice:
        logic, session = self.room.logic, self.room.session
        if logic is None or session is None:
            return RoomNotice()
        from trustboard.document import room_edits

        return RoomNotice(
            url=self.room.url,
            phones=self.room.connected,
            phase=phase_name(str(logic.settings.phase)),
            waiting=len(room_edits.waiting(session.current_round)),
            locked=logic.locked,
            pin=logic.pin,
        )

    def refresh_soon(self, *_: object) -> None:
        if not self._refresh.isActive():  # not restarted: steady traffic still redraws
            self._refresh.start()

    def refresh(self, *_: object) -> None:
        if not self.room.is_open:
            return
        notice = self.notice()
        for overlay in self.overlays:
            if overlay.notice != notice:
                old = overlay.size()
                overlay.show_notice(notice)
                view = overlay.parent()
                if hasattr(view, "set_side") and overlay.isVisible():
                    view.set_side(overlay)
                    if overlay.size() != old:
                        overlay.update()
        if self.panel is not None:
            self.panel.refresh()

    # -- the dock ----------------------------------------------------------------------

    def _ensure_dock(self) -> None:
        from trustboard.ui.room.dock import RoomPanel

        if self.dock is None:
            self.dock = QDockWidget(_("Room"), self.window)
            self.dock.setObjectName("roomDock")
            self.window.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, self.dock)
            # raised when asked for, and put away with the others while presenting
            view = self.window.dock_set.adopt("room", self.dock, _("Room &panel"))
            view.setObjectName("action_roomPanel")
            view.setToolTip(_("Phases, waiting cards, devices and the room's lock"))
            self.window.menuBar().findChild(QMenu, "menuWorkshop").addAction(view)
        assert self.room.session is not None
        self.panel = RoomPanel(self.room, self.room.session)
        self.dock.setWidget(self.panel)

    # -- moderation on the board ----------------------------------------------------------

    def card_entries(self, menu: QMenu, card_ids: list[str]) -> list[QAction]:
        """Right-click on a card a phone wrote: hide it, or block the phone."""
        session = self.window.session
        if session is None or len(card_ids) != 1 or session.read_only:
            return []
        card = session.round.cards.get(card_ids[0])
        owner = getattr(card, "owner", "")
        if card is None or not owner:
            return []
        hide = QAction(_("&Hide card"), menu)
        hide.setObjectName("action_hideCard")
        hide.setToolTip(_("Take the card off the board; the Room panel can show it again"))
        hide.triggered.connect(lambda: self.hide_card(card_ids[0]))
        block = QAction(_("&Block the phone that wrote it"), menu)
        block.setObjectName("action_blockPhone")
        block.setToolTip(_("That phone can send nothing more until the room's session ends"))
        block.setEnabled(self.room.is_open)
        block.triggered.connect(lambda: self.room.block(owner))
        return [hide, block]

    def hide_card(self, card_id: str) -> bool:
        session = self.window.session
        if session is None:
            return False
        from trustboard.document import room_edits

        return session.edit(room_edits.hide_card, card_id) is not None
