"""Who and what an audit entry is about, for the records that set the centre up.

Services, staff, venues and rooms, needs, the directory's organisations and services,
card types, partners and benefits,
groups and their sessions, operators, retention rules: one query per kind,
like ``familydesk.privacy.trail.subjects`` (which holds the records about people and
calls :func:`setup_lookups`). These records name no person or family.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sqlalchemy import Select, and_, func, or_, select
from sqlalchemy.orm import aliased

from familydesk.appointments.names import SERVICE_NAMES, STAFF_KINDS
from familydesk.cards.partners import BENEFIT_KINDS
from familydesk.db.models import appointments as ma
from familydesk.db.models import cards as mc
from familydesk.db.models import directory as md
from familydesk.db.models import frontdesk as mf
from familydesk.db.models import groups as mg
from familydesk.db.models import registry as m
from familydesk.frontdesk.needs import NEED_NAMES
from familydesk.i18n import N_
from familydesk.kernel.fields import weekday_name
from familydesk.privacy.retention import kinds
from familydesk.privacy.trail.setup_reports import report_lookups
from familydesk.privacy.trail.vocabulary import KINDS, Words, words

Said = tuple[Words | str | None, Words | str]
#: For a table: the query over ``uids`` whose rows start with the uid, and the words of a row.
Lookup = tuple[Callable[[list[Any]], Select[Any]], Callable[[Any], Said]]


def translated(name: str, key: str, labels: dict[str, str]) -> Words | str:
    """A configurable name: as typed, else the built-in label of its key."""
    return name or (Words(labels[key]) if key in labels else key)


def session_numbers() -> tuple[Any, Any]:
    """Correlated subqueries: the session's number in its group (by start) and the total."""
    before, every = aliased(mg.GroupSession), aliased(mg.GroupSession)
    here = mg.GroupSession
    number = (
        select(func.count(before.id))
        .where(
            before.group_id == here.group_id,
            or_(
                before.starts_at < here.starts_at,
                and_(before.starts_at == here.starts_at, before.id <= here.id),
            ),
        )
        .correlate(here)
        .scalar_subquery()
    )
    total = (
        select(func.count(every.id))
        .where(every.group_id == here.group_id)
        .correlate(here)
        .scalar_subquery()
    )
    return number, total


def benefit(description: str, kind: str) -> Words | str:
    """A benefit by its description, else by its kind ("Free entry")."""
    return translated(description, kind, BENEFIT_KINDS)


def _named(model: Any, msgid: str, column: Any) -> Lookup:
    return (
        lambda uids: select(model.uid, column).where(model.uid.in_(uids)),
        lambda r: (None, words(msgid, name=r[1])),
    )


def setup_lookups() -> dict[str, Lookup]:
    """The records that name no person: what the centre offers and how it is set up."""
    number, total = session_numbers()
    G, S = mg.Group, mg.GroupSession
    return {
        "retention_rule": (
            lambda uids: select(m.RetentionRule.uid, m.RetentionRule.kind).where(
                m.RetentionRule.uid.in_(uids)
            ),
            lambda r: (None, words(N_("retention rule: {kind}"), kind=_retention(r[1]))),
        ),
        "operator": (
            lambda uids: select(m.Operator.uid, m.Operator.username, m.Operator.full_name).where(
                m.Operator.uid.in_(uids)
            ),
            lambda r: (r[2] or None, words(N_("operator account “{name}”"), name=r[1])),
        ),
        "site": _named(m.Site, N_("centre “{name}”"), m.Site.name),
        "member_comune": _named(m.MemberComune, N_("comune “{name}”"), m.MemberComune.name),
        "service": (
            lambda uids: select(ma.Service.uid, ma.Service.name, ma.Service.key).where(
                ma.Service.uid.in_(uids)
            ),
            lambda r: (
                None,
                words(N_("service “{name}”"), name=translated(r[1], r[2], SERVICE_NAMES)),
            ),
        ),
        "staff": (
            lambda uids: select(ma.Staff.uid, ma.Staff.name, ma.Staff.kind).where(
                ma.Staff.uid.in_(uids)
            ),
            lambda r: (
                None,
                words(N_("{kind} “{name}”"), name=r[1], kind=translated("", r[2], STAFF_KINDS)),
            ),
        ),
        "place": _named(ma.Place, N_("venue “{name}”"), ma.Place.name),
        "room": (
            lambda uids: (
                select(ma.Room.uid, ma.Room.name, ma.Place.name)
                .join(ma.Place, ma.Place.id == ma.Room.place_id)
                .where(ma.Room.uid.in_(uids))
            ),
            lambda r: (None, words(N_("room “{name}” at {place}"), name=r[1], place=r[2])),
        ),
        "opening_hours": (
            lambda uids: (
                select(ma.OpeningHours.uid, ma.OpeningHours.weekday, ma.Place.name)
                .join(ma.Place, ma.Place.id == ma.OpeningHours.place_id)
                .where(ma.OpeningHours.uid.in_(uids))
            ),
            lambda r: (
                None,
                words(
                    N_("opening hours of {place}, {weekday}"),
                    place=r[2],
                    weekday=weekday_name(r[1]),
                ),
            ),
        ),
        "closure": (
            lambda uids: (
                select(ma.Closure.uid, ma.Closure.day, ma.Place.name)
                .outerjoin(ma.Place, ma.Place.id == ma.Closure.place_id)
                .where(ma.Closure.uid.in_(uids))
            ),
            lambda r: (
                None,
                words(
                    N_("closure on {day} ({place})"),
                    day=r[1],
                    place=r[2] or Words(N_("every venue")),
                ),
            ),
        ),
        "absence": (
            lambda uids: (
                select(ma.Absence.uid, ma.Absence.first_day, ma.Absence.last_day, ma.Staff.name)
                .join(ma.Staff, ma.Staff.id == ma.Absence.staff_id)
                .where(ma.Absence.uid.in_(uids))
            ),
            lambda r: (
                None,
                words(N_("absence of {name}, {first} to {last}"), name=r[3], first=r[1], last=r[2]),
            ),
        ),
        "appointment_series": (
            lambda uids: select(ma.AppointmentSeries.uid).where(ma.AppointmentSeries.uid.in_(uids)),
            lambda r: (None, Words(KINDS["appointment_series"])),
        ),
        "need": (
            lambda uids: select(mf.Need.uid, mf.Need.name, mf.Need.key).where(
                mf.Need.uid.in_(uids)
            ),
            lambda r: (None, words(N_("need “{name}”"), name=translated(r[1], r[2], NEED_NAMES))),
        ),
        "card_type": _named(mc.CardType, N_("card type “{name}”"), mc.CardType.name),
        "card_sequence": _named(
            mc.CardSequence, N_("card numbering of comune {name}"), mc.CardSequence.comune_code
        ),
        "partner": (
            lambda uids: (
                select(mc.Partner.uid, md.Organisation.name)
                .join(md.Organisation, md.Organisation.id == mc.Partner.organisation_id)
                .where(mc.Partner.uid.in_(uids))
            ),
            lambda r: (None, words(N_("partner “{name}”"), name=r[1])),
        ),
        "benefit": (
            lambda uids: (
                select(
                    mc.Benefit.uid, mc.Benefit.description, md.Organisation.name, mc.Benefit.kind
                )
                .join(mc.Partner, mc.Partner.id == mc.Benefit.partner_id)
                .join(md.Organisation, md.Organisation.id == mc.Partner.organisation_id)
                .where(mc.Benefit.uid.in_(uids))
            ),
            lambda r: (
                None,
                words(N_("benefit “{name}” of {partner}"), name=benefit(r[1], r[3]), partner=r[2]),
            ),
        ),
        "benefit_card_type": (
            lambda uids: (
                select(
                    mc.BenefitCardType.uid,
                    mc.Benefit.description,
                    mc.CardType.name,
                    mc.Benefit.kind,
                )
                .join(mc.Benefit, mc.Benefit.id == mc.BenefitCardType.benefit_id)
                .join(mc.CardType, mc.CardType.id == mc.BenefitCardType.card_type_id)
                .where(mc.BenefitCardType.uid.in_(uids))
            ),
            lambda r: (
                None,
                words(N_("benefit “{name}” for {type}"), name=benefit(r[1], r[3]), type=r[2]),
            ),
        ),
        **directory_lookups(),
        **report_lookups(),
        "parent_group": _named(G, N_("group “{name}”"), G.title),
        "group_educator": (
            lambda uids: (
                select(mg.GroupEducator.uid, G.title, m.Operator.full_name, m.Operator.username)
                .join(G, G.id == mg.GroupEducator.group_id)
                .join(m.Operator, m.Operator.id == mg.GroupEducator.operator_id)
                .where(mg.GroupEducator.uid.in_(uids))
            ),
            lambda r: (r[2] or r[3], words(N_("educator of “{group}”"), group=r[1])),
        ),
        "group_session": (
            lambda uids: (
                select(S.uid, G.title, number, total, S.starts_at)
                .join(G, G.id == S.group_id)
                .where(S.uid.in_(uids))
            ),
            lambda r: (
                None,
                words(
                    N_("“{group}”, session {n} of {total}, {when}"),
                    group=r[1],
                    n=r[2],
                    total=r[3],
                    when=r[4],
                ),
            ),
        ),
    }


def directory_lookups() -> dict[str, Lookup]:
    """The directory's organisations, services and the needs each service serves."""
    Org, D, DN = md.Organisation, md.DirectoryService, md.DirectoryServiceNeed
    return {
        "organisation": _named(Org, N_("organisation “{name}”"), Org.name),
        "directory_service": (
            lambda uids: (
                select(D.uid, D.name, Org.name)
                .join(Org, Org.id == D.organisation_id)
                .where(D.uid.in_(uids))
            ),
            lambda r: (
                None,
                words(N_("service “{name}”"), name=r[1])
                if r[1] == r[2]
                else words(N_("service “{name}” of {organisation}"), name=r[1], organisation=r[2]),
            ),
        ),
        "directory_service_need": (
            lambda uids: (
                select(DN.uid, D.name, mf.Need.name, mf.Need.key)
                .join(D, D.id == DN.service_id)
                .join(mf.Need, mf.Need.id == DN.need_id)
                .where(DN.uid.in_(uids))
            ),
            lambda r: (
                None,
                words(
                    N_("need “{need}” of service “{name}”"),
                    name=r[1],
                    need=translated(r[2], r[3], NEED_NAMES),
                ),
            ),
        ),
    }


def _retention(kind: str) -> Words | str:
    found = kinds.get(kind)
    return Words(found.label) if found else kind
