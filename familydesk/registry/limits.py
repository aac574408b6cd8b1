"""The longest text each field of the registry takes.

Limits a person can live with (a surname of 80 characters is already rare) and that fit
the database's columns on every back end: a longer value used to be refused by
PostgreSQL with a bare "unexpected error", and taken by SQLite to make the window wider
than the screen. The forms, the import and the services check the same table.
"""

from __future__ import annotations

from collections.abc import Mapping

from familydesk.i18n import N_, _, format_number, ngettext
from familydesk.kernel.errors import ValidationError

#: field -> (the most characters, the field's name as the forms label it)
Limits = Mapping[str, tuple[int, str]]

MEMBER_LIMITS: Limits = {
    "last_name": (80, N_("Surname")),
    "first_name": (80, N_("Given name")),
    "birth_place": (100, N_("Birthplace")),
    "no_code_reason": (200, N_("No code because")),
    "citizenship": (80, N_("Citizenship")),
    "languages": (200, N_("Languages")),
    "phone": (40, N_("Phone")),
    "email": (120, N_("E-mail")),
    "notes": (4000, N_("Notes")),
}
FAMILY_LIMITS: Limits = {
    "name": (100, N_("Family name")),
    "address": (200, N_("Address")),
    "comune_name": (100, N_("Comune")),
    "phone": (40, N_("Phone")),
    "email": (120, N_("E-mail")),
    "notes": (4000, N_("Notes")),
    "external_key": (100, N_("Family key")),
}


def length_errors(record: object, limits: Limits) -> list[tuple[str, str]]:
    """(field, message) for every field of ``record`` longer than its limit, in table order."""
    found = []
    for field, (most, label) in limits.items():
        value = getattr(record, field, "")
        length = len(" ".join(value.split())) if isinstance(value, str) else 0
        if length > most:
            found.append((field, too_long_message(label, most, length)))
    return found


def too_long_message(label: str, most: int, length: int) -> str:
    """'Surname: at most 80 characters (this one has 5000).' in the operator's language."""
    return ngettext(
        "{field}: at most {most} character (this one has {length}).",
        "{field}: at most {most} characters (this one has {length}).",
        most,
    ).format(field=_(label), most=format_number(most), length=format_number(length))


def check_lengths(record: object, limits: Limits) -> None:
    """Raise :class:`ValidationError` naming the first field of ``record`` that is too long."""
    found = length_errors(record, limits)
    if found:
        field, message = found[0]
        raise ValidationError(field, message)
