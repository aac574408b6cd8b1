"""Plain results of an import (frozen; safe to hand to the GUI thread)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from familydesk.i18n import N_, _, format_number

#: Row statuses: written (or would be, in a dry run), already in the registry, refused.
NEW, PRESENT, REJECTED = "new", "present", "rejected"
STATUS_LABELS = {
    NEW: N_("will be imported"),
    PRESENT: N_("already in the registry"),
    REJECTED: N_("rejected"),
}
DONE_LABELS = {
    NEW: N_("imported"),
    PRESENT: N_("already in the registry"),
    REJECTED: N_("rejected"),
}


@dataclass(frozen=True)
class RowOutcome:
    """What happens to one row of the file; ``reason`` is translated (rejected rows only)."""

    line: int
    family_key: str
    surname: str
    given_name: str
    tax_code: str
    status: str
    reason: str = ""


@dataclass(frozen=True)
class ImportSummary:
    rows: tuple[RowOutcome, ...]
    families_new: int
    people_new: int
    families_present: int
    families_rejected: int
    rows_rejected: int
    #: True when nothing was (or will be) written: a dry run or a preview.
    dry_run: bool
    report_path: Path | None = None
    ignored_columns: tuple[str, ...] = ()

    @property
    def complete(self) -> bool:
        """Every row imported or already there."""
        return self.rows_rejected == 0

    def message(self) -> str:
        """One translated line with the counts."""
        if self.dry_run:
            text = _(
                "Check only, nothing written. Families to import: {families} (people: {people}); "
                "already in the registry: {present}; rows rejected: {rejected}."
            )
        else:
            text = _(
                "Families imported: {families} (people: {people}); already in the registry: "
                "{present}; rows rejected: {rejected}."
            )
        return text.format(
            families=format_number(self.families_new),
            people=format_number(self.people_new),
            present=format_number(self.families_present),
            rejected=format_number(self.rows_rejected),
        )
