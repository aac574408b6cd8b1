"""The activity report on paper ("Relazione di attività"), and any report's sections
(the plan's monitoring sheet) in the same layout, on the centre's letterhead.

Services for the CLI and the GUI runner: they need ``PRINT``, read with the given
session (never commit), build the PDF in the interface language (or ``language``), audit
the print (no personal data: figures only) and write the file atomically. ``outside``
(the default for files): a cell the disclosure control suppressed reads "<N" and is not
drawn; inside the centre every figure prints. Importing this module loads ReportLab.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from pathlib import Path

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph, Spacer
from sqlalchemy.orm import Session

from familydesk import APP_NAME
from familydesk.forms.base import esc, styles
from familydesk.forms.blocks import fields_table, section
from familydesk.forms.document import build_pdf
from familydesk.i18n import N_
from familydesk.kernel import clock
from familydesk.kernel.files import write_atomically
from familydesk.registry.centre import get_centre
from familydesk.reports.model import ActivityReport, Section
from familydesk.reports.outputs.pdf_tables import table_block
from familydesk.reports.outputs.pdf_words import (
    DEFINITIONS,
    NOTHING,
    TITLE,
    Paper,
    paper_for,
    period_text,
    previous_table,
    scope_lines,
    threshold_note,
)
from familydesk.trust import audit, permissions

log = logging.getLogger(__name__)


def write_pdf(
    session: Session,
    report: ActivityReport,
    path: Path,
    outside: bool = True,
    *,
    language: str | None = None,
) -> Path:
    """The activity report ``report`` (with last year's beside it when it has one)
    written to ``path`` as PDF; the file's absolute path."""
    permissions.require(session, permissions.PRINT)
    paper = paper_for(session, outside, language)
    lang = paper.lang
    about = [(lang(N_("Period")), period_text(lang, report.scope.period))]
    if report.previous is not None:
        compared = period_text(lang, report.previous.scope.period)
        about.append((lang(N_("Compared with")), compared))
    about += scope_lines(session, lang, report.scope)
    previous = report.previous.sections if report.previous is not None else None
    pdf = _document(session, paper, lang(TITLE), report.centre, about, report.sections, previous)
    audit.record(session, "print", table_name="report", note="activity pdf")
    session.flush()
    out = write_atomically(Path(path), pdf)
    log.info("Printed the activity report (%d sections)", len(report.sections))
    return out


def write_sections(
    session: Session,
    title: str,
    subtitle: str,
    sections: list[Section],
    path: Path,
    previous: list[Section] | None = None,
    outside: bool = True,
    *,
    language: str | None = None,
) -> Path:
    """``sections`` under ``title`` and ``subtitle`` (already in the reader's words) in the
    report's layout, written to ``path`` as PDF; ``previous``: the same sections last
    year, printed beside them. The file's absolute path."""
    permissions.require(session, permissions.PRINT)
    paper = paper_for(session, outside, language)
    pdf = _document(session, paper, title, subtitle, [], sections, previous)
    keys = ",".join(item.key for item in sections)
    audit.record(session, "print", table_name="report", note=f"sections pdf: {keys}")
    session.flush()
    out = write_atomically(Path(path), pdf)
    log.info("Printed report sections %s", keys)
    return out


def _document(
    session: Session,
    paper: Paper,
    title: str,
    subtitle: str,
    about: list[tuple[str, str]],
    sections: Sequence[Section],
    previous: Sequence[Section] | None,
) -> bytes:
    st = styles()
    lang = paper.lang
    story: list[Flowable] = [Paragraph(esc(title), st.title)]
    if subtitle:
        story.append(Paragraph(esc(subtitle), st.subtitle))
    if about:
        story += [fields_table(about, columns=2), Spacer(1, 2 * mm)]
    story.append(Paragraph(esc(threshold_note(paper)), st.small))
    for part in sections:
        story += section_story(part, previous, paper)
    footer = lang(N_("{app} · {form} · printed on {date}")).format(
        app=APP_NAME, form=title, date=lang.date(clock.today())
    )
    return build_pdf(story, centre=get_centre(session), lang=lang, title=title, footer=footer)


def section_story(
    part: Section, previous: Sequence[Section] | None, paper: Paper
) -> list[Flowable]:
    """A section: its heading, the definitions it counts by, then each table."""
    st = styles()
    story: list[Flowable] = [*section(part.title, 45 * mm)]
    if part.notes:
        notes = "<br/>".join(esc(note) for note in part.notes)
        story.append(Paragraph(f"<b>{esc(paper.lang(DEFINITIONS))}.</b> {notes}", st.small))
    if not part.tables:
        story.append(Paragraph(esc(paper.lang(NOTHING)), st.body))
    for table in part.tables:
        story += table_block(table, previous_table(previous, table), paper)
    return story
