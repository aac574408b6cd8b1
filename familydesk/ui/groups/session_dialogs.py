"""The dialogs of the Sessions tab: plan from a weekly pattern (with a live preview of the
dates and the ones skipped, and why), an extra session or a moved one, and a reason (to
cancel a session or withdraw a person)."""

from __future__ import annotations

from datetime import datetime, timedelta

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QRadioButton,
    QSpinBox,
    QWidget,
)

from familydesk.appointments.resources import PlaceRow, list_places
from familydesk.groups.catalog import GroupRow
from familydesk.groups.planning import Pattern, PlannedDate, plan_sessions, preview_sessions
from familydesk.groups.sessions import SessionConflict, SessionRow, add_session, change_session
from familydesk.i18n import _, format_number, ngettext
from familydesk.kernel import clock
from familydesk.kernel.errors import ValidationError
from familydesk.kernel.fields import weekday_name
from familydesk.ui.appointments.fields import TimeField, read_moment
from familydesk.ui.shell.runner import Runner
from familydesk.ui.widgets.dialogs import day_label
from familydesk.ui.widgets.fields import DateField
from familydesk.ui.widgets.form_dialog import FormDialog


def session_line(starts_at: datetime, ends_at: datetime) -> str:
    return f"{day_label(starts_at)} {starts_at:%H:%M}-{ends_at:%H:%M}"


class RoomChoice(QComboBox):
    """The rooms of the group's place; the first entry is the group's own room."""

    def __init__(
        self,
        runner: Runner,
        group: GroupRow,
        selected: int | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.addItem(_("The group's room ({room})").format(room=group.room or _("none")), None)
        runner.read(
            list_places,
            owner=self,
            on_done=lambda places: self._places(places, group.place_id, selected),
        )

    def _places(self, places: list[PlaceRow], place_id: int, selected: int | None) -> None:
        for place in places:
            if place.id == place_id:
                for room in place.rooms:
                    self.addItem(room.name, room.id)
        if selected is not None:
            self.choose(selected)

    def choose(self, room_id: int | None) -> None:
        self.setCurrentIndex(max(0, self.findData(room_id)))


class SessionsFormDialog(FormDialog):
    def conflict_text(self, exc: BaseException) -> str | None:
        if isinstance(exc, SessionConflict):
            return _("Not possible:") + "\n" + "\n".join(f"• {reason}" for reason in exc.reasons)
        return None

    def _failed(self, exc: BaseException) -> None:
        text = self.conflict_text(exc)
        if text is not None:
            self.error.show_message(text)
        else:
            super()._failed(exc)


class PlanDialog(SessionsFormDialog):
    """Plan sessions: weekday, hours, first day, how many (or until when), every n weeks."""

    def __init__(self, runner: Runner, group: GroupRow, parent: QWidget | None = None) -> None:
        super().__init__(runner, parent)
        self.group = group
        self.setWindowTitle(_("Plan the sessions of {title}").format(title=group.title))
        self.weekday = QComboBox()
        for day in range(7):
            self.weekday.addItem(weekday_name(day), day)
        self.starts, self.ends = TimeField(), TimeField()
        self.starts.setText("17:00")
        self.ends.setText("19:00")
        self.first_day = DateField()
        self.first_day.retranslate_ui()
        first = (
            (group.last_session.date() + timedelta(days=7))
            if group.last_session
            else clock.today() + timedelta(days=7)
        )
        self.first_day.set_value(first)
        self.weekday.setCurrentIndex(first.weekday())
        self.by_count, self.by_until = QRadioButton(_("Sessions")), QRadioButton(_("Until"))
        self.by_count.setChecked(True)
        self.count = QSpinBox()
        self.count.setRange(1, 200)
        self.count.setValue(10)
        self.until = DateField()
        self.until.retranslate_ui()
        self.every = QSpinBox()
        self.every.setRange(1, 8)
        self.every.setSuffix(" " + ngettext("week", "weeks", 1))
        self.every.valueChanged.connect(
            lambda n: self.every.setSuffix(" " + ngettext("week", "weeks", n))
        )
        self.room = RoomChoice(runner, group)
        self.preview = QListWidget()
        self.preview.setObjectName("planPreview")
        self.preview.setMinimumHeight(220)
        self.summary = QLabel()
        self.summary.setObjectName("countLabel")
        hours, how_many = QHBoxLayout(), QHBoxLayout()
        for widget in (self.starts, QLabel("–"), self.ends):
            hours.addWidget(widget)
        hours.addStretch(1)
        for widget in (self.by_count, self.count, self.by_until, self.until):
            how_many.addWidget(widget)
        how_many.addStretch(1)
        form = QFormLayout()
        form.addRow(_("Weekday"), self.weekday)
        form.addRow(_("Time"), hours)
        form.addRow(_("From"), self.first_day)
        form.addRow(_("How many"), how_many)
        form.addRow(_("Every"), self.every)
        form.addRow(_("Room"), self.room)
        form.addRow(_("Dates"), self.preview)
        form.addRow("", self.summary)
        self.lay_out(form)
        self.buttons.button(self.buttons.StandardButton.Save).setText(_("Plan"))
        for signal in (
            self.weekday.currentIndexChanged,
            self.count.valueChanged,
            self.every.valueChanged,
            self.room.currentIndexChanged,
            self.by_count.toggled,
        ):
            signal.connect(lambda *_a: self.refresh())
        for edit in (self.starts, self.ends, self.first_day, self.until):
            edit.editingFinished.connect(self.refresh)
        self.setMinimumWidth(560)
        self.refresh()

    def pattern(self) -> Pattern:
        """The pattern typed; ``ValueError`` or ``ValidationError`` say what to fix."""
        first = self.first_day.value()
        if first is None:
            raise ValidationError("first_day", _("From: write the first day as dd/mm/yyyy."))
        until = self.until.value() if self.by_until.isChecked() else None
        if self.by_until.isChecked() and until is None:
            raise ValidationError("until", _("Until: write the last day as dd/mm/yyyy."))
        return Pattern(
            weekday=self.weekday.currentData(),
            starts=self.starts.value(),
            ends=self.ends.value(),
            first_day=first,
            count=None if until else self.count.value(),
            until=until,
            every_weeks=self.every.value(),
            room_id=self.room.currentData(),
        )

    def refresh(self) -> None:
        """Ask for the dates the pattern gives (nothing is saved)."""
        try:
            pattern = self.pattern()
        except (ValueError, ValidationError) as exc:
            self.error.show_message(getattr(exc, "message", str(exc)))
            return
        self.error.show_message("")
        self.runner.read(
            preview_sessions,
            self.group.id,
            pattern,
            owner=self,
            on_done=self._previewed,
            on_error=self._failed,
        )

    def _previewed(self, dates: list[PlannedDate]) -> None:
        self.preview.clear()
        for planned in dates:
            text = session_line(planned.starts_at, planned.ends_at)
            item = QListWidgetItem(text)
            if planned.skipped:
                item.setText(
                    _("{date} — skipped: {reason}").format(date=text, reason=planned.skipped)
                )
                item.setForeground(Qt.GlobalColor.darkRed)
            self.preview.addItem(item)
        planned = sum(1 for d in dates if not d.skipped)
        skipped = len(dates) - planned
        self.summary.setText(
            ngettext("{n} session", "{n} sessions", planned).format(n=format_number(planned))
            + (
                ", "
                + ngettext("{n} date skipped", "{n} dates skipped", skipped).format(
                    n=format_number(skipped)
                )
                if skipped
                else ""
            )
        )

    def field_widget(self, field: str) -> QWidget | None:
        return {
            "first_day": self.first_day,
            "until": self.until,
            "starts": self.starts,
            "ends": self.ends,
            "room_id": self.room,
        }.get(field)

    def save(self) -> None:
        try:
            pattern = self.pattern()
        except ValidationError as exc:
            self.show_field_error(exc)
            return
        except ValueError as exc:
            self.error.show_message(str(exc))
            return
        self.submit(plan_sessions, self.group.id, pattern)


class SessionDialog(SessionsFormDialog):
    """An extra session (``row`` None) or a session moved (day, hours, room, topic)."""

    def __init__(
        self, runner: Runner, group: GroupRow, row: SessionRow | None, parent: QWidget | None = None
    ) -> None:
        super().__init__(runner, parent)
        self.group, self.row = group, row
        self.setWindowTitle(
            _("Extra session") if row is None else _("Move session {n}").format(n=row.number)
        )
        self.day = DateField()
        self.day.retranslate_ui()
        self.starts, self.ends = TimeField(), TimeField()
        self.room = RoomChoice(runner, group, row.room_id if row else None)
        self.topic = QLineEdit()
        hours = QHBoxLayout()
        for widget in (self.starts, QLabel("–"), self.ends):
            hours.addWidget(widget)
        hours.addStretch(1)
        if row is not None:
            self.day.set_value(row.starts_at.date())
            self.starts.set_value(row.starts_at)
            self.ends.set_value(row.ends_at)
            self.topic.setText(row.topic)
        else:
            self.starts.setText("17:00")
            self.ends.setText("19:00")
        form = QFormLayout()
        form.addRow(_("Day"), self.day)
        form.addRow(_("Time"), hours)
        form.addRow(_("Room"), self.room)
        form.addRow(_("Topic"), self.topic)
        self.lay_out(form)

    def save(self) -> None:
        try:
            starts_at = read_moment(self.day, self.starts)
            ends_at = datetime.combine(starts_at.date(), self.ends.value())
        except ValueError as exc:
            self.error.show_message(str(exc))
            return
        room_id = self.room.currentData()
        if self.row is None:
            self.submit(add_session, self.group.id, starts_at, ends_at, self.topic.text(), room_id)
        else:
            self.submit(
                change_session,
                self.row.id,
                self.row.version,
                starts_at,
                ends_at,
                room_id,
                self.topic.text(),
            )


class ReasonDialog(FormDialog):
    """A reason (required) and a service to run with it: ``service(session, *args, reason)``."""

    def __init__(
        self,
        runner: Runner,
        title: str,
        question: str,
        service,
        *args: object,  # type: ignore[no-untyped-def]
        parent: QWidget | None = None,
        required: bool = True,
    ) -> None:
        super().__init__(runner, parent)
        self.setWindowTitle(title)
        self.service, self.args, self.required = service, args, required
        self.reason = QLineEdit()
        self.reason.setObjectName("reason")
        form = QFormLayout()
        question_label = QLabel(question)
        question_label.setWordWrap(True)
        form.addRow(question_label)
        form.addRow(_("Reason"), self.reason)
        self.lay_out(form)
        self.buttons.button(self.buttons.StandardButton.Save).setText(_("Confirm"))

    def save(self) -> None:
        reason = self.reason.text().strip()
        if self.required and not reason:
            self.error.show_message(_("Reason: say why (it is kept with the record)."))
            self.reason.setFocus()
            return
        self.submit(self.service, *self.args, reason)
