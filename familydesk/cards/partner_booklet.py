"""The partner directory booklet (elenco degli esercizi convenzionati), on the letterhead:
partners grouped by category, then by comune, each with its address, phone and the
benefits it gives to card holders. Built from plain data, so any source can feed it.
Pure: reads and writes nothing; any thread.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable, Paragraph

from familydesk import APP_NAME
from familydesk.forms.base import ACCENT, CONTENT_WIDTH, FONT_BOLD, FormLanguage, esc, styles
from familydesk.forms.blocks import grid_table, section
from familydesk.forms.document import build_pdf
from familydesk.i18n import N_
from familydesk.registry.centre import CentreDetails

TITLE = N_("Family card partners")
#: The partner categories stored in the database, named for the reader.
CATEGORY_NAMES = {
    "social": N_("Social"),
    "educational": N_("Education"),
    "commercial": N_("Shops and services"),
    "cultural": N_("Culture"),
    "sports": N_("Sport"),
}
_WIDTHS = [w * mm for w in (62, 30)]


@dataclass(frozen=True)
class BookletPartner:
    name: str
    address: str
    phone: str
    #: What the partner gives, one label each ("10% off books").
    benefits: tuple[str, ...]


@dataclass(frozen=True)
class BookletComune:
    name: str
    partners: tuple[BookletPartner, ...]


@dataclass(frozen=True)
class BookletCategory:
    #: A stored category key (``cultural``) or a name to print as it is.
    category: str
    comuni: tuple[BookletComune, ...]


def partner_booklet_pdf(
    categories: Sequence[BookletCategory], centre: CentreDetails, language: str, on: date
) -> bytes:
    """The booklet of the partners in ``categories`` (in their order), valid on ``on``."""
    lang = FormLanguage.of(language)
    st = styles()
    title = lang(TITLE)
    count = sum(len(c.partners) for category in categories for c in category.comuni)
    story: list[Flowable] = [
        Paragraph(esc(title), st.title),
        Paragraph(
            esc(
                lang.ngettext(
                    "{count} partner on {date}", "{count} partners on {date}", count
                ).format(count=lang.number(count), date=lang.date(on))
            ),
            st.subtitle,
        ),
        Paragraph(
            esc(
                lang(
                    N_(
                        "Show your family card before you pay: the partner checks its "
                        "number and gives you the benefit listed here."
                    )
                )
            ),
            st.notice,
        ),
    ]
    comune_style = ParagraphStyle(
        "booklet_comune",
        parent=st.body,
        fontName=FONT_BOLD,
        textColor=ACCENT,
        spaceBefore=4,
        spaceAfter=3,
    )
    header = [lang(N_("Partner")), lang(N_("Phone")), lang(N_("Benefits"))]
    widths = [*_WIDTHS, CONTENT_WIDTH - sum(_WIDTHS)]
    for category in categories:
        name = CATEGORY_NAMES.get(category.category)
        story += section(lang(name) if name else category.category)
        for comune in category.comuni:
            rows = [[_partner_cell(p), p.phone, _benefits_cell(p)] for p in comune.partners]
            story += [
                CondPageBreak(18 * mm),
                Paragraph(esc(comune.name), comune_style),
                grid_table(header, rows, widths),
            ]
    if not count:
        story.append(Paragraph(esc(lang(N_("There are no partners at the moment."))), st.body))
    footer = lang(N_("{app} · {form} · printed on {date}")).format(
        app=APP_NAME, form=title, date=lang.date(on)
    )
    return build_pdf(story, centre=centre, lang=lang, title=title, footer=footer)


def _partner_cell(partner: BookletPartner) -> Paragraph:
    st = styles()
    text = f"<b>{esc(partner.name)}</b>"
    if partner.address:
        text += f"<br/>{esc(partner.address)}"
    return Paragraph(text, st.cell)


def _benefits_cell(partner: BookletPartner) -> Paragraph:
    return Paragraph("<br/>".join(f"• {esc(b)}" for b in partner.benefits), styles().cell)
