"""Printing from the directory: the referral slip of a contact and the guide to the services
(the whole guide, or the one-page list for one need and/or one comune).

Services for the CLI and the GUI runner: each needs ``PRINT`` (the slip also
``FRONTDESK``: it reads a contact), reads with the given session (never commits), builds the
PDF in the form's language (default: the interface language), audits the print (the slip by
the contact's uid: it is personal data; the log names ids, never people) and writes the file
atomically. Nothing to print is refused with a sentence, and no file is written. Run them as
writes (``Database.write`` / ``runner.write``). Importing this module loads ReportLab.
"""

from __future__ import annotations

import logging
import uuid
from datetime import date
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from familydesk import i18n
from familydesk.db.models.frontdesk import Contact, Need
from familydesk.db.models.registry import Family, Person
from familydesk.directory.guide_sheet import (
    GuideCategory,
    GuideData,
    GuideGroup,
    ServiceEntry,
    guide_pdf,
)
from familydesk.directory.records import ServiceRow, get_service, list_services, require_read
from familydesk.directory.referral_slip import Referral, ReferralSlipData, referral_slip_pdf
from familydesk.directory.search import search
from familydesk.forms.address import postal_address
from familydesk.forms.base import FormLanguage
from familydesk.frontdesk.needs import MACRO_AREAS, NEED_NAMES
from familydesk.i18n import N_, _
from familydesk.italy import comuni
from familydesk.kernel import clock
from familydesk.kernel.errors import NotFoundError, ValidationError
from familydesk.kernel.files import write_atomically
from familydesk.kernel.text import fold
from familydesk.registry.centre import get_centre, list_member_comuni, province_of
from familydesk.trust import audit, permissions

log = logging.getLogger(__name__)


def service_entry(session: Session, row: ServiceRow) -> ServiceEntry:
    """``row`` as printed: its place (CAP, comune and province) and the organisation's
    contacts where the service has none of its own."""
    province = province_of(session, row.place_comune_code, row.place_comune)
    return ServiceEntry(
        name=row.name,
        organisation=row.organisation.name,
        description=row.description,
        address=postal_address(
            row.place_address, row.place_postal_code, row.place_comune, province
        ),
        phone=row.reach_phone,
        email=row.reach_email,
        web=row.reach_web,
        hours=row.hours,
        age_min=row.age_min,
        age_max=row.age_max,
        audience=row.audience,
        residence=row.residence,
        cost=row.cost,
        languages=row.languages,
        access=row.access,
        bring=row.bring,
        contact_person=row.contact_person,
    )


# -- the referral slip ------------------------------------------------------------------
def load_contact(session: Session, key: int | str) -> Contact:
    """A contact by its uid (or id), or ``NotFoundError``."""
    contact = None
    text = str(key).strip()
    if isinstance(key, int) or text.isdigit():
        contact = session.get(Contact, int(text))
    else:
        try:
            contact = session.scalar(select(Contact).where(Contact.uid == uuid.UUID(text)))
        except ValueError:
            contact = None
    if contact is None:
        raise NotFoundError(_("No contact {key}: it may have been deleted.").format(key=text))
    return contact


def _who(session: Session, contact: Contact) -> tuple[str, str]:
    person = session.get(Person, contact.person_id) if contact.person_id else None
    family = session.get(Family, contact.family_id) if contact.family_id else None
    person_name = f"{person.first_name} {person.last_name}".strip() if person else ""
    return person_name, family.name if family else ""


def print_referral(
    session: Session,
    contact_uid: str,
    path: Path,
    language: str | None = None,
    today: date | None = None,
) -> Path:
    """The referral slip of the contact ``contact_uid``, for the family, written to ``path``:
    every request of the contact that sends the family to a service, the directory's ones
    with their details. ``ValidationError`` (no file) when the contact has no referral."""
    permissions.require(session, permissions.PRINT)
    permissions.require(session, permissions.FRONTDESK)
    contact = load_contact(session, contact_uid)
    referrals: list[Referral] = []
    for request in contact.requests:
        if "referral" not in request.outcomes.split(","):
            continue
        if request.service_id is not None:
            referrals.append(
                Referral(service_entry(session, get_service(session, request.service_id)))
            )
        elif request.referral_to.strip():
            referrals.append(Referral(None, request.referral_to.strip()))
    if not referrals:
        raise ValidationError(
            "contact",
            _("This contact sent the family to no service: there is no referral slip to print."),
        )
    person, family = _who(session, contact)
    data = ReferralSlipData(
        str(contact.uid), contact.contact_date, person, family, tuple(referrals)
    )
    pdf = referral_slip_pdf(data, get_centre(session), language or i18n.current_language(), today)
    session.flush()
    audit.record(session, "print", contact, note=f"referral slip: {len(referrals)}")
    session.flush()
    out = write_atomically(Path(path), pdf)
    log.info("Printed the referral slip of contact %s (%d referrals)", contact.id, len(referrals))
    return out


# -- the guide --------------------------------------------------------------------------
def _need_key(session: Session, need_key: str) -> Need:
    need = session.scalar(select(Need).where(Need.key == need_key.strip()))
    if need is None:
        keys = ", ".join(session.scalars(select(Need.key).order_by(Need.position, Need.id)))
        raise ValidationError(
            "need",
            _("Need: no need has the key {key}; the keys are: {keys}.").format(
                key=need_key, keys=keys
            ),
        )
    return need


def _comune_name(session: Session, rows: list[ServiceRow], comune: str) -> str:
    """The comune ``comune`` names (a name, any case or accents, or a cadastral code), as
    it is written; ``ValidationError`` when no comune is called so."""
    wanted = fold(comune.strip())
    for row in rows:
        if wanted in (fold(row.place_comune), fold(row.place_comune_code)) and row.place_comune:
            return row.place_comune
    for member in list_member_comuni(session):
        if wanted in (fold(member.name), fold(member.cadastral_code)):
            return member.name
    found = comuni.by_code(comune) or next(
        (c for c in comuni.search(comune, limit=5) if fold(c.name) == wanted), None
    )
    if found is None:
        raise ValidationError(
            "comune",
            _("Comune: no comune is called {name}; write its name, e.g. Pegognaga.").format(
                name=comune.strip()
            ),
        )
    return found.name


def _need_title(need: Need, lang: FormLanguage) -> str:
    return need.name or lang(NEED_NAMES.get(need.key, need.key))


def _categories(
    session: Session, rows: list[ServiceRow], lang: FormLanguage
) -> tuple[GuideCategory, ...]:
    """``rows`` by their first need in the taxonomy's order (services without one last),
    then by comune: the whole area's first, then the comuni by name."""
    needs = list(session.scalars(select(Need).order_by(Need.position, Need.id)))
    by_need: dict[str, list[ServiceRow]] = {}
    for row in rows:
        by_need.setdefault(row.category, []).append(row)
    categories = []
    for need in [*needs, None]:
        chosen = by_need.get(need.key if need else "", [])
        if not chosen:
            continue
        if need is None:
            title, area, area_name = lang(N_("Other services")), "", ""
        else:
            area = need.macro_area
            area_name = lang(MACRO_AREAS[area]) if area in MACRO_AREAS else ""
            title = _need_title(need, lang)
        categories.append(GuideCategory(title, area, area_name, _groups(session, chosen, lang)))
    return tuple(categories)


def _groups(session: Session, rows: list[ServiceRow], lang: FormLanguage) -> tuple[GuideGroup, ...]:
    whole = [r for r in rows if r.whole_area]
    by_comune: dict[str, list[ServiceRow]] = {}
    for row in rows:
        if not row.whole_area:
            by_comune.setdefault(row.place_comune, []).append(row)
    groups = [GuideGroup("", tuple(service_entry(session, r) for r in _by_name(whole)))]
    for name in sorted(by_comune, key=lambda n: (not n, fold(n))):
        entries = tuple(service_entry(session, r) for r in _by_name(by_comune[name]))
        groups.append(GuideGroup(name or lang(N_("Comune not given")), entries))
    return tuple(g for g in groups if g.services)


def _by_name(rows: list[ServiceRow]) -> list[ServiceRow]:
    return sorted(rows, key=lambda r: (fold(r.name), fold(r.organisation.name), r.id))


def print_guide(
    session: Session,
    path: Path,
    need_key: str | None = None,
    comune: str | None = None,
    language: str | None = None,
    on: date | None = None,
) -> Path:
    """The guide to the active services, written to ``path``; with ``need_key`` and/or
    ``comune`` (a name or cadastral code: its services and those of the whole area) the
    one-page list for them. ``ValidationError`` naming the field for an unknown need or
    comune, or when nothing is left to print (no file is written)."""
    permissions.require(session, permissions.PRINT)
    require_read(session)
    code = language or i18n.current_language()
    lang = FormLanguage.of(code)
    on = on or clock.today()
    rows = list_services(session)
    need = _need_key(session, need_key) if need_key else None
    place = _comune_name(session, rows, comune) if comune else ""
    chosen = search(rows, "", need.key if need else None, comune.strip() if comune else None)
    if not chosen:
        raise ValidationError(
            "guide",
            _("There is no active service in the directory to print for this choice."),
        )
    data = GuideData(
        _categories(session, chosen, lang)
        if need is None
        else _one_need(session, chosen, need, lang),
        on,
        need=_need_title(need, lang) if need else "",
        comune=place,
    )
    pdf = guide_pdf(data, get_centre(session), code)
    session.flush()
    audit.record(
        session,
        "print",
        note=f"services guide: {len(chosen)}",
        table_name="directory_service",
    )
    session.flush()
    out = write_atomically(Path(path), pdf)
    log.info("Printed the services guide (%d services)", len(chosen))
    return out


def _one_need(
    session: Session, rows: list[ServiceRow], need: Need, lang: FormLanguage
) -> tuple[GuideCategory, ...]:
    """The list for one need: every service serving it (not only as its first need)."""
    area = need.macro_area
    area_name = lang(MACRO_AREAS[area]) if area in MACRO_AREAS else ""
    return (GuideCategory(_need_title(need, lang), area, area_name, _groups(session, rows, lang)),)
