"""The action registry's data: one id and one spec (text, tooltip, keys, when it can run)
for every command of the window, the board's keys and the editors' keys."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence

from trustboard.ui.action_ids import ActionId

__all__ = ["SPECS", "ActionId", "ActionSpec"]

SK = QKeySequence.StandardKey


SCORE_KEYS = tuple(ActionId(f"score{n}") for n in range(10))
_STEPS = {"Left": (0, -1), "Right": (0, 1), "Up": (-1, 0), "Down": (1, 0)}  # (rows, columns)
CELL_STEPS = {ActionId(f"cell{way}"): step for way, step in _STEPS.items()}
KIND_KEYS = tuple(ActionId(f"kind{n}") for n in range(1, 10))
CUSTOMER_SCORE_KEYS = tuple(ActionId(f"customerScore{n}") for n in range(10))
# What Shift+digit types on a US keyboard; other layouts report the digit itself.
_SHIFTED = {1: "!", 2: "@", 3: "#", 4: "$", 5: "%", 6: "^", 7: "&", 8: "*", 9: "(", 0: ")"}
EDITOR_KEYS = tuple(ActionId(f"axis{n}") for n in ("Add", "Remove", "Rename", "Up", "Down"))
CARRY_STEPS = {ActionId(f"carry{way}"): step for way, step in _STEPS.items()}


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


def _key(text: str, tip: str, keys: tuple[str, ...], **policy: bool) -> ActionSpec:
    """A key of the board: in no menu, works while the board has the focus."""
    return ActionSpec(text, tip, keys, board=True, menu=False, **policy)


def _editor_key(text: str, tip: str, key: QKeySequence.StandardKey | str) -> ActionSpec:
    """A key of the framework editor's lists; the editor makes its own QActions of it."""
    return ActionSpec(text, tip, (key,), menu=False, context=Qt.ShortcutContext.WidgetShortcut)


def _panel_key(text: str, tip: str, keys: tuple[str, ...]) -> ActionSpec:
    """A key of a panel: it works while the focus is in the panel that makes the action."""
    return ActionSpec(
        text, tip, keys, menu=False, context=Qt.ShortcutContext.WidgetWithChildrenShortcut
    )


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
        "&Export…",
        "Write a PDF, slides, a spreadsheet, a CSV or a picture of the board",
        ("Ctrl+E",),
    ),
    ActionId.EMAIL_PDF: ActionSpec("Export and e&mail…", "Export, then mail the file"),
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
        (),  # F2 and Enter are the board's own keys (EDIT_CARD_KEY)
        board=True,
        **_EDIT_SELECTED,
    ),
    ActionId.PROMOTE: ActionSpec(
        "Make an ac&tion…",
        "Give the card an owner, a due date and a status",
        ("Ctrl+T",),
        **_EDIT_SELECTED,
    ),
    ActionId.SET_AUTHOR: ActionSpec("Set aut&hor…", "Who wrote the cards", **_EDIT_SELECTED),
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
        "&Import…",
        "Bring in a survey, spreadsheet or board export (CSV, TSV, Excel): scores, "
        "comments, cards and KPIs",
        when="writable_file",
    ),
    # The room: phones join over the local network (trustboard/ui/room).
    ActionId.ROOM_OPEN: ActionSpec(
        "Open the &room…",
        "Let the room join from their phones, no internet needed",
        ("Ctrl+Shift+O",),
        when="can_open_room",
    ),
    ActionId.ROOM_CLOSE: ActionSpec(
        "Close the roo&m", "Stop listening; phones are told", when="room_open"
    ),
    ActionId.ROOM_CODE: ActionSpec(
        "Show the &join code",
        "Show or hide the QR code phones join with (F6)",
        ("F6",),
        True,
        when="room_open",
    ),
    ActionId.LEGEND: ActionSpec("&Legend", "What card colours and badges mean", ("Ctrl+L",), True),
    ActionId.SHORTCUTS: ActionSpec(
        "&Keyboard shortcuts", "Every key in a list", ("F1",), **_ALWAYS
    ),
    ActionId.ABOUT: ActionSpec("&About TrustBoard", "Version and licence", **_ALWAYS),
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
    # The board makes its own QActions of these keys, so a board works without a window.
    ActionId.EDIT_CARD_KEY: _key(
        "Edit card text", "Edit the selected card", ("F2", "Return", "Enter"), **_EDIT_SELECTED
    ),
    ActionId.AXIS_ADD: _editor_key("Add", "Add a row or column after this one", "Ins"),
    ActionId.AXIS_REMOVE: _editor_key("Remove", "Remove this row or column", SK.Delete),
    ActionId.AXIS_RENAME: _editor_key("Rename", "Rename this row or column", "F2"),
    ActionId.AXIS_UP: _editor_key("Move up", "Move this row or column up", "Ctrl+Up"),
    ActionId.AXIS_DOWN: _editor_key("Move down", "Move this row or column down", "Ctrl+Down"),
    **{
        action_id: _panel_key(
            f"Customer score {n}",
            f"Add a customers' score of {n} to the cell",
            (f"Shift+{n}", f"Shift+{_SHIFTED[n]}"),
        )
        for n, action_id in enumerate(CUSTOMER_SCORE_KEYS)
    },
    ActionId.TAKE_BACK_CUSTOMER_SCORE: _panel_key(
        "Take back a customer score", "Take back the last customers' score", ("Shift+Backspace",)
    ),
    **{
        action_id: ActionSpec(
            f"Card kind {n}",
            f"Make the selected cards the framework's kind number {n}",
            (f"Alt+{n}",),
            checkable=True,
            board=True,
            **_EDIT_SELECTED,
        )
        for n, action_id in enumerate(KIND_KEYS, start=1)
    },
    ActionId.LEAVE_PRESENTER: ActionSpec(
        "Leave presenter mode",
        "Back to the window",
        ("Esc",),
        when="presenting",
        menu=False,
        context=Qt.ShortcutContext.ApplicationShortcut,
    ),
}

# Keys a menu, a panel or an editor makes its own actions of, not the window.
PANEL_KEYS = (*KIND_KEYS, *CUSTOMER_SCORE_KEYS, ActionId.TAKE_BACK_CUSTOMER_SCORE, *EDITOR_KEYS)
# Keys the board view makes its own actions of (in no menu; see BoardView).
VIEW_KEYS = tuple(i for i in ActionId if SPECS[i].board and not SPECS[i].menu)
