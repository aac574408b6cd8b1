"""Importing families from a spreadsheet into the registry, all or nothing.

:func:`import_table` applies the registry's own checks (``clean_member``,
``clean_family``) to every row, matches the file with the registry in bulk
(see :mod:`.matching`), writes the accepted families in the caller's
session with multi-row INSERTs (10,000 rows in about three seconds) and
writes a report of the rejected rows beside the file. The
caller's unit of work (``Database.write``) commits once: an error part way
leaves nothing half-imported. A family with any rejected row is not
imported at all.

Runs on any thread except the GUI's (it reads files and the database).
``progress(done, total)`` is called from that same thread every few
hundred rows; ``total`` is twice the number of rows (checking, then writing).
``cancel`` (a ``threading.Event``, set from any thread) stops the import at the next
of those points, and between batches of families written, with :class:`ImportCancelled`:
the caller's unit of work then rolls back, so nothing of the file is imported.
"""

from __future__ import annotations

import logging
import threading
import uuid
from collections.abc import Callable
from datetime import date
from pathlib import Path
from types import SimpleNamespace

from sqlalchemy import insert
from sqlalchemy.orm import Session

from familydesk.db.models.registry import Family, Person
from familydesk.i18n import _
from familydesk.kernel import clock
from familydesk.kernel.errors import FamilyDeskError
from familydesk.registry.families import FAMILY_FIELDS, MEMBER_FIELDS
from familydesk.registry.records import FamilyInput, MemberInput
from familydesk.transfer.matching import match_families
from familydesk.transfer.reading import SourceTable, read_table
from familydesk.transfer.records import NEW, PRESENT, REJECTED, ImportSummary, RowOutcome
from familydesk.transfer.report import write_report
from familydesk.transfer.rules import FamilyDraft, read_families
from familydesk.trust import audit, hooks, permissions

log = logging.getLogger(__name__)

Progress = Callable[[int, int], None]
#: Families per multi-row INSERT: bounded memory, and progress keeps moving.
BATCH = 500


class ImportCancelled(FamilyDeskError):
    """The operator stopped the import: nothing of the file was imported."""

    def __init__(self) -> None:
        super().__init__(_("Import stopped: nothing of the file was imported."))


def _checked(progress: Progress | None, cancel: threading.Event | None) -> Progress | None:
    """``progress`` that first stops the import when ``cancel`` is set."""
    if cancel is None:
        return progress

    def report(done: int, total: int) -> None:
        if cancel.is_set():
            raise ImportCancelled()
        if progress is not None:
            progress(done, total)

    return report


def import_file(
    session: Session,
    path: Path | str,
    *,
    dry_run: bool = False,
    progress: Progress | None = None,
    today: date | None = None,
    report: bool = True,
    cancel: threading.Event | None = None,
) -> ImportSummary:
    """Read ``path`` and import it (see :func:`import_table`)."""
    table = read_table(path)
    return import_table(
        session,
        table,
        dry_run=dry_run,
        progress=progress,
        today=today,
        report=report,
        cancel=cancel,
    )


def preview_file(session: Session, path: Path | str, today: date | None = None) -> ImportSummary:
    """What importing ``path`` would do, row by row; writes nothing, not even the report."""
    return import_file(session, path, dry_run=True, today=today, report=False)


def import_table(
    session: Session,
    table: SourceTable,
    *,
    dry_run: bool = False,
    progress: Progress | None = None,
    today: date | None = None,
    report: bool = True,
    cancel: threading.Event | None = None,
) -> ImportSummary:
    """Check every row, write the accepted families (unless ``dry_run``) and report the rest.

    Never commits. The report of rejected rows (original columns plus
    ``errore``) is written beside the file when ``report`` is set and some
    row was rejected, also in a dry run.
    """
    permissions.require(session, permissions.IMPORT)
    today = today or clock.today()
    progress = _checked(progress, cancel)
    total = 2 * len(table.rows)
    families = read_families(table, today, progress, total)
    match_families(session, families)
    if progress is not None:
        progress(len(table.rows), total)  # (a cancelled import stops here, or between batches)
    accepted = [f for f in families if not f.rejected and f.present_in is None]
    if not dry_run:
        write_families(session, accepted, progress, len(table.rows), total)
    outcomes = tuple(sorted((o for f in families for o in outcomes_of(f)), key=lambda o: o.line))
    rejected_rows = [o for o in outcomes if o.status == REJECTED]
    report_path = write_report(table, rejected_rows) if report and rejected_rows else None
    summary = ImportSummary(
        rows=outcomes,
        families_new=len(accepted),
        people_new=sum(len(f.rows) for f in accepted),
        families_present=sum(1 for f in families if f.present_in is not None and not f.rejected),
        families_rejected=sum(1 for f in families if f.rejected),
        rows_rejected=len(rejected_rows),
        dry_run=dry_run,
        report_path=report_path,
        ignored_columns=tuple(table.ignored),
    )
    if progress is not None:
        progress(total, total)
    log.info(
        "%s %d families (%d people) from a %s file of %d rows; %d families already present, "
        "%d families (%d rows) rejected",
        "Checked (dry run):" if dry_run else "Imported",
        summary.families_new,
        summary.people_new,
        table.kind,
        len(table.rows),
        summary.families_present,
        summary.families_rejected,
        summary.rows_rejected,
    )
    return summary


def outcomes_of(family: FamilyDraft) -> list[RowOutcome]:
    result = []
    for row in family.rows:
        if row.rejected:
            status, reason = REJECTED, "; ".join(row.errors) or row.collateral
        else:
            status, reason = (PRESENT if family.present_in is not None else NEW), ""
        result.append(
            RowOutcome(
                line=row.source.line,
                family_key=family.key,
                surname=row.surname,
                given_name=row.given_name,
                tax_code=row.code,
                status=status,
                reason=reason,
            )
        )
    return result


def family_values(family: FamilyInput, site_id: int) -> dict[str, object]:
    """The ``family`` row for a checked family, as ``registry.create_family`` stores it."""
    return {name: getattr(family, name) for name in FAMILY_FIELDS} | {
        "uid": uuid.uuid4(),
        "site_id": site_id,
    }


def person_values(
    member: MemberInput, family: dict[str, object], family_id: int, site_id: int
) -> dict[str, object]:
    """The ``person`` row for a checked member, with the derived columns the session hook
    would fill (search words and name key, by the hook's own function)."""
    values = {name: getattr(member, name) for name in MEMBER_FIELDS}
    values["tax_code"] = member.tax_code or None
    words, key = hooks.person_words(_PersonView(member, values["tax_code"], family))  # type: ignore[arg-type]
    values.update(
        family_id=family_id, site_id=site_id, search_text=words, name_key=key, uid=uuid.uuid4()
    )
    return values


class _PersonView:
    """What ``hooks.person_words`` reads from a person, without building ORM objects."""

    def __init__(self, member: MemberInput, code: object, family: dict[str, object]) -> None:
        self.last_name, self.first_name = member.last_name, member.first_name
        self.tax_code, self.phone, self.email = code, member.phone, member.email
        self.family = SimpleNamespace(phone=family["phone"], email=family["email"])


def write_families(
    session: Session, families: list[FamilyDraft], progress: Progress | None, done: int, total: int
) -> None:
    """Insert the families and their members with a few multi-row INSERTs per batch.

    Bulk INSERTs skip the ORM's flush, so the columns that ``hooks.before_flush``
    fills are filled here with the same values: ``site_id`` from the session
    and the person's words and name key from ``hooks.person_words`` (a test
    compares an imported family with one made by ``create_family``).
    Defaults (uid, timestamps, version) come from the models' columns.
    """
    site_id = session.info.get("site_id")
    if site_id is None:
        raise RuntimeError("import without a site: open the session via Database")
    family_table, person_table = Family.__table__, Person.__table__
    for start in range(0, len(families), BATCH):
        batch = families[start : start + BATCH]
        rows = []
        for draft in batch:
            assert draft.family is not None
            rows.append(family_values(draft.family, site_id))
        returned = session.execute(
            insert(family_table).returning(family_table.c.uid, family_table.c.id), rows
        )
        ids = {uid: family_id for uid, family_id in returned}
        people = [
            person_values(row.member, values, ids[values["uid"]], site_id)
            for draft, values in zip(batch, rows, strict=True)
            for row in draft.rows
            if row.member is not None
        ]
        session.execute(insert(person_table), people)
        audit.append_bulk(
            session, "create", "family", [str(row["uid"]) for row in rows], note="import"
        )
        audit.append_bulk(
            session, "create", "person", [str(row["uid"]) for row in people], note="import"
        )
        done += len(people)
        if progress is not None:
            progress(done, total)
