"""The navigation's pages: what each is, who may use it, and the window's pages created the
first time they are asked for (so start-up builds only the page it shows)."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass

from familydesk.i18n import N_
from familydesk.trust import permissions
from familydesk.ui.widgets.page import Page


@dataclass(frozen=True)
class NavEntry:
    """One page of the navigation.

    ``page`` is the page's class as ``"module:Class"``, imported when the page is first
    shown (empty: not built yet, a placeholder). ``needs``: the operator may use the page
    with any one of these permissions (empty: every role), the rule the page itself applies
    to ``available`` (a test compares them), known here without building the page.
    """

    key: str
    title: str  # marked with N_, translated when shown
    icon: str
    description: str = ""
    page: str = ""
    needs: tuple[str, ...] = ()


_PAGES = "familydesk.ui"
NAVIGATION = [
    NavEntry(
        "frontdesk",
        N_("Front desk"),
        "frontdesk",
        N_("Walk-in contacts and requests, today's queue and follow-ups."),
        f"{_PAGES}.frontdesk.page:FrontDeskPage",
        (permissions.FRONTDESK,),
    ),
    NavEntry("families", N_("Families"), "families", page=f"{_PAGES}.families.page:FamiliesPage"),
    NavEntry(
        "appointments",
        N_("Appointments"),
        "appointments",
        N_("Appointments with professionals, rooms and interpreters, without double bookings."),
        f"{_PAGES}.appointments.page:AppointmentsPage",
        (permissions.APPOINTMENTS,),
    ),
    NavEntry(
        "groups",
        N_("Groups"),
        "groups",
        N_("Parenting groups and courses: sessions, sign-ups, waiting lists and attendance."),
        f"{_PAGES}.groups.page:GroupsPage",
        (permissions.GROUPS, permissions.GROUPS_RUN),
    ),
    NavEntry(
        "cards",
        N_("Family card"),
        "cards",
        N_("Carta della Famiglia: eligibility, issue and renewal, partners and benefits."),
        f"{_PAGES}.cards.page:CardsPage",
        (permissions.CARDS,),
    ),
    NavEntry(
        "reports",
        N_("Reports"),
        "reports",
        N_("Indicators for the Piano di Zona and exports for the region."),
    ),
    NavEntry(
        "privacy",
        N_("Privacy and audit"),
        "privacy",
        N_(
            "Audit trail, retention rules and requests from families (coordinators and "
            "administrators)."
        ),
        f"{_PAGES}.privacy.page:PrivacyPage",
        (permissions.VIEW_AUDIT, permissions.PRIVACY_MANAGE),
    ),
    NavEntry("settings", N_("Settings"), "settings", page=f"{_PAGES}.settings.page:SettingsPage"),
    NavEntry(
        "directory",
        N_("Services"),
        "directory",
        N_("The territory's services: where to send a family, when it is open, how to get in."),
        f"{_PAGES}.directory.page:DirectoryPage",
    ),
]
KEYS = [entry.key for entry in NAVIGATION]


class Pages(Mapping[str, Page]):
    """The window's pages by key, each created the first time it is asked for.

    ``created`` holds those that exist. Looking a page up creates it; going through them
    all (``values()``) creates every one: the window itself asks only for the page it
    shows and, for their tooltip, the greyed-out ones (which build nothing but a heading).
    """

    def __init__(self, make: Callable[[NavEntry], Page]) -> None:
        self._make = make
        self.created: dict[str, Page] = {}

    def __getitem__(self, key: str) -> Page:
        page = self.created.get(key)
        if page is None:
            page = self.created[key] = self._make(NAVIGATION[KEYS.index(key)])
        return page

    def __contains__(self, key: object) -> bool:
        return key in KEYS

    def __iter__(self) -> Iterator[str]:
        return iter(KEYS)

    def __len__(self) -> int:
        return len(KEYS)
