"""Who may sign up to a group, and when: the group's target (parents, children), the
children's age range taken on the group's start, and the sign-up window.

Each refusal names the person and what the group expects; walk-ins (signed up at the
session itself) skip the window but not the age rule.
"""

from __future__ import annotations

from datetime import date

from familydesk.db.models.groups import Group
from familydesk.db.models.registry import Person
from familydesk.groups.catalog import GroupRow, age_range_label
from familydesk.i18n import _, format_date, format_number, ngettext
from familydesk.kernel.errors import FamilyDeskError, ValidationError
from familydesk.registry.records import ADULT_AGE, CHILD_RELATIONS


def reference_day(group: GroupRow, today: date) -> date:
    """The day ages are taken on: the first session's, else the day sign-ups close, else today."""
    return group.start_date or group.signup_closes or today


def months_between(born: date, day: date) -> int:
    return (day.year - born.year) * 12 + day.month - born.month - (day.day < born.day)


def is_child(person: Person, day: date) -> bool:
    if person.birth_date is None:
        return person.relation in CHILD_RELATIONS
    return months_between(person.birth_date, day) < ADULT_AGE * 12


def _age_text(months: int, unit: str) -> str:
    if unit == "months" or months < 24:
        return ngettext("{n} month", "{n} months", months).format(n=format_number(months))
    return ngettext("{n} year", "{n} years", months // 12).format(n=format_number(months // 12))


def check_person(group: Group, row: GroupRow, person: Person, day: date) -> None:
    """Refuse a person the group is not for (target, children's age on ``day``)."""
    name = f"{person.first_name} {person.last_name}".strip()
    child = is_child(person, day)
    if row.target == "parents" and child:
        raise ValidationError(
            "people", _("{name} is a minor: this group is for parents.").format(name=name)
        )
    if row.target == "children" and not child:
        raise ValidationError(
            "people", _("{name} is an adult: this group is for children.").format(name=name)
        )
    if not child or (group.age_from is None and group.age_to is None):
        return
    limits = age_range_label(group.age_from, group.age_to, group.age_unit)
    if person.birth_date is None:
        raise ValidationError(
            "people",
            _(
                "{name} has no date of birth in the family's record: add it, the group is for "
                "children aged {limits}."
            ).format(name=name, limits=limits),
        )
    months = months_between(person.birth_date, day)
    age = months if group.age_unit == "months" else months // 12
    if (group.age_from is not None and age < group.age_from) or (
        group.age_to is not None and age > group.age_to
    ):
        raise ValidationError(
            "people",
            _(
                "{name} is {age} old on {day}, the group's start: the group is for children aged "
                "{limits}."
            ).format(
                name=name,
                age=_age_text(months, group.age_unit),
                day=format_date(day),
                limits=limits,
            ),
        )


def check_window(group: Group, row: GroupRow, today: date, walk_in: bool) -> None:
    if group.cancelled:
        raise FamilyDeskError(
            _("The group {title} was called off: it takes no sign-ups.").format(title=group.title)
        )
    if row.phase == "ended":
        raise FamilyDeskError(_("The group {title} has ended.").format(title=group.title))
    if walk_in or row.signup_open:
        return
    if group.signup_opens and today < group.signup_opens:
        raise ValidationError(
            "group",
            _("Sign-ups for {title} open on {day}.").format(
                title=group.title, day=format_date(group.signup_opens)
            ),
        )
    raise ValidationError(
        "group",
        _("Sign-ups for {title} closed on {day}.").format(
            title=group.title, day=format_date(group.signup_closes)
        ),
    )
