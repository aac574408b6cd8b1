"""GDPR operations on one person: the right of access (art. 15).

:func:`subject_access` gathers everything FamilyDesk holds on a person — the
record, their family, consents, merged duplicates and every audit entry about
them or their family — as plain JSON-ready data; the export itself is audited.
"""

from __future__ import annotations

import json
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from familydesk.appointments.queries import appointments_of_family
from familydesk.db.models.cards import Card, CardMember, CardType, Redemption
from familydesk.db.models.groups import Attendance, Enrolment, Group, GroupSession
from familydesk.db.models.registry import ErasureRequest, Family, PersonMerge
from familydesk.frontdesk import CHANNELS, OUTCOMES, REFERRAL_OUTCOMES, contacts_of_family
from familydesk.i18n import _
from familydesk.kernel import clock
from familydesk.registry.centre import get_centre
from familydesk.registry.families import load_person
from familydesk.trust import audit, permissions

#: Technical columns left out of the person's copy (derived from the others).
_DERIVED = {"search_text", "name_key"}


def _plain(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if value is None or isinstance(value, str | int | float | bool):
        return value
    return str(value)


def _row(obj: Any, skip: set[str] = frozenset()) -> dict[str, Any]:  # type: ignore[assignment]
    return {c.key: _plain(getattr(obj, c.key)) for c in obj.__table__.columns if c.key not in skip}


def subject_access(session: Session, person_id: int) -> dict[str, Any]:
    """Everything held on ``person_id``; the access is written in the audit trail (a write)."""
    permissions.require(session, permissions.EXPORT)
    person = load_person(session, person_id)
    family = session.get(Family, person.family_id)
    assert family is not None
    merges = session.scalars(select(PersonMerge).where(PersonMerge.kept_person_id == person.id))
    requests = list(
        session.scalars(
            select(ErasureRequest)
            .where(ErasureRequest.person_uid == person.uid)
            .order_by(ErasureRequest.id)
        )
    )
    uids = [str(person.uid), str(family.uid)] + [str(c.uid) for c in person.consents]
    uids += [str(r.uid) for r in requests]
    contacts, appointments = _desk_records(session, person.id, family.id)
    groups = _group_records(session, person.id)
    cards = _card_records(session, person.id)
    uids += [c["uid"] for c in contacts] + [a["uid"] for a in appointments]
    uids += [g["uid"] for g in groups] + [c["uid"] for c in cards]
    entries = audit.entries(session, uids)
    data = {
        "generated_at": _plain(clock.local_now().replace(microsecond=0)),
        "person": _row(person, _DERIVED),
        "family": _row(family),
        "other_members": [
            {
                "uid": str(m.uid),
                "first_name": m.first_name,
                "last_name": m.last_name,
                "relation": m.relation,
            }
            for m in family.members
            if m.id != person.id
        ],
        "consents": [_row(c) for c in person.consents],
        "merged_records": [json.loads(m.snapshot) for m in merges],
        "erasure_requests": [_row(r) for r in requests],
        "contacts": contacts,
        "appointments": appointments,
        "groups": groups,
        "cards": cards,
        "audit": [
            {
                "at": _plain(e.at),
                "operator": e.operator,
                "action": e.action,
                "table": e.table_name,
                "record": e.record_uid,
                "fields": e.fields,
                "note": e.note,
            }
            for e in entries
        ],
    }
    audit.record(session, "access-export", person, note="art. 15")
    return data


def _desk_records(
    session: Session, person_id: int, family_id: int
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Walk-in contacts and appointments of the person (or of the family, naming nobody)."""
    mine = (person_id, None)
    contacts = [
        {
            "uid": c.uid,
            "date": _plain(c.contact_date),
            "arrived_at": _plain(c.arrived_at),
            "channel": _(CHANNELS[c.channel]),
            "operator": c.operator,
            "referred_by": c.referred_by,
            "requests": [
                {
                    "need": r.need,
                    "outcomes": [_(OUTCOMES[o]) for o in r.outcomes],
                    "note": r.note,
                    "referral_to": r.referral_to,
                    "service": r.service_name,
                    "referral_outcome": _(REFERRAL_OUTCOMES[r.referral_outcome])
                    if r.referral_outcome in REFERRAL_OUTCOMES
                    else "",
                    "referral_outcome_on": _plain(r.referral_outcome_on),
                    "follow_up_on": _plain(r.follow_up_on),
                }
                for r in c.requests
            ],
        }
        for c in contacts_of_family(session, family_id, limit=10_000)
        if c.person_id in mine
    ]
    appointments = [
        {
            "uid": a.uid,
            "starts_at": _plain(a.starts_at),
            "ends_at": _plain(a.ends_at),
            "service": a.service,
            "professional": a.staff,
            "interpreter": a.interpreter,
            "place": a.place,
            "room": a.room,
            "status": a.status,
            "cancel_reason": a.cancel_reason,
            "note": a.note,
        }
        for a in appointments_of_family(session, family_id)
        if a.person_id in mine
    ]
    return contacts, appointments


def _group_records(session: Session, person_id: int) -> list[dict[str, Any]]:
    """The person's sign-ups to groups, with the sessions they were marked at."""
    records = []
    for enrolment, title in session.execute(
        select(Enrolment, Group.title)
        .join(Group, Group.id == Enrolment.group_id)
        .where(Enrolment.person_id == person_id)
        .order_by(Enrolment.signed_up_on, Enrolment.id)
    ):
        marks = session.execute(
            select(GroupSession.starts_at, Attendance.mark)
            .join(Attendance, Attendance.session_id == GroupSession.id)
            .where(Attendance.enrolment_id == enrolment.id)
            .order_by(GroupSession.starts_at)
        ).all()
        records.append(
            {
                "uid": str(enrolment.uid),
                "group": title,
                "status": enrolment.status,
                "signed_up_on": _plain(enrolment.signed_up_on),
                "enrolled_on": _plain(enrolment.enrolled_on),
                "withdrawn_on": _plain(enrolment.withdrawn_on),
                "withdraw_reason": enrolment.withdraw_reason,
                "note": enrolment.note,
                "attendance": [{"session": _plain(day), "mark": mark} for day, mark in marks],
            }
        )
    return records


def _card_records(session: Session, person_id: int) -> list[dict[str, Any]]:
    """Family cards the person holds or is covered by, with their redemptions."""
    covered = select(CardMember.card_id).where(CardMember.person_id == person_id)
    records = []
    for card, type_name in session.execute(
        select(Card, CardType.name)
        .join(CardType, CardType.id == Card.card_type_id)
        .where((Card.holder_id == person_id) | Card.id.in_(covered))
        .order_by(Card.issued_on)
    ):
        uses = session.scalars(
            select(Redemption.at).where(
                Redemption.card_id == card.id, Redemption.accepted.is_(True)
            )
        ).all()
        records.append(
            {
                "uid": str(card.uid),
                "number": card.number,
                "card_type": type_name,
                "holder": card.holder_id == person_id,
                "status": card.status,
                "issued_on": _plain(card.issued_on),
                "expires_on": _plain(card.expires_on),
                "revoked_on": _plain(card.revoked_on),
                "revoke_reason": card.revoke_reason,
                "redemptions": len(uses),
            }
        )
    return records


def write_access_export(
    session: Session, person_id: int, folder: Path, language: str
) -> list[Path]:
    """Write ``<uid>.json`` and ``<uid>.pdf`` into ``folder``; returns their paths."""
    from familydesk.privacy.access_sheet import access_pdf  # heavy: PIL, reportlab

    data = subject_access(session, person_id)
    folder.mkdir(parents=True, exist_ok=True)
    stem = f"dati-{data['person']['uid']}"
    json_path, pdf_path = folder / f"{stem}.json", folder / f"{stem}.pdf"
    json_path.write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")
    pdf_path.write_bytes(access_pdf(data, get_centre(session), language))
    return [json_path, pdf_path]
