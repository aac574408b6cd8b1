"""The registry of kinds of record that retention rules apply to.

Each capability registers the kinds it owns with :func:`register`; later
modules (walk-ins, appointments, group sign-ups, family cards) add theirs the
same way, and what counts as a family's *activity* with
:func:`register_activity`. Only kinds whose tables exist are registered, so
the rules screen never shows a rule that could not be applied.
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


_KINDS: dict[str, RetentionKind] = {}
_ACTIVITY: list[Callable[[datetime], Select]] = []  # type: ignore[type-arg]


def register(kind: RetentionKind) -> RetentionKind:
    """Add (or replace) a kind; kinds are applied in the order they were registered."""
    _KINDS[kind.key] = kind
    return kind


def kinds() -> list[RetentionKind]:
    return list(_KINDS.values())


def get(key: str) -> RetentionKind | None:
    return _KINDS.get(key)


def register_activity(source: Callable[[datetime], Select]) -> None:  # type: ignore[type-arg]
    """``source(since)`` selects the ids of families with some activity at or after ``since``
    (e.g. a walk-in or an appointment); a family none of them selects is inactive."""
    _ACTIVITY.append(source)


def activity_sources() -> list[Callable[[datetime], Select]]:  # type: ignore[type-arg]
    return list(_ACTIVITY)


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
