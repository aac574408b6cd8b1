"""Counts read right in both languages: plural forms from the catalogue ("1 anno", "2 anni"),
zero in words where it is a sentence ("Nessuna famiglia"), numbers grouped ("12.000")."""

from __future__ import annotations

import ast
import re
import runpy
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path

import pytest

from familydesk import i18n
from familydesk.admin.backups import describe_age
from familydesk.forms.base import FormLanguage
from familydesk.groups.figures import Completion
from familydesk.groups.printouts import _not_completed
from familydesk.kernel import clock
from familydesk.transfer.records import ImportSummary

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "familydesk"


@pytest.fixture
def italian() -> Iterator[None]:
    i18n.set_language("it")
    yield
    i18n.set_language("en")


def _sources() -> Iterator[tuple[Path, ast.AST]]:
    for path in sorted(PACKAGE.rglob("*.py")):
        yield path, ast.parse(path.read_text(encoding="utf-8"))


def _called(node: ast.expr) -> str | None:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return node.attr
    return None


def test_no_count_goes_into_a_plural_message_unformatted() -> None:
    """``ngettext(s, p, n).format(n=n)`` shows "12000" where Italian reads "12.000": the
    count goes through ``format_number`` (or a printed form's ``lang.number``)."""
    raw = []
    for path, tree in _sources():
        for node in ast.walk(tree):
            if not (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and node.func.attr == "format"
            ):
                continue
            inner = node.func.value
            if not (
                isinstance(inner, ast.Call)
                and _called(inner.func) == "ngettext"
                and len(inner.args) == 3
            ):
                continue
            count = ast.dump(inner.args[2])
            raw += [
                f"{path.relative_to(ROOT)}:{node.lineno} {kw.arg}={ast.unparse(kw.value)}"
                for kw in node.keywords
                if ast.dump(kw.value) == count
            ]
    assert raw == []


#: A number then a plural noun in a message without plural forms ("{n} families", "1 anni").
HAND_PLURAL = re.compile(
    r"\{\w+\} (?:\w+ )?(?:families|people|persons|members|children|years|months|weeks|days|"
    r"hours|minutes|sessions|meetings|entries|records|rows|cards|groups|partners|dates|"
    r"places|appointments|marks|letters|requests|contacts|problems|uses)\b|\w\(s\)"
)
#: Messages whose number is a fixed limit or the top of a range, never 1.
LIMITS = {
    "first {count} people: type more to narrow",
    "The first {n} families by name",
    "Until: at most {most} sessions; choose an earlier day.",
    "Length: between 5 and {most} minutes.",
    "Lock after: between {low} and {high} minutes.",
    "The holder is {low} to {high} years old.",
    # a course of one session has no "none of" refusal: it needs that one session
    "No certificate: this person attended none of the {sessions} sessions, and the group's "
    "rule needs at least {needed} ({percent}%).",
}
#: Messages where the placeholder before the noun is not a number.
NOT_COUNTS = {
    "{name} has places for appointments: remove them first (Settings, Appointments).",
    "{app} appointments",
    "Arrows move; a letter marks and goes down; Space changes the mark; Delete clears; {all} "
    "marks the empty cells present; {save} saves. * = not saved yet; grey = cannot be marked.",
}


def test_no_message_makes_its_own_plural() -> None:
    """A count shown with ``_()`` reads "1 anni", "1 families": it needs ``ngettext``."""
    catalog = runpy.run_path(str(ROOT / "scripts" / "messages.py"))["extract"]()
    singular = [m.id for m in catalog if m.id and isinstance(m.id, str)]
    hand_made = [
        text for text in singular if HAND_PLURAL.search(text) and text not in LIMITS | NOT_COUNTS
    ]
    assert hand_made == []


def test_no_number_is_grouped_by_hand() -> None:
    """``f"{n:,}"`` groups with commas whatever the language; Babel groups 12.000 in Italian.
    (The money field and the import template write Italian amounts by hand, to be read back.)"""
    allowed = {"familydesk/ui/settings/cards_form.py", "familydesk/transfer/template.py"}
    found = [
        str(path.relative_to(ROOT))
        for path in PACKAGE.rglob("*.py")
        if re.search(r":,[}.d]|\{:,", path.read_text(encoding="utf-8"))
    ]
    assert sorted(set(found) - allowed) == []


@pytest.mark.parametrize(
    ("born", "it", "en"),
    [
        (date(2026, 12, 1), "0 mesi", "0 months"),
        (date(2026, 11, 9), "1 mese", "1 month"),
        (date(2026, 1, 9), "11 mesi", "11 months"),
        (date(2025, 12, 9), "1 anno", "1 year"),
        (date(2024, 11, 9), "2 anni", "2 years"),
    ],
)
def test_an_age_reads_in_months_then_years(born: date, it: str, en: str) -> None:
    on = date(2026, 12, 9)
    assert FormLanguage.of("it").age(born, on) == it
    assert FormLanguage.of("en").age(born, on) == en
    assert i18n.format_age(born, on) == en
    i18n.set_language("it")
    try:
        assert i18n.format_age(born, on) == it
    finally:
        i18n.set_language("en")


def test_a_printed_form_groups_its_numbers() -> None:
    assert FormLanguage.of("it").number(12000) == "12.000"
    assert FormLanguage.of("en").number(12000) == "12,000"


def test_the_members_table_shows_age_in_words() -> None:
    """The family's members table read "1 anni" and "0 anni" (for a baby of 11 months)."""
    pytest.importorskip("PySide6")
    from familydesk.ui.families.models import _age

    class Member:
        def __init__(self, born: date) -> None:
            self.birth_date, self.age = born, None

    i18n.set_language("it")
    try:
        assert _age(Member(date(2026, 1, 2))) == "11 mesi"
        assert _age(Member(date(2025, 12, 1))) == "1 anno"
        assert _age(Member(date(2024, 12, 9))) == "2 anni"
    finally:
        i18n.set_language("en")
    assert _age(Member(date(2025, 12, 1))) == "1 year"


@pytest.mark.parametrize(
    ("days", "it", "en"),
    [
        (2, "2 giorni fa", "2 days ago"),
        (12000, "12.000 giorni fa", "12,000 days ago"),
    ],
)
def test_the_last_backup_age_is_grouped(days: int, it: str, en: str) -> None:
    taken = datetime(2026, 12, 9, 9, 0, tzinfo=clock.ROME)
    today = date.fromordinal(taken.date().toordinal() + days)
    assert describe_age(taken, today) == en
    i18n.set_language("it")
    try:
        assert describe_age(taken, today) == it
    finally:
        i18n.set_language("en")


def _completion(present: int, sessions: int = 16) -> Completion:
    return Completion(
        enrolment_id=1,
        person_id=1,
        present=present,
        sessions=sessions,
        needed=12,
        completed=False,
        hours_attended=0.0,
    )


@pytest.mark.parametrize(
    ("present", "sessions", "it"),
    [
        (0, 16, "questa persona non ha frequentato nessuno dei 16 incontri e la regola"),
        (1, 16, "questa persona ha frequentato 1 incontro su 16 e la regola"),
        (2, 16, "questa persona ha frequentato 2 incontri su 16 e la regola"),
        (1000, 12000, "questa persona ha frequentato 1.000 incontri su 12.000 e la regola"),
    ],
)
def test_a_refused_certificate_counts_in_italian(
    italian: None, present: int, sessions: int, it: str
) -> None:
    assert it in str(_not_completed(_completion(present, sessions), 75))


def test_a_refused_certificate_counts_in_english() -> None:
    assert "attended none of the 16 sessions" in str(_not_completed(_completion(0), 75))
    assert "attended 1 of 16 sessions" in str(_not_completed(_completion(1), 75))
    assert "attended 2 of 12,000 sessions" in str(_not_completed(_completion(2, 12000), 75))


def _summary(families: int, people: int) -> ImportSummary:
    return ImportSummary(
        rows=(),
        families_new=families,
        people_new=people,
        families_present=0,
        families_rejected=0,
        rows_rejected=0,
        dry_run=False,
    )


def test_the_import_summary_groups_its_numbers(italian: None) -> None:
    assert _summary(12000, 45210).message() == (
        "Famiglie importate: 12.000 (persone: 45.210); già presenti in anagrafe: 0; "
        "righe scartate: 0."
    )
    i18n.set_language("en")
    assert _summary(12000, 45210).message().startswith("Families imported: 12,000 (people: 45,210)")


@pytest.mark.parametrize(
    ("n", "it"), [(1, "e 1 altra data"), (2, "e altre 2 date"), (12000, "e altre 12.000 date")]
)
def test_more_dates_agree_with_their_number(italian: None, n: int, it: str) -> None:
    """The words a refused series ends with (appointments/series.py, over 5 refused dates)."""
    assert (
        i18n.ngettext("and {n} more date", "and {n} more dates", n).format(n=i18n.format_number(n))
        == it
    )


def test_a_groups_figures_read_with_plural_forms_and_grouped_numbers(italian: None) -> None:
    """The Figures tab read "3 (1 nuclei)" and "12000" people."""
    from familydesk.groups.figures import GroupFigures
    from familydesk.ui.groups.overview import figure_lines

    def lines(people: int, families: int) -> dict[str, str]:
        figures = GroupFigures(
            group_id=1,
            group_uid="u",
            title="Genitori",
            kind="course",
            comune="Gonzaga",
            sessions_planned=16,
            sessions_held=3,
            hours_delivered=4.5,
            people_reached=people,
            families_reached=families,
            present_marks=0,
            recorded_marks=0,
            attendance_rate=None,
            enrolled=people,
            completed=0,
            completion_rate=None,
            waiting=12000,
        )
        return dict(figure_lines(figures))

    assert lines(3, 1)["Persone raggiunte"] == "3 (1 nucleo)"
    assert lines(12000, 4000)["Persone raggiunte"] == "12.000 (4.000 nuclei)"
    assert lines(3, 1)["Lista d'attesa"] == "12.000"
