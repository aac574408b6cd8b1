"""Choose people from the registry: search as on the families page, then tick the family's
members (sign-ups and walk-ins). Keyboard: type, Down to the results, Enter to choose the
family, Space ticks a member, Ctrl+Enter saves."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QFormLayout, QLabel, QListWidget, QListWidgetItem, QWidget

from familydesk.i18n import _, format_date
from familydesk.registry import FamilyDetail
from familydesk.ui.shell.runner import Runner
from familydesk.ui.widgets.form_dialog import FormDialog
from familydesk.ui.widgets.person_picker import PersonPicker


class PeopleDialog(FormDialog):
    """``save`` calls ``action(person_ids)``, which runs the service through ``submit`` or
    ``run_each``; ``saved(result)`` then closes the dialog."""

    def __init__(
        self,
        runner: Runner,
        title: str,
        intro: str,
        action: Callable[[list[int]], None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(runner, parent)
        self.setWindowTitle(title)
        self.action = action
        self.picker = PersonPicker(runner)
        self.picker.member.hide()  # members are ticked in the list below instead
        self.picker.family_label.hide()
        self.picker.retranslate_ui()
        self.picker.chosen.connect(self._family_chosen)
        self.family = QLabel()
        self.family.setObjectName("okLabel")
        self.members = QListWidget()
        self.members.setObjectName("memberTicks")
        self.members.setMinimumHeight(120)
        self.intro = QLabel(intro)
        self.intro.setWordWrap(True)
        form = QFormLayout()
        form.addRow(self.intro)
        form.addRow(_("Find"), self.picker)
        form.addRow(self.family)
        form.addRow(_("Who"), self.members)
        self.lay_out(form)
        self.buttons.button(self.buttons.StandardButton.Save).setText(_("Sign up"))
        QShortcut(QKeySequence("Ctrl+Return"), self, self.save)
        self.setMinimumWidth(560)

    def _family_chosen(self) -> None:
        detail: FamilyDetail | None = self.picker.family
        chosen = self.picker.member.currentData()
        self.picker.member.hide()
        self.members.clear()
        if detail is None:
            return
        self.family.setText(_("Family {name}").format(name=detail.name))
        for member in detail.members:
            born = format_date(member.birth_date)
            text = f"{member.last_name} {member.first_name}" + (f" ({born})" if born else "")
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, member.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(
                Qt.CheckState.Checked if member.id == chosen else Qt.CheckState.Unchecked
            )
            self.members.addItem(item)
        self.members.setFocus()
        self.members.setCurrentRow(0)

    def tick(self, person_ids: list[int]) -> None:
        """Tick exactly ``person_ids`` (tests, and a family chosen from elsewhere)."""
        for row in range(self.members.count()):
            item = self.members.item(row)
            ticked = item.data(Qt.ItemDataRole.UserRole) in person_ids
            item.setCheckState(Qt.CheckState.Checked if ticked else Qt.CheckState.Unchecked)

    def person_ids(self) -> list[int]:
        return [
            self.members.item(r).data(Qt.ItemDataRole.UserRole)
            for r in range(self.members.count())
            if self.members.item(r).checkState() == Qt.CheckState.Checked
        ]

    def save(self) -> None:
        ids = self.person_ids()
        if not ids:
            self.error.show_message(_("Who: find the family, then tick the people (Space ticks)."))
            return
        self.error.show_message("")
        self.action(ids)

    def run_each(
        self,
        service: Callable[..., Any],
        first: Callable[[], tuple[Any, ...]],
        ids: list[int],
        following: Callable[[Any], tuple[Any, ...]],
    ) -> None:
        """``service(session, *args, person_id)`` for each id in turn: the arguments come from
        ``first()``, then from ``following(previous result)`` (a session's new version)."""

        def step(args: tuple[Any, ...], rest: list[int], result: Any) -> None:
            if not rest:
                self._saved(result)
                return
            self.runner.write(
                service,
                *args,
                rest[0],
                owner=self,
                on_error=self._failed,
                on_done=lambda done: step(following(done), rest[1:], done),
            )

        step(first(), ids, None)
