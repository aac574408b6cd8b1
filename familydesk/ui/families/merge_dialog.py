"""Likely duplicates (same name and birth date) and merging them into one person."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QListWidget,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from familydesk import registry
from familydesk.i18n import _, format_date, format_number, ngettext
from familydesk.kernel.errors import ValidationError
from familydesk.registry import PersonHit
from familydesk.ui.shell.errors import show_error
from familydesk.ui.shell.runner import Runner
from familydesk.ui.widgets.table_model import Column, RowsTableModel


def _versions(session, ids: list[int]) -> dict[int, int]:  # type: ignore[no-untyped-def]
    from sqlalchemy import select

    from familydesk.db.models.registry import Person

    return dict(session.execute(select(Person.id, Person.version).where(Person.id.in_(ids))).all())


def _merge(session, keep_id: int, merge_id: int) -> None:  # type: ignore[no-untyped-def]
    versions = _versions(session, [keep_id, merge_id])
    registry.merge_people(session, keep_id, versions[keep_id], merge_id, versions[merge_id])


class MergeDialog(QDialog):
    """Lists groups of likely duplicates; the operator picks which record to keep."""

    merged = Signal()

    def __init__(self, runner: Runner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.runner = runner
        self.groups: list[list[PersonHit]] = []
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.group_list = QListWidget()
        self.people = RowsTableModel(
            [
                Column(lambda: _("Surname"), lambda h: h.surname),
                Column(lambda: _("Given name"), lambda h: h.given_name),
                Column(lambda: _("Born"), lambda h: format_date(h.birth_date)),
                Column(lambda: _("Tax code"), lambda h: h.tax_code or "—"),
                Column(lambda: _("Family"), lambda h: f"{h.family_name} ({h.comune})"),
            ],
            self,
        )
        self.people_view = QTableView()
        self.people_view.setModel(self.people)
        self.people_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.people_view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.people_view.verticalHeader().hide()
        self.people_view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.merge_button = QPushButton()
        self.merge_button.clicked.connect(self.merge_selected)
        self.status = QLabel()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        for widget in (
            self.intro,
            self.group_list,
            self.people_view,
            self.merge_button,
            self.status,
            buttons,
        ):
            layout.addWidget(widget)
        self.group_list.currentRowChanged.connect(self._group_chosen)
        self.resize(760, 520)
        self.retranslate_ui()
        self.load()

    def retranslate_ui(self) -> None:
        self.setWindowTitle(_("Likely duplicates"))
        self.intro.setText(
            _(
                "People with the same name and birth date (ignoring accents, case and "
                "apostrophes). Select the record to keep: the others in the group are merged into "
                "it, with their consents, and a copy of each merged record is kept in the history."
            )
        )
        self.merge_button.setText(_("Keep the selected record and merge the others into it"))
        self.people.retranslate()

    def load(self) -> None:
        self.runner.read(registry.duplicate_groups, on_done=self._show, owner=self)

    def _show(self, groups: list[list[PersonHit]]) -> None:
        self.groups = groups
        self.group_list.clear()
        for group in groups:
            first = group[0]
            self.group_list.addItem(
                f"{first.surname} {first.given_name} — {format_date(first.birth_date)} "
                f"({len(group)})"
            )
        self.status.setText(
            ngettext(
                "{count} group of likely duplicates.",
                "{count} groups of likely duplicates.",
                len(groups),
            ).format(count=format_number(len(groups)))
            if groups
            else _("No likely duplicates.")
        )
        self.people.set_rows([])
        if groups:
            self.group_list.setCurrentRow(0)
        self.merge_button.setEnabled(bool(groups))

    def _group_chosen(self, row: int) -> None:
        self.people.set_rows(self.groups[row] if 0 <= row < len(self.groups) else [])
        if self.people.rowCount():
            self.people_view.selectRow(0)

    def merge_selected(self) -> None:
        rows = self.people_view.selectionModel().selectedRows()
        if not rows:
            return
        keep = self.people.row_at(rows[0].row())
        others = [
            self.people.row_at(r)
            for r in range(self.people.rowCount())
            if self.people.row_at(r).person_id != keep.person_id
        ]
        for other in others:
            self.runner.write(
                _merge, keep.person_id, other.person_id, on_error=self._failed, owner=self
            )
        self.merged.emit()
        self.load()

    def _failed(self, exc: BaseException) -> None:
        if isinstance(exc, ValidationError):
            self.status.setText(exc.message)
        else:
            show_error(self, exc)
