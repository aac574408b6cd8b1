"""Table models for one family's members, one member's consents and the family's contacts
at the desk (short lists)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from familydesk.frontdesk import CHANNELS, OUTCOMES, REFERRAL_OUTCOMES, ContactRow, RequestRow
from familydesk.i18n import _, format_age, format_date
from familydesk.registry import CONSENT_KINDS, RELATIONS, ConsentRow, MemberDetail
from familydesk.ui.widgets.table_model import Column, RowsTableModel


def _code(member: MemberDetail) -> str:
    if member.tax_code:
        return member.tax_code
    return _("none: {reason}").format(reason=member.no_code_reason)


def _age(member: MemberDetail) -> str:
    if member.birth_date is None:
        return ""
    return format_age(member.birth_date)


def members_model(parent: Any = None) -> RowsTableModel:
    return RowsTableModel(
        [
            Column(lambda: _("Surname"), lambda m: m.last_name),
            Column(lambda: _("Given name"), lambda m: m.first_name),
            Column(lambda: _("Relationship"), lambda m: _(RELATIONS.get(m.relation, m.relation))),
            Column(lambda: _("Born"), lambda m: format_date(m.birth_date)),
            Column(lambda: _("Age"), _age),
            Column(lambda: _("Tax code"), _code),
            Column(
                lambda: _("Privacy"), lambda m: _("yes") if m.privacy_acknowledged else _("MISSING")
            ),
        ],
        parent,
    )


def _consent_state(row: ConsentRow) -> str:
    if row.withdrawn_on:
        return _("withdrawn on {date}").format(date=format_date(row.withdrawn_on))
    return _("given")


def consents_model(parent: Any = None) -> RowsTableModel:
    return RowsTableModel(
        [
            Column(lambda: _("Consent"), lambda c: _(CONSENT_KINDS.get(c.kind, c.kind))),
            Column(lambda: _("Date"), lambda c: format_date(c.given_on)),
            Column(lambda: _("Signed by"), lambda c: c.signed_by or _("the person")),
            Column(lambda: _("Operator"), lambda c: c.operator),
            Column(lambda: _("State"), _consent_state),
        ],
        parent,
    )


@dataclass(frozen=True)
class ContactLine:
    """One request of a contact: the family's history shows a line per request."""

    contact: ContactRow
    request: RequestRow


def contact_lines(contacts: list[ContactRow]) -> list[ContactLine]:
    return [ContactLine(contact, request) for contact in contacts for request in contact.requests]


def _follow_up(request: RequestRow) -> str:
    if request.follow_up_on is None:
        return ""
    text = _("{date}, {owner}").format(
        date=format_date(request.follow_up_on), owner=request.follow_up_owner
    )
    return _("{follow_up} (done)").format(follow_up=text) if request.follow_up_done_on else text


def referral_words(request: RequestRow) -> str:
    """Where the family was sent: the directory's service, or the free text marked "(other)"."""
    if request.service_name:
        return request.service_name
    if request.referral_to:
        return _("{text} (other)").format(text=request.referral_to)
    return ""


def referral_outcome_words(request: RequestRow) -> str:
    outcome = REFERRAL_OUTCOMES.get(request.referral_outcome)
    if outcome is None:
        return ""
    if request.referral_outcome_on and request.referral_outcome != "waiting":
        return _("{outcome} ({date})").format(
            outcome=_(outcome), date=format_date(request.referral_outcome_on)
        )
    return _(outcome)


def contacts_model(parent: Any = None) -> RowsTableModel:
    return RowsTableModel(
        [
            Column(lambda: _("Date"), lambda line: format_date(line.contact.contact_date)),
            Column(lambda: _("Channel"), lambda line: _(CHANNELS.get(line.contact.channel, ""))),
            Column(lambda: _("Need"), lambda line: line.request.need),
            Column(
                lambda: _("Outcome"),
                lambda line: ", ".join(
                    _(OUTCOMES[o]) for o in line.request.outcomes if o in OUTCOMES
                ),
            ),
            Column(lambda: _("Referred to"), lambda line: referral_words(line.request)),
            Column(
                lambda: _("Referral outcome"), lambda line: referral_outcome_words(line.request)
            ),
            Column(lambda: _("Follow-up"), lambda line: _follow_up(line.request)),
            Column(lambda: _("Operator"), lambda line: line.contact.operator),
        ],
        parent,
        tooltips=True,
    )
