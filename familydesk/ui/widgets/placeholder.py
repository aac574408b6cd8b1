"""Pages whose capability is not built yet: shown greyed out in the navigation."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget

from familydesk.i18n import _
from familydesk.ui.widgets.page import Page, PageContext


class PlaceholderPage(Page):
    available = False

    def __init__(
        self,
        context: PageContext,
        title: Callable[[], str],
        description: Callable[[], str],
        parent: QWidget | None = None,
    ) -> None:
        self._title = title
        self._description = description
        super().__init__(context, parent)
        self.body = QLabel()
        self.body.setWordWrap(True)
        self.body.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.layout_.addWidget(self.body, 1)
        self.retranslate_ui()

    def title(self) -> str:
        return self._title()

    def retranslate_ui(self) -> None:
        super().retranslate_ui()
        self.body.setText(
            _("{description}\n\nThis section is coming soon.").format(
                description=self._description()
            )
        )
