"""Record a contact with the keyboard alone: who came (a person found by the search, or an
anonymous visitor), how, sent by whom, and one or more requests. Ctrl+Enter saves, Ctrl+R
adds another request, Esc cancels; errors show under the field they are about."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QIntValidator, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from familydesk import frontdesk
from familydesk.directory.records import list_services
from familydesk.frontdesk import (
    CHANNELS,
    ContactInput,
    ContactRow,
    NeedRow,
    RequestInput,
    VisitorLists,
)
from familydesk.i18n import N_, _, format_date
from familydesk.kernel.errors import FamilyDeskError, ValidationError
from familydesk.registry import PersonHit
from familydesk.ui.frontdesk.list_edit import ListEdit
from familydesk.ui.frontdesk.request_editor import RequestEditor, with_error
from familydesk.ui.shell.errors import show_error
from familydesk.ui.shell.runner import OpChanges, Runner
from familydesk.ui.widgets.fields import ErrorLine

#: Who usually sends people to the desk (the operator may type anything else).
REFERRED_BY = [
    N_("school"),
    N_("health service (consultorio, paediatrician)"),
    N_("social services"),
    N_("word of mouth"),
    N_("another family"),
    N_("association or parish"),
    N_("website or social media"),
]
SAVE_KEYS = ("Ctrl+Return", "Ctrl+Enter")
DIRECTORY_TABLES = frozenset({"directory_service", "organisation", "directory_service_need"})


class ContactForm(QWidget):
    """``saved(ContactRow, requests)`` after a save, with the saved requests whose outcome is
    "appointment booked" (to book now); ``cancelled()`` on Esc. ``start()`` opens it."""

    saved = Signal(object, object)
    cancelled = Signal()

    def __init__(self, runner: Runner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.runner = runner
        self.person: PersonHit | None = None
        self.active = False
        self.pending: list[RequestInput] = []
        self.title = QLabel()
        self.title.setObjectName("familyTitle")
        self.title.setWordWrap(True)
        self.subtitle = QLabel()
        self.notice = QLabel()
        self.notice.setObjectName("banner")
        self.notice.setWordWrap(True)
        self.notice.hide()
        self.errors: dict[str, ErrorLine] = {}
        self.labels: dict[str, QLabel] = {}

        self.sex = QComboBox()
        self.sex.addItems(["", "F", "M"])
        self.birth_year = QLineEdit()
        self.birth_year.setValidator(QIntValidator(0, 9999, self))
        self.birth_year.setMaxLength(4)
        self.citizenship = ListEdit()
        self.citizenship.setObjectName("anonCitizenship")
        self.comune = ListEdit()
        self.comune.setObjectName("anonComune")
        self.channel = QComboBox()
        for key in CHANNELS:
            self.channel.addItem("", key)
        self.referred_by = QComboBox()
        self.referred_by.setEditable(True)
        self.referred_by.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.anon_rows: list[QWidget] = []
        self.fields: dict[str, QWidget] = {
            "anon_sex": self.sex,
            "anon_birth_year": self.birth_year,
            "anon_citizenship": self.citizenship,
            "anon_comune": self.comune,
            "channel": self.channel,
            "referred_by": self.referred_by,
        }
        for key, field in self.fields.items():
            box, self.errors[key] = with_error(field)
            self.labels[key] = QLabel()
            self.labels[key].setBuddy(field)
            form.addRow(self.labels[key], box)
            if key.startswith("anon_"):
                self.anon_rows += [self.labels[key], box]
        operator = runner.database.operator or ""
        self.request = RequestEditor(form, operator, self)
        self.pending_label = QLabel()
        self.pending_label.setWordWrap(True)
        self.error = ErrorLine()
        self.save_button = QPushButton()
        self.save_button.setObjectName("saveContact")
        self.save_button.setDefault(True)
        self.another_button = QPushButton()
        self.cancel_button = QPushButton()
        buttons = QHBoxLayout()
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.another_button)
        buttons.addStretch(1)
        buttons.addWidget(self.cancel_button)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for widget in (self.title, self.subtitle, self.notice):
            layout.addWidget(widget)
        layout.addLayout(form)
        layout.addWidget(self.pending_label)
        layout.addWidget(self.error)
        layout.addLayout(buttons)
        layout.addStretch(1)

        self.save_button.clicked.connect(self.save)
        self.another_button.clicked.connect(self.add_another)
        self.cancel_button.clicked.connect(self.cancel)
        context = Qt.ShortcutContext.WidgetWithChildrenShortcut
        for keys, slot in (
            (SAVE_KEYS[0], self.save),
            (SAVE_KEYS[1], self.save),
            ("Ctrl+R", self.add_another),
            ("Escape", self.cancel),
        ):
            QShortcut(QKeySequence(keys), self, slot, context=context)
        self.services_loaded = False
        runner.changed.connect(self._changed)
        self.retranslate_ui()
        self.reset()

    def retranslate_ui(self) -> None:
        texts = {
            "anon_sex": _("&Sex"),
            "anon_birth_year": _("Birth y&ear"),
            "anon_citizenship": _("Citi&zenship"),
            "anon_comune": _("Co&mune"),
            "channel": _("&Channel"),
            "referred_by": _("Referred &by"),
        }
        for key, text in texts.items():
            self.labels[key].setText(text)
        for index, key in enumerate(CHANNELS):
            self.channel.setItemText(index, _(CHANNELS[key]))
        typed = self.referred_by.currentText()
        self.referred_by.clear()
        self.referred_by.addItems([_(text) for text in REFERRED_BY])
        self.referred_by.setEditText(typed)
        self.referred_by.lineEdit().setPlaceholderText(_("who sent them (optional)"))
        self.citizenship.setPlaceholderText(_("type to choose, e.g. marocchina"))
        self.comune.setPlaceholderText(_("type to choose, e.g. Suzzara"))
        self.request.retranslate_ui()
        self.save_button.setText(_("Save (Ctrl+Enter)"))
        self.another_button.setText(_("Another request (Ctrl+R)"))
        self.cancel_button.setText(_("Cancel (Esc)"))
        self._show_pending()
        self._show_who()

    # -- lists from the database ---------------------------------------------
    def set_needs(self, needs: list[NeedRow]) -> None:
        self.request.set_needs(needs)

    def set_owners(self, names: list[str]) -> None:
        self.request.set_owners(names)

    def load_services(self) -> None:
        """The directory's services, read once (again when the directory changes)."""
        self.services_loaded = True
        self.runner.read(list_services, on_done=self.request.referral_to.set_services, owner=self)

    def _changed(self, changes: OpChanges) -> None:
        if self.services_loaded and changes.touches(DIRECTORY_TABLES):
            self.load_services()

    def _show_comune(self, family_id: int | None) -> None:
        self.request.comune_code = ""
        if family_id is None:
            return

        def shown(code: str) -> None:
            if self.person is not None and self.person.family_id == family_id:
                self.request.comune_code = code

        self.runner.read(frontdesk.family_comune_code, family_id, on_done=shown, owner=self)

    def set_visitor_lists(self, lists: VisitorLists) -> None:
        """The comuni and citizenships an anonymous visitor's are picked from."""
        self.comune.set_entries(lists.comuni)
        self.citizenship.set_entries(lists.citizenships)

    # -- opening, closing ------------------------------------------------------
    def start(self, person: PersonHit | None, already: str = "") -> None:
        """Record a contact of ``person`` (None: an anonymous visitor). What was typed for the
        previous choice stays (the operator picked someone else); ``already`` warns that the
        person has a contact today, to which the requests are added."""
        self.active = True
        self.person = person
        self._show_errors(None)
        for widget in self.anon_rows:
            widget.setVisible(person is None)
        self.notice.setText(already)
        self.notice.setVisible(bool(already))
        self._show_who()
        if not self.services_loaded:
            self.load_services()
        self._show_comune(person.family_id if person else None)
        (self.sex if person is None else self.request.need).setFocus()

    def reset(self) -> None:
        self.active = False
        self.person = None
        self.pending = []
        self.request.clear()
        self.sex.setCurrentIndex(0)
        for edit in (self.birth_year, self.citizenship, self.comune):
            edit.clear()
        self.channel.setCurrentIndex(0)
        self.referred_by.setEditText("")
        self._show_errors(None)
        self._show_pending()

    def cancel(self) -> None:
        self.reset()
        self.cancelled.emit()

    def _show_who(self) -> None:
        person = self.person
        if person is None:
            self.title.setText(_("Anonymous visitor"))
            self.subtitle.setText(_("Statistics only: no name is recorded."))
            return
        self.title.setText(f"{person.surname} {person.given_name}")
        parts = [
            _("{name} family").format(name=person.family_name),
            person.comune,
            _("born {date}").format(date=format_date(person.birth_date))
            if person.birth_date
            else "",
        ]
        self.subtitle.setText(" · ".join(part for part in parts if part))

    def _show_pending(self) -> None:
        lines = [f"{n}. {self.request.describe(r)}" for n, r in enumerate(self.pending, start=1)]
        self.pending_label.setText(
            _("Requests already added:\n{lines}").format(lines="\n".join(lines)) if lines else ""
        )
        self.pending_label.setVisible(bool(lines))

    # -- saving ----------------------------------------------------------------
    def contact_input(self) -> tuple[ContactInput, list[tuple[str, str]]]:
        """The contact as typed, and what of it cannot even be read (left out of it)."""
        requests = list(self.pending)
        unreadable: list[tuple[str, str]] = []
        if not self.request.is_blank():  # none at all: the service says one is needed
            request, unreadable = self.request.value()
            requests.append(request)
        year = self.birth_year.text().strip()
        contact = ContactInput(
            channel=self.channel.currentData(),
            person_id=self.person.person_id if self.person else None,
            anon_sex=self.sex.currentText(),
            anon_birth_year=int(year) if year else None,
            anon_citizenship=self.citizenship.text(),
            anon_comune=self.comune.text(),
            referred_by=self.referred_by.currentText(),
            requests=tuple(requests),
        )
        return contact, unreadable

    def save(self) -> None:
        if not self.active:
            return
        self._show_errors(None)
        contact, unreadable = self.contact_input()
        if unreadable:  # and what the service would refuse besides, all together
            self.runner.read(
                frontdesk.check_contact,
                contact,
                owner=self,
                on_done=lambda _r: self._show_errors(ValidationError(*unreadable[0])),
                on_error=lambda exc: self._failed(exc, unreadable),
            )
            return
        self.runner.write(
            frontdesk.record_contact,
            contact,
            owner=self,
            on_error=self._failed,
            on_done=lambda row: self._saved(row, len(contact.requests)),
        )

    def _saved(self, row: ContactRow, count: int) -> None:
        self.reset()
        self.saved.emit(row, frontdesk.requests_to_book(row, count))

    def add_another(self) -> None:
        """Check the request being typed and keep it; the fields empty for the next one."""
        if not self.active:
            return
        self._show_errors(None)
        request, unreadable = self.request.value()
        on_done = (
            (lambda _r: self._show_errors(ValidationError(*unreadable[0])))
            if unreadable
            else (lambda _r: self._added(request))
        )
        self.runner.read(
            frontdesk.check_request,
            request,
            on_done=on_done,
            on_error=lambda exc: self._failed(exc, unreadable),
            owner=self,
        )

    def _added(self, request: RequestInput) -> None:
        self.pending.append(request)
        self.request.clear()
        self._show_pending()
        self.request.need.setFocus()

    def _failed(self, exc: BaseException, unreadable: Sequence[tuple[str, str]] = ()) -> None:
        """What the service refused, with ``unreadable`` fields of the form's own beside it."""
        if isinstance(exc, ValidationError) and unreadable:
            refused = [e for e in exc.errors if e[0] not in {f for f, _m in unreadable}]
            (field, message), *more = [*unreadable, *refused]
            exc = ValidationError(field, message, tuple(more))
        if isinstance(exc, FamilyDeskError):
            self._show_errors(exc)
        else:
            show_error(self, exc)  # a bug: the friendly dialog, never a traceback

    def field_order(self) -> list[str]:
        """The fields that can be wrong, top to bottom."""
        return [*self.fields, *self.request.errors]

    def _show_errors(self, exc: FamilyDeskError | None) -> None:
        """Every wrong field's message under it, top to bottom; the cursor in the topmost."""
        for line in self.errors.values():
            line.show_message("")
        self.error.show_message("")
        self.request.show_errors([])
        if exc is None:
            return
        errors = exc.errors if isinstance(exc, ValidationError) else (("", exc.message),)
        order = self.field_order()
        errors = sorted(errors, key=lambda e: order.index(e[0]) if e[0] in order else len(order))
        mine: dict[str, list[str]] = {}
        general: list[str] = []
        for field, message in errors:
            if field in self.errors:
                mine.setdefault(field, []).append(message)
            elif field not in self.request.errors:
                general.append(message)
        for field, messages in mine.items():
            self.errors[field].show_message("\n".join(messages))
        self.request.show_errors([e for e in errors if e[0] in self.request.errors])
        self.error.show_message("\n".join(general))
        top = errors[0][0]
        if top in self.fields:
            self.fields[top].setFocus()
        else:
            self.request.focus(top)
