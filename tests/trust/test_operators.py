"""Operators: the first admin, admin-only management, argon2 sign-in, lock-out."""

from __future__ import annotations

from datetime import timedelta

import pytest

from familydesk.db.base import utcnow
from familydesk.db.database import Database
from familydesk.kernel.errors import ValidationError
from familydesk.trust import audit, operators
from familydesk.trust.operators import PermissionDenied, SignInError


@pytest.fixture
def admin(database: Database) -> Database:
    database.role = "admin"
    database.write(operators.add_operator, "anna", "admin", "segreta-123")
    return database


def test_first_operator_must_be_an_admin(database: Database) -> None:
    with pytest.raises(PermissionDenied, match="must be an administrator"):
        database.write(operators.add_operator, "laura", "reception", "password-1")
    info = database.write(operators.add_operator, "Anna", "admin", "segreta-123")
    assert (info.username, info.role) == ("anna", "admin")


def test_only_admins_manage_operators(admin: Database) -> None:
    admin.role = "coordinator"
    with pytest.raises(PermissionDenied):
        admin.write(operators.add_operator, "luca", "educator", "password-1")
    with pytest.raises(PermissionDenied):
        admin.read(operators.list_operators)
    admin.role = "admin"
    admin.write(operators.add_operator, "luca", "educator", "password-1", "Luca Bassoli")
    assert [o.username for o in admin.read(operators.list_operators)] == ["anna", "luca"]


@pytest.mark.parametrize(
    ("name", "password", "field"),
    [
        ("a", "password-1", "username"),
        ("Laura Rossi", "password-1", "username"),
        ("laura", "corta", "password"),
        ("anna", "password-1", "username"),
    ],
)
def test_bad_operator_input_is_named(admin: Database, name: str, password: str, field: str) -> None:
    with pytest.raises(ValidationError) as error:
        admin.write(operators.add_operator, name, "reception", password)
    assert error.value.field == field


def test_sign_in_sets_the_operator_and_the_audit_trail_names_them(admin: Database) -> None:
    info = operators.sign_in(admin, "ANNA", "segreta-123")
    assert (admin.operator, admin.role, info.role) == ("anna", "admin", "admin")
    stored = admin.read(lambda s: s.query(operators.Operator).one().password_hash)
    assert stored.startswith("$argon2id$") and "segreta" not in stored
    admin.write(operators.add_operator, "luca", "educator", "password-1")
    assert admin.read(audit.entries)[0].operator == "anna"


def test_wrong_passwords_lock_the_account(admin: Database) -> None:
    for _attempt in range(operators.MAX_FAILURES - 1):
        with pytest.raises(SignInError, match="Wrong name or password"):
            operators.sign_in(admin, "anna", "sbagliata")
    with pytest.raises(SignInError):
        operators.sign_in(admin, "anna", "sbagliata")
    with pytest.raises(SignInError, match="locked until"):
        operators.sign_in(admin, "anna", "segreta-123")  # even the right password, for now
    later = utcnow() + timedelta(minutes=operators.LOCK_MINUTES + 1)
    assert operators.sign_in(admin, "anna", "segreta-123", now=later).username == "anna"


def test_unknown_names_and_disabled_accounts(admin: Database) -> None:
    with pytest.raises(SignInError, match="Wrong name or password"):
        operators.sign_in(admin, "nessuno", "segreta-123")
    admin.write(operators.add_operator, "luca", "educator", "password-1")
    admin.operator = "anna"
    admin.write(operators.set_active, "luca", False)
    with pytest.raises(SignInError, match="disabled"):
        operators.sign_in(admin, "luca", "password-1")
    with pytest.raises(ValidationError, match="yourself"):
        admin.write(operators.set_active, "anna", False)


def test_cli_bootstrap_and_management(capsys, db_location: str, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from familydesk import cli

    monkeypatch.setenv("FAMILYDESK_PASSWORD", "segreta-123")
    assert (
        cli.main(
            ["--lang", "en", "operator", "add", "anna", "--role", "admin", "--db", db_location]
        )
        == 0
    )
    assert "Operator anna created (administrator)." in capsys.readouterr().out
    monkeypatch.setenv("FAMILYDESK_NEW_PASSWORD", "password-1")
    base = ["--lang", "en", "--operator", "anna"]
    assert (
        cli.main([*base, "operator", "add", "luca", "--role", "educator", "--db", db_location]) == 0
    )
    assert cli.main([*base, "operator", "list", "--db", db_location]) == 0
    assert "luca\teducator" in capsys.readouterr().out
    monkeypatch.setenv("FAMILYDESK_PASSWORD", "password-1")
    code = cli.main(["--lang", "en", "--operator", "luca", "operator", "list", "--db", db_location])
    assert code == 1 and "Only an administrator" in capsys.readouterr().err
    monkeypatch.setenv("FAMILYDESK_PASSWORD", "sbagliata")
    code = cli.main([*base, "operator", "list", "--db", db_location])
    assert code == 1 and "Wrong name or password" in capsys.readouterr().err
