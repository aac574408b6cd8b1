"""Journey 6, at 1366x768 the window and everything in it stay on the screen.

At a real display an unsaved attendance mark made the window 1398 pixels wide and a long
family name 32,767: widgets were drawn beyond the screen's right edge. Every page (and each
tab of the pages that have them) is visited from the keyboard and by clicking its tabs;
the app's geometry dump says where each painted widget ends, xwininfo where the window's
frame is.
"""

from __future__ import annotations

import time

import pytest

from familydesk.ui.shell.navigation import NAVIGATION
from tests.journeys.demo_data import ended_group
from tests.journeys.desk import SCREEN, Desk, JourneyError, Probe, right_edges, wait_until

pytestmark = pytest.mark.journey

#: Pages with tabs: the tab widget's object name (tabs visited by clicking them).
TABS = {"groups": "groupTabs", "cards": "cardTabs"}


def check(app: Desk, where: str, problems: list[str]) -> None:
    """Note what reaches beyond the screen now: painted widgets, and the window's frame."""
    time.sleep(0.6)  # the layout follows what was shown (posted layout requests)
    probe = app.settle()
    shot = app.shot(where)
    width, height = SCREEN
    beyond = [(edge, what) for edge, what in right_edges(probe) if edge > width]
    if beyond:
        named = [f"{what} to x={edge}" for edge, what in beyond if "'' ''" not in what][:4]
        problems.append(
            f"{where}: {len(beyond)} widgets are drawn beyond x={width}, up to x="
            f"{beyond[0][0]} (among them {'; '.join(named)}) - {shot.name}"
        )
    x, y, w, h = app.frame()
    if x < 0 or y < 0 or x + w > width or y + h > height:
        problems.append(
            f"{where}: the window's frame is {w}x{h} at {x},{y}, "
            f"beyond the {width}x{height} screen - {shot.name}"
        )


def tab_count(app: Desk, probe: Probe, name: str) -> int:
    area = app.one(probe, name=name)["rect"]
    bars = [
        w
        for w in app.find(probe, cls="QTabBar")
        if area[0] <= w["rect"][0] and area[1] <= w["rect"][1] <= area[1] + area[3]
    ]
    return len(bars[0]["tabs"]) if bars else 0


def test_every_page_fits_a_1366_by_768_screen(desk, demo) -> None:  # noqa: ANN001
    _home, db = demo
    _group, title, _session, marks = ended_group(db)
    app: Desk = desk("admin")
    problems: list[str] = []
    visited: list[str] = []
    for number, entry in enumerate(NAVIGATION, start=1):
        app.key(f"ctrl+{number}")
        try:
            probe = wait_until(
                lambda key=entry.key: (p := app.probe())["page"] == key and not p["busy"] and p,
                f"the {entry.key} page",
                timeout=6,
            )
        except JourneyError:
            continue  # not for this role (the navigation greys it out)
        visited.append(entry.key)
        check(app, entry.key, problems)
        if entry.key in TABS:
            for index in range(1, tab_count(app, probe, TABS[entry.key])):
                app.click_tab(TABS[entry.key], index)
                check(app, f"{entry.key} tab {index + 1}", problems)
        if entry.key == "settings":
            for index in range(1, 3):
                tabs = [w for w in app.find(app.probe(), cls="QTabBar") if len(w["tabs"]) == 3]
                if tabs:
                    x, y, w, h = tabs[0]["tabs"][index]["rect"]
                    app.click(x + w // 2, y + h // 2)
                    check(app, f"settings tab {index + 1}", problems)
    assert len(visited) >= 6, f"pages visited: {visited}"

    # An unsaved attendance mark (it once widened the window to 1398 pixels).
    app.key("ctrl+4")
    app.wait(lambda p: p["page"] == "groups", "the Groups page")
    app.key("ctrl+f")
    app.type(title)
    app.settle()
    app.click_tab("groupTabs", 3)
    grid = app.wait(
        lambda p: next((w for w in app.find(p, name="attendanceGrid") if "current" in w), None),
        "the attendance grid",
    )
    x, y, w, h = grid["current"]["rect"]
    app.click(x + w // 2, y + h // 2)
    app.key({"present": "p", "absent": "a"}[marks[0][1]])
    check(app, "attendance with an unsaved mark", problems)
    assert problems == [], "\n".join(problems)
