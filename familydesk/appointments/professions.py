"""Which professionals give a service: the service names its professions.

A service's ``profession`` is the list of professions that give it, as the centre
writes them ("psicologa/o", "mediatrice/mediatore familiare, pedagogista"):
alternatives separated by commas or semicolons; empty means any profession. A
professional's ``profession`` is free text too ("psicologo psicoterapeuta"). They
match when every word of one alternative is a word of the professional's
profession, whatever the gender of the ending (psicolog-a / -o, mediat-rice /
-ore, avvocat-a / -essa) and the accents.
"""

from __future__ import annotations

import re
import unicodedata

from familydesk.i18n import _

#: Italian endings that only say gender or number, longest first.
_ENDINGS = ("essa", "rice", "ore", "a", "o", "e", "i")
_ALTERNATIVES = re.compile(r"[,;]")
_WORDS = re.compile(r"[^\w/]+")


def _stem(word: str) -> str:
    for ending in _ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= 3:
            return word[: -len(ending)]
    return word


def _plain(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _word_choices(text: str) -> list[set[str]]:
    """Each word as the stems it may be ("mediatrice/mediatore" -> {"mediat"});
    a part of two letters or fewer after a slash is only an ending ("psicologa/o")."""
    words = []
    for word in _WORDS.split(_plain(text)):
        parts = [p for p in word.replace("_", " ").split("/") if len(p) > 2]
        if parts:
            words.append({_stem(p) for p in parts})
    return words


def alternatives(service_professions: str) -> list[str]:
    """The professions a service names, as written (empty list: any profession)."""
    return [a.strip() for a in _ALTERNATIVES.split(service_professions or "") if a.strip()]


def gives(service_professions: str, staff_profession: str) -> bool:
    """Whether a professional of ``staff_profession`` gives a service that names
    ``service_professions`` (always, when the service names none)."""
    wanted = alternatives(service_professions)
    if not wanted:
        return True
    stems = set().union(*_word_choices(staff_profession)) if staff_profession.strip() else set()
    for alternative in wanted:
        words = _word_choices(alternative)
        if words and all(choice & stems for choice in words):
            return True
    return False


def refusal(service: str, service_professions: str, staff: str, staff_profession: str) -> str:
    """Why ``staff`` does not give ``service`` (empty when they do), naming both."""
    if gives(service_professions, staff_profession):
        return ""
    given_by = ", ".join(alternatives(service_professions))
    if not staff_profession.strip():
        return _(
            "Professional: no profession is written for {staff} (Settings → Appointments → "
            "Professionals and mediators); '{service}' is given by: {professions}."
        ).format(staff=staff, service=service, professions=given_by)
    return _(
        "Professional: {staff} is {profession}; '{service}' is given by: {professions}."
    ).format(
        staff=staff, profession=staff_profession.strip(), service=service, professions=given_by
    )
