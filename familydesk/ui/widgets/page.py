"""What every page of the main window has in common.

A page loads its data the first time it is shown, and again only when it is out of
date: each page names the tables it shows (``shows``); when a write elsewhere touches
one of them (the runner's ``changed`` announcement, an ``OpChanges``) the page marks
itself stale and reads again when it is next shown, or at once if it is in sight.
Its own writes it follows itself, as Anki's widgets skip their own edits.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from familydesk.i18n import _
from familydesk.ui.shell.language import LanguageManager
from familydesk.ui.shell.runner import OpChanges, Runner
from familydesk.ui.shell.unsaved import holders


@dataclass
class PageContext:
    """What pages need from the application: the database runner and the language."""

    runner: Runner
    language: LanguageManager

    @property
    def role(self) -> str | None:
        """The signed-in operator's role (``familydesk.trust.operators.ROLES``)."""
        return self.runner.database.role

    def may(self, permission: str) -> bool:
        """Whether the signed-in operator may do ``permission`` (``familydesk.trust.permissions``):
        pages hide what the services would refuse."""
        return self.runner.may(permission)


class Page(QWidget):
    """A page: builds its texts in ``retranslate_ui`` and loads data in ``load``.

    ``ready`` is emitted once the page shows its data (``--smoke`` waits for it).
    """

    ready = Signal()
    #: Whether the page's capability is built (disabled pages are shown greyed out).
    available = True
    #: The tables whose rows the page shows: a write touching one makes the page stale.
    shows: frozenset[str] = frozenset()

    def __init__(self, context: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.runner = context.runner
        self._loaded_once = False
        #: Out of date: a write elsewhere touched a table the page shows.
        self.stale = False
        self.heading = QLabel()
        self.heading.setObjectName("pageHeading")
        self.layout_ = QVBoxLayout(self)
        self.layout_.addWidget(self.heading)
        # A bound method, not a lambda: Qt drops the connection when the page is destroyed.
        context.language.changed.connect(self._language_changed)
        self.runner.changed.connect(self._announced)

    def title(self) -> str:
        raise NotImplementedError

    def unavailable_reason(self) -> str:
        """Why the page is greyed out in the navigation (empty when it is available)."""
        return "" if self.available else _("{title}: coming soon").format(title=self.title())

    def _language_changed(self, _code: str) -> None:
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.heading.setText(self.title())

    def activate(self) -> None:
        """Called each time the page is shown: loads the data the first time and when the
        page is stale, else reads nothing."""
        if not self._loaded_once:
            self._loaded_once = True
            self.load()
        elif self.stale and not self.holds_unsaved():
            self.stale = False
            self.load_again()

    def _announced(self, changes: OpChanges) -> None:
        if self._loaded_once and self.concerned(changes):
            self.changes_announced(changes)

    def concerned(self, changes: OpChanges) -> bool:
        """Whether ``changes`` (a write elsewhere) touched what the page shows."""
        return changes.touches(self.shows) and not changes.caused_by(self)

    def changes_announced(self, changes: OpChanges) -> None:
        """A write elsewhere touched what the page shows: read again now if the page is in
        sight, else when it is next shown."""
        if self.isVisible() and not self.holds_unsaved():
            self.stale = False
            self.load_again()
        else:
            self.stale = True

    def holds_unsaved(self) -> bool:
        """Whether something typed on the page is not saved yet (attendance marks, a form):
        a reload would throw it away, so the page stays stale until it is saved or dropped."""
        return bool(holders(self))

    def load_again(self) -> None:
        """Read again what is out of date (default: ``load``); pages that show a record
        beside their list read it again too."""
        self.load()

    def load(self) -> None:
        """Fetch the page's data (through the runner); emit ``ready`` when shown."""
        self.ready.emit()

    def focus_search(self) -> None:
        """Ctrl+F: put the cursor in the page's search field, if it has one."""


def desk_roles_reason(page: Page) -> str:
    """``unavailable_reason`` of the pages for the desk roles (front desk, appointments,
    family card): empty when the page is available."""
    if page.available:
        return ""
    return _("{title}: for reception, professionals, coordinators and administrators").format(
        title=page.title()
    )
