"""Who and what an audit entry is about, looked up in batch: one query per kind of record.

:func:`look_up` takes the (table, uid) pairs of a page of the trail and runs,
for each table among them, one SELECT over all its uids (joined to the
person, family, group... it needs). Each record comes back as
``(who, what)`` :class:`~familydesk.privacy.trail.vocabulary.Words`. A record no
longer in the database says so (its kind only); an anonymised person or
family is called "anonymised", never by name.
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session, aliased

from familydesk.appointments.names import SERVICE_NAMES
from familydesk.cards.numbers import grouped
from familydesk.db.models import appointments as ma
from familydesk.db.models import cards as mc
from familydesk.db.models import directory as md
from familydesk.db.models import frontdesk as mf
from familydesk.db.models import groups as mg
from familydesk.db.models import registry as m
from familydesk.frontdesk.needs import NEED_NAMES
from familydesk.i18n import N_
from familydesk.privacy.trail.setup import (
    Lookup,
    Said,
    benefit,
    session_numbers,
    setup_lookups,
    translated,
)
from familydesk.privacy.trail.vocabulary import KINDS, Words, words
from familydesk.registry.records import CONSENT_KINDS


def kind_words(table: str) -> Words | str:
    return Words(KINDS[table]) if table in KINDS else table


def _gone(table: str) -> Said:
    return None, words(N_("{kind} (no longer in the database)"), kind=kind_words(table))


def _person(
    first: str | None,
    last: str | None,
    anonymised: Any,
    family: str | None = None,
    family_anonymised: Any = None,
) -> Words | str | None:
    """ "Bianchi Laura, family Rossi"; "anonymised person"; the family alone without a person."""
    if anonymised is not None:
        return Words(N_("anonymised person"))
    name = f"{last or ''} {first or ''}".strip()
    if not name:
        return _family(family, family_anonymised)
    if family and family_anonymised is None:
        return words(N_("{person}, family {family}"), person=name, family=family)
    return name


def _family(name: str | None, anonymised: Any) -> Words | None:
    if anonymised is not None:
        return Words(N_("anonymised family"))
    return words(N_("family {family}"), family=name) if name else None


P, F = aliased(m.Person), aliased(m.Family)
#: The person and the family a record names, as :func:`_person_who` reads them.
_BOTH = (P.first_name, P.last_name, P.anonymised_on, F.name, F.anonymised_on)


def _with_people(query: Select[Any], person_id: Any, family_id: Any) -> Select[Any]:
    """``query`` outer-joined to the person ``P`` and the family ``F`` a record names (either
    may be missing), so that ``_BOTH`` can be selected. ``family_id`` is the record's own
    family column, or ``P.family_id`` for a record that names only a person."""
    return query.outerjoin(P, P.id == person_id).outerjoin(F, F.id == family_id)


def _by_person(model: Any, *columns: Any) -> Select[Any]:
    """``model`` with its person (if any) and the person's family."""
    return _with_people(select(model.uid, *columns, *_BOTH), model.person_id, P.family_id)


def _person_who(row: Any, at: int) -> Words | str | None:
    return _person(row[at], row[at + 1], row[at + 2], row[at + 3], row[at + 4])


def _lookups() -> dict[str, Lookup]:
    """The records that name a person or a family (``setup_lookups``: the others)."""
    number, total = session_numbers()
    G, S, E = mg.Group, mg.GroupSession, mg.Enrolment
    return {
        "family": (
            lambda uids: select(F.uid, F.name, F.anonymised_on).where(F.uid.in_(uids)),
            lambda r: (_family(r[1], r[2]), Words(KINDS["family"])),
        ),
        "person": (
            lambda uids: (
                select(P.uid, *_BOTH).outerjoin(F, F.id == P.family_id).where(P.uid.in_(uids))
            ),
            lambda r: (_person_who(r, 1), Words(KINDS["person"])),
        ),
        "consent": (
            lambda uids: _by_person(m.Consent, m.Consent.kind, m.Consent.given_on).where(
                m.Consent.uid.in_(uids)
            ),
            lambda r: (
                _person_who(r, 3),
                words(
                    N_("consent: {kind}, given on {date}"),
                    kind=translated("", r[1], CONSENT_KINDS),
                    date=r[2],
                ),
            ),
        ),
        "person_merge": (
            lambda uids: (
                select(m.PersonMerge.uid, *_BOTH)
                .join(P, P.id == m.PersonMerge.kept_person_id)
                .outerjoin(F, F.id == P.family_id)
                .where(m.PersonMerge.uid.in_(uids))
            ),
            lambda r: (_person_who(r, 1), Words(N_("duplicate merged into this person"))),
        ),
        "erasure_request": (
            lambda uids: _by_person(m.ErasureRequest, m.ErasureRequest.received_on).where(
                m.ErasureRequest.uid.in_(uids)
            ),
            lambda r: (
                _person_who(r, 2) or Words(N_("a person since erased")),
                words(N_("erasure request received on {date}"), date=r[1]),
            ),
        ),
        "appointment": (
            lambda uids: _with_people(
                select(
                    ma.Appointment.uid,
                    ma.Appointment.starts_at,
                    ma.Service.name,
                    ma.Service.key,
                    ma.Staff.name,
                    *_BOTH,
                )
                .join(ma.Service, ma.Service.id == ma.Appointment.service_id)
                .join(ma.Staff, ma.Staff.id == ma.Appointment.staff_id),
                ma.Appointment.person_id,
                ma.Appointment.family_id,
            ).where(ma.Appointment.uid.in_(uids)),
            lambda r: (
                _person_who(r, 5),
                words(
                    N_("appointment “{service}” with {staff}, {when}"),
                    when=r[1],
                    service=translated(r[2], r[3], SERVICE_NAMES),
                    staff=r[4],
                ),
            ),
        ),
        "contact": (
            lambda uids: _with_people(
                select(mf.Contact.uid, mf.Contact.contact_date, *_BOTH),
                mf.Contact.person_id,
                mf.Contact.family_id,
            ).where(mf.Contact.uid.in_(uids)),
            lambda r: (
                _person_who(r, 2) or Words(N_("anonymous visitor")),
                words(N_("walk-in contact of {date}"), date=r[1]),
            ),
        ),
        "contact_request": (
            lambda uids: _with_people(
                select(
                    mf.ContactRequest.uid,
                    mf.Contact.contact_date,
                    mf.Need.name,
                    mf.Need.key,
                    *_BOTH,
                )
                .join(mf.Contact, mf.Contact.id == mf.ContactRequest.contact_id)
                .join(mf.Need, mf.Need.id == mf.ContactRequest.need_id),
                mf.Contact.person_id,
                mf.Contact.family_id,
            ).where(mf.ContactRequest.uid.in_(uids)),
            lambda r: (
                _person_who(r, 4) or Words(N_("anonymous visitor")),
                words(
                    N_("request “{need}” (walk-in of {date})"),
                    date=r[1],
                    need=translated(r[2], r[3], NEED_NAMES),
                ),
            ),
        ),
        "card": (
            lambda uids: _with_people(
                select(mc.Card.uid, mc.Card.number, mc.CardType.name, *_BOTH).join(
                    mc.CardType, mc.CardType.id == mc.Card.card_type_id
                ),
                mc.Card.holder_id,
                mc.Card.family_id,
            ).where(mc.Card.uid.in_(uids)),
            lambda r: (
                _person_who(r, 3),
                words(N_("card {number} ({type})"), number=grouped(r[1]), type=r[2]),
            ),
        ),
        "card_member": (
            lambda uids: (
                _by_person(mc.CardMember, mc.Card.number)
                .join(mc.Card, mc.Card.id == mc.CardMember.card_id)
                .where(mc.CardMember.uid.in_(uids))
            ),
            lambda r: (
                _person_who(r, 2),
                words(N_("covered by card {number}"), number=grouped(r[1])),
            ),
        ),
        "redemption": (
            lambda uids: _with_people(
                select(
                    mc.Redemption.uid,
                    func.coalesce(mc.Card.number, mc.Redemption.number_typed),
                    mc.Benefit.description,
                    md.Organisation.name,
                    *_BOTH,
                    mc.Benefit.kind,
                    mc.Redemption.accepted,
                )
                .join(mc.Benefit, mc.Benefit.id == mc.Redemption.benefit_id)
                .join(mc.Partner, mc.Partner.id == mc.Benefit.partner_id)
                .join(md.Organisation, md.Organisation.id == mc.Partner.organisation_id)
                .outerjoin(mc.Card, mc.Card.id == mc.Redemption.card_id),
                mc.Card.holder_id,
                mc.Card.family_id,
            ).where(mc.Redemption.uid.in_(uids)),
            lambda r: (
                _person_who(r, 4),
                words(
                    N_("use of card {number} at {partner}: “{benefit}”")
                    if r[10]
                    else N_("refused use of card {number} at {partner}: “{benefit}”"),
                    number=grouped(r[1]),
                    partner=r[3],
                    benefit=benefit(r[2], r[9]),
                ),
            ),
        ),
        "enrolment": (
            lambda uids: _with_people(
                select(E.uid, G.title, *_BOTH).join(G, G.id == E.group_id), E.person_id, E.family_id
            ).where(E.uid.in_(uids)),
            lambda r: (_person_who(r, 2), words(N_("sign-up to “{group}”"), group=r[1])),
        ),
        "attendance": (
            lambda uids: _with_people(
                select(mg.Attendance.uid, G.title, number, total, *_BOTH)
                .join(S, S.id == mg.Attendance.session_id)
                .join(G, G.id == S.group_id)
                .join(E, E.id == mg.Attendance.enrolment_id),
                E.person_id,
                E.family_id,
            ).where(mg.Attendance.uid.in_(uids)),
            lambda r: (
                _person_who(r, 4),
                words(
                    N_("attendance at “{group}”, session {n} of {total}"),
                    group=r[1],
                    n=r[2],
                    total=r[3],
                ),
            ),
        ),
    }


_LOOKUPS: dict[str, Lookup] = {}


def look_up(session: Session, pairs: Iterable[tuple[str, str]]) -> dict[tuple[str, str], Said]:
    """Words for each (table, uid); at most one query per table among ``pairs``.

    A table FamilyDesk does not know, or a uid that is not one, is named by its
    kind alone; a record not found is "no longer in the database".
    """
    if not _LOOKUPS:
        _LOOKUPS.update(_lookups())
        _LOOKUPS.update(setup_lookups())
    wanted: dict[str, set[str]] = defaultdict(set)
    for table, uid in pairs:
        wanted[table].add(uid)
    said: dict[tuple[str, str], Said] = {}
    for table, uids in wanted.items():
        valid = {}
        for text in uids:
            try:
                valid[uuid.UUID(text)] = text
            except ValueError:
                said[(table, text)] = (None, kind_words(table))
        lookup = _LOOKUPS.get(table)
        if lookup is None:
            said.update({(table, text): (None, kind_words(table)) for text in valid.values()})
            continue
        query, phrase = lookup
        found = {}
        if valid:
            for row in session.execute(query(list(valid))):
                found[str(row[0])] = phrase(row)
        for text in valid.values():
            said[(table, text)] = found.get(str(uuid.UUID(text)), _gone(table))
    return said
