"""Every command of the window in one registry: text, tooltip, shortcut and object name.

Menus, the toolbar and presenter mode are assembled from these; nothing else creates
QActions, so a shortcut or a label is changed in one place.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QWidget

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


@dataclass(frozen=True)
class ActionSpec:
    text: str
    tip: str
    keys: tuple[QKeySequence.StandardKey | str, ...] = ()
    checkable: bool = False


SPECS: dict[ActionId, ActionSpec] = {
    ActionId.NEW: ActionSpec("&New workshop…", "Start a workshop from a template", (SK.New,)),
    ActionId.OPEN: ActionSpec("&Open…", "Open a workshop file", (SK.Open,)),
    ActionId.SAVE_AS: ActionSpec("Save &As…", "Continue in a new file", (SK.SaveAs,)),
    ActionId.SAVE_COPY: ActionSpec("Save a &Copy…", "Write a copy and keep working here"),
    ActionId.EXPORT_PDF: ActionSpec(
        "&Export PDF…", "Write the summary or the full report as a PDF", ("Ctrl+E",)
    ),
    ActionId.EMAIL_PDF: ActionSpec("E&mail PDF…", "Export, then hand the PDF to your mail client"),
    ActionId.CLOSE: ActionSpec("&Close workshop", "Back to the start screen", (SK.Close,)),
    ActionId.QUIT: ActionSpec(
        "&Quit", "Quit TrustBoard (everything is saved)", (SK.Quit, "Ctrl+Q")
    ),
    ActionId.UNDO: ActionSpec("&Undo", "Undo the last change", (SK.Undo,)),
    ActionId.REDO: ActionSpec("&Redo", "Redo the change you undid", (SK.Redo,)),
    ActionId.CUT: ActionSpec("Cu&t", "Cut the selected cards", (SK.Cut,)),
    ActionId.COPY: ActionSpec("&Copy", "Copy the selected cards", (SK.Copy,)),
    ActionId.PASTE: ActionSpec("&Paste", "Paste cards into the current cell", (SK.Paste,)),
    ActionId.DUPLICATE: ActionSpec("D&uplicate", "Duplicate the selected cards", ("Ctrl+D",)),
    ActionId.DELETE: ActionSpec("&Delete", "Delete the selected cards", (SK.Delete,)),
    ActionId.SELECT_ALL: ActionSpec("Select &All", "Select every card shown", (SK.SelectAll,)),
    ActionId.ADD_CARD: ActionSpec("&Add card", "Add a card to the current cell (N)", ("N",)),
    ActionId.EDIT_CARD: ActionSpec(
        "&Edit card text", "Edit the selected card (F2 or Enter)", ("F2",)
    ),
    ActionId.PROMOTE: ActionSpec(
        "Make an ac&tion…", "Give the card an owner, a due date and a status", ("Ctrl+T",)
    ),
    ActionId.VOTE_UP: ActionSpec(
        "&Vote for card", "Add a dot vote to the selected cards", ("V", "+")
    ),
    ActionId.VOTE_DOWN: ActionSpec("Remove a vo&te", "Take a dot vote back", ("Shift+V", "-")),
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
        "&High contrast", "Black on white, for washed-out projectors", ("Ctrl+Shift+H",), True
    ),
    ActionId.PRESENT_ANONYMOUS: ActionSpec(
        "Hide authors when presenting", "No author initials on the projector", (), True
    ),
    ActionId.TIMER_TOGGLE: ActionSpec(
        "Start/pause &timer", "Start or pause the timebox", ("Ctrl+Shift+Space",)
    ),
    ActionId.TIMER_RESET: ActionSpec("&Reset timer", "Reset the timebox", ("Ctrl+Shift+R",)),
    ActionId.TIMER_PER_CELL: ActionSpec(
        "Timebox &each cell", "Start the timebox afresh whenever you move to another cell", (), True
    ),
    ActionId.TIMER_SET: ActionSpec("Set time&box…", "How many minutes each cell or step gets"),
    ActionId.DETAILS: ActionSpec(
        "Workshop &details…", "Title, organisation, date, participants, anonymity"
    ),
    ActionId.EDIT_FRAMEWORK: ActionSpec(
        "Edit &framework…", "Rename, add, remove or reorder rows and columns"
    ),
    ActionId.VOTING: ActionSpec("Dot &voting", "Run a dot-voting round", ("Ctrl+Shift+V",), True),
    ActionId.ACTIONS: ActionSpec("Action &plan", "Show the action plan", ("Ctrl+Shift+P",), True),
    ActionId.SIDE_PANEL: ActionSpec(
        "Cell &panel", "Show the cell's questions and ratings", ("Ctrl+Shift+L",), True
    ),
    ActionId.CHARTS: ActionSpec(
        "C&harts…", "Ratings, gaps, perception gaps and trends as charts", ("Ctrl+Shift+G",)
    ),
    ActionId.KPIS: ActionSpec(
        "&KPIs", "Enter this round's business measures", ("Ctrl+Shift+K",), True
    ),
    ActionId.ROUNDS: ActionSpec("&Rounds…", "See, compare and browse this workshop's rounds"),
    ActionId.NEW_ROUND: ActionSpec(
        "Start a &new round…",
        "Next quarter: start a new round; targets and open actions carry over",
    ),
    ActionId.CURRENT_ROUND: ActionSpec(
        "Back to the &current round", "Leave the earlier round you are browsing"
    ),
    ActionId.IMPORT_RATINGS: ActionSpec(
        "Import survey &ratings…", "Add scores and comments from a survey CSV"
    ),
}


def build_actions(parent: QWidget) -> dict[ActionId, QAction]:
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
        actions[action_id] = action
    return actions
