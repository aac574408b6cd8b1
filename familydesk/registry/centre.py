"""The centre's own details and its member comuni (Settings).

Used on printed forms (letterhead) and in lists. Services take a session,
never commit, and return frozen dataclasses.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from familydesk.db.database import load_for_update
from familydesk.db.models.appointments import Place
from familydesk.db.models.registry import MemberComune, Site
from familydesk.i18n import _
from familydesk.italy.comuni import by_code
from familydesk.kernel.errors import ValidationError
from familydesk.kernel.fields import EMAIL, PHONE
from familydesk.kernel.paging import Page
from familydesk.trust import permissions

#: Largest logo accepted (bytes): it is printed on every form.
MAX_LOGO_BYTES = 1_000_000
_POSTCODE = re.compile(r"^\d{5}$")
_CADASTRAL = re.compile(r"^[A-Z]\d{3}$")
_PROVINCE = re.compile(r"^[A-Z]{2}$")
_IMAGE_MAGIC = {b"\x89PNG\r\n\x1a\n": "image/png", b"\xff\xd8\xff": "image/jpeg"}


@dataclass(frozen=True)
class CentreDetails:
    id: int
    code: str
    name: str
    address: str
    postcode: str
    town: str
    phone: str
    email: str
    logo: bytes | None
    logo_mime: str
    version: int


@dataclass(frozen=True)
class MemberComuneRow:
    id: int
    name: str
    province: str
    cadastral_code: str
    version: int


def _details(site: Site) -> CentreDetails:
    return CentreDetails(
        id=site.id,
        code=site.code,
        name=site.name,
        address=site.address,
        postcode=site.postcode,
        town=site.town,
        phone=site.phone,
        email=site.email,
        logo=site.logo,
        logo_mime=site.logo_mime,
        version=site.version,
    )


def _current_site(session: Session) -> Site:
    site = session.get(Site, session.info["site_id"])
    assert site is not None, "the database always has the current site"
    return site


def get_centre(session: Session) -> CentreDetails:
    """The current centre's details."""
    return _details(_current_site(session))


def image_mime(data: bytes) -> str | None:
    """``image/png`` or ``image/jpeg`` from the file's first bytes, else None."""
    for magic, mime in _IMAGE_MAGIC.items():
        if data.startswith(magic):
            return mime
    return None


def validate_centre(details: CentreDetails) -> None:
    """Raise ``ValidationError`` naming the first bad field."""
    if not details.name.strip():
        raise ValidationError("name", _("Centre name: please enter the name of the centre."))
    if len(details.name) > 200:
        raise ValidationError("name", _("Centre name: at most 200 characters."))
    if details.postcode.strip() and not _POSTCODE.match(details.postcode.strip()):
        raise ValidationError("postcode", _("Postcode: expected 5 digits, for example 46029."))
    if details.phone.strip() and not PHONE.match(details.phone.strip()):
        raise ValidationError(
            "phone", _("Phone: use digits, spaces and + only, for example 0376 123456.")
        )
    if details.email.strip() and not EMAIL.match(details.email.strip()):
        raise ValidationError(
            "email", _("E-mail: expected an address like centro.famiglie@comune.it.")
        )
    if details.logo is not None:
        if len(details.logo) > MAX_LOGO_BYTES:
            raise ValidationError("logo", _("Logo: the image must be smaller than 1 MB."))
        if image_mime(details.logo) is None:
            raise ValidationError("logo", _("Logo: expected a PNG or JPEG image."))


def save_centre(session: Session, details: CentreDetails) -> CentreDetails:
    """Save the centre's details; refuses a stale ``details.version``."""
    validate_centre(details)
    permissions.require(session, permissions.SETTINGS)
    site = load_for_update(session, Site, details.id, details.version)
    site.name = details.name.strip()
    site.address = details.address.strip()
    site.postcode = details.postcode.strip()
    site.town = details.town.strip()
    site.phone = details.phone.strip()
    site.email = details.email.strip()
    site.logo = details.logo
    site.logo_mime = (image_mime(details.logo) or "") if details.logo else ""
    session.flush()
    return _details(site)


def list_member_comuni(session: Session) -> list[MemberComuneRow]:
    rows = session.scalars(
        select(MemberComune).order_by(MemberComune.position, MemberComune.name)
    ).all()
    return [MemberComuneRow(r.id, r.name, r.province, r.cadastral_code, r.version) for r in rows]


def add_member_comune(
    session: Session, name: str, province: str, cadastral_code: str
) -> MemberComuneRow:
    """Add a comune to the centre's members; refuses bad codes and duplicates."""
    name, province, code = name.strip(), province.strip().upper(), cadastral_code.strip().upper()
    if not name:
        raise ValidationError("name", _("Comune: please enter the name of the comune."))
    if province and not _PROVINCE.match(province):
        raise ValidationError("province", _("Province: expected two letters, for example MN."))
    if not _CADASTRAL.match(code):
        raise ValidationError(
            "cadastral_code",
            _("Cadastral code: expected a letter and three digits, for example L020."),
        )
    existing = session.scalar(select(MemberComune).where(MemberComune.cadastral_code == code))
    if existing is not None:
        raise ValidationError(
            "cadastral_code",
            _("{name} is already among the member comuni.").format(name=existing.name),
        )
    position = session.scalar(select(func.coalesce(func.max(MemberComune.position), 0))) or 0
    row = MemberComune(name=name, province=province, cadastral_code=code, position=position + 1)
    session.add(row)
    session.flush()
    return MemberComuneRow(row.id, row.name, row.province, row.cadastral_code, row.version)


def province_of(session: Session, cadastral_code: str, comune_name: str = "") -> str:
    """The province (sigla) of a comune, for addresses: the centre's member comuni first (by
    cadastral code, else by name), then the national table; "" when it is not known."""
    code = cadastral_code.strip().upper()
    query = select(MemberComune.province).where(MemberComune.province != "")
    if code:
        found = session.scalar(query.where(MemberComune.cadastral_code == code).limit(1))
    elif comune_name.strip():
        name = comune_name.strip().lower()
        found = session.scalar(query.where(func.lower(MemberComune.name) == name).limit(1))
    else:
        return ""
    if found or not code:
        return found or ""

    info = by_code(code)
    return info.province if info else ""


def remove_member_comune(session: Session, comune_id: int, version: int) -> None:
    """Remove a member comune; refused while places for appointments are in it."""
    row = load_for_update(session, MemberComune, comune_id, version)
    if session.scalar(select(Place.id).where(Place.comune_id == row.id).limit(1)) is not None:
        raise ValidationError(
            "comune",
            _(
                "{name} has places for appointments: remove them first (Settings, Appointments)."
            ).format(name=row.name),
        )
    session.delete(row)
    session.flush()


def member_comuni_page(
    session: Session, offset: int = 0, limit: int = 1000
) -> Page[MemberComuneRow]:
    """The member comuni as a page (for the settings list)."""
    rows = list_member_comuni(session)
    return Page(rows=rows[offset : offset + limit], offset=offset, total=len(rows))
