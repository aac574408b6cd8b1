"""Signing in at start; the first administrator of a new database."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from familydesk.db.database import Database
from familydesk.demo import fill_demo
from familydesk.trust import audit, operators
from familydesk.ui.shell.sign_in import SignInDialog


def test_first_start_creates_the_administrator(database: Database, qtbot: QtBot) -> None:
    dialog = SignInDialog(database, first_admin=True)
    qtbot.addWidget(dialog)
    dialog.name.setText("anna")
    dialog.password.setText("segreta-123")
    dialog.repeat.setText("segreta-124")
    dialog.submit()
    assert "differ" in dialog.error.text() and database.read(operators.count_operators) == 0
    dialog.password.setText("segreta-123")
    dialog.repeat.setText("segreta-123")
    dialog.submit()
    assert dialog.result() == SignInDialog.DialogCode.Accepted
    assert (database.operator, database.role) == ("anna", "admin")


def test_demo_sign_in_says_how_and_refuses_wrong_passwords(
    database: Database, qtbot: QtBot
) -> None:
    database.write(fill_demo, families=2, seed=1)
    assert database.read(operators.is_demo)
    dialog = SignInDialog(database, demo=True)
    qtbot.addWidget(dialog)
    assert "password “demo”" in dialog.demo_hint.text()
    dialog.name.setText("educator")
    dialog.password.setText("wrong")
    dialog.submit()
    assert dialog.error.text() == "Wrong name or password." and dialog.password.text() == ""
    dialog.password.setText("demo")
    dialog.submit()
    assert (database.operator, database.role) == ("educator", "educator")
    database.write(lambda s: audit.record(s, "open", table_name="family", record_uid="x"))
    database.role = "admin"  # educators do not read the audit trail
    assert database.read(audit.entries)[0].operator == "educator"


def test_the_demo_hint_names_every_operator_the_demo_made(database: Database, qtbot: QtBot) -> None:
    from sqlalchemy import select

    from familydesk.db.models.registry import Operator

    database.write(fill_demo, families=30, seed=1)
    made = set(database.read(lambda s: list(s.scalars(select(Operator.username)))))
    assert {"educator2", "educator3"} <= made  # the groups' extra educators
    dialog = SignInDialog(database, demo=True)
    qtbot.addWidget(dialog)
    hint = dialog.demo_hint.text()
    for name in made:
        assert name in hint, name
    listed = hint.removeprefix("Demo database: sign in as ").split(", password")[0]
    assert set(listed.split(", ")) == made
