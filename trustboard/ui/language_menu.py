"""View > Language: the facilitator chooses the interface language, for the next start.

The choice is saved in `Settings.language` ("" follows the system). The window keeps the
language it started in: every text is translated when it is made, so switching while a
workshop is open would leave half the window in the old language. The message says so in
the language chosen, so the person who chose it can read it.
"""

from __future__ import annotations

from PySide6.QtGui import QAction, QActionGroup
from PySide6.QtWidgets import QMenu, QMessageBox, QWidget

from trustboard import i18n
from trustboard.i18n import _
from trustboard.services.settings import Settings
from trustboard.ui.text import mnemonic_safe

SYSTEM = ""  # the settings' value for "follow the system's language"


class LanguageMenu:
    """A submenu of `parent`: "System language", then each language by its own name."""

    def __init__(self, parent: QMenu, settings: Settings, window: QWidget | None = None) -> None:
        self.settings = settings
        self.window = window
        self.menu = parent.addMenu(_("&Language"))
        self.menu.setObjectName("menuLanguage")
        self.group = QActionGroup(self.menu)
        self.group.setExclusive(True)
        choices = [(SYSTEM, _("System language"))]
        # A language's own name ("Deutsch", "Français") is the same in every interface.
        choices += [(lang.code, lang.name) for lang in i18n.languages()]
        for code, name in choices:
            act = QAction(mnemonic_safe(name), self.menu)
            act.setObjectName(f"action_language_{code or 'system'}")
            act.setCheckable(True)
            act.setData(code)
            act.setChecked(code == settings.language)
            act.triggered.connect(lambda _checked=False, c=code: self.choose(c))
            self.group.addAction(act)
            self.menu.addAction(act)
        if self.group.checkedAction() is None:  # a language whose catalogue is gone
            self.group.actions()[0].setChecked(True)

    def choose(self, code: str) -> None:
        """Save `code` and say, in that language, when it takes effect."""
        if code == self.settings.language:
            return
        self.settings.language = code
        self.settings.save()
        with i18n.using(code or i18n.system_language()):
            title = _("Language")
            text = _("TrustBoard will use this language the next time it starts.")
        notice = QMessageBox(
            QMessageBox.Icon.Information, title, text, QMessageBox.StandardButton.Ok, self.window
        )
        notice.setObjectName("languageNotice")
        self.notice = notice  # kept: tests read it, and it must not be collected while shown
        notice.open()
