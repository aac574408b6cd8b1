"""Small input widgets shared by the dialogs: dates typed the Italian way, money,
an inline error line, and marker chips."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from PySide6.QtCore import QAbstractItemModel, QSize
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableView,
    QWidget,
)

from familydesk.i18n import _, format_date, parse_date


class DateField(QLineEdit):
    """A date typed as dd/mm/yyyy; empty means no date."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setMaxLength(10)
        self.setMaximumWidth(130)

    def retranslate_ui(self) -> None:
        self.setPlaceholderText(_("dd/mm/yyyy"))

    def minimumSizeHint(self) -> QSize:  # noqa: N802
        """Never narrower than a whole date or its hint ("fino al gg/mm/..." was cut)."""
        hint = super().minimumSizeHint()
        metrics = self.fontMetrics()
        text = max(
            metrics.horizontalAdvance("00/00/0000"),
            metrics.horizontalAdvance(self.placeholderText()),
        )
        margins = self.textMargins()
        return QSize(max(hint.width(), text + margins.left() + margins.right() + 16), hint.height())

    def value(self) -> date | None:
        """The date, None when empty; ``ValueError`` (translated) when unreadable."""
        text = self.text().strip()
        return parse_date(text) if text else None

    def set_value(self, value: date | None) -> None:
        self.setText(format_date(value))


class MoneyField(QLineEdit):
    """Euro typed as ``12.345,67`` or ``12345.67``; empty means none."""

    def value(self) -> Decimal | None:
        return parse_money(self.text())

    def set_value(self, value: Decimal | None) -> None:
        self.setText("" if value is None else f"{value:.2f}".replace(".", ","))


def parse_money(text: str, field: str = "") -> Decimal | None:
    """``12.345,67``, ``12345,67``, ``12345.67`` or ``€ 12.345`` -> Decimal; '' -> None.

    The same reading as spreadsheet import (``transfer.values.read_amount``).
    """
    from familydesk.transfer.values import read_amount

    try:
        return read_amount(text, field or _("Amount"))
    except ValueError:
        raise ValueError(
            _("“{text}” is not an amount: write it like 12.345,67.").format(text=text)
        ) from None


class ErrorLine(QLabel):
    """The red sentence under a form that says what to fix."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("errorLabel")
        self.setWordWrap(True)
        self.hide()

    def show_message(self, text: str) -> None:
        self.setText(text)
        self.setVisible(bool(text))


class Chips(QWidget):
    """A row of small labels (markers such as "large family")."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._layout = QHBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.addStretch(1)

    def set_labels(self, labels: list[str], warning: list[str] | None = None) -> None:
        while self._layout.count() > 1:
            item = self._layout.takeAt(0)
            if item.widget():
                item.widget().deleteLater()
        for index, text in enumerate(labels + (warning or [])):
            chip = QLabel(text)
            chip.setObjectName("warningChip" if index >= len(labels) else "chip")
            self._layout.insertWidget(self._layout.count() - 1, chip)

    def texts(self) -> list[str]:
        return [
            self._layout.itemAt(i).widget().text()
            for i in range(self._layout.count())
            if self._layout.itemAt(i).widget() is not None
        ]


def record_table(
    model: QAbstractItemModel,
    *,
    single: bool = True,
    alternate: bool = False,
    resize: QHeaderView.ResizeMode = QHeaderView.ResizeMode.ResizeToContents,
) -> QTableView:
    """A read-only table of records: whole rows selected (one at a time when ``single``),
    no row numbers, the last column stretched."""
    view = QTableView()
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    if single:
        view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setAlternatingRowColors(alternate)
    view.verticalHeader().hide()
    view.horizontalHeader().setSectionResizeMode(resize)
    view.horizontalHeader().setStretchLastSection(True)
    return view
