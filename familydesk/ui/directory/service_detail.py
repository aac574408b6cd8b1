"""The Services page's right side: every field of the chosen service, its place and ways to
reach it falling back to its organisation's, and whether it is due for a check."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFormLayout, QLabel, QScrollArea, QVBoxLayout, QWidget

from familydesk.directory.records import ServiceRow
from familydesk.i18n import _, format_date
from familydesk.ui.directory.services_model import REVIEW_MARK, ages_text, languages_text

#: (key, caption): the fields shown, top to bottom.
_FIELDS: tuple[tuple[str, Callable[[], str]], ...] = (
    ("organisation", lambda: _("Organisation")),
    ("needs", lambda: _("Needs")),
    ("description", lambda: _("Description")),
    ("place", lambda: _("Where")),
    ("hours", lambda: _("Opening hours")),
    ("access", lambda: _("How to get in")),
    ("bring", lambda: _("What to bring")),
    ("audience", lambda: _("Who it is for")),
    ("ages", lambda: _("Ages")),
    ("residence", lambda: _("Residence")),
    ("cost", lambda: _("Cost")),
    ("languages", lambda: _("Languages")),
    ("contact_person", lambda: _("Contact person")),
    ("phone", lambda: _("Phone")),
    ("email", lambda: _("E-mail")),
    ("web", lambda: _("Web site")),
    ("checked", lambda: _("Last checked")),
)


def place_text(row: ServiceRow) -> str:
    """ "Via Roma 1, 46029 Suzzara", and "serves the whole area" when it does."""
    town = " ".join(part for part in (row.place_postal_code, row.place_comune) if part)
    text = ", ".join(part for part in (row.place_address, town) if part)
    if row.whole_area:
        text = f"{text} — {_('serves the whole area')}" if text else _("serves the whole area")
    return text


def values_of(row: ServiceRow, today: date) -> dict[str, str]:
    checked = format_date(row.checked_on) if row.checked_on else _("never")
    if row.needs_review(today):
        checked = _("{mark} {day}: not checked for 12 months, to review").format(
            mark=REVIEW_MARK, day=checked
        )
    needs = list(row.need_names)
    if needs:
        needs[0] = _("{need} (category)").format(need=needs[0])
    return {
        "organisation": f"{row.organisation.name} · {row.organisation.kind_name}",
        "needs": ", ".join(needs),
        "description": row.description,
        "place": place_text(row),
        "hours": row.hours,
        "access": row.access_words,
        "bring": row.bring,
        "audience": row.audience,
        "ages": ages_text(row),
        "residence": row.residence,
        "cost": row.cost,
        "languages": languages_text(row.languages),
        "contact_person": row.contact_person,
        "phone": row.reach_phone,
        "email": row.reach_email,
        "web": row.reach_web,
        "checked": checked,
    }


class ServiceDetail(QScrollArea):
    """Shows one service (``show_service``) or, with none chosen, a hint."""

    def __init__(self, today: Callable[[], date], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.today = today
        self.service: ServiceRow | None = None
        self.setWidgetResizable(True)
        self.setFrameShape(QScrollArea.Shape.NoFrame)
        inner = QWidget()
        self.name = QLabel()
        self.name.setObjectName("familyTitle")
        self.name.setWordWrap(True)
        self.state = QLabel()
        self.state.setObjectName("agreementNote")
        self.state.setWordWrap(True)
        self.captions: dict[str, QLabel] = {}
        self.values: dict[str, QLabel] = {}
        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.DontWrapRows)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        for key, _caption in _FIELDS:
            caption, value = QLabel(), QLabel()
            caption.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
            value.setObjectName(f"service_{key}")
            value.setWordWrap(True)
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            value.setMinimumWidth(120)
            self.captions[key], self.values[key] = caption, value
            form.addRow(caption, value)
        column = QVBoxLayout(inner)
        column.addWidget(self.name)
        column.addWidget(self.state)
        column.addLayout(form)
        column.addStretch(1)
        self.setWidget(inner)
        self.show_service(None)

    def retranslate_ui(self) -> None:
        for key, caption in _FIELDS:
            self.captions[key].setText(caption())
        self.show_service(self.service)

    def show_service(self, row: ServiceRow | None) -> None:
        self.service = row
        if row is None:
            self.name.setText(_("No service chosen"))
            self.state.setText(_("Choose a service in the list to see its details."))
            values: dict[str, str] = {}
        else:
            self.name.setText(row.name)
            self.state.setText("" if row.active else _("Not in use: kept for its history."))
            values = values_of(row, self.today())
        self.state.setVisible(bool(self.state.text()))
        for key, _caption in _FIELDS:
            text = values.get(key, "")
            self.values[key].setText(text)
            self.values[key].setVisible(bool(text))
            self.captions[key].setVisible(bool(text))

    def text(self, key: str) -> str:
        return self.values[key].text()
