"""Appointment printouts: the family's slip, a professional's day agenda, the call list.

The PDFs are read back with pypdf: the words that matter are there, the
fonts are embedded, long days spill over pages with the header repeated, a
role without the right is refused and every print is in the audit trail.
"""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest

from familydesk.appointments import booking
from familydesk.appointments.lookup import staff_by_name
from familydesk.appointments.printouts import print_agenda, print_call_list, print_slip
from familydesk.db.database import Database
from familydesk.db.models.registry import Family
from familydesk.forms.base import FormLanguage
from familydesk.kernel.errors import FamilyDeskError, NotFoundError, ValidationError
from familydesk.registry.centre import CentreDetails
from familydesk.trust import audit
from familydesk.trust.permissions import PermissionDenied
from tests.appointments.calendar_data import Calendar, build, working_day
from tests.appointments.calendar_data import booking as booking_input
from tests.appointments.print_data import Day, book_day
from tests.forms.conftest import CENTRE_NAME, font_files, pages_text
from tests.helpers import run_cli as run
from tests.helpers import signed_in

IT = FormLanguage.of("it")


@pytest.fixture
def cal(database: Database, letterhead: CentreDetails) -> Calendar:
    return build(database)


@pytest.fixture
def day(database: Database, cal: Calendar) -> Day:
    return book_day(database, cal)


def flat(pdf: Path) -> str:
    """All pages' text on one line (words wrapped in table cells meet again)."""
    return " ".join(" ".join(pages_text(pdf.read_bytes())).split())


def weekday(value: date) -> str:
    text = IT.weekday_date(value)
    return text[:1].upper() + text[1:]


def test_the_slip_says_when_where_with_whom_and_what_to_bring(
    database: Database, day: Day, tmp_path: Path
) -> None:
    out = tmp_path / "promemoria.pdf"
    printed = database.write(print_slip, day.series_first.uid, out, "it")
    assert printed.path == out and printed.appointments == 1
    text = flat(out)
    for expected in [
        CENTRE_NAME,
        "Promemoria appuntamento",
        "Per Rossi Giulia (famiglia Rossi)",
        weekday(day.day),
        "dalle 09:00 alle 10:00 (60 minuti)",
        "Consulenza psicologica",
        "Dott.ssa Paola Rinaldi",
        "Centro per le Famiglie Via Roma 1, Gonzaga",
        "Sala Blu",
        "Interprete o mediatore culturale Amina Haddad",
        "Cosa portare",
        "Un documento d'identità.",
        "Se non puoi venire, chiama il 0376 513111",
        "Prossime date del ciclo di incontri",
    ]:
        assert expected in text, expected
    for later in day.series_rest:
        assert weekday(later.starts_at.date()) in text
    assert day.series_first.uid in "".join(text.split())
    fonts = font_files(out.read_bytes())
    assert fonts and all(fonts.values()) and all("DejaVuSans" in name for name in fonts)


def test_the_family_gets_the_slip_in_its_language(
    database: Database, day: Day, tmp_path: Path
) -> None:
    out = tmp_path / "reminder.pdf"
    database.write(print_slip, day.rossi_10.id, out, "en")
    text = flat(out)
    assert "Appointment reminder" in text and "For Rossi" in text
    assert "Psychological counselling" in text and "An identity document." in text
    assert "If you cannot come, please call 0376 513111" in text
    assert "series" not in text and "Interpreter" not in text


def test_the_last_meeting_of_a_series_says_so(database: Database, day: Day, tmp_path: Path) -> None:
    out = tmp_path / "ultimo.pdf"
    database.write(print_slip, day.series_rest[-1].uid, out, "it")
    assert "Questo è l'ultimo incontro del ciclo." in flat(out)


def test_a_cancelled_appointment_has_no_slip(database: Database, day: Day, tmp_path: Path) -> None:
    out = tmp_path / "annullato.pdf"
    with pytest.raises(FamilyDeskError, match="cancelled"):
        database.write(print_slip, day.rossi_12.uid, out, "it")
    assert not out.exists()


def test_the_agenda_lists_the_day_with_cancelled_ones_marked(
    database: Database, cal: Calendar, day: Day, tmp_path: Path
) -> None:
    out = tmp_path / "agenda.pdf"
    printed = database.write(print_agenda, cal.psychologists[0], day.day, out, "it")
    assert printed.appointments == 4
    text = flat(out)
    for expected in [
        "Agenda del giorno",
        weekday(day.day),
        "Dott.ssa Paola Rinaldi, psicologa",
        "Sede: Centro per le Famiglie, Via Roma 1, Gonzaga",
        "3 appuntamenti · 1 annullato",
        "09:00",
        "10:00",
        "11:00",
        "12:00",
        "Rossi Giulia (Rossi)",
        "El Amrani",
        "Amina Haddad",
        "340 1234567",
        "333 2222222",
        "confermato",
        "annullato",
        "La famiglia ha chiamato",
        "Prima volta: portare il certificato",
    ]:
        assert expected in text, expected
    assert "15:00" not in text  # the other psychologist's
    assert all(font_files(out.read_bytes()).values())


def test_an_interpreters_agenda_names_the_professional(
    database: Database, cal: Calendar, day: Day, tmp_path: Path
) -> None:
    out = tmp_path / "agenda.pdf"
    printed = database.write(print_agenda, cal.interpreter, day.day, out, "en")
    text = flat(out)
    assert printed.appointments == 1 and "with Dott.ssa Paola Rinaldi" in text
    assert "1 appointment" in text


def test_an_empty_day_says_so(database: Database, cal: Calendar, day: Day, tmp_path: Path) -> None:
    out = tmp_path / "vuota.pdf"
    printed = database.write(print_agenda, cal.social_worker, day.day, out, "it")
    assert printed.appointments == 0
    assert "Nessun appuntamento in questo giorno." in flat(out)


def _slots(day: date) -> list[tuple[int, int]]:
    """Every quarter of an hour the place is open on ``day``."""
    morning = [(9 + m // 60, m % 60) for m in range(0, 240, 15)]
    afternoon = [(14 + (30 + m) // 60, (30 + m) % 60) for m in range(0, 210, 15)]
    return morning + afternoon


def _families(database: Database, count: int) -> list[int]:
    def add(session):  # type: ignore[no-untyped-def]
        families = [
            Family(name=f"Dell'Acqua-Bernardini Van Der Berg {i:02d}", phone=f"0376 5{i:05d}")
            for i in range(count)
        ]
        session.add_all(families)
        session.flush()
        return [f.id for f in families]

    return database.write(add)


def test_a_full_day_spills_over_pages_with_the_header_repeated(
    database: Database, cal: Calendar, tmp_path: Path
) -> None:
    day = working_day()
    families = _families(database, 30)
    for (hour, minute), family_id in zip(_slots(day), families, strict=True):
        database.write(
            booking.book,
            booking_input(
                cal,
                day,
                hour,
                minute,
                minutes=15,
                family_id=family_id,
                note="Portare la relazione della scuola e il verbale dell'ultimo incontro",
            ),
        )
    out = tmp_path / "piena.pdf"
    assert database.write(print_agenda, cal.psychologists[0], day, out, "it").appointments == 30
    pages = [" ".join(p.split()) for p in pages_text(out.read_bytes())]
    assert len(pages) >= 2
    assert all(CENTRE_NAME in p and "Ora Min. Chi Servizio" in p for p in pages)
    assert all(f"{h:02d}:{m:02d}" in " ".join(pages) for h, m in _slots(day))


def test_the_call_list_groups_the_day_by_family(
    database: Database, day: Day, tmp_path: Path
) -> None:
    out = tmp_path / "telefonate.pdf"
    printed = database.write(print_call_list, day.day, out, "it")
    assert printed.appointments == 4  # the cancelled one is left out
    text = flat(out)
    for expected in [
        "Elenco telefonate",
        weekday(day.day),
        "2 famiglie da chiamare",
        "Famiglia e telefono",
        "Chiamata",
        "Confermato",
        "Rossi 340 1234567 0376 111111",
        "El Amrani 333 2222222",
        "per Rossi Giulia",
        "interprete: Amina Haddad",
        "Dott. Marco Ferri",
        "\u2611",  # the confirmed appointment is already ticked
    ]:
        assert expected in text, expected
    assert "12:00" not in text
    assert text.index("09:00") < text.index("10:00") < text.index("El Amrani") < text.index("11:00")


def test_a_familys_rows_stay_on_one_page(database: Database, cal: Calendar, tmp_path: Path) -> None:
    day = working_day()
    slots = _slots(day)
    families = _families(database, len(slots) // 2)
    for index, family_id in enumerate(families):
        for offset, staff, room in (
            (0, cal.psychologists[0], cal.rooms[0]),
            (1, cal.psychologists[1], cal.rooms[1]),
        ):
            hour, minute = slots[2 * index + offset]
            database.write(
                booking.book,
                booking_input(
                    cal,
                    day,
                    hour,
                    minute,
                    minutes=15,
                    family_id=family_id,
                    staff_id=staff,
                    room_id=room,
                ),
            )
    out = tmp_path / "lunga.pdf"
    database.write(print_call_list, day, out, "en")
    pages = [" ".join(p.split()) for p in pages_text(out.read_bytes())]
    assert len(pages) >= 2 and all("Family and phone" in p for p in pages)
    for index in range(len(families)):
        [page] = [p for p in pages if f"Van Der Berg {index:02d}" in p]
        for hour, minute in slots[2 * index : 2 * index + 2]:
            assert f"{hour:02d}:{minute:02d}" in page


def test_an_empty_call_list_says_so(database: Database, day: Day, tmp_path: Path) -> None:
    out = tmp_path / "nessuna.pdf"
    database.write(print_call_list, day.day + timedelta(days=1), out, "it")
    assert "Nessun appuntamento da confermare in questo giorno." in flat(out)


@pytest.mark.parametrize("role", ["educator", None])
def test_a_role_without_appointments_is_refused(
    database: Database, cal: Calendar, day: Day, tmp_path: Path, role: str | None
) -> None:
    signed_in(database, role)  # type: ignore[arg-type]
    out = tmp_path / "x.pdf"
    for work, args in [
        (print_slip, (day.rossi_10.uid,)),
        (print_agenda, (cal.psychologists[0], day.day)),
        (print_call_list, (day.day,)),
    ]:
        with pytest.raises(PermissionDenied):
            database.write(work, *args, out)
    assert not out.exists()


def test_reception_prints_and_every_print_is_audited_by_uid(
    database: Database, cal: Calendar, day: Day, tmp_path: Path
) -> None:
    signed_in(database, "reception", "laura")
    database.write(print_slip, day.series_first.uid, tmp_path / "s.pdf", "it")
    database.write(print_agenda, cal.psychologists[0], day.day, tmp_path / "a.pdf", "it")
    database.write(print_call_list, day.day, tmp_path / "c.pdf", "it")
    signed_in(database, "admin")
    prints = [e for e in database.read(audit.entries) if e.action == "print"]
    assert all(e.operator == "laura" for e in prints)
    slips = [e for e in prints if e.note == "appointment slip"]
    assert [(e.table_name, e.record_uid) for e in slips] == [("appointment", day.series_first.uid)]
    agenda = [e for e in prints if e.note.startswith("agenda ")]
    on_paper = [day.series_first, day.rossi_10, day.el_amrani_11, day.rossi_12]
    assert {e.record_uid for e in agenda if e.table_name == "appointment"} == {
        a.uid for a in on_paper
    }
    [summary] = [e for e in agenda if e.table_name == "staff"]
    assert summary.note == f"agenda {day.day.isoformat()}: 4"
    calls = [e for e in prints if e.note.startswith("call list ")]
    assert len(calls) == 5 and calls[0].note == f"call list {day.day.isoformat()}: 4"
    notes = " ".join(e.note for e in prints)
    assert "Rossi" not in notes and "Amrani" not in notes and "Rinaldi" not in notes
    assert database.read(audit.verify) == []


def test_the_slip_of_an_unknown_appointment_is_not_found(
    database: Database, day: Day, tmp_path: Path
) -> None:
    with pytest.raises(FamilyDeskError, match="No appointment"):
        database.write(print_slip, "00000000-0000-0000-0000-000000000000", tmp_path / "x.pdf")
    assert not (tmp_path / "x.pdf").exists()


def test_staff_names_are_matched_loosely_and_refused_clearly(
    database: Database, cal: Calendar
) -> None:
    assert database.read(staff_by_name, "RINÀLDI").id == cal.psychologists[0]
    assert database.read(staff_by_name, "dott marco").id == cal.psychologists[1]
    assert database.read(staff_by_name, "  amina  ").id == cal.interpreter
    with pytest.raises(
        ValidationError,
        match=(
            "Dott. Marco Ferri .psicologo.; Dott.ssa Giulia Ferretti .mediatrice familiare.; "
            "Dott.ssa Paola"
        ),
    ):
        database.read(staff_by_name, "dott")
    with pytest.raises(NotFoundError, match="Staff: Amina Haddad; Dott. Luca Bellini"):
        database.read(staff_by_name, "Bianchi")


# -- commands ------------------------------------------------------------------


@pytest.mark.usefixtures("cli_operator")
def test_print_commands(
    capsys: pytest.CaptureFixture[str], db_location: str, day: Day, tmp_path: Path
) -> None:
    base = ("--lang", "it", "--db", db_location, "print")
    slip = tmp_path / "slip.pdf"
    code, stdout, _err = run(
        capsys, *base, "slip", "--appointment", day.rossi_10.uid, "--out", str(slip)
    )
    assert code == 0 and stdout == f"Promemoria appuntamento scritto in {slip}\n"
    assert "Promemoria appuntamento" in pages_text(slip.read_bytes())[0]
    agenda = tmp_path / "agenda.pdf"
    code, stdout, _err = run(
        capsys,
        *base,
        "agenda",
        "--staff",
        "Paola",
        "--date",
        day.day.isoformat(),
        "--out",
        str(agenda),
        "--form-lang",
        "en",
    )
    assert code == 0 and stdout == f"File scritto: {agenda} (Agenda del giorno, 4 appuntamenti)\n"
    assert "Day agenda" in pages_text(agenda.read_bytes())[0]
    calls = tmp_path / "calls.pdf"
    code, stdout, _err = run(
        capsys, *base, "calls", "--date", day.day.isoformat(), "--out", str(calls)
    )
    assert code == 0 and stdout == f"File scritto: {calls} (Elenco telefonate, 4 appuntamenti)\n"
    code, stdout, _err = run(capsys, *base, "calls", "--out", str(calls))  # tomorrow
    assert code == 0 and stdout.endswith("(Elenco telefonate, 0 appuntamenti)\n")


@pytest.mark.usefixtures("cli_operator")
@pytest.mark.parametrize(
    ("argv", "code", "expected"),
    [
        (
            ["agenda", "--staff", "Paola", "--date", "15/13/2026"],
            2,
            "argomento --date: “15/13/2026” non è una data",
        ),
        (
            ["agenda", "--staff", "dott", "--date", "{day}"],
            1,
            "familydesk: “dott” corrisponde a più operatori: Dott. Luca Bellini (pedagogista)",
        ),
        (
            ["slip", "--appointment", "{cancelled}"],
            1,
            "familydesk: Questo appuntamento è annullato: non c'è un promemoria da stampare.",
        ),
        (["calls", "--date", "2026-1-5"], 2, "argomento --date: “2026-1-5” non è una data"),
    ],
)
def test_print_refusals(
    capsys: pytest.CaptureFixture[str],
    db_location: str,
    day: Day,
    tmp_path: Path,
    argv: list[str],
    code: int,
    expected: str,
) -> None:
    out = tmp_path / "x.pdf"
    argv = [a.format(day=day.day.isoformat(), cancelled=day.rossi_12.uid) for a in argv]
    result, stdout, err = run(
        capsys, "--lang", "it", "--db", db_location, "print", *argv, "--out", str(out)
    )
    assert (result, stdout) == (code, "") and expected in err
    assert len(err.strip().splitlines()) == 1 and not out.exists()
