"""Retention of personal data (GDPR art. 5(1)(e)): rules per kind of record.

The kinds that exist today are registered by :mod:`familydesk.privacy.retention.builtin`;
later capabilities register theirs through :mod:`familydesk.privacy.retention.kinds`.
"""

from familydesk.privacy.retention import builtin, cards, desk, groups  # noqa: F401  (register the built-in kinds)
from familydesk.privacy.retention.kinds import RetentionKind, register, register_activity
from familydesk.privacy.retention.services import (
    MAX_MONTHS,
    MIN_MONTHS,
    PreviewRow,
    PurgeRow,
    PurgeSummary,
    RuleRow,
    Sample,
    apply_retention,
    months_before,
    retention_preview,
    retention_rules,
    set_retention,
)

__all__ = [
    "MAX_MONTHS",
    "MIN_MONTHS",
    "PreviewRow",
    "PurgeRow",
    "PurgeSummary",
    "RetentionKind",
    "RuleRow",
    "Sample",
    "apply_retention",
    "months_before",
    "register",
    "register_activity",
    "retention_preview",
    "retention_rules",
    "set_retention",
]
