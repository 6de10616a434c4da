"""View > Language: the facilitator chooses the interface language, for the next start.

The choice is saved in `Settings.language` ("" follows the system). The window keeps the
language it started in: every text is translated when it is made, so switching while a
workshop is open would leave half the window in the old language. The message says so in
the language chosen, so the person who chose it can read it.
"""

from __future__ import annotations

from PySide6.QtGui import QAction, QActionGroup
from PySide6.QtWidgets import QMenu, QWidget

from trustboard import i18n
from trustboard.i18n import _
from trustboard.services.settings import Settings
from trustboard.ui.text import mnemonic_safe

SYSTEM = ""  # the settings' value for "follow the system's language"


class LanguageMenu:
    """A submenu of `parent`: "System language", then each language by its own name.

    Its entries are made when it first opens: naming the languages reads the locale data,
    which the first window must not wait for."""

    def __init__(self, parent: QMenu, settings: Settings, window: QWidget | None = None) -> None:
        self.settings = settings
        self.window = window
        self.menu = parent.addMenu(_("&Language"))
        self.menu.setObjectName("menuLanguage")
        self.group = QActionGroup(self.menu)
        self.group.setExclusive(True)
        self.notice: QWidget | None = None
        self.menu.aboutToShow.connect(self.fill)

    def fill(self) -> None:
        """Make the entries (once), and tick the saved choice."""
        if not self.menu.isEmpty():
            self._tick()
            return
        choices = [(SYSTEM, _("System language"))]
        # A language's own name ("Deutsch", "Français") is the same in every interface.
        choices += [(lang.code, lang.name) for lang in i18n.languages()]
        for code, name in choices:
            act = QAction(mnemonic_safe(name), self.menu)
            act.setObjectName(f"action_language_{code or 'system'}")
            act.setCheckable(True)
            act.setData(code)
            act.triggered.connect(lambda _checked=False, c=code: self.choose(c))
            self.group.addAction(act)
            self.menu.addAction(act)
        self._tick()

    def _tick(self) -> None:
        acts = self.group.actions()
        chosen = [a for a in acts if a.data() == self.settings.language]
        (chosen or acts[:1])[0].setChecked(True)  # a language whose catalogue is gone: system

    def choose(self, code: str) -> None:
        """Save `code` and say, in that language, when it takes effect."""
        if code == self.settings.language:
            return
        self.settings.language = code
        self.settings.save()
        with i18n.using(code or i18n.system_language()):
            title = _("Language")
            text = _("TrustBoard will use this language the next time it starts.")
        from PySide6.QtWidgets import QMessageBox  # its enums cost ms: not at start-up

        notice = QMessageBox(
            QMessageBox.Icon.Information, title, text, QMessageBox.StandardButton.Ok, self.window
        )
        notice.setObjectName("languageNotice")
        self.notice = notice  # kept: tests read it, and it must not be collected while shown
        notice.open()
