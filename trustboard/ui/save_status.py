"""What the status bar and the file notices say about saving: saved, retrying, folder gone,
another program's change kept apart in a conflict copy."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from PySide6 import QtWidgets
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from trustboard import APP_NAME
from trustboard.i18n import _
from trustboard.services.settings import Settings

if TYPE_CHECKING:
    from PySide6.QtWidgets import QStatusBar, QWidget

    from trustboard.ui.session import Session


class SaveHost(Protocol):
    settings: Settings
    session: Session | None

    def window(self) -> QWidget: ...
    def statusBar(self) -> QStatusBar: ...  # noqa: N802 - Qt's name
    def save_as(self, *, copy: bool) -> None: ...
    def update_title(self) -> None: ...


class SaveStatus:
    """The save label in the status bar and the one file notice shown at a time."""

    def __init__(self, host: SaveHost) -> None:
        self.host = host
        self.label = QLabel("")
        self.label.setAccessibleName(_("Save status"))
        host.statusBar().addPermanentWidget(self.label)
        self.notice: QtWidgets.QMessageBox | None = None  # a conflict, a vanished folder
        self._told_conflict: Path | None = None
        self._told_folder_gone = False

    def follow(self, session: Session) -> None:
        self._told_conflict, self._told_folder_gone = None, False
        session.saved.connect(self.saved)
        session.save_failed.connect(self.save_failed)
        session.changed.connect(lambda _c: self.label.setText(_("Saving…")))

    def saved(self) -> None:
        session = self.host.session
        if session is None:
            return
        self._told_folder_gone = False
        if not self.tell_conflict(session):
            self.label.setText(_("All changes saved"))

    def save_failed(self, message: str) -> None:
        session = self.host.session
        if session is not None and session.file.folder_gone:
            self.label.setText(_("NOT SAVED — folder gone"))
            folder = session.file.saving_to.parent
            details = _(
                "The folder {folder} is gone (moved or deleted?). Your work is kept in "
                "memory: use Save As… to save it somewhere else."
            ).format(folder=folder)
            self.host.statusBar().showMessage(details)
            if not self._told_folder_gone:
                self._told_folder_gone = True
                self.show_notice(
                    _("The workshop's folder is gone, so it cannot be saved there."),
                    details,
                    offer_save_as=True,
                )
            return
        self.label.setText(_("NOT SAVED — retrying"))
        self.host.statusBar().showMessage(
            _("Could not save: {problem}. Your edits are kept and saving is retried.").format(
                problem=message
            )
        )

    def tell_conflict(self, session: Session) -> bool:
        """Say once that another program changed the file and where our version went."""
        copy = session.file.conflict_copy
        if copy is None or copy == self._told_conflict:
            return False
        self._told_conflict = copy
        original = session.file.path
        self.label.setText(_("Saved to a conflict copy"))
        self.host.update_title()
        self.host.settings.add_recent(copy)
        self.host.settings.save()
        self.show_notice(
            _("{name} was changed by another program while it was open here.").format(
                name=original.name
            ),
            _(
                "Nothing was overwritten and nothing is lost. The other program's version "
                "stays in:\n{original}\n\nYour version is saved beside it, in:\n{copy}\n\n"
                "Your further changes are saved there too. Compare the two and keep what you "
                "need."
            ).format(original=original, copy=copy),
        )
        return True

    def show_notice(
        self, text: str, details: str, *, offer_save_as: bool = False
    ) -> QtWidgets.QMessageBox:
        """A message about the open file that does not stop the workshop (not modal)."""
        if self.notice is not None:
            self.notice.close()
            self.notice.deleteLater()
        box = QtWidgets.QMessageBox(self.host.window())
        box.setIcon(QtWidgets.QMessageBox.Icon.Warning)
        box.setWindowTitle(APP_NAME)
        box.setTextFormat(Qt.TextFormat.PlainText)  # it names files, which may look like markup
        box.setText(text)
        box.setInformativeText(details)
        if offer_save_as:
            save = box.addButton(_("Save As…"), QtWidgets.QMessageBox.ButtonRole.AcceptRole)
            save.clicked.connect(lambda: self.host.save_as(copy=False))
            box.addButton(_("Later"), QtWidgets.QMessageBox.ButtonRole.RejectRole)
        else:
            box.addButton(QtWidgets.QMessageBox.StandardButton.Ok)
        box.setModal(False)
        box.show()
        self.notice = box
        return box
