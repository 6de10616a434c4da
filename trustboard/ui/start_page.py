"""The start screen: pick a template and describe the workshop, or reopen a recent file."""

from __future__ import annotations

import itertools
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QDate, QEvent, Qt, QTimer, Signal
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDateEdit,
    QFormLayout,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from trustboard.display import display_text
from trustboard.i18n import _
from trustboard.paths import UserPaths
from trustboard.services.settings import Settings
from trustboard.ui.grid_preview import GridPreview
from trustboard.ui.recent_list import RecentList
from trustboard.ui.start_parts import (
    FitContent,
    big_button,
    buddy,
    line_edit,
    problems_text,
    short_scroll,
    source_text,
    template_entry,
)
from trustboard.ui.text import plain_label, plain_tooltip

if TYPE_CHECKING:  # loaded with the templates, after the first paint
    from trustboard.frameworks.templates import Template, TemplateError

BODY_PX = 16  # read from the back of a meeting room; never below 14 px
HEADER_PX = 30
_DATA = Qt.ItemDataRole.UserRole
DEFAULT_TEMPLATE = "rtx-trust-framework"  # the flagship framework is selected first
ABOUT_LINES = 6  # of a template's description before it scrolls
MAX_PROBLEMS_SHOWN = 8  # a folder of broken templates must not push the form off the screen


class StartPage(QWidget):
    """What the facilitator sees before a workshop is open.

    Signals:
        new_requested((template, details)): one tuple; details holds title, organisation,
            facilitator (str), participants (list[str]) and date (datetime.date).
        open_requested(path), open_file_dialog_requested(), demo_requested().
        recent_changed(): the recent list in `settings` was edited (and saved) here.
    """

    new_requested = Signal(object)  # (Template, dict): see the class doc
    open_requested = Signal(object)
    open_file_dialog_requested = Signal()
    demo_requested = Signal()
    recent_changed = Signal()

    def __init__(self, paths: UserPaths, settings: Settings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("startPage")
        self.setAccessibleName(_("Start page"))
        self.paths = paths
        self.settings = settings
        self.templates: list[Template] = []
        self.template_errors: list[TemplateError] = []
        self._default_title = ""
        font = QFont(self.font())
        font.setPixelSize(max(BODY_PX, font.pixelSize()))
        self.setFont(font)

        self._init_widgets()
        self._init_layout()
        self._init_tab_order()
        self._init_connections()
        # Templates are read just after the first paint: the window appears at once and
        # the list fills a moment later. Anything that needs them loads them first.
        self.templates_loaded = False
        QTimer.singleShot(0, self.ensure_templates)
        self.refresh_recent()

    # -- construction ----------------------------------------------------------------

    def _init_widgets(self) -> None:
        self.header = plain_label(_("TrustBoard — run a trust workshop"))
        self.header.setObjectName("startHeader")
        self.header.setAccessibleName(self.header.text())
        header_font = QFont(self.font())
        header_font.setPixelSize(HEADER_PX)
        header_font.setBold(True)
        self.header.setFont(header_font)
        self.subheader = plain_label(
            _("Start a new workshop from a framework, or carry on with one you already have.")
        )

        self.template_list = QListWidget()
        self.template_list.setObjectName("templateList")
        self.template_list.setAccessibleName(_("Templates"))
        self.template_list.setToolTip(_("The frameworks you can start a workshop from"))
        self.template_list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.template_list.setWordWrap(True)
        self.template_list.setSpacing(2)

        self.preview_description = plain_label()
        self.preview_description.setObjectName("templateDescription")
        self.preview_description.setAccessibleName(_("Template description"))
        self.preview_source = plain_label()
        self.preview_source.setObjectName("templateSource")
        self.preview_source.setAccessibleName(_("Template source"))
        self.preview_grid = GridPreview()

        self.template_errors_icon = QLabel()  # its warning sign is drawn with the first problem
        self.template_errors_label = plain_label()
        self.template_errors_label.setObjectName("templateErrors")
        self.template_errors_label.setAccessibleName(_("Template problems"))
        self.template_errors_box = QFrame()
        self.template_errors_box.setObjectName("templateErrorsBox")
        self.template_errors_box.setFrameShape(QFrame.Shape.StyledPanel)

        self.title_edit = line_edit("titleEdit", _("Workshop title"), _("Shown on the board"))
        self.organisation_edit = line_edit(
            "organisationEdit", _("Organisation"), _("The organisation being assessed")
        )
        self.facilitator_edit = line_edit(
            "facilitatorEdit", _("Facilitator"), _("Who runs the session")
        )
        self.date_edit = QDateEdit(QDate.currentDate())
        self.date_edit.setObjectName("dateEdit")
        self.date_edit.setAccessibleName(_("Workshop date"))
        self.date_edit.setToolTip(_("The day of the session"))
        self.date_edit.setCalendarPopup(True)
        self.participants_edit = QPlainTextEdit()
        self.participants_edit.setObjectName("participantsEdit")
        self.participants_edit.setAccessibleName(_("Participants, one per line"))
        self.participants_edit.setToolTip(_("One name per line; you can add more later"))
        self.participants_edit.setPlaceholderText(_("One name per line"))
        self.participants_edit.setTabChangesFocus(True)
        self.participants_edit.setMinimumHeight(100)

        self.create_button = big_button(
            "createButton",
            _("&Create workshop…"),
            _("Create the workshop and choose where to save it"),
        )

        self.recent_list = RecentList(self.settings)
        self.recent_status = self.recent_list.status
        self.recent_list.open_requested.connect(self.open_requested)
        self.recent_list.recent_changed.connect(self.recent_changed)

        self.open_button = big_button(
            "openFileButton",
            _("&Open a workshop file…"),
            _("Choose a .trustboard file to open"),
        )
        self.demo_button = big_button(
            "demoButton",
            _("Open the demo wor&kshop"),
            _("A sample workshop two rounds in, to try TrustBoard out"),
        )

    def _init_layout(self) -> None:
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        form.addRow(buddy(_("T&itle"), self.title_edit), self.title_edit)
        form.addRow(buddy(_("Or&ganisation"), self.organisation_edit), self.organisation_edit)
        form.addRow(buddy(_("F&acilitator"), self.facilitator_edit), self.facilitator_edit)
        form.addRow(buddy(_("&Date"), self.date_edit), self.date_edit)
        participants = QVBoxLayout()
        participants.addWidget(buddy(_("&Participants (one per line)"), self.participants_edit))
        participants.addWidget(self.participants_edit, 1)

        errors = QHBoxLayout(self.template_errors_box)
        errors.addWidget(self.template_errors_icon, 0, Qt.AlignmentFlag.AlignTop)
        errors.addWidget(self.template_errors_label, 1)

        create_row = QHBoxLayout()
        create_row.addStretch(1)
        create_row.addWidget(self.create_button)

        # Left: the templates and the selected one's grid; right: what it is, and the details.
        new_box = QGroupBox(_("Start a new workshop"))
        new_box.setObjectName("newWorkshopBox")
        grid = QGridLayout(new_box)
        grid.addWidget(buddy(_("Te&mplates"), self.template_list), 0, 0)
        grid.addWidget(self.template_list, 1, 0, 2, 1)
        grid.addWidget(self.preview_grid, 3, 0, 2, 1)
        grid.addWidget(self.template_errors_box, 5, 0)
        # A long description scrolls within a few lines rather than push "Create
        # workshop…" off a 1280×720 projector.
        lines = ABOUT_LINES * QFontMetrics(self.font()).lineSpacing()
        about = short_scroll(
            "templateAbout", [self.preview_description, self.preview_source], lines
        )
        grid.addWidget(about, 0, 1, 3, 1)
        grid.addLayout(form, 3, 1)
        grid.addLayout(participants, 4, 1, 2, 1)
        grid.addLayout(create_row, 6, 0, 1, 2)
        grid.setRowStretch(1, 1)
        grid.setRowStretch(4, 1)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)

        recent_box = QGroupBox(_("Carry on"))
        recent_box.setObjectName("recentBox")
        right = QVBoxLayout(recent_box)
        right.addWidget(buddy(_("&Recent files"), self.recent_list))
        right.addWidget(self.recent_list, 1)
        right.addWidget(self.recent_status)
        right.addWidget(self.open_button)
        right.addWidget(self.demo_button)

        columns = QHBoxLayout()
        columns.addWidget(new_box, 5)
        columns.addWidget(recent_box, 2)

        content = FitContent()
        body = QVBoxLayout(content)
        body.setContentsMargins(24, 12, 24, 12)
        body.addWidget(self.header)
        body.addWidget(self.subheader)
        body.addLayout(columns, 1)

        # A small projector resolution or a big font must never hide the buttons.
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(content)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)

    def _init_tab_order(self) -> None:
        chain: list[QWidget] = [
            self.template_list,
            self.title_edit,
            self.organisation_edit,
            self.facilitator_edit,
            self.date_edit,
            self.participants_edit,
            self.create_button,
            self.recent_list,
            self.open_button,
            self.demo_button,
        ]
        for first, second in itertools.pairwise(chain):
            QWidget.setTabOrder(first, second)

    def _init_connections(self) -> None:
        self.template_list.currentItemChanged.connect(self._on_template_changed)
        self.template_list.itemActivated.connect(lambda _item: self.title_edit.setFocus())
        self.create_button.clicked.connect(self.request_new)
        self.open_button.clicked.connect(self.open_file_dialog_requested)
        self.demo_button.clicked.connect(self.demo_requested)

    # -- templates -------------------------------------------------------------------

    def ensure_templates(self) -> None:
        if not self.templates_loaded:
            self.refresh_templates()

    def refresh_templates(self) -> None:
        """Reload the catalogue (e.g. after a template was saved), keeping the selection."""
        self.templates_loaded = True
        current = self.selected_template()
        try:
            from trustboard.services.catalogue import load_catalogue

            self.templates, self.template_errors = load_catalogue(self.paths)
        except OSError as exc:  # an unreadable templates folder must not cost the page
            self.templates, self.template_errors = [], []
            self._show_template_problems(
                [_("The templates could not be read: {error}").format(error=exc)]
            )
        else:
            self._show_template_problems([display_text(str(e)) for e in self.template_errors])
        self.template_list.clear()
        for template in self.templates:
            fw = template.framework
            item = QListWidgetItem(template_entry(template))
            item.setData(_DATA, template)
            item.setToolTip(plain_tooltip(fw.description or fw.name))
            self.template_list.addItem(item)
        kept = current is not None and self.select_template(current.id)
        if not kept and self.templates and not self.select_template(DEFAULT_TEMPLATE):
            self.template_list.setCurrentRow(0)
        self.create_button.setEnabled(bool(self.templates))

    def _show_template_problems(self, problems: list[str]) -> None:
        if problems:
            if self.template_errors_icon.pixmap().isNull():
                from PySide6.QtWidgets import QStyle  # its many enums cost ms at start-up

                icon = self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)
                self.template_errors_icon.setPixmap(icon.pixmap(24, 24))
            self.template_errors_label.setText(problems_text(problems, MAX_PROBLEMS_SHOWN))
        else:
            self.template_errors_label.clear()
        self.template_errors_box.setVisible(bool(problems))

    def selected_template(self) -> Template | None:
        if not self.templates_loaded:
            self.ensure_templates()
        item = self.template_list.currentItem()
        template = item.data(_DATA) if item is not None else None
        return template

    def select_template(self, template_id: str) -> bool:
        self.ensure_templates()
        for row in range(self.template_list.count()):
            template = self.template_list.item(row).data(_DATA)
            if template is not None and template.id == template_id:
                self.template_list.setCurrentRow(row)
                return True
        return False

    def _on_template_changed(self, current: QListWidgetItem | None, _previous: object) -> None:
        template = current.data(_DATA) if current is not None else None
        fw = template.framework if template is not None else None
        self.preview_grid.set_framework(fw)
        if fw is None:
            self.preview_description.setText(_("Choose a template to see its grid."))
            self.preview_source.clear()
            return
        self.preview_description.setText(fw.description or _("(no description)"))
        source = source_text(fw)
        self.preview_source.setText(source)
        self.preview_source.setVisible(bool(source))
        # Follow the template with the title until the facilitator types their own.
        title = self.title_edit.text()
        if not title.strip() or title == self._default_title:
            self.title_edit.setText(fw.name)
        self._default_title = fw.name

    # -- new workshop ----------------------------------------------------------------

    def details(self) -> dict[str, Any]:
        """What the form says, cleaned: the title falls back to the framework's name."""
        template = self.selected_template()
        title = self.title_edit.text().strip()
        if not title and template is not None:
            title = template.framework.name
        participants: list[str] = []
        for line in self.participants_edit.toPlainText().splitlines():
            name = line.strip()
            if name and name not in participants:
                participants.append(name)
        import datetime  # not at start-up: the first window does not need it

        picked = self.date_edit.date()
        date = datetime.date(picked.year(), picked.month(), picked.day())
        return {
            "title": title,
            "organisation": self.organisation_edit.text().strip(),
            "facilitator": self.facilitator_edit.text().strip(),
            "participants": participants,
            "date": date,
        }

    def request_new(self) -> None:
        template = self.selected_template()
        if template is None:
            self.template_list.setFocus()
            return
        self.new_requested.emit((template, self.details()))

    # -- recent files ----------------------------------------------------------------

    def refresh_recent(self) -> None:
        """Rebuild the list from `settings`; call after the recent files changed elsewhere."""
        self.recent_list.refresh()

    def _on_recent_activated(self, item: QListWidgetItem) -> None:
        self.recent_list.activate(item)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        # Light/dark/high-contrast switched: the greyed "not found" colour comes from the palette.
        if event.type() == QEvent.Type.PaletteChange:
            self.refresh_recent()
        super().changeEvent(event)

    def showEvent(self, event: Any) -> None:  # noqa: N802 - Qt override
        # A USB stick may have been plugged in or out since the list was built.
        self.refresh_recent()
        super().showEvent(event)
