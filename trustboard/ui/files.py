"""The workshop file's life in the window: open, create, save as, and close without losing edits.

Every question it asks (who holds the lock, what to do with unsaved edits) is a method, so
tests answer it instead of a dialog.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

# Dialogs are reached as QtWidgets.X: PySide6 builds a class (and its enums) on first use.
from PySide6 import QtWidgets
from PySide6.QtCore import Qt

from trustboard import APP_NAME
from trustboard import FILE_SUFFIX as SUFFIX
from trustboard.display import display_name, display_text
from trustboard.domain.errors import DomainError
from trustboard.i18n import _
from trustboard.paths import UserPaths
from trustboard.services.settings import Settings
from trustboard.store.errors import TrustBoardFileError
from trustboard.ui.text import literal_text

if TYPE_CHECKING:
    from PySide6.QtWidgets import QStatusBar, QWidget

    from trustboard.store import WorkshopFile
    from trustboard.store.lock import LockHolder
    from trustboard.ui.session import Session


def file_filter() -> str:
    """The file dialogs' filter, in the interface language."""
    return _("TrustBoard workshops ({pattern})").format(pattern=f"*{SUFFIX}") + (
        ";;" + _("All files ({pattern})").format(pattern="*")
    )


TITLE_SHOWN = 80  # characters of the workshop's title in the window's title bar
# Controls and bidi embeddings, overrides and isolates: a title could otherwise turn the
# file name after it around, or break the title bar's line.
_UNSHOWN = re.compile(r"[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def window_title(workshop_title: str, file_name: str, note: str = "") -> str:
    """ "Workshop title — file name [note] — TrustBoard": the room sees which workshop is on
    the screen, the facilitator which file it is saved to."""
    title = _UNSHOWN.sub("", " ".join(display_text(workshop_title).split()))
    if len(title) > TITLE_SHOWN:
        title = title[: TITLE_SHOWN - 1].rstrip() + "…"
    file_part = f"{file_name} [{note}]" if note else file_name
    return " — ".join(part for part in (title, file_part, APP_NAME) if part)


def session_title(session: Session | None) -> str:
    """The window's title for the open workshop (the app's name when none is open)."""
    if session is None:
        return APP_NAME
    note = (
        _("read-only: {reason}").format(reason=session.read_only_reason)
        if session.read_only
        else ""
    )
    # The file edits are saved to: a conflict copy once there was a conflict.
    return window_title(session.workshop.title, display_name(session.file.saving_to), note)


class FileHost(Protocol):
    """What the file lifecycle needs of the window."""

    paths: UserPaths
    settings: Settings
    session: Session | None

    def window(self) -> QWidget: ...
    def raise_(self) -> None: ...
    def statusBar(self) -> QStatusBar: ...  # noqa: N802 - Qt's name
    def show_workshop(self, wf: WorkshopFile) -> None: ...


def same_file(a: Path, b: Path) -> bool:
    try:
        return a.resolve() == b.resolve()
    except OSError:
        return False


class WorkshopFiles:
    """Open, create, save as and release the window's workshop file."""

    def __init__(self, host: FileHost) -> None:
        self.host = host

    @property
    def _parent(self) -> QWidget:
        return self.host.window()

    def open_dialog(self) -> None:
        recent = self.host.settings.recent_files
        start = str(Path(recent[0]).parent) if recent else ""
        name, _unused = QtWidgets.QFileDialog.getOpenFileName(
            self._parent, _("Open workshop"), start, file_filter()
        )
        if name:
            self.open_file(Path(name))

    def open_demo(self) -> None:
        from trustboard.services.demo import ensure_demo_file

        try:
            self.open_file(ensure_demo_file(self.host.paths))
        except (OSError, TrustBoardFileError, KeyError) as exc:
            QtWidgets.QMessageBox.critical(
                self._parent,
                APP_NAME,
                _("The demo workshop could not be created:\n{error}").format(error=exc),
            )

    def open_file(self, path: Path, *, read_only: bool = False) -> bool:
        path = Path(path)
        session = self.host.session
        if session is not None and same_file(path, session.file.path):
            self.host.raise_()  # already open here; reopening would meet our own lock
            return True
        try:
            from trustboard.store import WorkshopFile

            wf = WorkshopFile.open(path, read_only=read_only)
            told = False
            if wf.lock_holder is not None:  # open in another TrustBoard: ask what to do
                choice = self.ask_lock_holder(path, wf.lock_holder)
                if choice == "cancel":
                    wf.close()
                    return False
                told = choice == "read-only"
                if choice == "take-over":
                    wf.close()
                    wf = WorkshopFile.open(path, take_over=True)
        except TrustBoardFileError as exc:
            QtWidgets.QMessageBox.warning(
                self._parent,
                APP_NAME,
                _("This workshop could not be opened.\n\n{problem}\n\n{path}").format(
                    problem=exc.problem, path=path
                ),
            )
            return False
        self.host.show_workshop(wf)
        if wf.read_only and not told:
            QtWidgets.QMessageBox.information(
                self._parent,
                APP_NAME,
                literal_text(
                    _("{name} opened read-only: {reason}").format(
                        name=path.name, reason=wf.read_only_reason
                    )
                ),
            )
        return True

    def ask_lock_holder(self, path: Path, holder: LockHolder) -> str:
        """read-only, take-over or cancel, for a workshop open in another TrustBoard.
        Taking over is offered for a lock written on another computer, which may have
        crashed or lost the network long ago."""
        box = QtWidgets.QMessageBox(self._parent)
        box.setIcon(QtWidgets.QMessageBox.Icon.Warning)
        box.setWindowTitle(APP_NAME)
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setText(_("{name} is open in another TrustBoard.").format(name=path.name))
        details = _("User: {user}\nComputer: {computer}\nSince: {since}").format(
            user=holder.user or _("unknown"), computer=holder.host, since=holder.since
        )
        details += "\n\n"
        if holder.elsewhere:
            details += _(
                "If that computer is no longer using it (it was shut down or lost the "
                "connection), you can take it over. Edits on that computer that are not yet "
                "saved may then be lost, and saves it still makes would overwrite yours."
            )
        else:
            details += _(
                "It is open on this computer (process {pid}). Close it there to edit "
                "it here, or open it read-only."
            ).format(pid=holder.pid)
        box.setInformativeText(details)
        read_only = box.addButton(_("Open read-only"), QtWidgets.QMessageBox.ButtonRole.AcceptRole)
        answers = {read_only: "read-only"}
        if holder.elsewhere:
            take = box.addButton(_("Take over"), QtWidgets.QMessageBox.ButtonRole.DestructiveRole)
            answers[take] = "take-over"
        cancel = box.addButton(_("Cancel"), QtWidgets.QMessageBox.ButtonRole.RejectRole)
        answers[cancel] = "cancel"
        box.setDefaultButton(read_only)
        box.setEscapeButton(cancel)
        box.exec()
        return answers.get(box.clickedButton(), "cancel")

    def create_from_template(self, request: tuple[Any, dict[str, Any]]) -> None:
        template, details = request
        from trustboard.export.filenames import safe_file_name

        title = details.get("title") or template.framework.name
        default = Path.home() / safe_file_name(title, SUFFIX)  # a "/" in it is no folder
        name, _unused = QtWidgets.QFileDialog.getSaveFileName(
            self._parent, _("Save the new workshop as"), str(default), file_filter()
        )
        if name:
            self.create_workshop(Path(name), template.framework, details)

    def create_workshop(self, path: Path, framework: Any, details: dict[str, Any]) -> bool:
        if path.suffix != SUFFIX:
            path = path.with_name(path.name + SUFFIX)
        try:
            import datetime

            from trustboard.domain.workshop import new_workshop

            ws = new_workshop(
                framework,
                details.get("title") or framework.name,
                organisation=details.get("organisation", ""),
                facilitator=details.get("facilitator", ""),
                participants=tuple(details.get("participants", ())),
                date=details.get("date") or datetime.date.today(),
            )
            from trustboard.store import WorkshopFile

            wf = WorkshopFile.create(path, ws, overwrite=path.exists())
        except (TrustBoardFileError, OSError, ValueError, DomainError) as exc:
            # DomainError: details over a workshop limit (e.g. 501 participants); no file made.
            QtWidgets.QMessageBox.warning(
                self._parent,
                APP_NAME,
                _("The workshop could not be created.\n\n{error}").format(error=exc),
            )
            return False
        self.host.show_workshop(wf)
        return True

    def save_as(self, *, copy: bool) -> None:
        session = self.host.session
        if session is None:
            return
        title = _("Save a copy as") if copy else _("Save workshop as")
        start = session.file.path
        if session.file.folder_gone:  # offer a folder that exists
            start = Path.home() / start.name
        name, _unused = QtWidgets.QFileDialog.getSaveFileName(
            self._parent, title, str(start), file_filter()
        )
        if name:
            self.save_to(Path(name), copy=copy)

    def save_to(self, target: Path, *, copy: bool) -> bool:
        session = self.host.session
        if session is None:
            return False
        if target.suffix != SUFFIX:
            target = target.with_name(target.name + SUFFIX)
        if same_file(target, session.file.path):
            return True  # it is this file, and it is saved as we go
        # When this file's folder is gone, the new file is the only home of the edits.
        instead = not copy and session.file.folder_gone
        try:
            session.file.save_copy(target, instead_of_this=instead)
        except OSError as exc:
            QtWidgets.QMessageBox.warning(
                self._parent,
                APP_NAME,
                literal_text(_("Could not write {path}:\n{error}").format(path=target, error=exc)),
            )
            return False
        if not copy:
            return self.open_file(target)
        self.host.statusBar().showMessage(_("Copy saved to {path}").format(path=target), 5000)
        return True

    def release(self, session: Session) -> bool:
        """Close the session's file; while its last save fails, ask what to do. False when
        the user keeps it open."""
        while True:
            try:
                session.close()
                return True
            except OSError as exc:
                choice = self.ask_unsaved(exc)
            if choice == "retry":
                continue
            if choice == "elsewhere":
                name, _unused = QtWidgets.QFileDialog.getSaveFileName(
                    self._parent, _("Save the workshop somewhere else"), "", file_filter()
                )
                if not name:
                    continue
                try:
                    session.file.save_copy(Path(name))
                except OSError as again:
                    QtWidgets.QMessageBox.warning(
                        self._parent,
                        APP_NAME,
                        literal_text(
                            _("Could not write {path}:\n{error}").format(path=name, error=again)
                        ),
                    )
                    continue
                session.discard_and_close()  # everything is in the copy
                self.host.settings.add_recent(Path(name))
                self.host.settings.save()
                return True
            if choice == "discard":
                session.discard_and_close()
                return True
            return False

    def ask_unsaved(self, error: OSError) -> str:
        """retry, elsewhere, discard or keep (stay open)."""
        box = QtWidgets.QMessageBox(self._parent)
        box.setIcon(QtWidgets.QMessageBox.Icon.Warning)
        box.setWindowTitle(APP_NAME)
        box.setText(_("The latest changes could not be saved."))
        box.setInformativeText(
            literal_text(
                _(
                    "{error}. The workshop stays open and TrustBoard keeps trying to save. You "
                    "can try again, save it somewhere else, or close without them."
                ).format(error=error.strerror or error)
            )
        )
        retry = box.addButton(_("Try again"), QtWidgets.QMessageBox.ButtonRole.AcceptRole)
        elsewhere = box.addButton(_("Save elsewhere…"), QtWidgets.QMessageBox.ButtonRole.ActionRole)
        discard = box.addButton(
            _("Close without them"), QtWidgets.QMessageBox.ButtonRole.DestructiveRole
        )
        keep = box.addButton(_("Keep it open"), QtWidgets.QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(retry)
        box.exec()
        answers = {retry: "retry", elsewhere: "elsewhere", discard: "discard", keep: "keep"}
        return answers.get(box.clickedButton(), "keep")
