"""Every command of the window in one registry: text, tooltip, shortcut, object name and
when it can run.

Menus, the toolbar, the board's keys and presenter mode are assembled from these; nothing
else creates QActions or reads keys, so a shortcut or a label is changed in one place and a
list of shortcuts comes from here. When an action is enabled is data too (`needs_workshop`,
`editable`, `needs_selection`, `when`), read by `enabled`.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QWidget

if TYPE_CHECKING:
    from trustboard.ui.session import Session

SK = QKeySequence.StandardKey


class ActionId(StrEnum):
    NEW = "new"
    OPEN = "open"
    SAVE_AS = "saveAs"
    SAVE_COPY = "saveCopy"
    EXPORT_PDF = "exportPdf"
    EMAIL_PDF = "emailPdf"
    CLOSE = "closeWorkshop"
    QUIT = "quit"
    UNDO = "undo"
    REDO = "redo"
    CUT = "cut"
    COPY = "copy"
    PASTE = "paste"
    DUPLICATE = "duplicate"
    DELETE = "delete"
    SELECT_ALL = "selectAll"
    ADD_CARD = "addCard"
    EDIT_CARD = "editCard"
    PROMOTE = "promoteToAction"
    VOTE_UP = "voteUp"
    VOTE_DOWN = "voteDown"
    ZOOM_IN = "zoomIn"
    ZOOM_OUT = "zoomOut"
    FIT_ALL = "fitAll"
    FIT_CELL = "fitCell"
    LAYER_AS_IS = "layerAsIs"
    LAYER_TO_BE = "layerToBe"
    LAYER_BOTH = "layerBoth"
    PERSPECTIVE_SELF = "perspectiveSelf"
    PERSPECTIVE_CUSTOMER = "perspectiveCustomer"
    NEXT_CELL = "nextCell"
    PREVIOUS_CELL = "previousCell"
    PRESENTER = "presenter"
    HIGH_CONTRAST = "highContrast"
    PRESENT_ANONYMOUS = "presentAnonymous"
    TIMER_TOGGLE = "timerToggle"
    TIMER_RESET = "timerReset"
    TIMER_SET = "timerSet"
    TIMER_PER_CELL = "timerPerCell"
    EDIT_FRAMEWORK = "editFramework"
    DETAILS = "workshopDetails"
    VOTING = "voting"
    ACTIONS = "actionPlan"
    SIDE_PANEL = "sidePanel"
    CHARTS = "charts"
    KPIS = "kpiPanel"
    ROUNDS = "rounds"
    NEW_ROUND = "newRound"
    CURRENT_ROUND = "currentRound"
    IMPORT_RATINGS = "importRatings"
    # Keys of the board and of presenter mode: in no menu, listed with the others.
    CELL_LEFT = "cellLeft"
    CELL_RIGHT = "cellRight"
    CELL_UP = "cellUp"
    CELL_DOWN = "cellDown"
    CARRY_LEFT = "carryLeft"
    CARRY_RIGHT = "carryRight"
    CARRY_UP = "carryUp"
    CARRY_DOWN = "carryDown"
    SCORE_0 = "score0"
    SCORE_1 = "score1"
    SCORE_2 = "score2"
    SCORE_3 = "score3"
    SCORE_4 = "score4"
    SCORE_5 = "score5"
    SCORE_6 = "score6"
    SCORE_7 = "score7"
    SCORE_8 = "score8"
    SCORE_9 = "score9"
    TAKE_BACK_SCORE = "takeBackScore"
    EDIT_CARD_KEY = "editCardKey"
    LEAVE_PRESENTER = "leavePresenter"


SCORE_KEYS = tuple(ActionId(f"score{n}") for n in range(10))
CELL_STEPS = {
    ActionId.CELL_LEFT: (0, -1),
    ActionId.CELL_RIGHT: (0, 1),
    ActionId.CELL_UP: (-1, 0),
    ActionId.CELL_DOWN: (1, 0),
}
CARRY_STEPS = {
    ActionId.CARRY_LEFT: (0, -1),
    ActionId.CARRY_RIGHT: (0, 1),
    ActionId.CARRY_UP: (-1, 0),
    ActionId.CARRY_DOWN: (1, 0),
}


@dataclass(frozen=True)
class ActionSpec:
    """One command. By default it needs an open workshop and nothing more."""

    text: str
    tip: str
    keys: tuple[QKeySequence.StandardKey | str, ...] = ()
    checkable: bool = False
    needs_workshop: bool = True
    editable: bool = False  # it changes the workshop: not while read-only or browsing
    needs_selection: bool = False  # it works on the cards selected on the board
    when: str = ""  # instead of the above: the `WindowState` field that enables it
    board: bool = False  # its keys work while the board has the focus, not in panels
    menu: bool = True  # False: a key only (the board's, presenter mode's)
    context: Qt.ShortcutContext | None = None  # where the keys work, when not the window


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

    @classmethod
    def of(cls, session: Session | None, selection: bool, presenting: bool) -> WindowState:
        if session is None:
            return cls()
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


def _key(text: str, tip: str, keys: tuple[str, ...], **policy: bool) -> ActionSpec:
    """A key of the board: in no menu, works while the board has the focus."""
    return ActionSpec(text, tip, keys, board=True, menu=False, **policy)


_EDIT = {"editable": True}
_EDIT_SELECTED = {"editable": True, "needs_selection": True}
_ALWAYS = {"needs_workshop": False}


SPECS: dict[ActionId, ActionSpec] = {
    ActionId.NEW: ActionSpec(
        "&New workshop…", "Start a workshop from a template", (SK.New,), **_ALWAYS
    ),
    ActionId.OPEN: ActionSpec("&Open…", "Open a workshop file", (SK.Open,), **_ALWAYS),
    ActionId.SAVE_AS: ActionSpec("Save &As…", "Continue in a new file", (SK.SaveAs,)),
    ActionId.SAVE_COPY: ActionSpec("Save a &Copy…", "Write a copy and keep working here"),
    ActionId.EXPORT_PDF: ActionSpec(
        "&Export PDF…", "Write the summary or the full report as a PDF", ("Ctrl+E",)
    ),
    ActionId.EMAIL_PDF: ActionSpec("E&mail PDF…", "Export, then hand the PDF to your mail client"),
    ActionId.CLOSE: ActionSpec("&Close workshop", "Back to the start screen", (SK.Close,)),
    ActionId.QUIT: ActionSpec(
        "&Quit", "Quit TrustBoard (everything is saved)", (SK.Quit, "Ctrl+Q"), **_ALWAYS
    ),
    ActionId.UNDO: ActionSpec("&Undo", "Undo the last change", (SK.Undo,), when="can_undo"),
    ActionId.REDO: ActionSpec("&Redo", "Redo the change you undid", (SK.Redo,), when="can_redo"),
    ActionId.CUT: ActionSpec("Cu&t", "Cut the selected cards", (SK.Cut,), **_EDIT_SELECTED),
    ActionId.COPY: ActionSpec("&Copy", "Copy the selected cards", (SK.Copy,), needs_selection=True),
    ActionId.PASTE: ActionSpec("&Paste", "Paste cards into the current cell", (SK.Paste,), **_EDIT),
    ActionId.DUPLICATE: ActionSpec(
        "D&uplicate", "Duplicate the selected cards", ("Ctrl+D",), **_EDIT_SELECTED
    ),
    ActionId.DELETE: ActionSpec(
        "&Delete", "Delete the selected cards", (SK.Delete,), board=True, **_EDIT_SELECTED
    ),
    ActionId.SELECT_ALL: ActionSpec("Select &All", "Select every card shown", (SK.SelectAll,)),
    ActionId.ADD_CARD: ActionSpec(
        "&Add card", "Add a card to the current cell (N)", ("N",), board=True, **_EDIT
    ),
    ActionId.EDIT_CARD: ActionSpec(
        "&Edit card text",
        "Edit the selected card (F2 or Enter)",
        ("F2",),
        board=True,
        **_EDIT_SELECTED,
    ),
    ActionId.PROMOTE: ActionSpec(
        "Make an ac&tion…",
        "Give the card an owner, a due date and a status",
        ("Ctrl+T",),
        **_EDIT_SELECTED,
    ),
    ActionId.VOTE_UP: ActionSpec(
        "&Vote for card",
        "Add a dot vote to the selected cards",
        ("V", "+"),
        board=True,
        **_EDIT_SELECTED,
    ),
    ActionId.VOTE_DOWN: ActionSpec(
        "Remove a vo&te", "Take a dot vote back", ("Shift+V", "-"), board=True, **_EDIT_SELECTED
    ),
    ActionId.ZOOM_IN: ActionSpec("Zoom &in", "Zoom in (Ctrl+wheel)", (SK.ZoomIn, "Ctrl+=")),
    ActionId.ZOOM_OUT: ActionSpec("Zoom &out", "Zoom out (Ctrl+wheel)", (SK.ZoomOut,)),
    ActionId.FIT_ALL: ActionSpec("&Fit board", "Show the whole grid", ("Ctrl+0",)),
    ActionId.FIT_CELL: ActionSpec("Focus &cell", "Zoom to the current cell", ("Ctrl+1",)),
    ActionId.LAYER_AS_IS: ActionSpec(
        "&As-is", "Show how things are today", ("Ctrl+Shift+A",), True
    ),
    ActionId.LAYER_TO_BE: ActionSpec("&To-be", "Show where we want to be", ("Ctrl+Shift+T",), True),
    ActionId.LAYER_BOTH: ActionSpec(
        "&Side by side", "As-is and to-be next to each other", ("Ctrl+Shift+B",), True
    ),
    ActionId.PERSPECTIVE_SELF: ActionSpec(
        "&Our view", "Tint cells by how we rate ourselves", ("Ctrl+Shift+W",), True
    ),
    ActionId.PERSPECTIVE_CUSTOMER: ActionSpec(
        "&Customers' view", "Tint cells by how customers rate us", ("Ctrl+Shift+C",), True
    ),
    ActionId.NEXT_CELL: ActionSpec(
        "&Next cell", "Walk to the next cell of the grid", ("Ctrl+]", "Ctrl+Right")
    ),
    ActionId.PREVIOUS_CELL: ActionSpec(
        "&Previous cell", "Walk back one cell", ("Ctrl+[", "Ctrl+Left")
    ),
    ActionId.PRESENTER: ActionSpec(
        "&Presenter mode", "Full screen for the projector (Esc leaves)", ("F5",), True
    ),
    ActionId.HIGH_CONTRAST: ActionSpec(
        "&High contrast",
        "Black on white, for washed-out projectors",
        ("Ctrl+Shift+H",),
        True,
        **_ALWAYS,
    ),
    ActionId.PRESENT_ANONYMOUS: ActionSpec(
        "Hide authors when presenting", "No author initials on the projector", (), True, **_ALWAYS
    ),
    ActionId.TIMER_TOGGLE: ActionSpec(
        "Start/pause &timer", "Start or pause the timebox", ("Ctrl+Shift+Space",)
    ),
    ActionId.TIMER_RESET: ActionSpec("&Reset timer", "Reset the timebox", ("Ctrl+Shift+R",)),
    ActionId.TIMER_PER_CELL: ActionSpec(
        "Timebox &each cell",
        "Start the timebox afresh whenever you move to another cell",
        (),
        True,
        **_ALWAYS,
    ),
    ActionId.TIMER_SET: ActionSpec("Set time&box…", "How many minutes each cell or step gets"),
    ActionId.DETAILS: ActionSpec(
        "Workshop &details…", "Title, organisation, date, participants, anonymity", **_EDIT
    ),
    ActionId.EDIT_FRAMEWORK: ActionSpec(
        "Edit &framework…", "Rename, add, remove or reorder rows and columns", **_EDIT
    ),
    ActionId.VOTING: ActionSpec(
        "Dot &voting", "Run a dot-voting round", ("Ctrl+Shift+V",), True, **_ALWAYS
    ),
    ActionId.ACTIONS: ActionSpec(
        "Action &plan", "Show the action plan", ("Ctrl+Shift+P",), True, **_ALWAYS
    ),
    ActionId.SIDE_PANEL: ActionSpec(
        "Cell &panel", "Show the cell's questions and ratings", ("Ctrl+Shift+L",), True, **_ALWAYS
    ),
    ActionId.CHARTS: ActionSpec(
        "C&harts…", "Ratings, gaps, perception gaps and trends as charts", ("Ctrl+Shift+G",)
    ),
    ActionId.KPIS: ActionSpec(
        "&KPIs", "Enter this round's business measures", ("Ctrl+Shift+K",), True, **_ALWAYS
    ),
    ActionId.ROUNDS: ActionSpec("&Rounds…", "See, compare and browse this workshop's rounds"),
    ActionId.NEW_ROUND: ActionSpec(
        "Start a &new round…",
        "Next quarter: start a new round; targets and open actions carry over",
        when="writable_file",
    ),
    ActionId.CURRENT_ROUND: ActionSpec(
        "Back to the &current round", "Leave the earlier round you are browsing", when="browsing"
    ),
    ActionId.IMPORT_RATINGS: ActionSpec(
        "Import survey &ratings…", "Add scores and comments from a survey CSV", when="writable_file"
    ),
    ActionId.CELL_LEFT: _key("Cell to the left", "Go to the cell on the left", ("Left",)),
    ActionId.CELL_RIGHT: _key("Cell to the right", "Go to the cell on the right", ("Right",)),
    ActionId.CELL_UP: _key("Cell above", "Go to the cell above", ("Up",)),
    ActionId.CELL_DOWN: _key("Cell below", "Go to the cell below", ("Down",)),
    ActionId.CARRY_LEFT: _key(
        "Move cards left", "Move the selected cards to the cell on the left", ("Alt+Left",), **_EDIT
    ),
    ActionId.CARRY_RIGHT: _key(
        "Move cards right",
        "Move the selected cards to the cell on the right",
        ("Alt+Right",),
        **_EDIT,
    ),
    ActionId.CARRY_UP: _key(
        "Move cards up", "Move the selected cards to the cell above", ("Alt+Up",), **_EDIT
    ),
    ActionId.CARRY_DOWN: _key(
        "Move cards down", "Move the selected cards to the cell below", ("Alt+Down",), **_EDIT
    ),
    **{
        action_id: _key(f"Score {n}", f"Give the current cell a score of {n}", (str(n),), **_EDIT)
        for n, action_id in enumerate(SCORE_KEYS)
    },
    ActionId.TAKE_BACK_SCORE: _key(
        "Take back a score", "Take back the current cell's last score", ("Backspace",), **_EDIT
    ),
    # Enter types into a card on the board only: in a panel's field it ends the field's edit.
    ActionId.EDIT_CARD_KEY: _key(
        "Edit card text", "Edit the selected card", ("Return", "Enter"), **_EDIT_SELECTED
    ),
    ActionId.LEAVE_PRESENTER: ActionSpec(
        "Leave presenter mode",
        "Back to the window",
        ("Esc",),
        when="presenting",
        menu=False,
        context=Qt.ShortcutContext.ApplicationShortcut,
    ),
}


def build_actions(parent: QWidget | None) -> dict[ActionId, QAction]:
    """One QAction per id, owned by `parent`; wire `triggered` where the behaviour lives."""
    actions: dict[ActionId, QAction] = {}
    for action_id in ActionId:
        spec = SPECS[action_id]
        action = QAction(spec.text, parent)
        action.setObjectName(f"action_{action_id.value}")
        action.setToolTip(spec.tip)
        action.setStatusTip(spec.tip)
        action.setCheckable(spec.checkable)
        keys: list[QKeySequence] = []
        for key in spec.keys:
            for seq in (
                [QKeySequence(key)] if isinstance(key, str) else QKeySequence.keyBindings(key)
            ):
                if not seq.isEmpty() and seq not in keys:  # the platform may bind it already
                    keys.append(seq)
        if keys:
            action.setShortcuts(keys)
        if spec.board:
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        elif spec.context is not None:
            action.setShortcutContext(spec.context)
        actions[action_id] = action
    return actions


def update_enabled(actions: dict[ActionId, QAction], state: WindowState) -> None:
    for action_id, action in actions.items():
        action.setEnabled(enabled(SPECS[action_id], state))


def shortcut_list() -> list[tuple[str, str]]:
    """(what it does, its keys) for every action with a key: for a shortcuts list or help."""
    rows = []
    for action_id, action in build_actions(None).items():
        keys = [k.toString(QKeySequence.SequenceFormat.NativeText) for k in action.shortcuts()]
        if keys:
            rows.append((SPECS[action_id].text.replace("&", "").rstrip("…"), ", ".join(keys)))
    return rows
