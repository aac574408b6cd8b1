"""Card types and their eligibility rules, set by a coordinator (``SETTINGS``), read by
everyone who sees families. Each type also reads as plain sentences (``rules_text``)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from familydesk.db.database import load_for_update
from familydesk.db.models.cards import Card, CardType
from familydesk.db.removal import remove_or_retire
from familydesk.i18n import _, format_money, format_number, ngettext
from familydesk.kernel import clock
from familydesk.kernel.errors import FieldErrors, NotFoundError
from familydesk.kernel.fields import clean_text
from familydesk.trust import permissions


@dataclass(frozen=True)
class CardTypeInput:
    """A new card type (``id`` None) or the changes to one (``id`` and the ``version`` read)."""

    name: str
    description: str = ""
    residence_required: bool = True
    residence_months: int = 0
    min_children: int = 0
    child_age_limit: int = 18
    count_foster: bool = True
    disability_age_limit: int | None = None
    isee_ceiling: Decimal | None = None
    holder_min_age: int | None = None
    holder_max_age: int | None = None
    validity_months: int = 12
    active: bool = True
    id: int | None = None
    version: int | None = None


@dataclass(frozen=True)
class CardTypeRow:
    id: int
    uid: str
    version: int
    name: str
    description: str
    residence_required: bool
    residence_months: int
    min_children: int
    child_age_limit: int
    count_foster: bool
    disability_age_limit: int | None
    isee_ceiling: Decimal | None
    holder_min_age: int | None
    holder_max_age: int | None
    validity_months: int
    active: bool
    #: Cards of this type that are active now.
    active_cards: int

    @property
    def rules_text(self) -> tuple[str, ...]:
        return rules_text(self)


def rules_text(t: CardTypeRow | CardType) -> tuple[str, ...]:
    """The rules as a coordinator would say them."""
    lines = []
    if t.residence_required:
        lines.append(
            ngettext(
                "Resident in a member comune for at least {n} month.",
                "Resident in a member comune for at least {n} months.",
                t.residence_months,
            ).format(n=format_number(t.residence_months))
            if t.residence_months
            else _("Resident in a member comune.")
        )
    if t.min_children:
        line = ngettext(
            "At least {n} child under {age}.", "At least {n} children under {age}.", t.min_children
        ).format(n=format_number(t.min_children), age=t.child_age_limit)
        if t.disability_age_limit:
            line += " " + _("Children with a disability count up to {age}.").format(
                age=t.disability_age_limit
            )
        if not t.count_foster:
            line += " " + _("Foster children do not count.")
        lines.append(line)
    if t.holder_min_age is not None or t.holder_max_age is not None:
        lines.append(
            _("The holder is {low} to {high} years old.").format(
                low=t.holder_min_age if t.holder_min_age is not None else 18,
                high=t.holder_max_age if t.holder_max_age is not None else "…",
            )
        )
    if t.isee_ceiling is not None:
        lines.append(
            _("A valid ISEE of at most {amount}.").format(amount=format_money(t.isee_ceiling))
        )
    else:
        lines.append(_("No income limit."))
    lines.append(
        ngettext("Valid for {n} month.", "Valid for {n} months.", t.validity_months).format(
            n=format_number(t.validity_months)
        )
    )
    return tuple(lines)


def _row(session: Session, t: CardType, today: date | None = None) -> CardTypeRow:
    today = today or clock.today()
    active = (
        session.scalar(
            select(func.count()).where(
                Card.card_type_id == t.id, Card.status == "active", Card.expires_on >= today
            )
        )
        or 0
    )
    return CardTypeRow(
        id=t.id,
        uid=str(t.uid),
        version=t.version,
        name=t.name,
        description=t.description,
        residence_required=t.residence_required,
        residence_months=t.residence_months,
        min_children=t.min_children,
        child_age_limit=t.child_age_limit,
        count_foster=t.count_foster,
        disability_age_limit=t.disability_age_limit,
        isee_ceiling=t.isee_ceiling,
        holder_min_age=t.holder_min_age,
        holder_max_age=t.holder_max_age,
        validity_months=t.validity_months,
        active=t.active,
        active_cards=active,
    )


def list_card_types(session: Session, active_only: bool = False) -> list[CardTypeRow]:
    permissions.require(session, permissions.VIEW_REGISTRY)
    query = select(CardType).order_by(CardType.name)
    if active_only:
        query = query.where(CardType.active.is_(True))
    return [_row(session, t) for t in session.scalars(query)]


def get_card_type(session: Session, card_type_id: int) -> CardTypeRow:
    permissions.require(session, permissions.VIEW_REGISTRY)
    t = session.get(CardType, card_type_id)
    if t is None:
        raise NotFoundError(_("This card type no longer exists."))
    return _row(session, t)


#: The fields of a card type in the order the form shows them (errors are said so).
FIELDS = (
    "name",
    "description",
    "residence_months",
    "min_children",
    "child_age_limit",
    "disability_age_limit",
    "holder_min_age",
    "holder_max_age",
    "isee_ceiling",
    "validity_months",
)


def _whole(
    errors: FieldErrors,
    field: str,
    label: str,
    value: int | None,
    low: int,
    high: int,
    optional: bool = False,
) -> int | None:
    if value is None and optional:
        return None
    if value is None or not low <= value <= high:
        errors.add(
            field,
            _("{field}: give a whole number from {low} to {high}.").format(
                field=label, low=low, high=high
            ),
        )
        return None
    return value


def _clean(
    data: CardTypeInput, errors: FieldErrors, taken: Callable[[str], bool] = lambda _name: False
) -> dict[str, object]:
    """The values to save; what is wrong goes to ``errors`` in the form's order, each
    message starting with the words of its field's label (Residence, Children, ...)."""
    name = errors.check(clean_text, "name", _("Name"), data.name, 100, required=True)
    if name and taken(name):
        errors.add("name", _("Name: another card type is already called {name}.").format(name=name))
    values = {
        "name": name,
        "description": (data.description or "").strip(),
        "residence_required": data.residence_required,
        "residence_months": _whole(
            errors, "residence_months", _("Residence"), data.residence_months, 0, 240
        ),
        "min_children": _whole(
            errors, "min_children", _("Children (how many)"), data.min_children, 0, 20
        ),
        "child_age_limit": _whole(
            errors, "child_age_limit", _("Children (age limit)"), data.child_age_limit, 1, 40
        ),
        "count_foster": data.count_foster,
        "disability_age_limit": _whole(
            errors,
            "disability_age_limit",
            _("Disability"),
            data.disability_age_limit,
            1,
            99,
            optional=True,
        ),
        "holder_min_age": _whole(
            errors,
            "holder_min_age",
            _("Holder's age (at least)"),
            data.holder_min_age,
            0,
            120,
            optional=True,
        ),
        "holder_max_age": _whole(
            errors,
            "holder_max_age",
            _("Holder's age (at most)"),
            data.holder_max_age,
            0,
            120,
            optional=True,
        ),
        "validity_months": _whole(
            errors, "validity_months", _("Validity"), data.validity_months, 1, 120
        ),
        "isee_ceiling": data.isee_ceiling,
        "active": data.active,
    }
    disability, children = values["disability_age_limit"], values["child_age_limit"]
    if disability is not None and children is not None and disability < children:  # type: ignore[operator]
        errors.add(
            "disability_age_limit",
            _("Disability: the age cannot be lower than the children's age limit ({age}).").format(
                age=children
            ),
        )
    low, high = values["holder_min_age"], values["holder_max_age"]
    if low is not None and high is not None and low > high:  # type: ignore[operator]
        errors.add(
            "holder_max_age", _("Holder's age: the maximum cannot be lower than the minimum.")
        )
    if data.isee_ceiling is not None and data.isee_ceiling <= 0:
        errors.add(
            "isee_ceiling",
            _("ISEE ceiling: give an amount above zero, or leave it empty for no income limit."),
        )
    errors.found.sort(
        key=lambda error: FIELDS.index(error[0]) if error[0] in FIELDS else len(FIELDS)
    )
    return values


def card_type_errors(data: CardTypeInput) -> tuple[tuple[str, str], ...]:
    """What ``save_card_type`` would refuse, as ``(field, message)`` in the form's order,
    except a name already taken (that needs the database). Any thread."""
    errors = FieldErrors()
    _clean(data, errors)
    return tuple(errors.found)


def save_card_type(session: Session, data: CardTypeInput) -> CardTypeRow:
    """Add or change a card type; ``ValidationError`` names every wrong field at once."""
    permissions.require(session, permissions.SETTINGS)

    def taken(name: str) -> bool:
        return (
            session.scalar(
                select(CardType.id).where(
                    func.lower(CardType.name) == name.lower(), CardType.id != (data.id or 0)
                )
            )
            is not None
        )

    errors = FieldErrors()
    values = _clean(data, errors, taken)
    errors.raise_any()
    if data.id is None:
        card_type = CardType(**values)
        session.add(card_type)
    else:
        card_type = load_for_update(session, CardType, data.id, data.version or 0)
        for key, value in values.items():
            setattr(card_type, key, value)
    session.flush()
    return _row(session, card_type)


def remove_card_type(session: Session, card_type_id: int) -> str:
    """Delete an unused card type, or retire it (inactive) when cards were issued."""
    permissions.require(session, permissions.SETTINGS)
    card_type = session.get(CardType, card_type_id)
    if card_type is None:
        raise NotFoundError(_("This card type no longer exists."))
    used = bool(session.scalar(select(func.count()).where(Card.card_type_id == card_type_id)))
    return remove_or_retire(session, card_type, used)
