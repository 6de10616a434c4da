"""The room of the open workshop: its rules (RoomLogic), its server, and the window's view
of both. Phones' edits reach the document only through `Session.push`, on the GUI thread.
"""

from __future__ import annotations

import contextlib
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QObject, Signal

from trustboard.i18n import _
from trustboard.ui.room.caller import GuiCaller

if TYPE_CHECKING:
    from trustboard.room.logic import RoomLogic
    from trustboard.room.model import PhaseSettings
    from trustboard.room.server import RoomServer
    from trustboard.ui.session import Session


class RoomOpenError(Exception):
    """The room could not open; `str()` is a sentence for the facilitator."""


class RoomController(QObject):
    """Opens and closes the room of the window's open workshop.

    Signals come on the GUI thread: `opened(url)`, `closed()`, `count_changed(phones)`,
    `state_changed()` (phase, lock, PIN, devices, link or waiting cards changed).
    """

    opened = Signal(str)
    closed = Signal()
    count_changed = Signal(int)
    state_changed = Signal()
    _count_from_server = Signal(int)
    _logic_changed = Signal()

    def __init__(self, window: Any) -> None:
        super().__init__(window)
        self.window = window  # the MainWindow
        self.parts: Any = None  # RoomParts: the window's views of the room (hooks.room_of)
        self.caller = GuiCaller(self)
        self.logic: RoomLogic | None = None
        self.server: RoomServer | None = None
        self.session: Session | None = None
        self.address = ""
        self.connected = 0
        # Both arrive from other threads; as signals they run here, on the GUI thread.
        self._count_from_server.connect(self._set_count)
        self._logic_changed.connect(self.state_changed)
        app = QCoreApplication.instance()
        if app is not None:  # quitting by any road stops the server (closing the window does too)
            app.aboutToQuit.connect(self.close)

    @property
    def is_open(self) -> bool:
        return self.server is not None

    @property
    def url(self) -> str:
        return self.server.url if self.server is not None else ""

    def open(self, address: str, port: int = 0, settings: PhaseSettings | None = None) -> str:
        """Start listening on `address`:`port` for the open workshop; the join URL.

        Raises RoomOpenError (nothing listens then) when there is no workshop, it cannot
        be changed, or the address or port cannot be used.
        """
        session = self.window.session
        if session is None:
            raise RoomOpenError(
                _("Open a workshop first: the room is for the workshop on the board.")
            )
        if session.read_only:
            raise RoomOpenError(
                _("The room cannot open: {reason}. Phones could not add anything.").format(
                    reason=session.read_only_reason
                )
            )
        if self.server is not None:
            if self.session is session and self.address == address:
                return self.url
            self.close()
        from trustboard.room.logic import RoomLogic
        from trustboard.room.model import PhaseSettings
        from trustboard.room.server import RoomServer, RoomStartError

        logic = RoomLogic(
            session.doc,
            session.push_current,  # browsing last quarter's round does not stop the room
            lambda: session.current_cell,
            settings if settings is not None else PhaseSettings(),
        )
        self.caller.reopen()
        server = RoomServer(logic, self.caller, address, port)
        server.on_count = self._count_from_server.emit
        try:
            server.start()
        except RoomStartError as exc:
            logic.close()
            raise RoomOpenError(
                _("The room could not open on {address}: {problem} Nothing is listening.").format(
                    address=address, problem=_message(exc)
                )
            ) from None
        self.logic, self.server, self.session, self.address = logic, server, session, address
        if self.window.settings.room_address != address:
            self.window.settings.room_address = address  # offered first next time
            self.window.settings.save()
        logic.on_change(self._told)  # it follows the document; the board's cell is ours to say
        session.current_cell_changed.connect(self._notify)
        self.connected = 0
        self._apply_vote_phase()
        self.opened.emit(server.url)
        self.state_changed.emit()
        return server.url

    def close(self) -> None:
        """Tell every phone the room closed and stop listening; nothing listens after."""
        server, session = self.server, self.session
        if server is None:
            return
        self.caller.shut()  # the server must not wait for this thread while it stops
        from trustboard.room.model import Phase

        if self.logic is not None and self.logic.settings.phase == Phase.VOTE:
            self._end_vote()
        try:
            server.stop()
        finally:
            if self.logic is not None:
                self.logic.remove_listener(self._told)
                self.logic.close()
            self.server = self.logic = self.session = None
            if session is not None:
                with contextlib.suppress(RuntimeError, TypeError):
                    session.current_cell_changed.disconnect(self._notify)
                session.set_votes_hidden(False)
            self.connected = 0
            self.closed.emit()
            self.state_changed.emit()

    # -- the facilitator's controls ----------------------------------------------------

    def set_settings(
        self, settings: PhaseSettings, *, per_person: int | None = None,
        per_card: int | None = None,
    ) -> None:  # fmt: skip
        """A phase and its options. Entering Vote starts a vote (RoomLogic, with the budget in
        `settings`, or `per_person`/`per_card` when given), its dots hidden on the board;
        leaving it ends the vote and shows the results, sorted, as the Dot voting panel does."""
        if self.logic is None or self.session is None:
            return
        import dataclasses

        from trustboard.room.model import Phase

        budget = {"per_person": per_person, "per_card": per_card}
        settings = dataclasses.replace(
            settings, **{k: v for k, v in budget.items() if v is not None}
        )

        was_voting = self.logic.settings.phase == Phase.VOTE
        self.logic.set_settings(settings)
        if was_voting and settings.phase != Phase.VOTE:
            self._end_vote()
        self._apply_vote_phase()
        self._changed()

    def _end_vote(self) -> None:
        panel = self.window.voting_panel
        if panel is not None and panel.active:
            panel.end_round()  # the results list, most dots first, and the dots on the board
        elif self.session is not None:
            from trustboard.document import voting

            voting.end_voting(self.session.doc)
        from trustboard.ui.actions import ActionId

        self.window.dock_set.show_panel(ActionId.VOTING)  # in front, even behind a tab

    def set_locked(self, locked: bool) -> None:
        if self.logic is not None:
            self.logic.set_locked(locked)
            self._changed()

    def set_pin(self, on: bool) -> None:
        if self.logic is not None:
            self.logic.set_pin(on)
            self._changed()

    def block(self, device: str) -> None:
        if self.logic is not None:
            self.logic.block(device)
            self._changed()

    def end_session(self) -> str:
        """A new link: the old one expires on every phone. The new join URL."""
        if self.logic is None or self.server is None:
            return ""
        self.logic.end_session()
        self._changed()
        self.opened.emit(self.server.url)
        return self.server.url

    def _changed(self) -> None:
        if self.server is not None:
            self.server.notify()
        self.state_changed.emit()

    def _apply_vote_phase(self) -> None:
        """While phones vote, the board hides the dots; they show, sorted, when it ends."""
        if self.logic is None or self.session is None:
            return
        from trustboard.room.model import Phase

        self.session.set_votes_hidden(self.logic.settings.phase == Phase.VOTE)

    # -- keeping phones and the window up to date ---------------------------------------

    def _notify(self, *_: object) -> None:
        if self.logic is not None:
            self.logic.changed()  # the server and the window hear it through _told

    def _told(self, *_: Any) -> None:
        """The room's rules changed something (devices, the link): the window shows it
        (called on the logic's thread; the signal brings it here)."""
        self._logic_changed.emit()

    def _set_count(self, count: int) -> None:
        if self.server is None:
            return  # a late count from a room that just closed
        self.connected = count
        self.count_changed.emit(count)


def _message(exc: BaseException) -> str:
    text = str(getattr(exc, "message", "") or exc).strip()
    return text if text.endswith((".", "!", "?")) else text + "."
