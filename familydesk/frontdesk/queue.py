"""Today's queue at the desk: who is waiting, who is being served, who is done.

A contact recorded in person joins the queue as *waiting*; an operator calls
the visitor in (*serving*, ``served_at`` and ``served_by`` are set) and
finishes (*done*, ``done_at``). Phone and e-mail contacts are done as soon as
they are recorded (``record_contact``). Every change checks the version the
operator saw (two desks calling the same visitor: the second is refused).

Services take a session, never commit, and return :class:`QueueRow`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import ColumnElement, select
from sqlalchemy.orm import Session

from familydesk.db.base import utcnow
from familydesk.db.database import load_for_update
from familydesk.db.models.frontdesk import Contact, ContactRequest, Need
from familydesk.db.models.registry import Operator
from familydesk.frontdesk.needs import need_words
from familydesk.frontdesk.who import Namer, with_visitor
from familydesk.i18n import N_, _
from familydesk.kernel import clock
from familydesk.kernel.errors import FamilyDeskError
from familydesk.trust import permissions

STATUSES: dict[str, str] = {
    "waiting": N_("waiting"),
    "serving": N_("being served"),
    "done": N_("done"),
}


@dataclass(frozen=True)
class QueueRow:
    """One contact of the day as the queue shows it."""

    id: int
    arrived_at: datetime
    who: str
    family_id: int | None
    person_id: int | None
    anonymous: bool
    channel: str
    needs: tuple[str, ...]
    status: str
    served_at: datetime | None
    done_at: datetime | None
    #: Who recorded the contact, and who called the visitor in.
    operator: str
    served_by: str
    version: int
    #: The keys of the needs, in the order of ``needs`` (to suggest a service).
    need_keys: tuple[str, ...] = ()

    def minutes_waited(self, now: datetime) -> int:
        """From arrival to being called in (or done), or to ``now`` while still waiting."""
        end = self.served_at or self.done_at or now
        return max(0, int((end - self.arrived_at).total_seconds() // 60))

    @property
    def handled_by(self) -> str:
        return self.served_by or self.operator


#: ``{contact id: (need names, need keys)}``, each without repeats, in request order.
Needs = dict[int, tuple[tuple[str, ...], tuple[str, ...]]]


def _needs(session: Session, *where: ColumnElement[bool]) -> Needs:
    """The needs of the contacts ``where`` selects, in one query of plain columns."""
    named: dict[tuple[str, str], str] = {}  # each need named once
    found: Needs = {}
    for contact_id, key, name in session.connection().execute(
        select(ContactRequest.contact_id, Need.key, Need.name)
        .join(Contact, Contact.id == ContactRequest.contact_id)
        .join(Need, Need.id == ContactRequest.need_id)
        .where(*where)
        .order_by(ContactRequest.id)
    ):
        words = named.get((key, name))
        if words is None:
            words = named[(key, name)] = need_words(key, name)
        before = found.get(contact_id)
        if before is None:
            found[contact_id] = ((words,), (key,))
        else:
            names, keys = before
            found[contact_id] = (
                names if words in names else (*names, words),
                keys if key in keys else (*keys, key),
            )
    return found


#: The contact's own columns a queue row shows, read as plain values (not ``Contact``
#: records: building a day's records cost more than the SQL), then who came.
_COLUMNS = (
    Contact.id,
    Contact.arrived_at,
    Contact.family_id,
    Contact.person_id,
    Contact.channel,
    Contact.status,
    Contact.served_at,
    Contact.done_at,
    Contact.operator,
    Contact.served_by,
    Contact.version,
)
_NO_NEEDS: tuple[tuple[str, ...], tuple[str, ...]] = ((), ())


def _rows(session: Session, *where: ColumnElement[bool]) -> list[QueueRow]:
    """The queue rows of the contacts ``where`` selects: two queries whatever their number
    (the contacts with who came, then their needs), read through the session's connection
    as plain tuples (no ORM rows to build)."""
    contacts = session.connection().execute(with_visitor(select(*_COLUMNS)).where(*where)).all()
    needs = _needs(session, *where) if contacts else {}
    who = Namer()
    rows = []
    for c in contacts:
        (
            id_,
            arrived_at,
            family_id,
            person_id,
            channel,
            status,
            served_at,
            done_at,
            operator,
            served_by,
            version,
        ) = c[:11]
        names, keys = needs.get(id_, _NO_NEEDS)
        rows.append(
            QueueRow(
                id_,
                arrived_at,
                who(c[11:]),
                family_id,
                person_id,
                person_id is None and family_id is None,
                channel,
                names,
                status,
                served_at,
                done_at,
                operator,
                served_by,
                version,
                keys,
            )
        )
    return rows


def _order(row: QueueRow) -> tuple[int, float]:
    """Waiting first (longest wait on top), then being served, then done (latest on top)."""
    if row.status == "waiting":
        return (0, row.arrived_at.timestamp())
    if row.status == "serving":
        return (1, (row.served_at or row.arrived_at).timestamp())
    return (2, -(row.done_at or row.arrived_at).timestamp())


def today_queue(session: Session, day: date | None = None) -> list[QueueRow]:
    """The contacts of ``day`` (today), waiting first, then being served, then done."""
    permissions.require(session, permissions.FRONTDESK)
    day = day or clock.today()
    return sorted(_rows(session, *_this_centre(session, day)), key=_order)


def _this_centre(session: Session, day: date) -> tuple[ColumnElement[bool], ...]:
    """The day's contacts at this centre: on a shared server each centre has its own queue."""
    return (Contact.contact_date == day, Contact.site_id == session.info["site_id"])


def queue_row(session: Session, contact: Contact) -> QueueRow:
    """The queue row of ``contact`` as flushed."""
    return _rows(session, Contact.id == contact.id)[0]


def _refuse(contact: Contact, wanted: str) -> None:
    """Impossible moves say where the visitor is now (another desk may have moved them)."""
    if wanted == "serving" and contact.status == "serving":
        raise FamilyDeskError(
            _("This visitor is already being served (by {operator}).").format(
                operator=contact.served_by or contact.operator
            )
        )
    if contact.status == "done":
        raise FamilyDeskError(_("This contact is already done: the visitor has been seen."))
    if wanted == "waiting":
        raise FamilyDeskError(_("Only a visitor being served can go back to waiting."))


def _load(session: Session, contact_id: int, version: int) -> Contact:
    permissions.require(session, permissions.FRONTDESK)
    return load_for_update(session, Contact, contact_id, version)


def _serve(session: Session, contact: Contact, now: datetime | None) -> QueueRow:
    contact.status = "serving"
    contact.served_at = now or utcnow()
    contact.served_by = str(session.info.get("operator") or "")
    session.flush()
    return queue_row(session, contact)


def call_contact(
    session: Session, contact_id: int, version: int, now: datetime | None = None
) -> QueueRow:
    """A waiting visitor is called in by the signed-in operator (waiting -> being served)."""
    contact = _load(session, contact_id, version)
    if contact.status != "waiting":
        _refuse(contact, "serving")
    return _serve(session, contact, now)


def call_next(
    session: Session, day: date | None = None, now: datetime | None = None
) -> QueueRow | None:
    """Call in the visitor who has waited longest today; None when nobody is waiting."""
    permissions.require(session, permissions.FRONTDESK)
    contact = session.scalars(
        select(Contact)
        .where(*_this_centre(session, day or clock.today()), Contact.status == "waiting")
        .order_by(Contact.arrived_at, Contact.id)
        .limit(1)
    ).first()
    return None if contact is None else _serve(session, contact, now)


def finish_contact(
    session: Session, contact_id: int, version: int, now: datetime | None = None
) -> QueueRow:
    """The contact is over (waiting or being served -> done)."""
    contact = _load(session, contact_id, version)
    if contact.status == "done":
        _refuse(contact, "done")
    now = now or utcnow()
    if contact.served_at is None:  # seen at once, without being called in
        contact.served_at = now
        contact.served_by = str(session.info.get("operator") or "")
    contact.status, contact.done_at = "done", now
    session.flush()
    return queue_row(session, contact)


def requeue(session: Session, contact_id: int, version: int) -> QueueRow:
    """Called in by mistake: back to waiting, in the same place (the arrival time is kept)."""
    contact = _load(session, contact_id, version)
    if contact.status != "serving":
        _refuse(contact, "waiting")
    contact.status, contact.served_at, contact.served_by = "waiting", None, ""
    session.flush()
    return queue_row(session, contact)


def desk_operators(session: Session) -> list[str]:
    """Names of the active operators who work at the desk (owners of follow-ups)."""
    permissions.require(session, permissions.FRONTDESK)
    roles = [
        r for r, allowed in permissions.ROLE_PERMISSIONS.items() if permissions.FRONTDESK in allowed
    ]
    return list(
        session.scalars(
            select(Operator.username)
            .where(Operator.active.is_(True), Operator.role.in_(roles))
            .order_by(Operator.username)
        )
    )
