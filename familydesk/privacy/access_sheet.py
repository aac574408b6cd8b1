"""The right-of-access report (GDPR art. 15): everything held on one person."""

from __future__ import annotations

from datetime import date
from typing import Any

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph

from familydesk.appointments.names import STATUSES
from familydesk.forms.base import CONTENT_WIDTH, FormLanguage, esc, styles
from familydesk.forms.blocks import fields_table, grid_table, section
from familydesk.forms.document import build_pdf
from familydesk.groups.names import ENROLMENT_STATUSES
from familydesk.i18n import N_
from familydesk.kernel import clock
from familydesk.registry.centre import CentreDetails

TITLE = N_("Personal data held (GDPR art. 15)")
_HIDDEN = {"id", "family_id", "site_id", "person_id", "version"}
#: Column names as the person reads them (untranslated; translated when printed).
LABELS = {
    "first_name": N_("Given name"),
    "last_name": N_("Surname"),
    "sex": N_("Sex"),
    "birth_date": N_("Birth date"),
    "birth_place": N_("Birthplace"),
    "tax_code": N_("Tax code"),
    "relation": N_("Relationship"),
    "no_code_reason": N_("No code because"),
    "citizenship": N_("Citizenship"),
    "languages": N_("Languages spoken"),
    "phone": N_("Phone"),
    "email": N_("E-mail"),
    "disability": N_("Disability"),
    "notes": N_("Notes"),
    "uid": N_("Identifier"),
    "created_at": N_("Registered on"),
    "updated_at": N_("Last changed"),
    "name": N_("Family"),
    "address": N_("Address"),
    "comune_name": N_("Comune"),
    "comune_code": N_("Cadastral code"),
    "isee_value": N_("ISEE"),
    "isee_expiry": N_("ISEE expires on"),
    "external_key": N_("Key in the imported file"),
    "postal_code": N_("CAP"),
}


def _pairs(record: dict[str, Any], lang: FormLanguage) -> list[tuple[str, str]]:
    return [
        (lang(LABELS[key]) if key in LABELS else key, "" if value is None else str(value))
        for key, value in record.items()
        if key not in _HIDDEN
    ]


def access_pdf(
    data: dict[str, Any], centre: CentreDetails, language: str, today: date | None = None
) -> bytes:
    """The report of ``privacy.subject_access`` data, as PDF bytes (pure)."""
    lang = FormLanguage.of(language)
    today = today or clock.today()
    st = styles()
    person = data["person"]
    title = lang(TITLE)
    story: list[Flowable] = [
        Paragraph(esc(title), st.title),
        Paragraph(
            esc(
                lang(N_("{name}, produced on {date}")).format(
                    name=f"{person['last_name']} {person['first_name']}", date=lang.date(today)
                )
            ),
            st.subtitle,
        ),
        Paragraph(
            esc(
                lang(
                    N_(
                        "This report lists every piece of data the family centre holds about the "
                        "person, with the log of who accessed or changed it. The same content is "
                        "in the JSON file delivered with it."
                    )
                )
            ),
            st.notice,
        ),
        *section(lang(N_("Person"))),
        fields_table(_pairs(person, lang), columns=3),
        *section(lang(N_("Family"))),
        fields_table(_pairs(data["family"], lang), columns=3),
    ]
    if data["consents"]:
        story += [
            *section(lang(N_("Consents"))),
            grid_table(
                [
                    lang(N_("Consent")),
                    lang(N_("Given on")),
                    lang(N_("Signed by")),
                    lang(N_("Withdrawn on")),
                ],
                [
                    [c["kind"], c["given_on"], c["signed_by"], c["withdrawn_on"] or ""]
                    for c in data["consents"]
                ],
                [CONTENT_WIDTH / 4] * 4,
            ),
        ]
    if data["merged_records"]:
        story += [
            *section(lang(N_("Records merged into this one"))),
            *[fields_table(_pairs(m, lang), columns=3) for m in data["merged_records"]],
        ]
    if data.get("erasure_requests"):
        story += [
            *section(lang(N_("Erasure requests"))),
            *[fields_table(_pairs(r, lang), columns=3) for r in data["erasure_requests"]],
        ]
    if data.get("contacts"):
        story += [
            *section(lang(N_("Walk-in contacts"))),
            grid_table(
                [lang(N_("Date")), lang(N_("Channel")), lang(N_("Requests")), lang(N_("Notes"))],
                [
                    [
                        c["date"],
                        c["channel"],
                        "; ".join(
                            f"{r['need']} ({', '.join(r['outcomes'])})" for r in c["requests"]
                        ),
                        " ".join(r["note"] for r in c["requests"]),
                    ]
                    for c in data["contacts"]
                ],
                [25 * mm, 25 * mm, 70 * mm, CONTENT_WIDTH - 120 * mm],
            ),
        ]
    if data.get("appointments"):
        story += [
            *section(lang(N_("Appointments"))),
            grid_table(
                [
                    lang(N_("When")),
                    lang(N_("Service")),
                    lang(N_("Professional")),
                    lang(N_("Status")),
                    lang(N_("Notes")),
                ],
                [
                    [
                        a["starts_at"][:16].replace("T", " "),
                        a["service"],
                        a["professional"],
                        lang(STATUSES.get(a["status"], a["status"])),
                        a["note"],
                    ]
                    for a in data["appointments"]
                ],
                [32 * mm, 45 * mm, 40 * mm, 22 * mm, CONTENT_WIDTH - 139 * mm],
            ),
        ]
    if data.get("groups"):
        story += [
            *section(lang(N_("Parenting groups"))),
            grid_table(
                [
                    lang(N_("Group")),
                    lang(N_("Sign-up")),
                    lang(N_("Status")),
                    lang(N_("Attendance")),
                ],
                [
                    [
                        g["group"],
                        g["signed_up_on"] or "",
                        lang(ENROLMENT_STATUSES.get(g["status"], g["status"])),
                        _present_at(
                            lang,
                            sum(a["mark"] == "present" for a in g["attendance"]),
                            len(g["attendance"]),
                        ),
                    ]
                    for g in data["groups"]
                ],
                [60 * mm, 25 * mm, 30 * mm, CONTENT_WIDTH - 115 * mm],
            ),
        ]
    if data.get("cards"):
        story += [
            *section(lang(N_("Family cards"))),
            grid_table(
                [
                    lang(N_("Number")),
                    lang(N_("Card")),
                    lang(N_("Valid")),
                    lang(N_("Status")),
                    lang(N_("Uses")),
                ],
                [
                    [
                        c["number"],
                        c["card_type"],
                        f"{c['issued_on']} – {c['expires_on']}",
                        c["status"],
                        lang.number(c["redemptions"]),
                    ]
                    for c in data["cards"]
                ],
                [30 * mm, 45 * mm, 45 * mm, 25 * mm, CONTENT_WIDTH - 145 * mm],
            ),
        ]
    story += [
        *section(lang(N_("Access and change log"))),
        grid_table(
            [lang(N_("When")), lang(N_("Operator")), lang(N_("Action")), lang(N_("Fields"))],
            [
                [
                    e["at"][:16].replace("T", " "),
                    e["operator"],
                    f"{e['action']} {e['table']}",
                    e["fields"],
                ]
                for e in data["audit"]
            ],
            [35 * mm, 40 * mm, 45 * mm, CONTENT_WIDTH - 120 * mm],
        ),
    ]
    footer = lang(N_("{app} · {form} · printed on {date}")).format(
        app="FamilyDesk", form=title, date=lang.date(today)
    )
    return build_pdf(story, centre=centre, lang=lang, title=title, footer=footer)


def _present_at(lang: FormLanguage, present: int, marked: int) -> str:
    return lang.ngettext(
        "present at {present} of {marked} sessions marked",
        "present at {present} of {marked} sessions marked",
        present,
    ).format(present=lang.number(present), marked=lang.number(marked))
