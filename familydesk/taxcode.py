"""Codice fiscale: normalise, validate, decode, compare with typed data.

Validation uses python-stdnum (format, check character, omocodia, birth
date; 11-digit temporary codes) and python-codicefiscale's table of
birthplace codes (comuni and foreign countries). The table is loaded once
on first use (about 0.4 s; call from a worker thread) and then each check
costs a few microseconds, so bulk imports stay fast. The full
``codicefiscale.decode`` (about 1 ms a call) is used only in tests, as the
reference this module must agree with.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from stdnum.exceptions import ValidationError as StdnumError
from stdnum.it import codicefiscale as stdnum_cf
from stdnum.it import iva as stdnum_iva

from familydesk.errors import ValidationError
from familydesk.i18n import _, format_date
from familydesk.kernel import clock

#: Omocodia: digits replaced by letters in the date and place parts.
_OMOCODIA = str.maketrans("LMNPQRSTUV", "0123456789")
_lock = threading.Lock()


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
        from familydesk.comuni import codicefiscale_module

        return codicefiscale_module().get_indexed_data()["codes"]


def birthplace(code: str, born: date | None) -> dict | None:
    """The comune or country with codice catastale ``code`` at ``born``."""
    options = _places().get(code)
    if not options:
        return None
    if born is not None:
        day = born.isoformat()
        for option in options:
            created = (option.get("date_created") or "0000")[:10]
            deleted = (option.get("date_deleted") or "9999")[:10]
            if created <= day <= deleted:
                return option
    return options[0]


def _birth_year_floor(today: date | None = None) -> int:
    """Two-digit years are read as the most recent year not in the future."""
    return (today or clock.today()).year - 99


def parse(text: str, field: str = "tax_code", today: date | None = None) -> TaxCodeInfo:
    """Validate and decode a codice fiscale (16 characters) or a temporary code (11 digits).

    Raises ``ValidationError`` for ``field`` with a sentence saying what is wrong.
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
                "Tax code: expected 16 characters (or 11 digits for a temporary code), found {count}."
            ).format(count=len(code)),
        )
    try:
        stdnum_cf.validate(code)
    except StdnumError as exc:
        if isinstance(exc, stdnum_cf.InvalidChecksum):
            raise ValidationError(
                field,
                _(
                    "Tax code: {code} has a wrong check character: please check every letter and digit."
                ).format(code=code),
            ) from None
        raise ValidationError(
            field, _("Tax code: {code} is not written like a codice fiscale.").format(code=code)
        ) from None
    try:
        born = stdnum_cf.get_birth_date(code, minyear=_birth_year_floor(today))
    except StdnumError:
        raise ValidationError(
            field, _("Tax code: {code} holds an impossible birth date.").format(code=code)
        ) from None
    day = int(code[9:11].translate(_OMOCODIA))
    sex = "F" if day > 40 else "M"
    place_code = code[11] + code[12:15].translate(_OMOCODIA)
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
