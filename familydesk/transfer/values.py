"""Reading one cell: dates, amounts, yes/no, sex and relationship as people type them.

Each ``read_*`` takes the raw cell (text from CSV; text, number or date
from XLSX) and the column's header as written in the file, and raises
``ValueError`` with a translated sentence naming that column. Empty cells
give None (or the documented default).
"""

from __future__ import annotations

import re
from datetime import date, datetime
from decimal import Decimal, InvalidOperation

from familydesk.i18n import _

_ISO_DATE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T]00:00(?::00)?)?$")
_DMY_DATE = re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$")
_THOUSANDS = re.compile(r"^\d{1,3}(\.\d{3})+$")

_YES = frozenset({"si", "sì", "s", "yes", "y", "true", "vero", "1", "x"})
_NO = frozenset({"no", "n", "false", "falso", "0", ""})
_RELATIONS = {
    "genitore": "parent",
    "madre": "parent",
    "padre": "parent",
    "tutore": "parent",
    "tutrice": "parent",
    "parent": "parent",
    "guardian": "parent",
    "mother": "parent",
    "father": "parent",
    "figlio": "child",
    "figlia": "child",
    "figlio/figlia": "child",
    "figlio/a": "child",
    "child": "child",
    "son": "child",
    "daughter": "child",
    "affidato": "foster",
    "affidata": "foster",
    "affidato/affidata": "foster",
    "affidato/a": "foster",
    "minore in affido": "foster",
    "in affido": "foster",
    "foster": "foster",
    "foster child": "foster",
    "altro": "other",
    "altra": "other",
    "other": "other",
}
_SEXES = {
    "f": "F",
    "femmina": "F",
    "donna": "F",
    "female": "F",
    "m": "M",
    "maschio": "M",
    "uomo": "M",
    "male": "M",
}


def text(value: object) -> str:
    """A cell as text: numbers without a spurious ``.0``, dates as dd/mm/yyyy."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "sì" if value else "no"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime):
        value = value.date()
    if isinstance(value, date):
        return value.strftime("%d/%m/%Y")
    return str(value).strip()


def read_date(value: object, column: str) -> date | None:
    """``dd/mm/yyyy`` (also with ``-`` or ``.``), ISO ``yyyy-mm-dd``, or a spreadsheet date."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    raw = text(value)
    if not raw:
        return None
    for pattern, order in ((_DMY_DATE, (3, 2, 1)), (_ISO_DATE, (1, 2, 3))):
        match = pattern.match(raw)
        if match:
            year, month, day = (int(match.group(i)) for i in order)
            try:
                return date(year, month, day)
            except ValueError:
                raise ValueError(
                    _("{column}: {value} is an impossible date.").format(column=column, value=raw)
                ) from None
    raise ValueError(
        _(
            "{column}: “{value}” is not a date: write it as dd/mm/yyyy, for example 05/03/2024."
        ).format(column=column, value=raw)
    )


#: No family-centre amount is near this; beyond it a cell is a typing slip.
MAX_AMOUNT = Decimal("1e12")


def read_amount(value: object, column: str) -> Decimal | None:
    """``12.345,67`` (Italian), ``12345.67``, ``12345,67``, with or without €; or a number cell."""
    if isinstance(value, bool):
        raise ValueError(_unreadable_amount(column, text(value)))
    if isinstance(value, int | float):
        try:
            return Decimal(str(round(value, 2))).quantize(Decimal("0.01"))
        except (InvalidOperation, ValueError, OverflowError):
            raise ValueError(_unreadable_amount(column, text(value))) from None
    raw = text(value).replace("€", "").replace("EUR", "").replace(" ", "").replace("\xa0", "")
    if not raw:
        return None
    if "," in raw and "." in raw:
        if raw.rfind(",") > raw.rfind("."):
            raw = raw.replace(".", "").replace(",", ".")
        else:
            raw = raw.replace(",", "")
    elif "," in raw:
        if raw.count(",") > 1:
            raise ValueError(_unreadable_amount(column, text(value)))
        raw = raw.replace(",", ".")
    elif _THOUSANDS.match(raw):
        raw = raw.replace(".", "")  # 12.345: a thousands separator, as Italians write it
    try:
        amount = Decimal(raw)
    except InvalidOperation:
        raise ValueError(_unreadable_amount(column, text(value))) from None
    if not amount.is_finite() or abs(amount) >= MAX_AMOUNT:
        raise ValueError(_unreadable_amount(column, text(value)))
    return amount.quantize(Decimal("0.01"))


def _unreadable_amount(column: str, raw: str) -> str:
    return _("{column}: “{value}” is not an amount: write it as 12.345,67 or 12345.67.").format(
        column=column, value=raw
    )


def read_yes_no(value: object, column: str) -> bool:
    if isinstance(value, bool):
        return value
    raw = text(value).lower()
    if raw in _YES:
        return True
    if raw in _NO:
        return False
    raise ValueError(
        _("{column}: “{value}” is not sì or no.").format(column=column, value=text(value))
    )


def read_relation(value: object, column: str) -> str | None:
    """The relationship code, or None when the cell is empty (the caller decides)."""
    raw = " ".join(text(value).lower().split())
    if not raw:
        return None
    relation = _RELATIONS.get(raw) or _RELATIONS.get(raw.replace(" ", ""))
    if relation is None:
        raise ValueError(
            _(
                "{column}: “{value}” is not a relationship: write genitore, figlio, figlia, "
                "affidato, affidata or altro."
            ).format(column=column, value=text(value))
        )
    return relation


def read_sex(value: object) -> str:
    """``F``/``M`` from the usual words; anything else is left for the member checks to refuse."""
    raw = text(value).lower()
    return _SEXES.get(raw, raw.upper())


def read_phone(value: object) -> str:
    """A phone as text; a number cell keeps its digits (Excel drops a leading 0 nobody can
    restore)."""
    return text(value)


def relation_word(relation: str, sex: str) -> str:
    """The Italian word written in files for a relationship (feminine for girls)."""
    female = sex == "F"
    return {
        "parent": "genitore",
        "child": "figlia" if female else "figlio",
        "foster": "affidata" if female else "affidato",
    }.get(relation, "altro")
