from __future__ import annotations

from familydesk.db.database import Database
from familydesk.db.models.registry import Family, Person
from familydesk.registry import count_families, family_page


def test_family_page_counts_members_and_children(database: Database) -> None:
    def add(session) -> None:  # type: ignore[no-untyped-def]
        family = Family(name="Gialdi", comune_name="Gonzaga")
        family.members = [
            Person(first_name="Elena", last_name="Gialdi", sex="F", relation="parent"),
            Person(first_name="Tommaso", last_name="Gialdi", sex="M", relation="child"),
            Person(first_name="Sofia", last_name="Gialdi", sex="F", relation="child"),
        ]
        session.add_all([family, Family(name="Artioli", comune_name="Suzzara")])

    database.write(add)
    page = database.read(family_page, 0, 10)
    assert page.total == 2
    assert [(r.name, r.members, r.children) for r in page.rows] == [
        ("Artioli", 0, 0),
        ("Gialdi", 3, 2),
    ]


def test_filter_and_paging(database: Database) -> None:
    database.write(
        lambda s: s.add_all(
            [
                Family(name=f"Famiglia {i:02d}", comune_name="Moglia" if i % 3 else "Gonzaga")
                for i in range(30)
            ]
        )
    )
    assert database.read(count_families, "gonz") == 10
    second = database.read(family_page, 5, 5, "MOGLIA")
    assert second.total == 20 and second.offset == 5
    assert [r.name for r in second.rows][0] == "Famiglia 08"
