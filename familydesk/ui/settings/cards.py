"""Settings → Family card (coordinators and administrators, ``SETTINGS``): the card
types and their eligibility rules.

The types on the left (with how many of their cards are active now); on the right the
selected one's rules, New (Ctrl+N), Save (Ctrl+S or Enter) and Remove (a type with
cards issued is kept as not in use). Under the form the rules read as sentences while
they are typed, with the member comuni the residence rule refers to. A save refused
because someone else changed the type meanwhile says so and offers the saved version.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QGroupBox, QLabel, QScrollArea, QVBoxLayout, QWidget
from sqlalchemy.orm import Session

from familydesk.cards import types
from familydesk.cards.types import CardTypeInput, CardTypeRow
from familydesk.db.removal import Removal
from familydesk.i18n import _, format_number, ngettext
from familydesk.kernel.errors import ConflictError, NotFoundError
from familydesk.registry import centre
from familydesk.registry.centre import MemberComuneRow
from familydesk.ui.settings.appointments_form import ResourceEditor, state_text
from familydesk.ui.settings.cards_form import RuleFields
from familydesk.ui.shell.runner import Runner
from familydesk.ui.widgets.banner import Banner
from familydesk.ui.widgets.table_model import Column

SAVE_KEY, NEW_KEY = "Ctrl+S", "Ctrl+N"
_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter


def _remove(session: Session, card_type_id: int, _version: int) -> Removal:
    return types.remove_card_type(session, card_type_id)


class RulesPreview(QGroupBox):
    """The rules being edited as a coordinator would say them, and the member comuni."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rules = QLabel()
        self.rules.setObjectName("rulesPreview")
        self.rules.setWordWrap(True)
        self.rules.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.comuni = QLabel()
        self.comuni.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.rules)
        layout.addWidget(self.comuni)
        layout.addStretch(1)
        self._lines: list[str] = []
        self._member_comuni: list[MemberComuneRow] | None = None
        self._residence = True

    def retranslate_ui(self) -> None:
        self.setTitle(_("The rules in plain words"))

    def show_rules(self, lines: list[str], residence_required: bool) -> None:
        self._lines, self._residence = lines, residence_required
        self.rules.setText("\n".join(f"•  {line}" for line in lines))
        self._show_comuni()

    def set_comuni(self, rows: list[MemberComuneRow]) -> None:
        self._member_comuni = rows
        self._show_comuni()

    def _show_comuni(self) -> None:
        rows = self._member_comuni
        warning = False
        if not self._residence:
            text = _("Families resident in any comune can have this card.")
        elif rows is None:
            text = ""
        elif rows:
            names = ", ".join(f"{r.name} ({r.province})" if r.province else r.name for r in rows)
            text = _("The residence rule refers to the member comuni: {names}.").format(names=names)
        else:
            text = _(
                "There are no member comuni yet: add them in the General tab (Member comuni), or "
                "no family meets the residence rule."
            )
            warning = True
        self.comuni.setText(text)
        self.comuni.setObjectName("errorLabel" if warning else "")
        self.comuni.style().unpolish(self.comuni)
        self.comuni.style().polish(self.comuni)


class CardTypesEditor(ResourceEditor):
    def __init__(self, runner: Runner, parent: QWidget | None = None) -> None:
        super().__init__(
            runner,
            [
                Column(lambda: _("Card type"), lambda r: r.name),
                Column(lambda: _("Active cards"), lambda r: format_number(r.active_cards), _RIGHT),
                Column(lambda: _("State"), state_text),
            ],
            types.list_card_types,
            types.save_card_type,
            _remove,
            parent,
        )
        self.rules = RuleFields(self.form, self)
        self.form.add_general_error()
        self.banner = Banner()
        self.banner.link.connect(self._banner_link)
        self._conflict_id: int | None = None
        self.side.insertWidget(0, self.banner)
        self.preview = RulesPreview()
        self.side.insertWidget(self.side.count() - 1, self.preview)  # above the stretch
        self.columns.setStretch(0, 3)  # a short list: the rules take the width
        self.rules.edited.connect(self.update_preview)
        self.rules.entered.connect(self.save)
        for keys, slot in ((SAVE_KEY, self.save), (NEW_KEY, self.new)):
            shortcut = QShortcut(QKeySequence(keys), self, slot)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        chain = [
            self.table,
            *self.rules.focus_order(),
            self.save_button,
            self.new_button,
            self.remove_button,
        ]
        for first, second in zip(chain, chain[1:], strict=False):
            QWidget.setTabOrder(first, second)
        self.retranslate_ui()
        self.fill(None)

    def retranslate_ui(self) -> None:
        self.save_button.setText(_("&Save card type"))
        self.save_button.setToolTip(SAVE_KEY)
        self.new_button.setText(_("New card type"))
        self.new_button.setToolTip(NEW_KEY)
        self.remove_button.setText(_("Remove…"))
        self.rules.retranslate()
        self.preview.retranslate_ui()
        self.banner.retranslate_ui()
        super().retranslate_ui()
        self.update_preview()

    # -- the list and the form ---------------------------------------------------
    def load(self, select_id: int | None = None) -> None:
        self.runner.read(centre.list_member_comuni, on_done=self.preview.set_comuni, owner=self)
        super().load(select_id)

    def fill(self, row: CardTypeRow | None) -> None:
        self.rules.fill(row)
        self.update_preview()

    def gather(self) -> CardTypeInput:
        return self.rules.gather(self.current)

    def update_preview(self) -> None:
        self.preview.show_rules(self.rules.draft(), self.rules.residence.isChecked())

    def new(self) -> None:
        self.banner.clear()
        super().new()

    def save(self) -> None:
        self.banner.clear()
        super().save()

    # -- removal -----------------------------------------------------------------
    def removal_question(self, row: Any) -> str:
        question = _(
            "Remove the card type “{name}”? If cards were issued with it, it is kept as not "
            "in use and no new cards of this type can be issued."
        ).format(name=row.name)
        if row.active_cards:
            question += " " + ngettext(
                "{n} card of this type is active now.",
                "{n} cards of this type are active now.",
                row.active_cards,
            ).format(n=format_number(row.active_cards))
        return question

    def remove(self) -> None:
        self.banner.clear()
        super().remove()

    def _removed(self, result: str) -> None:
        super()._removed(result)
        if result != "deleted":
            self.status.setText(
                _(
                    "Kept as not in use: cards were issued with it and keep its name. No new cards "
                    "of this type can be issued."
                )
            )

    # -- refusals ----------------------------------------------------------------
    def _failed(self, exc: BaseException) -> None:
        if isinstance(exc, ConflictError):
            self._conflict_id = getattr(self.current, "id", None)
            self.banner.show_message(
                "warning", [exc.message], (("reload", _("Show the saved version")),)
            )
        elif isinstance(exc, NotFoundError):
            self.banner.show_message("warning", [exc.message])
            self.current = None
            self.load()
        else:
            super()._failed(exc)

    def _banner_link(self, href: str) -> None:
        if href == "reload":
            self.banner.clear()
            self.current = None
            self.load(select_id=self._conflict_id)


class CardTypesSettings(QWidget):
    """The Family card tab of Settings (the page adds it for ``SETTINGS`` only)."""

    def __init__(self, runner: Runner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.runner = runner
        self.editor = CardTypesEditor(runner)
        # On a small screen (1366x768 and a task bar) the tab scrolls rather than squeezes.
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(self.editor)
        for area in (scroll.viewport(), self.editor):
            area.setAutoFillBackground(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(scroll)

    def title(self) -> str:
        return _("Family card")

    def load(self) -> None:
        self.editor.load()

    def retranslate_ui(self) -> None:
        self.editor.retranslate_ui()
