"""The family card itself (Carta della Famiglia), for a card printer: each PDF page is
exactly one card, ISO/IEC 7810 ID-1 (85.60 x 53.98 mm), the front only.

The centre's logo, the card type and the centre's name in a band at the top, the holder, the
members covered (as many as fit, then "+N"), the number grouped for reading, the
expiry date, and a QR code that encodes the canonical number (``E089000123H``, no
spaces) with a four-module quiet zone, the symbol itself 19 mm wide so that a
phone or a desk scanner reads it. Pure: reads and writes nothing; any thread.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from io import BytesIO

from reportlab.graphics.barcode.qr import QrCodeWidget
from reportlab.graphics.shapes import Rect
from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

from familydesk import APP_NAME, __version__
from familydesk.cards.numbers import grouped
from familydesk.forms.base import ACCENT, FONT, FONT_BOLD, INK, MUTED, FormLanguage, register_fonts
from familydesk.forms.document import logo_image
from familydesk.i18n import N_
from familydesk.registry.centre import CentreDetails

#: ISO/IEC 7810 ID-1.
CARD_WIDTH, CARD_HEIGHT = 85.60 * mm, 53.98 * mm
TITLE = N_("Family card")
_PAD = 3.5 * mm
_BAND = 11 * mm
#: The QR code: 21 modules (version 1) plus 4 quiet modules each side, 19 mm of symbol.
_QR_BORDER = 4
_QR_SYMBOL = 19 * mm
_QR_SIDE = _QR_SYMBOL * (21 + 2 * _QR_BORDER) / 21


@dataclass(frozen=True)
class CardFace:
    """What is printed on a card."""

    #: Canonical, without separators (``E089000123H``).
    number: str
    card_type: str
    holder: str
    members: tuple[str, ...]
    expires_on: date


def card_pdf(cards: Sequence[CardFace], centre: CentreDetails, language: str) -> bytes:
    """One ID-1 page per card in ``cards``, in ``language``; the PDF's bytes."""
    register_fonts()
    lang = FormLanguage.of(language)
    buffer = BytesIO()
    canvas = Canvas(
        buffer,
        pagesize=(CARD_WIDTH, CARD_HEIGHT),
        initialFontName=FONT,
        lang=lang.code,
        pageCompression=1,
    )
    canvas.setTitle(lang(TITLE))
    canvas.setAuthor(centre.name)
    canvas.setCreator(f"{APP_NAME} {__version__}")
    logo = logo_image(centre)
    for card in cards:
        _front(canvas, card, centre, lang, logo)
        canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def draw_qr(canvas: Canvas, number: str, x: float, y: float, side: float = _QR_SIDE) -> None:
    """A QR code of ``number`` exactly at (``x``, ``y``), ``side`` wide including its white
    quiet zone. The widget's squares are drawn straight on the canvas: rendering it as a
    Drawing would reference Helvetica, a font not embedded."""
    widget = QrCodeWidget(number, barLevel="M", barBorder=_QR_BORDER)
    x1, _y1, x2, _y2 = widget.getBounds()
    canvas.saveState()
    canvas.translate(x, y)
    canvas.setFillColor(colors.white)
    canvas.rect(0, 0, side, side, stroke=0, fill=1)
    canvas.scale(side / (x2 - x1), side / (x2 - x1))
    for shape in widget.draw().contents:
        if isinstance(shape, Rect) and shape.fillColor is not None:
            canvas.setFillColor(shape.fillColor)
            canvas.rect(shape.x, shape.y, shape.width, shape.height, stroke=0, fill=1)
    canvas.restoreState()


def fit_names(
    names: Sequence[str], width: float, lines: int, font: str, size: float, more: str
) -> list[str]:
    """``names`` joined with commas over at most ``lines`` lines of ``width``; when they do
    not all fit, the last line ends with ``more`` ("+{count}") for the rest."""
    for shown in range(len(names), -1, -1):
        rest = len(names) - shown
        parts = [*(f"{n}," for n in names[:shown])]
        if parts:
            parts[-1] = parts[-1][:-1]
        if rest:
            parts.append(more.format(count=rest))
        placed = _wrap(parts, width, font, size)
        if placed is not None and len(placed) <= lines:
            return placed
    return [more.format(count=len(names))]


def _wrap(words: list[str], width: float, font: str, size: float) -> list[str] | None:
    out: list[str] = []
    for word in words:
        if stringWidth(word, font, size) > width:
            return None
        if out and stringWidth(f"{out[-1]} {word}", font, size) <= width:
            out[-1] = f"{out[-1]} {word}"
        else:
            out.append(word)
    return out


def _fitted(text: str, font: str, size: float, width: float, smallest: float) -> float:
    while size > smallest and stringWidth(text, font, size) > width:
        size -= 0.25
    return size


def _clipped(text: str, font: str, size: float, width: float) -> str:
    while text and stringWidth(text, font, size) > width:
        text = text[:-2] + "…" if len(text) > 1 else ""
    return text


def _front(
    canvas: Canvas, card: CardFace, centre: CentreDetails, lang: FormLanguage, logo: object
) -> None:
    # The band: logo, card type and centre name, white on the accent colour.
    canvas.setFillColor(ACCENT)
    canvas.rect(0, CARD_HEIGHT - _BAND, CARD_WIDTH, _BAND, stroke=0, fill=1)
    left = _PAD
    if logo is not None:
        w, h = logo.getSize()  # type: ignore[attr-defined]
        box = _BAND - 2.5 * mm
        scale = min(box / h, 18 * mm / w)
        canvas.setFillColor(colors.white)
        canvas.roundRect(
            _PAD - 0.6 * mm,
            CARD_HEIGHT - _BAND + 0.65 * mm,
            w * scale + 1.2 * mm,
            h * scale + 1.2 * mm,
            0.8 * mm,
            stroke=0,
            fill=1,
        )
        canvas.drawImage(
            logo, _PAD, CARD_HEIGHT - _BAND + 1.25 * mm, w * scale, h * scale, mask="auto"
        )
        left = _PAD + w * scale + 2.5 * mm
    room = CARD_WIDTH - left - _PAD
    canvas.setFillColor(colors.white)
    title = card.card_type.upper()
    size = _fitted(title, FONT_BOLD, 8, room, 6)
    canvas.setFont(FONT_BOLD, size)
    canvas.drawString(left, CARD_HEIGHT - 4.6 * mm, _clipped(title, FONT_BOLD, size, room))
    size = _fitted(centre.name, FONT, 6, room, 4.5)
    canvas.setFont(FONT, size)
    canvas.drawString(left, CARD_HEIGHT - 8.4 * mm, _clipped(centre.name, FONT, size, room))

    # The QR code, bottom right, on white.
    qr_x, qr_y = CARD_WIDTH - _QR_SIDE - 1.5 * mm, 1.5 * mm
    draw_qr(canvas, card.number, qr_x, qr_y)

    # The text column, left of the QR code.
    column = qr_x - _PAD + _QR_BORDER * _QR_SYMBOL / 21 - 1 * mm
    y = CARD_HEIGHT - _BAND - 4.8 * mm
    y = _labelled(canvas, lang(N_("Holder")), y)
    size = _fitted(card.holder, FONT_BOLD, 9, column, 6.5)
    canvas.setFont(FONT_BOLD, size)
    canvas.setFillColor(INK)
    canvas.drawString(_PAD, y, _clipped(card.holder, FONT_BOLD, size, column))
    y -= 4.2 * mm
    if card.members:
        y = _labelled(canvas, lang(N_("Members covered")), y)
        canvas.setFont(FONT, 6.5)
        canvas.setFillColor(INK)
        for line in fit_names(card.members, column, 3, FONT, 6.5, lang(N_("+{count}"))):
            canvas.drawString(_PAD, y, line)
            y -= 2.8 * mm
    # The number and the expiry, at the foot of the column.
    canvas.setFillColor(INK)
    canvas.setFont(FONT_BOLD, 11)
    canvas.drawString(_PAD, 7.6 * mm, grouped(card.number))
    canvas.setFont(FONT, 7)
    canvas.drawString(
        _PAD, 3.6 * mm, lang(N_("valid until {date}")).format(date=lang.date(card.expires_on))
    )


def _labelled(canvas: Canvas, label: str, y: float) -> float:
    canvas.setFillColor(MUTED)
    canvas.setFont(FONT, 5.5)
    canvas.drawString(_PAD, y, label.upper())
    return y - 3.3 * mm
