"""Settings: the centre's details, logo and member comuni, and the language."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QBuffer, QIODevice, Qt
from PySide6.QtGui import QColor, QImage
from pytestqt.qtbot import QtBot

from familydesk.admin import backups
from familydesk.db.database import Database
from familydesk.kernel import preferences
from familydesk.registry import centre
from familydesk.ui.settings.page import SettingsPage
from familydesk.ui.shell.main_window import MainWindow


def _settings(window: MainWindow) -> SettingsPage:
    page = window.show_page("settings")
    assert isinstance(page, SettingsPage)
    return page


def _png(path: Path) -> Path:
    image = QImage(40, 20, QImage.Format.Format_RGB32)
    image.fill(QColor("#2f5d8a"))
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    path.write_bytes(bytes(buffer.data()))
    return path


def test_centre_details_are_saved(
    window: MainWindow, database: Database, qtbot: QtBot, tmp_path: Path
) -> None:
    page = _settings(window)
    page.fields["name"].setText("Centro per le Famiglie di Suzzara")
    page.fields["postcode"].setText("46029")
    page.fields["email"].setText("cpf@comune.suzzara.mn.it")
    page.load_logo_file(str(_png(tmp_path / "logo.png")))
    qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    saved = database.read(centre.get_centre)
    assert saved.name == "Centro per le Famiglie di Suzzara"
    assert saved.logo_mime == "image/png"
    assert saved.version == 2
    assert page.saved_label.text() == "Saved."


def test_bad_input_names_the_field_and_saves_nothing(
    window: MainWindow, database: Database
) -> None:
    page = _settings(window)
    page.fields["email"].setText("not an address")
    page.save()
    assert page.centre_error.text().startswith("E-mail:")
    assert database.read(centre.get_centre).version == 1
    page.fields["email"].setText("")
    page.fields["name"].setText("  ")
    page.save()
    assert page.centre_error.text().startswith("Centre name:")


def test_a_stale_form_is_not_saved_over_a_newer_version(
    window: MainWindow, database: Database, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    page = _settings(window)
    details = database.read(centre.get_centre)
    database.write(centre.save_centre, details.__class__(**{**details.__dict__, "phone": "0376 1"}))
    shown: list[BaseException] = []
    monkeypatch.setattr("familydesk.ui.settings.page.show_error", lambda _p, exc: shown.append(exc))
    page.fields["name"].setText("Another name")
    page.save()
    assert shown and "changed by someone else" in str(shown[0])
    assert database.read(centre.get_centre).name != "Another name"


def test_member_comuni_are_added_from_the_list_and_removed(
    window: MainWindow, database: Database
) -> None:
    page = _settings(window).comuni_box
    page.comune_input.setText("Suzzara (MN)")
    page.add_selected_comune()
    page.comune_input.setText("pegognaga")  # a unique prefix is enough
    page.add_selected_comune()
    assert [r.name for r in database.read(centre.list_member_comuni)] == ["Suzzara", "Pegognaga"]
    assert page.comuni_model.rowCount() == 2
    page.comune_input.setText("Suzzara (MN)")
    page.add_selected_comune()
    assert "already among the member comuni" in page.comuni_error.text()
    page.comune_input.setText("Atlantide")
    page.add_selected_comune()
    assert page.comuni_error.text().startswith("Comune:")
    page.comuni_table.selectRow(0)
    page.remove_selected_comune()
    assert [r.name for r in database.read(centre.list_member_comuni)] == ["Pegognaga"]


def test_language_choice_applies_at_once_and_is_remembered(
    window: MainWindow, dialogs: list[str]
) -> None:
    page = _settings(window)
    page.language_combo.setCurrentIndex(page.language_combo.findData("it"))
    assert dialogs == ["Switch the interface language to Italiano?"]  # asked, then Yes
    assert page.heading.text() == "Impostazioni"
    assert window.nav.item(1).text() == "Famiglie"
    assert preferences.language() == "it"
    page.language_combo.setCurrentIndex(page.language_combo.findData("en"))
    assert page.heading.text() == "Settings"


def test_back_up_now_and_the_status_bar(window: MainWindow, tmp_path: Path) -> None:
    page = _settings(window)
    assert window.backup_label.text().startswith("⚠ No backup in the last 7 days")
    page.backups_box.set_backup_folder(str(tmp_path / "usb"))
    assert page.backups_box.backup_folder.text() == str(tmp_path / "usb")
    page.backups_box.make_backup()
    copies = list((tmp_path / "usb").glob("familydesk-backup-*"))
    assert len(copies) == 1
    assert "today" in page.backups_box.backup_status.text()
    assert window.backup_label.text().startswith("Last backup: today")
    # It says what the rotation keeps (it said nothing of the last 24 hours nor of the copies
    # taken before an import, a restore or an update).
    assert "every copy of the last 24 hours" in page.backups_box.backup_status.text()
    assert (
        "before an import, a restore or an update for at least 7 days"
        in page.backups_box.backup_status.text()
    )


def test_the_screen_lock_minutes_are_kept_and_applied_at_once(context, qtbot, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QApplication, QMainWindow

    from familydesk.kernel import preferences
    from familydesk.ui.settings.page import SettingsPage
    from familydesk.ui.shell.idle_lock import IdleLock

    window = QMainWindow()
    qtbot.addWidget(window)
    lock = IdleLock(window, context.runner.database, 10, parent=QApplication.instance())
    try:
        page = SettingsPage(context)
        qtbot.addWidget(page)
        assert page.lock_minutes.value() == preferences.DEFAULT_LOCK_MINUTES
        page.lock_minutes.setValue(3)
        assert preferences.lock_minutes() == 3 and lock.minutes == 3
    finally:
        lock.stop()
        lock.setParent(None)


def test_last_copy_in_settings_agrees_with_the_status_bar(
    window: MainWindow, tmp_path: Path
) -> None:
    page = _settings(window)
    page.backups_box.set_backup_folder(str(tmp_path / "usb"))
    window.show_page("families")
    backups.make_backup(window.context.runner.database, "daily")  # not from this box
    window.refresh_backup_status()
    window.show_page("settings")
    age = backups.describe_age(backups.last_good())
    assert window.backup_label.text() == f"Last backup: {age}"
    assert f"Last good backup: {age}." in page.backups_box.backup_status.text()
