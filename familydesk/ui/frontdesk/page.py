"""The front desk page, where a reception operator spends the day.

Left: the search box (focused whenever the page shows; Ctrl+F brings the cursor back), its
results, and the contact form that opens on Enter (or Ctrl+Shift+A for an anonymous
visitor). Right: today's queue and the operator's follow-ups. Only roles that record
contacts see it (``permissions.FRONTDESK``); the services refuse the others anyway.

Quick booking (operators who book appointments): a request saved with the outcome
"appointment booked" opens the booking dialog at once, with who came, that request and the
service its need suggests; F10 books for the visitor selected in the queue (or for the
follow-up selected, when that list has the focus). The line under the search box says what
was booked, or that nothing was.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from familydesk import frontdesk
from familydesk.frontdesk import STATUSES, ContactRow, FollowUp, QueueRow, RequestRow
from familydesk.i18n import _
from familydesk.registry import PersonHit
from familydesk.trust import permissions
from familydesk.ui.frontdesk.contact_form import ContactForm
from familydesk.ui.frontdesk.finder import PersonFinder
from familydesk.ui.frontdesk.follow_ups import FollowUpsPanel
from familydesk.ui.frontdesk.queue_panel import QueuePanel
from familydesk.ui.frontdesk.quick_booking import BOOK_KEY, BookingAsk, QuickBooking
from familydesk.ui.shell.runner import OpChanges
from familydesk.ui.widgets.page import Page, PageContext, desk_roles_reason

ANONYMOUS_KEY = "Ctrl+Shift+A"
#: The search and the form: room for the longest field, the queue gets the rest.
LEFT_WIDTH = 480


#: What the contact form's choices are read from (needs, operators, comuni...).
LIST_TABLES = frozenset({"need", "operator", "member_comune"})


class FrontDeskPage(Page):
    #: Today's queue and my follow-ups (contacts, the people and families they name, the
    #: appointments booked from them), and the form's choices.
    shows = frozenset(
        {"contact", "contact_request", "family", "person", "appointment"} | LIST_TABLES
    )

    def __init__(self, context: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.available = context.may(permissions.FRONTDESK)
        self.may_book = context.may(permissions.APPOINTMENTS)
        self._lists_loaded = False
        if self.available:
            self._build()
        self.retranslate_ui()

    def _build(self) -> None:
        self.finder = PersonFinder(self.runner)
        self.form = ContactForm(self.runner)
        self.queue = QueuePanel(self.runner)
        self.follow_ups = FollowUpsPanel(self.runner)
        self.anonymous_button = QPushButton()
        self.anonymous_button.setObjectName("anonymousButton")
        self.anonymous_button.clicked.connect(self.start_anonymous)
        QShortcut(QKeySequence(ANONYMOUS_KEY), self, self.start_anonymous)
        self.booking = QuickBooking(self, self.context)
        self.booking.finished.connect(self._booking_done)
        if self.may_book:
            QShortcut(QKeySequence(BOOK_KEY), self, self.book_selected)
        self.notice = QLabel()
        self.notice.setObjectName("okLabel")
        self.notice.setWordWrap(True)
        self.notice.hide()
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(self.form)
        self.left_stack = QStackedWidget()
        self.left_stack.addWidget(self.finder)
        self.left_stack.addWidget(scroll)

        under_search = QHBoxLayout()
        under_search.addWidget(self.anonymous_button)
        under_search.addStretch(1)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 6, 0)
        left_layout.addWidget(self.finder.search)
        left_layout.addLayout(under_search)
        left_layout.addWidget(self.notice)  # the status line: what was saved, what was booked
        left_layout.addWidget(self.left_stack, 1)
        right = QSplitter(Qt.Orientation.Vertical)
        right.addWidget(self.queue)
        right.addWidget(self.follow_ups)
        right.setStretchFactor(0, 3)
        right.setStretchFactor(1, 2)
        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setStretchFactor(0, 0)
        splitter.setStretchFactor(1, 1)
        splitter.setChildrenCollapsible(False)
        splitter.setSizes([LEFT_WIDTH, 2 * LEFT_WIDTH])
        self.layout_.addWidget(splitter, 1)

        self.finder.picked.connect(self.pick)
        self.finder.search.textChanged.connect(self._search_changed)
        self.form.saved.connect(self._saved)
        self.form.cancelled.connect(self._closed)
        self.queue.book_requested.connect(self.book_for_visitor)
        self.follow_ups.book_requested.connect(self.book_for_follow_up)

    def title(self) -> str:
        return _("Front desk")

    def unavailable_reason(self) -> str:
        return desk_roles_reason(self)

    def retranslate_ui(self) -> None:
        super().retranslate_ui()
        if not self.available:
            return
        self.anonymous_button.setText(_("Anonymous visitor ({key})").format(key=ANONYMOUS_KEY))
        self.anonymous_button.setToolTip(
            _("Someone not registered, or who does not give a name: statistics only")
        )
        for part in (self.finder, self.form, self.queue, self.follow_ups):
            part.retranslate_ui()

    # -- loading -------------------------------------------------------------
    def activate(self) -> None:
        """Each time the page shows: the cursor in the search box; the queue and follow-ups
        are read again only when a write elsewhere changed them (the queue's timer follows
        the other desks)."""
        if not self.available:
            return
        super().activate()
        self.focus_search()

    def changes_announced(self, changes: OpChanges) -> None:
        if changes.touches(LIST_TABLES):
            self._lists_loaded = False  # a need, an operator or a comune added in Settings
        super().changes_announced(changes)

    def load(self) -> None:
        if not self.available:
            return
        self.queue.load()
        self.follow_ups.load()
        if not self._lists_loaded:
            self._lists_loaded = True
            self.runner.read(frontdesk.list_needs, on_done=self.form.set_needs, owner=self)
            self.runner.read(frontdesk.desk_operators, on_done=self.form.set_owners, owner=self)
            self.runner.read(
                frontdesk.visitor_lists, on_done=self.form.set_visitor_lists, owner=self
            )
        self.ready.emit()

    def _say(self, text: str) -> None:
        """The status line under the search box (hidden, taking no room, when empty)."""
        self.notice.setText(text)
        self.notice.setVisible(bool(text))

    def focus_search(self) -> None:
        if self.available:
            self.finder.search.setFocus()
            self.finder.search.selectAll()

    # -- recording a contact -------------------------------------------------
    def _search_changed(self, text: str) -> None:
        """Typing shows the results; an emptied box goes back to the form, if one is open."""
        self._say("")
        show_form = not text.strip() and self.form.active
        self.left_stack.setCurrentIndex(1 if show_form else 0)

    def pick(self, hit: PersonHit) -> None:
        today = [row for row in self.queue.rows() if row.person_id == hit.person_id]
        already = (
            _(
                "Already at the desk today ({status}): these requests are added to that contact."
            ).format(status=_(STATUSES[today[0].status]))
            if today
            else ""
        )
        self.left_stack.setCurrentIndex(1)
        self.form.start(hit, already)

    def start_anonymous(self) -> None:
        self._say("")
        self.left_stack.setCurrentIndex(1)
        self.form.start(None)

    def _saved(self, row: ContactRow, to_book: tuple[RequestRow, ...] = ()) -> None:
        self.finder.clear()
        self._closed()
        self._say(
            _("Contact saved: waiting in the queue.")
            if row.status == "waiting"
            else _("Contact saved.")
        )
        self.queue.load(select=row.id)
        self.follow_ups.load()
        if to_book and self.may_book:
            asks = [
                BookingAsk(
                    row.family_id,
                    row.person_id,
                    request.id,
                    frontdesk.suggested_service(request.need_key),
                )
                for request in to_book
            ]
            self.booking.start(asks, _("No appointment was booked; the contact is saved."))

    # -- booking an appointment --------------------------------------------------
    def book_selected(self) -> None:
        """F10: for the follow-up selected when that list has the focus, else for the visitor
        selected in the queue."""
        focused = QApplication.focusWidget()
        if focused is not None and self.follow_ups.isAncestorOf(focused):
            self.follow_ups.book()
        else:
            self.queue.book()

    def book_for_visitor(self, row: QueueRow) -> None:
        self._say("")
        self.booking.start(
            [
                BookingAsk(
                    row.family_id, row.person_id, None, frontdesk.first_suggestion(row.need_keys)
                )
            ],
            _("No appointment was booked."),
        )

    def book_for_follow_up(self, follow_up: FollowUp) -> None:
        self._say("")
        self.booking.start(
            [
                BookingAsk(
                    follow_up.family_id,
                    follow_up.person_id,
                    follow_up.request_id,
                    frontdesk.suggested_service(follow_up.need_key),
                )
            ],
            _("No appointment was booked."),
        )

    def _booking_done(self, sentences: list[str]) -> None:
        """Say what was booked after what was said already (the contact saved)."""
        self._say(" ".join([t for t in (self.notice.text(), *sentences) if t]))
        self.focus_search()

    def _closed(self) -> None:
        self.left_stack.setCurrentIndex(0)
        self.focus_search()
