"""Table models for one family's members and one member's consents (short lists)."""

from __future__ import annotations

from typing import Any

from familydesk.i18n import _, format_date
from familydesk.registry import CONSENT_KINDS, RELATIONS, ConsentRow, MemberDetail
from familydesk.ui.table_model import Column, RowsTableModel


def _code(member: MemberDetail) -> str:
    if member.tax_code:
        return member.tax_code
    return _("none: {reason}").format(reason=member.no_code_reason)


def _age(member: MemberDetail) -> str:
    if member.age is None:
        return ""
    return _("{years} y").format(years=member.age)


def members_model(parent: Any = None) -> RowsTableModel:
    return RowsTableModel([
        Column(lambda: _("Surname"), lambda m: m.last_name),
        Column(lambda: _("Given name"), lambda m: m.first_name),
        Column(lambda: _("Relationship"), lambda m: _(RELATIONS.get(m.relation, m.relation))),
        Column(lambda: _("Born"), lambda m: format_date(m.birth_date)),
        Column(lambda: _("Age"), _age),
        Column(lambda: _("Tax code"), _code),
        Column(lambda: _("Privacy"), lambda m: _("yes") if m.privacy_acknowledged else _("MISSING")),
    ], parent)  # fmt: skip


def _consent_state(row: ConsentRow) -> str:
    if row.withdrawn_on:
        return _("withdrawn on {date}").format(date=format_date(row.withdrawn_on))
    return _("given")


def consents_model(parent: Any = None) -> RowsTableModel:
    return RowsTableModel([
        Column(lambda: _("Consent"), lambda c: _(CONSENT_KINDS.get(c.kind, c.kind))),
        Column(lambda: _("Date"), lambda c: format_date(c.given_on)),
        Column(lambda: _("Signed by"), lambda c: c.signed_by or _("the person")),
        Column(lambda: _("Operator"), lambda c: c.operator),
        Column(lambda: _("State"), _consent_state),
    ], parent)  # fmt: skip
