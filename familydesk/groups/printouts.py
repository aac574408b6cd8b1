"""Printing a group's papers: signature sheet, certificates, enrolment form, attendance summary.

Services for the CLI and the GUI runner: each needs ``PRINT`` (and reading
groups), reads with the given session (never commits), builds the PDF in the
form's language (default: the interface language), audits the print by uid —
one entry per person on paper plus one for the printout — and writes the file
atomically. Run them as writes (``Database.write`` / ``runner.write``).
Importing this module loads ReportLab.
"""

from __future__ import annotations

import logging
from datetime import date
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from familydesk import i18n
from familydesk.db.models.groups import Enrolment
from familydesk.db.models.registry import Family, Person
from familydesk.groups.attendance import attendance_grid, enrolled_on_day
from familydesk.groups.catalog import get_group
from familydesk.groups.enrolment import EnrolmentRow, participants
from familydesk.groups.enrolment_sheet import EnrolmentFormData, enrolment_pdf
from familydesk.groups.figures import Completion, completions, group_figures
from familydesk.groups.sessions import session_by_number, sessions_of
from familydesk.groups.sheets import (
    CertificateData,
    CourseProgress,
    SignatureSheetData,
    certificates_pdf,
    signatures_pdf,
)
from familydesk.groups.summary_sheet import SummaryData, summary_pdf
from familydesk.i18n import _, format_number, ngettext
from familydesk.kernel.errors import FamilyDeskError, NotFoundError
from familydesk.kernel.files import write_atomically
from familydesk.registry.centre import get_centre, province_of
from familydesk.trust import audit, permissions

log = logging.getLogger(__name__)


def _deliver(
    session: Session, pdf: bytes, path: Path, people: list[str], note: str, about: tuple[str, str]
) -> Path:
    """Audit the print (an entry per sign-up on paper, by uid, and one for the printout
    itself: ``about`` is its table and uid), then write the file."""
    session.flush()  # pending entries first: the bulk insert below goes straight in
    audit.append_bulk(session, "print", "enrolment", people, note=note)
    audit.record(session, "print", note=note, table_name=about[0], record_uid=about[1])
    session.flush()
    return write_atomically(Path(path), pdf)


def print_signatures(
    session: Session,
    group_id: int,
    session_number: int,
    path: Path,
    language: str | None = None,
    today: date | None = None,
) -> Path:
    """The signature sheet (registro firme) of session ``session_number`` of a group: the
    people enrolled on its day, empty rows for walk-ins. Refuses a cancelled session;
    ``ValidationError`` names the range for a number out of it."""
    permissions.require(session, permissions.PRINT)
    group = get_group(session, group_id)
    row = session_by_number(session, group_id, session_number)
    if row.cancelled:
        reason = f" ({row.cancel_reason})" if row.cancel_reason else ""
        raise FamilyDeskError(
            _(
                "Session {number} was cancelled{reason}: there is no signature sheet to print."
            ).format(number=row.number, reason=reason)
        )
    total = len(sessions_of(session, group_id))
    day = row.starts_at.date()
    people = tuple(
        p
        for p in participants(session, group_id)
        if enrolled_on_day(p.enrolled_on, p.withdrawn_on, day)
    )
    data = SignatureSheetData(group, row, total, people)
    pdf = signatures_pdf(data, get_centre(session), language or i18n.current_language(), today)
    out = _deliver(
        session,
        pdf,
        path,
        [p.uid for p in people],
        f"signature sheet {row.number}/{total}: {len(people)}",
        ("group_session", row.uid),
    )
    log.info("Printed the signature sheet of group %s, session %s", group_id, row.number)
    return out


def _certificate_data(
    session: Session, rows: list[tuple[EnrolmentRow, Completion]]
) -> list[CertificateData]:
    ids = [r.person_id for r, _c in rows if r.person_id is not None]
    sexes = dict(session.execute(select(Person.id, Person.sex).where(Person.id.in_(ids))).all())
    return [
        CertificateData(r.name, sexes.get(r.person_id, "") if r.person_id else "", r.birth_date, c)
        for r, c in rows
    ]


def _certifiable(done: Completion, progress: CourseProgress) -> bool:
    """Completed; or, while sessions are still to come, present at least once (the paper
    is then a partial certificate naming the meetings held so far)."""
    return done.completed or (progress.partial and done.present > 0)


def _not_completed(done: Completion, percent: int) -> FamilyDeskError:
    if not done.present:
        return FamilyDeskError(
            _(
                "No certificate: this person attended none of the {sessions} sessions, and the "
                "group's rule needs at least {needed} ({percent}%)."
            ).format(
                sessions=format_number(done.sessions),
                percent=percent,
                needed=format_number(done.needed),
            )
        )
    return FamilyDeskError(
        ngettext(
            "No certificate: this person attended {present} of {sessions} sessions, and the "
            "group's rule needs at least {needed} ({percent}%).",
            "No certificate: this person attended {present} of {sessions} sessions, and the "
            "group's rule needs at least {needed} ({percent}%).",
            done.present,
        ).format(
            present=format_number(done.present),
            sessions=format_number(done.sessions),
            percent=percent,
            needed=format_number(done.needed),
        )
    )


def print_certificate(
    session: Session,
    group_id: int,
    person_id: int,
    path: Path,
    language: str | None = None,
    today: date | None = None,
) -> Path:
    """The certificate of attendance (attestato di frequenza) of one participant; before
    the course's last session, a partial one with the meetings held so far.

    Refused, with how many sessions they attended and how many the rule needs, when
    they did not complete; refused when they are not enrolled in the group."""
    permissions.require(session, permissions.PRINT)
    group = get_group(session, group_id)
    row = next((p for p in participants(session, group_id) if p.person_id == person_id), None)
    if row is None:
        raise NotFoundError(_("This person is not signed up for this group."))
    done = completions(session, group_id).get(row.id)
    if row.status != "enrolled" or done is None:
        raise FamilyDeskError(
            _(
                "This person is not enrolled in this group (waiting list or "
                "withdrawn): there is no certificate to print."
            )
        )
    progress = CourseProgress.of(sessions_of(session, group_id))
    if not _certifiable(done, progress):
        raise _not_completed(done, group.completion_percent)
    items = _certificate_data(session, [(row, done)])
    pdf = certificates_pdf(
        group, items, get_centre(session), language or i18n.current_language(), today, progress
    )
    out = _deliver(session, pdf, path, [row.uid], "certificate: 1", ("parent_group", group.uid))
    log.info("Printed a certificate of attendance of group %s", group_id)
    return out


def print_certificates(
    session: Session,
    group_id: int,
    path: Path,
    language: str | None = None,
    today: date | None = None,
) -> Path:
    """One certificate per participant who completed the group, a page each, in one PDF;
    refused when nobody has completed it. Before the last session: a partial certificate
    for everyone present at least once (see :class:`CourseProgress`)."""
    permissions.require(session, permissions.PRINT)
    group = get_group(session, group_id)
    done = completions(session, group_id)
    progress = CourseProgress.of(sessions_of(session, group_id))
    rows = [
        (p, done[p.id])
        for p in participants(session, group_id)
        if p.status == "enrolled" and p.id in done and _certifiable(done[p.id], progress)
    ]
    if not rows:
        raise FamilyDeskError(
            _("Nobody has completed this group yet: there are no certificates to print.")
        )
    pdf = certificates_pdf(
        group,
        _certificate_data(session, rows),
        get_centre(session),
        language or i18n.current_language(),
        today,
        progress,
    )
    out = _deliver(
        session,
        pdf,
        path,
        [r.uid for r, _c in rows],
        f"certificates: {len(rows)}",
        ("parent_group", group.uid),
    )
    log.info("Printed %d certificates of attendance of group %s", len(rows), group_id)
    return out


def enrolment_of(session: Session, group_id: int, person_id: int) -> int:
    """The id of a person's sign-up to a group (for the CLI), or a clear ``NotFoundError``."""
    found = session.scalar(
        select(Enrolment.id).where(Enrolment.group_id == group_id, Enrolment.person_id == person_id)
    )
    if found is None:
        raise NotFoundError(_("This person is not signed up for this group."))
    return found


def print_enrolment_form(
    session: Session,
    enrolment_id: int,
    path: Path,
    language: str | None = None,
    today: date | None = None,
) -> Path:
    """The enrolment form (modulo di iscrizione) of one sign-up, to sign."""
    permissions.require(session, permissions.PRINT)
    enrolment = session.get(Enrolment, enrolment_id)
    if enrolment is None:
        raise NotFoundError(_("This sign-up no longer exists."))
    group = get_group(session, enrolment.group_id)
    row = next(p for p in participants(session, group.id) if p.id == enrolment_id)
    person = session.get(Person, row.person_id) if row.person_id else None
    family = session.get(Family, row.family_id) if row.family_id else None
    data = EnrolmentFormData(
        group,
        tuple(sessions_of(session, group.id)),
        row,
        tax_code=(person.tax_code or "") if person else "",
        birth_place=person.birth_place if person else "",
        family=family.name if family else "",
        address=family.address if family else "",
        comune=family.comune_name if family else "",
        phone=family.phone if family else "",
        email=family.email if family else "",
        postal_code=family.postal_code if family else "",
        province=province_of(session, family.comune_code, family.comune_name) if family else "",
    )
    pdf = enrolment_pdf(data, get_centre(session), language or i18n.current_language(), today)
    out = _deliver(session, pdf, path, [row.uid], "enrolment form", ("parent_group", group.uid))
    log.info("Printed the enrolment form of sign-up %s", enrolment_id)
    return out


def print_summary(
    session: Session,
    group_id: int,
    path: Path,
    language: str | None = None,
    today: date | None = None,
) -> Path:
    """The attendance summary (riepilogo presenze) of a group, landscape."""
    permissions.require(session, permissions.PRINT)
    group = get_group(session, group_id)
    grid = attendance_grid(session, group_id)
    data = SummaryData(
        group, grid, completions(session, group_id), group_figures(session, group_id)
    )
    pdf = summary_pdf(data, get_centre(session), language or i18n.current_language(), today)
    out = _deliver(
        session,
        pdf,
        path,
        [p.uid for p in grid.participants],
        f"attendance summary: {len(grid.participants)}",
        ("parent_group", group.uid),
    )
    log.info("Printed the attendance summary of group %s", group_id)
    return out
