"""The menu bar and the board toolbar, laid out as data over the action registry, and the
menus whose entries change: recent files, card kinds, undo history."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMainWindow, QMenu, QToolBar, QWidget

from trustboard.display import display_path
from trustboard.i18n import _, pgettext
from trustboard.services.settings import Settings
from trustboard.ui.actions import KIND_KEYS, ActionId, make_action
from trustboard.ui.text import literal_text, mnemonic_safe

if TYPE_CHECKING:
    from trustboard.ui.board.legend import BoardLegend
    from trustboard.ui.session import Session

A = ActionId
RECENT, KINDS, HISTORY = "recent", "kinds", "history"  # menus filled as they open
LANGUAGE = "language"  # the interface language (trustboard/ui/language_menu.py)
Entry = ActionId | str | None  # None: a separator
MENUS: tuple[tuple[str, tuple[Entry, ...]], ...] = (
    ("&File", (A.NEW, A.OPEN, RECENT, None, A.SAVE_AS, A.SAVE_COPY, None, A.IMPORT_RATINGS,
               A.EXPORT_PDF, A.EMAIL_PDF, None, A.CLOSE, A.QUIT)),
    ("&Edit", (A.UNDO, A.REDO, HISTORY, None, A.CUT, A.COPY, A.PASTE, A.DUPLICATE, A.DELETE,
               A.SELECT_ALL)),
    ("&Card", (A.ADD_CARD, A.EDIT_CARD, A.SET_AUTHOR, A.PROMOTE, KINDS, None, A.VOTE_UP,
               A.VOTE_DOWN, None, A.DUPLICATE, A.DELETE)),
    ("&View", (A.LAYER_AS_IS, A.LAYER_TO_BE, A.LAYER_BOTH, None, A.PERSPECTIVE_SELF,
               A.PERSPECTIVE_CUSTOMER, None, A.ZOOM_IN, A.ZOOM_OUT, A.FIT_ALL, A.FIT_CELL, None,
               A.SIDE_PANEL, A.VOTING, A.ACTIONS, A.KPIS, A.CHARTS, None, A.LEGEND,
               A.HIGH_CONTRAST, A.PRESENT_ANONYMOUS, A.PRESENTER, None, LANGUAGE)),
    ("&Workshop", (A.PREVIOUS_CELL, A.NEXT_CELL, None, A.TIMER_TOGGLE, A.TIMER_RESET,
                   A.TIMER_SET, A.TIMER_PER_CELL, None, A.NEW_ROUND, A.ROUNDS, A.CURRENT_ROUND,
                   None, A.DETAILS, A.EDIT_FRAMEWORK, None, A.ROOM_OPEN, A.ROOM_CLOSE,
                   A.ROOM_CODE)),
    ("&Help", (A.SHORTCUTS, None, A.ABOUT)),
)  # fmt: skip
TOOLBAR: tuple[ActionId | None, ...] = (
    A.ADD_CARD, A.UNDO, A.REDO, None, A.LAYER_AS_IS, A.LAYER_TO_BE, A.LAYER_BOTH, None,
    A.PERSPECTIVE_SELF, A.PERSPECTIVE_CUSTOMER, None, A.PREVIOUS_CELL, A.NEXT_CELL, None,
    A.FIT_ALL, A.PRESENTER, None, A.ROOM_OPEN, A.ROOM_CODE,
)  # fmt: skip


def menu_title(title: str) -> str:
    """The menu bar's title for the English `title` of MENUS, in the interface language."""
    return {
        "&File": pgettext("menu", "&File"),
        "&Edit": pgettext("menu", "&Edit"),
        "&Card": pgettext("menu", "&Card"),
        "&View": pgettext("menu", "&View"),
        "&Workshop": pgettext("menu", "&Workshop"),
        "&Help": pgettext("menu", "&Help"),
    }[title]


class Menus:
    """The window's menus; `kind_menu`, `recent_menu` and `history_menu` fill as they open."""

    def __init__(
        self,
        window: QMainWindow,
        actions: dict[ActionId, QAction],
        settings: Settings,
        open_file: Callable[[Path], object],
    ) -> None:
        self.settings = settings
        self.open_file = open_file
        self.session: Session | None = None
        self.selected: Callable[[], list[str]] = list
        self.set_kind: Callable[[str], None] = lambda _kind: None
        # Entries for the card under the pointer only (the room's moderation), made per click.
        self.extra_card_entries: Callable[[QMenu, list[str]], list[QAction]] = lambda m, i: []
        self.window = window
        self.legend: BoardLegend | None = None  # made with each workshop's board
        self.legend_action = actions[ActionId.LEGEND]
        self.legend_action.setChecked(True)  # the room reads the board by it
        self.legend_action.toggled.connect(lambda on: self.legend and self.legend.set_expanded(on))
        actions[ActionId.SHORTCUTS].triggered.connect(self.show_shortcuts)
        actions[ActionId.ABOUT].triggered.connect(self.show_about)
        bar = window.menuBar()
        for title, entries in MENUS:
            menu = bar.addMenu(menu_title(title))
            menu.setObjectName(f"menu{title.strip('&')}")
            for entry in entries:
                if entry is None:
                    menu.addSeparator()
                elif entry == RECENT:
                    self.recent_menu = menu.addMenu(_("Open &Recent"))
                    self.recent_menu.aboutToShow.connect(self.fill_recent)
                elif entry == KINDS:
                    self.kind_menu = menu.addMenu(_("Card &kind"))
                    self.kind_menu.setObjectName("menuCardKind")
                    self.kind_menu.aboutToShow.connect(self.fill_kinds)
                    self.card_menu = menu
                elif entry == HISTORY:
                    self.history_menu = menu.addMenu(_("&History"))
                    self.history_menu.aboutToShow.connect(self.fill_history)
                elif entry == LANGUAGE:
                    from trustboard.ui.language_menu import LanguageMenu

                    self.language_menu = LanguageMenu(menu, settings, window)
                else:
                    menu.addAction(actions[ActionId(entry)])

    def fill_recent(self) -> None:
        self.recent_menu.clear()
        for path in self.settings.existing_recent():
            act = self.recent_menu.addAction(mnemonic_safe(display_path(path)))
            act.triggered.connect(lambda _checked=False, p=path: self.open_file(p))
        if self.recent_menu.isEmpty():
            self.recent_menu.addAction(_("No recent workshops")).setEnabled(False)

    def show_session(
        self,
        session: Session | None,
        board: QWidget | None = None,
        selected: Callable[[], list[str]] = list,
        set_kind: Callable[[str], None] = lambda _kind: None,
    ) -> None:
        """One Card > Card kind entry per kind of this framework; Alt+1… work on the board."""
        self.session, self.selected, self.set_kind = session, selected, set_kind
        for act in self.kind_menu.actions():
            act.deleteLater()  # the board shows them too, so clear() alone would keep them
        self.kind_menu.clear()
        self.legend = None  # it went with the board
        if session is None:
            return
        if board is not None and hasattr(board, "viewport"):  # the board's view
            from trustboard.ui.board.legend import BoardLegend

            self.legend = BoardLegend(board, session, expanded=self.legend_action.isChecked())
        kinds = session.framework.card_kinds
        for n, kind in enumerate(kinds, start=1):
            # The first nine take their keys (Alt+1…) from the registry; they work on the board.
            act = (
                make_action(KIND_KEYS[n - 1], self.kind_menu) if n <= 9 else QAction(self.kind_menu)
            )
            act.setText(mnemonic_safe(kind.name))
            act.setObjectName(f"action_kind_{kind.id}")
            act.setToolTip(
                literal_text(_("Make the selected cards “{kind}” cards").format(kind=kind.name))
            )
            act.setCheckable(True)
            act.setData(kind.id)
            act.triggered.connect(lambda _checked=False, k=kind.id: self.set_kind(k))
            self.kind_menu.addAction(act)
            if board is not None and n <= 9:
                board.addAction(act)

    def fill_kinds(self) -> None:
        """Tick the kind the selected cards share; kinds need a selection."""
        session = self.session
        ids = self.selected()
        kinds = {session.round.cards[i].kind for i in ids} if session else set()
        for act in self.kind_menu.actions():
            act.setChecked(kinds == {act.data()})
            act.setEnabled(bool(ids) and session is not None and not session.read_only)

    def fill_history(self) -> None:
        self.history_menu.clear()
        if self.session is None:
            return
        stack = self.session.undo_stack
        for i in range(stack.count()):
            act = self.history_menu.addAction(mnemonic_safe(stack.text(i)))
            act.setCheckable(True)
            act.setChecked(i == stack.index() - 1)
            act.triggered.connect(lambda _checked=False, n=i + 1: stack.setIndex(n))

    def show_shortcuts(self) -> None:
        from trustboard.ui.dialogs.shortcuts_dialog import ShortcutsDialog

        self.help_dialog: QWidget = ShortcutsDialog(self.window)
        self.help_dialog.show()

    def show_about(self) -> None:
        from trustboard.ui.dialogs.about_dialog import AboutDialog

        self.help_dialog = AboutDialog(self.window)
        self.help_dialog.show()

    def card_context_menu(self, global_pos: object) -> None:
        """Right-click on the board: the Card menu, where the pointer is."""
        self.fill_kinds()
        extra = self.extra_card_entries(self.card_menu, self.selected())
        separator = self.card_menu.addSeparator() if extra else None
        self.card_menu.addActions(extra)
        try:
            self.card_menu.exec(global_pos)  # type: ignore[call-overload]
        finally:
            for act in [*extra, *([separator] if separator else [])]:
                self.card_menu.removeAction(act)
                act.deleteLater()


def build_toolbar(
    window: QMainWindow, actions: dict[ActionId, QAction], extra: QWidget
) -> QToolBar:
    tb = QToolBar(_("Board"), window)
    tb.setObjectName("boardToolbar")
    tb.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
    # The timebox and agenda first: on a narrow screen the toolbar's tail folds into its
    # "more" menu, and the room must always see the time (the tail is in the menus too).
    tb.addWidget(extra)
    tb.addSeparator()
    for entry in TOOLBAR:
        if entry is None:
            tb.addSeparator()
        else:
            tb.addAction(actions[entry])
    window.addToolBar(tb)
    tb.hide()  # board tools and the timebox: shown with a workshop, not on the start screen
    return tb
