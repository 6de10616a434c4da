"""The window's way into the room; light, so the window can wire it at start-up. The
room's controller and parts load when first needed, its server when the room opens."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Any

from trustboard.i18n import _
from trustboard.ui.action_specs import ActionId

if TYPE_CHECKING:
    from trustboard.ui.room.controller import RoomController


def install(window: Any) -> None:
    """Wire Workshop > Open the room… and Close the room of a MainWindow."""
    actions = window.actions_
    actions[ActionId.ROOM_OPEN].triggered.connect(lambda *_: room_of(window).parts.open_dialog())
    actions[ActionId.ROOM_CLOSE].triggered.connect(lambda *_: room_of(window).close())


def room_of(window: Any) -> RoomController:
    """The window's room controller (with its parts), made on first use."""
    if window._room is None:
        from trustboard.ui.room.controller import RoomController
        from trustboard.ui.room.parts import RoomParts

        room = RoomController(window)
        room.parts = RoomParts(window, room)
        window._room = room
    return window._room  # type: ignore[no-any-return]


def open_from_command_line(window: Any, address: str | None, port: int) -> bool:
    """`trustboard FILE --open-room`: open the room and print the join URL, one line.

    Problems go to stderr as one sentence (and the window says them too); the window
    stays open either way.
    """
    from trustboard.ui.room.addresses import hotspot_help, preferred_address
    from trustboard.ui.room.controller import RoomOpenError

    if window.session is None:
        _tell_stderr(_("The room was not opened: the workshop file did not open."))
        return False
    if address is None:
        address = preferred_address(window.settings.room_address)
        if address is None:
            _tell_stderr(_("The room was not opened: {why}").format(why=hotspot_help()))
            return False
    try:
        url = room_of(window).open(address, port)
    except RoomOpenError as exc:
        _tell_stderr(str(exc))
        window.statusBar().showMessage(str(exc))
        return False
    print(url, flush=True)
    return True


def _tell_stderr(text: str) -> None:
    from trustboard.display import terminal_safe

    print(f"trustboard: {terminal_safe(text)}", file=sys.stderr, flush=True)
