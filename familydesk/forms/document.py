"""The page: the centre's letterhead on top, "page X of Y" in the footer, A4, embedded fonts."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from datetime import date
from io import BytesIO
from typing import Protocol

from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    KeepTogether,
    PageTemplate,
    Paragraph,
    Table,
)

from familydesk import APP_NAME, __version__
from familydesk.forms.address import postal_address
from familydesk.forms.base import (
    ACCENT,
    FONT,
    FONT_BOLD,
    FOOTER_HEIGHT,
    FRAME_TOP,
    GRID,
    LETTERHEAD_HEIGHT,
    LETTERHEAD_TOP,
    MARGIN,
    MUTED,
    RULE,
    FormLanguage,
    capitalised,
    esc,
    register_fonts,
    styles,
)
from familydesk.i18n import N_

log = logging.getLogger(__name__)


class Letterhead(Protocol):
    """What the top of every page shows: the centre's name, address, contacts and logo.

    ``registry.centre.CentreDetails`` is one; forms sit below the registry and need only
    these fields, so they name them here instead of importing the registry.
    """

    @property
    def name(self) -> str: ...
    @property
    def address(self) -> str: ...
    @property
    def postcode(self) -> str: ...
    @property
    def town(self) -> str: ...
    @property
    def phone(self) -> str: ...
    @property
    def email(self) -> str: ...
    @property
    def logo(self) -> bytes | None: ...


def logo_image(centre: Letterhead) -> ImageReader | None:
    """The centre's logo ready to draw, or None (none, or a damaged one: printing goes on)."""
    if not centre.logo:
        return None
    try:
        image = ImageReader(BytesIO(centre.logo))
        image.getSize()
        return image
    except Exception:  # a damaged logo must not stop printing
        log.warning("The centre's logo could not be read; printing without it")
        return None


def _letterhead(
    canvas: Canvas, centre: Letterhead, lang: FormLanguage, logo: ImageReader | None
) -> None:
    """The centre's logo, name and contacts at the top of a page, over a thin rule."""
    st = styles()
    page_width, page_height = canvas._pagesize  # A4, upright or landscape
    top = page_height - LETTERHEAD_TOP
    left = MARGIN
    if logo is not None:
        width, height = logo.getSize()
        scale = min(LETTERHEAD_HEIGHT / height, 32 * mm / width)
        drawn_w, drawn_h = width * scale, height * scale
        canvas.drawImage(logo, MARGIN, top - drawn_h, drawn_w, drawn_h, mask="auto")
        left = MARGIN + drawn_w + 5 * mm
    lines = [postal_address(centre.address, centre.postcode, centre.town)]
    contacts = []
    if centre.phone:
        contacts.append(lang(N_("Phone {phone}")).format(phone=centre.phone))
    if centre.email:
        contacts.append(lang(N_("E-mail {email}")).format(email=centre.email))
    lines.append(" · ".join(contacts))
    details = "<br/>".join(esc(line) for line in lines if line)
    width = page_width - MARGIN - left
    for size in (13, 11, 9.5):
        name = Paragraph(
            esc(centre.name),
            ParagraphStyle(
                "centre",
                parent=st.body,
                fontName=FONT_BOLD,
                fontSize=size,
                leading=size * 1.2,
                textColor=ACCENT,
                spaceAfter=0,
            ),
        )
        info = Paragraph(
            details,
            ParagraphStyle(
                "centre_info",
                parent=st.body,
                fontSize=8.5,
                leading=10.5,
                textColor=MUTED,
                spaceAfter=0,
            ),
        )
        name_h = name.wrap(width, LETTERHEAD_HEIGHT)[1]
        info_h = info.wrap(width, LETTERHEAD_HEIGHT)[1]
        if name_h + info_h + 1.5 * mm <= LETTERHEAD_HEIGHT:
            break
    name.drawOn(canvas, left, top - name_h)
    info.drawOn(canvas, left, top - name_h - 1.5 * mm - info_h)
    canvas.setStrokeColor(RULE)
    canvas.setLineWidth(0.6)
    rule_y = top - LETTERHEAD_HEIGHT - 2.5 * mm
    canvas.line(MARGIN, rule_y, page_width - MARGIN, rule_y)


def _footer(canvas: Canvas, lang: FormLanguage, note: str, page: int, pages: int) -> None:
    st = styles()
    page_width = canvas._pagesize[0]
    canvas.setStrokeColor(GRID)
    canvas.setLineWidth(0.5)
    canvas.line(MARGIN, FOOTER_HEIGHT, page_width - MARGIN, FOOTER_HEIGHT)
    number = lang(N_("Page {page} of {pages}")).format(page=page, pages=pages)
    right = Paragraph(esc(number), st.footer_right)
    right.wrap(40 * mm, FOOTER_HEIGHT)
    right.drawOn(canvas, page_width - MARGIN - 40 * mm, FOOTER_HEIGHT - 4.5 * mm)
    left = Paragraph(esc(note), st.footer)
    height = left.wrap(page_width - 2 * MARGIN - 45 * mm, FOOTER_HEIGHT)[1]
    left.drawOn(canvas, MARGIN, FOOTER_HEIGHT - 1.5 * mm - height)


def _numbered_canvas(draw_footer: Callable[[Canvas, int, int], None]) -> type[Canvas]:
    """A canvas that holds its pages back until the end, to print "page X of Y"."""

    class NumberedCanvas(Canvas):
        def __init__(self, *args: object, **kwargs: object) -> None:
            super().__init__(*args, **kwargs)  # type: ignore[arg-type]
            self._pages: list[dict[str, object]] = []

        def showPage(self) -> None:  # noqa: N802 (ReportLab's name)
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            total = len(self._pages)
            for number, state in enumerate(self._pages, start=1):
                self.__dict__.update(state)
                draw_footer(self, number, total)
                super().showPage()
            super().save()

    return NumberedCanvas


def split_tall_rows(flowables: Iterable[object], width: float, height: float) -> None:
    """Let a table row taller than the page (``width`` x ``height``) continue on the next.

    Such a row (notes or a name of 2,000 characters in a cell) otherwise stops the whole
    print with ReportLab's ``LayoutError``. Rows that fit a page still move whole to the
    next one, as before: a signature box is never cut in two.
    """
    for item in flowables:
        if isinstance(item, Table):
            if max(map(_text_length, item._cellvalues), default=0) < LONG_ROW:
                continue  # laying the table out twice is not free (registers run long)
            item.wrap(width, height)
            if max(item._rowHeights or [0]) > height:
                _split_rows(item)
        elif isinstance(item, KeepTogether):
            split_tall_rows(item._content, width, height)


#: A row with fewer characters than this cannot be taller than a page.
LONG_ROW = 400


def _text_length(cells: object) -> int:
    if isinstance(cells, str):
        return len(cells)
    if isinstance(cells, Paragraph):
        return len(cells.text)
    if isinstance(cells, Table):
        return sum(map(_text_length, cells._cellvalues))
    if isinstance(cells, (list, tuple)):
        return sum(map(_text_length, cells))
    return 0


def _split_rows(table: Table) -> None:
    table.splitInRow = 1
    for row in table._cellvalues:
        for cell in row:
            for inner in cell if isinstance(cell, (list, tuple)) else [cell]:
                if isinstance(inner, Table):
                    _split_rows(inner)


def build_pdf(
    story: list[Flowable],
    *,
    centre: Letterhead,
    lang: FormLanguage,
    title: str,
    footer: str,
    landscape: bool = False,
) -> bytes:
    """Lay ``story`` out on A4 pages (upright, or ``landscape``: 261 mm of text width)
    with the letterhead and the footer; the PDF's bytes."""
    register_fonts()
    buffer = BytesIO()
    doc = BaseDocTemplate(
        buffer,
        pagesize=(A4[1], A4[0]) if landscape else A4,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=FRAME_TOP,
        bottomMargin=FOOTER_HEIGHT + 4 * mm,
        title=title,
        author=centre.name,
        creator=f"{APP_NAME} {__version__}",
        subject=title,
        lang=lang.code,
        initialFontName=FONT,
    )
    frame = Frame(
        doc.leftMargin,
        doc.bottomMargin,
        doc.width,
        doc.height,
        id="body",
        leftPadding=0,
        rightPadding=0,
        topPadding=0,
        bottomPadding=0,
    )
    logo = logo_image(centre)
    doc.addPageTemplates(
        [
            PageTemplate(
                id="form",
                frames=[frame],
                onPage=lambda canvas, _doc: _letterhead(canvas, centre, lang, logo),
            )
        ]
    )
    split_tall_rows(story, doc.width, doc.height)
    doc.build(
        story,
        canvasmaker=_numbered_canvas(
            lambda canvas, page, pages: _footer(canvas, lang, footer, page, pages)
        ),
    )
    return buffer.getvalue()


def day_list_pdf(
    body: list[Flowable],
    *,
    title: str,
    day: date,
    centre: Letterhead,
    lang: FormLanguage,
    today: date,
) -> bytes:
    """A list for one day (agenda, call list): the title with the weekday and date over
    ``body``; the footer names the list and its day."""
    heading = f"{title} · {capitalised(lang.weekday_date(day))}"
    footer = lang(N_("{app} · {form} · printed on {date}")).format(
        app=APP_NAME, form=f"{title} {lang.date(day)}", date=lang.date(today)
    )
    story: list[Flowable] = [Paragraph(esc(heading), styles().title), *body]
    return build_pdf(story, centre=centre, lang=lang, title=title, footer=footer)
