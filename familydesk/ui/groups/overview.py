"""The Overview and Figures tabs of a group: what it is, and how it is going."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFormLayout, QLabel, QVBoxLayout, QWidget

from familydesk.groups.catalog import GroupRow
from familydesk.groups.enrolment import EnrolmentRow, participants
from familydesk.groups.figures import Completion, GroupFigures, completions, group_figures
from familydesk.groups.names import KINDS, PHASES, TARGETS, translated
from familydesk.i18n import _, format_date, format_number, language_name, ngettext
from familydesk.ui.shell.runner import Runner
from familydesk.ui.widgets.fields import record_table
from familydesk.ui.widgets.table_model import Column, RowsTableModel

_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter


def percent(value: float | None) -> str:
    return "—" if value is None else f"{format_number(round(value * 100))}%"


def hours(value: float) -> str:
    return format_number(round(value, 1))


def figure_lines(figures: GroupFigures | None) -> list[tuple[str, str]]:
    if figures is None:
        return []
    return [
        (
            _("Sessions held"),
            _("{held} of {planned}").format(
                held=format_number(figures.sessions_held),
                planned=format_number(figures.sessions_planned),
            ),
        ),
        (_("Hours delivered"), hours(figures.hours_delivered)),
        (
            _("People reached"),
            ngettext(
                "{people} ({families} family)",
                "{people} ({families} families)",
                figures.families_reached,
            ).format(
                people=format_number(figures.people_reached),
                families=format_number(figures.families_reached),
            ),
        ),
        (_("Attendance rate"), percent(figures.attendance_rate)),
        (
            _("Completed"),
            _("{done} of {enrolled} ({rate})").format(
                done=format_number(figures.completed),
                enrolled=format_number(figures.enrolled),
                rate=percent(figures.completion_rate),
            ),
        ),
        (_("Waiting list"), format_number(figures.waiting)),
    ]


class FieldsView(QWidget):
    """Label: value lines, rebuilt for each group."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.form = QFormLayout(self)
        self.form.setContentsMargins(0, 0, 0, 0)
        self.form.setLabelAlignment(Qt.AlignmentFlag.AlignRight)

    def set_lines(self, lines: list[tuple[str, str]]) -> None:
        while self.form.rowCount():
            self.form.removeRow(0)
        for label, value in lines:
            shown = QLabel(value)
            shown.setWordWrap(True)
            shown.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            caption = QLabel(f"<b>{escape(label)}</b>")
            self.form.addRow(caption, shown)
            caption.show()  # at once: a layout shows new children of a visible widget later
            shown.show()

    def texts(self) -> dict[str, str]:
        """label -> value (tests)."""
        result = {}
        for row in range(self.form.rowCount()):
            label = self.form.itemAt(row, QFormLayout.ItemRole.LabelRole).widget().text()
            value = self.form.itemAt(row, QFormLayout.ItemRole.FieldRole).widget().text()
            result[label.replace("<b>", "").replace("</b>", "")] = value
        return result


def overview_lines(group: GroupRow) -> list[tuple[str, str]]:
    where = ", ".join(
        part for part in (group.place, group.room, group.address, group.comune) if part
    )
    who = translated(TARGETS, group.target) + (f", {group.age_label}" if group.age_label else "")
    places = (
        _("{used} of {capacity}").format(
            used=format_number(group.places_taken), capacity=format_number(group.capacity)
        )
        if group.capacity
        else _("{used} (no limit)").format(used=format_number(group.places_taken))
    )
    if group.capacity_per == "family":
        places = ngettext(
            "{places}, per family ({people} person)",
            "{places}, per family ({people} people)",
            group.enrolled,
        ).format(places=places, people=format_number(group.enrolled))
    if group.capacity and group.capacity_per == "family":
        places += " " + _("(counted per family)")
    window = " – ".join(
        format_date(d) if d else "…" for d in (group.signup_opens, group.signup_closes)
    )
    dates = " – ".join(
        format_date(d.date()) for d in (group.first_session, group.last_session) if d
    )
    cost = group.cost_label + (f" ({group.cost_note})" if group.cost_note else "")
    return [
        (_("Kind"), translated(KINDS, group.kind)),
        (_("Phase"), translated(PHASES, group.phase)),
        (_("Description"), group.description),
        (_("Where"), where),
        (_("Educators"), ", ".join(group.educators) or "—"),
        (_("For whom"), who),
        (_("Places used"), places),
        (_("Waiting list"), str(group.waiting)),
        (
            _("Sign-ups"),
            window + " · " + (_("open today") if group.signup_open else _("closed today")),
        ),
        (_("Sessions"), f"{group.sessions} ({dates})" if dates else "0"),
        (_("Language"), language_name(group.language)),
        (_("Cost"), cost),
        (_("Completion"), _("sessions attended: at least {n}%").format(n=group.completion_percent)),
    ]


class OverviewTab(QWidget):
    def __init__(self, runner: Runner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.runner = runner
        self.group: GroupRow | None = None
        self.fields = FieldsView()
        self.figures = FieldsView()
        self.figures_title = QLabel()
        self.figures_title.setObjectName("sectionHeading")
        layout = QVBoxLayout(self)
        layout.addWidget(self.fields)
        layout.addWidget(self.figures_title)
        layout.addWidget(self.figures)
        layout.addStretch(1)

    def retranslate_ui(self) -> None:
        self.figures_title.setText(_("Figures"))
        self.show_group(self.group)

    def show_group(self, group: GroupRow | None, figures: GroupFigures | None = None) -> None:
        self.group = group
        self.fields.set_lines(overview_lines(group) if group else [])
        self.figures.set_lines(figure_lines(figures))


def completion_columns() -> list[Column]:
    return [
        Column(lambda: _("Name"), lambda r: r[0].name),
        Column(
            lambda: _("Present"),
            lambda r: _("{present} of {sessions}").format(
                present=format_number(r[1].present), sessions=format_number(r[1].sessions)
            ),
            _RIGHT,
        ),
        Column(lambda: _("Needed"), lambda r: format_number(r[1].needed), _RIGHT),
        Column(lambda: _("Hours"), lambda r: hours(r[1].hours_attended), _RIGHT),
        Column(lambda: _("Completed"), lambda r: _("yes") if r[1].completed else _("not yet")),
    ]


class FiguresTab(QWidget):
    """The group's figures and each participant's way to completion."""

    def __init__(self, runner: Runner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.runner = runner
        self.figures = FieldsView()
        self.model = RowsTableModel(completion_columns(), self)
        self.table = record_table(self.model)
        self.table.setObjectName("completionTable")
        self._people: list[EnrolmentRow] = []
        layout = QVBoxLayout(self)
        layout.addWidget(self.figures)
        layout.addWidget(self.table, 1)

    def retranslate_ui(self) -> None:
        self.model.retranslate()

    def show_figures(self, figures: GroupFigures | None) -> None:
        self.figures.set_lines(figure_lines(figures))

    def load(self, group_id: int | None) -> None:
        if group_id is None:
            self.model.set_rows([])
            return
        self.runner.read(
            participants,
            group_id,
            owner=self,
            on_done=lambda rows: self._people_loaded(rows, group_id),
        )

    def _people_loaded(self, people: list[EnrolmentRow], group_id: int) -> None:
        self._people = people
        self.runner.read(completions, group_id, owner=self, on_done=self._completions)

    def _completions(self, done: dict[int, Completion]) -> None:
        self.model.set_rows([(p, done[p.id]) for p in self._people if p.id in done])


__all__ = ["FiguresTab", "OverviewTab", "group_figures"]
