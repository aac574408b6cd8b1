"""Adding and changing organisations and services (``SETTINGS``: coordinators, admins).

Edits carry the version that was read (a conflict is refused, nothing written). Every
wrong field is reported at once, in the operator's language, naming the field.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from datetime import date

from babel import Locale
from sqlalchemy import delete
from sqlalchemy.orm import Session

from familydesk.db.database import load_for_update
from familydesk.db.models.directory import (
    ACCESS_MODES,
    ORGANISATION_KINDS,
    DirectoryService,
    DirectoryServiceNeed,
    Organisation,
)
from familydesk.db.models.frontdesk import Need
from familydesk.directory.records import (
    OrganisationRow,
    ServiceRow,
    get_service,
    organisation_row,
)
from familydesk.i18n import N_, _
from familydesk.kernel import clock
from familydesk.kernel.errors import FieldErrors
from familydesk.kernel.fields import EMAIL, PHONE, clean_text, touch
from familydesk.trust import permissions

#: The oldest and youngest ages a service can name.
MAX_AGE = 120


@dataclass(frozen=True)
class OrganisationInput:
    """A new organisation (``id`` None) or the changes to one (``id`` and ``version``)."""

    name: str
    kind: str = "other"
    tax_code: str = ""
    comune_name: str = ""
    comune_code: str = ""
    address: str = ""
    postal_code: str = ""
    phone: str = ""
    email: str = ""
    web: str = ""
    notes: str = ""
    active: bool = True
    id: int | None = None
    version: int | None = None


@dataclass(frozen=True)
class ServiceInput:
    """A new service (``id`` None) or the changes to one (``id`` and ``version``)."""

    organisation_id: int
    name: str
    #: The needs it serves, the first being its category.
    need_ids: tuple[int, ...] = ()
    description: str = ""
    comune_name: str = ""
    comune_code: str = ""
    address: str = ""
    postal_code: str = ""
    whole_area: bool = False
    phone: str = ""
    email: str = ""
    web: str = ""
    hours: str = ""
    age_min: int | None = None
    age_max: int | None = None
    audience: str = ""
    residence: str = ""
    cost: str = ""
    #: ISO 639-1 codes ("it", "ar").
    languages: tuple[str, ...] = ()
    access: str = "walk_in"
    bring: str = ""
    contact_person: str = ""
    checked_on: date | None = None
    active: bool = True
    id: int | None = None
    version: int | None = None


#: Text fields: (field, label, longest), shared by organisations and services.
_COMMON_TEXTS = (
    ("comune_name", N_("Comune"), 100),
    ("address", N_("Address"), 300),
    ("phone", N_("Phone"), 50),
    ("email", N_("E-mail"), 200),
    ("web", N_("Web site"), 300),
)


def _label(text: str) -> str:
    return _(text)


def _texts(errors: FieldErrors, data: object, specs: tuple) -> dict[str, str]:
    found = {}
    for field, label, length in specs:
        value = errors.check(clean_text, field, _label(label), getattr(data, field), length)
        found[field] = value if value is not None else ""
    return found


def _check_contacts(errors: FieldErrors, data: object) -> tuple[str, str]:
    """The phone, e-mail shape, and the CAP (five digits) and comune code (four characters)."""
    phone, email = data.phone.strip(), data.email.strip()  # type: ignore[attr-defined]
    if email and not EMAIL.match(email):
        errors.add("email", _("E-mail: expected an address like nome@esempio.it."))
    if phone and not PHONE.match(phone):
        errors.add("phone", _("Phone: use digits, spaces and + only, for example 347 1234567."))
    postal_code = "".join(data.postal_code.split())  # type: ignore[attr-defined]
    if postal_code and not (len(postal_code) == 5 and postal_code.isdigit()):
        errors.add("postal_code", _("CAP: expected five digits, for example 46029."))
    code = data.comune_code.strip().upper()  # type: ignore[attr-defined]
    if code and not (len(code) == 4 and code[0].isalpha() and code[1:].isdigit()):
        errors.add(
            "comune_code", _("Comune: choose it from the list (a cadastral code like L020).")
        )
    return postal_code, code


def save_organisation(session: Session, data: OrganisationInput) -> OrganisationRow:
    """Add or change an organisation. Needs ``SETTINGS``."""
    permissions.require(session, permissions.SETTINGS)
    errors = FieldErrors()
    name = errors.check(clean_text, "name", _("Name"), data.name, 200, required=True)
    texts = _texts(errors, data, (*_COMMON_TEXTS, ("notes", N_("Notes"), 5000)))
    tax_code = "".join(data.tax_code.split()).upper()
    if tax_code and not (
        (len(tax_code) == 11 and tax_code.isdigit()) or (len(tax_code) == 16 and tax_code.isalnum())
    ):
        errors.add(
            "tax_code",
            _("Tax code: 11 digits (partita IVA) or 16 characters (codice fiscale)."),
        )
    if data.kind not in ORGANISATION_KINDS:
        errors.add("kind", _("Kind: choose one from the list."))
    postal_code, code = _check_contacts(errors, data)
    errors.raise_any()
    organisation = (
        Organisation()
        if data.id is None
        else load_for_update(session, Organisation, data.id, data.version or 0)
    )
    organisation.name, organisation.kind, organisation.tax_code = name, data.kind, tax_code
    for field, value in texts.items():
        setattr(organisation, field, value)
    organisation.postal_code, organisation.comune_code = postal_code, code
    organisation.active = data.active
    session.add(organisation)
    session.flush()
    return organisation_row(organisation)


def language_codes() -> frozenset[str]:
    """The two-letter ISO 639-1 codes Babel knows."""
    return frozenset(code for code in Locale("en").languages if len(code) == 2)


def _check_service(errors: FieldErrors, session: Session, data: ServiceInput) -> tuple[str, ...]:
    if session.get(Organisation, data.organisation_id) is None:
        errors.add("organisation_id", _("Organisation: choose one from the directory."))
    if data.access not in ACCESS_MODES:
        errors.add("access", _("How to get in: walk in, by appointment or only on referral."))
    for field, value in (("age_min", data.age_min), ("age_max", data.age_max)):
        if value is not None and not 0 <= value <= MAX_AGE:
            errors.add(field, _("Age: a number of years from 0 to {max}.").format(max=MAX_AGE))
    if data.age_min is not None and data.age_max is not None and data.age_min > data.age_max:
        errors.add("age_max", _("Ages: the upper age is below the lower one."))
    if data.checked_on is not None and data.checked_on > clock.today():
        errors.add("checked_on", _("Last checked: a day up to today."))
    known = {n.id for n in session.query(Need).filter(Need.id.in_(data.need_ids))}
    if len(set(data.need_ids)) != len(data.need_ids) or known != set(data.need_ids):
        errors.add("need_ids", _("Needs: choose them from the needs list, each once."))
    languages = tuple(dict.fromkeys(code.strip().lower() for code in data.languages if code))
    unknown = [code for code in languages if code not in language_codes()]
    if unknown:
        errors.add(
            "languages",
            _("Languages: {codes} is not a language code (it, en, ar...).").format(
                codes=", ".join(unknown)
            ),
        )
    return languages


_SERVICE_TEXTS = (
    ("description", N_("Description"), 5000),
    ("hours", N_("Opening hours"), 2000),
    ("audience", N_("Who it is for"), 2000),
    ("residence", N_("Residence"), 300),
    ("cost", N_("Cost"), 200),
    ("bring", N_("What to bring"), 2000),
    ("contact_person", N_("Contact person"), 200),
)


def save_service(session: Session, data: ServiceInput) -> ServiceRow:
    """Add or change a service and the needs it serves. Needs ``SETTINGS``."""
    permissions.require(session, permissions.SETTINGS)
    errors = FieldErrors()
    name = errors.check(clean_text, "name", _("Name"), data.name, 200, required=True)
    texts = _texts(errors, data, (*_COMMON_TEXTS, *_SERVICE_TEXTS))
    postal_code, code = _check_contacts(errors, data)
    languages = _check_service(errors, session, data)
    errors.raise_any()
    service = (
        DirectoryService()
        if data.id is None
        else load_for_update(session, DirectoryService, data.id, data.version or 0)
    )
    simple = {f.name for f in fields(ServiceInput)} - {"id", "version", "need_ids", "languages"}
    for field in simple - set(texts) - {"name", "postal_code", "comune_code"}:
        setattr(service, field, getattr(data, field))
    for field, value in texts.items():
        setattr(service, field, value)
    service.name, service.postal_code, service.comune_code = name, postal_code, code
    service.languages = ",".join(languages)
    session.add(service)
    session.flush()
    _set_needs(session, service, data.need_ids)
    return get_service(session, service.id)


def _set_needs(session: Session, service: DirectoryService, need_ids: tuple[int, ...]) -> None:
    current = [
        row.need_id
        for row in session.query(DirectoryServiceNeed)
        .filter_by(service_id=service.id)
        .order_by(DirectoryServiceNeed.position)
    ]
    if current == list(need_ids):
        return
    session.execute(
        delete(DirectoryServiceNeed).where(DirectoryServiceNeed.service_id == service.id)
    )
    for position, need_id in enumerate(need_ids):
        session.add(DirectoryServiceNeed(service_id=service.id, need_id=need_id, position=position))
    touch(service)
    session.flush()


def mark_checked(session: Session, service_id: int, version: int) -> ServiceRow:
    """Record that the entry was checked today (it leaves the review list)."""
    permissions.require(session, permissions.SETTINGS)
    service = load_for_update(session, DirectoryService, service_id, version)
    service.checked_on = clock.today()
    session.flush()
    return get_service(session, service.id)
