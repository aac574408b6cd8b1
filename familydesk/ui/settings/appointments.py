"""Settings → Appointments (coordinators and administrators, ``SETTINGS``): what can
be booked, by whom, where and when. One tab per kind of resource; a tab loads its
data each time it is shown, so changes made in another tab are there."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtWidgets import QScrollArea, QTabWidget, QVBoxLayout, QWidget

from familydesk.i18n import _
from familydesk.ui.shell.runner import Runner


@dataclass(frozen=True)
class Tab:
    title: Callable[[], str]
    make: Callable[[Runner], QWidget]


def tabs() -> list[Tab]:
    """The tabs, in order (imported here so that each module stays on its own)."""
    from familydesk.ui.settings.appointments_days import ClosuresTab, PatronDaysTab
    from familydesk.ui.settings.appointments_places import PlacesTab
    from familydesk.ui.settings.appointments_services import ServicesTab
    from familydesk.ui.settings.appointments_staff import StaffTab

    return [
        Tab(lambda: _("Services"), ServicesTab),
        Tab(lambda: _("Professionals and mediators"), StaffTab),
        Tab(lambda: _("Places, rooms and opening hours"), PlacesTab),
        Tab(lambda: _("Closed days"), ClosuresTab),
        Tab(lambda: _("Patron saints"), PatronDaysTab),
    ]


class AppointmentsSettings(QWidget):
    def __init__(self, runner: Runner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.runner = runner
        self.tab_widget = QTabWidget()
        self.tab_widget.setDocumentMode(True)
        self._tabs = [(tab, tab.make(runner)) for tab in tabs()]
        for _tab, widget in self._tabs:
            # On a small screen (1366x768 and a task bar) a tab scrolls rather than squeezes.
            scroll = QScrollArea()
            scroll.setWidgetResizable(True)
            scroll.setFrameShape(QScrollArea.Shape.NoFrame)
            scroll.setWidget(widget)
            for area in (scroll.viewport(), widget):
                area.setAutoFillBackground(False)  # the tab's own background shows through
            self.tab_widget.addTab(scroll, "")
        self.services, self.staff, self.places, self.closures, self.patron_days = (
            widget for _tab, widget in self._tabs
        )
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tab_widget)
        self._shown = False
        self.tab_widget.currentChanged.connect(self._tab_shown)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        for index, (tab, widget) in enumerate(self._tabs):
            self.tab_widget.setTabText(index, tab.title())
            widget.retranslate_ui()  # type: ignore[attr-defined]

    def load(self) -> None:
        """Load the tab on show (called when the Appointments section is opened)."""
        self._shown = True
        self._tab_shown(self.tab_widget.currentIndex())

    def show_tab(self, widget: QWidget) -> None:
        self.tab_widget.setCurrentIndex([w for _t, w in self._tabs].index(widget))

    def _tab_shown(self, index: int) -> None:
        if self._shown and 0 <= index < len(self._tabs):
            self._tabs[index][1].load()  # type: ignore[attr-defined]
