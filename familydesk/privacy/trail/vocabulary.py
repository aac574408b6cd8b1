"""The words of the audit trail: :class:`Words`, the actions, the kinds of record, the fields.

Field names are the labels of the forms where the operator edits them (the
same msgids, without the ``&`` of the keyboard shortcut), so the trail and the
screen use the same words; a column no form shows has a label of its own.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from familydesk.i18n import N_, _, format_date, format_datetime


@dataclass(frozen=True)
class Words:
    """A msgid and the values of its placeholders, translated by :meth:`text`.

    Values are shown as they are (a ``str`` is never translated: it is a name
    someone typed), except nested :class:`Words`, dates and times.
    """

    msgid: str
    params: tuple[tuple[str, Any], ...] = ()

    def text(self) -> str:
        message = _(self.msgid)
        if not self.params:
            return message
        return message.format(**{key: shown(value) for key, value in self.params})


def words(msgid: str, **params: Any) -> Words:
    """``Words`` for ``msgid`` (marked with ``N_`` by the caller) and its values."""
    return Words(msgid, tuple(sorted(params.items())))


def shown(value: Any) -> str:
    """A value as the operator reads it: translated words, dd/mm/yyyy dates, plain text."""
    if value is None:
        return ""
    if isinstance(value, Words):
        return value.text()
    if isinstance(value, datetime):
        return format_datetime(value)
    if isinstance(value, date):
        return format_date(value)
    return str(value)


#: What each audit action means, for the operator (unknown actions are shown as written).
ACTIONS: dict[str, str] = {
    "create": N_("creation"),
    "update": N_("change"),
    "delete": N_("deletion"),
    "open": N_("opening"),
    "print": N_("printing"),
    "export": N_("export"),
    "import": N_("import"),
    "demo": N_("demo data"),
    "access-export": N_("copy of personal data (art. 15)"),
    "audit-read": N_("audit trail read"),
    "anonymise": N_("anonymisation"),
    "erase": N_("erasure"),
    "merge": N_("merge"),
    "erasure-request": N_("erasure request (art. 17)"),
    "erasure-carry-out": N_("erasure carried out"),
    "erasure-refuse": N_("erasure refused"),
    "retention-rule": N_("retention period set"),
    "retention-purge": N_("retention rules applied"),
}

#: What was printed or opened, by the start of the entry's note.
DOCUMENTS: dict[str, str] = {
    "appointment slip": N_("appointment slip"),
    "agenda": N_("day's agenda"),
    "call list": N_("call list"),
    "certificates": N_("certificates of attendance"),
    "certificate": N_("certificate of attendance"),
    "enrolment form": N_("enrolment form"),
    "signature sheet": N_("signature sheet"),
    "attendance summary": N_("attendance summary"),
    "card cover letter": N_("card cover letter"),
    "card": N_("family card"),
    "renewal letters": N_("renewal letters"),
    "partner booklet": N_("partner booklet"),
    "intake": N_("intake sheet"),
    "privacy": N_("privacy notice"),
    "attendance": N_("attendance register"),
    "retention": N_("retention rules"),
}

#: What an export (or demo data) was about, by the start of its note.
EXPORTS: dict[str, str] = {
    "group attendance": N_("group attendance"),
    "groups": N_("groups and their figures"),
    "families": N_("families"),
    "cards": N_("family cards"),
    "redemptions": N_("benefit uses"),
    "appointments": N_("appointments"),
    "contacts": N_("walk-in contacts"),
}
#: Each kind of record (table), in words.
KINDS: dict[str, str] = {
    "family": N_("family record"),
    "person": N_("member record"),
    "consent": N_("consent"),
    "person_merge": N_("merged duplicate"),
    "erasure_request": N_("erasure request"),
    "retention_rule": N_("retention rule"),
    "operator": N_("operator account"),
    "site": N_("centre"),
    "member_comune": N_("member comune"),
    "service": N_("service"),
    "staff": N_("professional or interpreter"),
    "place": N_("venue"),
    "room": N_("room"),
    "opening_hours": N_("opening hours"),
    "closure": N_("closure day"),
    "absence": N_("absence"),
    "appointment_series": N_("series of appointments"),
    "appointment": N_("appointment"),
    "need": N_("need"),
    "contact": N_("walk-in contact"),
    "contact_request": N_("walk-in request"),
    "card_type": N_("card type"),
    "card_sequence": N_("card numbering"),
    "card": N_("family card"),
    "card_member": N_("member covered by a card"),
    "partner": N_("partner"),
    "organisation": N_("organisation of the directory"),
    "directory_service": N_("service of the directory"),
    "directory_service_need": N_("need served by a service"),
    "benefit": N_("benefit"),
    "centre_setting": N_("setting of the centre"),
    "plan_action": N_("action of the plan"),
    "plan_indicator": N_("indicator of the plan"),
    "plan_action_group": N_("group tagged with a plan's action"),
    "siuss_flow": N_("SIUSS flow"),
    "siuss_flow_card": N_("card sent in a SIUSS flow"),
    "benefit_card_type": N_("benefit for a card type"),
    "redemption": N_("benefit use"),
    "parent_group": N_("group"),
    "group_educator": N_("group educator"),
    "group_session": N_("group session"),
    "enrolment": N_("sign-up"),
    "attendance": N_("attendance"),
}

#: A column's label wherever it appears (the form labels' msgids where a form shows it).
FIELDS: dict[str, str] = {
    "name": N_("&Name"),
    "address": N_("&Address"),
    "phone": N_("Phone"),
    "email": N_("E-mail"),
    "notes": N_("Notes"),
    "note": N_("Note"),
    "active": N_("In &use"),
    "description": N_("&Description"),
    "kind": N_("&Kind"),
    "status": N_("Status"),
    "place_id": N_("&Place"),
    "room_id": N_("&Room"),
    "comune_id": N_("&Comune"),
    "languages": N_("Languages spoken"),
    "citizenship": N_("Citizenship"),
    "cancel_reason": N_("Cancelled because"),
    "cancelled": N_("Cancelled"),
    "operator": N_("&Operator"),
    "position": N_("Order"),
    "profession": N_("&Profession"),
    "reason": N_("&Reason"),
    "value": N_("&Value"),
    "family_id": N_("Family"),
    "person_id": N_("Person"),
    "starts_at": N_("Start"),
    "ends_at": N_("End"),
    "key": N_("Key"),
    "site_id": N_("Centre"),
    "anonymised_on": N_("Anonymised on"),
    "withdrawn_on": N_("Withdrawn on"),
    "last_name": N_("&Surname"),
    "first_name": N_("&Given name"),
    "tax_code": N_("&Tax code"),
    "no_code_reason": N_("No code because"),
    "sex": N_("Se&x"),
    "birth_date": N_("&Birth date"),
    "relation": N_("&Relationship"),
    "birth_place": N_("Birthplace"),
    "disability": N_("Disability"),
    "birth_year": N_("Birth year"),
    "postal_code": N_("CA&P"),
    "comune_name": N_("&Comune of residence"),
    "comune_code": N_("&Comune of residence"),
    "isee_value": N_("ISEE (€)"),
    "isee_expiry": N_("ISEE expires on"),
    "resident_since": N_("Resident there since"),
    "external_key": N_("Import key"),
    "given_on": N_("&Date"),
    "signed_by": N_("Signed &by"),
    "notice_version": N_("Privacy notice version"),
    "title": N_("&Title"),
    "target": N_("For &whom"),
    "capacity": N_("&Places"),
    "completion_percent": N_("Co&mpletion: present at"),
    "language": N_("&Language"),
    "signup_opens": N_("&Sign-ups (open, close)"),
    "signup_closes": N_("&Sign-ups (open, close)"),
    "topic": N_("Topic"),
    "extra": N_("Extra session"),
    "mark": N_("Mark"),
    "enrolled_on": N_("Place since"),
    "signed_up_on": N_("Signed up"),
    "withdraw_reason": N_("Withdrawn because"),
    "to_inform": N_("To inform"),
    "informed_on": N_("Told on"),
    "interpreter_id": N_("&Interpreter"),
    "staff_id": N_("Professional"),
    "service_id": N_("Service"),
    "booked_by": N_("Booked by"),
    "channel": N_("&Channel"),
    "referred_by": N_("Referred &by"),
    "referral_to": N_("Referred &to"),
    "outcomes": N_("Outcome"),
    "need_id": N_("&Need"),
    "follow_up_on": N_("Follow-up &date"),
    "follow_up_owner": N_("Follow-up by"),
    "follow_up_done_on": N_("Follow-up done on"),
    "anon_sex": N_("&Sex"),
    "anon_birth_year": N_("Birth y&ear"),
    "anon_citizenship": N_("Citi&zenship"),
    "anon_comune": N_("Co&mune"),
    "served_at": N_("Called in at"),
    "done_at": N_("Done at"),
    "expires_on": N_("Valid until"),
    "issued_on": N_("Issued on"),
    "revoked_on": N_("Revoked on"),
    "revoke_reason": N_("Revoked because"),
    "holder_id": N_("Holder"),
    "category": N_("&Category"),
    "contact": N_("Contact &person"),
    "agreement_start": N_("Agreement &from"),
    "agreement_end": N_("Agreement un&til"),
    "conditions": N_("C&onditions"),
    "full_name": N_("Full name"),
    "role": N_("Role"),
    "password_hash": N_("Password"),
    "failed_attempts": N_("Failed sign-ins"),
    "locked_until": N_("Locked until"),
    "last_sign_in": N_("Last sign-in"),
    "username": N_("User name"),
    "months": N_("Months kept"),
    "patron_day": N_("&Day (dd/mm)"),
    "patron_saint": N_("&Patron saint"),
    "duration_minutes": N_("&Duration"),
    "postcode": N_("&Postcode"),
    "town": N_("Town"),
    "logo": N_("Logo"),
    "decided_on": N_("Decided on"),
    "requested_by": N_("Requested by"),
    "refusal_ground": N_("Ground for refusal"),
    "refusal_note": N_("Refusal note"),
    "day": N_("&Day"),
    "first_day": N_("From"),
    "last_day": N_("To"),
    "age_from": N_("Children's &age (from, to)"),
    "age_to": N_("Children's &age (from, to)"),
    "age_unit": N_("Children's &age (from, to)"),
    "cost_cents": N_("&Cost (€, conditions)"),
    "cost_note": N_("&Cost (€, conditions)"),
    "capacity_per": N_("&Places"),
    "residence_required": N_("&Residence"),
    "residence_months": N_("&Residence"),
    "min_children": N_("&Children"),
    "child_age_limit": N_("&Children"),
    "count_foster": N_("Foster children"),
    "disability_age_limit": N_("Disa&bility"),
    "isee_ceiling": N_("&ISEE ceiling"),
    "holder_min_age": N_("Holder's a&ge"),
    "holder_max_age": N_("Holder's a&ge"),
    "validity_months": N_("Validi&ty"),
    "shortened_reason": N_("Shortened because"),
    "previous_id": N_("Replaces card"),
    "issued_by": N_("Issued by"),
    "number": N_("Number"),
    "card_type_id": N_("Card type"),
    "card_id": N_("Card"),
    "benefit_id": N_("Benefit"),
    "number_typed": N_("Number typed"),
    "accepted": N_("Accepted"),
    "at": N_("When"),
    "group_id": N_("Group"),
    "session_id": N_("Session"),
    "enrolment_id": N_("Sign-up"),
    "walk_in": N_("Without signing up"),
    "signed_up_by": N_("Signed up by"),
    "signed_up_at": N_("Signed up"),
    "series_id": N_("&Repeat"),
    "series_index": N_("&Repeat"),
    "request_id": N_("Walk-in request"),
    "contact_date": N_("&Date"),
    "arrived_at": N_("Arrived at"),
    "served_by": N_("Called in by"),
    "contact_id": N_("Walk-in contact"),
    "macro_area": N_("Macro-area"),
    "what_to_bring": N_("What to bring"),
    "weekday": N_("Day"),
    "opens": N_("Opens"),
    "closes": N_("Closes"),
    "every_weeks": N_("&Repeat"),
    "occurrences": N_("&Repeat"),
    "until": N_("&Repeat"),
    "kept_person_id": N_("Person"),
    "merged_uid": N_("Merged record"),
    "snapshot": N_("Merged record"),
    "person_uid": N_("Person"),
    "operator_id": N_("Operator"),
    "province": N_("Province"),
    "cadastral_code": N_("Cadastral code"),
    "logo_mime": N_("Logo"),
    "code": N_("Code"),
    "organisation_id": N_("Organisation"),
    "web": N_("Web site"),
    "whole_area": N_("Serves the whole area"),
    "hours": N_("Opening hours"),
    "age_min": N_("Ages (from, to)"),
    "age_max": N_("Ages (from, to)"),
    "audience": N_("Who it is for"),
    "residence": N_("Residence"),
    "cost": N_("Cost"),
    "access": N_("How to get in"),
    "bring": N_("What to bring"),
    "contact_person": N_("Contact person"),
    "checked_on": N_("Last checked"),
    "referral_outcome": N_("Did the family get there?"),
    "referral_outcome_on": N_("Answer recorded on"),
}
#: Where a table's column has a label of its own on its form.
TABLE_FIELDS: dict[tuple[str, str], str] = {
    ("family", "name"): N_("Family &name"),
    ("family", "address"): N_("&Address"),
    ("parent_group", "place_id"): N_("&Venue"),
    ("service", "profession"): N_("Given &by"),
    ("staff", "operator_id"): N_("Signs in as"),
    ("organisation", "comune_name"): N_("Comune"),
    ("organisation", "comune_code"): N_("Comune"),
    ("directory_service", "comune_name"): N_("Comune"),
    ("directory_service", "comune_code"): N_("Comune"),
    ("directory_service_need", "need_id"): N_("&Need"),
}


def field_label(table: str, field: str) -> str:
    """The label of ``table``'s column ``field`` in the interface language."""
    msgid = TABLE_FIELDS.get((table, field)) or FIELDS.get(field)
    if msgid is None:
        return field.replace("_", " ")
    return _(msgid).replace("&", "")


def kind_label(table: str) -> str:
    return _(KINDS[table]) if table in KINDS else table
