"""The measures an indicator can take over FamilyDesk's own records.

Each measure has a key (stored in ``plan_indicator.measure``), a label, the filters it
accepts (:mod:`.filters`) and ``value(session, period, filters, action_id)``: a count
over the period (both days included). The rules, one per measure:

- ``sessions_held``: group sessions held (not cancelled, of a group not cancelled) that
  started in the period;
- ``groups_run``: groups (not cancelled) with at least one session held in the period;
- ``people_reached_groups`` / ``families_reached_groups``: people (an erased person
  still counts, once per group) and families marked present at a session held in the
  period;
- ``contacts``: walk-in contacts on a day of the period; ``people_reached_desk``:
  identified people among them plus each anonymous contact; ``families_reached_desk``:
  families among them;
- ``referrals``: requests of those contacts sent to a service of the territory;
- ``appointments_held``: appointments done (not no-show or cancelled) in the period;
- ``cards_active``: cards valid on the period's last day, or today while the period
  runs (issued by then, not expired, not revoked or replaced by then);
  ``cards_issued``: cards issued in the period;
- ``benefit_uses``: accepted uses of a benefit in the period (refusals do not count).

The group measures take the kind of group and "only groups tagged with this action"
(``tagged``); the desk's take needs, a macro-area and the comune of residence.
``tests/reports_plan/test_measures.py`` checks every one against plain SQL.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, time
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Select,
    and_,
    case,
    distinct,
    exists,
    false,
    func,
    or_,
    select,
    true,
)
from sqlalchemy.orm import Session, aliased

from familydesk.db.models.appointments import Appointment, Service
from familydesk.db.models.cards import Benefit, Card, Partner, Redemption
from familydesk.db.models.frontdesk import Contact, ContactRequest, Need
from familydesk.db.models.groups import Attendance, Enrolment, Group, GroupSession
from familydesk.db.models.registry import Family, MemberComune
from familydesk.db.models.reports import PlanActionGroup
from familydesk.i18n import N_
from familydesk.kernel import clock
from familydesk.reports.model import Period
from familydesk.reports.plan import filters as f

Value = Callable[[Session, Period, dict[str, Any], "int | None"], int]


@dataclass(frozen=True)
class Measure:
    key: str
    #: Untranslated msgid: ``_(measure.label)`` shows it.
    label: str
    filters: tuple[f.FilterSpec, ...]
    value: Value


def _count(session: Session, query: Select) -> int:
    return int(session.scalar(query) or 0)


def _local_bounds(period: Period) -> tuple[datetime, datetime]:
    """Naive local wall times (appointments' and sessions' columns)."""
    return datetime.combine(period.start, time()), datetime.combine(period.after_end(), time())


# -- groups ---------------------------------------------------------------------------
def _group_condition(filters: dict[str, Any], action_id: int | None) -> ColumnElement[bool]:
    condition: ColumnElement[bool] = Group.cancelled.is_(False)
    if filters.get("group_kind"):
        condition = and_(condition, Group.kind == filters["group_kind"])
    if filters.get("tagged"):
        if action_id is None:
            return false()
        tagged = exists().where(
            PlanActionGroup.group_id == Group.id, PlanActionGroup.action_id == action_id
        )
        condition = and_(condition, tagged)
    return condition


def _held(period: Period, filters: dict[str, Any], action_id: int | None) -> ColumnElement[bool]:
    start, end = _local_bounds(period)
    return and_(
        GroupSession.cancelled.is_(False),
        GroupSession.starts_at >= start,
        GroupSession.starts_at < end,
        _group_condition(filters, action_id),
    )


def sessions_held(session: Session, period: Period, filters: dict, action_id: int | None) -> int:
    query = (
        select(func.count(GroupSession.id))
        .join(Group, Group.id == GroupSession.group_id)
        .where(_held(period, filters, action_id))
    )
    return _count(session, query)


def groups_run(session: Session, period: Period, filters: dict, action_id: int | None) -> int:
    query = (
        select(func.count(distinct(GroupSession.group_id)))
        .join(Group, Group.id == GroupSession.group_id)
        .where(_held(period, filters, action_id))
    )
    return _count(session, query)


def _present(period: Period, filters: dict, action_id: int | None) -> Select:
    return (
        select(Enrolment)
        .join(Attendance, Attendance.enrolment_id == Enrolment.id)
        .join(GroupSession, GroupSession.id == Attendance.session_id)
        .join(Group, Group.id == GroupSession.group_id)
        .where(Attendance.mark == "present", _held(period, filters, action_id))
    )


def people_reached_groups(
    session: Session, period: Period, filters: dict, action_id: int | None
) -> int:
    rows = _present(period, filters, action_id).subquery()
    erased = case((rows.c.person_id.is_(None), rows.c.id))
    query = select(func.count(distinct(rows.c.person_id)) + func.count(distinct(erased)))
    return _count(session, query)


def families_reached_groups(
    session: Session, period: Period, filters: dict, action_id: int | None
) -> int:
    rows = _present(period, filters, action_id).subquery()
    return _count(session, select(func.count(distinct(rows.c.family_id))))


# -- the desk -------------------------------------------------------------------------
def _contacts(session: Session, period: Period, filters: dict) -> ColumnElement[bool]:
    condition = and_(Contact.contact_date >= period.start, Contact.contact_date <= period.end)
    needs, area = filters.get("needs") or [], filters.get("macro_area") or ""
    if needs or area:
        need_condition = true()
        if needs:
            need_condition = and_(need_condition, Need.key.in_(needs))
        if area:
            need_condition = and_(need_condition, Need.macro_area == area)
        with_need = (
            exists()
            .where(ContactRequest.contact_id == Contact.id)
            .where(Need.id == ContactRequest.need_id, need_condition)
        )
        condition = and_(condition, with_need)
    code = filters.get("comune") or ""
    if code:
        names = list(
            session.scalars(select(MemberComune.name).where(MemberComune.cadastral_code == code))
        )
        family = aliased(Family)
        of_family = exists().where(family.id == Contact.family_id, family.comune_code == code)
        anonymous = and_(
            Contact.family_id.is_(None),
            func.lower(Contact.anon_comune).in_([n.lower() for n in names]),
        )
        condition = and_(condition, or_(of_family, anonymous))
    return condition


def contacts(session: Session, period: Period, filters: dict, action_id: int | None) -> int:
    return _count(
        session, select(func.count(Contact.id)).where(_contacts(session, period, filters))
    )


def people_reached_desk(
    session: Session, period: Period, filters: dict, action_id: int | None
) -> int:
    anonymous = case((Contact.person_id.is_(None), Contact.id))
    query = select(func.count(distinct(Contact.person_id)) + func.count(distinct(anonymous))).where(
        _contacts(session, period, filters)
    )
    return _count(session, query)


def families_reached_desk(
    session: Session, period: Period, filters: dict, action_id: int | None
) -> int:
    query = select(func.count(distinct(Contact.family_id))).where(
        _contacts(session, period, filters)
    )
    return _count(session, query)


def referrals(session: Session, period: Period, filters: dict, action_id: int | None) -> int:
    query = (
        select(func.count(ContactRequest.id))
        .join(Contact, Contact.id == ContactRequest.contact_id)
        .where(ContactRequest.service_id.is_not(None))
        .where(Contact.contact_date >= period.start, Contact.contact_date <= period.end)
    )
    if filters.get("service"):
        query = query.where(ContactRequest.service_id == int(filters["service"]))
    return _count(session, query)


# -- appointments ---------------------------------------------------------------------
def appointments_held(
    session: Session, period: Period, filters: dict, action_id: int | None
) -> int:
    start, end = _local_bounds(period)
    query = (
        select(func.count(Appointment.id))
        .join(Service, Service.id == Appointment.service_id)
        .where(Appointment.status == "done")
        .where(Appointment.starts_at >= start, Appointment.starts_at < end)
    )
    if filters.get("service"):
        query = query.where(Service.key == filters["service"])
    if filters.get("profession"):
        query = query.where(Service.profession == filters["profession"])
    return _count(session, query)


# -- cards ----------------------------------------------------------------------------
def _of_type(query: Select, filters: dict) -> Select:
    if filters.get("card_type"):
        return query.where(Card.card_type_id == int(filters["card_type"]))
    return query


def cards_active(session: Session, period: Period, filters: dict, action_id: int | None) -> int:
    day = min(period.end, clock.today())
    successor = aliased(Card)
    replaced = exists().where(successor.previous_id == Card.id, successor.issued_on <= day)
    query = select(func.count(Card.id)).where(
        Card.issued_on <= day,
        Card.expires_on >= day,
        or_(Card.revoked_on.is_(None), Card.revoked_on > day),
        ~replaced,
    )
    return _count(session, _of_type(query, filters))


def cards_issued(session: Session, period: Period, filters: dict, action_id: int | None) -> int:
    query = select(func.count(Card.id)).where(
        Card.issued_on >= period.start, Card.issued_on <= period.end
    )
    return _count(session, _of_type(query, filters))


def benefit_uses(session: Session, period: Period, filters: dict, action_id: int | None) -> int:
    start = datetime.combine(period.start, time(), clock.ROME)
    end = datetime.combine(period.after_end(), time(), clock.ROME)
    query = (
        select(func.count(Redemption.id))
        .join(Benefit, Benefit.id == Redemption.benefit_id)
        .join(Partner, Partner.id == Benefit.partner_id)
        .where(Redemption.accepted.is_(True), Redemption.at >= start, Redemption.at < end)
    )
    if filters.get("partner_category"):
        query = query.where(Partner.category == filters["partner_category"])
    return _count(session, query)


_GROUPS = (f.GROUP_KIND, f.TAGGED)
_DESK = (f.NEEDS, f.MACRO_AREA, f.COMUNE)

MEASURES: tuple[Measure, ...] = (
    Measure("sessions_held", N_("Group sessions held"), _GROUPS, sessions_held),
    Measure("groups_run", N_("Groups run"), _GROUPS, groups_run),
    Measure(
        "people_reached_groups", N_("People reached by groups"), _GROUPS, people_reached_groups
    ),
    Measure(
        "families_reached_groups",
        N_("Families reached by groups"),
        _GROUPS,
        families_reached_groups,
    ),
    Measure("contacts", N_("Contacts at the desk"), _DESK, contacts),
    Measure("people_reached_desk", N_("People reached at the desk"), _DESK, people_reached_desk),
    Measure(
        "families_reached_desk", N_("Families reached at the desk"), _DESK, families_reached_desk
    ),
    Measure("referrals", N_("Referrals to services"), (f.SERVICE,), referrals),
    Measure(
        "appointments_held",
        N_("Appointments held"),
        (f.APPOINTMENT_SERVICE, f.PROFESSION),
        appointments_held,
    ),
    Measure("cards_active", N_("Cards active at the period's end"), (f.CARD_TYPE,), cards_active),
    Measure("cards_issued", N_("Cards issued"), (f.CARD_TYPE,), cards_issued),
    Measure("benefit_uses", N_("Benefit uses"), (f.PARTNER_CATEGORY,), benefit_uses),
)
BY_KEY: dict[str, Measure] = {m.key: m for m in MEASURES}


def measure(key: str) -> Measure | None:
    return BY_KEY.get(key)
