"""Every command of the window in one registry: text, tooltip, shortcut, object name and
when it can run.

Menus, the toolbar, the board's keys and presenter mode are assembled from these; nothing
else creates QActions or reads keys, so a shortcut or a label is changed in one place and a
list of shortcuts comes from here. When an action is enabled is data too (`needs_workshop`,
`editable`, `needs_selection`, `when`), read by `enabled`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QWidget

from trustboard.ui.action_specs import (
    CARRY_STEPS,
    CELL_STEPS,
    CUSTOMER_SCORE_KEYS,
    EDITOR_KEYS,
    KIND_KEYS,
    PANEL_KEYS,
    SCORE_KEYS,
    SPECS,
    VIEW_KEYS,
    ActionId,
    ActionSpec,
)

if TYPE_CHECKING:
    from trustboard.ui.session import Session

__all__ = [
    "CARRY_STEPS",
    "CELL_STEPS",
    "CUSTOMER_SCORE_KEYS",
    "EDITOR_KEYS",
    "KIND_KEYS",
    "PANEL_KEYS",
    "SCORE_KEYS",
    "SPECS",
    "VIEW_KEYS",
    "ActionId",
    "ActionSpec",
    "WindowState",
    "build_actions",
    "enabled",
    "make_action",
    "shortcut_list",
    "update_enabled",
]


@dataclass(frozen=True)
class WindowState:
    """What the enable policy looks at."""

    workshop: bool = False
    editable: bool = False
    selection: bool = False
    writable_file: bool = False
    can_undo: bool = False
    can_redo: bool = False
    browsing: bool = False
    presenting: bool = False
    room_open: bool = False
    can_open_room: bool = False  # a workshop that phones may add to, and no room open yet

    @classmethod
    def of(
        cls, session: Session | None, selection: bool, presenting: bool, room: Any = None
    ) -> WindowState:
        """`room`: the window's RoomController, or None before the room was first opened."""
        if session is None:
            return cls()
        room_open = room is not None and bool(room.is_open)
        stack, browsing = session.undo_stack, session.browsing
        return cls(
            workshop=True,
            editable=not session.read_only,
            selection=selection,
            writable_file=not session.file.read_only,
            can_undo=stack.canUndo() and not browsing,
            can_redo=stack.canRedo() and not browsing,
            browsing=browsing,
            presenting=presenting,
            room_open=room_open,
            can_open_room=not room_open and not session.read_only,
        )


def enabled(spec: ActionSpec, state: WindowState) -> bool:
    if spec.when:
        return bool(getattr(state, spec.when))
    if not spec.needs_workshop:
        return True
    return (
        state.workshop
        and (state.editable or not spec.editable)
        and (state.selection or not spec.needs_selection)
    )


def build_actions(parent: QWidget | None) -> dict[ActionId, QAction]:
    """One QAction per id of the window, owned by `parent`; wire `triggered` where the
    behaviour lives. (The board and the editors make the QActions of their own keys with
    `make_action`.)"""
    return {i: make_action(i, parent) for i in ActionId if i not in (*PANEL_KEYS, *VIEW_KEYS)}


def make_action(action_id: ActionId, parent: QWidget | None) -> QAction:
    """The QAction of one id: its text, tips, keys and where the keys work."""
    spec = SPECS[action_id]
    action = QAction(spec.label(), parent)
    action.setObjectName(f"action_{action_id.value}")
    action.setToolTip(spec.tooltip())
    action.setStatusTip(spec.tooltip())
    action.setCheckable(spec.checkable)
    keys: list[QKeySequence] = []
    for key in spec.keys:
        for seq in [QKeySequence(key)] if isinstance(key, str) else QKeySequence.keyBindings(key):
            if not seq.isEmpty() and seq not in keys:  # the platform may bind it already
                keys.append(seq)
    if keys:
        action.setShortcuts(keys)
    if spec.board:
        action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
    elif spec.context is not None:
        action.setShortcutContext(spec.context)
    return action


def update_enabled(actions: dict[ActionId, QAction], state: WindowState) -> None:
    for action_id, action in actions.items():
        action.setEnabled(enabled(SPECS[action_id], state))


def shortcut_list() -> list[tuple[str, str]]:
    """(what it does, its keys) for every action with a key: for a shortcuts list or help."""
    rows = []
    for action_id in ActionId:
        action = make_action(action_id, None)
        keys = [k.toString(QKeySequence.SequenceFormat.NativeText) for k in action.shortcuts()]
        if keys:
            rows.append((SPECS[action_id].label().replace("&", "").rstrip("…"), ", ".join(keys)))
    return rows
