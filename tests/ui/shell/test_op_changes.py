"""Pages are told what a write changed (the runner's ``OpChanges``) and read again only then."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy.orm import Session

from familydesk import frontdesk
from familydesk.db.database import Database
from familydesk.frontdesk import ContactInput, RequestInput
from familydesk.registry import FamilyInput, MemberInput, create_family
from familydesk.ui.shell.main_window import MainWindow
from familydesk.ui.shell.runner import OpChanges, Runner
from tests.ui.conftest import open_page

ANNA = MemberInput(first_name="Anna", last_name="Rossi", sex="F", no_code_reason="in attesa")


def _reads(runner: Runner, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The names of the service functions the runner reads from now on."""
    seen: list[str] = []
    read = runner.read

    def counting(fn: Any, *args: Any, **kwargs: Any) -> None:
        seen.append(getattr(fn, "__name__", repr(fn)))
        read(fn, *args, **kwargs)

    monkeypatch.setattr(runner, "read", counting)
    return seen


def _announced(runner: Runner) -> list[OpChanges]:
    seen: list[OpChanges] = []
    runner.changed.connect(seen.append)
    return seen


def _contact(family_id: int) -> ContactInput:
    return ContactInput(family_id=family_id, requests=(RequestInput("orientation"),))


@pytest.fixture
def family_id(database: Database) -> int:
    return database.write(create_family, FamilyInput(name="Rossi"), [ANNA]).id


def test_a_committed_write_announces_its_tables_and_who_asked(
    window: MainWindow, family_id: int
) -> None:
    runner = window.context.runner
    announced = _announced(runner)
    desk = open_page(window, "frontdesk")
    runner.write(frontdesk.record_contact, _contact(family_id), owner=desk.form)
    [changes] = announced
    assert {"contact", "contact_request", "audit_log"} <= changes.tables
    assert "family" not in changes.tables
    assert changes.operator == "tester"
    assert changes.source is desk.form
    assert changes.caused_by(desk) and not changes.caused_by(window.pages["families"])


def test_a_failed_write_announces_nothing(window: MainWindow, family_id: int) -> None:
    runner = window.context.runner
    announced = _announced(runner)
    families = open_page(window, "families")
    window.show_page("frontdesk")
    failures: list[BaseException] = []

    def refused(session: Session) -> None:
        frontdesk.record_contact(session, _contact(family_id))
        session.flush()
        raise ValueError("refused after writing")

    runner.write(refused, on_error=failures.append)
    assert failures and announced == []
    assert not families.stale


def test_a_read_announces_nothing(window: MainWindow, family_id: int) -> None:
    announced = _announced(window.context.runner)
    open_page(window, "families")
    assert announced == []


def test_a_write_on_the_front_desk_marks_the_families_page_stale_and_it_reloads_once_shown(
    window: MainWindow, family_id: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    families = open_page(window, "families")
    families.open_family(family_id)
    desk = window.show_page("frontdesk")
    reads = _reads(window.context.runner, monkeypatch)
    desk.runner.write(frontdesk.record_contact, _contact(family_id), owner=desk.form)
    assert families.stale
    assert "family_page" not in reads  # out of sight: nothing read yet
    reads.clear()
    window.show_page("families")
    assert not families.stale
    assert reads.count("family_page") == 1
    assert reads.count("get_family") == 1  # the family beside the list, with its contacts
    assert reads.count("contacts_of_family") == 1
    reads.clear()
    window.show_page("frontdesk")
    window.show_page("families")
    assert reads == []


def test_showing_a_page_that_is_not_stale_reads_nothing(
    window: MainWindow, family_id: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    open_page(window, "families")
    window.show_page("frontdesk")
    window.show_page("cards")
    reads = _reads(window.context.runner, monkeypatch)
    for key in ("families", "frontdesk", "cards", "families"):
        window.show_page(key)
    assert reads == []


def test_a_page_in_sight_reloads_at_once_for_a_write_elsewhere(
    window: MainWindow, family_id: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    families = open_page(window, "families")
    reads = _reads(window.context.runner, monkeypatch)
    window.context.runner.write(create_family, FamilyInput(name="Verdi"), [])
    assert not families.stale
    assert reads.count("family_page") == 1
    assert families.model.rowCount() == 2


def test_the_page_that_wrote_follows_its_own_edit(
    window: MainWindow, family_id: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    families = open_page(window, "families")
    reads = _reads(window.context.runner, monkeypatch)
    window.context.runner.write(create_family, FamilyInput(name="Verdi"), [], owner=families)
    assert not families.stale
    assert reads == []


def test_a_write_to_tables_a_page_does_not_show_leaves_it_alone(
    window: MainWindow, family_id: int
) -> None:
    groups = open_page(window, "groups")
    desk = window.show_page("frontdesk")
    desk.runner.write(frontdesk.record_contact, _contact(family_id), owner=desk.form)
    assert not groups.stale


def test_an_import_announces_the_new_families_to_the_other_pages(
    window: MainWindow, tmp_path: Path, qtbot: QtBot
) -> None:
    from familydesk.ui.families.import_dialog import ImportFamiliesDialog
    from tests.transfer import ROSSI_MARIO, write_csv

    families = open_page(window, "families")
    cards = window.show_page("cards")
    window.show_page("families")
    announced = _announced(window.context.runner)
    path = write_csv(
        tmp_path / "famiglie.csv",
        ["famiglia;cognome;nome;codice_fiscale", f"1;Rossi;Mario;{ROSSI_MARIO}"],
    )
    dialog = ImportFamiliesDialog(window.context.runner, families)
    dialog.load_file(path)
    with qtbot.waitSignal(dialog.imported):
        dialog.start_import()
    [changes] = announced
    assert {"family", "person"} <= changes.tables and changes.caused_by(families)
    assert cards.stale and not families.stale


class _Typed(QWidget):
    """Something typed on a page and not saved yet (like attendance marks)."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.text = "3 attendance marks"

    def unsaved_changes(self) -> str:
        return self.text

    def save_changes(self) -> None:
        self.text = ""

    def discard_changes(self) -> None:
        self.text = ""


def test_a_stale_page_with_unsaved_work_does_not_reload_over_it(
    window: MainWindow, family_id: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    families = open_page(window, "families")
    families.open_family(family_id)
    typed = _Typed(families)
    desk = window.show_page("frontdesk")
    reads = _reads(window.context.runner, monkeypatch)
    desk.runner.write(frontdesk.record_contact, _contact(family_id), owner=desk.form)
    window.show_page("families")
    assert families.stale and "family_page" not in reads  # what is typed stays
    window.context.runner.write(frontdesk.record_contact, _contact(family_id))
    assert families.stale and "family_page" not in reads  # in sight, still holding work
    typed.save_changes()
    window.show_page("frontdesk")
    window.show_page("families")
    assert not families.stale and reads.count("family_page") == 1


def test_f5_reads_again_the_family_beside_the_list(
    window: MainWindow, family_id: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    families = open_page(window, "families")
    families.open_family(family_id)
    reads = _reads(window.context.runner, monkeypatch)
    window.refresh_action.trigger()
    assert reads.count("family_page") == 1 and reads.count("get_family") == 1
