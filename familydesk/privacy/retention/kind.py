"""What a kind of record under a retention rule is (:class:`RetentionKind`), and the
one UPDATE the kinds that detach records share.

The kinds themselves are listed in :mod:`familydesk.privacy.retention.kinds`; what
counts as a family's activity in :mod:`familydesk.privacy.retention.activity`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import Select, select, update
from sqlalchemy.orm import Session

from familydesk.trust import audit

#: ``candidates(session, cutoff)``: a SELECT of the ids of records past ``cutoff``.
Candidates = Callable[[Session, datetime], Select]  # type: ignore[type-arg]
#: ``apply(session, ids, today)``: anonymise or delete those records; returns how many.
Apply = Callable[[Session, list[int], date], int]
#: ``describe(session, ids)``: (uid, non-identifying description) for the preview.
Describe = Callable[[Session, list[int]], list[tuple[str, str]]]


@dataclass(frozen=True)
class RetentionKind:
    """A kind of record with its retention period (months) and what happens after it.

    ``label`` and ``explanation`` are msgids (``N_``), translated when shown;
    ``explanation`` says why the default is what it is.
    """

    key: str
    label: str
    default_months: int
    candidates: Candidates
    apply: Apply
    describe: Describe
    explanation: str = ""


def updated_for_retention(
    session: Session,
    model: type,
    ids: list[int],
    values: dict[str, object],
    fields: list[str] | None = None,
) -> int:
    """Set ``values`` on the rows ``ids`` of ``model`` in one UPDATE (versions move on) and
    audit each row by the names of the ``fields`` changed (default: the keys), never values."""
    uids = session.scalars(select(model.uid).where(model.id.in_(ids))).all()  # type: ignore[attr-defined]
    session.execute(
        update(model)
        .where(model.id.in_(ids))  # type: ignore[attr-defined]
        .values({**values, "version": model.version + 1})  # type: ignore[attr-defined]
        .execution_options(synchronize_session=False)
    )
    for uid in uids:
        audit.append(
            session,
            "update",
            model.__tablename__,
            str(uid),
            fields or list(values),  # type: ignore[attr-defined]
            note="retention",
        )
    session.expire_all()
    return len(uids)
