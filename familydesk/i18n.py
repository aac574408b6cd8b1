"""The one place that knows about gettext, locales and formats.

Every string shown on screen or printed goes through :func:`_` (or
:func:`ngettext`) with named placeholders filled *after* translation::

    _("{count} families").format(count=n)

Module-level constants are marked with :func:`N_` and translated where they
are shown, so that a language switch takes effect at once. Catalogues live in
``resources/locale/<lang>/LC_MESSAGES/familydesk.po``; the build compiles them
to ``.mo``; a checkout without compiled catalogues reads the ``.po`` directly.

Nothing is installed into builtins. Listeners registered with
:func:`add_language_listener` are called after each language change (the UI
uses this to retranslate open windows).
"""

from __future__ import annotations

import gettext
import io
import logging
import threading
from collections.abc import Callable
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

from babel import Locale
from babel import dates as babel_dates
from babel import numbers as babel_numbers

from familydesk.kernel import clock
from familydesk.kernel.paths import locale_dir

DOMAIN = "familydesk"
DEFAULT_LANGUAGE = "it"
#: Interface languages, by code, each named in its own language.
LANGUAGES: dict[str, str] = {"it": "Italiano", "en": "English"}

#: Date pattern for screens and forms (Babel's short Italian date has a 2-digit year).
DATE_PATTERN = "dd/MM/yyyy"
DATETIME_PATTERN = "dd/MM/yyyy HH:mm"

log = logging.getLogger(__name__)

_lock = threading.Lock()
_language = DEFAULT_LANGUAGE
_translations: gettext.NullTranslations = gettext.NullTranslations()
_listeners: list[Callable[[str], None]] = []
_cache: dict[str, gettext.NullTranslations] = {}


def _(message: str) -> str:
    """Translate ``message`` into the current language."""
    return _translations.gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    """Translate with the plural form that fits ``n``."""
    return _translations.ngettext(singular, plural, n)


def pgettext(context: str, message: str) -> str:
    """Translate ``message`` in a context (for short words with several meanings)."""
    return _translations.pgettext(context, message)


def N_(message: str) -> str:
    """Mark ``message`` for extraction only; translate it later with :func:`_`."""
    return message


def _load_catalogue(language: str, folder: Path) -> gettext.NullTranslations:
    mo = folder / language / "LC_MESSAGES" / f"{DOMAIN}.mo"
    po = mo.with_suffix(".po")
    if mo.exists() and (not po.exists() or mo.stat().st_mtime >= po.stat().st_mtime):
        with mo.open("rb") as fh:
            return gettext.GNUTranslations(fh)
    if po.exists():
        # A source checkout without compiled catalogues: compile in memory.
        from babel.messages.mofile import write_mo
        from babel.messages.pofile import read_po

        with po.open("rb") as fh:
            catalog = read_po(fh, locale=language)
        buffer = io.BytesIO()
        write_mo(buffer, catalog)
        buffer.seek(0)
        return gettext.GNUTranslations(buffer)
    log.warning("No catalogue for language %s in %s", language, folder)
    return gettext.NullTranslations()


def set_language(language: str, folder: Path | None = None) -> str:
    """Switch the current language; unknown codes fall back to Italian.

    Returns the language actually set. Listeners are called on the calling
    thread, after the switch.
    """
    global _language, _translations
    code = (language or DEFAULT_LANGUAGE).split("_")[0].split("-")[0].lower()
    if code not in LANGUAGES:
        code = DEFAULT_LANGUAGE
    if folder is None:
        translations = catalogue(code)
    else:
        with _lock:
            key = f"{folder}:{code}"
            if key not in _cache:
                _cache[key] = _load_catalogue(code, folder)
            translations = _cache[key]
    _translations = translations
    _language = code
    for listener in list(_listeners):
        listener(code)
    return code


def catalogue(language: str) -> gettext.NullTranslations:
    """The catalogue of ``language`` without switching the interface language.

    Printed forms use it to speak the family's language (``catalogue("en").gettext``).
    """
    code = (language or DEFAULT_LANGUAGE).split("_")[0].split("-")[0].lower()
    code = code if code in LANGUAGES else DEFAULT_LANGUAGE
    with _lock:
        key = f":{code}"
        if key not in _cache:
            _cache[key] = _load_catalogue(code, locale_dir())
        return _cache[key]


def current_language() -> str:
    return _language


def babel_locale() -> Locale:
    return Locale.parse(_language)


def add_language_listener(listener: Callable[[str], None]) -> None:
    if listener not in _listeners:
        _listeners.append(listener)


def remove_language_listener(listener: Callable[[str], None]) -> None:
    if listener in _listeners:
        _listeners.remove(listener)


def format_date(value: date | None) -> str:
    """``dd/mm/yyyy`` (an empty string for None)."""
    if value is None:
        return ""
    return babel_dates.format_date(value, DATE_PATTERN, locale=babel_locale())


def format_datetime(value: datetime | None) -> str:
    """``dd/mm/yyyy HH:mm`` in local time (an empty string for None)."""
    if value is None:
        return ""
    if value.tzinfo is not None:
        value = value.astimezone(clock.ROME)
    return babel_dates.format_datetime(value, DATETIME_PATTERN, locale=babel_locale())


def parse_date(text: str) -> date:
    """Parse ``dd/mm/yyyy`` (also ``d/m/yyyy``, ``dd-mm-yyyy``, ``dd.mm.yyyy``).

    Raises ``ValueError`` with a translated message: the expected form, or, for a date
    written right that does not exist (31/02/2026), why it does not.
    """
    cleaned = text.strip().replace("-", "/").replace(".", "/")
    try:
        day, month, year = (int(part) for part in cleaned.split("/"))
        if year < 1000 or not 1 <= month <= 12:  # month 13: written month first, likely
            raise ValueError
    except (ValueError, TypeError):
        raise ValueError(
            _("“{text}” is not a date: write it as dd/mm/yyyy, for example 05/03/2024.").format(
                text=text
            )
        ) from None
    try:
        return date(year, month, day)
    except ValueError:
        raise ValueError(_impossible_date(text.strip(), day, month, year)) from None


def _impossible_date(text: str, day: int, month: int, year: int) -> str:
    import calendar

    from babel import dates as babel_dates

    days = calendar.monthrange(year, month)[1]
    name = babel_dates.format_date(date(year, month, 1), "LLLL y", locale=babel_locale())
    if day < 1:
        return _("“{text}” does not exist: days start from 1.").format(text=text)
    return ngettext(
        "“{text}” does not exist: {month} has {n} day.",
        "“{text}” does not exist: {month} has {n} days.",
        days,
    ).format(text=text, month=name, n=format_number(days))


def format_money(amount: Decimal | float | int | None) -> str:
    """Euro amounts: ``1.234,56 €`` in Italian."""
    if amount is None:
        return ""
    return babel_numbers.format_currency(amount, "EUR", locale=babel_locale())


def format_number(value: int | float | Decimal) -> str:
    return babel_numbers.format_decimal(value, locale=babel_locale())


def format_age(
    born: date, on: date | None = None, plural: Callable[[str, str, int], str] | None = None
) -> str:
    """A person's age in words on ``on`` (today): "11 mesi" under a year, then "1 anno", "2 anni".

    ``plural`` is the ``ngettext`` of another catalogue (a printed form's language).
    """
    plural = plural or ngettext
    on = on or clock.today()
    months = max((on.year - born.year) * 12 + on.month - born.month - (on.day < born.day), 0)
    if months < 12:
        return plural("{n} month", "{n} months", months).format(n=format_number(months))
    return plural("{n} year", "{n} years", months // 12).format(n=format_number(months // 12))


def first_weekday() -> int:
    """0 = Monday: weeks start on Monday in Italy."""
    return babel_locale().first_week_day


def language_name(code: str) -> str:
    """A language's name in the interface language ("it" -> "italiano"); the code if unknown."""
    from babel import Locale, UnknownLocaleError

    try:
        return Locale.parse(code).get_display_name(babel_locale()) or code
    except (ValueError, UnknownLocaleError):
        return code
