"""Settings → Family card: the rules of a card type as a form, one rule a line with its
error under it (who may have the card, and for how long).

``RuleFields`` adds its lines to a ``FieldForm``; ``edited`` is emitted on every change
(for the live preview). ``gather`` gives the ``CardTypeInput`` to save and ``draft``
the rules as they read now, even half-typed, for the preview.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import fields
from decimal import Decimal

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QFocusEvent, QKeyEvent, QWheelEvent
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QLabel, QLineEdit, QSpinBox, QWidget

from familydesk.cards.types import (
    FIELDS,
    CardTypeInput,
    CardTypeRow,
    card_type_errors,
    rules_text,
)
from familydesk.i18n import _
from familydesk.kernel.errors import ValidationError
from familydesk.ui.settings.appointments_form import FieldForm, active_box
from familydesk.ui.widgets.fields import parse_money

#: Shown in an optional rule's box while its check box is off.
DEFAULTS = {
    "residence_months": 0,
    "disability_age_limit": 26,
    "holder_min_age": 18,
    "holder_max_age": 35,
}


class NumberBox(QSpinBox):
    """A whole number typed in a form: Enter saves (``entered``), and the mouse wheel only
    turns it when it has the focus (scrolling the page does not change a rule)."""

    entered = Signal()

    def __init__(self, low: int, high: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setRange(low, high)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.setMinimumWidth(64)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.interpretText()
            self.entered.emit()
            return
        super().keyPressEvent(event)

    def wheelEvent(self, event: QWheelEvent) -> None:  # noqa: N802
        if self.hasFocus():
            super().wheelEvent(event)
        else:
            event.ignore()


class _Line(QWidget):
    """A line of fields under one caption, whose Alt+letter leads to its first field that
    can be used (a caption's buddy must take the focus; Tab goes to the fields themselves,
    and a check box is not ticked by the caption's key)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.fields: list[QWidget] = []
        self.setFocusPolicy(Qt.FocusPolicy.ClickFocus)

    def focusInEvent(self, event: QFocusEvent) -> None:  # noqa: N802
        field = next((f for f in self.fields if f.isEnabled()), None)
        if field is not None:
            field.setFocus(Qt.FocusReason.ShortcutFocusReason)


class RuleFields(QObject):
    """The rule lines of the card type form, added to ``form`` in reading order."""

    edited = Signal()
    #: Enter in a field: the editor saves.
    entered = Signal()

    def __init__(self, form: FieldForm, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.form = form
        self._texts: list[tuple[QLabel | QCheckBox, Callable[[], str]]] = []
        self.name = form.add("name", QLineEdit(), lambda: _("&Name"))
        self.name.setMaxLength(100)
        self.description = form.add("description", QLineEdit(), lambda: _("D&escription"))
        self.active = active_box(form)
        # Residence: in a member comune, for at least N months.
        self.residence = self._check(lambda: _("in a member comune, for at least"))
        self.residence_months = NumberBox(0, 240)
        self._line(
            "residence_months",
            lambda: _("&Residence"),
            self.residence,
            self.residence_months,
            self._text(lambda: _("months")),
        )
        self._alias("residence_required", self.residence, "residence_months")
        # Children: at least N under A years; foster children; a longer limit with a disability.
        self.min_children = NumberBox(0, 20)
        self.child_age = NumberBox(1, 40)
        self._line(
            "min_children",
            lambda: _("&Children"),
            self._text(lambda: _("at least")),
            self.min_children,
            self._text(lambda: _("children under")),
            self.child_age,
            self._text(lambda: _("years")),
        )
        self._alias("child_age_limit", self.child_age, "min_children")
        self.count_foster = self._check(
            lambda: _("Foster children count (adopted children always do)")
        )
        self._line("count_foster", lambda: "", self.count_foster)
        self.disability = self._check(lambda: _("a child with a disability counts up to"))
        self.disability_age = NumberBox(1, 99)
        self._line(
            "disability_age_limit",
            lambda: _("Disa&bility"),
            self.disability,
            self.disability_age,
            self._text(lambda: _("years")),
        )
        # The holder's age (youth cards): at least / at most, each optional.
        self.holder_min = self._check(lambda: _("at least"))
        self.holder_min_age = NumberBox(0, 120)
        self.holder_max = self._check(lambda: _("at most"))
        self.holder_max_age = NumberBox(0, 120)
        self._line(
            "holder_min_age",
            lambda: _("Holder's a&ge"),
            self.holder_min,
            self.holder_min_age,
            self.holder_max,
            self.holder_max_age,
            self._text(lambda: _("years old")),
        )
        self._alias("holder_max_age", self.holder_max_age, "holder_min_age")
        # ISEE ceiling: a valid, unexpired ISEE of at most the amount.
        self.isee = self._check(lambda: _("at most"))
        self.isee_ceiling = QLineEdit()
        self.isee_ceiling.setMaximumWidth(130)
        self.isee_ceiling.setAlignment(Qt.AlignmentFlag.AlignRight)
        self._line(
            "isee_ceiling",
            lambda: _("&ISEE ceiling"),
            self.isee,
            self.isee_ceiling,
            self._text(lambda: _("€, with a valid ISEE (not expired)")),
        )
        self.validity = NumberBox(1, 120)
        self._line(
            "validity_months",
            lambda: _("Validi&ty"),
            self.validity,
            self._text(lambda: _("months from the day of issue")),
        )
        for box, number in (
            (self.residence, self.residence_months),  # the disability's: _changed
            (self.holder_min, self.holder_min_age),
            (self.holder_max, self.holder_max_age),
            (self.isee, self.isee_ceiling),
        ):
            box.toggled.connect(number.setEnabled)
        for check in (
            self.active,
            self.residence,
            self.count_foster,
            self.disability,
            self.holder_min,
            self.holder_max,
            self.isee,
        ):
            check.toggled.connect(self._changed)
        for number in (
            self.residence_months,
            self.min_children,
            self.child_age,
            self.disability_age,
            self.holder_min_age,
            self.holder_max_age,
            self.validity,
        ):
            number.valueChanged.connect(self._changed)
            number.entered.connect(self.entered)
        for edit in (self.name, self.description, self.isee_ceiling):
            edit.textChanged.connect(self._changed)
            edit.returnPressed.connect(self.entered)

    # -- building ----------------------------------------------------------------
    def _check(self, text: Callable[[], str]) -> QCheckBox:
        box = QCheckBox()
        self._texts.append((box, text))
        return box

    def _text(self, text: Callable[[], str]) -> QLabel:
        label = QLabel()
        self._texts.append((label, text))
        return label

    def _line(self, key: str, label: Callable[[], str], *parts: QWidget) -> QWidget:
        """``parts`` side by side as one line of the form; its caption leads to the first."""
        cell = _Line()
        row = QHBoxLayout(cell)
        row.setContentsMargins(0, 0, 0, 0)
        for part in parts:
            row.addWidget(part)
        row.addStretch(1)
        cell.fields = [p for p in parts if not isinstance(p, QLabel)]
        self.form.add(key, cell, label)
        cell.setObjectName(f"{key}_line")
        entry = _first_entry(parts)
        entry.setObjectName(key)
        self.form.widgets[key] = entry
        return cell

    def _alias(self, key: str, widget: QWidget, line: str) -> None:
        """Errors about ``key`` go under ``line`` and put the cursor in ``widget``."""
        widget.setObjectName(key)
        self.form.widgets[key], self.form.errors[key] = widget, self.form.errors[line]

    def focus_order(self) -> list[QWidget]:
        """The form's fields in reading order (for the Tab key)."""
        return [
            self.name,
            self.description,
            self.active,
            self.residence,
            self.residence_months,
            self.min_children,
            self.child_age,
            self.count_foster,
            self.disability,
            self.disability_age,
            self.holder_min,
            self.holder_min_age,
            self.holder_max,
            self.holder_max_age,
            self.isee,
            self.isee_ceiling,
            self.validity,
        ]

    def retranslate(self) -> None:
        for widget, text in self._texts:
            widget.setText(text())
        self.name.setPlaceholderText(_("e.g. Carta della Famiglia, Carta Giovani"))
        self.description.setPlaceholderText(_("For the operators, e.g. for large families"))
        self.isee_ceiling.setPlaceholderText(_("e.g. 30.000"))
        self.form.retranslate()

    def _changed(self, *_args: object) -> None:
        children = self.min_children.value() > 0
        for widget in (self.child_age, self.count_foster, self.disability):
            widget.setEnabled(children)
        self.disability_age.setEnabled(children and self.disability.isChecked())
        self.edited.emit()

    # -- values ------------------------------------------------------------------
    def fill(self, row: CardTypeRow | None) -> None:
        """Show ``row``'s rules (None: those of a new type, a plain family card)."""
        self.name.setText(row.name if row else "")
        self.description.setText(row.description if row else "")
        self.active.setChecked(row.active if row else True)
        self.residence.setChecked(row.residence_required if row else True)
        self.residence_months.setValue(row.residence_months if row else 0)
        self.min_children.setValue(row.min_children if row else 1)
        self.child_age.setValue(row.child_age_limit if row else 18)
        self.count_foster.setChecked(row.count_foster if row else True)
        optional = (
            (self.disability, self.disability_age, "disability_age_limit"),
            (self.holder_min, self.holder_min_age, "holder_min_age"),
            (self.holder_max, self.holder_max_age, "holder_max_age"),
        )
        for box, number, key in optional:
            value = getattr(row, key) if row else None
            box.setChecked(value is not None)
            number.setEnabled(value is not None)
            number.setValue(DEFAULTS[key] if value is None else value)
        ceiling = row.isee_ceiling if row else None
        self.isee.setChecked(ceiling is not None)
        self.isee_ceiling.setEnabled(ceiling is not None)
        self.isee_ceiling.setText(_amount_text(ceiling))
        self.validity.setValue(row.validity_months if row else 12)
        self._changed()

    def gather(self, row: CardTypeRow | None, draft: bool = False) -> CardTypeInput:
        """The input for ``save_card_type`` (``row`` is the type edited, None for a new one).

        ``ValidationError`` when the ISEE ceiling cannot be read, with every other wrong
        field beside it (what the service would refuse), in the form's order; a ``draft``
        leaves an unreadable ceiling out instead."""
        unreadable: list[tuple[str, str]] = []
        data = CardTypeInput(
            name=self.name.text(),
            description=self.description.text(),
            residence_required=self.residence.isChecked(),
            residence_months=self.residence_months.value() if self.residence.isChecked() else 0,
            min_children=self.min_children.value(),
            child_age_limit=self.child_age.value(),
            count_foster=self.count_foster.isChecked(),
            disability_age_limit=_optional(self.disability, self.disability_age),
            isee_ceiling=self._ceiling(None if draft else unreadable),
            holder_min_age=_optional(self.holder_min, self.holder_min_age),
            holder_max_age=_optional(self.holder_max, self.holder_max_age),
            validity_months=self.validity.value(),
            active=self.active.isChecked(),
            id=row.id if row else None,
            version=row.version if row else None,
        )
        if unreadable:
            order = {field: index for index, field in enumerate(FIELDS)}
            errors = sorted(
                [*unreadable, *card_type_errors(data)], key=lambda e: order.get(e[0], len(order))
            )
            (field, message), *more = errors
            raise ValidationError(field, message, tuple(more))
        return data

    def _ceiling(self, unreadable: list[tuple[str, str]] | None) -> Decimal | None:
        """The ceiling typed; None when unticked, or unreadable (said in ``unreadable``,
        unless it is None: a draft)."""
        if not self.isee.isChecked():
            return None
        text = self.isee_ceiling.text().strip()
        if not text:
            message = _(
                "ISEE ceiling: write the amount, e.g. 30.000, or untick the box for no income "
                "limit."
            )
        else:
            try:
                return parse_money(text)
            except ValueError:
                message = _(
                    "ISEE ceiling: “{text}” is not an amount: write it like 30.000 or 30.000,00."
                ).format(text=text)
        if unreadable is not None:
            unreadable.append(("isee_ceiling", message))
        return None

    def draft(self) -> list[str]:
        """The rules as they read now (the preview), however far the typing has got."""
        data = self.gather(None, draft=True)
        keep = {f.name for f in fields(CardTypeRow)}
        values = {f.name: getattr(data, f.name) for f in fields(data) if f.name in keep}
        draft = CardTypeRow(**{**values, "id": 0, "uid": "", "version": 0, "active_cards": 0})
        lines = list(rules_text(draft))
        if self.isee.isChecked() and data.isee_ceiling is None:
            lines[lines.index(_("No income limit."))] = _(
                "A valid ISEE of at most … (write the ceiling)."
            )
        if not data.active:
            lines.append(_("Not in use: no new cards of this type are issued."))
        return lines


def _first_entry(parts: tuple[QWidget, ...]) -> QWidget:
    """Where an error puts the cursor: the line's first number or text box."""
    return next((p for p in parts if isinstance(p, QSpinBox | QLineEdit)), parts[0])


def _optional(box: QCheckBox, number: QSpinBox) -> int | None:
    return number.value() if box.isChecked() else None


def _amount_text(amount: Decimal | None) -> str:
    """30000.00 -> "30.000", 12345.5 -> "12.345,50" (read back by ``parse_money``)."""
    if amount is None:
        return ""
    whole, cents = divmod(amount.quantize(Decimal("0.01")), 1)
    text = f"{int(whole):,}".replace(",", ".")
    return text if not cents else f"{text},{int(cents * 100):02d}"
