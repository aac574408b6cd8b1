"""Qt's own dialogs speak the operator's language: the file dialog of export and print
says "Annulla", "Cerca in:" and "File di tipo:" in Italian (Qt's catalogue lacks the last two
as the dialog asks for them) (issue 14 §5), and English again after a switch."""

from __future__ import annotations

from PySide6.QtWidgets import QDialogButtonBox, QFileDialog, QLabel
from pytestqt.qtbot import QtBot

from familydesk.ui.shell.language import LanguageManager


def _texts(dialog: QFileDialog) -> set[str]:
    box = dialog.findChild(QDialogButtonBox)
    buttons = {button.text().replace("&", "") for button in box.buttons()}
    labels = {label.text().replace("&", "") for label in dialog.findChildren(QLabel)}
    return buttons | labels


def test_the_file_dialog_speaks_italian_then_english(qtbot: QtBot) -> None:
    language = LanguageManager()
    try:
        language.apply("it")
        dialog = QFileDialog(None, "Esporta")
        dialog.setOption(QFileDialog.Option.DontUseNativeDialog)  # Qt's own, as on Linux
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        qtbot.addWidget(dialog)
        texts = _texts(dialog)
        assert "Annulla" in texts, texts
        assert {"Nome del file:", "Cerca in:", "File di tipo:"} <= texts, texts
        language.apply("en")
        english = QFileDialog(None, "Export")
        english.setOption(QFileDialog.Option.DontUseNativeDialog)
        qtbot.addWidget(english)
        assert "Cancel" in _texts(english)
    finally:
        language.apply("en")
