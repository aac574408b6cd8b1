"""Plain results of a directory import (frozen; safe to hand to the GUI thread)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from familydesk.i18n import N_, _, format_number, ngettext

#: Row statuses: a new service, a changed one, one already as the file says, refused.
NEW, UPDATED, UNCHANGED, REJECTED = "new", "updated", "unchanged", "rejected"
STATUS_LABELS = {
    NEW: N_("will be added"),
    UPDATED: N_("will be updated"),
    UNCHANGED: N_("already in the directory"),
    REJECTED: N_("rejected"),
}
DONE_LABELS = {
    NEW: N_("added"),
    UPDATED: N_("updated"),
    UNCHANGED: N_("already in the directory"),
    REJECTED: N_("rejected"),
}


@dataclass(frozen=True)
class ServiceOutcome:
    """What happens to one row; ``problems`` are (column as written, translated message)."""

    line: int
    organisation: str
    service: str
    status: str
    problems: tuple[tuple[str, str], ...] = ()

    @property
    def reason(self) -> str:
        return "; ".join(message for _column, message in self.problems)


@dataclass(frozen=True)
class ServicesImportSummary:
    rows: tuple[ServiceOutcome, ...]
    new: int
    updated: int
    unchanged: int
    rejected: int
    organisations_new: int
    organisations_updated: int
    #: True when nothing was (or will be) written: a dry run or a preview.
    dry_run: bool
    report_path: Path | None = None
    ignored_columns: tuple[str, ...] = ()
    #: Free-text referrals given the directory's service they name (after the import).
    referrals_matched: int = 0

    @property
    def complete(self) -> bool:
        return self.rejected == 0

    def message(self) -> str:
        """One translated line with the counts."""
        if self.dry_run:
            text = _(
                "Check only, nothing written. Services to add: {new}; to update: {updated}; "
                "already in the directory: {unchanged}; rows rejected: {rejected}."
            )
        else:
            text = _(
                "Services added: {new}; updated: {updated}; already in the directory: "
                "{unchanged}; rows rejected: {rejected}."
            )
        line = text.format(
            new=format_number(self.new),
            updated=format_number(self.updated),
            unchanged=format_number(self.unchanged),
            rejected=format_number(self.rejected),
        )
        if self.referrals_matched:
            line += " " + ngettext(
                "{count} earlier referral now names its service.",
                "{count} earlier referrals now name their service.",
                self.referrals_matched,
            ).format(count=format_number(self.referrals_matched))
        return line
