"""Realistic rows for a database at any schema revision, written with plain SQL.

``fill(connection)`` reflects the tables that exist at the connection's revision and
inserts, parents first, the rows below for each of them, keeping only the columns the
table has at that revision: the same builder makes the "fixture" of every revision
(TagStudio keeps one file per schema version; here they are built, so they never go
stale). It does not use the ORM models: they describe the head, not revision R.

A revision that adds a table or a NOT NULL column without a default makes ``fill``
fail until the rows below say what goes in it.
"""

from __future__ import annotations

import hashlib
import json
import uuid
from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from decimal import Decimal
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection
from stdnum.iso7064 import mod_37_2
from stdnum.it import codicefiscale

from familydesk.db import search_index
from familydesk.kernel.text import name_key, search_document

#: Tables the migrations fill themselves (seeded): the builder adds to them, it does not
#: own all their rows.
SEEDED = {"need", "service"}
#: Columns a later revision dropped: the rows keep them for the revisions before it.
DROPPED = {
    # 0015: a partner's name, address, phone, e-mail and comune are its organisation's.
    "partner": {"name", "address", "phone", "email", "comune_id"},
}
#: Not application data.
IGNORED = {"alembic_version"}

#: An argon2id hash of "demo" (operators are not signed in by these tests).
PASSWORD_HASH = (
    "$argon2id$v=19$m=65536,t=3,p=4$1Z/LKho2umV/5Fxj65JiGQ"
    "$BU5M34JU+/Wrnkw2B6zPVZ4qyaL9U6p0vri6+r7UkNY"
)
GENESIS = "0" * 64


@dataclass(frozen=True)
class Ref:
    """The id of the row labelled ``label`` in ``table`` (written earlier)."""

    table: str
    label: str


@dataclass(frozen=True)
class Seeded:
    """The id of a row a migration seeded (``table.key == key``)."""

    table: str
    key: str


def tax_code(body: str) -> str:
    return body + codicefiscale.calc_check_digit(body)


def card_number(comune: str, sequence: int) -> str:
    body = f"{comune}{sequence:06d}"
    return body + mod_37_2.calc_check_digit(body)


def utc(*parts: int) -> datetime:
    return datetime(*parts, tzinfo=UTC)  # type: ignore[misc]


CREATED = utc(2025, 3, 14, 8, 45, 12)
UPDATED = utc(2026, 11, 30, 16, 2, 7)

MARIO = tax_code("RSSMRA85D12A794")
GIULIA = tax_code("FRRGLI87P43A794")
LUCA = tax_code("RSSLCU19H20A794")
FATIMA = tax_code("LDRFTM90A61Z330")
CARD_OLD, CARD_NEW = card_number("A794", 1), card_number("A794", 2)
TODAY = date(2026, 12, 9)


def _person(
    family: str,
    first: str,
    last: str,
    sex: str,
    born: date | None,
    place: str,
    code: str | None,
    relation: str,
    **more: Any,
) -> dict[str, Any]:
    return {
        "family_id": Ref("family", family),
        "first_name": first,
        "last_name": last,
        "sex": sex,
        "birth_date": born,
        "birth_place": place,
        "tax_code": code,
        "relation": relation,
        "site_id": Ref("site", "main"),
        "no_code_reason": "",
        "citizenship": "Italiana",
        "languages": "italiano",
        "phone": "",
        "email": "",
        "notes": "",
        "disability": False,
        "search_text": search_document(last, first, code),
        "name_key": name_key(last, first),
        "birth_year": born.year if born else None,
        "anonymised_on": None,
        **more,
    }


def _audit(entries: list[tuple[datetime, str, str, str, str, str]]) -> list[tuple[str, dict]]:
    """Audit entries chained as ``familydesk.trust.audit`` chains them (a migration must not break
    the chain: the test verifies it at head)."""
    rows, previous = [], GENESIS
    for number, (at, operator, action, table, record, fields) in enumerate(entries, start=1):
        content = {
            "at": at.isoformat(),
            "site": "CPF",
            "operator": operator,
            "action": action,
            "table": table,
            "record": record,
            "fields": fields,
            "note": "",
            "prev": previous,
        }
        blob = json.dumps(content, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
        digest = hashlib.sha256(blob.encode("utf-8")).hexdigest()
        rows.append(
            (
                f"entry{number}",
                {
                    "at": at,
                    "site_code": "CPF",
                    "operator": operator,
                    "action": action,
                    "table_name": table,
                    "record_uid": record,
                    "fields": fields,
                    "note": "",
                    "prev_hash": previous,
                    "hash": digest,
                },
            )
        )
        previous = digest
    return rows


ROSSI_UID = uuid.UUID("6f1c2a3e-0d4b-4c55-9a11-2b7e5c9d0a01")
MAIN = {"site_id": Ref("site", "main")}

#: Table -> rows (label, values), parents before children.
ROWS: dict[str, list[tuple[str, dict[str, Any]]]] = {
    "site": [
        (
            "main",
            {
                "site_id": None,
                "code": "CPF",
                "name": "Centro per la Famiglia Ambito di Bergamo",
                "address": "Via Borfuro 12/D",
                "postcode": "24122",
                "town": "Bergamo",
                "phone": "035 399 111",
                "email": "centrofamiglia@comune.bg.it",
                "logo": b"\x89PNG\r\n",
                "logo_mime": "image/png",
            },
        ),
        (
            "branch",
            {
                "site_id": Ref("site", "main"),
                "code": "SER",
                "name": "Sportello di Seriate",
                "address": "Piazza Alebardi 1",
                "postcode": "24068",
                "town": "Seriate",
                "phone": "",
                "email": "",
                "logo": None,
                "logo_mime": "",
            },
        ),
    ],
    "member_comune": [
        (
            "bergamo",
            {
                "name": "Bergamo",
                "province": "BG",
                "cadastral_code": "A794",
                "position": 1,
                "patron_day": "08-26",
                "patron_saint": "Sant'Alessandro",
                **MAIN,
            },
        ),
        (
            "seriate",
            {
                "name": "Seriate",
                "province": "BG",
                "cadastral_code": "I628",
                "position": 2,
                "patron_day": "",
                "patron_saint": "",
                **MAIN,
            },
        ),
    ],
    "family": [
        (
            "rossi",
            {
                "uid": ROSSI_UID,
                "name": "Rossi Ferrari",
                "address": "Via XX Settembre 41",
                "comune_name": "Bergamo",
                "comune_code": "A794",
                "phone": "+39 347 555 0101",
                "email": "rossi.ferrari@example.it",
                "notes": "Seguita dal consultorio; ISEE rinnovato.",
                "isee_value": Decimal("9874.55"),
                "isee_expiry": date(2027, 1, 15),
                "external_key": "ANAG-0042",
                "anonymised_on": None,
                "resident_since": date(2016, 5, 1),
                "postal_code": "24122",
                **MAIN,
            },
        ),
        (
            "el_idrissi",
            {
                "name": "El Idrissi",
                "address": "Via Nazionale 7",
                "comune_name": "Seriate",
                "comune_code": "I628",
                "phone": "",
                "email": "",
                "notes": "",
                "isee_value": None,
                "isee_expiry": None,
                "external_key": "",
                "anonymised_on": None,
                "resident_since": None,
                "postal_code": "",
                **MAIN,
            },
        ),
        (
            "anonymised",
            {
                "name": "",
                "address": "",
                "comune_name": "Bergamo",
                "comune_code": "A794",
                "phone": "",
                "email": "",
                "notes": "",
                "isee_value": None,
                "isee_expiry": None,
                "external_key": "",
                "anonymised_on": date(2026, 6, 30),
                "resident_since": None,
                "postal_code": "",
                **MAIN,
            },
        ),
    ],
    "person": [
        (
            "mario",
            _person(
                "rossi",
                "Mario",
                "Rossi",
                "M",
                date(1985, 4, 12),
                "Bergamo",
                MARIO,
                "parent",
                phone="+39 347 555 0101",
                email="mario.rossi@example.it",
            ),
        ),
        (
            "giulia",
            _person(
                "rossi", "Giulia", "Ferrari", "F", date(1987, 9, 3), "Bergamo", GIULIA, "parent"
            ),
        ),
        (
            "luca",
            _person(
                "rossi",
                "Luca",
                "Rossi",
                "M",
                date(2019, 6, 20),
                "Bergamo",
                LUCA,
                "child",
                disability=True,
                notes="Certificazione L.104 in corso.",
            ),
        ),
        (
            "fatima",
            _person(
                "el_idrissi",
                "Fatima",
                "El Idrissi",
                "F",
                date(1990, 1, 21),
                "Marocco",
                FATIMA,
                "parent",
                citizenship="Marocchina",
                languages="arabo, francese",
            ),
        ),
        (
            "nicolo",
            _person(
                "el_idrissi",
                "Nicolò",
                "El Idrissi",
                "M",
                date(2022, 2, 2),
                "Seriate",
                None,
                "child",
                no_code_reason="In attesa del codice dall'Agenzia delle Entrate",
            ),
        ),
        (
            "ghost",
            _person(
                "anonymised",
                "",
                "",
                "F",
                None,
                "",
                None,
                "other",
                citizenship="",
                languages="",
                birth_year=1979,
                anonymised_on=date(2026, 6, 30),
            ),
        ),
    ],
    "consent": [
        (
            "mario_privacy",
            {
                "person_id": Ref("person", "mario"),
                "kind": "privacy",
                "given_on": date(2025, 3, 14),
                "notice_version": "2025-01",
                "operator": "anna",
                "signed_by": "Mario Rossi",
                "withdrawn_on": None,
                **MAIN,
            },
        ),
        (
            "mario_sms",
            {
                "person_id": Ref("person", "mario"),
                "kind": "contact_sms",
                "given_on": date(2025, 3, 14),
                "notice_version": "2025-01",
                "operator": "anna",
                "signed_by": "Mario Rossi",
                "withdrawn_on": date(2026, 2, 1),
                **MAIN,
            },
        ),
        (
            "nicolo_photos",
            {
                "person_id": Ref("person", "nicolo"),
                "kind": "photos",
                "given_on": date(2026, 9, 10),
                "notice_version": "2025-01",
                "operator": "marco",
                "signed_by": "Fatima El Idrissi (madre)",
                "withdrawn_on": None,
                **MAIN,
            },
        ),
    ],
    "person_merge": [
        (
            "merge",
            {
                "kept_person_id": Ref("person", "mario"),
                "merged_uid": uuid.UUID("0b8e4d8c-77a1-4c3e-8f7a-3d1f3e2a9b10"),
                "snapshot": json.dumps(
                    {"first_name": "Mario", "last_name": "Rosi", "phone": "035 22 33 44"}
                ),
                **MAIN,
            },
        ),
    ],
    "audit_log": _audit(
        [
            (utc(2025, 3, 14, 8, 45, 12), "anna", "create", "family", str(ROSSI_UID), ""),
            (
                utc(2025, 3, 14, 8, 46, 1),
                "anna",
                "update",
                "family",
                str(ROSSI_UID),
                "isee_value,notes",
            ),
            (utc(2026, 11, 30, 16, 2, 7), "marco", "open", "family", str(ROSSI_UID), ""),
        ]
    ),
    "operator": [
        (
            "anna",
            {
                "username": "anna",
                "full_name": "Anna Bonfanti",
                "role": "coordinator",
                "password_hash": PASSWORD_HASH,
                "active": True,
                "failed_attempts": 0,
                "locked_until": None,
                "last_sign_in": utc(2026, 12, 7, 7, 58, 3),
                **MAIN,
            },
        ),
        (
            "marco",
            {
                "username": "marco",
                "full_name": "Marco Pesenti",
                "role": "reception",
                "password_hash": PASSWORD_HASH,
                "active": True,
                "failed_attempts": 2,
                "locked_until": utc(2026, 12, 1, 9, 15),
                "last_sign_in": None,
                **MAIN,
            },
        ),
        (
            "elena",
            {
                "username": "elena",
                "full_name": "Elena Locatelli",
                "role": "educator",
                "password_hash": PASSWORD_HASH,
                "active": False,
                "failed_attempts": 0,
                "locked_until": None,
                "last_sign_in": None,
                **MAIN,
            },
        ),
    ],
    "retention_rule": [("contacts", {"kind": "contacts", "months": 36})],
    "erasure_request": [
        (
            "ghost",
            {
                "person_id": Ref("person", "ghost"),
                "person_uid": uuid.UUID("5a4f0e4e-8c2f-4d7b-bb1e-7d6a3c2b1a09"),
                "received_on": date(2026, 6, 2),
                "requested_by": "l'interessata, via PEC",
                "status": "carried_out",
                "decided_on": date(2026, 6, 30),
                "decided_by": "anna",
                "refusal_ground": "",
                "refusal_note": "",
                **MAIN,
            },
        ),
        (
            "fatima",
            {
                "person_id": Ref("person", "fatima"),
                "person_uid": uuid.UUID("c3c1b8e2-1f7e-4a55-9d0a-5e6f7a8b9c0d"),
                "received_on": date(2026, 12, 1),
                "requested_by": "Fatima El Idrissi",
                "status": "refused",
                "decided_on": date(2026, 12, 4),
                "decided_by": "anna",
                "refusal_ground": "legal_obligation",
                "refusal_note": "Fascicolo aperto con il Tribunale.",
                **MAIN,
            },
        ),
    ],
    "need": [
        (
            "food",
            {
                "key": "food_bank",
                "name": "Banco alimentare",
                "macro_area": "A",
                "position": 17,
                "active": True,
            },
        ),
    ],
    "organisation": [
        (
            "pool_org",
            {
                "name": "Piscine Italcementi",
                "kind": "sports",
                "tax_code": "02345670163",
                "comune_name": "Bergamo",
                "comune_code": "A794",
                "address": "Via Statuto 43",
                "postal_code": "24128",
                "phone": "035 250 999",
                "email": "info@piscine.example.it",
                "web": "https://piscine.example.it",
                "notes": "Convenzione rinnovata ogni gennaio.",
                "active": True,
                **MAIN,
            },
        ),
        (
            "asst",
            {
                "name": "ASST Papa Giovanni XXIII",
                "kind": "health",
                "tax_code": "",
                "comune_name": "Bergamo",
                "comune_code": "A794",
                "address": "Piazza OMS 1",
                "postal_code": "24127",
                "phone": "035 267 111",
                "email": "",
                "web": "",
                "notes": "",
                "active": True,
                **MAIN,
            },
        ),
    ],
    "directory_service": [
        (
            "consultorio",
            {
                "organisation_id": Ref("organisation", "asst"),
                "name": "Consultorio familiare di Bergamo",
                "description": "Gravidanza, contraccezione, sostegno alla genitorialità.",
                "comune_name": "Bergamo",
                "comune_code": "A794",
                "address": "Via Borgo Palazzo 130",
                "postal_code": "24125",
                "whole_area": True,
                "phone": "035 2270 411",
                "email": "consultorio@asst.example.it",
                "web": "",
                "hours": "lun-ven 8:30-12:30; mar 14-16",
                "age_min": None,
                "age_max": 24,
                "audience": "Donne, coppie, famiglie, adolescenti",
                "residence": "Residenti nell'Ambito",
                "cost": "gratuito",
                "languages": "it,en,ar",
                "access": "appointment",
                "bring": "Tessera sanitaria",
                "contact_person": "Dott.ssa Bianchi",
                "checked_on": date(2025, 10, 2),
                "active": True,
                **MAIN,
            },
        ),
    ],
    "directory_service_need": [
        (
            "consultorio_parenting",
            {
                "service_id": Ref("directory_service", "consultorio"),
                "need_id": Seeded("need", "parenting"),
                "position": 0,
                **MAIN,
            },
        ),
    ],
    "contact": [
        (
            "rossi_today",
            {
                "contact_date": TODAY,
                "arrived_at": utc(2026, 12, 9, 8, 5),
                "operator": "marco",
                "channel": "in_person",
                "family_id": Ref("family", "rossi"),
                "person_id": Ref("person", "giulia"),
                "anon_sex": "",
                "anon_birth_year": None,
                "anon_citizenship": "",
                "anon_comune": "",
                "referred_by": "Pediatra",
                "status": "waiting",
                "served_at": None,
                "done_at": None,
                "served_by": "",
                **MAIN,
            },
        ),
        (
            "phone_anon",
            {
                "contact_date": date(2026, 11, 20),
                "arrived_at": utc(2026, 11, 20, 14, 30),
                "operator": "marco",
                "channel": "phone",
                "family_id": None,
                "person_id": None,
                "anon_sex": "F",
                "anon_birth_year": 1994,
                "anon_citizenship": "Ucraina",
                "anon_comune": "Dalmine",
                "referred_by": "",
                "status": "done",
                "served_at": utc(2026, 11, 20, 14, 31),
                "done_at": utc(2026, 11, 20, 14, 52),
                "served_by": "marco",
                **MAIN,
            },
        ),
    ],
    "contact_request": [
        (
            "parenting",
            {
                "contact_id": Ref("contact", "rossi_today"),
                "need_id": Seeded("need", "parenting"),
                "note": "Chiede del gruppo 0-3 anni.",
                "outcomes": "info,referral",
                "referral_to": "Consultorio ASST",
                "service_id": Ref("directory_service", "consultorio"),
                "referral_outcome": "waiting",
                "referral_outcome_on": None,
                "follow_up_on": date(2026, 12, 15),
                "follow_up_owner": "marco",
                "follow_up_done_on": None,
                **MAIN,
            },
        ),
        (
            "food",
            {
                "contact_id": Ref("contact", "phone_anon"),
                "need_id": Ref("need", "food"),
                "note": "",
                "outcomes": "info",
                "referral_to": "",
                "service_id": None,
                "referral_outcome": "",
                "referral_outcome_on": None,
                "follow_up_on": date(2026, 11, 27),
                "follow_up_owner": "anna",
                "follow_up_done_on": date(2026, 11, 26),
                **MAIN,
            },
        ),
    ],
    "service": [
        (
            "school",
            {
                "key": "school_orientation",
                "name": "Orientamento scolastico",
                "duration_minutes": 30,
                "what_to_bring": "Pagella",
                "profession": "orientatrice/orientatore",
                "position": 8,
                "active": True,
            },
        ),
    ],
    "appointment_series": [
        ("fortnightly", {"every_weeks": 2, "occurrences": 4, "until": None, **MAIN})
    ],
    "place": [
        (
            "centre",
            {
                "name": "Centro per la Famiglia",
                "comune_id": Ref("member_comune", "bergamo"),
                "address": "Via Borfuro 12/D",
                "active": True,
                **MAIN,
            },
        ),
    ],
    "staff": [
        (
            "verdi",
            {
                "name": "Dott.ssa Chiara Verdi",
                "kind": "professional",
                "profession": "psicologa/o",
                "languages": "italiano, inglese",
                "phone": "035 399 120",
                "operator_id": Ref("operator", "anna"),
                "active": True,
                **MAIN,
            },
        ),
        (
            "karim",
            {
                "name": "Karim Benali",
                "kind": "interpreter",
                "profession": "",
                "languages": "arabo, francese",
                "phone": "",
                "operator_id": None,
                "active": True,
                **MAIN,
            },
        ),
    ],
    "absence": [
        (
            "holidays",
            {
                "staff_id": Ref("staff", "verdi"),
                "first_day": date(2026, 12, 24),
                "last_day": date(2027, 1, 6),
                "reason": "Ferie",
                **MAIN,
            },
        ),
    ],
    "closure": [
        (
            "immacolata",
            {
                "place_id": Ref("place", "centre"),
                "day": date(2026, 12, 8),
                "reason": "Immacolata",
                **MAIN,
            },
        ),
        (
            "everywhere",
            {"place_id": None, "day": date(2026, 12, 26), "reason": "Santo Stefano", **MAIN},
        ),
    ],
    "opening_hours": [
        (
            "monday",
            {
                "place_id": Ref("place", "centre"),
                "weekday": 0,
                "opens": time(9, 0),
                "closes": time(13, 0),
                **MAIN,
            },
        ),
        (
            "wednesday",
            {
                "place_id": Ref("place", "centre"),
                "weekday": 2,
                "opens": time(14, 30),
                "closes": time(18, 0),
                **MAIN,
            },
        ),
    ],
    "room": [
        (
            "room1",
            {"place_id": Ref("place", "centre"), "name": "Sala colloqui 1", "active": True, **MAIN},
        )
    ],
    "appointment": [
        (
            "rossi",
            {
                "service_id": Seeded("service", "psychological_counselling"),
                "staff_id": Ref("staff", "verdi"),
                "place_id": Ref("place", "centre"),
                "room_id": Ref("room", "room1"),
                "interpreter_id": None,
                "family_id": Ref("family", "rossi"),
                "person_id": Ref("person", "giulia"),
                "starts_at": datetime(2026, 12, 10, 10, 0),
                "ends_at": datetime(2026, 12, 10, 11, 0),
                "status": "booked",
                "cancel_reason": "",
                "note": "Primo colloquio",
                "series_id": Ref("appointment_series", "fortnightly"),
                "series_index": 1,
                "request_id": Ref("contact_request", "parenting"),
                "booked_by": "marco",
                **MAIN,
            },
        ),
        (
            "el_idrissi",
            {
                "service_id": Ref("service", "school"),
                "staff_id": Ref("staff", "verdi"),
                "place_id": Ref("place", "centre"),
                "room_id": None,
                "interpreter_id": Ref("staff", "karim"),
                "family_id": Ref("family", "el_idrissi"),
                "person_id": None,
                "starts_at": datetime(2026, 11, 30, 15, 0),
                "ends_at": datetime(2026, 11, 30, 15, 30),
                "status": "cancelled",
                "cancel_reason": "Malattia",
                "note": "",
                "series_id": None,
                "series_index": None,
                "request_id": None,
                "booked_by": "anna",
                **MAIN,
            },
        ),
    ],
    "parent_group": [
        (
            "zero_three",
            {
                "title": "Genitori si diventa (0-3 anni)",
                "kind": "course",
                "description": "Sei incontri per neogenitori.",
                "place_id": Ref("place", "centre"),
                "room_id": Ref("room", "room1"),
                "target": "parents",
                "age_from": 0,
                "age_to": 3,
                "age_unit": "years",
                "capacity": 8,
                "capacity_per": "family",
                "signup_opens": date(2026, 10, 1),
                "signup_closes": date(2026, 11, 25),
                "language": "it",
                "cost_cents": 1500,
                "cost_note": "Gratuito con ISEE < 15.000",
                "completion_percent": 75,
                "cancelled": False,
                **MAIN,
            },
        ),
    ],
    "enrolment": [
        (
            "giulia",
            {
                "group_id": Ref("parent_group", "zero_three"),
                "person_id": Ref("person", "giulia"),
                "family_id": Ref("family", "rossi"),
                "status": "enrolled",
                "signed_up_at": utc(2026, 10, 2, 9, 12),
                "signed_up_on": date(2026, 10, 2),
                "enrolled_on": date(2026, 10, 2),
                "withdrawn_on": None,
                "withdraw_reason": "",
                "to_inform": False,
                "informed_on": None,
                "walk_in": False,
                "signed_up_by": "marco",
                "note": "",
                **MAIN,
            },
        ),
        (
            "fatima",
            {
                "group_id": Ref("parent_group", "zero_three"),
                "person_id": Ref("person", "fatima"),
                "family_id": Ref("family", "el_idrissi"),
                "status": "waiting",
                "signed_up_at": utc(2026, 11, 24, 17, 40),
                "signed_up_on": date(2026, 11, 24),
                "enrolled_on": None,
                "withdrawn_on": None,
                "withdraw_reason": "",
                "to_inform": True,
                "informed_on": None,
                "walk_in": False,
                "signed_up_by": "anna",
                "note": "Serve mediatrice",
                **MAIN,
            },
        ),
    ],
    "group_educator": [
        (
            "elena",
            {
                "group_id": Ref("parent_group", "zero_three"),
                "operator_id": Ref("operator", "elena"),
                **MAIN,
            },
        )
    ],
    "group_session": [
        (
            "first",
            {
                "group_id": Ref("parent_group", "zero_three"),
                "starts_at": datetime(2026, 12, 3, 17, 0),
                "ends_at": datetime(2026, 12, 3, 18, 30),
                "place_id": Ref("place", "centre"),
                "room_id": Ref("room", "room1"),
                "topic": "Il sonno",
                "cancelled": False,
                "cancel_reason": "",
                "extra": False,
                **MAIN,
            },
        ),
        (
            "second",
            {
                "group_id": Ref("parent_group", "zero_three"),
                "starts_at": datetime(2026, 12, 17, 17, 0),
                "ends_at": datetime(2026, 12, 17, 18, 30),
                "place_id": Ref("place", "centre"),
                "room_id": None,
                "topic": "L'alimentazione",
                "cancelled": True,
                "cancel_reason": "Educatrice malata",
                "extra": False,
                **MAIN,
            },
        ),
    ],
    "attendance": [
        (
            "giulia_first",
            {
                "session_id": Ref("group_session", "first"),
                "enrolment_id": Ref("enrolment", "giulia"),
                "mark": "present",
                **MAIN,
            },
        )
    ],
    "card_sequence": [("bergamo", {"comune_code": "A794", "last": 2})],
    "card_type": [
        (
            "family_card",
            {
                "name": "Carta della Famiglia",
                "description": "Per famiglie con figli minori.",
                "residence_required": True,
                "residence_months": 24,
                "min_children": 1,
                "child_age_limit": 18,
                "count_foster": True,
                "disability_age_limit": 26,
                "isee_ceiling": Decimal("30000.00"),
                "holder_min_age": 18,
                "holder_max_age": None,
                "validity_months": 24,
                "active": True,
                **MAIN,
            },
        ),
    ],
    "partner": [
        (
            "pool",
            {
                "name": "Piscine Italcementi",
                "organisation_id": Ref("organisation", "pool_org"),
                "category": "sports",
                "comune_id": Ref("member_comune", "bergamo"),
                "address": "Via Statuto 43",
                "contact": "Ufficio soci",
                "phone": "035 250 999",
                "email": "info@piscine.example.it",
                "agreement_start": date(2025, 1, 1),
                "agreement_end": None,
                "active": True,
                **MAIN,
            },
        ),
    ],
    "benefit": [
        (
            "pool_discount",
            {
                "partner_id": Ref("partner", "pool"),
                "kind": "percent",
                "value": Decimal("20.00"),
                "description": "20% sull'abbonamento",
                "conditions": "Dal lunedì al venerdì",
                "active": True,
                **MAIN,
            },
        ),
    ],
    "card": [
        (
            "old",
            {
                "number": CARD_OLD,
                "card_type_id": Ref("card_type", "family_card"),
                "family_id": Ref("family", "rossi"),
                "holder_id": Ref("person", "mario"),
                "comune_code": "A794",
                "issued_on": date(2025, 3, 14),
                "expires_on": date(2027, 3, 13),
                "shortened_reason": "",
                "status": "replaced",
                "revoked_on": date(2026, 4, 2),
                "revoke_reason": "Smarrita",
                "previous_id": None,
                "issued_by": "anna",
                **MAIN,
            },
        ),
        (
            "new",
            {
                "number": CARD_NEW,
                "card_type_id": Ref("card_type", "family_card"),
                "family_id": Ref("family", "rossi"),
                "holder_id": Ref("person", "mario"),
                "comune_code": "A794",
                "issued_on": date(2026, 4, 2),
                "expires_on": date(2027, 3, 13),
                "shortened_reason": "Scade con la carta sostituita",
                "status": "active",
                "revoked_on": None,
                "revoke_reason": "",
                "previous_id": Ref("card", "old"),
                "issued_by": "anna",
                **MAIN,
            },
        ),
    ],
    "benefit_card_type": [
        (
            "pool",
            {
                "benefit_id": Ref("benefit", "pool_discount"),
                "card_type_id": Ref("card_type", "family_card"),
                **MAIN,
            },
        )
    ],
    "card_member": [
        (name, {"card_id": Ref("card", "new"), "person_id": Ref("person", name), **MAIN})
        for name in ("mario", "giulia", "luca")
    ],
    "redemption": [
        (
            "accepted",
            {
                "benefit_id": Ref("benefit", "pool_discount"),
                "card_id": Ref("card", "new"),
                "number_typed": "a794-000002-" + CARD_NEW[-1].lower(),
                "at": utc(2026, 12, 5, 16, 20),
                "accepted": True,
                "reason": "",
                "operator": "marco",
                **MAIN,
            },
        ),
        (
            "typo",
            {
                "benefit_id": Ref("benefit", "pool_discount"),
                "card_id": None,
                "number_typed": "A79400002",
                "at": utc(2026, 12, 5, 16, 19),
                "accepted": False,
                "reason": "format",
                "operator": "marco",
                **MAIN,
            },
        ),
    ],
    # 0016: the centre's settings, the plan's actions and indicators, SIUSS flows.
    "centre_setting": [("threshold", {"key": "report.small_count_threshold", "value": "5"})],
    "plan_action": [
        (
            "genitori",
            {
                "plan": "Piano di Zona 2025-2027",
                "code": "3.2",
                "title": "Percorsi di sostegno alla genitorialità",
                "area": "Politiche per i minori e la famiglia",
                "macro_area": "D",
                "objective": "Sostenere i genitori nei primi anni di vita dei figli.",
                "description": "Gruppi di confronto tra genitori al Centro per le Famiglie.",
                "position": 0,
            },
        ),
    ],
    "plan_indicator": [
        (
            "incontri",
            {
                "action_id": Ref("plan_action", "genitori"),
                "name": "Incontri per le famiglie",
                "target": Decimal("16.00"),
                "period_from": date(2026, 1, 1),
                "period_to": date(2026, 12, 31),
                "measure": "sessions_held",
                "filters": "{}",
                "manual_value": None,
                "manual_source": "",
                "position": 0,
            },
        ),
    ],
    "plan_action_group": [
        (
            "genitori_zero_three",
            {
                "action_id": Ref("plan_action", "genitori"),
                "group_id": Ref("parent_group", "zero_three"),
            },
        ),
    ],
    "siuss_flow": [
        (
            "first",
            {
                "made_on": date(2026, 12, 1),
                "period_from": date(2026, 1, 1),
                "period_to": date(2026, 11, 30),
                "file_name": "siuss-2026.xml",
                "operator": "marco",
                "records": 1,
                **MAIN,
            },
        ),
    ],
    "siuss_flow_card": [
        (
            "old_in",
            {
                "flow_id": Ref("siuss_flow", "first"),
                "card_id": Ref("card", "old"),
                "operation": "I",
                **MAIN,
            },
        ),
    ],
}

#: Every record carries these (familydesk.db.base); the builder fills them for each row.
COMMON = {"created_at": CREATED, "updated_at": UPDATED, "version": 3}

#: Seeded rows are found by this column.
SEED_KEYS = {"need": "key", "service": "key"}


def app_tables(connection: Connection) -> list[str]:
    """The application's tables at the connection's revision (without the search index)."""
    names = sa.inspect(connection).get_table_names()
    return sorted(n for n in names if n not in IGNORED and not search_index.is_index_object(n))


def reflect(connection: Connection) -> sa.MetaData:
    metadata = sa.MetaData()
    metadata.reflect(connection, only=app_tables(connection))
    return metadata


def _stored(column: sa.Column, value: Any) -> Any:
    """``value`` as the reflected column type takes it."""
    if isinstance(value, uuid.UUID) and not isinstance(column.type, sa.Uuid):
        return value.hex  # SQLite keeps sa.Uuid as CHAR(32), reflected as CHAR
    aware = isinstance(value, datetime) and value.tzinfo is not None
    if aware and not getattr(column.type, "timezone", False):
        return value.astimezone(UTC).replace(tzinfo=None)
    return value


def _resolve(
    connection: Connection, metadata: sa.MetaData, ids: dict[tuple[str, str], int], value: Any
) -> Any:
    if isinstance(value, Ref):
        return ids[(value.table, value.label)]
    if isinstance(value, Seeded):
        table = metadata.tables[value.table]
        found = connection.execute(
            sa.select(table.c.id).where(table.c[SEED_KEYS[value.table]] == value.key)
        ).scalar_one()
        return found
    return value


def fill(connection: Connection) -> dict[tuple[str, str], int]:
    """Insert the rows of ``ROWS`` into the tables that exist now; returns each row's id by
    (table, label)."""
    metadata = reflect(connection)
    missing = set(metadata.tables) - set(ROWS)
    assert not missing, f"revision_data.ROWS has no rows for the tables {sorted(missing)}"
    ids: dict[tuple[str, str], int] = {}
    for name, rows in ROWS.items():
        table = metadata.tables.get(name)
        if table is None:
            continue
        for label, values in rows:
            record = {"uid": uuid.uuid4(), **COMMON, **values}
            row = {
                column.name: _stored(
                    column, _resolve(connection, metadata, ids, record[column.name])
                )
                for column in table.columns
                if column.name in record and column.computed is None
            }
            needed = {
                c.name
                for c in table.columns
                if not c.nullable
                and c.server_default is None
                and c.computed is None
                and not (c.primary_key and c.autoincrement in (True, "auto"))
                and c.name not in row
            }
            assert not needed, f"revision_data.ROWS[{name!r}] lacks the columns {sorted(needed)}"
            key = connection.execute(sa.insert(table).values(row)).inserted_primary_key
            ids[(name, label)] = key[0]
    return ids


Snapshot = dict[str, dict[int, dict[str, Any]]]


def snapshot(connection: Connection) -> Snapshot:
    """Every row of every application table, by table and id (the search index left out)."""
    metadata = reflect(connection)
    result = {}
    for name, table in metadata.tables.items():
        columns = [c for c in table.columns if not search_index.is_index_object(c.name)]
        rows = connection.execute(sa.select(*columns).order_by(table.c.id)).mappings()
        result[name] = {row["id"]: dict(row) for row in rows}
    return result
