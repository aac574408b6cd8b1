"""Settings → Family card: the card types and their eligibility rules (being built)."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from familydesk.i18n import _
from familydesk.ui.runner import Runner


class CardTypesSettings(QWidget):
    def __init__(self, runner: Runner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.runner = runner

    def title(self) -> str:
        return _("Family card")

    def load(self) -> None:
        pass

    def retranslate_ui(self) -> None:
        pass
