"""The room of the open workshop: its rules (RoomLogic), its server, and the window's view
of both. Phones' edits reach the document only through `Session.push`, on the GUI thread.
"""

from __future__ import annotations

import contextlib
import sys
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Signal

from trustboard.ui.room.caller import GuiCaller

if TYPE_CHECKING:
    from trustboard.room.logic import RoomLogic
    from trustboard.room.model import PhaseSettings
    from trustboard.room.server import RoomServer
    from trustboard.ui.main_window import MainWindow
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

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.caller = GuiCaller(self)
        self.logic: RoomLogic | None = None
        self.server: RoomServer | None = None
        self.session: Session | None = None
        self.address = ""
        self.connected = 0
        # Both arrive from other threads; as signals they run here, on the GUI thread.
        self._count_from_server.connect(self._set_count)
        self._logic_changed.connect(self.state_changed)

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
            raise RoomOpenError("Open a workshop first: the room is for the workshop on the board.")
        if session.read_only:
            raise RoomOpenError(
                f"The room cannot open: {session.read_only_reason}. Phones could not add anything."
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
            session.push,
            lambda: session.current_cell,
            settings if settings is not None else PhaseSettings(),
        )
        self.caller.reopen()
        server = RoomServer(logic, self.caller, address, port)
        server.on_count = self._count_from_server.emit
        try:
            server.start()
        except RoomStartError as exc:
            raise RoomOpenError(
                f"The room could not open on {address}: {_message(exc)} Nothing is listening."
            ) from None
        self.logic, self.server, self.session, self.address = logic, server, session, address
        if self.window.settings.room_address != address:
            self.window.settings.room_address = address  # offered first next time
            self.window.settings.save()
        logic.on_change(self._told)
        session.changed.connect(self._notify)
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
        try:
            server.stop()
        finally:
            self.server = self.logic = self.session = None
            if session is not None:
                with contextlib.suppress(RuntimeError, TypeError):
                    session.changed.disconnect(self._notify)
                    session.current_cell_changed.disconnect(self._notify)
                session.set_votes_hidden(False)
            self.connected = 0
            self.closed.emit()
            self.state_changed.emit()

    # -- the facilitator's controls ----------------------------------------------------

    def set_settings(self, settings: PhaseSettings) -> None:
        if self.logic is not None:
            self.logic.set_settings(settings)
            self._apply_vote_phase()
            self._changed()

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
        if self.server is not None:
            self.server.notify()
        self.state_changed.emit()

    def _told(self, *_: Any) -> None:
        """The room's rules say phones must hear again (any thread)."""
        server = self.server
        if server is not None:
            server.notify()
        self._logic_changed.emit()

    def _set_count(self, count: int) -> None:
        if self.server is None:
            return  # a late count from a room that just closed
        self.connected = count
        self.count_changed.emit(count)


def _message(exc: BaseException) -> str:
    text = str(getattr(exc, "message", "") or exc).strip()
    return text if text.endswith((".", "!", "?")) else text + "."


def open_from_command_line(window: MainWindow, address: str | None, port: int) -> bool:
    """`trustboard FILE --open-room`: open the room and print the join URL, one line.

    Problems go to stderr as one sentence (and the window says them too); the window
    stays open either way.
    """
    from trustboard.ui.room.addresses import preferred_address

    if window.session is None:
        _tell_stderr("The room was not opened: the workshop file did not open.")
        return False
    if address is None:
        address = preferred_address(window.settings.room_address)
        if address is None:
            from trustboard.ui.room.addresses import hotspot_help

            _tell_stderr("The room was not opened: " + hotspot_help())
            return False
    try:
        url = window.room.open(address, port)
    except RoomOpenError as exc:
        _tell_stderr(str(exc))
        window.statusBar().showMessage(str(exc))
        return False
    print(url, flush=True)
    return True


def _tell_stderr(text: str) -> None:
    from trustboard.display import terminal_safe

    print(f"trustboard: {terminal_safe(text)}", file=sys.stderr, flush=True)
