"""Letters that go with family cards, on the centre's letterhead (A4).

The cover letter sent with a new card (its number, validity, the members it
covers, how to use it, where to find the partners) and the renewal letters for
cards about to expire (one page per card: the expiry date, what to bring, an
updated ISEE when the card type has an income ceiling). Written to the holder,
in the family's language. Pure: reads and writes nothing; any thread.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, PageBreak, Paragraph, Spacer

from familydesk import APP_NAME
from familydesk.cards.numbers import grouped
from familydesk.forms.address import postal_address, postal_lines
from familydesk.forms.base import FormLanguage, esc, styles
from familydesk.forms.blocks import fields_table, section
from familydesk.forms.document import build_pdf
from familydesk.i18n import N_
from familydesk.kernel import clock
from familydesk.registry.centre import CentreDetails

COVER_TITLE = N_("Your family card")
RENEWAL_TITLE = N_("Family card renewal")


@dataclass(frozen=True)
class Addressee:
    """Whom a letter goes to: the card holder at the family's address."""

    holder: str
    family: str
    address: str
    comune: str
    #: CAP and province (sigla) of the comune: the second line reads "46029 Suzzara (MN)".
    postal_code: str = ""
    province: str = ""

    def lines(self) -> list[str]:
        """The address block as the post expects it: street, then CAP, comune (province)."""
        return postal_lines(self.address, self.postal_code, self.comune, self.province)

    def one_line(self) -> str:
        """``Via Roma 1, 46029 Suzzara (MN)``."""
        return ", ".join(self.lines())


@dataclass(frozen=True)
class CoverLetterData:
    to: Addressee
    #: Canonical, without separators.
    number: str
    card_type: str
    issued_on: date
    expires_on: date
    members: tuple[str, ...]
    #: Why the card ends before its usual period (empty: it does not).
    shortened_reason: str = ""


@dataclass(frozen=True)
class RenewalLetterData:
    to: Addressee
    number: str
    card_type: str
    expires_on: date
    #: The card type has an ISEE ceiling: an updated ISEE is needed to renew.
    isee_needed: bool


def cover_letter_pdf(
    data: CoverLetterData, centre: CentreDetails, language: str, today: date | None = None
) -> bytes:
    """The cover letter of one card in ``language``, as PDF bytes."""
    lang = FormLanguage.of(language)
    today = today or clock.today()
    st = styles()
    number = grouped(data.number)
    story = _opening(data.to, centre, lang, today, lang(COVER_TITLE))
    story += [
        Paragraph(
            esc(
                lang(
                    N_(
                        "here is your {card_type}, number {number}. It is valid from {start} until "
                        "{end}."
                    )
                ).format(
                    card_type=data.card_type,
                    number=number,
                    start=lang.date(data.issued_on),
                    end=lang.date(data.expires_on),
                )
            ),
            st.body,
        ),
    ]
    if data.shortened_reason:
        story.append(
            Paragraph(
                esc(
                    lang(N_("It ends before the usual period: {reason}.")).format(
                        reason=data.shortened_reason
                    )
                ),
                st.body,
            )
        )
    story += [
        Spacer(1, 2 * mm),
        fields_table(
            [
                (lang(N_("Card")), data.card_type),
                (lang(N_("Number")), number),
                (lang(N_("Holder")), data.to.holder),
                (lang(N_("Valid until")), lang.date(data.expires_on)),
                (lang(N_("Members covered")), ", ".join(data.members) or "–"),
            ],
            columns=2,
        ),
        *section(lang(N_("How to use it"))),
        Paragraph(
            esc(
                lang(
                    N_(
                        "Show the card at a partner before you pay: they read its QR code or type "
                        "its number and check that it is valid. The card is for your family only: "
                        "please do not lend it to others."
                    )
                )
            ),
            st.body,
        ),
        Paragraph(
            esc(
                lang(
                    N_(
                        "If you lose it or your family changes (a birth, a move to another "
                        "comune), tell the centre: we will give you a new card and the old number "
                        "will stop working."
                    )
                )
            ),
            st.body,
        ),
        *section(lang(N_("Where to use it"))),
        Paragraph(esc(_where_partners(centre, lang)), st.body),
    ]
    story += _closing(centre, lang)
    footer = _footer(lang, lang(COVER_TITLE), today, number)
    return build_pdf(story, centre=centre, lang=lang, title=lang(COVER_TITLE), footer=footer)


def renewal_letters_pdf(
    letters: Sequence[RenewalLetterData],
    centre: CentreDetails,
    language: str,
    today: date | None = None,
) -> bytes:
    """One renewal letter per card in ``letters``, a page each, in ``language``."""
    lang = FormLanguage.of(language)
    today = today or clock.today()
    st = styles()
    story: list[Flowable] = []
    for index, data in enumerate(letters):
        if index:
            story.append(PageBreak())
        story += _opening(data.to, centre, lang, today, lang(RENEWAL_TITLE))
        story.append(
            Paragraph(
                esc(
                    lang(
                        N_(
                            "your {card_type} number {number} expires on {date}. After that day "
                            "the partners can no longer accept it."
                        )
                    ).format(
                        card_type=data.card_type,
                        number=grouped(data.number),
                        date=lang.date(data.expires_on),
                    )
                ),
                st.body,
            )
        )
        story += [
            *section(lang(N_("How to renew it"))),
            Paragraph(esc(_how_to_renew(centre, lang)), st.body),
            Paragraph(esc(lang(N_("Please bring:"))), st.body),
        ]
        bring = [lang(N_("an identity document of the holder")), lang(N_("the card you have now"))]
        if data.isee_needed:
            bring.append(
                lang(
                    N_(
                        "an updated ISEE certificate: this card has an income limit, "
                        "so the ISEE must be valid on the day you renew"
                    )
                )
            )
        story += [Paragraph(esc(f"• {item}"), st.body) for item in bring]
        story += _closing(centre, lang)
    if not story:
        story.append(Paragraph(esc(lang(N_("No cards expire in this period."))), st.body))
    title = lang(RENEWAL_TITLE)
    return build_pdf(
        story, centre=centre, lang=lang, title=title, footer=_footer(lang, title, today, "")
    )


def _opening(
    to: Addressee, centre: CentreDetails, lang: FormLanguage, today: date, subject: str
) -> list[Flowable]:
    st = styles()
    family = lang(N_("Family {name}")).format(name=to.family) if to.family else ""
    lines = [to.holder, family, *to.lines()]
    place = f"{centre.town}, {lang.date(today)}" if centre.town else lang.date(today)
    label = lang(N_("Subject:"))
    return [
        Spacer(1, 4 * mm),
        Paragraph("<br/>".join(esc(line) for line in lines if line), st.value),
        Spacer(1, 8 * mm),
        Paragraph(esc(place), st.body),
        Spacer(1, 3 * mm),
        Paragraph(f"<b>{esc(label)}</b> {esc(subject)}", st.body),
        Spacer(1, 3 * mm),
        Paragraph(esc(lang(N_("Dear {name},")).format(name=to.holder)), st.body),
    ]


def _where_partners(centre: CentreDetails, lang: FormLanguage) -> str:
    text = lang(
        N_(
            "The partners (shops, sports clubs, cinemas, museums, pharmacies) and their "
            "benefits are listed in the partner booklet, which you can ask for at the "
            "centre."
        )
    )
    if centre.phone:
        text += " " + lang(N_("For any question, call {phone}.")).format(phone=centre.phone)
    return text


def _how_to_renew(centre: CentreDetails, lang: FormLanguage) -> str:
    where = postal_address(centre.address, centre.postcode, centre.town)
    text = lang(N_("Come to the centre before the card expires")) + (f" ({where})" if where else "")
    text += ": " + lang(
        N_(
            "we check that your family still meets the rules and give you the "
            "new card straight away."
        )
    )
    if centre.phone:
        text += " " + lang(N_("To book a time, call {phone}.")).format(phone=centre.phone)
    return text


def _closing(centre: CentreDetails, lang: FormLanguage) -> list[Flowable]:
    st = styles()
    return [
        Spacer(1, 6 * mm),
        Paragraph(esc(lang(N_("Kind regards,"))), st.body),
        Paragraph(esc(lang(N_("The staff of {centre}")).format(centre=centre.name)), st.body),
    ]


def _footer(lang: FormLanguage, form: str, today: date, number: str) -> str:
    if number:
        return lang(N_("{app} · {form} · printed on {date} · card {number}")).format(
            app=APP_NAME, form=form, date=lang.date(today), number=number
        )
    return lang(N_("{app} · {form} · printed on {date}")).format(
        app=APP_NAME, form=form, date=lang.date(today)
    )
