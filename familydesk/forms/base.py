"""What every printed form shares: fonts, page geometry, colours, styles and the language.

Plain Python over ReportLab, never Qt; safe to call from any thread (font
registration is guarded by a lock). A form is written in the FORM's language,
which may differ from the interface's: every printed word goes through a
:class:`FormLanguage`, which translates with that language's catalogue and
formats dates and money with Babel for that locale.
"""

from __future__ import annotations

import gettext
import threading
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from xml.sax.saxutils import escape

from babel import dates as babel_dates
from babel import numbers as babel_numbers
from reportlab.lib import colors
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from familydesk import i18n
from familydesk.i18n import N_
from familydesk.kernel.errors import FamilyDeskError
from familydesk.kernel.paths import resources_dir

FONT, FONT_BOLD, FONT_ITALIC, FONT_BOLD_ITALIC = (
    "DejaVuSans",
    "DejaVuSans-Bold",
    "DejaVuSans-Oblique",
    "DejaVuSans-BoldOblique",
)
_FONT_FILES = {name: f"{name}.ttf" for name in (FONT, FONT_BOLD, FONT_ITALIC, FONT_BOLD_ITALIC)}

PAGE_WIDTH, PAGE_HEIGHT = A4
MARGIN = 18 * mm
#: The letterhead sits in the top margin band; the text frame starts below its rule.
LETTERHEAD_TOP = 12 * mm
LETTERHEAD_HEIGHT = 19 * mm
FRAME_TOP = LETTERHEAD_TOP + LETTERHEAD_HEIGHT + 7 * mm
FOOTER_HEIGHT = 13 * mm
CONTENT_WIDTH = PAGE_WIDTH - 2 * MARGIN

INK = colors.HexColor("#1a1a1a")
MUTED = colors.HexColor("#555555")
ACCENT = colors.HexColor("#1f3a5f")
RULE = colors.HexColor("#8a8a8a")
GRID = colors.HexColor("#c4c4c4")
SHADE = colors.HexColor("#eef1f5")
CHECKBOX = "\u2610"  # ☐, drawn by DejaVu Sans

_fonts_lock = threading.Lock()
_fonts_ready = False


class FormError(FamilyDeskError):
    """A form cannot be printed (fonts missing from the installation)."""


def register_fonts() -> None:
    """Register DejaVu Sans (four faces) with ReportLab once; they are embedded in each PDF."""
    global _fonts_ready
    with _fonts_lock:
        if _fonts_ready:
            return
        folder = resources_dir() / "fonts"
        for name, filename in _FONT_FILES.items():
            path = folder / filename
            if not path.is_file():
                tr = i18n.catalogue(i18n.current_language()).gettext
                raise FormError(
                    tr(
                        N_("The fonts for printing are missing ({path}): reinstall FamilyDesk.")
                    ).format(path=path)
                )
            pdfmetrics.registerFont(TTFont(name, str(path)))
        pdfmetrics.registerFontFamily(
            FONT, normal=FONT, bold=FONT_BOLD, italic=FONT_ITALIC, boldItalic=FONT_BOLD_ITALIC
        )
        _fonts_ready = True


@dataclass(frozen=True)
class FormLanguage:
    """Translate and format for the form's language (``lang(N_("Title"))``)."""

    code: str
    translations: gettext.NullTranslations

    @classmethod
    def of(cls, language: str | None) -> FormLanguage:
        """The form language for a code such as ``it``, ``en_GB``; unknown codes give Italian."""
        code = (language or i18n.DEFAULT_LANGUAGE).split("_")[0].split("-")[0].lower()
        code = code if code in i18n.LANGUAGES else i18n.DEFAULT_LANGUAGE
        return cls(code, i18n.catalogue(code))

    def __call__(self, message: str) -> str:
        return self.translations.gettext(message)

    def ngettext(self, singular: str, plural: str, count: int) -> str:
        return self.translations.ngettext(singular, plural, count)

    def number(self, value: int | float | Decimal) -> str:
        """A count or figure in the form's locale: ``12.000`` in Italian, ``12,000`` in English."""
        return babel_numbers.format_decimal(value, locale=self.code)

    def age(self, born: date, on: date | None = None) -> str:
        """ "11 mesi", "1 anno", "2 anni" in the form's language (see ``i18n.format_age``)."""
        return i18n.format_age(born, on, self.ngettext)

    def date(self, value: date | None) -> str:
        """``dd/mm/yyyy`` whatever the language (an empty string for None)."""
        if value is None:
            return ""
        return babel_dates.format_date(value, i18n.DATE_PATTERN, locale=self.code)

    def weekday_date(self, value: date) -> str:
        """The weekday in the form's language, then ``dd/mm/yyyy`` (``martedì 12/05/2026``)."""
        return babel_dates.format_date(value, f"EEEE {i18n.DATE_PATTERN}", locale=self.code)

    def money(self, value: Decimal | None) -> str:
        """Euro in the form's locale: ``1.234,56 €`` in Italian, ``€1,234.56`` in English."""
        if value is None:
            return ""
        return babel_numbers.format_currency(value, "EUR", locale=self.code)


def esc(text: object) -> str:
    """User text made safe for Paragraph markup; line breaks kept."""
    return escape(str(text or "")).replace("\n", "<br/>")


def capitalised(text: str) -> str:
    return text[:1].upper() + text[1:]


@dataclass(frozen=True)
class Styles:
    title: ParagraphStyle
    subtitle: ParagraphStyle
    heading: ParagraphStyle
    body: ParagraphStyle
    notice: ParagraphStyle
    small: ParagraphStyle
    label: ParagraphStyle
    value: ParagraphStyle
    cell: ParagraphStyle
    code: ParagraphStyle
    cell_head: ParagraphStyle
    footer: ParagraphStyle
    footer_right: ParagraphStyle


def _styles() -> Styles:
    body = ParagraphStyle(
        "body", fontName=FONT, fontSize=10, leading=13.5, textColor=INK, spaceAfter=5
    )
    return Styles(
        title=ParagraphStyle(
            "title",
            parent=body,
            fontName=FONT_BOLD,
            fontSize=16,
            leading=20,
            textColor=ACCENT,
            spaceAfter=2,
        ),
        subtitle=ParagraphStyle(
            "subtitle", parent=body, fontSize=9.5, leading=12, textColor=MUTED, spaceAfter=6
        ),
        heading=ParagraphStyle(
            "heading",
            parent=body,
            fontName=FONT_BOLD,
            fontSize=10.5,
            leading=14,
            textColor=ACCENT,
            spaceBefore=8,
            spaceAfter=5,
            backColor=SHADE,
            borderPadding=(2.5, 4, 2.5, 4),
            leftIndent=4,
        ),
        body=body,
        notice=ParagraphStyle("notice", parent=body, fontSize=9.5, leading=12.5, spaceAfter=3),
        small=ParagraphStyle("small", parent=body, fontSize=8.5, leading=11, spaceAfter=3),
        label=ParagraphStyle(
            "label", parent=body, fontSize=7.5, leading=9, textColor=MUTED, spaceAfter=0
        ),
        value=ParagraphStyle("value", parent=body, fontSize=10, leading=12.5, spaceAfter=0),
        cell=ParagraphStyle("cell", parent=body, fontSize=8, leading=10, spaceAfter=0),
        code=ParagraphStyle("code", parent=body, fontSize=7.5, leading=10, spaceAfter=0),
        cell_head=ParagraphStyle(
            "cell_head",
            parent=body,
            fontName=FONT_BOLD,
            fontSize=7.5,
            leading=9,
            textColor=ACCENT,
            spaceAfter=0,
        ),
        footer=ParagraphStyle(
            "footer", parent=body, fontSize=7.5, leading=9, textColor=MUTED, spaceAfter=0
        ),
        footer_right=ParagraphStyle(
            "footer_right",
            parent=body,
            fontSize=7.5,
            leading=9,
            textColor=MUTED,
            alignment=TA_RIGHT,
            spaceAfter=0,
        ),
    )


_styles_cache: list[Styles] = []


def styles() -> Styles:
    """The shared paragraph styles (fonts registered first)."""
    register_fonts()
    if not _styles_cache:
        _styles_cache.append(_styles())
    return _styles_cache[0]
