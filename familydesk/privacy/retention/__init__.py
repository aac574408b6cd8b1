"""Retention of personal data (GDPR art. 5(1)(e)): rules per kind of record.

The kinds of record are listed in :mod:`familydesk.privacy.retention.kinds` (each written
in ``builtin``, ``desk``, ``cards`` or ``groups``), what keeps a family active in
:mod:`familydesk.privacy.retention.activity`; the services read those lists.
"""

from familydesk.privacy.retention.kind import RetentionKind
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
    "retention_preview",
    "retention_rules",
    "set_retention",
]
