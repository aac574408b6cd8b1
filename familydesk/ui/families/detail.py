"""One family at a glance: details, markers, members with ages, consents, contacts at the
desk, appointments (for those who book them), actions."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from familydesk import i18n, registry
from familydesk.i18n import _, format_date, format_money
from familydesk.kernel import clock
from familydesk.kernel.errors import ValidationError
from familydesk.registry import FamilyDetail, MemberDetail
from familydesk.trust import permissions
from familydesk.ui.cards.family_tab import FamilyCardsTab
from familydesk.ui.families import papers
from familydesk.ui.families.appointments_tab import BOOK_KEY, FamilyAppointmentsTab
from familydesk.ui.families.consent_dialog import ConsentDialog
from familydesk.ui.families.contacts_tab import FamilyContactsTab
from familydesk.ui.families.family_dialog import FamilyDialog
from familydesk.ui.families.groups_tab import FamilyGroupsTab
from familydesk.ui.families.member_dialog import MemberDialog
from familydesk.ui.families.models import (
    consents_model,
    members_model,
)
from familydesk.ui.shell.errors import show_error
from familydesk.ui.shell.runner import Runner
from familydesk.ui.widgets.elided import ElidedLabel, breakable
from familydesk.ui.widgets.fields import Chips, record_table
from familydesk.ui.widgets.page import PageContext


class FamilyDetailView(QWidget):
    """Shows a family; ``changed()`` after any edit, ``open_family(id)`` to jump to another.

    With a ``context`` (the page's) and for operators who book appointments, an
    "Appointments" tab lists the family's and books more (Ctrl+Shift+B).
    """

    changed = Signal()
    open_family = Signal(int)

    def __init__(
        self, runner: Runner, parent: QWidget | None = None, *, context: PageContext | None = None
    ) -> None:
        super().__init__(parent)
        self.runner = runner
        self.family: FamilyDetail | None = None
        self._focus_person: int | None = None
        self.title = ElidedLabel()  # a name of any length keeps the window on the screen
        self.title.setObjectName("familyTitle")
        self.subtitle = QLabel()
        self.subtitle.setWordWrap(True)
        self.chips = Chips()
        self.banner = QLabel()
        self.banner.setObjectName("banner")
        self.banner.setWordWrap(True)
        self.banner.hide()
        self.members = members_model(self)
        self.members_view = record_table(self.members)
        self.members_view.doubleClicked.connect(lambda _index: self.edit_member())
        self.members_view.selectionModel().selectionChanged.connect(
            lambda *_a: self._member_chosen()
        )
        self.consents = consents_model(self)
        self.consents_view = record_table(self.consents)
        self.contacts_tab = FamilyContactsTab(runner)
        self.contacts = self.contacts_tab.model
        self.consents_label = ElidedLabel()
        self.buttons: dict[str, QPushButton] = {}
        slots = {
            "edit": self.edit_family,
            "add": self.add_member,
            "member": self.edit_member,
            "remove": self.remove_member,
            "consent": self.record_consent,
            "withdraw": self.withdraw_consent,
            "intake": self.print_intake,
            "privacy": self.print_privacy,
            "access": self.export_personal_data,
            "erasure": self.request_erasure,
        }
        for key, slot in slots.items():
            button = QPushButton()
            button.setObjectName(f"{key}Button")
            button.clicked.connect(slot)
            self.buttons[key] = button
        self.form_language = QComboBox()
        for code, name in i18n.LANGUAGES.items():
            self.form_language.addItem(name, code)
        self.form_language_label = QLabel()
        layout = QVBoxLayout(self)
        heading = QHBoxLayout()
        heading.addWidget(self.title, 1)
        heading.addWidget(self.buttons["edit"])
        heading.addWidget(self.buttons["intake"])
        layout.addLayout(heading)
        for widget in (self.subtitle, self.chips, self.banner):
            layout.addWidget(widget)
        members_bar = QHBoxLayout()
        for key in ("add", "member", "remove"):
            members_bar.addWidget(self.buttons[key])
        self.buttons["erasure"].setVisible(runner.may(permissions.PRIVACY_REQUEST))
        # The copy of a person's data (GDPR art. 15) is an export: only roles that may export.
        self.buttons["access"].setVisible(
            permissions.role_allows(runner.database.role, permissions.EXPORT)
        )
        members_bar.addStretch(1)
        layout.addLayout(members_bar)
        layout.addWidget(self.members_view, 1)
        consents_page = QWidget()
        consents_layout = QVBoxLayout(consents_page)
        consents_layout.setContentsMargins(0, 4, 0, 0)
        consents_bar = QHBoxLayout()
        consents_bar.addWidget(self.consents_label, 1)
        for key in ("consent", "withdraw", "privacy"):
            consents_bar.addWidget(self.buttons[key])
        consents_layout.addLayout(consents_bar)
        consents_layout.addWidget(self.consents_view)
        # The contacts at the desk share the consents' room: the page fits 1366x768.
        self.tabs = QTabWidget()
        self.consents_view.setMinimumHeight(44)  # a heading and a line: small windows fit
        self.tabs.addTab(consents_page, "")
        self.appointments: FamilyAppointmentsTab | None = None
        #: Tabs that show one family's records: ``show_family(id)``, ``counted(n)``, ``title(n)``.
        self.record_tabs: list[Any] = [self.contacts_tab]
        if context is not None and context.may(permissions.APPOINTMENTS):
            self.appointments = FamilyAppointmentsTab(context, self._member_id)
            self.appointments.booked.connect(lambda: self.tabs.setCurrentWidget(self.appointments))
            QShortcut(QKeySequence(BOOK_KEY), self, self.appointments.book)
            self.record_tabs.append(self.appointments)
        if context is not None:
            self.record_tabs.append(FamilyGroupsTab(context))
        if context is not None and context.may(permissions.CARDS):
            self.record_tabs.append(FamilyCardsTab(context))
        for tab in self.record_tabs:
            tab.counted.connect(
                lambda n, t=tab: self.tabs.setTabText(self.tabs.indexOf(t), t.title(n))
            )
            self.tabs.addTab(tab, "")
        layout.addWidget(self.tabs, 1)
        # The member's privacy rights on the left, the forms' language on the right.
        language_bar = QHBoxLayout()
        for key in ("access", "erasure"):
            language_bar.addWidget(self.buttons[key])
        language_bar.addStretch(1)
        language_bar.addWidget(self.form_language_label)
        language_bar.addWidget(self.form_language)
        layout.addLayout(language_bar)
        for keys, slot in (
            ("Ctrl+E", self.edit_family),
            ("Ctrl+M", self.add_member),
            ("Ctrl+P", self.print_intake),
            ("Ctrl+K", self.record_consent),
        ):
            QShortcut(QKeySequence(keys), self, slot)
        self.retranslate_ui()
        self.show_family(None)

    def retranslate_ui(self) -> None:
        texts = {
            "edit": _("Edit family"),
            "add": _("Add member"),
            "member": _("Edit member"),
            "remove": _("Remove member"),
            "consent": _("Record consent"),
            "withdraw": _("Withdraw"),
            "intake": _("Print intake sheet"),
            "privacy": _("Print privacy notice"),
            "access": _("Data copy (art. 15)…"),
            "erasure": _("Erasure (art. 17)…"),
        }
        for key, text in texts.items():
            self.buttons[key].setText(text)
        self.form_language_label.setText(_("Language of printed forms"))
        tips = {"edit": "Ctrl+E", "add": "Ctrl+M", "consent": "Ctrl+K", "intake": "Ctrl+P"}
        for key, keys in tips.items():
            self.buttons[key].setToolTip(keys)
        self.buttons["access"].setToolTip(
            _(
                "Write everything held on the selected member (GDPR art. 15) as a PDF and a JSON "
                "file"
            )
        )
        self.buttons["erasure"].setToolTip(
            _("Record that the selected member asks to be erased (GDPR art. 17)")
        )
        self.form_language.setCurrentIndex(self.form_language.findData(i18n.current_language()))
        self.members.retranslate()
        self.consents.retranslate()
        for tab in self.record_tabs:
            tab.retranslate_ui()
        self.tabs.setTabText(0, _("Consents"))
        self.show_family(self.family)

    # -- showing -------------------------------------------------------------
    def load(self, family_id: int, person_id: int | None = None) -> None:
        """Show a family; with ``person_id``, that member is selected."""
        self._focus_person = person_id
        self.runner.write(registry.open_family, family_id, on_done=self.show_family, owner=self)

    def refresh(self) -> None:
        """Read the family shown again (changed elsewhere); none shown, nothing read."""
        if self.family is not None:
            self.runner.read(
                registry.get_family,
                self.family.id,
                on_done=self.show_family,
                on_error=lambda _exc: self.show_family(None),
                owner=self,
            )

    def show_family(self, family: FamilyDetail | None) -> None:
        self.family = family
        for button in self.buttons.values():
            button.setEnabled(family is not None)
        if family is None:
            self.title.clear()  # the hint wraps below, where it has the room (the title elides)
            self.subtitle.setText(_("Choose a family in the list, or create a new one (Ctrl+N)."))
            self.chips.set_labels([])
            self.banner.hide()
            self.members.set_rows([])
            self.consents.set_rows([])
            self.consents_label.clear()
            for tab in self.record_tabs:
                tab.show_family(None)
            return
        for tab in self.record_tabs:
            tab.show_family(family.id)
        self.title.setText(family.name)
        parts = [family.address, family.comune_name, family.phone, family.email]
        if family.isee_value is not None:
            parts.append(
                _("ISEE {value}, expires on {date}").format(
                    value=format_money(family.isee_value), date=format_date(family.isee_expiry)
                )
            )
        self.subtitle.setText(breakable(" · ".join(p for p in parts if p)))
        warnings = [_("ISEE expired")] if family.isee_expired(clock.today()) else []
        missing = family.missing_privacy
        if missing:
            warnings.append(_("privacy notice missing"))
        self.chips.set_labels([_(label) for label in family.markers.labels()], warnings)
        self.banner.setText(
            breakable(
                _("Privacy notice not acknowledged for: {names}.").format(
                    names=", ".join(m.full_name for m in missing)
                )
            )
        )
        self.banner.setVisible(bool(missing))
        selected = self.selected_member()
        wanted = self._focus_person or (selected.id if selected else None)
        self._focus_person = None
        self.members.set_rows(family.members)
        rows = [m.id for m in family.members]
        if family.members:
            self.members_view.selectRow(rows.index(wanted) if wanted in rows else 0)
        self._member_chosen()

    def _member_id(self) -> int | None:
        member = self.selected_member()
        return member.id if member else None

    def selected_member(self) -> MemberDetail | None:
        rows = self.members_view.selectionModel().selectedRows() if self.family else []
        return self.members.row_at(rows[0].row()) if rows else None

    def _member_chosen(self) -> None:
        member = self.selected_member()
        self.consents.set_rows(member.consents if member else [])
        self.consents_label.setText(
            _("Consents of {name}").format(name=member.full_name) if member else ""
        )
        for key in ("member", "remove", "consent", "withdraw", "privacy", "access", "erasure"):
            self.buttons[key].setEnabled(member is not None)

    def _refresh(self, detail: FamilyDetail | None = None) -> None:
        if detail is not None:
            self.show_family(detail)
        elif self.family is not None:
            self.runner.read(
                registry.get_family, self.family.id, on_done=self.show_family, owner=self
            )
        self.changed.emit()

    # -- actions -------------------------------------------------------------
    def edit_family(self) -> None:
        if self.family is None:
            return
        dialog = FamilyDialog(self.runner, self.family, self)
        dialog.saved.connect(self._refresh)
        dialog.open()

    def member_dialog(self, member=None) -> MemberDialog:  # type: ignore[no-untyped-def]
        assert self.family is not None
        dialog = MemberDialog(self.runner, self.family.id, member, self)
        dialog.saved.connect(self._refresh)
        dialog.open_family.connect(self.open_family.emit)
        return dialog

    def add_member(self) -> None:
        if self.family is not None:
            self.member_dialog().open()

    def edit_member(self) -> None:
        member = self.selected_member()
        if member is not None:
            self.member_dialog(member.as_input()).open()

    def remove_member(self) -> None:
        member = self.selected_member()
        if member is None:
            return
        answer = QMessageBox.question(
            self,
            _("Remove member"),
            _("Remove {name} from this family? Their consents are removed too.").format(
                name=member.full_name
            ),
        )
        if answer == QMessageBox.StandardButton.Yes:
            self.runner.write(
                registry.remove_member,
                member.id,
                member.version,
                on_done=lambda _r: self._refresh(),
                owner=self,
            )

    def record_consent(self) -> None:
        member = self.selected_member()
        if self.family is None or member is None:
            return
        dialog = ConsentDialog(self.runner, self.family, member, self)
        dialog.saved.connect(lambda _row: self._refresh())
        dialog.open()

    def withdraw_consent(self) -> None:
        rows = self.consents_view.selectionModel().selectedRows()
        if not rows:
            show_error(self, ValidationError("consent", _("Select a consent in the list first.")))
            return
        consent = self.consents.row_at(rows[0].row())
        self.runner.write(
            registry.withdraw_consent,
            consent.id,
            consent.version,
            clock.today(),
            on_done=lambda _r: self._refresh(),
            owner=self,
        )

    # -- printing and privacy rights (ui.families.papers) ---------------------
    def print_intake(self) -> None:
        if self.family is not None:
            papers.print_form(
                self.runner, self, "intake", self.family.id, self.form_language.currentData()
            )

    def print_privacy(self) -> None:
        member = self.selected_member()
        if member is not None:
            papers.print_form(
                self.runner, self, "privacy", member.id, self.form_language.currentData()
            )

    def request_erasure(self) -> None:
        """The desk records that the selected member asked to be erased (decided later by a
        coordinator on the Privacy and audit page)."""
        member = self.selected_member()
        if member is not None:
            self.erasure_dialog = papers.request_erasure(self.runner, self, member)

    def export_personal_data(self) -> None:
        """Write the selected member's data (art. 15: JSON and PDF) into a folder they choose."""
        member = self.selected_member()
        if member is not None:
            papers.export_personal_data(self.runner, self, member, self.form_language.currentData())
