"""Live language switching for the Qt side.

Switches the gettext catalogue (``familydesk.i18n``), Qt's own ``qtbase``
translations (standard buttons, dialogs) and the default ``QLocale``, then
emits ``changed`` so every open widget runs its ``retranslate_ui()``
(Frescobaldi's way).
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QObject, QTranslator, Signal

from familydesk import i18n
from familydesk.i18n import N_
from familydesk.kernel import preferences

#: Qt's own strings that its catalogues leave untranslated (qtbase_it has "Look in:" but the
#: file dialog asks for "&Look in:"): translated through our catalogue instead.
_QT_GAPS = {
    ("QFileDialog", "&Look in:"): N_("&Look in:"),
    ("QFileDialog", "Files of &type:"): N_("Files of &type:"),
}


class _QtGaps(QTranslator):
    """Answers for :data:`_QT_GAPS` only; installed last, so it is asked first."""

    def translate(
        self, context: str, source: str, disambiguation: str | None = None, n: int = -1
    ) -> str | None:
        msgid = _QT_GAPS.get((context, source))
        return i18n._(msgid) if msgid else None  # None: "not mine", Qt asks qtbase next

    def isEmpty(self) -> bool:  # noqa: N802
        return False


_QT_LOCALES = {
    "it": QLocale(QLocale.Language.Italian, QLocale.Country.Italy),
    "en": QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom),
}


class LanguageManager(QObject):
    changed = Signal(str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._qt_translator: QTranslator | None = None
        self._qt_gaps: QTranslator | None = None

    @property
    def language(self) -> str:
        return i18n.current_language()

    def apply(self, language: str, remember: bool = False) -> str:
        """Switch to ``language`` everywhere; with ``remember``, keep it for next time."""
        code = i18n.set_language(language)
        app = QCoreApplication.instance()
        if app is not None:
            for old in (self._qt_translator, self._qt_gaps):
                if old is not None:
                    app.removeTranslator(old)
            self._qt_translator = self._qt_gaps = None
        if code != "en" and app is not None:
            translator = QTranslator(self)
            folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
            if translator.load(f"qtbase_{code}", folder):
                app.installTranslator(translator)
                self._qt_translator = translator
            self._qt_gaps = _QtGaps(self)
            app.installTranslator(self._qt_gaps)
        QLocale.setDefault(_QT_LOCALES.get(code, _QT_LOCALES["it"]))
        if remember:
            preferences.save(language=code)
        self.changed.emit(code)
        return code
