"""Built-in wording of parenting groups: kinds, targets, phases, sign-up statuses, marks."""

from __future__ import annotations

from familydesk.i18n import N_, _

KINDS: dict[str, str] = {
    "course": N_("course"),
    "workshop": N_("workshop"),
    "mutual_aid": N_("mutual-aid group"),
    "parent_school": N_("parent school"),
    "language_course": N_("language course"),
    "playgroup": N_("parent and baby group"),
    "other": N_("other"),
}
TARGETS: dict[str, str] = {
    "parents": N_("parents"),
    "children": N_("children"),
    "both": N_("parents and children"),
}
#: Where a group is in its life: before sign-ups, taking sign-ups, meeting, over.
PHASES: dict[str, str] = {
    "planned": N_("planned"),
    "open": N_("open for sign-up"),
    "running": N_("running"),
    "ended": N_("ended"),
    "cancelled": N_("cancelled"),
}
ENROLMENT_STATUSES: dict[str, str] = {
    "enrolled": N_("enrolled"),
    "waiting": N_("waiting list"),
    "withdrawn": N_("withdrawn"),
}
MARKS: dict[str, str] = {
    "present": N_("present"),
    "absent": N_("absent"),
    "excused": N_("excused"),
}
#: One letter per mark for the attendance grid and the summary sheet.
MARK_LETTERS: dict[str, str] = {
    "present": N_("P"),
    "absent": N_("A"),
    "excused": N_("E"),
}


def translated(table: dict[str, str], key: str) -> str:
    return _(table[key]) if key in table else key
