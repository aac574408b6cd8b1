"""The Families page as an operator uses it: search, open, create, edit, consents, merge."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from codicefiscale import codicefiscale as cf
from PySide6.QtCore import QPoint, QSize, Qt
from PySide6.QtWidgets import QApplication, QDialog
from pytestqt.qtbot import QtBot

from familydesk import i18n, registry
from familydesk.db.database import Database
from familydesk.kernel import clock
from familydesk.kernel.errors import ValidationError
from familydesk.registry import FamilyInput, MemberInput
from familydesk.registry.validation import clean_family
from familydesk.ui.families.consent_dialog import ConsentDialog
from familydesk.ui.families.family_dialog import FamilyDialog
from familydesk.ui.families.member_dialog import MemberDialog
from familydesk.ui.families.merge_dialog import MergeDialog
from familydesk.ui.families.page import FamiliesPage
from familydesk.ui.shell.main_window import MainWindow
from tests.ui.conftest import open_page
from tests.ui.fit import beyond_the_right_edge, clipped, styled  # noqa: F401 (a fixture)

#: Zoe is a child 0-3 (a year and a month old) whatever the day.
ZOE_BORN = clock.today() - timedelta(days=400)


def _code(last: str, first: str, sex: str, born: date, place: str = "Suzzara") -> str:
    return cf.encode(last, first, sex, datetime(born.year, born.month, born.day), place)


@pytest.fixture
def page(window: MainWindow, database: Database, monkeypatch: pytest.MonkeyPatch) -> FamiliesPage:
    monkeypatch.setattr(QDialog, "open", QDialog.show)  # no modal loops in tests
    family = FamilyInput(name="D'Angelo", comune_name="Suzzara", comune_code="L020")
    members = [
        MemberInput(
            first_name="Nicolò",
            last_name="D'Angelo",
            relation="parent",
            tax_code=_code("D'Angelo", "Nicolò", "M", date(1985, 4, 2)),
        ),
        MemberInput(
            first_name="Zoe",
            last_name="D'Angelo",
            relation="child",
            tax_code=_code("D'Angelo", "Zoe", "F", ZOE_BORN, "Mantova"),
        ),
    ]
    database.write(registry.create_family, family, members)
    database.write(
        registry.create_family,
        FamilyInput(name="Rossi"),
        [
            MemberInput(
                first_name="Anna",
                last_name="Rossi",
                relation="parent",
                tax_code=_code("Rossi", "Anna", "F", date(1990, 1, 1)),
            )
        ],
    )
    result = open_page(window, "families")
    assert isinstance(result, FamiliesPage)
    return result


def _dialogs(kind: type) -> list:  # type: ignore[type-arg]
    return [w for w in QApplication.topLevelWidgets() if isinstance(w, kind) and w.isVisible()]


def test_search_box_has_focus_and_finds_as_you_type(page: FamiliesPage, qtbot: QtBot) -> None:
    assert page.search.hasFocus()
    assert page.count.text() == "2 families"
    qtbot.keyClicks(page.search, "nicolo dang")
    assert page.table.model() is page.people
    assert page.people.rowCount() == 1 and page.count.text() == "1 person"
    qtbot.keyClick(page.search, Qt.Key.Key_Return)  # keyboard: Enter goes to the results
    assert page.table.hasFocus()
    assert page.detail.family is not None and page.detail.family.name == "D'Angelo"
    assert [m.first_name for m in page.detail.family.members] == ["Nicolò", "Zoe"]
    page.search.clear()
    assert page.table.model() is page.model and page.model.rowCount() == 2


def test_detail_shows_markers_and_missing_privacy(page: FamiliesPage) -> None:
    page.search.setText("dangelo")
    page.table.selectRow(0)
    detail = page.detail
    assert "single parent" in detail.chips.texts() and "child 0-3" in detail.chips.texts()
    assert detail.banner.isVisible()
    assert "D'Angelo Nicolò" in detail.banner.text()


def test_new_family_then_first_member_from_the_tax_code(
    page: FamiliesPage, database: Database
) -> None:
    page.new_family()
    dialog = page.last_dialog
    assert isinstance(dialog, FamilyDialog)
    dialog.edits["name"].setText("Benatti")
    dialog.comune.setText("Gonzaga (MN)")
    dialog.edits["phone"].setText("0376 588 111")
    dialog.save()
    members = _dialogs(MemberDialog)
    assert len(members) == 1
    member = members[0]
    member.edits["last_name"].setText("Benatti")
    member.edits["first_name"].setText("Giulia")
    member.edits["tax_code"].setText(_code("Benatti", "Giulia", "F", date(1992, 7, 9), "Gonzaga"))
    assert member.sex.currentText() == "F"
    assert member.birth_date.text() == "09/07/1992"
    assert member.edits["birth_place"].text() == "Gonzaga"
    member.save()
    assert not member.isVisible()
    detail = page.detail.family
    assert detail.name == "Benatti" and detail.comune_code == "E089"
    assert [m.first_name for m in detail.members] == ["Giulia"]
    assert database.read(registry.count_families) == 3


def test_member_dialog_explains_errors_inline(page: FamiliesPage, database: Database) -> None:
    page.search.setText("rossi")
    page.table.selectRow(0)
    dialog = page.detail.member_dialog()
    dialog.show()
    dialog.edits["last_name"].setText("Rossi")
    dialog.edits["first_name"].setText("Marco")
    dialog.birth_date.setText("02/02/2015")
    dialog.edits["tax_code"].setText(_code("Rossi", "Marco", "M", date(2015, 2, 1)))
    assert "01/02/2015" in dialog.error.text() and "02/02/2015" in dialog.error.text()
    dialog.save()
    assert dialog.isVisible() and database.read(registry.count_families) == 2
    # A code that belongs to someone else links to that family.
    dialog.birth_date.clear()
    dialog.edits["tax_code"].setText(_code("D'Angelo", "Nicolò", "M", date(1985, 4, 2)))
    dialog.save()
    assert "already belongs to D'Angelo Nicolò" in dialog.error.text()
    opened: list[int] = []
    dialog.open_family.connect(opened.append)
    dialog.error.linkActivated.emit(dialog.error.text().split('href="')[1].split('"')[0])
    assert opened and not dialog.isVisible()


def test_member_without_code_needs_a_reason(page: FamiliesPage) -> None:
    page.search.setText("rossi")
    page.table.selectRow(0)
    dialog = page.detail.member_dialog()
    dialog.show()
    dialog.edits["last_name"].setText("Rossi")
    dialog.edits["first_name"].setText("Leo")
    dialog.sex.setCurrentText("M")
    dialog.birth_date.setText("01/11/2026")
    dialog.save()
    assert dialog.error.text().startswith("Tax code:")
    dialog.edits["no_code_reason"].setText("neonato")
    dialog.save()
    assert [m.first_name for m in page.detail.family.members] == ["Anna", "Leo"]


def test_consent_for_a_minor_defaults_to_the_guardian(page: FamiliesPage) -> None:
    page.search.setText("zoe")
    page.table.selectRow(0)
    detail = page.detail
    assert detail.selected_member().first_name == "Zoe"  # the person found is selected
    detail.record_consent()
    dialog = _dialogs(ConsentDialog)[0]
    assert dialog.signed_by.text() == "Nicolò D'Angelo"
    dialog.save()
    zoe = detail.family.members[1]
    assert zoe.privacy_acknowledged
    assert detail.consents.rowCount() == 1


def test_duplicates_are_merged_from_the_merge_view(page: FamiliesPage, database: Database) -> None:
    database.write(
        registry.create_family,
        FamilyInput(name="Dangelo"),
        [
            MemberInput(
                first_name="Nicolo",
                last_name="Dangelo",
                sex="M",
                relation="parent",
                birth_date=date(1985, 4, 2),
                no_code_reason="documenti in arrivo",
            )
        ],
    )
    page.show_duplicates()
    dialog = page.last_dialog
    assert isinstance(dialog, MergeDialog)
    assert dialog.group_list.count() == 1 and dialog.people.rowCount() == 2
    keep = next(r for r in range(2) if dialog.people.row_at(r).tax_code)
    dialog.people_view.selectRow(keep)
    dialog.merge_selected()
    assert dialog.group_list.count() == 0
    assert len(database.read(registry.search_people, "nicolo")) == 1


def test_keyboard_shortcut_opens_a_new_family(page: FamiliesPage, qtbot: QtBot) -> None:
    qtbot.keyClick(page.search, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert isinstance(page.last_dialog, FamilyDialog) and page.last_dialog.isVisible()


def test_print_buttons_open_the_pdf_in_the_viewer(
    page: FamiliesPage, monkeypatch: pytest.MonkeyPatch
) -> None:
    from pypdf import PdfReader
    from PySide6.QtGui import QDesktopServices

    opened: list[str] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url.toLocalFile()))
    page.search.setText("zoe")
    page.table.selectRow(0)
    page.detail.form_language.setCurrentIndex(page.detail.form_language.findData("en"))
    page.detail.buttons["intake"].click()
    page.detail.members_view.selectRow(1)
    page.detail.buttons["privacy"].click()
    assert len(opened) == 2
    intake = "".join(p.extract_text() for p in PdfReader(opened[0]).pages)
    assert "Nicolò" in intake and "D'Angelo" in intake
    privacy = "".join(p.extract_text() for p in PdfReader(opened[1]).pages)
    assert "Zoe" in privacy and "privacy" in privacy.lower()


def test_import_button_opens_the_import_dialog(page: FamiliesPage) -> None:
    from familydesk.ui.families.import_dialog import ImportFamiliesDialog

    page.import_button.click()
    assert isinstance(page.last_dialog, ImportFamiliesDialog) and page.last_dialog.isVisible()
    page.last_dialog.close()


def test_a_family_form_with_three_wrong_fields_shows_the_three_at_once(page: FamiliesPage) -> None:
    """It stopped at the first; the impossible date was "not a date: write it as..."."""
    page.new_family()
    dialog = page.last_dialog
    dialog.show()
    dialog.edits["name"].setText("Verdi")
    dialog.edits["email"].setText("verdi-at-example")
    dialog.resident_since.setText("31/02/2026")
    dialog.isee_expiry.setText("oggi")
    dialog.save()
    lines = dialog.error.text().splitlines()
    assert len(lines) == 3
    assert "Resident there since: “31/02/2026” does not exist: February 2026 has 28 days." in lines
    assert "E-mail: expected an address like nome@esempio.it." in lines
    assert any(line.startswith("ISEE expiry: “oggi” is not a date") for line in lines)
    fields = {"Resident": "resident_since", "E-mail": "email", "ISEE": "isee_expiry"}
    shown = [next(f for w, f in fields.items() if line.startswith(w)) for line in lines]
    tops = [dialog.field_widget(f).mapTo(dialog, QPoint(0, 0)).y() for f in shown]
    assert tops == sorted(tops)  # top to bottom, as the form shows them
    assert dialog.focusWidget() is dialog.field_widget(shown[0])


def test_the_member_form_lists_every_wrong_field(page: FamiliesPage) -> None:
    page.search.setText("rossi")
    page.table.selectRow(0)
    dialog = page.detail.member_dialog()
    dialog.show()
    dialog.edits["first_name"].setText("Leo")
    dialog.birth_date.setText("31/04/2026")
    dialog.edits["email"].setText("leo@")
    dialog.save()
    lines = dialog.error.text().splitlines()
    assert lines[0] == "Surname: please enter the surname."
    assert "Birth date: “31/04/2026” does not exist: April 2026 has 30 days." in lines
    assert "E-mail: expected an address like nome@esempio.it." in lines
    assert any(line.startswith("Tax code:") for line in lines)


def test_the_family_form_names_each_field_as_its_label_says(page: FamiliesPage) -> None:
    """The label is "Residente lì dal", the messages said "Residente dal"."""
    i18n.set_language("it")
    try:
        page.new_family()
        dialog = page.last_dialog
        dialog.retranslate_ui()
        dialog.edits["name"].setText("Verdi")
        for field, widget, text in (
            ("resident_since", dialog.resident_since, "31/02/2026"),
            ("isee_expiry", dialog.isee_expiry, "oggi"),
        ):
            widget.setText(text)
            with pytest.raises(ValidationError) as refused:
                dialog.current_input()
            label = dialog.labels[field].text().replace("&", "")
            assert refused.value.message.startswith(label + ": "), (label, refused.value.message)
            widget.clear()
        dialog.resident_since.setText("01/01/2030")
        with pytest.raises(ValidationError) as refused:
            clean_family(dialog.current_input())
        assert refused.value.message.startswith(dialog.labels["resident_since"].text() + ": ")
    finally:
        i18n.set_language("en")


def test_detail_clears_when_the_search_excludes_the_family(
    page: FamiliesPage, qtbot: QtBot
) -> None:
    page.table.selectRow(0)
    assert page.detail.family is not None
    qtbot.keyClicks(page.search, "nobody-by-this-name")
    assert page.people.rowCount() == 0
    assert page.detail.family is None


def test_comune_column_is_not_clipped_at_1366(window: MainWindow, database: Database) -> None:
    for name in ("Bianchi", "Verdi"):
        database.write(
            registry.create_family,
            FamilyInput(name=name, comune_name="San Benedetto Po", comune_code="H771"),
            [
                MemberInput(
                    first_name="Anna",
                    last_name=name,
                    relation="parent",
                    tax_code=_code(name, "Anna", "F", date(1990, 1, 1)),
                )
            ],
        )
    window.resize(1366, 740)
    page = open_page(window, "families")
    window.resize(1366, 740)
    QApplication.processEvents()
    comune = 1
    needed = page.table.fontMetrics().horizontalAdvance("San Benedetto Po")
    assert page.table.columnWidth(comune) >= needed
    assert page.table.viewport().width() >= sum(page.table.columnWidth(c) for c in range(3))


def test_a_search_that_finds_nobody_says_so_in_words(page: FamiliesPage, qtbot: QtBot) -> None:
    """Not "0 persone": the count of a sentence reads in words when there is none."""
    qtbot.keyClicks(page.search, "zzqq")
    assert page.people.rowCount() == 0 and page.count.text() == "Nobody found"
    i18n.set_language("it")
    try:
        qtbot.keyClicks(page.search, "x")
        assert page.count.text() == "Nessuna persona trovata"
    finally:
        i18n.set_language("en")


def test_a_person_found_by_phone_or_email_shows_it(
    page: FamiliesPage, database: Database, qtbot: QtBot
) -> None:
    database.write(
        registry.create_family,
        FamilyInput(
            name="Bellini",
            comune_name="Suzzara",
            comune_code="L020",
            phone="323 7539906",
            email="casa.b27@esempio.it",
        ),
        [
            MemberInput(
                first_name="Sofia",
                last_name="Bellini",
                relation="parent",
                tax_code=_code("Bellini", "Sofia", "F", date(1988, 3, 4)),
                phone="347 100 2000",
            )
        ],
    )
    found_by = 2
    assert page.people.headerData(found_by, Qt.Orientation.Horizontal) == "Found by"
    for typed, shown in (
        ("323 7539", "323 7539906"),
        ("casa.b27", "casa.b27@esempio.it"),
        ("347 100", "347 100 2000"),
    ):
        page.search.clear()
        qtbot.keyClicks(page.search, typed)
        assert page.people.rowCount() == 1
        assert page.people.index(0, found_by).data() == shown
        assert page.people.index(0, found_by).data(Qt.ItemDataRole.ToolTipRole) == shown
        assert not page.table.isColumnHidden(found_by)
    page.search.clear()
    qtbot.keyClicks(page.search, "bellini")  # by name: nothing to explain, no column
    assert page.people.rowCount() == 1
    assert page.table.isColumnHidden(found_by)
    page.search.clear()  # the families again: every column shown
    assert page.table.model() is page.model
    assert not any(page.table.isColumnHidden(c) for c in range(page.model.columnCount()))


def test_the_families_list_never_scrolls_sideways_beside_the_family_pane(
    window: MainWindow,
    database: Database,
    styled,  # type: ignore[no-untyped-def]  # noqa: F811
) -> None:
    """At a real 1366x768 display the list scrolled sideways and cut Segnali: the window
    opened 1180 px wide and every column but the last took its whole text. Now the window
    takes the small screen's width and the family name and markers give way (whole in the
    tooltip), the comune and the count staying whole."""
    surname = "Bertazzoni-Castiglioni"
    parent = dict(
        relation="parent", disability=True, tax_code=_code(surname, "Anna", "F", date(1990, 1, 1))
    )
    children = [
        MemberInput(
            first_name=name,
            last_name=surname,
            relation="child",
            tax_code=_code(surname, name, "M", date(2025, 1, 1 + i)),
        )
        for i, name in enumerate(("Luca", "Marco", "Paolo"))
    ]
    database.write(
        registry.create_family,
        FamilyInput(
            name="Bertazzoni-Castiglioni Dall'Acqua",
            comune_name="San Benedetto Po",
            comune_code="H771",
        ),
        [MemberInput(first_name="Anna", last_name="Bertazzoni-Castiglioni", **parent), *children],
    )
    i18n.set_language("it")
    try:
        window.resize(window.default_size(QSize(1366, 768)))
        page = open_page(window, "families")
        window.resize(window.default_size(QSize(1366, 768)))
        QApplication.processEvents()
        QApplication.processEvents()
        assert page.model.rowCount() == 1
        assert "disabilità" in page.model.index(0, 3).data()
        assert beyond_the_right_edge(page.table) == 0
        assert clipped(page.table, [1, 2]) == []  # comune and count whole
        assert page.table.columnWidth(3) >= page.table.fontMetrics().horizontalAdvance("MMMM…")
    finally:
        i18n.set_language("en")
