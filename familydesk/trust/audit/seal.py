"""Seals of the audit trail kept outside the database, beside the backups.

The hash chain shows an entry edited, removed or inserted in the middle, but
not entries cut off the end, nor a chain rebuilt from scratch by someone who
recomputed every hash. So each verified backup appends a seal to
``audit-seals.tsv`` in the backup folder (a USB disk or a NAS share, out of
reach of whoever edits the database): which database (the uid of its first
centre, which copies and restores keep), the last entry's id and hash. ``familydesk audit
verify`` then checks that the newest seal's entry is still there, unchanged. A restore starts
a new line of seals.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import select
from sqlalchemy.orm import Session

from familydesk.db.models.registry import AuditEntry, Site
from familydesk.i18n import _, format_datetime
from familydesk.kernel import clock
from familydesk.trust import audit

if TYPE_CHECKING:
    from familydesk.trust.audit import Problem

log = logging.getLogger(__name__)

FILE_NAME = "audit-seals.tsv"
RESTORED = "restored"


@dataclass(frozen=True)
class Seal:
    at: datetime
    chain: str
    last_id: int
    last_hash: str
    kind: str = "backup"


def _database_uid(session: Session) -> str | None:
    uid = session.scalar(select(Site.uid).order_by(Site.id).limit(1))
    return None if uid is None else str(uid)


def head(session: Session) -> Seal | None:
    """The seal of the trail as it is now (None while it is empty)."""
    database_uid = _database_uid(session)
    last = session.execute(
        select(AuditEntry.id, AuditEntry.hash).order_by(AuditEntry.id.desc()).limit(1)
    ).first()
    if database_uid is None or last is None:
        return None
    return Seal(clock.local_now().replace(microsecond=0), database_uid, last[0], last[1])


def write(session: Session, folder: Path, kind: str = "backup") -> Seal | None:
    """Append the current seal to ``folder``'s file (after a backup or a restore)."""
    seal = head(session)
    if seal is None:
        return None
    line = "\t".join([seal.at.isoformat(), seal.chain, str(seal.last_id), seal.last_hash, kind])
    with (folder / FILE_NAME).open("a", encoding="utf-8") as fh:
        fh.write(line + "\n")
    return seal


def read(folder: Path, chain: str) -> list[Seal]:
    """The seals of ``chain`` since its last restore, oldest first (bad lines are skipped)."""
    path = folder / FILE_NAME
    if not path.is_file():
        return []
    seals: list[Seal] = []
    for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
        parts = line.split("\t")
        try:
            seal = Seal(
                datetime.fromisoformat(parts[0]),
                parts[1],
                int(parts[2]),
                parts[3],
                parts[4] if len(parts) > 4 else "backup",
            )
        except (IndexError, ValueError):
            continue
        if seal.chain != chain:
            continue
        if seal.kind == RESTORED:
            seals = []
        seals.append(seal)
    return seals


def check(session: Session, folder: Path) -> str | None:
    """A sentence when the trail lost entries it had when the newest seal was written."""
    database_uid = _database_uid(session)
    seals = read(folder, database_uid) if database_uid else []
    if not seals:
        return None
    newest = seals[-1]
    found = session.scalar(select(AuditEntry.hash).where(AuditEntry.id == newest.last_id))
    if found is None:
        return _(
            "Audit entries up to {id} existed on {date} (seal beside the backups) but are "
            "missing now: the end of the trail was removed."
        ).format(id=newest.last_id, date=format_datetime(newest.at))
    if found != newest.last_hash:
        return _(
            "Audit entry {id} differs from the one sealed on {date} (seal beside the backups): "
            "the trail was rewritten."
        ).format(id=newest.last_id, date=format_datetime(newest.at))
    return None


def verify_with_seals(session: Session, folder: Path) -> list[Problem]:
    """The hash chain (``audit.verify``), then the end of the trail against the seals."""
    problems = audit.verify(session)
    if not problems:
        cut = check(session, folder)
        problems = [audit.Problem(0, cut)] if cut else []
    return problems
