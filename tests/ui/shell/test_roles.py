"""Pages hide what the signed-in role may not do (the services refuse it anyway)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from pytestqt.qtbot import QtBot

from familydesk import registry
from familydesk.db.database import Database
from familydesk.registry import FamilyInput, MemberInput
from familydesk.ui.families.family_dialog import FamilyDialog
from familydesk.ui.families.member_dialog import MemberDialog
from familydesk.ui.shell.main_window import NAVIGATION, MainWindow
from familydesk.ui.widgets.page import PageContext


def _family(database: Database):  # type: ignore[no-untyped-def]
    parent = MemberInput(
        first_name="Giulia",
        last_name="Ferrari",
        sex="F",
        relation="parent",
        birth_date=date(1988, 2, 3),
        no_code_reason="in attesa",
        notes="riservato",
    )
    data = FamilyInput(
        name="Ferrari", notes="riservato", isee_value=Decimal("9000"), isee_expiry=date(2027, 1, 15)
    )
    return database.write(registry.create_family, data, [parent])


def test_an_educator_edits_a_family_without_notes_or_isee(
    context: PageContext, database: Database, qtbot: QtBot
) -> None:
    family = _family(database)
    database.role = "educator"
    seen = database.read(registry.get_family, family.id)
    dialog = FamilyDialog(context.runner, seen)
    qtbot.addWidget(dialog)
    dialog.show()
    assert not dialog.notes.isVisible() and not dialog.isee_value.isVisible()
    assert dialog.edits["name"].isVisible()
    dialog.edits["phone"].setText("0376 123456")
    dialog.save()
    database.role = "admin"
    stored = database.read(registry.get_family, family.id)
    assert (stored.phone, stored.notes, stored.isee_value) == (
        "0376 123456",
        "riservato",
        Decimal("9000"),
    )
    member = MemberDialog(context.runner, family.id, seen.members[0])
    qtbot.addWidget(member)
    member.show()
    assert member.notes.isVisible()  # admin again


def test_reception_sees_no_import_and_no_privacy_page(
    context: PageContext, database: Database, qtbot: QtBot
) -> None:
    database.role = "reception"
    window = MainWindow(context, database.describe())
    qtbot.addWidget(window)
    window.show()
    assert not window.pages["families"].import_button.isVisible()
    assert not window.pages["privacy"].available
    row = [e.key for e in NAVIGATION].index("privacy")
    assert (
        window.nav.item(row).toolTip() == "Privacy and audit: for coordinators and administrators"
    )
    educator_dialog = MemberDialog(context.runner, 1, None)
    qtbot.addWidget(educator_dialog)
    educator_dialog.show()
    assert educator_dialog.notes.isVisible()  # reception may write notes


def test_settings_for_reception_are_read_only_and_operators_are_for_admins(
    context: PageContext, database: Database, qtbot: QtBot
) -> None:
    from familydesk.ui.settings.page import SettingsPage

    database.role = "reception"
    page = SettingsPage(context)
    qtbot.addWidget(page)
    assert not page.centre_box.isEnabled() and not page.backups_box.backup_now.isEnabled()
    assert page.operators_box is None
    database.role = "admin"
    admin_page = SettingsPage(context)
    qtbot.addWidget(admin_page)
    assert admin_page.centre_box.isEnabled() and admin_page.operators_box is not None


def test_read_only_settings_say_who_can_change_them(
    context: PageContext, database: Database, qtbot: QtBot
) -> None:
    from familydesk.ui.settings.page import SettingsPage

    database.role = "reception"
    page = SettingsPage(context)
    qtbot.addWidget(page)
    assert page.who_can.isVisibleTo(page)
    assert page.who_can.text() == (
        "Only these roles can change the centre's settings: coordinator, administrator."
    )
    database.role = "coordinator"
    coordinator_page = SettingsPage(context)
    qtbot.addWidget(coordinator_page)
    assert not coordinator_page.who_can.isVisibleTo(coordinator_page)
