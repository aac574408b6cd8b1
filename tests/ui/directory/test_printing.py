"""The pages' entry points print the guide and the referral slip through the runner and
open the PDF; a refusal is shown as its sentence."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QMessageBox, QWidget

from familydesk.ui.directory.printing import guide_key, print_guide
from familydesk.ui.frontdesk.referral_printing import print_referral
from tests.cards.print_helpers import flat
from tests.directory.print_data import build_world, refer, two_referrals


def test_guide_and_slip_open_in_the_viewer(context, database, qtbot, opened_files):  # type: ignore[no-untyped-def]
    world = build_world(database)
    contact = refer(database, world, *two_referrals(world))
    owner = QWidget()
    qtbot.addWidget(owner)
    print_guide(owner, context.runner, "pregnancy_newborns", "San Benedetto Po")
    print_referral(owner, context.runner, contact.uid)
    guide, slip = (Path(p) for p in opened_files)
    assert guide.name == "services-guide-pregnancy_newborns-san-benedetto-po.pdf"
    assert "All the services for Pregnancy and newborns" in flat(guide)
    assert "Referral slip" in flat(slip) and "Consultorio familiare" in flat(slip)
    assert owner.findChild(QMessageBox) is None
    assert guide_key(None, None) == "all"


def test_a_refusal_is_shown_as_its_sentence(context, database, qtbot, opened_files):  # type: ignore[no-untyped-def]
    build_world(database)
    owner = QWidget()
    qtbot.addWidget(owner)
    print_guide(owner, context.runner, "nope", None)
    box = owner.findChild(QMessageBox, "printFailed")
    assert box is not None and "no need has the key nope" in box.text()
    assert opened_files == []
