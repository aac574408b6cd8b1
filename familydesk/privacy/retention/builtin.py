"""The kinds of record that exist today: the registry, social notes, withdrawn
consents and closed erasure requests, with defaults a comune's data-protection
officer can sign off (GDPR art. 5(1)(e), storage limitation).

- **Registry** (families with no activity): 60 months. A family centre's desk
  file is not the social-services case file (which the comune keeps by law);
  five years after the last contact covers a family coming back within a
  three-year *Piano di Zona* and its reporting, and the five-year limitation
  period for damage claims (art. 2947 c.c., art. 82 GDPR). Then anonymised,
  not deleted: the statistics of past years stay right.
- **Social notes**: 24 months after the family's last activity. Notes can
  hold data of special categories (art. 9): minimisation asks for the shortest
  period that still serves the work with the family.
- **Withdrawn consents**: 60 months after the withdrawal. The record proves
  when processing stopped (accountability, art. 5(2) and 7(1)) for as long as
  a claim can be brought (art. 2947 c.c.); then deleted.
- **Closed erasure requests**: 60 months after the decision, for the same
  reason; then deleted (the audit trail keeps the uid of what was done).

The **audit trail** is not a kind: FamilyDesk never deletes it (it is kept
at least 24 months, as the Garante asks of logs of access to personal data,
and is hash-chained so that a gap would show).
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import func, or_, select, union, update
from sqlalchemy.orm import Session, selectinload

from familydesk.db.models.registry import Consent, ErasureRequest, Family, Person
from familydesk.i18n import N_, _, format_date, format_number, ngettext
from familydesk.privacy.anonymise import anonymise_family, delete_consents
from familydesk.privacy.erasure import STATUSES
from familydesk.privacy.retention.activity import ACTIVITY
from familydesk.privacy.retention.kind import RetentionKind
from familydesk.registry.records import CONSENT_KINDS
from familydesk.trust import audit


def _active_since(since: datetime):  # type: ignore[no-untyped-def]
    return union(*(source(since) for source in ACTIVITY))


def _inactive_families(cutoff: datetime):  # type: ignore[no-untyped-def]
    active = _active_since(cutoff).subquery()
    return select(Family.id).where(
        Family.anonymised_on.is_(None), Family.id.not_in(select(active.c[0]))
    )


def _family_samples(session: Session, ids: list[int]) -> list[tuple[str, str]]:
    members = select(func.count(Person.id)).where(Person.family_id == Family.id).scalar_subquery()
    rows = session.execute(
        select(Family.uid, Family.comune_name, members)
        .where(Family.id.in_(ids))
        .order_by(Family.id)
    )
    return [
        (
            str(uid),
            ngettext("Family of {n} member, {comune}", "Family of {n} members, {comune}", n).format(
                n=format_number(n), comune=comune or "-"
            ),
        )
        for uid, comune, n in rows
    ]


# -- registry -----------------------------------------------------------------
def _registry_apply(session: Session, ids: list[int], today: date) -> int:
    families = session.scalars(
        select(Family)
        .where(Family.id.in_(ids))
        .options(selectinload(Family.members).selectinload(Person.consents))
    )
    return sum(1 for family in families if anonymise_family(session, family, today))


REGISTRY = RetentionKind(
    key="registry",
    label=N_("Families with no activity (anonymised)"),
    default_months=60,
    candidates=lambda _session, cutoff: _inactive_families(cutoff).order_by(Family.id),
    apply=_registry_apply,
    describe=_family_samples,
    explanation=N_(
        "Counted from the family's last change (members and consents included). "
        "Names, codes and contacts are removed; comune, year of birth, sex and "
        "citizenship stay for statistics."
    ),
)


# -- social notes -------------------------------------------------------------
def _notes_candidates(_session: Session, cutoff: datetime):  # type: ignore[no-untyped-def]
    with_notes = select(Person.family_id).where(Person.notes != "")
    return (
        _inactive_families(cutoff)
        .where(or_(Family.notes != "", Family.id.in_(with_notes)))
        .order_by(Family.id)
    )


def _notes_apply(session: Session, ids: list[int], _today: date) -> int:
    """Clear the notes without touching ``updated_at``: clearing is not activity,
    or the registry's clock would start again. Versions still move on."""
    touched: list[tuple[str, str]] = []
    for model, owner in ((Family, Family.id), (Person, Person.family_id)):
        where = (owner.in_(ids), model.notes != "")
        uids = session.scalars(select(model.uid).where(*where)).all()
        session.execute(
            update(model)
            .where(*where)
            .values(notes="", updated_at=model.updated_at, version=model.version + 1)
            .execution_options(synchronize_session=False)
        )
        touched += [(model.__tablename__, str(uid)) for uid in uids]
    for table, uid in touched:
        audit.append(session, "update", table, uid, ["notes"], note="retention")
    session.expire_all()
    return len(ids)


def _notes_samples(session: Session, ids: list[int]) -> list[tuple[str, str]]:
    return [
        (uid, _("Notes: {family}").format(family=text))
        for uid, text in _family_samples(session, ids)
    ]


NOTES = RetentionKind(
    key="notes",
    label=N_("Social notes"),
    default_months=24,
    candidates=_notes_candidates,
    apply=_notes_apply,
    describe=_notes_samples,
    explanation=N_(
        "Notes of the family and its members, counted from the family's last "
        "activity; the rest of the record stays."
    ),
)


# -- withdrawn consents -------------------------------------------------------
def _consent_samples(session: Session, ids: list[int]) -> list[tuple[str, str]]:
    rows = session.execute(
        select(Consent.uid, Consent.kind, Consent.withdrawn_on)
        .where(Consent.id.in_(ids))
        .order_by(Consent.id)
    )
    return [
        (
            str(uid),
            _("{kind}, withdrawn on {date}").format(
                kind=_(CONSENT_KINDS.get(kind, kind)), date=format_date(on)
            ),
        )
        for uid, kind, on in rows
    ]


CONSENTS = RetentionKind(
    key="consents",
    label=N_("Withdrawn consents (deleted)"),
    default_months=60,
    candidates=lambda _session, cutoff: (
        select(Consent.id).where(Consent.withdrawn_on < cutoff.date()).order_by(Consent.id)
    ),
    apply=lambda session, ids, _today: delete_consents(session, ids),
    describe=_consent_samples,
    explanation=N_(
        "Counted from the withdrawal: the record proves when processing "
        "stopped, for as long as a claim can be brought."
    ),
)


# -- closed erasure requests --------------------------------------------------
def _requests_apply(session: Session, ids: list[int], _today: date) -> int:
    requests = list(session.scalars(select(ErasureRequest).where(ErasureRequest.id.in_(ids))))
    for request in requests:
        session.delete(request)
    session.flush()
    return len(requests)


def _request_samples(session: Session, ids: list[int]) -> list[tuple[str, str]]:
    rows = session.execute(
        select(ErasureRequest.uid, ErasureRequest.status, ErasureRequest.decided_on)
        .where(ErasureRequest.id.in_(ids))
        .order_by(ErasureRequest.id)
    )
    return [
        (str(uid), _("{status} on {date}").format(status=_(STATUSES[status]), date=format_date(on)))
        for uid, status, on in rows
    ]


REQUESTS = RetentionKind(
    key="erasure_requests",
    label=N_("Closed erasure requests (deleted)"),
    default_months=60,
    candidates=lambda _session, cutoff: (
        select(ErasureRequest.id)
        .where(ErasureRequest.status != "open", ErasureRequest.decided_on < cutoff.date())
        .order_by(ErasureRequest.id)
    ),
    apply=_requests_apply,
    describe=_request_samples,
    explanation=N_("Counted from the decision: proof that the request was answered."),
)
