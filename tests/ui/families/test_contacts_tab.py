"""The family page's contacts lines (issue 16, item 5): where the family was sent and
whether it got there."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from familydesk.frontdesk import ContactRow, RequestRow
from familydesk.ui.families.models import contact_lines, contacts_model

DAY = date(2026, 12, 1)


def _request(**kw) -> RequestRow:  # type: ignore[no-untyped-def]
    base = dict(
        id=1,
        need_key="parenting",
        need="Parenting",
        outcomes=("referral",),
        note="",
        referral_to="",
        follow_up_on=None,
        follow_up_owner="",
        follow_up_done_on=None,
    )
    return RequestRow(**{**base, **kw})


def test_each_line_says_where_the_family_was_sent_and_the_outcome(qtbot: QtBot) -> None:
    requests = (
        _request(
            service_id=4,
            service_name="Consultorio di Pegognaga",
            referral_outcome="reached",
            referral_outcome_on=DAY,
        ),
        _request(id=2, referral_to="Caritas", referral_outcome="waiting"),
        _request(id=3, outcomes=("information",)),
    )
    contact = ContactRow(
        1, "u", DAY, None, "laura", "in_person", 1, 1, False, "", "done", requests, 1
    )  # type: ignore[arg-type]
    model = contacts_model()
    model.set_rows(contact_lines([contact]))
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    sent, outcome = headers.index("Referred to"), headers.index("Referral outcome")

    def cell(row: int, column: int) -> str:
        return model.index(row, column).data()

    assert [cell(r, sent) for r in range(3)] == ["Consultorio di Pegognaga", "Caritas (other)", ""]
    assert [cell(r, outcome) for r in range(3)] == [
        "reached the service (01/12/2026)",
        "still waiting",
        "",
    ]
