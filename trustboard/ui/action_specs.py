"""The action registry's data: one id and one spec (text, tooltip, keys, when it can run)
for every command of the window, the board's keys and the editors' keys."""

from __future__ import annotations

from dataclasses import dataclass, replace

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence

from trustboard.i18n import N_, _
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
    number: int | None = None  # fills "{n}" in the text and the tip (score keys, kinds)

    def label(self) -> str:
        """The text in the interface language (marked with N_ above, translated here)."""
        return self._fill(_(self.text))

    def tooltip(self) -> str:
        return self._fill(_(self.tip))

    def _fill(self, text: str) -> str:
        return text if self.number is None else text.format(n=self.number)


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
        N_("&New workshop…"), N_("Start a workshop from a template"), (SK.New,), **_ALWAYS
    ),
    ActionId.OPEN: ActionSpec(N_("&Open…"), N_("Open a workshop file"), (SK.Open,), **_ALWAYS),
    ActionId.SAVE_AS: ActionSpec(N_("Save &As…"), N_("Continue in a new file"), (SK.SaveAs,)),
    ActionId.SAVE_COPY: ActionSpec(N_("Save a &Copy…"), N_("Write a copy and keep working here")),
    ActionId.EXPORT_PDF: ActionSpec(
        N_("&Export…"),
        N_("Write a PDF, slides, a spreadsheet, a CSV or a picture of the board"),
        ("Ctrl+E",),
    ),
    ActionId.EMAIL_PDF: ActionSpec(N_("Export and e&mail…"), N_("Export, then mail the file")),
    ActionId.CLOSE: ActionSpec(N_("&Close workshop"), N_("Back to the start screen"), (SK.Close,)),
    ActionId.QUIT: ActionSpec(
        N_("&Quit"), N_("Quit TrustBoard (everything is saved)"), (SK.Quit, "Ctrl+Q"), **_ALWAYS
    ),
    ActionId.UNDO: ActionSpec(N_("&Undo"), N_("Undo the last change"), (SK.Undo,), when="can_undo"),
    ActionId.REDO: ActionSpec(
        N_("&Redo"), N_("Redo the change you undid"), (SK.Redo,), when="can_redo"
    ),
    ActionId.CUT: ActionSpec(N_("Cu&t"), N_("Cut the selected cards"), (SK.Cut,), **_EDIT_SELECTED),
    ActionId.COPY: ActionSpec(
        N_("&Copy"), N_("Copy the selected cards"), (SK.Copy,), needs_selection=True
    ),
    ActionId.PASTE: ActionSpec(
        N_("&Paste"), N_("Paste cards into the current cell"), (SK.Paste,), **_EDIT
    ),
    ActionId.DUPLICATE: ActionSpec(
        N_("D&uplicate"), N_("Duplicate the selected cards"), ("Ctrl+D",), **_EDIT_SELECTED
    ),
    ActionId.DELETE: ActionSpec(
        N_("&Delete"), N_("Delete the selected cards"), (SK.Delete,), board=True, **_EDIT_SELECTED
    ),
    ActionId.SELECT_ALL: ActionSpec(
        N_("Select &All"), N_("Select every card shown"), (SK.SelectAll,)
    ),
    ActionId.ADD_CARD: ActionSpec(
        N_("&Add card"), N_("Add a card to the current cell (N)"), ("N",), board=True, **_EDIT
    ),
    ActionId.EDIT_CARD: ActionSpec(
        N_("&Edit card text"),
        N_("Edit the selected card (F2 or Enter)"),
        (),  # F2 and Enter are the board's own keys (EDIT_CARD_KEY)
        board=True,
        **_EDIT_SELECTED,
    ),
    ActionId.PROMOTE: ActionSpec(
        N_("Make an ac&tion…"),
        N_("Give the card an owner, a due date and a status"),
        ("Ctrl+T",),
        **_EDIT_SELECTED,
    ),
    ActionId.SET_AUTHOR: ActionSpec(
        N_("Set aut&hor…"), N_("Who wrote the cards"), **_EDIT_SELECTED
    ),
    ActionId.VOTE_UP: ActionSpec(
        N_("&Vote for card"),
        N_("Add a dot vote to the selected cards"),
        ("V", "+"),
        board=True,
        **_EDIT_SELECTED,
    ),
    ActionId.VOTE_DOWN: ActionSpec(
        N_("Remove a vo&te"),
        N_("Take a dot vote back"),
        ("Shift+V", "-"),
        board=True,
        **_EDIT_SELECTED,
    ),
    ActionId.ZOOM_IN: ActionSpec(N_("Zoom &in"), N_("Zoom in (Ctrl+wheel)"), (SK.ZoomIn, "Ctrl+=")),
    ActionId.ZOOM_OUT: ActionSpec(N_("Zoom &out"), N_("Zoom out (Ctrl+wheel)"), (SK.ZoomOut,)),
    ActionId.FIT_ALL: ActionSpec(N_("&Fit board"), N_("Show the whole grid"), ("Ctrl+0",)),
    ActionId.FIT_CELL: ActionSpec(N_("Focus &cell"), N_("Zoom to the current cell"), ("Ctrl+1",)),
    ActionId.LAYER_AS_IS: ActionSpec(
        N_("&As-is"), N_("Show how things are today"), ("Ctrl+Shift+A",), True
    ),
    ActionId.LAYER_TO_BE: ActionSpec(
        N_("&To-be"), N_("Show where we want to be"), ("Ctrl+Shift+T",), True
    ),
    ActionId.LAYER_BOTH: ActionSpec(
        N_("&Side by side"), N_("As-is and to-be next to each other"), ("Ctrl+Shift+B",), True
    ),
    ActionId.PERSPECTIVE_SELF: ActionSpec(
        N_("&Our view"), N_("Tint cells by how we rate ourselves"), ("Ctrl+Shift+W",), True
    ),
    ActionId.PERSPECTIVE_CUSTOMER: ActionSpec(
        N_("&Customers' view"), N_("Tint cells by how customers rate us"), ("Ctrl+Shift+C",), True
    ),
    ActionId.NEXT_CELL: ActionSpec(
        N_("&Next cell"), N_("Walk to the next cell of the grid"), ("Ctrl+]", "Ctrl+Right")
    ),
    ActionId.PREVIOUS_CELL: ActionSpec(
        N_("&Previous cell"), N_("Walk back one cell"), ("Ctrl+[", "Ctrl+Left")
    ),
    ActionId.PRESENTER: ActionSpec(
        N_("&Presenter mode"), N_("Full screen for the projector (Esc leaves)"), ("F5",), True
    ),
    ActionId.HIGH_CONTRAST: ActionSpec(
        N_("&High contrast"),
        N_("Black on white, for washed-out projectors"),
        ("Ctrl+Shift+H",),
        True,
        **_ALWAYS,
    ),
    ActionId.PRESENT_ANONYMOUS: ActionSpec(
        N_("Hide authors when presenting"),
        N_("No author initials on the projector"),
        (),
        True,
        **_ALWAYS,
    ),
    ActionId.TIMER_TOGGLE: ActionSpec(
        N_("Start/pause &timer"), N_("Start or pause the timebox"), ("Ctrl+Shift+Space",)
    ),
    ActionId.TIMER_RESET: ActionSpec(
        N_("&Reset timer"), N_("Reset the timebox"), ("Ctrl+Shift+R",)
    ),
    ActionId.TIMER_PER_CELL: ActionSpec(
        N_("Timebox &each cell"),
        N_("Start the timebox afresh whenever you move to another cell"),
        (),
        True,
        **_ALWAYS,
    ),
    ActionId.TIMER_SET: ActionSpec(
        N_("Set time&box…"), N_("How many minutes each cell or step gets")
    ),
    ActionId.DETAILS: ActionSpec(
        N_("Workshop &details…"), N_("Title, organisation, date, participants, anonymity"), **_EDIT
    ),
    ActionId.EDIT_FRAMEWORK: ActionSpec(
        N_("Edit &framework…"), N_("Rename, add, remove or reorder rows and columns"), **_EDIT
    ),
    ActionId.VOTING: ActionSpec(
        N_("Dot &voting"), N_("Run a dot-voting round"), ("Ctrl+Shift+V",), True, **_ALWAYS
    ),
    ActionId.ACTIONS: ActionSpec(
        N_("Action &plan"), N_("Show the action plan"), ("Ctrl+Shift+P",), True, **_ALWAYS
    ),
    ActionId.SIDE_PANEL: ActionSpec(
        N_("Cell &panel"),
        N_("Show the cell's questions and ratings"),
        ("Ctrl+Shift+L",),
        True,
        **_ALWAYS,
    ),
    ActionId.CHARTS: ActionSpec(
        N_("C&harts…"), N_("Ratings, gaps, perception gaps and trends as charts"), ("Ctrl+Shift+G",)
    ),
    ActionId.KPIS: ActionSpec(
        N_("&KPIs"), N_("Enter this round's business measures"), ("Ctrl+Shift+K",), True, **_ALWAYS
    ),
    ActionId.ROUNDS: ActionSpec(
        N_("&Rounds…"), N_("See, compare and browse this workshop's rounds")
    ),
    ActionId.NEW_ROUND: ActionSpec(
        N_("Start a &new round…"),
        N_("Next quarter: start a new round; targets and open actions carry over"),
        when="writable_file",
    ),
    ActionId.CURRENT_ROUND: ActionSpec(
        N_("Back to the &current round"),
        N_("Leave the earlier round you are browsing"),
        when="browsing",
    ),
    ActionId.IMPORT_RATINGS: ActionSpec(
        N_("&Import…"),
        N_(
            "Bring in a survey, spreadsheet or board export (CSV, TSV, Excel): scores, "
            "comments, cards and KPIs"
        ),
        when="writable_file",
    ),
    # The room: phones join over the local network (trustboard/ui/room).
    ActionId.ROOM_OPEN: ActionSpec(
        N_("Open the &room…"),
        N_("Let the room join from their phones, no internet needed"),
        ("Ctrl+Shift+O",),
        when="can_open_room",
    ),
    ActionId.ROOM_CLOSE: ActionSpec(
        N_("Close the roo&m"), N_("Stop listening; phones are told"), when="room_open"
    ),
    ActionId.ROOM_CODE: ActionSpec(
        N_("Show the &join code"),
        N_("Show or hide the QR code phones join with (F6)"),
        ("F6",),
        True,
        when="room_open",
    ),
    ActionId.LEGEND: ActionSpec(
        N_("&Legend"), N_("What card colours and badges mean"), ("Ctrl+L",), True
    ),
    ActionId.SHORTCUTS: ActionSpec(
        N_("&Keyboard shortcuts"), N_("Every key in a list"), ("F1",), **_ALWAYS
    ),
    ActionId.ABOUT: ActionSpec(N_("&About TrustBoard"), N_("Version and licence"), **_ALWAYS),
    ActionId.CELL_LEFT: _key(N_("Cell to the left"), N_("Go to the cell on the left"), ("Left",)),
    ActionId.CELL_RIGHT: _key(
        N_("Cell to the right"), N_("Go to the cell on the right"), ("Right",)
    ),
    ActionId.CELL_UP: _key(N_("Cell above"), N_("Go to the cell above"), ("Up",)),
    ActionId.CELL_DOWN: _key(N_("Cell below"), N_("Go to the cell below"), ("Down",)),
    ActionId.CARRY_LEFT: _key(
        N_("Move cards left"),
        N_("Move the selected cards to the cell on the left"),
        ("Alt+Left",),
        **_EDIT,
    ),
    ActionId.CARRY_RIGHT: _key(
        N_("Move cards right"),
        N_("Move the selected cards to the cell on the right"),
        ("Alt+Right",),
        **_EDIT,
    ),
    ActionId.CARRY_UP: _key(
        N_("Move cards up"), N_("Move the selected cards to the cell above"), ("Alt+Up",), **_EDIT
    ),
    ActionId.CARRY_DOWN: _key(
        N_("Move cards down"),
        N_("Move the selected cards to the cell below"),
        ("Alt+Down",),
        **_EDIT,
    ),
    **{
        action_id: replace(
            _key(N_("Score {n}"), N_("Give the current cell a score of {n}"), (str(n),), **_EDIT),
            number=n,
        )
        for n, action_id in enumerate(SCORE_KEYS)
    },
    ActionId.TAKE_BACK_SCORE: _key(
        N_("Take back a score"),
        N_("Take back the current cell's last score"),
        ("Backspace",),
        **_EDIT,
    ),
    # Enter types into a card on the board only: in a panel's field it ends the field's edit.
    # The board makes its own QActions of these keys, so a board works without a window.
    ActionId.EDIT_CARD_KEY: _key(
        N_("Edit card text"),
        N_("Edit the selected card"),
        ("F2", "Return", "Enter"),
        **_EDIT_SELECTED,
    ),
    ActionId.AXIS_ADD: _editor_key(N_("Add"), N_("Add a row or column after this one"), "Ins"),
    ActionId.AXIS_REMOVE: _editor_key(N_("Remove"), N_("Remove this row or column"), SK.Delete),
    ActionId.AXIS_RENAME: _editor_key(N_("Rename"), N_("Rename this row or column"), "F2"),
    ActionId.AXIS_UP: _editor_key(N_("Move up"), N_("Move this row or column up"), "Ctrl+Up"),
    ActionId.AXIS_DOWN: _editor_key(
        N_("Move down"), N_("Move this row or column down"), "Ctrl+Down"
    ),
    **{
        action_id: replace(
            _panel_key(
                N_("Customer score {n}"),
                N_("Add a customers' score of {n} to the cell"),
                (f"Shift+{n}", f"Shift+{_SHIFTED[n]}"),
            ),
            number=n,
        )
        for n, action_id in enumerate(CUSTOMER_SCORE_KEYS)
    },
    ActionId.TAKE_BACK_CUSTOMER_SCORE: _panel_key(
        N_("Take back a customer score"),
        N_("Take back the last customers' score"),
        ("Shift+Backspace",),
    ),
    **{
        action_id: ActionSpec(
            N_("Card kind {n}"),
            N_("Make the selected cards the framework's kind number {n}"),
            (f"Alt+{n}",),
            number=n,
            checkable=True,
            board=True,
            **_EDIT_SELECTED,
        )
        for n, action_id in enumerate(KIND_KEYS, start=1)
    },
    ActionId.LEAVE_PRESENTER: ActionSpec(
        N_("Leave presenter mode"),
        N_("Back to the window"),
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
