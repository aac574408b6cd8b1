"""Exports of appointments (ics, csv, json) and walk-in contacts (csv, json), and the
``export`` and ``print`` commands for appointments: exit codes and lines."""

from __future__ import annotations

import csv
import io
import json
from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from icalendar import Calendar as ICalendar

from familydesk import frontdesk
from familydesk.appointments.export import CSV_COLUMNS, export_appointments
from familydesk.appointments.lookup import staff_by_name
from familydesk.db.database import Database
from familydesk.frontdesk import ContactInput, RequestInput
from familydesk.frontdesk.export import export_contacts
from familydesk.kernel import clock
from familydesk.kernel.errors import ValidationError
from familydesk.trust import audit, permissions
from tests.appointments.calendar_data import Calendar, build
from tests.appointments.print_data import Day, book_day
from tests.helpers import run_cli as run
from tests.helpers import signed_in

ROME = ZoneInfo("Europe/Rome")


@pytest.fixture
def cal(database: Database) -> Calendar:
    return build(database)


@pytest.fixture
def day(database: Database, cal: Calendar) -> Day:
    return book_day(database, cal)


def _period(day: Day) -> tuple[date, date]:
    return day.day, day.day + timedelta(days=28)


def test_the_calendar_parses_back_with_every_field(
    database: Database, day: Day, tmp_path: Path
) -> None:
    out = tmp_path / "agenda.ics"
    exported = database.write(export_appointments, *_period(day), "ics", out)
    assert exported.path == out and exported.count == 8  # 5 that day, 3 more of the series
    calendar = ICalendar.from_ical(out.read_bytes())
    assert str(calendar["version"]) == "2.0" and str(calendar["calscale"]) == "GREGORIAN"
    assert "FamilyDesk" in str(calendar["prodid"])
    assert [tz.tz_name for tz in calendar.timezones] == ["Europe/Rome"]
    assert calendar.get_missing_tzids() == set()
    events = {str(e["uid"]): e for e in calendar.walk("VEVENT")}
    assert len(events) == 8
    first = events[f"{day.series_first.uid}@familydesk"]
    start, end = first.decoded("dtstart"), first.decoded("dtend")
    assert first["dtstart"].params["TZID"] == "Europe/Rome"
    assert start == day.series_first.starts_at.replace(tzinfo=ROME)
    assert start.utcoffset() == day.series_first.starts_at.replace(tzinfo=ROME).utcoffset()
    assert end - start == timedelta(hours=1)
    assert str(first["summary"]) == "Psychological counselling – Rossi Giulia"
    assert str(first["location"]) == "Centro per le Famiglie, Via Roma 1, Gonzaga, Sala Blu"
    assert str(first["description"]) == (
        "Professional: Dott.ssa Paola Rinaldi\nInterpreter: Amina Haddad"
    )
    statuses = {uid.split("@")[0]: str(e["status"]) for uid, e in events.items()}
    assert statuses[day.series_first.uid] == "TENTATIVE"
    assert statuses[day.el_amrani_11.uid] == "CONFIRMED"
    assert statuses[day.rossi_12.uid] == "CANCELLED"
    assert "ha chiamato" not in out.read_text(encoding="utf-8")  # reasons stay in the database
    assert b"\r\n" in out.read_bytes()


def test_one_staff_members_calendar(database: Database, cal: Calendar, day: Day) -> None:
    stream = io.StringIO()
    staff = database.read(staff_by_name, "ferri")
    exported = database.write(
        export_appointments, *_period(day), "ics", None, stream, staff_id=staff.id
    )
    events = list(ICalendar.from_ical(stream.getvalue()).walk("VEVENT"))
    assert exported.count == 1 and exported.path is None
    assert [str(e["uid"]) for e in events] == [f"{day.other_psychologist.uid}@familydesk"]


def test_csv_is_like_the_family_export(database: Database, day: Day, tmp_path: Path) -> None:
    out = tmp_path / "appuntamenti.csv"
    database.write(export_appointments, *_period(day), "csv", out)
    data = out.read_bytes()
    assert data.startswith(b"\xef\xbb\xbfuid;data;ora_inizio;") and b"\r\n" in data
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig")), delimiter=";"))
    assert len(rows) == 8 and tuple(rows[0]) == CSV_COLUMNS
    first = rows[0]
    assert first["uid"] == day.series_first.uid
    assert first["data"] == day.day.strftime("%d/%m/%Y") and first["ora_inizio"] == "09:00"
    assert (first["minuti"], first["stato"], first["per"]) == ("60", "booked", "Rossi Giulia")
    assert first["interprete"] == "Amina Haddad" and first["incontro_serie"] == "1"
    assert len(first["famiglia_uid"]) == 36 and len(first["persona_uid"]) == 36
    assert "340 1234567" not in data.decode("utf-8-sig")  # no phones


def test_json_has_iso_times_with_their_offset(database: Database, day: Day) -> None:
    stream = io.StringIO()
    database.write(export_appointments, *_period(day), "json", None, stream)
    documents = json.loads(stream.getvalue())
    assert len(documents) == 8
    first = documents[0]
    start = datetime.fromisoformat(first["start"])
    assert start == day.series_first.starts_at.replace(tzinfo=ROME)
    assert first["status"] == "booked" and first["who"] == "Rossi Giulia"
    assert first["professional"] == "Dott.ssa Paola Rinaldi" and first["room"] == "Sala Blu"
    cancelled = next(d for d in documents if d["uid"] == day.rossi_12.uid)
    assert cancelled["status"] == "cancelled" and "note" not in cancelled


def test_exports_need_the_right_and_are_audited(database: Database, day: Day) -> None:
    signed_in(database, "reception")
    with pytest.raises(permissions.PermissionDenied):
        database.write(export_appointments, *_period(day), "csv", None, io.StringIO())
    with pytest.raises(permissions.PermissionDenied):
        database.write(export_contacts, *_period(day), "csv", None, io.StringIO())
    signed_in(database, "coordinator", "anna")
    first, last = _period(day)
    database.write(export_appointments, first, last, "json", None, io.StringIO())
    database.write(export_contacts, first, last, "csv", None, io.StringIO())
    signed_in(database, "admin")
    exports = [e for e in database.read(audit.entries) if e.action == "export"]
    assert [(e.operator, e.note) for e in exports] == [
        ("anna", f"contacts csv {first}..{last}: 0"),
        ("anna", f"appointments json {first}..{last}: 8"),
    ]
    with pytest.raises(ValidationError, match="period ends before it starts"):
        database.write(export_appointments, last, first, "csv", None, io.StringIO())


def _contacts(database: Database, cal: Calendar, when: date) -> None:
    family_request = RequestInput(
        "economic_support",
        ("referral", "information"),
        note="Sfratto in corso",
        referral_to="CAF Suzzara",
        follow_up_on=when + timedelta(days=7),
    )
    database.write(
        frontdesk.record_contact,
        ContactInput(
            family_id=cal.families[0],
            contact_date=when,
            channel="phone",
            referred_by="scuola",
            requests=(family_request, RequestInput("parenting", ("appointment",))),
        ),
    )
    database.write(
        frontdesk.record_contact,
        ContactInput(
            contact_date=when,
            anon_sex="F",
            anon_birth_year=1990,
            anon_citizenship="marocchina",
            anon_comune="Suzzara",
            requests=(RequestInput("orientation"),),
        ),
    )
    database.write(
        frontdesk.record_contact,
        ContactInput(contact_date=when + timedelta(days=40), requests=(RequestInput("housing"),)),
    )


def test_contacts_export_one_row_per_request_without_names(
    database: Database, cal: Calendar, tmp_path: Path
) -> None:
    when = clock.today()
    _contacts(database, cal, when)
    out = tmp_path / "accessi.csv"
    exported = database.write(export_contacts, when, when + timedelta(days=30), "csv", out)
    assert exported.count == 3
    text = out.read_bytes().decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text), delimiter=";"))
    assert [r["bisogno_codice"] for r in rows] == ["economic_support", "parenting", "orientation"]
    money = rows[0]
    assert money["data"] == when.strftime("%d/%m/%Y") and money["canale"] == "phone"
    assert money["operatore"] == "tester" and money["anonimo"] == "no"
    assert money["famiglia_uid"] and money["inviato_da"] == "scuola"
    assert money["esiti"] == "referral to another service, information given"
    assert money["invio_a"] == "CAF Suzzara" and money["macro_area"] == "A"
    assert money["richiamo_il"] == (when + timedelta(days=7)).strftime("%d/%m/%Y")
    anonymous = rows[2]
    assert (
        anonymous["anonimo"],
        anonymous["sesso_anonimo"],
        anonymous["anno_nascita_anonimo"],
        anonymous["comune_anonimo"],
    ) == ("sì", "F", "1990", "Suzzara")
    assert "Rossi" not in text and "Sfratto" not in text  # no names, no notes
    stream = io.StringIO()
    database.write(export_contacts, when, when + timedelta(days=30), "json", None, stream)
    documents = json.loads(stream.getvalue())
    assert documents[0]["outcomes"] == ["referral", "information"]
    assert documents[0]["date"] == when.isoformat() and documents[2]["family_uid"] is None
    assert datetime.fromisoformat(documents[0]["arrived_at"]).utcoffset() is not None


# -- commands ------------------------------------------------------------------


@pytest.mark.usefixtures("cli_operator")
def test_export_commands(
    capsys: pytest.CaptureFixture[str], db_location: str, day: Day, tmp_path: Path
) -> None:
    first, last = (d.isoformat() for d in _period(day))
    base = ("--lang", "en", "--db", db_location)
    out = tmp_path / "a.ics"
    code, stdout, err = run(
        capsys, *base, "export", "appointments", "--from", first, "--to", last, "--out", str(out)
    )
    assert (code, err) == (0, "") and stdout == f"8 appointments exported. File: {out}\n"
    assert len(list(ICalendar.from_ical(out.read_bytes()).walk("VEVENT"))) == 8
    code, stdout, err = run(
        capsys,
        *base,
        "export",
        "appointments",
        "--from",
        first,
        "--to",
        last,
        "--format",
        "json",
        "--staff",
        "rinaldi",
    )
    assert code == 0 and len(json.loads(stdout)) == 7 and err == "7 appointments exported.\n"
    code, stdout, err = run(capsys, *base, "export", "contacts", "--from", first, "--to", last)
    assert code == 0 and stdout.startswith("contatto_uid;") and err == "0 requests exported.\n"


@pytest.mark.usefixtures("cli_operator")
@pytest.mark.parametrize(
    ("argv", "code", "expected"),
    [
        (
            ["--from", "2026-02-30", "--to", "2026-03-01"],
            2,
            "argument --from: “2026-02-30” is not a date",
        ),
        (["--from", "2026-03-01", "--to", "ieri"], 2, "argument --to: “ieri” is not a date"),
        (["--from", "2026-03-02", "--to", "2026-03-01"], 2, "--to must be the same day as --from"),
        (["--from", "2026-03-01", "--to", "2026-03-02", "--format", "xlsx"], 2, "invalid choice"),
        (
            ["--from", "2026-03-01", "--to", "2026-03-02", "--staff", "dott"],
            1,
            "familydesk: “dott” fits more than one staff member",
        ),
        (
            ["--from", "2026-03-01", "--to", "2026-03-02", "--staff", "nessuno"],
            1,
            "familydesk: No staff member is called “nessuno”",
        ),
        (
            ["--from", "2026-03-01", "--to", "2026-03-02", "--out", "/nowhere-at-all/a.csv"],
            1,
            "familydesk: The folder /nowhere-at-all does not exist",
        ),
    ],
)
def test_export_refusals_name_the_option(
    capsys: pytest.CaptureFixture[str],
    db_location: str,
    cal: Calendar,
    argv: list[str],
    code: int,
    expected: str,
) -> None:
    result, stdout, err = run(
        capsys, "--lang", "en", "--db", db_location, "export", "appointments", *argv
    )
    assert (result, stdout) == (code, "") and expected in err
    assert len(err.strip().splitlines()) == 1 and "Traceback" not in err
