"""Live language switching for the Qt side.

Switches the gettext catalogue (``familydesk.i18n``), Qt's own ``qtbase``
translations (standard buttons, dialogs) and the default ``QLocale``, then
emits ``changed`` so every open widget runs its ``retranslate_ui()``
(Frescobaldi's way).
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QObject, QTranslator, Signal

from familydesk import i18n, preferences

_QT_LOCALES = {"it": QLocale(QLocale.Language.Italian, QLocale.Country.Italy),
               "en": QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom)}  # fmt: skip


class LanguageManager(QObject):
    changed = Signal(str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._qt_translator: QTranslator | None = None

    @property
    def language(self) -> str:
        return i18n.current_language()

    def apply(self, language: str, remember: bool = False) -> str:
        """Switch to ``language`` everywhere; with ``remember``, keep it for next time."""
        code = i18n.set_language(language)
        app = QCoreApplication.instance()
        if self._qt_translator is not None and app is not None:
            app.removeTranslator(self._qt_translator)
            self._qt_translator = None
        if code != "en" and app is not None:
            translator = QTranslator(self)
            folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
            if translator.load(f"qtbase_{code}", folder):
                app.installTranslator(translator)
                self._qt_translator = translator
        QLocale.setDefault(_QT_LOCALES.get(code, _QT_LOCALES["it"]))
        if remember:
            preferences.save(language=code)
        self.changed.emit(code)
        return code
