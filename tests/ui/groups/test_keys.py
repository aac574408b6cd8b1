"""The attendance grid's letters follow the interface language."""

from __future__ import annotations

from familydesk.ui.groups.attendance_model import mark_for_key
from familydesk.ui.widgets.page import PageContext


def test_the_italian_letters_mark_too(context: PageContext) -> None:
    context.language.apply("it")
    assert (mark_for_key("p"), mark_for_key("A"), mark_for_key("G")) == (
        "present",
        "absent",
        "excused",
    )
    assert mark_for_key("E") == "excused" and mark_for_key("x") is None
