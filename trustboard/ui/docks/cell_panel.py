"""The side panel for the selected cell: what it means, how the room rates it, and its questions."""

from __future__ import annotations

import itertools

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from trustboard.document import Change
from trustboard.domain.framework import Axis, Cell
from trustboard.i18n import N_, _
from trustboard.ui.docks.questions_box import QuestionsBox
from trustboard.ui.docks.rating_box import RatingBox
from trustboard.ui.session import Session
from trustboard.ui.text import BODY_PX, CAPTION_PX, TITLE_PX, plain_label, set_pixel_size

PLACEHOLDER_TEXT = N_("Select a cell on the board")
_REBUILD = {"framework", "rounds"}  # names, questions or the whole round may have changed


def axis_caption(kind: str, axis: Axis) -> str:
    if axis.group:
        # Translators: e.g. "Trust element: Competence (ability)"; the names are the framework's.
        return _("{kind}: {name} ({group})").format(kind=kind, name=axis.name, group=axis.group)
    return _("{kind}: {name}").format(kind=kind, name=axis.name)


class CellPanel(QWidget):
    """Follows the session's current cell; every edit goes through the session and comes back
    through its signals, so undo, the board and this panel always agree."""

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.cell: Cell | None = None
        self.setObjectName("cellPanel")
        self.setAccessibleName(_("Cell panel"))
        set_pixel_size(self, BODY_PX)  # children inherit it: readable on a projector
        self._init_navigation()
        self._init_body()
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(0)
        outer.addWidget(self.nav_bar)
        outer.addWidget(self.scroll_area, 1)
        # The dock may not squeeze the panel below what its rows need: clipped buttons
        # and cut-off histograms are worse than a narrower board.
        content = self.scroll_area.widget().minimumSizeHint().width()
        scrollbar = self.scroll_area.verticalScrollBar().sizeHint().width()
        self.setMinimumWidth(max(self.nav_bar.minimumSizeHint().width(), content + scrollbar))
        session.current_cell_changed.connect(self._on_cell_changed)
        session.changed.connect(self._on_changed)
        session.view_changed.connect(self._on_view_changed)
        session.viewed_round_changed.connect(self._on_round_viewed)
        self.show_cell(session.current_cell)

    # -- construction ----------------------------------------------------------------

    def _init_navigation(self) -> None:
        self.nav_bar = QWidget(self)
        self.nav_bar.setObjectName("cellNavigation")
        row = QHBoxLayout(self.nav_bar)
        row.setContentsMargins(8, 6, 8, 6)
        self.prev_button = QPushButton(_("◀ Previous cell"), self.nav_bar)
        self.prev_button.setObjectName("previousCellButton")
        self.prev_button.setAccessibleName(_("Previous cell"))
        self.prev_button.setToolTip(_("Walk back one cell of the grid (Ctrl+[)"))
        self.prev_button.clicked.connect(lambda: self.session.step_cell(-1))
        self.position_label = plain_label("", CAPTION_PX, name="cellPosition")
        self.position_label.setWordWrap(False)
        self.position_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.next_button = QPushButton(_("Next cell ▶"), self.nav_bar)
        self.next_button.setObjectName("nextCellButton")
        self.next_button.setAccessibleName(_("Next cell"))
        self.next_button.setToolTip(_("Walk on to the next cell of the grid (Ctrl+])"))
        if self.layoutDirection() == Qt.LayoutDirection.RightToLeft:
            # The arrows point the way the walk goes on screen: backwards is to the right.
            self.prev_button.setText(self.prev_button.text().replace("◀", "▶"))
            self.next_button.setText(self.next_button.text().replace("▶", "◀"))
        self.next_button.clicked.connect(lambda: self.session.step_cell(+1))
        row.addWidget(self.prev_button)
        row.addWidget(self.position_label, 1)
        row.addWidget(self.next_button)

    def _init_body(self) -> None:
        self.scroll_area = QScrollArea(self)
        self.scroll_area.setObjectName("cellPanelScroll")
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        # Not a tab stop of its own: tabbing to a field already scrolls it into view.
        self.scroll_area.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        content = QWidget()
        content.setObjectName("cellPanelContent")
        layout = QVBoxLayout(content)
        layout.setContentsMargins(12, 8, 12, 12)
        layout.setSpacing(10)

        self.read_only_label = plain_label("", BODY_PX, bold=True, name="readOnlyReason")
        self.read_only_label.setStyleSheet(
            "background: #e6e6e6; color: #000000; padding: 6px 8px; border-radius: 4px;"
        )
        self._show_read_only()
        layout.addWidget(self.read_only_label)
        self.placeholder = plain_label(_(PLACEHOLDER_TEXT), TITLE_PX, name="cellPlaceholder")
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(self.placeholder)

        self.body = QWidget(content)
        body = QVBoxLayout(self.body)
        body.setContentsMargins(0, 0, 0, 0)
        body.setSpacing(10)
        self.title_label = plain_label("", TITLE_PX, bold=True, name="cellTitle")
        self.element_caption = plain_label("", CAPTION_PX, bold=True, name="elementCaption")
        self.element_definition = plain_label("", BODY_PX, name="elementDefinition")
        self.domain_caption = plain_label("", CAPTION_PX, bold=True, name="domainCaption")
        self.domain_definition = plain_label("", BODY_PX, name="domainDefinition")
        self.rating_box = RatingBox(self.session, self.body)
        self.questions_box = QuestionsBox(self.session, self.body)
        self.questions_box.caret_moved.connect(self._keep_caret_visible)
        for widget in (self.title_label, self.element_caption,
                       self.element_definition, self.domain_caption, self.domain_definition,
                       _rule(), self.rating_box, _rule(), self.questions_box):  # fmt: skip
            body.addWidget(widget)
        layout.addWidget(self.body)
        layout.addStretch(1)
        self.scroll_area.setWidget(content)

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt override
        return QSize(max(440, self.minimumWidth()), 720)  # the dock starts readable

    # -- following the session -------------------------------------------------------

    def show_cell(self, cell: Cell | None) -> None:
        """Show `cell` (or the placeholder); the session's current cell is the usual source."""
        framework = self.session.framework
        if cell is not None and not framework.has_cell(cell):
            cell = None  # e.g. its row was removed in the framework editor
        if cell != self.cell:
            self.session.break_merge()  # a typing run never spans two cells
        self.cell = cell
        cells = list(framework.cells())
        self.placeholder.setVisible(cell is None)
        self.body.setVisible(cell is not None)
        self.position_label.setText(
            _("Cell {number} of {count}").format(number=cells.index(cell) + 1, count=len(cells))
            if cell is not None
            else ""
        )
        self.position_label.setAccessibleName(self.position_label.text())
        if cell is None:
            return
        element, domain = framework.element(cell[0]), framework.domain(cell[1])
        self.title_label.setText(f"{element.name} × {domain.name}")
        self.element_caption.setText(axis_caption(framework.element_label, element))
        self.element_definition.setText(element.definition)
        self.element_definition.setVisible(bool(element.definition))
        self.domain_caption.setText(axis_caption(framework.domain_label, domain))
        self.domain_definition.setText(domain.definition)
        self.domain_definition.setVisible(bool(domain.definition))
        self.rating_box.refresh(cell)
        self.questions_box.set_cell(cell)
        self._fix_tab_order()

    def _on_cell_changed(self, cell: Cell | None) -> None:
        self.show_cell(cell)
        self.scroll_area.verticalScrollBar().setValue(0)

    def _on_changed(self, change: Change) -> None:
        if change.what in _REBUILD:
            self.show_cell(self.session.current_cell)
            return
        if self.cell is None or change.round_id != self.session.round.id:
            return
        if change.what == "rating" and self.cell in change.ids:
            self.rating_box.refresh(self.cell)
        elif change.what == "answer" and self.cell in change.ids:
            self.questions_box.refresh()

    def _show_read_only(self) -> None:
        self.read_only_label.setVisible(self.session.read_only)
        self.read_only_label.setText(
            _("Read-only: {reason}. Scores and answers can't be changed.").format(
                reason=self.session.read_only_reason
            )
        )
        self.read_only_label.setAccessibleName(self.read_only_label.text())

    def _on_round_viewed(self) -> None:
        """Another round on the board: its scores and answers, read-only unless current."""
        self._show_read_only()
        self.show_cell(self.cell)

    def _on_view_changed(self) -> None:
        if self.cell is not None:
            self.rating_box.refresh(self.cell)

    def _fix_tab_order(self) -> None:
        """Tab walks the panel top to bottom, whichever order the rows were built in."""
        chain = [self.prev_button, self.next_button, *self.rating_box.focus_chain(),
                 *self.questions_box.focus_chain()]  # fmt: skip
        for first, second in itertools.pairwise(chain):
            QWidget.setTabOrder(first, second)

    def _keep_caret_visible(self, editor: QWidget) -> None:
        if not isinstance(editor, QPlainTextEdit) or not editor.hasFocus():
            return
        rect = editor.cursorRect()
        content = self.scroll_area.widget()
        point = editor.viewport().mapTo(content, rect.center())
        self.scroll_area.ensureVisible(point.x(), point.y(), 0, rect.height() + 16)


def _rule() -> QFrame:
    line = QFrame()
    line.setFrameShape(QFrame.Shape.HLine)
    line.setFrameShadow(QFrame.Shadow.Sunken)
    return line
