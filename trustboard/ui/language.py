"""The interface language in Qt: Qt's own texts, the layout direction and QLocale.

Our texts come from `trustboard.i18n` (gettext). Qt's standard buttons, file dialogs and
context menus come from the catalogue Qt ships for the language (qtbase_de.qm ...), loaded
here only for a language that is not English.
"""

from __future__ import annotations

from PySide6.QtCore import QLibraryInfo, QLocale, Qt, QTranslator
from PySide6.QtWidgets import QApplication

from trustboard import i18n

_installed: list[QTranslator] = []


def apply(app: QApplication) -> None:
    """Make the running app follow `i18n.language()`: Qt's catalogue, direction, locale."""
    for old in _installed:
        app.removeTranslator(old)
    _installed.clear()
    code = i18n.language()
    if code not in (i18n.SOURCE, i18n.PSEUDO, i18n.PSEUDO_RTL):
        folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
        qt = QTranslator(app)
        if qt.load(f"qtbase_{code}", folder):
            app.installTranslator(qt)
            _installed.append(qt)
    if code not in (i18n.PSEUDO, i18n.PSEUDO_RTL):
        QLocale.setDefault(QLocale(i18n.locale_name()))
    app.setLayoutDirection(
        Qt.LayoutDirection.RightToLeft if i18n.is_rtl() else Qt.LayoutDirection.LeftToRight
    )
