"""A date field is never squeezed narrower than a whole date or its 'gg/mm/aaaa' hint (the
booking dialog's 'fino al' field showed 'gg/mm/...' at a real 1366x768 display)."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QLabel, QWidget
from pytestqt.qtbot import QtBot

from familydesk import i18n
from familydesk.ui.widgets.fields import DateField


def test_a_squeezed_date_field_still_shows_the_whole_hint_and_date(qtbot: QtBot) -> None:
    i18n.set_language("it")
    try:
        row = QWidget()
        qtbot.addWidget(row)
        layout = QHBoxLayout(row)
        field = DateField()
        field.retranslate_ui()
        layout.addWidget(QLabel("Ripeti ogni settimana, al massimo fino al giorno"))
        layout.addWidget(field)
        row.resize(10, 40)  # the layout gives each widget at least its minimum size
        row.show()
        qtbot.waitExposed(row)
        metrics = field.fontMetrics()
        assert field.placeholderText() == "gg/mm/aaaa"
        assert field.width() >= metrics.horizontalAdvance("gg/mm/aaaa") + 8
        field.set_value(__import__("datetime").date(2026, 12, 28))
        assert field.width() >= metrics.horizontalAdvance(field.text()) + 8
    finally:
        i18n.set_language("en")
