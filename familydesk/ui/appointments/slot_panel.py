"""The "find a free slot" panel of the booking dialog: who (a professional or a
profession), where (a comune or a place), mornings or afternoons; the next free
slots in a list to pick with Enter. The same list shows the alternatives a
refused booking offers."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from familydesk.appointments.slots import FreeSlot
from familydesk.i18n import _

PARTS = ("any", "morning", "afternoon")


class SlotPanel(QGroupBox):
    """``search_requested()`` when the operator asks; ``picked(FreeSlot, mode)`` on Enter,
    where ``mode`` is "find" (fill the form) or "alternative" (book it at once)."""

    search_requested = Signal()
    picked = Signal(object, str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.mode = "find"
        self.staff = QComboBox()
        self.staff.setObjectName("slotStaff")
        self.profession = QLineEdit()
        self.profession.setObjectName("slotProfession")
        self.where = QComboBox()
        self.where.setObjectName("slotWhere")
        self.part = QComboBox()
        self.part.setObjectName("slotPart")
        for key in PARTS:
            self.part.addItem("", key)
        self.find = QPushButton()
        self.find.setObjectName("findSlots")
        self.find.setAutoDefault(False)
        self.find.clicked.connect(self.search_requested.emit)
        self.profession.returnPressed.connect(self.search_requested.emit)
        self.caption = QLabel()
        self.caption.setWordWrap(True)
        self.list = QListWidget()
        self.list.setObjectName("slotList")
        self.list.setMinimumHeight(110)
        self.list.setWordWrap(True)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.itemActivated.connect(lambda item: self._pick(item))
        self.list.installEventFilter(self)
        self.labels = [QLabel() for _n in range(4)]
        form = QFormLayout()
        for label, widget in zip(
            self.labels, (self.staff, self.profession, self.where, self.part), strict=True
        ):
            label.setBuddy(widget)
            form.addRow(label, widget)
        button_row = QHBoxLayout()
        button_row.addStretch(1)
        button_row.addWidget(self.find)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addLayout(button_row)
        layout.addWidget(self.caption)
        layout.addWidget(self.list, 1)
        self.staff.currentIndexChanged.connect(
            lambda _i: self.profession.setEnabled(self.staff.currentData() is None)
        )

    def retranslate_ui(self) -> None:
        self.setTitle(_("Find a free slot"))
        for label, text in zip(
            self.labels,
            (_("With w&hom"), _("or profession"), _("&Where"), _("Time of d&ay")),
            strict=True,
        ):
            label.setText(text)
        if self.staff.count():
            self.staff.setItemText(0, _("Anyone"))
        if self.where.count():
            self.where.setItemText(0, _("Any place"))
        self.profession.setPlaceholderText(_("e.g. psicolog"))
        for index, text in enumerate((_("Any time"), _("Mornings"), _("Afternoons"))):
            self.part.setItemText(index, text)
        self.find.setText(_("Fi&nd free slots"))
        self._caption()

    def set_choices(self, staff: list[tuple[int, str]], places: list[tuple[str, int, str]]) -> None:
        """``staff``: (id, name); ``places``: ("comune" | "place", id, label)."""
        self.staff.clear()
        self.staff.addItem(_("Anyone"), None)
        for staff_id, name in staff:
            self.staff.addItem(name, staff_id)
        self.where.clear()
        self.where.addItem(_("Any place"), None)
        for kind, key, label in places:
            self.where.addItem(label, (kind, key))

    def criteria(self) -> dict[str, object]:
        """The SlotQuery fields this panel decides."""
        where = self.where.currentData()
        staff_id = self.staff.currentData()
        return {
            "staff_id": staff_id,
            "profession": "" if staff_id is not None else self.profession.text().strip(),
            "place_id": where[1] if where and where[0] == "place" else None,
            "comune_id": where[1] if where and where[0] == "comune" else None,
            "part": self.part.currentData(),
        }

    def show_slots(self, slots: list[FreeSlot], mode: str = "find") -> None:
        """List ``slots``; the first is selected so that Enter picks it."""
        self.mode = mode
        self.list.clear()
        for slot in slots:
            item = QListWidgetItem(str(slot))
            item.setData(Qt.ItemDataRole.UserRole, slot)
            self.list.addItem(item)
        if slots:
            self.list.setCurrentRow(0)
        self._caption(searched=True)

    def slots(self) -> list[FreeSlot]:
        return [self.list.item(i).data(Qt.ItemDataRole.UserRole) for i in range(self.list.count())]

    def pick(self, index: int) -> None:
        self._pick(self.list.item(index))

    def _pick(self, item: QListWidgetItem | None) -> None:
        if item is not None:
            self.picked.emit(item.data(Qt.ItemDataRole.UserRole), self.mode)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        # Enter in the list picks the slot instead of pressing the dialog's default button.
        enter = (
            watched is self.list
            and isinstance(event, QKeyEvent)
            and event.type() == QEvent.Type.KeyPress
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
            and not event.modifiers() & Qt.KeyboardModifier.ControlModifier
        )
        if enter:
            self._pick(self.list.currentItem())
            return True
        return super().eventFilter(watched, event)

    def _caption(self, searched: bool = False) -> None:
        if self.mode == "alternative":
            text = _("Free instead: choose one and press Enter to book it.")
        elif self.list.count():
            text = _("Next free slots: Enter puts the chosen one in the form.")
        elif searched:
            text = _("No free slot in the next 30 days: try another professional, place or time.")
        else:
            text = _("Searches from the date in the form (or from now).")
        self.caption.setText(text)
