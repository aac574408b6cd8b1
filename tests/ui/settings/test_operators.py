"""Settings → Operators: an administrator adds operators, gives new passwords, disables."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QDialog
from pytestqt.qtbot import QtBot

from familydesk.db.database import Database
from familydesk.trust import operators
from familydesk.trust.operators import PermissionDenied
from familydesk.ui.settings.operators import OperatorDialog, OperatorsBox
from familydesk.ui.widgets.page import PageContext


@pytest.fixture
def box(
    context: PageContext, database: Database, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> OperatorsBox:
    monkeypatch.setattr(QDialog, "open", QDialog.show)
    database.write(operators.add_operator, "tester", "admin", "segreta-123")
    widget = OperatorsBox(context.runner)
    qtbot.addWidget(widget)
    widget.load()
    return widget


def test_an_admin_adds_an_educator_and_disables_her(box: OperatorsBox, database: Database) -> None:
    dialog = OperatorDialog(box.runner, None, box)
    dialog.name.setText("Laura.Rossi")
    dialog.role.setCurrentIndex(dialog.role.findData("educator"))
    dialog.password.setText("password-1")
    dialog.repeat.setText("password-2")
    dialog.save()
    assert dialog.error.text() == "The two passwords differ."
    dialog.repeat.setText("password-1")
    dialog.save()
    box.load()
    assert [(o.username, o.role) for o in box.model._rows] == [
        ("laura.rossi", "educator"),
        ("tester", "admin"),
    ]
    box.table.selectRow(1)
    assert not box.toggle_button.isEnabled()  # nobody disables themselves
    box.table.selectRow(0)
    assert box.toggle_button.text() == "Disable"
    box.toggle_active()
    assert not box.model.row_at(0).active
    with pytest.raises(operators.SignInError, match="disabled"):
        operators.sign_in(database, "laura.rossi", "password-1")


def test_a_short_password_is_named_and_a_new_one_lifts_the_lock(
    box: OperatorsBox, database: Database
) -> None:
    dialog = OperatorDialog(box.runner, "tester", box)
    dialog.password.setText("corta")
    dialog.repeat.setText("corta")
    dialog.save()
    assert "at least 8 characters" in dialog.error.text()
    dialog.password.setText("nuova-password")
    dialog.repeat.setText("nuova-password")
    dialog.save()
    assert operators.sign_in(database, "tester", "nuova-password").role == "admin"


def test_only_admins_set_passwords(database: Database) -> None:
    database.write(operators.add_operator, "tester", "admin", "segreta-123")
    database.role = "coordinator"
    with pytest.raises(PermissionDenied):
        database.write(operators.set_password, "tester", "nuova-password")
