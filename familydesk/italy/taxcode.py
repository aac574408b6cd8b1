"""Codice fiscale: normalise, validate, decode, compare with typed data.

Validation checks the form, then the check character (python-stdnum's),
then the birth date (read in the latest century that puts it in the past and
in which the birthplace existed), then the birthplace, against
python-codicefiscale's table of birthplace codes (comuni and foreign
countries, with the periods each code was in use); 11-digit temporary codes
by python-stdnum. The table is loaded once
on first use (about 0.4 s; call from a worker thread) and then each check
costs a few microseconds, so bulk imports stay fast. The full
``codicefiscale.decode`` (about 1 ms a call) is used only in tests, as the
reference this module must agree with.
"""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from stdnum.it import codicefiscale as stdnum_cf
from stdnum.it import iva as stdnum_iva

from familydesk.i18n import _, format_date
from familydesk.italy.comuni import codicefiscale_module
from familydesk.kernel import clock
from familydesk.kernel.errors import ValidationError

#: Omocodia: digits replaced by letters in the date and place parts.
_OMOCODIA = str.maketrans("LMNPQRSTUV", "0123456789")
_lock = threading.Lock()
_MONTHS = "ABCDEHLMPRST"
#: Surname, name, year, month, day, birthplace, check character (digits may be omocodia letters).
_FORM = re.compile(
    r"^[A-Z]{6}[0-9LMNPQRSTUV]{2}[ABCDEHLMPRST][0-9LMNPQRSTUV]{2}[A-Z][0-9LMNPQRSTUV]{3}[A-Z]$"
)


@dataclass(frozen=True)
class TaxCodeInfo:
    """What a code says. Temporary 11-digit codes say nothing about the person."""

    code: str
    temporary: bool
    sex: str | None = None
    birth_date: date | None = None
    birthplace_code: str | None = None
    birthplace: str | None = None
    birthplace_province: str | None = None

    @property
    def foreign_born(self) -> bool:
        return self.birthplace_province == "EE"


def normalise(text: str | None) -> str:
    """Upper case without spaces or separators; empty for None."""
    return stdnum_cf.compact(text or "")


@lru_cache(maxsize=1)
def _places() -> dict[str, list[dict]]:
    with _lock:
        return codicefiscale_module().get_indexed_data()["codes"]


def _period(option: dict) -> tuple[date, date]:
    """The days a table entry covers; an open end reaches the first or last day there is."""
    created = (option.get("date_created") or "")[:10]
    deleted = (option.get("date_deleted") or "")[:10]
    return (
        date.fromisoformat(created) if created else date.min,
        date.fromisoformat(deleted) if deleted else date.max,
    )


def _distance(option: dict, born: date) -> int:
    """Days between ``born`` and the entry's period (0 inside it)."""
    start, end = _period(option)
    if born < start:
        return (start - born).days
    if born > end:
        return (born - end).days
    return 0


def existed(code: str, born: date) -> bool:
    """Whether the comune or country ``code`` existed on ``born`` (an entry covers that day)."""
    return any(_distance(option, born) == 0 for option in _places().get(code) or ())


def birthplace(code: str, born: date | None) -> dict | None:
    """The comune or country with codice catastale ``code`` at ``born``.

    The entry whose period holds the date; when none does (the table has gaps,
    and codes were given after the fact to places that no longer or not yet
    existed), the entry whose period is nearest to it. Without a date, the first.
    """
    options = _places().get(code)
    if not options:
        return None
    if born is None:
        return options[0]
    return min(options, key=lambda option: _distance(option, born))


def _digits(text: str) -> int:
    return int(text.translate(_OMOCODIA))


def birth_dates(code: str, today: date) -> list[date]:
    """The possible birth dates of a 16-character ``code``: most recent first, none in the future.

    The code keeps two digits of the year: the latest date not after ``today``
    and the one a century before it (people over 100 are rare, not absent).
    Empty when the day or month cannot be a date (30 February, day 32).
    """
    year, month = _digits(code[6:8]), _MONTHS.index(code[8]) + 1
    day = _digits(code[9:11])
    day = day - 40 if day > 40 else day
    century = today.year // 100 * 100
    found = []
    for start in (century, century - 100, century - 200):
        try:
            candidate = date(start + year, month, day)
        except ValueError:
            continue
        if candidate <= today:
            found.append(candidate)
    return found[:2]


def parse(text: str, field: str = "tax_code", today: date | None = None) -> TaxCodeInfo:
    """Validate and decode a codice fiscale (16 characters) or a temporary code (11 digits).

    Two-digit years are read in the most recent century that puts the birth in
    the past and in which the birthplace existed (a code born in Gallico,
    abolished in 1927, with year 07 is 1907). Raises ``ValidationError`` for
    ``field`` with a sentence saying what is wrong: the form, then the check
    character, then the date (a correct code for 30 February is an impossible
    date, not a badly written code), then the birthplace.
    """
    code = normalise(text)
    if not code:
        raise ValidationError(field, _("Tax code: please enter the codice fiscale."))
    if len(code) == 11:
        if not code.isdigit() or not stdnum_iva.is_valid(code):
            raise ValidationError(
                field,
                _(
                    "Tax code: {code} is not a valid temporary code (11 digits with a check digit)."
                ).format(code=code),
            )
        return TaxCodeInfo(code=code, temporary=True)
    if len(code) != 16:
        raise ValidationError(
            field,
            _(
                "Tax code: expected 16 characters (or 11 digits for a temporary code), found "
                "{count}."
            ).format(count=len(code)),
        )
    if not _FORM.match(code):
        raise ValidationError(
            field, _("Tax code: {code} is not written like a codice fiscale.").format(code=code)
        )
    if stdnum_cf.calc_check_digit(code[:15]) != code[15]:
        raise ValidationError(
            field,
            _(
                "Tax code: {code} has a wrong check character: please check every letter and digit."
            ).format(code=code),
        )
    place_code = code[11] + code[12:15].translate(_OMOCODIA)
    candidates = birth_dates(code, today or clock.today())
    if not candidates:
        raise ValidationError(
            field, _("Tax code: {code} holds an impossible birth date.").format(code=code)
        )
    born = next((d for d in candidates if existed(place_code, d)), candidates[0])
    day = int(code[9:11].translate(_OMOCODIA))
    sex = "F" if day > 40 else "M"
    place = birthplace(place_code, born)
    if place is None:
        raise ValidationError(
            field,
            _("Tax code: {code} names an unknown birthplace ({place}).").format(
                code=code, place=place_code
            ),
        )
    return TaxCodeInfo(
        code=code,
        temporary=False,
        sex=sex,
        birth_date=born,
        birthplace_code=place_code,
        birthplace=str(place.get("name") or ""),
        birthplace_province=str(place.get("province") or ""),
    )


def check_against(
    info: TaxCodeInfo, sex: str | None, birth_date: date | None, field: str = "tax_code"
) -> None:
    """Refuse a code that contradicts the typed sex or birth date, showing both values."""
    if info.temporary:
        return
    if birth_date is not None and info.birth_date != birth_date:
        raise ValidationError(
            field,
            _(
                "Tax code {code} says born on {coded}, but the birth date entered is {typed}."
            ).format(
                code=info.code, coded=format_date(info.birth_date), typed=format_date(birth_date)
            ),
        )
    if sex and info.sex != sex:
        raise ValidationError(
            field,
            _("Tax code {code} is for a {coded} person, but the sex entered is {typed}.").format(
                code=info.code, coded=sex_label(info.sex), typed=sex_label(sex)
            ),
        )


def sex_label(sex: str | None) -> str:
    return {"F": _("female"), "M": _("male")}.get(sex or "", "")


def warm_up() -> None:
    """Load the birthplace table now (about 0.4 s), e.g. on a worker thread when a form opens."""
    _places()
