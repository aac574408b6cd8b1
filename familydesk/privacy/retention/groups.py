"""Retention of parenting-group records: sign-ups and their attendance.

- **Group participation**: 60 months after the group's last session, sign-ups are
  *detached*: the link to the person and family goes, with the notes and the
  withdrawal reason; the sign-up and its attendance marks stay, so the figures
  reported to funders (people reached, attendance and completion rates, hours)
  stay right and nobody can be traced back.

A session attended in the period counts as the family's activity, so a family
that comes to a group is not anonymised as inactive.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from familydesk.db.models.groups import Enrolment, GroupSession
from familydesk.i18n import N_, _, format_date
from familydesk.privacy.retention.activity import local
from familydesk.privacy.retention.kind import (
    RetentionKind,
    updated_for_retention,
)


def _last_sessions():  # type: ignore[no-untyped-def]
    return (
        select(GroupSession.group_id, func.max(GroupSession.starts_at).label("last"))
        .group_by(GroupSession.group_id)
        .subquery()
    )


def _candidates(_session: Session, cutoff: datetime):  # type: ignore[no-untyped-def]
    last = _last_sessions()
    return (
        select(Enrolment.id)
        .join(last, last.c.group_id == Enrolment.group_id)
        .where(
            last.c.last < local(cutoff),
            Enrolment.person_id.is_not(None) | Enrolment.family_id.is_not(None),
        )
        .order_by(Enrolment.id)
    )


def _detach(session: Session, ids: list[int], _today: date) -> int:
    values = {"person_id": None, "family_id": None, "note": "", "withdraw_reason": ""}
    return updated_for_retention(session, Enrolment, ids, values)


def _describe(session: Session, ids: list[int]) -> list[tuple[str, str]]:
    last = _last_sessions()
    rows = session.execute(
        select(Enrolment.uid, last.c.last)
        .join(last, last.c.group_id == Enrolment.group_id)
        .where(Enrolment.id.in_(ids))
        .order_by(Enrolment.id)
    )
    return [
        (str(uid), _("Group ended on {date}").format(date=format_date(day.date())))
        for uid, day in rows
    ]


GROUP_PARTICIPATION = RetentionKind(
    key="group_participation",
    label=N_("Sign-ups to groups (detached from the family)"),
    default_months=60,
    candidates=_candidates,
    apply=_detach,
    describe=_describe,
    explanation=N_(
        "Counted from the group's last session. Sign-ups and attendance marks stay "
        "for the group's figures, without names, notes or reasons."
    ),
)
