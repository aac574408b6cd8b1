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
        database.write(frontdesk.record_contact, ContactInput(person_id=hit.person_id, requests=(
            RequestInput(needs[minutes % 5]),
            RequestInput(needs[(minutes + 2) % 5], ("referral",), referral_to="CAF"))),
            now - timedelta(minutes=minutes))  # fmt: skip
    database.write(frontdesk.record_contact, ContactInput(anon_sex="F", anon_birth_year=1991, requests=(
        RequestInput("language_mediation", follow_up_on=date.today() + timedelta(days=2)),)),
        now - timedelta(minutes=4))  # fmt: skip
    database.write(frontdesk.call_next)
    waiting = [r for r in database.read(frontdesk.today_queue) if r.status == "waiting"]
    database.write(frontdesk.finish_contact, waiting[0].id, waiting[0].version)


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
    from familydesk.ui.app import create_application
    from familydesk.ui.language import LanguageManager
    from familydesk.ui.main_window import MainWindow
    from familydesk.ui.pages.base import PageContext
    from familydesk.ui.runner import SyncRunner

    i18n.set_language(args.lang)
    app = create_application()
    database = Database.open(args.db)
    database.operator, database.role = args.role, args.role
    if database.read(count_families) == 0:
        database.write(fill_demo, families=args.families, seed=1)
    from familydesk import backups

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
