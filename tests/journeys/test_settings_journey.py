"""Journey 5, Settings: scrolling the page with the mouse wheel changes nothing.

At a real display, scrolling the Settings page turned the interface language to another
one (the wheel passed over the language combo) and wrote it to preferences.json.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from tests.journeys.desk import Desk, JourneyError, Probe, Widget, query

pytestmark = pytest.mark.journey

#: Widgets whose value a wheel could change (their class names, subclasses included by name).
VALUE_WIDGETS = ("Combo", "SpinBox", "DateEdit", "TimeEdit", "DateTimeEdit")
WHEEL_DOWN = 5
STEPS = 120


def fingerprint(db: Path) -> dict[str, str]:
    """A digest of every table's rows (the audit trail counted apart)."""
    tables = [
        name
        for (name,) in query(
            db,
            "SELECT name FROM sqlite_master WHERE type = 'table' "
            "AND name NOT LIKE '%fts%' AND name != 'audit_log' ORDER BY name",
        )
    ]
    digests = {}
    for table in tables:
        rows = query(db, f'SELECT * FROM "{table}" ORDER BY 1')  # noqa: S608 (names from sqlite_master)
        digests[table] = hashlib.sha256(repr(rows).encode()).hexdigest()
    digests["audit_log (entries)"] = str(query(db, "SELECT count(*) FROM audit_log")[0][0])
    return digests


def page_bar(app: Desk, probe: Probe) -> Widget:
    """The Settings page's own vertical scroll bar (the tallest one shown)."""
    bars = [w for w in app.find(probe, cls="QScrollBar") if w["rect"][3] > w["rect"][2]]
    if not bars:
        raise JourneyError("the Settings page has no vertical scroll bar at 1366x768")
    return max(bars, key=lambda w: w["visible"][3])


def test_scrolling_settings_with_the_wheel_changes_nothing(desk, demo) -> None:  # noqa: ANN001
    home, db = demo
    preferences = home / "data" / "preferences.json"
    app: Desk = desk("admin")
    app.key("ctrl+8")
    probe = app.wait(
        lambda p: p if p["page"] == "settings" and not p["busy"] else None, "the Settings page"
    )
    probe = app.settle()
    before_db, before_prefs = (
        fingerprint(db),
        preferences.read_bytes() if preferences.exists() else None,
    )
    title = next(w["title"] for w in probe["windows"] if w["main"])
    app.shot("settings top")

    bar = page_bar(app, probe)
    bx, by, _bw, bh = bar["visible"]
    # Where the wheel scrolls only the page: its left margin, beside the boxes' frames.
    margin_x = min(w["visible"][0] for w in app.find(probe, cls="QGroupBox")) - 4
    wheeled: dict[str, str] = {}
    for _step in range(STEPS):
        probe = app.probe()
        if app.dialogs(probe):
            last = list(wheeled.items())[-1:] or "the page"
            raise JourneyError(
                f"a dialog opened while scrolling, after the wheel over {last}: "
                f"{[d['title'] for d in app.dialogs(probe)]} (screenshot: "
                f"{app.shot('dialog while scrolling')})"
            )
        bar = page_bar(app, probe)
        fields = [
            w
            for w in app.widgets(probe)
            if any(kind in w["cls"] for kind in VALUE_WIDGETS)
            and w["visible"][3] >= 12
            and by <= w["visible"][1]
            and w["visible"][1] + w["visible"][3] <= by + bh
            and f"{w['cls']}@{w['rect'][0]},{w['rect'][1] + bar['value']}" not in wheeled
        ]
        if fields:  # over a combo or spin box first, as the wheel passes over it
            field = fields[0]
            x, y, w, h = field["visible"]
            wheeled[f"{field['cls']}@{field['rect'][0]},{field['rect'][1] + bar['value']}"] = (
                field.get("text", "")
            )
            app.move(x + w // 2, y + h // 2)
        elif bar["value"] >= bar["maximum"]:
            break
        else:
            app.move(margin_x, by + bh // 2)
        app.xdotool("click", "--repeat", "3", "--delay", "40", str(WHEEL_DOWN))
    else:
        raise JourneyError(
            "the wheel did not reach the bottom of Settings (screenshot: "
            f"{app.shot('not at the bottom')})"
        )
    probe = app.settle()
    app.shot("settings bottom")

    assert bar["value"] == bar["maximum"] > 0
    assert len(wheeled) >= 2, f"the wheel passed over too few fields: {wheeled}"
    assert any(text == "Italiano" for text in wheeled.values()), f"not over the language: {wheeled}"
    now_title = next(w["title"] for w in probe["windows"] if w["main"])
    assert now_title == title, f"the window's language changed: {title!r} -> {now_title!r}"
    after_prefs = preferences.read_bytes() if preferences.exists() else None
    assert after_prefs == before_prefs, (
        f"preferences.json changed: {before_prefs!r} -> {after_prefs!r}"
    )
    after_db = fingerprint(db)
    assert {t: d for t, d in after_db.items() if before_db.get(t) != d} == {}, (
        "the database changed"
    )
