"""Retention rules: read and change them, preview what they would remove, apply them.

Every service here needs ``permissions.PRIVACY_MANAGE``. ``apply_retention``
runs in one write: either every kind is applied or nothing is. The months
kept per kind live in ``retention_rule``; a kind with no row keeps its
default (see ``familydesk.privacy.retention.builtin``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from familydesk.db.database import conflict_message, load_for_update
from familydesk.db.models.registry import RetentionRule
from familydesk.i18n import _
from familydesk.kernel import clock
from familydesk.kernel.clock import months_before
from familydesk.kernel.errors import ConflictError, ValidationError
from familydesk.privacy.retention import kinds
from familydesk.privacy.retention.kind import RetentionKind
from familydesk.trust import audit, permissions

MIN_MONTHS, MAX_MONTHS = 6, 600
#: How many records the preview lists per kind.
SAMPLE_SIZE = 5
#: Records applied per statement (keeps IN lists short on both back ends).
CHUNK = 500


@dataclass(frozen=True)
class RuleRow:
    kind: str
    label: str
    explanation: str
    months: int
    default_months: int
    #: 0 while the default applies (no row yet): ``set_retention`` then creates it.
    version: int


@dataclass(frozen=True)
class Sample:
    uid: str
    description: str


@dataclass(frozen=True)
class PreviewRow:
    kind: str
    label: str
    months: int
    cutoff: date
    count: int
    samples: tuple[Sample, ...]


@dataclass(frozen=True)
class PurgeRow:
    kind: str
    label: str
    count: int


@dataclass(frozen=True)
class PurgeSummary:
    rows: tuple[PurgeRow, ...]

    @property
    def total(self) -> int:
        return sum(row.count for row in self.rows)


def _stored(session: Session) -> dict[str, RetentionRule]:
    return {rule.kind: rule for rule in session.scalars(select(RetentionRule))}


def _row(kind: RetentionKind, stored: RetentionRule | None) -> RuleRow:
    return RuleRow(
        kind=kind.key,
        label=_(kind.label),
        explanation=_(kind.explanation) if kind.explanation else "",
        months=stored.months if stored else kind.default_months,
        default_months=kind.default_months,
        version=stored.version if stored else 0,
    )


def retention_rules(session: Session) -> list[RuleRow]:
    """The rule of every kind of record that exists, in the order they are applied."""
    permissions.require(session, permissions.PRIVACY_MANAGE)
    stored = _stored(session)
    return [_row(kind, stored.get(kind.key)) for kind in kinds.kinds()]


def set_retention(session: Session, kind: str, months: int, version: int) -> RuleRow:
    """Keep records of ``kind`` for ``months`` (6 to 600); refuses a stale ``version``."""
    permissions.require(session, permissions.PRIVACY_MANAGE)
    found = kinds.get(kind)
    if found is None:
        raise ValidationError(
            "kind", _("Kind of record: “{kind}” is not one FamilyDesk keeps.").format(kind=kind)
        )
    if not isinstance(months, int) or not MIN_MONTHS <= months <= MAX_MONTHS:
        raise ValidationError(
            "months",
            _("Months kept: enter a whole number from {low} to {high}.").format(
                low=MIN_MONTHS, high=MAX_MONTHS
            ),
        )
    stored = _stored(session).get(kind)
    if stored is None:
        if version != 0:
            raise ConflictError(conflict_message())
        stored = RetentionRule(kind=kind, months=months)
        session.add(stored)
    else:
        stored = load_for_update(session, RetentionRule, stored.id, version)
        stored.months = months
    session.flush()
    audit.record(session, "retention-rule", stored, note=f"{kind}={months}")
    return _row(found, stored)


def _cutoffs(session: Session, today: date | None) -> list[tuple[RetentionKind, int, date]]:
    today = today or clock.today()
    rules = {row.kind: row.months for row in retention_rules(session)}
    return [
        (kind, rules[kind.key], months_before(today, rules[kind.key])) for kind in kinds.kinds()
    ]


def _moment(day: date) -> datetime:
    return datetime(day.year, day.month, day.day, tzinfo=UTC)


def retention_preview(session: Session, today: date | None = None) -> list[PreviewRow]:
    """Per kind: how many records the rules would remove now, and a few of them
    (uid and a description that names nobody). Writes nothing."""
    permissions.require(session, permissions.PRIVACY_MANAGE)
    rows = []
    for kind, months, cutoff in _cutoffs(session, today):
        query = kind.candidates(session, _moment(cutoff))
        count = session.scalar(select(func.count()).select_from(query.order_by(None).subquery()))
        first = list(session.scalars(query.limit(SAMPLE_SIZE)))
        samples = tuple(Sample(uid, text) for uid, text in kind.describe(session, first))
        rows.append(PreviewRow(kind.key, _(kind.label), months, cutoff, count or 0, samples))
    return rows


def apply_retention(session: Session, today: date | None = None) -> PurgeSummary:
    """Anonymise or delete every record past its rule, kind after kind, in this write.

    Each record changed is audited (``anonymise``, ``update`` or ``delete``),
    and the run itself once (``retention-purge``, counts per kind).
    """
    permissions.require(session, permissions.PRIVACY_MANAGE)
    today = today or clock.today()
    rows = []
    for kind, _months, cutoff in _cutoffs(session, today):
        ids = list(session.scalars(kind.candidates(session, _moment(cutoff))))
        done = 0
        for start in range(0, len(ids), CHUNK):
            done += kind.apply(session, ids[start : start + CHUNK], today)
        rows.append(PurgeRow(kind.key, _(kind.label), done))
    note = ", ".join(f"{row.kind}={row.count}" for row in rows)
    audit.record(session, "retention-purge", None, note=note, table_name="retention_rule")
    session.flush()
    return PurgeSummary(tuple(rows))
