"""Settings: the centre's details, logo, member comuni and language; appointments, cards."""

from __future__ import annotations

from dataclasses import replace
from functools import partial

from PySide6.QtCore import Qt
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from familydesk import i18n
from familydesk.i18n import _
from familydesk.kernel import preferences
from familydesk.kernel.errors import ValidationError
from familydesk.registry import centre
from familydesk.trust import permissions
from familydesk.ui.settings.access import confirm_language, who_can_change_text
from familydesk.ui.settings.appointments import AppointmentsSettings
from familydesk.ui.settings.backups import BackupsBox
from familydesk.ui.settings.cards import CardTypesSettings
from familydesk.ui.settings.encryption import EncryptionBox
from familydesk.ui.settings.member_comuni import MemberComuniBox
from familydesk.ui.settings.operators import OperatorsBox
from familydesk.ui.shell.errors import show_error
from familydesk.ui.widgets.page import Page, PageContext

LOGO_PREVIEW = 96


class SettingsPage(Page):
    shows = frozenset(
        {
            "site",
            "member_comune",
            "operator",
            "service",
            "staff",
            "place",
            "room",
            "opening_hours",
            "closure",
            "absence",
            "card_type",
        }
    )

    def __init__(self, context: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self._details: centre.CentreDetails | None = None
        self._logo: bytes | None = None

        content = QWidget()
        column = QVBoxLayout(content)
        # Disabled fields alone do not say why: name the roles that may change them.
        self.who_can = QLabel()
        self.who_can.setObjectName("whoCanChange")
        self.who_can.setWordWrap(True)
        self.who_can.setVisible(not context.may(permissions.SETTINGS))
        column.addWidget(self.who_can)
        column.addWidget(self._build_centre_box())
        self.comuni_box = MemberComuniBox(context.runner)
        column.addWidget(self.comuni_box)
        self.backups_box = BackupsBox(context.runner)
        column.addWidget(self.backups_box)
        column.addWidget(self._build_language_box())
        column.addWidget(EncryptionBox(context))
        if context.may(permissions.MANAGE_OPERATORS):
            self.operators_box: OperatorsBox | None = OperatorsBox(context.runner)
            column.addWidget(self.operators_box)
        else:
            self.operators_box = None
        column.addStretch(1)
        # The centre's details and comuni are the coordinators' (the service refuses others).
        for box in (self.centre_box, self.comuni_box):
            box.setEnabled(context.may(permissions.SETTINGS))
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(content)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        self.tabs = QTabWidget()
        self.tabs.setTabBarAutoHide(True)  # a single tab needs no bar
        self.tabs.addTab(scroll, "")
        self.appointments: AppointmentsSettings | None = None
        if context.may(permissions.SETTINGS):
            self.appointments = AppointmentsSettings(context.runner)
            self.tabs.addTab(self.appointments, "")
        self.card_types: CardTypesSettings | None = None
        if context.may(permissions.SETTINGS):
            self.card_types = CardTypesSettings(context.runner)
            self.tabs.addTab(self.card_types, "")
        self.tabs.currentChanged.connect(self._tab_shown)
        self.layout_.addWidget(self.tabs, 1)
        self.retranslate_ui()

    # -- building ----------------------------------------------------------
    def _build_centre_box(self) -> QGroupBox:
        self.centre_box = QGroupBox()
        form = QFormLayout(self.centre_box)
        self.fields: dict[str, QLineEdit] = {}
        self.field_labels: dict[str, QLabel] = {}
        for key in ("name", "address", "postcode", "town", "phone", "email"):
            edit = QLineEdit()
            edit.setObjectName(f"centre_{key}")
            label = QLabel()
            label.setBuddy(edit)
            form.addRow(label, edit)
            self.fields[key], self.field_labels[key] = edit, label
        self.logo_preview = QLabel()
        self.logo_preview.setFixedSize(LOGO_PREVIEW * 2, LOGO_PREVIEW)
        self.logo_preview.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.logo_preview.setObjectName("logoPreview")
        self.choose_logo = QPushButton()
        self.remove_logo = QPushButton()
        logo_row = QHBoxLayout()
        logo_row.addWidget(self.logo_preview)
        logo_row.addWidget(self.choose_logo)
        logo_row.addWidget(self.remove_logo)
        logo_row.addStretch(1)
        self.logo_label = QLabel()
        form.addRow(self.logo_label, logo_row)
        self.centre_error = QLabel()
        self.centre_error.setObjectName("errorLabel")
        self.centre_error.setWordWrap(True)
        self.save_button = QPushButton()
        self.save_button.setDefault(True)
        self.saved_label = QLabel()
        buttons = QHBoxLayout()
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.saved_label, 1)
        form.addRow(self.centre_error)
        form.addRow(buttons)
        self.choose_logo.clicked.connect(self._choose_logo)
        self.remove_logo.clicked.connect(lambda: self._set_logo(None))
        self.save_button.clicked.connect(self.save)
        return self.centre_box

    def _build_language_box(self) -> QGroupBox:
        self.language_box = QGroupBox()
        form = QFormLayout(self.language_box)
        self.language_combo = QComboBox()
        for code, name in i18n.LANGUAGES.items():
            self.language_combo.addItem(name, code)
        self.language_label = QLabel()
        form.addRow(self.language_label, self.language_combo)
        self.language_combo.setCurrentIndex(self.language_combo.findData(i18n.current_language()))
        self.language_combo.currentIndexChanged.connect(partial(confirm_language, self))
        self.lock_minutes = QSpinBox()
        self.lock_minutes.setObjectName("lockMinutes")
        self.lock_minutes.setRange(*preferences.LOCK_MINUTES_RANGE)
        self.lock_minutes.setValue(preferences.lock_minutes())
        self.lock_label = QLabel()
        form.addRow(self.lock_label, self.lock_minutes)
        self.lock_minutes.valueChanged.connect(self._lock_minutes_chosen)
        return self.language_box

    def _lock_minutes_chosen(self, minutes: int) -> None:
        """Saved for this PC and applied at once to the running screen lock."""
        from PySide6.QtWidgets import QApplication

        from familydesk.ui.shell.idle_lock import IdleLock

        preferences.set_lock_minutes(minutes)
        for lock in QApplication.instance().findChildren(IdleLock):
            lock.minutes = minutes

    # -- texts -------------------------------------------------------------
    def title(self) -> str:
        return _("Settings")

    def retranslate_ui(self) -> None:
        super().retranslate_ui()
        self.tabs.setTabText(0, _("General"))
        if self.appointments is not None:
            self.tabs.setTabText(1, _("Appointments"))
            self.appointments.retranslate_ui()
        if self.card_types is not None:
            self.tabs.setTabText(self.tabs.indexOf(self.card_types), self.card_types.title())
            self.card_types.retranslate_ui()
        self.who_can.setText(who_can_change_text())
        self.centre_box.setTitle(_("Centre (printed on every form)"))
        labels = {
            "name": _("&Name"),
            "address": _("&Address"),
            "postcode": _("&Postcode"),
            "town": _("&Town"),
            "phone": _("P&hone"),
            "email": _("&E-mail"),
        }
        for key, text in labels.items():
            self.field_labels[key].setText(text)
        self.fields["name"].setPlaceholderText(_("e.g. Centro per le Famiglie dell'Ambito"))
        self.logo_label.setText(_("Logo"))
        self.choose_logo.setText(_("Choose image…"))
        self.remove_logo.setText(_("Remove"))
        self.save_button.setText(_("&Save"))
        self.comuni_box.retranslate_ui()
        self.backups_box.retranslate_ui()
        if self.operators_box is not None:
            self.operators_box.retranslate_ui()
        self.language_box.setTitle(_("This computer"))
        self.language_label.setText(_("Interface language"))
        self.lock_label.setText(_("Lock the screen after"))
        self.lock_minutes.setSuffix(" " + _("minutes without activity"))
        self._show_logo()

    # -- data --------------------------------------------------------------
    def _tab_shown(self, _index: int) -> None:
        if self.appointments is not None and self.tabs.currentWidget() is self.appointments:
            self.appointments.load()
        if self.card_types is not None and self.tabs.currentWidget() is self.card_types:
            self.card_types.load()

    def activate(self) -> None:
        """Each time the page is shown, the last copy is read again (as the status bar)."""
        super().activate()
        self.backups_box.refresh()

    def load(self) -> None:
        self.runner.read(centre.get_centre, on_done=self._show_details, owner=self)
        self.comuni_box.load()
        if self.operators_box is not None:
            self.operators_box.load()

    def _show_details(self, details: centre.CentreDetails) -> None:
        self._details = details
        for key, edit in self.fields.items():
            edit.setText(getattr(details, key))
        self._set_logo(details.logo)
        self.centre_error.clear()
        self.ready.emit()

    def current_details(self) -> centre.CentreDetails | None:
        if self._details is None:
            return None
        values = {key: edit.text() for key, edit in self.fields.items()}
        return replace(self._details, logo=self._logo, **values)

    def save(self) -> None:
        details = self.current_details()
        if details is None:
            return
        self.centre_error.clear()
        self.saved_label.clear()
        try:
            centre.validate_centre(details)  # instant feedback; the service checks again
        except ValidationError as exc:
            self._field_error(exc)
            return
        self.runner.write(
            centre.save_centre, details, on_done=self._saved, on_error=self._save_failed, owner=self
        )

    def _saved(self, details: centre.CentreDetails) -> None:
        self._show_details(details)
        self.saved_label.setText(_("Saved."))

    def _save_failed(self, exc: BaseException) -> None:
        if isinstance(exc, ValidationError):
            self._field_error(exc)
        else:
            show_error(self, exc)

    def _field_error(self, exc: ValidationError) -> None:
        self.centre_error.setText(exc.message)
        edit = self.fields.get(exc.field)
        if edit is not None:
            edit.setFocus()
            edit.selectAll()

    # -- logo --------------------------------------------------------------
    def _choose_logo(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(
            self, _("Choose the centre's logo"), "", _("Images (*.png *.jpg *.jpeg)")
        )
        if path:
            self.load_logo_file(path)

    def load_logo_file(self, path: str) -> None:
        try:
            with open(path, "rb") as fh:
                data = fh.read(centre.MAX_LOGO_BYTES + 1)
        except OSError as exc:
            self.centre_error.setText(
                _("Logo: the file cannot be read ({detail}).").format(detail=exc.strerror)
            )
            return
        self._set_logo(data)

    def _set_logo(self, data: bytes | None) -> None:
        self._logo = data
        self._show_logo()

    def _show_logo(self) -> None:
        pixmap = QPixmap()
        if self._logo and pixmap.loadFromData(self._logo):
            self.logo_preview.setPixmap(
                pixmap.scaled(
                    self.logo_preview.size(),
                    Qt.AspectRatioMode.KeepAspectRatio,
                    Qt.TransformationMode.SmoothTransformation,
                )
            )
        else:
            self.logo_preview.setPixmap(QPixmap())
            self.logo_preview.setText(_("No logo"))
        self.remove_logo.setEnabled(self._logo is not None)
