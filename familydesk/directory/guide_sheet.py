"""The guide to the services (Guida ai servizi), on the letterhead: the services by
category (their first need, in the taxonomy's order, with its macro-area), then by comune,
the services serving the whole area in a group of their own; or the one-page list of the
services for one need and/or one comune, in the same entry layout, more compact.

Built from plain data (:class:`ServiceEntry`), so the referral slip lays its services out
with the same words. No personal data. Pure: reads and writes nothing; any thread.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from babel import Locale, UnknownLocaleError
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable, KeepTogether, Paragraph, Table

from familydesk import APP_NAME
from familydesk.directory.records import ACCESS
from familydesk.forms.base import (
    ACCENT,
    CONTENT_WIDTH,
    FONT_BOLD,
    GRID,
    MUTED,
    FormLanguage,
    esc,
    styles,
)
from familydesk.forms.blocks import section, table_style
from familydesk.forms.document import Letterhead, build_pdf
from familydesk.i18n import N_

TITLE = N_("Guide to the services")
WHOLE_AREA = N_("In the whole area")


@dataclass(frozen=True)
class ServiceEntry:
    """One service as printed: its words already chosen (address with CAP, comune and
    province, the organisation's contacts where the service has none)."""

    name: str
    organisation: str
    description: str = ""
    address: str = ""
    phone: str = ""
    email: str = ""
    web: str = ""
    hours: str = ""
    age_min: int | None = None
    age_max: int | None = None
    audience: str = ""
    residence: str = ""
    cost: str = ""
    #: ISO 639-1 codes ("it", "ar").
    languages: tuple[str, ...] = ()
    #: walk_in, appointment or referral (see ``records.ACCESS``).
    access: str = ""
    bring: str = ""
    contact_person: str = ""


@dataclass(frozen=True)
class GuideGroup:
    """The services of one comune (``comune`` empty: those serving the whole area)."""

    comune: str
    services: tuple[ServiceEntry, ...]


@dataclass(frozen=True)
class GuideCategory:
    #: The need's name and its macro-area ("I", "Family support"; empty when none).
    title: str
    area: str
    area_name: str
    groups: tuple[GuideGroup, ...]


@dataclass(frozen=True)
class GuideData:
    categories: tuple[GuideCategory, ...]
    on: date
    #: The one-page list: the need's name and/or the comune it is for (both empty: the
    #: whole guide).
    need: str = ""
    comune: str = ""

    @property
    def is_list(self) -> bool:
        return bool(self.need or self.comune)


def ages_text(age_min: int | None, age_max: int | None, lang: FormLanguage) -> str:
    """ "0-3 years", "from 18 years", "up to 5 years" (empty: any age)."""
    if age_min is not None and age_max is not None:
        if age_min == age_max:
            return lang.ngettext("{n} year", "{n} years", age_min).format(n=lang.number(age_min))
        return lang.ngettext("{low}-{high} year", "{low}-{high} years", age_max).format(
            low=lang.number(age_min), high=lang.number(age_max)
        )
    if age_min is not None:
        return lang.ngettext("from {n} year", "from {n} years", age_min).format(
            n=lang.number(age_min)
        )
    if age_max is not None:
        return lang.ngettext("up to {n} year", "up to {n} years", age_max).format(
            n=lang.number(age_max)
        )
    return ""


def language_names(codes: Sequence[str], lang: FormLanguage) -> str:
    """ "italiano, arabo" in the form's language (Babel's names; an unknown code as it is)."""
    try:
        names = Locale.parse(lang.code).languages
    except (UnknownLocaleError, ValueError):
        names = {}
    return ", ".join(names.get(code, code) for code in codes)


def who_for(entry: ServiceEntry, lang: FormLanguage) -> str:
    """Ages, conditions and residence on one line ("0-3 years · mothers · residents")."""
    parts = (ages_text(entry.age_min, entry.age_max, lang), entry.audience, entry.residence)
    return " · ".join(part for part in parts if part)


def entry_fields(entry: ServiceEntry, lang: FormLanguage) -> list[tuple[str, str]]:
    """The label and value of every detail the entry has, in the printed order."""
    access = ACCESS.get(entry.access)
    pairs = [
        (lang(N_("Address")), entry.address),
        (lang(N_("Phone")), entry.phone),
        (lang(N_("E-mail")), entry.email),
        (lang(N_("Web")), entry.web),
        (lang(N_("Opening hours")), entry.hours),
        (lang(N_("Who it is for")), who_for(entry, lang)),
        (lang(N_("Cost")), entry.cost),
        (lang(N_("Languages spoken")), language_names(entry.languages, lang)),
        (lang(N_("How to get in")), lang(access) if access else ""),
        (lang(N_("What to bring")), entry.bring),
        (lang(N_("Contact person")), entry.contact_person),
    ]
    return [(label, value) for label, value in pairs if value.strip()]


def _styles(compact: bool) -> tuple[ParagraphStyle, ParagraphStyle, ParagraphStyle]:
    st = styles()
    size = 8.5 if compact else 9
    name = ParagraphStyle(
        "guide_name",
        parent=st.body,
        fontName=FONT_BOLD,
        fontSize=size + 1.5,
        leading=(size + 1.5) * 1.25,
        textColor=ACCENT,
        spaceAfter=0,
    )
    detail = ParagraphStyle(
        "guide_detail", parent=st.body, fontSize=size, leading=size * 1.3, spaceAfter=0
    )
    muted = ParagraphStyle("guide_muted", parent=detail, textColor=MUTED)
    return name, detail, muted


def entry_block(entry: ServiceEntry, lang: FormLanguage, compact: bool = False) -> Flowable:
    """One service: its name and organisation, what it does, then its details in two
    columns of "label value" lines, over a thin rule; kept on one page when it fits."""
    name_style, detail, muted = _styles(compact)
    head = f"{esc(entry.name)}"
    if entry.organisation and entry.organisation != entry.name:
        head += (
            f" <font color='#555555' size='{detail.fontSize}'>— {esc(entry.organisation)}</font>"
        )
    cells: list[Flowable] = [Paragraph(head, name_style)]
    if entry.description:
        cells.append(Paragraph(esc(entry.description), muted))
    lines = [
        Paragraph(f"<b>{esc(label)}</b>&nbsp; {esc(value)}", detail)
        for label, value in entry_fields(entry, lang)
    ]
    half = (len(lines) + 1) // 2
    right: list[Flowable | str] = [*lines[half:]]
    right += [""] * (half - len(right))
    rows = [[left, other] for left, other in zip(lines[:half], right, strict=True)]
    parts: list[Flowable] = [*cells]
    if rows:
        table = Table(rows, colWidths=[CONTENT_WIDTH / 2] * 2)
        table.setStyle(
            table_style(
                [
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ("LEFTPADDING", (0, 0), (-1, -1), 0),
                    ("RIGHTPADDING", (0, 0), (-1, -1), 6),
                    ("TOPPADDING", (0, 0), (-1, -1), 0.8),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 0.8),
                ]
            )
        )
        parts.append(table)
    outer = Table([[part] for part in parts], colWidths=[CONTENT_WIDTH])
    outer.setStyle(
        table_style(
            [
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 0), (-1, -1), 0.5),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 0.5),
                ("BOTTOMPADDING", (0, -1), (-1, -1), 4 if compact else 5),
                ("LINEBELOW", (0, -1), (-1, -1), 0.5, GRID),
                ("TOPPADDING", (0, 0), (-1, 0), 3),
            ]
        )
    )
    return KeepTogether([outer])


def guide_pdf(data: GuideData, centre: Letterhead, language: str) -> bytes:
    """The guide (or the one-page list) of ``data``, as PDF bytes."""
    lang = FormLanguage.of(language)
    st = styles()
    title = lang(TITLE)
    count = sum(len(g.services) for c in data.categories for g in c.groups)
    heading = title
    if data.need and data.comune:
        heading = lang(N_("All the services for {need} in {comune}")).format(
            need=data.need, comune=data.comune
        )
    elif data.need:
        heading = lang(N_("All the services for {need}")).format(need=data.need)
    elif data.comune:
        heading = lang(N_("All the services in {comune}")).format(comune=data.comune)
    story: list[Flowable] = [
        Paragraph(esc(heading), st.title),
        Paragraph(
            esc(
                lang.ngettext(
                    "{count} service, updated on {date}",
                    "{count} services, updated on {date}",
                    count,
                ).format(count=lang.number(count), date=lang.date(data.on))
            ),
            st.subtitle,
        ),
    ]
    if not data.is_list:
        story.append(
            Paragraph(
                esc(
                    lang(
                        N_(
                            "The services of the area for families, by need and by comune. "
                            "Call before you go: hours and details may change."
                        )
                    )
                ),
                st.notice,
            )
        )
    comune_style = ParagraphStyle(
        "guide_comune",
        parent=st.body,
        fontName=FONT_BOLD,
        fontSize=9.5,
        textColor=ACCENT,
        spaceBefore=5,
        spaceAfter=1,
    )
    for category in data.categories:
        if not data.need:
            story += section(_category_title(category, lang), room=40 * mm)
        for group in category.groups:
            name = group.comune or lang(WHOLE_AREA)
            story += [CondPageBreak(30 * mm), Paragraph(esc(name), comune_style)]
            story += [entry_block(s, lang, compact=data.is_list) for s in group.services]
    footer = lang(N_("{app} · {form} · printed on {date}")).format(
        app=APP_NAME, form=title, date=lang.date(data.on)
    )
    return build_pdf(story, centre=centre, lang=lang, title=heading, footer=footer)


def _category_title(category: GuideCategory, lang: FormLanguage) -> str:
    if category.area:
        return lang(N_("{need} · area {area}: {area_name}")).format(
            need=category.title, area=category.area, area_name=category.area_name
        )
    return category.title
