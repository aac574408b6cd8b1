"""What every service does with a typed field: check its shape, clean it, name a weekday,
and mark its record changed.

The registry, the centre and the capabilities (appointments' resources, groups, cards)
check the same kinds of field the same way.
"""

from __future__ import annotations

import re

from babel.dates import get_day_names

from familydesk.i18n import _, babel_locale
from familydesk.kernel import clock
from familydesk.kernel.errors import ValidationError

#: A phone number as people type it: digits, spaces, + and ( ) . / -, at least 5 of them.
PHONE = re.compile(r"^[0-9 +()./-]{5,}$")
#: Something@somewhere.tld, without spaces.
EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


def clean_text(field: str, label: str, value: str, max_length: int, required: bool = False) -> str:
    """``value`` without surrounding spaces; ``ValidationError`` naming ``label`` when it is
    missing (``required``) or longer than ``max_length``."""
    text = (value or "").strip()
    if required and not text:
        raise ValidationError(field, _("{field}: please fill it in.").format(field=label))
    if len(text) > max_length:
        raise ValidationError(
            field, _("{field}: at most {count} characters.").format(field=label, count=max_length)
        )
    return text


def weekday_name(weekday: int) -> str:
    """Monday (0) to Sunday (6) in the interface language, capitalised."""
    name = get_day_names("wide", locale=babel_locale())[weekday]
    return name[:1].upper() + name[1:]


def touch(record: object) -> None:
    """Make the next flush UPDATE ``record`` so that its version moves on (its children changed)."""
    record.updated_at = clock.utcnow()  # type: ignore[attr-defined]
