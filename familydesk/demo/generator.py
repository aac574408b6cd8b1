"""The demo data generator (see the package docstring)."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal
from typing import Any

from codicefiscale import codicefiscale as cf
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from familydesk.db.models.registry import Consent, Family, MemberComune, Person, Site
from familydesk.demo import names
from familydesk.demo.activity import ActivitySize, ActivitySummary, fill_activity
from familydesk.demo.cards import CardsSummary, fill_cards
from familydesk.demo.directory import DirectorySummary, write_directory
from familydesk.demo.plan import fill_plan
from familydesk.demo.rows import advance_sequences, insert_rows, next_id, record
from familydesk.i18n import _, format_number, ngettext
from familydesk.kernel.errors import FamilyDeskError
from familydesk.kernel.text import name_key, search_document
from familydesk.registry.records import PRIVACY_NOTICE_VERSION
from familydesk.scheduling.calendar_rules import local_now
from familydesk.trust import audit
from familydesk.trust.operators import create_demo_operators

#: Ages are computed from this day, so a seed gives the same people on any day.
REFERENCE_DAY = date(2026, 9, 1)
_BATCH = 500
#: Siblings (not twins) are born at least this far apart.
SIBLING_GAP = timedelta(days=300)
#: Share of families that moved into their comune shortly before registering.
RECENT_ARRIVALS = 0.08


@dataclass(frozen=True)
class DemoSummary:
    families: int
    people: int
    children: int
    #: Contacts and appointments (None when the demo was asked for families only).
    activity: ActivitySummary | None = None
    #: Card types, partners, cards and benefit uses (None with families only).
    cards: CardsSummary | None = None
    #: Organisations and services of the directory (None with families only).
    directory: DirectorySummary | None = None
    #: Actions of the plans' monitoring (the seeds' Piano di Zona and Piano Famiglia).
    plan_actions: int = 0


def _tax_code(last: str, first: str, sex: str, born: date, place_code: str) -> str:
    """A well-formed codice fiscale built from python-codicefiscale's parts.

    Building from parts with a known codice catastale avoids the library's
    birthplace lookup, which costs about a millisecond a call.
    """
    body = (
        cf.encode_lastname(last)
        + cf.encode_firstname(first)
        + cf.encode_birthdate(datetime(born.year, born.month, born.day), sex)
        + place_code
    )
    return body + cf.encode_cin(body)


class _Generator:
    """Makes rows (plain dicts) for Core inserts: the ORM would take ten times longer.

    Everything the session hooks would fill (site, search words, name key,
    version) is filled here, through the same functions.
    """

    def __init__(self, seed: int, site_id: int, first_ids: tuple[int, int, int]) -> None:
        self.rng = random.Random(seed)
        #: Its own stream, so residence dates leave every other draw as it was.
        self.residence_rng = random.Random(f"residence-{seed}")
        self.site_id = site_id
        self.next_family, self.next_person, self.next_consent = first_ids
        self.codes: set[str] = set()
        self.guardian = ""
        self.comune_weights = [c[3] for c in names.COMUNI]
        self.families: list[dict[str, Any]] = []
        self.people: list[dict[str, Any]] = []
        self.consent_rows: list[dict[str, Any]] = []

    def birth_date(self, min_age: float, max_age: float) -> date:
        days = self.rng.uniform(min_age * 365.25, max_age * 365.25)
        return REFERENCE_DAY - timedelta(days=int(days))

    def _record(self, table_id: int, stamp: datetime) -> dict[str, Any]:
        return record(self.rng, table_id, self.site_id, stamp)

    def person(
        self,
        family: dict[str, Any],
        first: str,
        last: str,
        sex: str,
        relation: str,
        born: date,
        place: tuple[str, str],
        with_code: bool = True,
        **extra: Any,
    ) -> dict[str, Any]:
        code = _tax_code(last, first, sex, born, place[1]) if with_code else None
        reason = "" if with_code else "in attesa di attribuzione"
        if code in self.codes:
            code, reason = None, "omocodia da verificare con l'Agenzia delle Entrate"
        if code:
            self.codes.add(code)
        person = self._record(self.next_person, family["created_at"])
        self.next_person += 1
        person.update(
            family_id=family["id"],
            first_name=first,
            last_name=last,
            sex=sex,
            relation=relation,
            birth_date=born,
            birth_place=place[0],
            tax_code=code,
            no_code_reason=reason,
            disability=self.rng.random() < 0.03,
            phone="",
            email="",
            notes="",
            search_text=search_document(
                last, first, code, ("", family["phone"]), ("", family["email"])
            ),
            name_key=name_key(last, first),
            citizenship="",
            languages="",
        )
        person.update(extra)
        self.people.append(person)
        self.consents(person, family)
        return person

    def consents(self, person: dict[str, Any], family: dict[str, Any]) -> None:
        """Most people signed the privacy notice at registration; some are missing."""
        rng = self.rng
        if rng.random() < 0.12:
            return
        signed = family["created_at"].date()
        adult = (signed - person["birth_date"]).days >= 18 * 365.25
        guardian = "" if adult else self.guardian
        kinds = ["privacy"] + [
            k for k in ("contact_phone", "contact_sms", "photos") if rng.random() < 0.6
        ]
        for kind in kinds:
            row = self._record(self.next_consent, family["created_at"])
            self.next_consent += 1
            row.update(
                person_id=person["id"],
                kind=kind,
                given_on=signed,
                signed_by=guardian,
                notice_version=PRIVACY_NOTICE_VERSION if kind == "privacy" else "",
                operator="Sportello",
                withdrawn_on=None,
            )
            self.consent_rows.append(row)

    def resident_since(self, registered: date, foreign: bool) -> date:
        """Since when the family lives in its comune: most for years (families of foreign
        origin fewer), about one in twelve moved in shortly before registering."""
        rng = self.residence_rng
        if rng.random() < RECENT_ARRIVALS:
            return registered - timedelta(days=rng.randint(0, 75))
        years = rng.uniform(1, 12) if foreign else rng.uniform(1, 20)
        return registered - timedelta(days=int(years * 365.25))

    def family(self) -> dict[str, Any]:
        rng = self.rng
        comune, _prov, code, _pop = rng.choices(names.COMUNI, weights=self.comune_weights)[0]
        foreign = rng.random() < 0.2
        if foreign:
            country, country_code, surnames, female, male, citizenship, languages = rng.choice(
                names.FOREIGN
            )
            parent_place = (country, country_code)
            languages = f"{languages}, italiano" if rng.random() < 0.6 else languages
        else:
            country_code, surnames = None, names.ITALIAN_SURNAMES
            female, male = names.ITALIAN_FEMALE, names.ITALIAN_MALE
            parent_place = rng.choice([(comune, code), names.MANTOVA, names.MANTOVA])
            citizenship, languages = "italiana", "italiano"
        surname = rng.choice(surnames)
        registered = datetime.combine(REFERENCE_DAY, time(9), tzinfo=UTC) - timedelta(
            days=rng.randint(0, 3 * 365), minutes=rng.randint(0, 8 * 60)
        )
        isee = None
        if rng.random() < 0.55:
            isee = Decimal(rng.randint(3_000, 45_000)) + Decimal(rng.randint(0, 99)) / 100
        family = self._record(self.next_family, registered)
        self.next_family += 1
        email = f"{surname.lower().replace(' ', '')}{rng.randint(1, 99)}@esempio.it"
        family.update(
            name=surname,
            address=f"{rng.choice(names.STREETS)} {rng.randint(1, 120)}",
            postal_code=names.CAPS[code],
            comune_name=comune,
            comune_code=code,
            phone=f"3{rng.randint(20, 93)} {rng.randint(1_000_000, 9_999_999)}",
            email=email if rng.random() < 0.7 else "",
            notes="",
            external_key="",
            isee_value=isee,
            resident_since=self.resident_since(registered.date(), foreign),
            isee_expiry=date(REFERENCE_DAY.year + rng.choice([-1, 0, 0, 1]), 1, 15)
            if isee
            else None,
        )
        self.families.append(family)
        common = {"citizenship": citizenship, "languages": languages}
        single_parent = rng.random() < 0.15
        mother_age = rng.uniform(22, 50)
        mother = rng.choice(female)
        mother_surname = surname if foreign else rng.choice(surnames)
        # A minor's consent is signed by the minor's own mother, by her own name.
        self.guardian = f"{mother} {mother_surname}"
        mother_row = self.person(
            family,
            mother,
            mother_surname,
            "F",
            "parent",
            self.birth_date(mother_age, mother_age),
            parent_place,
            **common,
        )
        if not single_parent:
            father_age = mother_age + rng.uniform(-2, 8)
            self.person(
                family,
                rng.choice(male),
                surname,
                "M",
                "parent",
                self.birth_date(father_age, father_age),
                parent_place,
                **common,
            )
        children = rng.choices([1, 2, 3, 4, 5], weights=[38, 38, 16, 6, 2])[0]
        earliest = max(
            REFERENCE_DAY - timedelta(days=int(18 * 365.25)),
            mother_row["birth_date"] + timedelta(days=int(18 * 365.25)),
        )
        births: list[date] = []
        for _i in range(children):
            age = rng.uniform(0, min(mother_age - 18, 18))
            sex = rng.choice("FM")
            first = rng.choice(female if sex == "F" else male)
            place = (comune, code) if rng.random() < 0.3 else names.MANTOVA
            if foreign and age > 6 and rng.random() < 0.5:
                place = parent_place
            relation = "foster" if rng.random() < 0.02 else "child"
            born = spaced(self.birth_date(age, age), births, earliest)
            births.append(born)
            # A newborn may still wait for the codice fiscale.
            newborn = (REFERENCE_DAY - born).days <= 36
            self.person(
                family,
                first,
                surname,
                sex,
                relation,
                born,
                place,
                with_code=not newborn or rng.random() < 0.5,
                **common,
            )
        return family

    def write(self, session: Session) -> tuple[int, int]:
        """Insert the rows made so far; returns (people, children) written."""
        counts = (len(self.people), sum(1 for p in self.people if p["relation"] == "child"))
        for model, rows in (
            (Family, self.families),
            (Person, self.people),
            (Consent, self.consent_rows),
        ):
            insert_rows(session, model, rows)
        return counts


def spaced(born: date, siblings: list[date], earliest: date) -> date:
    """``born``, or the nearest day to it at least :data:`SIBLING_GAP` from every sibling's
    birth, between ``earliest`` and :data:`REFERENCE_DAY`; when there is no such day, the
    nearest sibling's birthday (twins). Deterministic: the random draws stay as they were."""
    if all(abs((born - other).days) >= SIBLING_GAP.days for other in siblings):
        return born
    candidates = [
        day
        for other in siblings
        for day in (other - SIBLING_GAP, other + SIBLING_GAP)
        if earliest <= day <= REFERENCE_DAY
        and all(abs((day - o).days) >= SIBLING_GAP.days for o in siblings)
    ]
    if candidates:
        return min(candidates, key=lambda day: (abs((day - born).days), day))
    return min(siblings, key=lambda other: (abs((other - born).days), other))


def _configure_site(session: Session) -> None:
    site = session.get(Site, session.info["site_id"])
    assert site is not None
    site.name = "Centro per le Famiglie «C'entriamo» - Ambito di Suzzara"
    site.address = "Piazza Castello 1"
    site.postcode = "46029"
    site.town = "Suzzara (MN)"
    site.phone = "0376 513211"
    site.email = "centrofamiglie@esempio.it"
    existing = set(session.scalars(select(MemberComune.cadastral_code)))
    for position, (name, province, code, _pop) in enumerate(names.COMUNI, start=1):
        if code not in existing:
            session.add(
                MemberComune(name=name, province=province, cadastral_code=code, position=position)
            )


def fill_demo(
    session: Session,
    families: int = 300,
    seed: int = 1,
    activity: ActivitySize | bool = True,
    now: datetime | None = None,
) -> DemoSummary:
    """Fill an empty database with ``families`` synthetic households and, unless
    ``activity`` is False, the desk's history sized for them (or as ``activity`` says):
    contacts, appointments and their resources up to ``now`` (local time) and beyond,
    groups, the family cards with their partners and a year of benefit uses, and the
    directory of services the desk refers families to.

    Refuses a database that already holds families: demo data never mixes
    with real records.
    """
    if families < 0:
        raise FamilyDeskError(_("The number of families must be zero or more."))
    existing = session.scalar(select(func.count(Family.id))) or 0
    if existing:
        raise FamilyDeskError(
            ngettext(
                "This database already holds {count} family: demo data goes only into an "
                "empty database. Choose another file with --db.",
                "This database already holds {count} families: demo data goes only into an "
                "empty database. Choose another file with --db.",
                existing,
            ).format(count=format_number(existing))
        )
    _configure_site(session)
    session.flush()
    first_ids = tuple(next_id(session, model) for model in (Family, Person, Consent))
    generator = _Generator(seed, session.info["site_id"], first_ids)  # type: ignore[arg-type]
    people = children = 0
    for start in range(0, families, _BATCH):
        for _i in range(min(_BATCH, families - start)):
            generator.family()
        written, kids = generator.write(session)
        people += written
        children += kids
    advance_sequences(session, ("family", "person", "consent"))
    create_demo_operators(session)
    history = cards = directory = None
    plan_actions = 0
    if activity is not False:
        now = (now or local_now()).replace(tzinfo=None)
        size = (
            activity
            if isinstance(activity, ActivitySize)
            else ActivitySize.for_families(families, now.date())
        )
        # Cards first: each partner is an organisation of the directory, and the desk's
        # referrals point at the directory's services.
        cards = fill_cards(session, seed, now)
        directory = write_directory(session, seed, now.date())
        history = fill_activity(session, size, seed, now)
        plan_actions = fill_plan(session, now.date())
    audit.record(session, "demo", note=f"{families} families, seed {seed}")
    return DemoSummary(
        families=families,
        people=people,
        children=children,
        activity=history,
        cards=cards,
        directory=directory,
        plan_actions=plan_actions,
    )
