"""The attendance summary of a group (riepilogo presenze), on landscape A4.

A grid of participants x sessions with one letter per mark (P, A, E), each
person's total (present / sessions, percentage, completed or not), each
session's count of people present, and the group's figures. Groups with many
sessions are split into several grids of at most ``MAX_COLUMNS`` sessions, the
totals in the last one. Pure: plain data in, PDF bytes out (any thread).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph, Spacer

from familydesk.forms.base import MARGIN, PAGE_HEIGHT, FormLanguage, esc, styles
from familydesk.forms.blocks import fields_table, grid_table, section, table_style
from familydesk.forms.document import build_pdf
from familydesk.groups.attendance import AttendanceGrid
from familydesk.groups.catalog import GroupRow
from familydesk.groups.figures import Completion, GroupFigures
from familydesk.groups.names import KINDS, MARK_LETTERS, MARKS, translated
from familydesk.groups.sheets import footer_text, hours_text, venue_text
from familydesk.i18n import N_
from familydesk.kernel import clock
from familydesk.registry.centre import CentreDetails

TITLE = N_("Attendance summary")
#: Text width of a landscape page.
WIDTH = PAGE_HEIGHT - 2 * MARGIN
MAX_COLUMNS = 20
_NAME, _TOTALS = 54 * mm, [16 * mm, 12 * mm, 21 * mm]
CANCELLED = colors.HexColor("#e6e6e6")


@dataclass(frozen=True)
class SummaryData:
    group: GroupRow
    grid: AttendanceGrid
    #: Completion by enrolment id (enrolled people; withdrawn ones have none).
    completions: dict[int, Completion]
    figures: GroupFigures


def percent(value: float | None) -> str:
    return "" if value is None else f"{round(value * 100)}%"


def _chunks(count: int) -> list[range]:
    if count == 0:
        return [range(0)]
    size = -(-count // -(-count // MAX_COLUMNS))  # even chunks of at most MAX_COLUMNS
    return [range(i, min(i + size, count)) for i in range(0, count, size)]


def _grid(data: SummaryData, lang: FormLanguage, columns: range, last: bool) -> Flowable:
    st = styles()
    centred = ParagraphStyle("mark", parent=st.cell, alignment=TA_CENTER)
    grid = data.grid
    sessions = [grid.sessions[i] for i in columns]
    totals = [lang(N_("Present")), "%", lang(N_("Completed"))] if last else []
    header = [
        lang(N_("Participant")),
        *(f"{s.number}\n{s.starts_at:%d/%m}" for s in sessions),
        *totals,
    ]
    rows: list[list[object]] = []
    for person in grid.participants:
        name = person.name
        if person.status == "withdrawn":
            name += " " + lang(N_("(withdrawn)"))
        row: list[object] = [Paragraph(esc(name), st.cell)]
        for s in sessions:
            mark = grid.marks.get((person.id, s.id))
            letter = lang(MARK_LETTERS[mark]) if mark in MARK_LETTERS else ""
            row.append(Paragraph("–" if s.cancelled else letter, centred))
        if last:
            done = data.completions.get(person.id)
            if done is None:
                present = sum(
                    1 for s in grid.sessions if grid.marks.get((person.id, s.id)) == "present"
                )
                cells = [str(present), "", "–"]
            else:
                cells = [
                    f"{done.present}/{done.sessions}",
                    percent(done.present / done.sessions if done.sessions else None),
                    lang(N_("yes")) if done.completed else lang(N_("no")),
                ]
            row += [Paragraph(esc(c), centred) for c in cells]
        rows.append(row)
    foot: list[object] = [Paragraph(f"<b>{esc(lang(N_('Present')))}</b>", st.cell)]
    for s in sessions:
        count = sum(1 for p in grid.participants if grid.marks.get((p.id, s.id)) == "present")
        text = "–" if s.cancelled else f"<b>{count}</b>" if s.held else ""
        foot.append(Paragraph(text, centred))
    foot += [""] * len(totals)
    rows.append(foot)
    spare = WIDTH - _NAME - (sum(_TOTALS) if last else 0)
    column = min(12 * mm, spare / max(len(sessions), 1))
    widths = [_NAME, *[column] * len(sessions), *(_TOTALS if last else [])]
    table = grid_table(header, rows, widths)
    marks = (1, 0), (len(sessions), len(rows))
    commands: list[tuple[object, ...]] = [
        ("BACKGROUND", (0, len(rows)), (-1, len(rows)), "#eef1f5"),
        ("LEFTPADDING", *marks, 1),
        ("RIGHTPADDING", *marks, 1),
    ]
    for offset, s in enumerate(sessions, start=1):
        if s.cancelled:
            commands.append(("BACKGROUND", (offset, 1), (offset, len(rows) - 1), CANCELLED))
    table.setStyle(table_style(commands))
    return table


def _figures(f: GroupFigures, lang: FormLanguage) -> Flowable:
    pairs = [
        (
            lang(N_("Sessions held")),
            f"{lang.number(f.sessions_held)} / {lang.number(f.sessions_planned)}",
        ),
        (lang(N_("Hours delivered")), hours_text(lang, f.hours_delivered)),
        (lang(N_("People reached")), lang.number(f.people_reached)),
        (lang(N_("Families reached")), lang.number(f.families_reached)),
        (lang(N_("Attendance rate")), percent(f.attendance_rate) or "–"),
        (lang(N_("Enrolled")), lang.number(f.enrolled)),
        (lang(N_("Completed")), lang.number(f.completed)),
        (lang(N_("Completion rate")), percent(f.completion_rate) or "–"),
        (lang(N_("Waiting list")), lang.number(f.waiting)),
    ]
    return fields_table(pairs, columns=5, width=WIDTH)


def summary_pdf(
    data: SummaryData, centre: CentreDetails, language: str, today: date | None = None
) -> bytes:
    """The attendance summary of a group, landscape, as PDF bytes."""
    lang = FormLanguage.of(language)
    today = today or clock.today()
    st = styles()
    g = data.group
    title = lang(TITLE)
    first = g.first_session.date() if g.first_session else None
    last = g.last_session.date() if g.last_session else None
    about = [f"{g.title} ({lang(translated(KINDS, g.kind))})", venue_text(g)]
    if first and last:
        about.append(
            lang(N_("from {first} to {last}")).format(first=lang.date(first), last=lang.date(last))
        )
    rule = lang(
        N_("Completed: sessions attended at least {percent}% (cancelled sessions do not count).")
    ).format(percent=g.completion_percent)
    legend = " · ".join(f"{lang(MARK_LETTERS[k])} = {lang(translated(MARKS, k))}" for k in MARKS)
    story: list[Flowable] = [
        Paragraph(esc(title), st.title),
        Paragraph(esc(" · ".join(about)), st.subtitle),
    ]
    if not data.grid.participants:
        story.append(Paragraph(esc(lang(N_("Nobody is enrolled in this group."))), st.body))
    else:
        chunks = _chunks(len(data.grid.sessions))
        for index, columns in enumerate(chunks):
            if index:
                story.append(Spacer(1, 4 * mm))
            story.append(_grid(data, lang, columns, index == len(chunks) - 1))
        story.append(Spacer(1, 2 * mm))
        cancelled = lang(N_("session cancelled"))
        story.append(Paragraph(esc(f"{legend} · – = {cancelled}"), st.small))
    story += [
        Paragraph(esc(rule), st.small),
        *section(lang(N_("Figures")), 30 * mm),
        _figures(data.figures, lang),
    ]
    return build_pdf(
        story,
        centre=centre,
        lang=lang,
        title=f"{title} – {g.title}",
        footer=footer_text(lang, title, today, g.uid),
        landscape=True,
    )
