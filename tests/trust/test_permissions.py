"""Roles are enforced by the services, not by hidden buttons: each refusal is proven by
calling the service directly (on SQLite and, with ``make test``, on PostgreSQL)."""

from __future__ import annotations

import io
from dataclasses import replace
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from pypdf import PdfReader
from sqlalchemy import select

from familydesk import registry
from familydesk.db.database import Database
from familydesk.db.models.registry import Family
from familydesk.privacy import access as privacy
from familydesk.registry import FamilyDetail, FamilyInput, MemberInput, centre
from familydesk.registry import printouts as forms
from familydesk.transfer import export_families, import_table, read_table
from familydesk.trust import audit, operators, permissions
from familydesk.trust.permissions import PermissionDenied
from tests.helpers import signed_in
from tests.transfer import ROSSI_MARIO

NOTE = "Segnalazione del servizio sociale: padre disoccupato"
ISEE = Decimal("8123.45")


@pytest.fixture
def family(database: Database) -> FamilyDetail:
    parent = MemberInput(
        first_name="Giulia",
        last_name="Ferrari",
        sex="F",
        relation="parent",
        birth_date=date(1988, 2, 3),
        no_code_reason="in attesa",
        notes="colloquio con l'assistente sociale",
    )
    child = MemberInput(
        first_name="Leo",
        last_name="Ferrari",
        sex="M",
        relation="child",
        birth_date=date(2020, 5, 6),
        no_code_reason="in attesa",
    )
    data = FamilyInput(
        name="Ferrari",
        comune_name="Suzzara",
        notes=NOTE,
        isee_value=ISEE,
        isee_expiry=date(2027, 1, 15),
    )
    return database.write(registry.create_family, data, [parent, child])


def test_every_role_has_its_permissions_and_admins_have_all() -> None:
    assert set(permissions.ROLE_PERMISSIONS) == set(operators.ROLES)
    assert permissions.ROLE_PERMISSIONS["admin"] == frozenset(permissions.DESCRIPTIONS)
    exporters = [r for r, p in permissions.ROLE_PERMISSIONS.items() if permissions.EXPORT in p]
    assert sorted(exporters) == ["admin", "coordinator"]


def test_nobody_signed_in_may_read_or_write(database: Database, family: FamilyDetail) -> None:
    database.role = None
    with pytest.raises(PermissionDenied, match="Sign in first"):
        database.read(registry.search_people, "ferrari")
    with pytest.raises(PermissionDenied, match="Sign in first"):
        database.write(registry.create_family, FamilyInput(name="Rossi"), [])


@pytest.mark.parametrize("role", ["reception", "professional", "coordinator", "admin"])
def test_roles_with_the_permission_see_notes_and_isee(
    database: Database, family: FamilyDetail, role: str
) -> None:
    seen = signed_in(database, role).read(registry.get_family, family.id)
    assert (seen.notes, seen.isee_value, seen.sensitive_hidden) == (NOTE, ISEE, False)
    assert seen.members[0].notes == "colloquio con l'assistente sociale"


def test_an_educator_sees_members_but_not_notes_or_isee(
    database: Database, family: FamilyDetail
) -> None:
    educator = signed_in(database, "educator")
    seen = educator.write(registry.open_family, family.id)
    assert [m.first_name for m in seen.members] == ["Giulia", "Leo"]
    assert (seen.notes, seen.isee_value, seen.isee_expiry) == ("", None, None)
    assert seen.sensitive_hidden and all(m.notes == "" and m.sensitive_hidden for m in seen.members)
    assert [h.given_name for h in educator.read(registry.search_people, "ferrari leo")] == ["Leo"]


def test_an_educators_edit_keeps_the_notes_and_isee_it_cannot_see(
    database: Database, family: FamilyDetail
) -> None:
    educator = signed_in(database, "educator")
    seen = educator.read(registry.get_family, family.id)
    seen = educator.write(registry.update_family, replace(seen.as_input(), phone="0376 1"))
    member = seen.members[0]
    educator.write(registry.update_member, replace(member.as_input(), languages="italiano"))
    stored = signed_in(database, "admin").read(registry.get_family, family.id)
    assert (stored.phone, stored.notes, stored.isee_value) == ("0376 1", NOTE, ISEE)
    assert stored.members[0].notes == "colloquio con l'assistente sociale"


def test_writing_notes_or_isee_directly_is_refused_to_an_educator(
    database: Database, family: FamilyDetail
) -> None:
    educator = signed_in(database, "educator")

    def write_note(session):  # type: ignore[no-untyped-def]
        session.get(Family, family.id).notes = "scritto da chi non può"
        session.flush()

    with pytest.raises(PermissionDenied, match="social notes and ISEE"):
        educator.write(write_note)
    fresh = Family(name="Nuova", isee_value=Decimal(1))
    with pytest.raises(PermissionDenied):
        educator.write(lambda s: (s.add(fresh), s.flush()))
    assert signed_in(database, "admin").read(registry.get_family, family.id).notes == NOTE


def test_an_educators_intake_sheet_leaves_out_notes_and_isee(
    database: Database, family: FamilyDetail
) -> None:
    def text(role: str) -> str:
        pdf = signed_in(database, role).write(forms.render_intake, family.id, "it")
        return "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)

    assert "disoccupato" in text("reception") and "8.123,45" in text("reception")
    assert "disoccupato" not in text("educator") and "8.123,45" not in text("educator")


@pytest.mark.parametrize("role", ["reception", "educator", "professional"])
def test_only_coordinators_and_admins_export(
    database: Database, family: FamilyDetail, role: str, tmp_path: Path
) -> None:
    desk = signed_in(database, role)
    with pytest.raises(PermissionDenied, match="export data"):
        desk.write(export_families, "csv", None, io.StringIO())
    with pytest.raises(PermissionDenied, match="export data"):
        desk.write(privacy.write_access_export, family.members[0].id, tmp_path / "out", "it")
    assert not (tmp_path / "out").exists()
    stream = io.StringIO()
    assert signed_in(database, "coordinator").write(export_families, "csv", None, stream) == 2
    assert "Ferrari" in stream.getvalue()


def test_a_refused_export_leaves_no_audit_line(database: Database, family: FamilyDetail) -> None:
    before = database.read(audit.count)
    with pytest.raises(PermissionDenied):
        signed_in(database, "reception").write(export_families, "json", None, io.StringIO())
    assert database.read(audit.count) == before


def test_import_is_for_coordinators_and_admins(database: Database, tmp_path: Path) -> None:
    path = tmp_path / "famiglie.csv"
    path.write_text(f"famiglia;cognome;nome;codice_fiscale\n1;Rossi;Mario;{ROSSI_MARIO}\n", "utf-8")
    with pytest.raises(PermissionDenied, match="import data"):
        signed_in(database, "reception").write(import_table, read_table(path))
    summary = signed_in(database, "coordinator").write(import_table, read_table(path))
    assert summary.families_new == 1


@pytest.mark.parametrize("role", ["reception", "educator", "professional"])
def test_the_audit_trail_is_for_coordinators_and_admins(database: Database, role: str) -> None:
    with pytest.raises(PermissionDenied, match="audit trail"):
        signed_in(database, role).read(audit.entries)
    with pytest.raises(PermissionDenied):
        database.read(audit.verify)
    assert signed_in(database, "coordinator").read(audit.verify) == []


def test_deleting_a_family_needs_a_coordinator(database: Database, family: FamilyDetail) -> None:
    with pytest.raises(PermissionDenied, match="delete a whole family"):
        signed_in(database, "reception").write(registry.delete_family, family.id, family.version)
    signed_in(database, "coordinator").write(registry.delete_family, family.id, family.version)
    assert database.read(lambda s: s.scalar(select(Family.id))) is None


def test_settings_and_operators_are_refused_to_the_desk(database: Database) -> None:
    details = database.read(centre.get_centre)
    reception = signed_in(database, "reception")
    with pytest.raises(PermissionDenied, match="settings"):
        reception.write(centre.save_centre, replace(details, name="Altro"))
    with pytest.raises(PermissionDenied):
        reception.write(centre.add_member_comune, "Gonzaga", "MN", "E089")
    with pytest.raises(PermissionDenied):
        signed_in(database, "coordinator").read(operators.list_operators)
    assert signed_in(database, "coordinator").write(
        centre.save_centre, replace(details, name="Altro")
    )
