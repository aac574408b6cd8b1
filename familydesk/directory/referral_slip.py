"""The referral slip (foglio di invio) handed to the family: where they were sent on the
day of the contact, for each service its address, hours, how to get in, what to bring and
whom to ask for. A referral the directory does not hold ("other") prints its text and says
so. Written in the form's language. Pure: reads and writes nothing; any thread.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer

from familydesk import APP_NAME
from familydesk.directory.guide_sheet import ServiceEntry, entry_fields
from familydesk.forms.base import ACCENT, FONT_BOLD, FormLanguage, esc, styles
from familydesk.forms.blocks import fields_table, heading
from familydesk.forms.document import Letterhead, build_pdf
from familydesk.i18n import N_
from familydesk.kernel import clock

TITLE = N_("Referral slip")


@dataclass(frozen=True)
class Referral:
    """A service of the directory (``service``), or the free text of an "other" one."""

    service: ServiceEntry | None
    text: str = ""


@dataclass(frozen=True)
class ReferralSlipData:
    #: The contact's code, printed in the footer.
    code: str
    referred_on: date
    person: str
    family: str
    referrals: tuple[Referral, ...]


def referral_slip_pdf(
    data: ReferralSlipData, centre: Letterhead, language: str, today: date | None = None
) -> bytes:
    """The slip of ``data`` in ``language``, as PDF bytes."""
    lang = FormLanguage.of(language)
    today = today or clock.today()
    st = styles()
    title = lang(TITLE)
    story: list[Flowable] = [Paragraph(esc(title), st.title)]
    if data.person and data.family and data.person != data.family:
        who = lang(N_("For {person} (family {family})")).format(
            person=data.person, family=data.family
        )
    elif data.person or data.family:
        who = lang(N_("For {name}")).format(name=data.person or data.family)
    else:
        who = ""
    if who:
        story.append(Paragraph(esc(who), st.subtitle))
    count = len(data.referrals)
    story.append(
        Paragraph(
            esc(
                lang.ngettext(
                    "On {date} the centre suggested that you contact this service:",
                    "On {date} the centre suggested that you contact these services:",
                    count,
                ).format(date=lang.date(data.referred_on))
            ),
            st.notice,
        )
    )
    for referral in data.referrals:
        story += _referral(referral, lang)
    story += [Spacer(1, 6 * mm), _ask_us(centre, lang)]
    footer = lang(N_("{app} · {form} · printed on {date} · code {code}")).format(
        app=APP_NAME, form=title, date=lang.date(today), code=data.code
    )
    return build_pdf(story, centre=centre, lang=lang, title=title, footer=footer)


def _referral(referral: Referral, lang: FormLanguage) -> list[Flowable]:
    st = styles()
    service = referral.service
    if service is None:
        return [
            KeepTogether(
                [
                    heading(referral.text),
                    Paragraph(
                        esc(
                            lang(
                                N_(
                                    "The details of this service are not in the centre's "
                                    "directory: ask the centre for its address and hours."
                                )
                            )
                        ),
                        st.notice,
                    ),
                ]
            )
        ]
    title = service.name
    if service.organisation and service.organisation != service.name:
        title = f"{service.name} — {service.organisation}"
    parts: list[Flowable] = [heading(title)]
    if service.description:
        parts.append(Paragraph(esc(service.description), st.notice))
    pairs = entry_fields(service, lang)
    if pairs:
        parts.append(fields_table(pairs, columns=2))
    return [KeepTogether(parts), Spacer(1, 3 * mm)]


def _ask_us(centre: Letterhead, lang: FormLanguage) -> Flowable:
    st = styles()
    if centre.phone:
        text = lang(
            N_("If something is not clear or the service cannot see you, call us on {phone}.")
        ).format(phone=centre.phone)
    else:
        text = lang(N_("If something is not clear or the service cannot see you, tell us."))
    style = ParagraphStyle(
        "ask_us", parent=st.body, fontName=FONT_BOLD, fontSize=10, leading=13.5, textColor=ACCENT
    )
    return Paragraph(esc(text), style)
