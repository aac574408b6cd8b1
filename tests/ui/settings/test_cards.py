"""Settings → Family card: a coordinator sets up card schemes from the keyboard, and the
scheme saved is the one that decides who may have a card."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from familydesk.cards import types
from familydesk.cards.eligibility import add_months, check_eligibility
from familydesk.cards.types import CardTypeInput, CardTypeRow
from familydesk.db.database import Database
from familydesk.db.models.registry import Family
from familydesk.trust.permissions import PermissionDenied
from familydesk.ui.settings.cards import CardTypesEditor, CardTypesSettings
from familydesk.ui.settings.page import SettingsPage
from familydesk.ui.shell.main_window import MainWindow
from familydesk.ui.widgets.page import PageContext
from tests.cards.card_data import TODAY, CardWorld, add_card, build_world
from tests.helpers import signed_in
from tests.ui.conftest import open_page
from tests.ui.keyboard import ALT, CTRL, focused, press, type_text

TAB, SPACE = Qt.Key.Key_Tab, Qt.Key.Key_Space


@pytest.fixture
def world(database: Database) -> CardWorld:
    return build_world(database)


def _open(window: MainWindow) -> CardTypesEditor:
    page = open_page(window, "settings")
    assert isinstance(page, SettingsPage) and page.card_types is not None
    page.tabs.setCurrentWidget(page.card_types)
    return page.card_types.editor


@pytest.fixture
def editor(window: MainWindow, world: CardWorld) -> CardTypesEditor:
    return _open(window)


def _shown(error) -> str:  # type: ignore[no-untyped-def]
    """The text of an error line that is not hidden (empty otherwise)."""
    return "" if error.isHidden() else error.text()


def _type(database: Database, name: str) -> CardTypeRow:
    return next(t for t in database.read(types.list_card_types) if t.name == name)


def _select(editor: CardTypesEditor, name: str) -> None:
    row = next(i for i in range(editor.model.rowCount()) if editor.model.row_at(i).name == name)
    editor.table.selectRow(row)
    editor.table.setFocus()


def _settle() -> None:
    for _round in range(5):  # word-wrapped labels take a few rounds of layout
        QApplication.processEvents()


def test_the_tab_renders_in_italian_and_english(
    window: MainWindow, context: PageContext, world: CardWorld, database: Database
) -> None:
    add_card(database, world)
    editor = _open(window)
    window.resize(1280, 800)
    _select(editor, "Carta Giovani")
    _settle()
    window.grab().save("/tmp/familydesk-card-types-en.png")
    context.language.apply("it")
    _settle()
    assert editor.save_button.text() == "&Salva tipo di carta"
    assert editor.model.headerData(1, Qt.Orientation.Horizontal) == "Carte attive"
    assert editor.preview.rules.text().splitlines() == [
        "•  Residente in un comune dell'ambito.",
        "•  Il titolare ha da 18 a 25 anni.",
        "•  Un ISEE valido non superiore a 30.000,00\xa0€.",
        "•  Valida 12 mesi.",
    ]
    assert editor.preview.comuni.text() == (
        "La regola di residenza si riferisce ai comuni dell'ambito: Gonzaga (MN), Suzzara (MN)."
    )
    window.grab().save("/tmp/familydesk-card-types-it.png")


def _set_isee(database: Database, family_id: int, value: str, expiry: date) -> None:
    def write(session) -> None:  # type: ignore[no-untyped-def]
        family = session.get(Family, family_id)
        family.isee_value, family.isee_expiry = Decimal(value), expiry

    database.write(write)


def test_a_youth_card_typed_from_the_keyboard_is_the_scheme_that_decides(
    window: MainWindow, world: CardWorld, database: Database, qtbot: QtBot
) -> None:
    old = database.read(types.get_card_type, world.youth_card)
    database.write(types.remove_card_type, old.id)  # the test world's own, unused
    editor = _open(window)
    editor.table.setFocus()
    press(qtbot, Qt.Key.Key_N, CTRL)  # New card type
    assert focused() is editor.rules.name and editor.current is None
    type_text(qtbot, "Carta Giovani")
    press(qtbot, TAB)
    type_text(qtbot, "Per chi ha da 18 a 25 anni")
    for _field in ("active", "residence", "residence_months", "min_children"):
        press(qtbot, TAB)
    assert focused() is editor.rules.min_children
    type_text(qtbot, "0")  # no children needed: their rules are skipped
    press(qtbot, TAB)
    assert focused() is editor.rules.holder_min
    press(qtbot, SPACE)
    press(qtbot, TAB)
    type_text(qtbot, "18")
    press(qtbot, TAB)
    press(qtbot, SPACE)
    press(qtbot, TAB)
    type_text(qtbot, "25")
    press(qtbot, TAB)
    press(qtbot, SPACE)
    press(qtbot, TAB)
    assert focused() is editor.rules.isee_ceiling
    type_text(qtbot, "30.000")
    press(qtbot, TAB)
    type_text(qtbot, "12")
    assert editor.preview.rules.text().splitlines() == [
        "•  Resident in a member comune.",
        "•  The holder is 18 to 25 years old.",
        "•  A valid ISEE of at most €30,000.00.",
        "•  Valid for 12 months.",
    ]
    press(qtbot, Qt.Key.Key_S, CTRL)
    assert editor.status.text() == "Saved."
    youth = _type(database, "Carta Giovani")
    assert youth.uid != old.uid and editor.current.id == youth.id
    assert (
        youth.description,
        youth.residence_required,
        youth.residence_months,
        youth.min_children,
        youth.holder_min_age,
        youth.holder_max_age,
        youth.isee_ceiling,
        youth.validity_months,
        youth.active,
    ) == ("Per chi ha da 18 a 25 anni", True, 0, 0, 18, 25, Decimal("30000.00"), 12, True)

    # The Bianchi family: Laura (45), Paolo (20) can hold it; an ISEE decides.
    family_id, laura = world.family

    def check(holder: int | None = None):  # type: ignore[no-untyped-def]
        return database.read(check_eligibility, family_id, youth.id, holder, TODAY)

    refused = check()
    assert not refused.eligible and refused.reasons == (
        "No ISEE is recorded: the card needs a valid ISEE of at most €30,000.00.",
    )
    _set_isee(database, family_id, "31000", TODAY + timedelta(days=60))
    assert check().reasons == ("ISEE €31,000.00 is above the ceiling of €30,000.00.",)
    _set_isee(database, family_id, "29500", TODAY - timedelta(days=1))
    assert check().reasons == ("The ISEE expired on 21/11/2026: an updated one is needed.",)
    _set_isee(database, family_id, "29500", TODAY + timedelta(days=60))
    granted = check()
    assert granted.eligible and [r.text for r in granted.rules] == [
        "Resident in Gonzaga, a member comune.",
        "Paolo Bianchi can hold the card (age 18-25).",
        "ISEE €29,500.00, within the ceiling of €30,000.00, valid until 21/01/2027.",
    ]
    assert granted.members == (granted.holder_id,)  # a youth card covers the holder only
    assert granted.expires_on == add_months(TODAY, 12) - timedelta(days=1)
    assert check(laura).reasons == ("Laura Bianchi is 45: the holder's age must be 18-25.",)


def test_editing_a_rule_changes_the_preview_and_the_saved_type(
    editor: CardTypesEditor, world: CardWorld, database: Database, qtbot: QtBot
) -> None:
    _select(editor, "Carta Famiglia")
    rules = editor.rules
    assert "•  At least 3 children under 26." in editor.preview.rules.text()
    press(qtbot, Qt.Key.Key_C, ALT)  # &Children
    assert focused() is rules.min_children
    type_text(qtbot, "2")
    assert "•  At least 2 children under 26." in editor.preview.rules.text()
    press(qtbot, Qt.Key.Key_B, ALT)  # Disa&bility
    press(qtbot, SPACE)
    press(qtbot, TAB)
    type_text(qtbot, "30")
    rules.count_foster.setChecked(False)
    assert (
        "•  At least 2 children under 26. Children with a disability count up to 30. "
        "Foster children do not count."
    ) in editor.preview.rules.text()
    press(qtbot, Qt.Key.Key_T, ALT)  # Validi&ty
    assert focused() is rules.validity
    type_text(qtbot, "36")
    assert editor.preview.rules.text().endswith("•  Valid for 36 months.")
    assert _type(database, "Carta Famiglia").validity_months == 24  # not saved yet
    press(qtbot, Qt.Key.Key_Return)  # Enter saves
    saved = _type(database, "Carta Famiglia")
    assert (
        saved.min_children,
        saved.disability_age_limit,
        saved.count_foster,
        saved.validity_months,
    ) == (2, 30, False, 36)
    assert editor.status.text() == "Saved." and editor.current.version == saved.version
    # The family check follows: 3 children under 26 now more than the 2 needed.
    result = database.read(check_eligibility, world.family[0], saved.id, None, TODAY)
    assert result.rules[1].text == "3 children under 26 (the card needs 2)."
    assert result.expires_on == add_months(TODAY, 36) - timedelta(days=1)


def test_bad_rules_are_refused_under_the_field_named(
    editor: CardTypesEditor, database: Database
) -> None:
    before = database.read(types.list_card_types)
    rules, errors = editor.rules, editor.form.errors
    editor.new()
    editor.save()
    assert _shown(errors["name"]).startswith("Name:") and focused() is rules.name
    rules.name.setText("carta giovani")
    editor.save()
    assert _shown(errors["name"]) == "Name: another card type is already called carta giovani."
    rules.name.setText("Carta Sport")
    rules.isee.setChecked(True)
    editor.save()
    assert _shown(errors["isee_ceiling"]).startswith("ISEE ceiling: write the amount")
    assert _shown(errors["name"]) == "" and focused() is rules.isee_ceiling
    rules.isee_ceiling.setText("trentamila")
    editor.save()
    assert _shown(errors["isee_ceiling"]) == (
        "ISEE ceiling: “trentamila” is not an amount: write it like 30.000 or 30.000,00."
    )
    assert "A valid ISEE of at most … (write the ceiling)." in editor.preview.rules.text()
    rules.isee_ceiling.setText("0")
    editor.save()
    assert _shown(errors["isee_ceiling"]).startswith("ISEE ceiling: give an amount above zero")
    rules.isee.setChecked(False)
    rules.holder_min.setChecked(True)
    rules.holder_min_age.setValue(30)
    rules.holder_max.setChecked(True)
    rules.holder_max_age.setValue(25)
    editor.save()
    assert _shown(errors["holder_max_age"]) == (
        "Holder's age: the maximum cannot be lower than the minimum."
    )
    assert focused() is rules.holder_max_age
    rules.holder_max.setChecked(False)
    rules.disability.setChecked(True)
    rules.disability_age.setValue(16)
    editor.save()
    assert _shown(errors["disability_age_limit"]).startswith("Disability:")
    assert focused() is rules.disability_age
    assert database.read(types.list_card_types) == before  # nothing was saved
    rules.disability.setChecked(False)
    editor.save()
    assert not any(_shown(e) for e in errors.values())
    assert _type(database, "Carta Sport").holder_min_age == 30


def test_three_wrong_rules_show_three_errors_top_to_bottom(
    editor: CardTypesEditor, database: Database
) -> None:
    """An empty name, a disability age under the children's, an ISEE ceiling that is no
    amount (read by the form itself) and a holder's age upside down: each under its line,
    worded as its caption, the cursor in the topmost; nothing saved."""
    before = database.read(types.list_card_types)
    rules, errors = editor.rules, editor.form.errors
    editor.new()
    rules.min_children.setValue(2)
    rules.child_age.setValue(18)
    rules.disability.setChecked(True)
    rules.disability_age.setValue(16)
    rules.holder_min.setChecked(True)
    rules.holder_min_age.setValue(30)
    rules.holder_max.setChecked(True)
    rules.holder_max_age.setValue(25)
    rules.isee.setChecked(True)
    rules.isee_ceiling.setText("trentamila")
    editor.save()
    _settle()
    lines = ["name", "disability_age_limit", "holder_min_age", "isee_ceiling"]
    assert [key for key in lines if _shown(errors[key])] == lines
    assert [_shown(errors[key]) for key in lines] == [
        "Name: please fill it in.",
        "Disability: the age cannot be lower than the children's age limit (18).",
        "Holder's age: the maximum cannot be lower than the minimum.",
        "ISEE ceiling: “trentamila” is not an amount: write it like 30.000 or 30.000,00.",
    ]
    captions = {key: editor.form.labels[key][0].text().replace("&", "") for key in lines}
    assert [captions[key] for key in lines] == [
        "Name",
        "Disability",
        "Holder's age",
        "ISEE ceiling",
    ]
    tops = [errors[key].mapTo(editor, errors[key].rect().topLeft()).y() for key in lines]
    assert tops == sorted(tops)
    assert focused() is rules.name
    assert database.read(types.list_card_types) == before


def test_a_type_changed_meanwhile_is_not_overwritten(
    editor: CardTypesEditor, database: Database
) -> None:
    _select(editor, "Carta Famiglia")
    shown = editor.current
    database.write(
        types.save_card_type,
        CardTypeInput(
            "Carta Famiglia",
            min_children=3,
            child_age_limit=26,
            validity_months=18,
            id=shown.id,
            version=shown.version,
        ),
    )
    editor.rules.validity.setValue(48)
    editor.save()
    assert not editor.banner.isHidden() and "changed by someone else" in editor.banner.label.text()
    assert _type(database, "Carta Famiglia").validity_months == 18
    assert editor.rules.validity.value() == 48  # the typing is still there to copy
    editor.banner.link.emit("reload")
    assert editor.banner.isHidden() and editor.current.name == "Carta Famiglia"
    assert editor.rules.validity.value() == 18  # the saved version
    editor.rules.validity.setValue(48)
    editor.save()
    assert _type(database, "Carta Famiglia").validity_months == 48


def test_removing_a_type_deletes_it_or_keeps_it_for_the_cards_issued(
    editor: CardTypesEditor, world: CardWorld, database: Database, dialogs: list[str]
) -> None:
    add_card(database, world)
    editor.load()
    _select(editor, "Carta Famiglia")
    editor.remove()
    assert "“Carta Famiglia”" in dialogs[-1] and "1 card of this type is active now." in dialogs[-1]
    assert editor.status.text().startswith("Kept as not in use: cards were issued with it")
    kept = _type(database, "Carta Famiglia")
    assert kept.active is False and kept.active_cards == 1
    assert editor.model.row_at(0).active is False
    _select(editor, "Carta Famiglia")
    assert "Not in use: no new cards of this type are issued." in editor.preview.rules.text()
    _select(editor, "Carta Giovani")
    editor.remove()
    assert editor.status.text() == "Removed."
    assert [t.name for t in database.read(types.list_card_types)] == ["Carta Famiglia"]
    assert editor.model.rowCount() == 1


@pytest.mark.parametrize("role", ["reception", "professional", "educator"])
def test_only_coordinators_see_the_family_card_tab(
    context: PageContext, database: Database, qtbot: QtBot, role: str
) -> None:
    signed_in(database, role)
    window = MainWindow(context, database.describe())
    qtbot.addWidget(window)
    page = window.show_page("settings")
    assert isinstance(page, SettingsPage) and page.card_types is None
    assert not page.findChildren(CardTypesSettings)
    with pytest.raises(PermissionDenied, match="change the centre's settings"):
        database.write(types.save_card_type, CardTypeInput("Carta Sport"))
