"""The centre's reporting settings (table ``centre_setting``): read with defaults,
written by a coordinator (SETTINGS) with the field named when a value is wrong.

Keys:
- ``report.small_count_threshold``: cells below it are suppressed in files for outside
  use (default 5; at least 2, at most 50);
- ``siuss.ente_code``: the ente's code for INPS (the comune's codice fiscale, 11 digits);
- ``siuss.ente_comune``: the ente's comune, cadastral (Belfiore) code, 4 characters.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from familydesk.db.models.reports import CentreSetting
from familydesk.i18n import N_, _
from familydesk.kernel.errors import FieldErrors
from familydesk.trust import permissions

THRESHOLD = "report.small_count_threshold"
SIUSS_ENTE_CODE = "siuss.ente_code"
SIUSS_ENTE_COMUNE = "siuss.ente_comune"

DEFAULT_THRESHOLD = 5
THRESHOLD_RANGE = (2, 50)

DEFAULTS: dict[str, str] = {
    THRESHOLD: str(DEFAULT_THRESHOLD),
    SIUSS_ENTE_CODE: "",
    SIUSS_ENTE_COMUNE: "",
}
#: The field each key is, as a form names it.
LABELS: dict[str, str] = {
    THRESHOLD: N_("Smallest count shown in files"),
    SIUSS_ENTE_CODE: N_("Ente code (SIUSS)"),
    SIUSS_ENTE_COMUNE: N_("Ente's comune (SIUSS)"),
}


def get(session: Session, key: str) -> str:
    """The setting's value, or its default when it was never set."""
    value = session.scalar(select(CentreSetting.value).where(CentreSetting.key == key))
    return DEFAULTS[key] if value is None else value


def threshold(session: Session) -> int:
    """The small-count threshold (an unreadable stored value gives the default)."""
    try:
        value = int(get(session, THRESHOLD))
    except ValueError:
        return DEFAULT_THRESHOLD
    low, high = THRESHOLD_RANGE
    return value if low <= value <= high else DEFAULT_THRESHOLD


def _is_cadastral(value: str) -> bool:
    return len(value) == 4 and value[0].isalpha() and value[1:].isdigit()


def _check(key: str, value: str) -> str | None:
    """What is wrong with ``value`` for ``key``, in the user's language, or None."""
    low, high = THRESHOLD_RANGE
    if key == THRESHOLD and not (value.isdigit() and low <= int(value) <= high):
        return _("a whole number from {low} to {high}").format(low=low, high=high)
    if key == SIUSS_ENTE_CODE and value and not (value.isdigit() and len(value) == 11):
        return _("the comune's codice fiscale: 11 digits")
    if key == SIUSS_ENTE_COMUNE and value and not _is_cadastral(value):
        return _("a cadastral code: a letter and three digits, such as L020")
    return None


def save(session: Session, values: dict[str, str]) -> None:
    """Write the settings given (every wrong field reported at once, nothing written)."""
    permissions.require(session, permissions.SETTINGS)
    cleaned = {
        key: value.strip() if key == THRESHOLD else value.strip().upper()
        for key, value in values.items()
    }
    errors = FieldErrors()
    for key, value in cleaned.items():
        if key not in DEFAULTS:
            raise KeyError(key)
        problem = _check(key, value)
        if problem:
            errors.add(
                key, _("{field}: expected {what}.").format(field=_(LABELS[key]), what=problem)
            )
    errors.raise_any()
    for key, value in cleaned.items():
        row = session.scalar(select(CentreSetting).where(CentreSetting.key == key))
        if row is None:
            session.add(CentreSetting(key=key, value=value))
        elif row.value != value:
            row.value = value
    session.flush()
