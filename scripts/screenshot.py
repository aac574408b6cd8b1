"""Render the main window offscreen to PNG files (README pictures, visual checks).

Usage: python scripts/screenshot.py OUT_DIR [--db PATH] [--lang it|en]
Each page that is available gets a picture: OUT_DIR/<page>.png.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def busiest_week(database, page) -> None:  # type: ignore[no-untyped-def]
    """Show next week of the professional with the most appointments in it."""
    from collections import Counter
    from datetime import date, timedelta

    from familydesk.appointments.queries import appointments_between, week_of

    start, end = week_of(date.today() + timedelta(days=7))
    counts = Counter(r.staff_id for r in database.read(appointments_between, start, end))
    if counts:
        staff_id = counts.most_common(1)[0][0]
        page.toolbar.choose(kind="staff", resource_id=staff_id, day=start.date(), view="week")


def desk_morning(database) -> None:  # type: ignore[no-untyped-def]
    """A few visitors at the front desk: waiting, one being served, one done, a follow-up."""
    from datetime import UTC, date, datetime, timedelta

    from familydesk import frontdesk
    from familydesk.frontdesk import ContactInput, RequestInput
    from familydesk.registry import search_people

    now = datetime.now(UTC)
    needs = ["housing", "economic_support", "parenting", "schooling", "language_mediation"]
    for minutes, hit in zip(
        (52, 38, 25, 17, 9), database.read(search_people, "a", 5), strict=False
    ):
        database.write(
            frontdesk.record_contact,
            ContactInput(
                person_id=hit.person_id,
                requests=(
                    RequestInput(needs[minutes % 5]),
                    RequestInput(needs[(minutes + 2) % 5], ("referral",), referral_to="CAF"),
                ),
            ),
            now - timedelta(minutes=minutes),
        )
    database.write(
        frontdesk.record_contact,
        ContactInput(
            anon_sex="F",
            anon_birth_year=1991,
            requests=(
                RequestInput("language_mediation", follow_up_on=date.today() + timedelta(days=2)),
            ),
        ),
        now - timedelta(minutes=4),
    )
    database.write(frontdesk.call_next)
    waiting = [r for r in database.read(frontdesk.today_queue) if r.status == "waiting"]
    database.write(frontdesk.finish_contact, waiting[0].id, waiting[0].version)


def demo_group(database) -> int | None:  # type: ignore[no-untyped-def]
    """A parenting group met four times already (attendance taken), with more to come."""
    from datetime import date, time, timedelta

    from familydesk.appointments.resources import list_places
    from familydesk.groups import attendance, catalog, editing, enrolment, planning
    from familydesk.registry import search_people

    existing = database.read(catalog.list_groups, "running")
    if existing:
        return existing[0].id
    places = database.read(list_places)
    if not places:
        return None
    place = places[0]
    educators = [i for i, _name in database.read(catalog.educator_choices)[:2]]
    first = date.today() - timedelta(days=date.today().weekday() + 27 - 1)  # a Tuesday, 4 weeks ago
    group = database.write(
        editing.create_group,
        editing.GroupInput(
            title="Genitori imperfetti cercasi",
            kind="parent_school",
            place_id=place.id,
            room_id=place.rooms[0].id if place.rooms else None,
            target="parents",
            capacity=12,
            description=(
                "Incontri di confronto tra genitori con figli 0-6 anni, condotti da educatrici."
            ),
            educator_ids=tuple(educators),
        ),
    )
    database.write(
        planning.plan_sessions,
        group.id,
        planning.Pattern(weekday=1, starts=time(17), ends=time(19), first_day=first, count=10),
    )
    families: set[int] = set()
    for hit in database.read(search_people, "a", 80):
        if hit.family_id in families or hit.relation != "parent" or len(families) >= 12:
            continue
        families.add(hit.family_id)
        database.write(enrolment.enrol, group.id, [hit.person_id], first - timedelta(days=10))
    grid = database.read(attendance.attendance_grid, group.id)
    for number, row in enumerate(s for s in grid.sessions if s.held):
        marks = {
            p.id: (
                "absent"
                if (p.id + number) % 7 == 0
                else "excused"
                if (p.id * 3 + number) % 11 == 0
                else "present"
            )
            for p in grid.participants
            if (p.id, row.id) in grid.markable
        }
        database.write(attendance.save_attendance, row.id, row.version, marks)
    return group.id


def save(window, out: Path, name: str) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QApplication

    QApplication.processEvents()
    window.grab().save(str(out / f"{name}.png"))
    print(out / f"{name}.png")


def family_cards(window, page, out: Path) -> None:  # type: ignore[no-untyped-def]
    """The family card's tabs: a family that qualifies checked, a card read at the counter,
    the partners (the register is the page's own picture)."""
    from familydesk.cards.candidates import eligible_without_card
    from familydesk.cards.issue import card_register
    from familydesk.cards.types import list_card_types

    database = page.runner.database
    types = database.read(list_card_types, True)
    if types:
        candidates = database.read(eligible_without_card, types[0].id, None, 1)
        if candidates:
            page.check_family(candidates[0].family_id)
            save(window, out, "cards-check")
    cards = database.read(card_register, "active")
    page.show_tab(page.counter)
    counter = page.counter
    choice = next(
        (
            (p.id, b.id, c)
            for c in cards
            for p in counter.partners
            for b in p.benefits
            if b.active and c.card_type_id in b.card_type_ids
        ),
        None,
    )
    if choice is not None:
        counter.choose(choice[0], choice[1])
        counter.number.setText(choice[2].grouped_number)
        counter.record()
        save(window, out, "cards-counter")
    page.show_tab(page.partners)
    if page.partners.model.rowCount():
        page.partners.table.selectRow(0)
    save(window, out, "cards-partners")
    page.show_tab(page.register)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("out")
    parser.add_argument("--db")
    parser.add_argument("--lang", default="it")
    parser.add_argument("--families", type=int, default=300)
    parser.add_argument("--role", default="coordinator", help="the role the pictures are taken as")
    args = parser.parse_args()

    from PySide6.QtWidgets import QApplication

    from familydesk import frontdesk, i18n
    from familydesk.db.database import Database
    from familydesk.demo import fill_demo
    from familydesk.registry import count_families
    from familydesk.ui.shell.app import create_application
    from familydesk.ui.shell.language import LanguageManager
    from familydesk.ui.shell.main_window import MainWindow
    from familydesk.ui.shell.runner import SyncRunner
    from familydesk.ui.widgets.page import PageContext

    i18n.set_language(args.lang)
    app = create_application()
    database = Database.open(args.db)
    database.operator, database.role = args.role, args.role
    if database.read(count_families) == 0:
        database.write(fill_demo, families=args.families, seed=1)
    from familydesk.admin import backups

    backups.make_backup(database, "backup")  # a fresh copy: no stale-backup warning on the pictures
    if not database.read(frontdesk.today_queue):
        desk_morning(database)
    language = LanguageManager(app)
    language.apply(args.lang)
    window = MainWindow(PageContext(SyncRunner(database), language), database.describe())
    window.resize(1360, 760)
    window.show()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    for key, page in window.pages.items():
        if page.available:
            window.show_page(key)
            if key == "families":
                page.table.selectRow(0)
            if key == "appointments":
                busiest_week(database, page)
            if key == "groups":
                group_id = demo_group(database)
                page.load()
                if group_id is not None:
                    page.select_group(group_id)
            QApplication.processEvents()
            if key != "privacy":  # its tabs get a picture each
                window.grab().save(str(out / f"{key}.png"))
                print(out / f"{key}.png")
            if key == "privacy":
                for index in range(page.tab_widget.count()):
                    page.tab_widget.setCurrentIndex(index)
                    QApplication.processEvents()
                    window.grab().save(str(out / f"privacy-{index}.png"))
                    print(out / f"privacy-{index}.png")
            if key == "appointments":  # the week of the first professional, then the booking dialog
                dialog = page.new_appointment()
                QApplication.processEvents()
                dialog.grab().save(str(out / "appointments-booking.png"))
                print(out / "appointments-booking.png")
                dialog.close()
            if key == "groups":  # the attendance grid of the demo group
                page.tabs.setCurrentWidget(page.attendance)
                QApplication.processEvents()
                window.grab().save(str(out / "groups-attendance.png"))
                print(out / "groups-attendance.png")
            if key == "cards":
                family_cards(window, page, out)
            if key == "settings" and getattr(page, "card_types", None) is not None:
                page.tabs.setCurrentWidget(page.card_types)
                QApplication.processEvents()
                save(window, out, "settings-cards")
            if key == "families":
                page.search.setText("bell")
                QApplication.processEvents()
                page.table.selectRow(0)
                QApplication.processEvents()
                window.grab().save(str(out / "family.png"))
                print(out / "family.png")
                page.search.clear()
    database.dispose()
    return 0


if __name__ == "__main__":
    sys.exit(main())
