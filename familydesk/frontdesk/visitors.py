"""What an anonymous visitor says of themselves, picked from the registry's lists: the
comune from the Italian comuni (the centre's member comuni first), the citizenship from
``familydesk.italy.citizenships``.

Stored as the registry stores them: the comune's name ("Suzzara", as a family's
``comune_name``) and the citizenship's name ("marocchina"). Anything not in the lists
("Atlantide", "marocch") is refused naming the field, whoever calls (form, CLI, import).
The comuni table loads on first use (a few tenths of a second): call from a worker.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from sqlalchemy import select
from sqlalchemy.orm import Session

from familydesk.db.models.registry import MemberComune
from familydesk.i18n import _
from familydesk.italy import citizenships, comuni
from familydesk.kernel.errors import ValidationError
from familydesk.trust import permissions


@dataclass(frozen=True)
class VisitorLists:
    """The entries the contact form offers, as they read in the list."""

    #: "Suzzara (MN)": the member comuni first, then every other comune by name.
    comuni: tuple[str, ...]
    #: "marocchina (Marocco)": Italian first, then by name.
    citizenships: tuple[str, ...]


def comune_label(name: str, province: str) -> str:
    return f"{name} ({province})" if province else name


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", " ".join(text.split()))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


@lru_cache(maxsize=1)
def _comuni_index() -> dict[str, str]:
    """Folded label, name and codice catastale of every comune -> its name."""
    index: dict[str, str] = {}
    for info in comuni.all_comuni():
        index[_fold(comune_label(info.name, info.province))] = info.name
        index.setdefault(_fold(info.name), info.name)
        index[_fold(info.cadastral_code)] = info.name
    return index


def visitor_lists(session: Session) -> VisitorLists:
    """What the contact form offers for an anonymous visitor's comune and citizenship."""
    permissions.require(session, permissions.FRONTDESK)
    members = session.execute(
        select(MemberComune.name, MemberComune.province).order_by(
            MemberComune.position, MemberComune.name
        )
    ).all()
    first = [comune_label(name, province) for name, province in members]
    seen = set(first)
    rest = [comune_label(c.name, c.province) for c in comuni.all_comuni()]
    return VisitorLists(
        comuni=(*first, *(label for label in rest if label not in seen)),
        citizenships=tuple(c.label for c in citizenships.all_citizenships()),
    )


def clean_comune(session: Session, text: str) -> str:
    """The comune's name for ``text`` (a list entry "Suzzara (MN)", a name or a codice
    catastale, case and accents ignored); "" for nothing typed; ``ValidationError`` on
    ``anon_comune`` for anything else."""
    if not text.strip():
        return ""
    folded = _fold(text)
    members = session.execute(select(MemberComune.name, MemberComune.province)).all()
    for name, province in members:
        if folded in (_fold(name), _fold(comune_label(name, province))):
            return name
    name = _comuni_index().get(folded)
    if name is None:
        raise ValidationError(
            "anon_comune", _("Comune: choose a comune from the list, e.g. “Suzzara (MN)”.")
        )
    return name


def clean_citizenship(text: str) -> str:
    """The citizenship's name for ``text`` (a list entry "marocchina (Marocco)", the name
    or the country); "" for nothing typed; ``ValidationError`` on ``anon_citizenship``
    for anything else."""
    if not text.strip():
        return ""
    entry = citizenships.find(text)
    if entry is None:
        raise ValidationError(
            "anon_citizenship",
            _(
                "Citizenship: choose one from the list, e.g. “marocchina (Marocco)”, or leave it "
                "empty."
            ),
        )
    return entry.name
