"""What can be done with one card, from the Card register and from the family page's Cards
tab: renew it (after a confirmation), revoke it (a reason is required), replace a lost
or damaged card (a new number, the old one stops working at once), print the card and its
cover letter.

Each change is sent with the version of the card that was shown: when someone changed
the card in the meantime the service refuses, nothing is written, and the tab shows
the service's message and loads the card again. Buttons are enabled only when the
action makes sense for the card's state on the day.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QWidget,
)

from familydesk.cards.issue import renew_card, replace_card, revoke_card
from familydesk.cards.records import CardRow
from familydesk.i18n import N_, _, format_date
from familydesk.kernel.errors import FamilyDeskError, ValidationError
from familydesk.trust import permissions
from familydesk.ui.cards import printing
from familydesk.ui.cards.register_model import today
from familydesk.ui.shell.errors import show_error
from familydesk.ui.shell.runner import Runner
from familydesk.ui.widgets.banner import Banner
from familydesk.ui.widgets.dialogs import open_dialog, report
from familydesk.ui.widgets.form_dialog import FormDialog
from familydesk.ui.widgets.page import PageContext

#: Reasons offered for a replacement (the field takes any other text too).
REPLACE_REASONS = (N_("lost card"), N_("stolen card"), N_("damaged card"))


def allowed(action: str, card: CardRow, day: date) -> bool:
    """Whether ``action`` (renew, revoke, replace, print) makes sense for ``card`` on ``day``:
    a revoked or replaced card is finished; an expired one can only be renewed or revoked."""
    state = card.register_state(day)
    if state in ("revoked", "replaced"):
        return False
    if action in ("renew", "revoke"):
        return True
    return state != "expired"


class CardDialog(FormDialog):
    """A card change with a reason. A wrong field is shown under the form; any other
    refusal (the card changed meanwhile, or it is no longer active) closes the dialog and
    goes to ``refused(exc)``: the tab shows it and loads the card again."""

    refused = Signal(object)

    def __init__(
        self,
        runner: Runner,
        card: CardRow,
        title: str,
        question: str,
        action: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(runner, parent)
        self.card = card
        self.setWindowTitle(title)
        self.question = QLabel(question)
        self.question.setWordWrap(True)
        self.form = QFormLayout()
        self.form.addRow(self.question)
        self.action = action

    def finish(self) -> None:
        self.lay_out(self.form)
        self.buttons.button(self.buttons.StandardButton.Save).setText(self.action)

    def _failed(self, exc: BaseException) -> None:
        if isinstance(exc, ValidationError):
            self.show_field_error(exc)
        elif isinstance(exc, FamilyDeskError):
            self.refused.emit(exc)
            self.reject()
        else:
            show_error(self, exc)


class RevokeDialog(CardDialog):
    def __init__(self, runner: Runner, card: CardRow, parent: QWidget | None = None) -> None:
        super().__init__(
            runner,
            card,
            _("Revoke card"),
            _(
                "Revoke card {number} of {holder}? It stops being valid at once: partners will "
                "refuse it, and it cannot be renewed."
            ).format(number=card.grouped_number, holder=card.holder),
            _("Revoke"),
            parent,
        )
        self.reason = QLineEdit()
        self.reason.setObjectName("reason")
        self.reason.setMaxLength(200)
        self.reason.setPlaceholderText(_("e.g. the family no longer lives in the consortium"))
        self.form.addRow(_("Reason"), self.reason)
        self.finish()

    def field_widget(self, field: str) -> QWidget | None:
        return self.reason if field == "reason" else None

    def save(self) -> None:
        if not self.reason.text().strip():
            self.show_field_error(
                ValidationError("reason", _("Reason: say why the card is revoked."))
            )
            return
        self.submit(revoke_card, self.card.id, self.card.version, self.reason.text())


class ReplaceDialog(CardDialog):
    def __init__(self, runner: Runner, card: CardRow, parent: QWidget | None = None) -> None:
        super().__init__(
            runner,
            card,
            _("Replace a card"),
            _(
                "Replace card {number} of {holder}? A duplicate gets a new number with the same "
                "holder, members and expiry ({day}); the old number stops being valid at once."
            ).format(
                number=card.grouped_number, holder=card.holder, day=format_date(card.expires_on)
            ),
            _("Replace"),
            parent,
        )
        self.reason = QComboBox()
        self.reason.setObjectName("reason")
        self.reason.setEditable(True)
        for reason in REPLACE_REASONS:
            self.reason.addItem(_(reason))
        self.reason.lineEdit().setMaxLength(200)
        self.form.addRow(_("Reason"), self.reason)
        self.finish()

    def field_widget(self, field: str) -> QWidget | None:
        return self.reason if field == "reason" else None

    def save(self) -> None:
        self.submit(replace_card, self.card.id, self.card.version, self.reason.currentText())


class CardActions(QObject):
    """The buttons of the actions on one card (``set_card``), for a tab to lay out.

    ``changed(card)`` after a change, with the card to show (the new one after a
    replacement); ``stale()`` after a refusal, as the card may have changed meanwhile.
    Messages go to ``banner``; its links print the new card after a replacement."""

    changed = Signal(object)
    stale = Signal()

    def __init__(
        self, runner: Runner, may_change: bool, may_print: bool, banner: Banner, owner: QWidget
    ) -> None:
        super().__init__(owner)
        self.runner, self.banner, self.owner = runner, banner, owner
        self.card: CardRow | None = None
        self.renew_button, self.revoke_button, self.replace_button = (
            QPushButton(),
            QPushButton(),
            QPushButton(),
        )
        self.card_button, self.letter_button = QPushButton(), QPushButton()
        self.actions = {
            "renew": (self.renew_button, self.renew, may_change),
            "revoke": (self.revoke_button, self.revoke, may_change),
            "replace": (self.replace_button, self.replace, may_change),
            "print": (self.card_button, self.print_card, may_print),
            "letter": (self.letter_button, self.print_letter, may_print),
        }
        for key, (button, slot, may) in self.actions.items():
            button.setObjectName(f"{key}Card")
            button.setVisible(may)
            button.clicked.connect(slot)
        banner.link.connect(self._link)
        self.set_card(None)

    @classmethod
    def for_context(cls, context: PageContext, banner: Banner, owner: QWidget) -> CardActions:
        """The actions with the buttons the signed-in operator may use."""
        return cls(
            context.runner,
            context.may(permissions.CARDS),
            context.may(permissions.PRINT),
            banner,
            owner,
        )

    def buttons(self) -> list[QPushButton]:
        return [button for button, _slot, _may in self.actions.values()]

    def retranslate_ui(self) -> None:
        texts = {
            "renew": (
                _("&Renew"),
                _("A new validity from today, if the family still meets the rules (same number)."),
            ),
            "revoke": (_("Rev&oke…"), _("The card stops being valid at once, with a reason.")),
            "replace": (
                _("Re&place lost card…"),
                _("A duplicate with a new number; the old number stops being valid."),
            ),
            "print": (_("Print &card"), _("The card, for the card printer.")),
            "letter": (
                _("Print cover &letter"),
                _("The letter to the holder that goes with the card."),
            ),
        }
        for key, (text, tip) in texts.items():
            button = self.actions[key][0]
            button.setText(text)
            button.setToolTip(tip)

    def set_card(self, card: CardRow | None) -> None:
        """The card the buttons act on (None: all disabled)."""
        self.card = card
        day = today()
        for key, (button, _slot, _may) in self.actions.items():
            action = "print" if key == "letter" else key
            button.setEnabled(card is not None and allowed(action, card, day))

    def _current(self, action: str) -> CardRow | None:
        card = self.card
        if card is None:
            self.banner.show_message("info", [_("Choose a card in the list first.")])
            return None
        if not allowed(action, card, today()) or not self.actions[action][2]:
            return None
        return card

    # -- changes -------------------------------------------------------------------------
    def renew(self) -> None:
        card = self._current("renew")
        if card is None:
            return
        question = _(
            "Renew card {number} of {holder}? If the family still meets the rules it is valid "
            "again from today, with the same number."
        ).format(number=card.grouped_number, holder=card.holder)
        answer = QMessageBox.question(
            self.owner,
            _("Renew card"),
            question,
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.Yes,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        self.runner.write(
            renew_card,
            card.id,
            card.version,
            owner=self.owner,
            on_done=self._renewed,
            on_error=self._refused,
        )

    def _renewed(self, card: CardRow) -> None:
        lines = [
            _("Card {number} renewed: valid until {day}.").format(
                number=card.grouped_number, day=format_date(card.expires_on)
            )
        ]
        if card.shortened_reason:
            lines.append(_("Shortened: {reason}.").format(reason=card.shortened_reason))
        self._done(card, lines)

    def revoke(self) -> RevokeDialog | None:
        card = self._current("revoke")
        if card is None:
            return None
        dialog = RevokeDialog(self.runner, card, self.owner)
        dialog.saved.connect(
            lambda row: self._done(
                row,
                [
                    _("Card {number} revoked: {reason}.").format(
                        number=row.grouped_number, reason=row.revoke_reason
                    )
                ],
            )
        )
        dialog.refused.connect(self._refused)
        return open_dialog(self.owner, dialog)

    def replace(self) -> ReplaceDialog | None:
        card = self._current("replace")
        if card is None:
            return None
        dialog = ReplaceDialog(self.runner, card, self.owner)
        dialog.saved.connect(lambda row: self._replaced(card, row))
        dialog.refused.connect(self._refused)
        return open_dialog(self.owner, dialog)

    def _replaced(self, old: CardRow, new: CardRow) -> None:
        lines = [
            _(
                "Card {old} replaced by the new card {number}: the old number is no longer valid."
            ).format(old=old.grouped_number, number=new.grouped_number)
        ]
        links = ()
        if self.actions["print"][2]:
            links = (
                (f"card:{new.number}", _("Print the new card")),
                (f"letter:{new.number}", _("Print its cover letter")),
            )
        self.banner.show_message("ok", lines, links)
        self.changed.emit(new)

    def _done(self, card: CardRow, lines: list[str]) -> None:
        self.banner.show_message("ok", lines)
        self.changed.emit(card)

    def _refused(self, exc: BaseException) -> None:
        report(self.banner, self.owner, exc)
        if isinstance(exc, FamilyDeskError):
            self.stale.emit()

    # -- printing ------------------------------------------------------------------------
    def print_card(self) -> None:
        card = self._current("print")
        if card is not None:
            printing.print_card(self.runner, self.owner, card.number, self._failed)

    def print_letter(self) -> None:
        card = self._current("print")
        if card is not None:
            printing.print_cover_letter(self.runner, self.owner, card.number, self._failed)

    def _link(self, href: str) -> None:
        kind, _sep, number = href.partition(":")
        if kind == "card":
            printing.print_card(self.runner, self.owner, number, self._failed)
        elif kind == "letter":
            printing.print_cover_letter(self.runner, self.owner, number, self._failed)

    def _failed(self, exc: BaseException) -> None:
        report(self.banner, self.owner, exc)
