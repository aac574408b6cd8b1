"""Papers of a parenting group: the signature sheet of a session (registro firme) and the
certificates of attendance (attestati di frequenza).

Pure functions from plain data to PDF bytes: they read, write and log nothing
(any thread). ``familydesk.groups.printouts`` gathers the data, audits and saves.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from babel import numbers as babel_numbers
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, PageBreak, Paragraph, Spacer, Table

from familydesk import APP_NAME
from familydesk.forms.base import (
    ACCENT,
    CONTENT_WIDTH,
    FONT_BOLD,
    RULE,
    FormLanguage,
    capitalised,
    esc,
    styles,
)
from familydesk.forms.blocks import fields_table, grid_table, signature_boxes, table_style
from familydesk.forms.document import build_pdf
from familydesk.groups.catalog import GroupRow
from familydesk.groups.enrolment import EnrolmentRow
from familydesk.groups.figures import Completion
from familydesk.groups.names import KINDS, translated
from familydesk.groups.sessions import SessionRow
from familydesk.i18n import N_
from familydesk.kernel import clock
from familydesk.kernel.text import hhmm
from familydesk.registry.centre import CentreDetails

SIGNATURES_TITLE = N_("Signature sheet")
CERTIFICATE_TITLE = N_("Certificate of attendance")
PARTIAL_TITLE = N_("Partial certificate of attendance")
#: Empty numbered rows at the end of the signature sheet, for people who come on the spot.
WALK_IN_ROWS = 4
_SIGNATURE_WIDTHS = [w * mm for w in (9, 66, 21)]


@dataclass(frozen=True)
class SignatureSheetData:
    group: GroupRow
    session: SessionRow
    #: How many sessions the group has (the N of "session n of N").
    sessions: int
    #: The people enrolled on the session's day, by name.
    people: tuple[EnrolmentRow, ...]


@dataclass(frozen=True)
class CertificateData:
    name: str
    #: "F", "M" or "" (the Italian text says nata, nato or nata/o).
    sex: str
    birth_date: date | None
    completion: Completion


@dataclass(frozen=True)
class CourseProgress:
    """How far the course has gone: the sessions held so far of those planned (not cancelled)."""

    #: Days of the first and last session held so far (None when none was held).
    first_held: date | None
    last_held: date | None
    held: int
    planned: int

    @property
    def partial(self) -> bool:
        """Sessions are still to come: a certificate can speak only of those held."""
        return self.held < self.planned

    @classmethod
    def of(cls, sessions: Sequence[SessionRow]) -> CourseProgress:
        planned = [s for s in sessions if not s.cancelled]
        held = [s for s in planned if s.held]
        return cls(
            held[0].starts_at.date() if held else None,
            held[-1].starts_at.date() if held else None,
            len(held),
            len(planned),
        )


def footer_text(lang: FormLanguage, title: str, today: date, code: str) -> str:
    return lang(N_("{app} · {form} · printed on {date} · code {code}")).format(
        app=APP_NAME, form=title, date=lang.date(today), code=code
    )


def hours_text(lang: FormLanguage, hours: float) -> str:
    """``24 ore``, ``1,5 ore``, ``1 ora`` in the form's language."""
    number = babel_numbers.format_decimal(round(hours, 2), "#,##0.##", locale=lang.code)
    count = int(hours) if float(hours).is_integer() else 2
    return lang.ngettext("{hours} hour", "{hours} hours", count).format(hours=number)


def venue_text(group: GroupRow) -> str:
    return ", ".join(p for p in (group.place, group.address, group.comune) if p)


def session_when(lang: FormLanguage, row: SessionRow) -> str:
    day = capitalised(lang.weekday_date(row.starts_at.date()))
    return f"{day}, {hhmm(row.starts_at)}–{hhmm(row.ends_at)}"


def signatures_pdf(
    data: SignatureSheetData, centre: CentreDetails, language: str, today: date | None = None
) -> bytes:
    """The signature sheet of one session: the group, the session n of N, when and where,
    the educators; a row per enrolled person to sign, empty rows for walk-ins, and the
    educator's signature."""
    lang = FormLanguage.of(language)
    today = today or clock.today()
    st = styles()
    g, s = data.group, data.session
    title = lang(SIGNATURES_TITLE)
    place = s.place or g.place
    where = ", ".join(p for p in (place, g.address if place == g.place else "", g.comune) if p)
    pairs = [
        (
            lang(N_("Session")),
            lang(N_("{number} of {total}")).format(number=s.number, total=data.sessions),
        ),
        (lang(N_("Date and time")), session_when(lang, s)),
        (lang(N_("Venue")), where),
        (lang(N_("Room")), s.room or g.room),
        (lang(N_("Educators")), ", ".join(g.educators)),
    ]
    if s.topic:
        pairs.append((lang(N_("Topic")), s.topic))
    header = [lang(N_("No.")), lang(N_("Name")), lang(N_("Adult or minor")), lang(N_("Signature"))]
    rows: list[list[object]] = []
    for number, person in enumerate(data.people, start=1):
        age = lang(N_("minor")) if person.is_child else lang(N_("adult"))
        rows.append([str(number), person.name, age, ""])
    first_blank = len(rows)
    rows += [[str(first_blank + i), "", "", ""] for i in range(1, WALK_IN_ROWS + 1)]
    widths = [*_SIGNATURE_WIDTHS, CONTENT_WIDTH - sum(_SIGNATURE_WIDTHS)]
    table = grid_table(header, rows, widths)
    table.setStyle(
        table_style(
            [
                ("VALIGN", (0, 1), (-1, -1), "MIDDLE"),
                ("TOPPADDING", (0, 1), (-1, -1), 7),
                ("BOTTOMPADDING", (0, 1), (-1, -1), 7),
            ]
        )
    )
    count = len(data.people)
    summary = lang.ngettext("{count} person enrolled", "{count} people enrolled", count).format(
        count=lang.number(count)
    )
    story: list[Flowable] = [
        Paragraph(esc(title), st.title),
        Paragraph(esc(f"{g.title} ({lang(translated(KINDS, g.kind))})"), st.subtitle),
        fields_table(pairs, columns=2),
        Spacer(1, 4 * mm),
        Paragraph(
            esc(summary + " · " + lang(N_("Rows left empty are for people who come on the spot."))),
            st.small,
        ),
        table,
        Spacer(1, 6 * mm),
        KeepTogether(
            signature_boxes([lang(N_("Educator's signature"))], 18 * mm, [CONTENT_WIDTH / 2])
        ),
    ]
    return build_pdf(
        story,
        centre=centre,
        lang=lang,
        title=f"{title} – {g.title}",
        footer=footer_text(lang, f"{title} {s.number}/{data.sessions}", today, s.uid),
    )


#: The certificate's sentence by the person's sex: nata, nato, nata/o in Italian.
_WITH_BIRTH = {
    "F": N_(
        "This is to certify that {name}, born on {birth}, attended the {kind} “{title}” at "
        "{venue}, from {first} to {last}: she took part in {meetings} ({hours})."
    ),
    "M": N_(
        "This is to certify that {name}, born on {birth}, attended the {kind} “{title}” at "
        "{venue}, from {first} to {last}: he took part in {meetings} ({hours})."
    ),
    "": N_(
        "This is to certify that {name}, born on {birth}, attended the {kind} “{title}” at "
        "{venue}, from {first} to {last}: they took part in {meetings} ({hours})."
    ),
}
_WITHOUT_BIRTH = N_(
    "This is to certify that {name} attended the {kind} “{title}” at {venue}, "
    "from {first} to {last}, taking part in {meetings} ({hours})."
)


#: Before the last session: what was attended of the meetings held so far, by sex.
_PARTIAL_WITH_BIRTH = {
    "F": N_(
        "This is to certify that {name}, born on {birth}, is taking part in the {kind} "
        "“{title}” at {venue}, still under way: of the meetings held so far, from {first} "
        "to {last}, she took part in {meetings} ({hours})."
    ),
    "M": N_(
        "This is to certify that {name}, born on {birth}, is taking part in the {kind} "
        "“{title}” at {venue}, still under way: of the meetings held so far, from {first} "
        "to {last}, he took part in {meetings} ({hours})."
    ),
    "": N_(
        "This is to certify that {name}, born on {birth}, is taking part in the {kind} "
        "“{title}” at {venue}, still under way: of the meetings held so far, from {first} "
        "to {last}, they took part in {meetings} ({hours})."
    ),
}
_PARTIAL_WITHOUT_BIRTH = N_(
    "This is to certify that {name} is taking part in the {kind} "
    "“{title}” at {venue}, still under way: of the meetings held so "
    "far, from {first} to {last}, they took part in {meetings} "
    "({hours})."
)
_PARTIAL_LINE = N_("Partial statement: meetings held from {first} to {last}, {held} of {planned}")


def partial_line(progress: CourseProgress, lang: FormLanguage) -> str:
    """``Attestato parziale: incontri svolti dal … al …, 9 di 16``."""
    return lang(_PARTIAL_LINE).format(
        first=lang.date(progress.first_held),
        last=lang.date(progress.last_held),
        held=progress.held,
        planned=progress.planned,
    )


def certificate_text(
    group: GroupRow,
    item: CertificateData,
    lang: FormLanguage,
    progress: CourseProgress | None = None,
) -> str:
    """The certificate's sentence; before the last session (``progress.partial``) it speaks
    only of the meetings held so far, and of the number held, not the course's."""
    c = item.completion
    partial = progress is not None and progress.partial
    total = progress.held if progress is not None and partial else c.sessions
    meetings = lang.ngettext(
        "{count} meeting out of {total}", "{count} meetings out of {total}", c.present
    ).format(count=lang.number(c.present), total=total)
    first = group.first_session.date() if group.first_session else None
    last = group.last_session.date() if group.last_session else None
    if progress is not None and partial:
        first, last = progress.first_held, progress.last_held
    values = {
        "name": item.name,
        "birth": lang.date(item.birth_date),
        "kind": lang(translated(KINDS, group.kind)),
        "title": group.title,
        "venue": ", ".join(p for p in (group.place, group.comune) if p),
        "first": lang.date(first),
        "last": lang.date(last),
        "meetings": meetings,
        "hours": hours_text(lang, c.hours_attended),
    }
    if partial:
        if item.birth_date is None:
            return lang(_PARTIAL_WITHOUT_BIRTH).format(**values)
        return lang(_PARTIAL_WITH_BIRTH.get(item.sex, _PARTIAL_WITH_BIRTH[""])).format(**values)
    if item.birth_date is None:
        return lang(_WITHOUT_BIRTH).format(**values)
    return lang(_WITH_BIRTH.get(item.sex, _WITH_BIRTH[""])).format(**values)


def _certificate_page(
    group: GroupRow,
    item: CertificateData,
    centre: CentreDetails,
    lang: FormLanguage,
    today: date,
    progress: CourseProgress | None,
) -> list[Flowable]:
    st = styles()
    title = ParagraphStyle(
        "certificate_title",
        parent=st.title,
        fontSize=22,
        leading=28,
        alignment=TA_CENTER,
        spaceAfter=4,
    )
    kind = ParagraphStyle(
        "certificate_kind", parent=st.subtitle, fontSize=11, leading=14, alignment=TA_CENTER
    )
    body = ParagraphStyle(
        "certificate_body", parent=st.body, fontSize=12.5, leading=20, alignment=TA_JUSTIFY
    )
    name = ParagraphStyle(
        "certificate_name",
        parent=st.body,
        fontName=FONT_BOLD,
        fontSize=15,
        leading=20,
        alignment=TA_CENTER,
        textColor=ACCENT,
    )
    town = centre.town or group.comune
    place_date = ", ".join(p for p in (town, lang.date(today)) if p)
    signer = lang(N_("The educator")) if len(group.educators) == 1 else lang(N_("The educators"))
    gap = 8 * mm
    signs = Table(
        [
            [
                Paragraph(esc(place_date), st.body),
                "",
                [Paragraph(esc(lang(N_("The coordinator"))), st.label), Spacer(1, 16 * mm)],
                "",
                [
                    Paragraph(esc(signer), st.label),
                    Paragraph(esc(", ".join(group.educators)), st.small),
                    Spacer(1, 12 * mm),
                ],
            ]
        ],
        colWidths=[CONTENT_WIDTH / 3 - gap, gap, CONTENT_WIDTH / 3, gap, CONTENT_WIDTH / 3 - gap],
    )
    signs.setStyle(
        table_style(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LINEBELOW", (2, 0), (2, 0), 0.75, RULE),
                ("LINEBELOW", (4, 0), (4, 0), 0.75, RULE),
            ]
        )
    )
    partial = progress is not None and progress.partial
    heading = [
        Spacer(1, 14 * mm),
        Paragraph(esc(lang(PARTIAL_TITLE if partial else CERTIFICATE_TITLE)), title),
        Paragraph(esc(f"{group.title} · {group.comune}"), kind),
    ]
    if progress is not None and partial:
        heading.append(Paragraph(esc(partial_line(progress, lang)), kind))
    return [
        *heading,
        Spacer(1, 14 * mm),
        Paragraph(esc(item.name), name),
        Spacer(1, 8 * mm),
        Paragraph(esc(certificate_text(group, item, lang, progress)), body),
        Spacer(1, 24 * mm),
        signs,
    ]


def certificates_pdf(
    group: GroupRow,
    items: Sequence[CertificateData],
    centre: CentreDetails,
    language: str,
    today: date | None = None,
    progress: CourseProgress | None = None,
) -> bytes:
    """One certificate of attendance per page, on the centre's letterhead.

    With sessions still to come (``progress.partial``) each is a partial certificate:
    so titled, with the dates and number of the meetings held so far.
    """
    lang = FormLanguage.of(language)
    today = today or clock.today()
    story: list[Flowable] = []
    for index, item in enumerate(items):
        if index:
            story.append(PageBreak())
        story += _certificate_page(group, item, centre, lang, today, progress)
    partial = progress is not None and progress.partial
    title = lang(PARTIAL_TITLE if partial else CERTIFICATE_TITLE)
    return build_pdf(
        story,
        centre=centre,
        lang=lang,
        title=f"{title} – {group.title}",
        footer=footer_text(lang, title, today, group.uid),
    )
