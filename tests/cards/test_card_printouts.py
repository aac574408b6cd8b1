"""The printed family card, its letters and the partner booklet.

The card is read back as a card printer and a scanner would: the page is ID-1 within
0.1 mm, the fonts are embedded, the words are there, and the QR code rendered at
300 dpi decodes to exactly the card number. Refusals say why; prints are audited by uid.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from reportlab.pdfbase.pdfmetrics import stringWidth

from familydesk.cards.card_sheet import CardFace, card_pdf, fit_names
from familydesk.cards.issue import issue_card, replace_card
from familydesk.cards.numbers import compose, grouped
from familydesk.cards.printouts import (
    month_bounds,
    print_card,
    print_cover_letter,
    print_renewal_letters,
)
from familydesk.cards.records import card_by_number
from familydesk.db.database import Database
from familydesk.forms.base import FONT, register_fonts
from familydesk.kernel.errors import FamilyDeskError, NotFoundError, ValidationError
from familydesk.registry.centre import CentreDetails
from familydesk.trust import audit
from familydesk.trust.permissions import PermissionDenied
from tests.cards.card_data import TODAY, CardWorld, add_card
from tests.cards.print_helpers import decode_qr, embedded, flat, page_sizes_mm
from tests.forms.conftest import CENTRE_NAME, letterhead, pages_text, tiny_png  # noqa: F401
from tests.helpers import signed_in

pytestmark = pytest.mark.usefixtures("letterhead")


def test_the_card_is_id1_with_its_texts_and_embedded_fonts(
    database: Database, world: CardWorld, tmp_path: Path
) -> None:
    number = add_card(database, world, expires_on=date(2028, 10, 31))
    out = tmp_path / "carta.pdf"
    assert database.write(print_card, number.lower(), out, "it") == out
    [(width, height)] = page_sizes_mm(out)
    assert abs(width - 85.60) < 0.1 and abs(height - 53.98) < 0.1
    text = flat(out)
    for expected in [
        "CARTA FAMIGLIA",
        CENTRE_NAME,
        "TITOLARE",
        "Bianchi Laura",
        "COMPONENTI",
        grouped(number),
        "valida fino al 31/10/2028",
    ]:
        assert expected in text, expected
    assert embedded(out)


def test_an_issued_card_prints_with_a_qr_code_that_reads_back_as_its_number(
    database: Database, world: CardWorld, tmp_path: Path
) -> None:
    add_card(database, world, card_type_id=world.youth_card)  # another card: the code is this one's
    card = database.write(issue_card, world.family[0], world.family_card, world.family[1], on=TODAY)
    out = tmp_path / "carta.pdf"
    database.write(print_card, card.grouped_number, out, "it")
    assert decode_qr(out, tmp_path) == [card.number]
    assert "Bianchi Luca" in flat(out)  # the members the issue chose


def test_several_cards_a_page_each_every_code_readable(tmp_path: Path) -> None:
    centre = CentreDetails(
        1, "C", CENTRE_NAME, "", "", "", "", "", tiny_png(40, 30), "image/png", 1
    )
    faces = [
        CardFace(n, "Carta Giovani", "Çelik Ayşe", ("Çelik Ayşe",), date(2027, 1, 31))
        for n in ("L020000001Y", "E089000036*", "E089000123H")
    ]
    out = tmp_path / "carte.pdf"
    out.write_bytes(card_pdf(faces, centre, "en"))
    assert len(page_sizes_mm(out)) == 3
    assert decode_qr(out, tmp_path) == ["L020000001Y", "E089000036*", "E089000123H"]
    assert "valid until 31/01/2027" in flat(out) and embedded(out)


def test_members_that_do_not_fit_are_counted() -> None:
    register_fonts()
    names = [f"D'Angelo Figlia{i}" for i in range(12)]
    lines = fit_names(names, 50 * 2.83465, 3, FONT, 6.5, "+{count}")
    assert len(lines) == 3
    assert all(stringWidth(line, FONT, 6.5) <= 50 * 2.83465 for line in lines)
    shown = sum(line.count("Figlia") for line in lines)
    assert lines[-1].endswith(f"+{12 - shown}") and 0 < shown < 12
    assert fit_names(["Rossi Anna", "Rossi Pia"], 200, 3, FONT, 6.5, "+{count}") == [
        "Rossi Anna, Rossi Pia"
    ]


def test_the_cover_letter_tells_the_holder_about_the_card(
    database: Database, world: CardWorld, tmp_path: Path
) -> None:
    number = add_card(database, world, expires_on=date(2028, 10, 31))
    out = tmp_path / "lettera.pdf"
    database.write(print_cover_letter, number, out, "it", TODAY)
    text = flat(out)
    for expected in [
        CENTRE_NAME,
        "Bianchi Laura",
        "Famiglia Bianchi",
        "Gonzaga",
        "Suzzara, 22/11/2026",
        "Oggetto: La tua Carta della Famiglia",
        "Gentile Bianchi Laura,",
        "ecco la tua Carta Famiglia",
        grouped(number),
        "È valida dal 23/10/2026 al 31/10/2028",
        "Componenti",
        "Come usarla",
        "codice QR",
        "Dove usarla",
        "esercizi convenzionati",
        "0376 513111",
        "Cordiali saluti",
    ]:
        assert expected in text, expected
    assert embedded(out) and len(page_sizes_mm(out)) == 1


def test_renewal_letters_for_the_active_cards_expiring_in_the_month(
    database: Database, world: CardWorld, tmp_path: Path
) -> None:
    family = add_card(database, world, expires_on=date(2026, 12, 31))
    youth = add_card(database, world, expires_on=date(2026, 12, 1), card_type_id=world.youth_card)
    add_card(database, world, expires_on=date(2026, 12, 10), status="revoked")
    add_card(database, world, expires_on=date(2027, 1, 1))
    add_card(database, world, expires_on=date(2026, 11, 30))
    out = tmp_path / "rinnovi.pdf"
    printed = database.write(print_renewal_letters, date(2026, 12, 1), out, "it", TODAY)
    assert (printed.path, printed.cards) == (out, 2)
    first, second = pages_text(out.read_bytes())
    first, second = " ".join(first.split()), " ".join(second.split())
    assert grouped(youth) in first and "scade il 01/12/2026" in first
    assert "attestazione ISEE aggiornata" in first  # the youth card has an ISEE ceiling
    assert grouped(family) in second and "scade il 31/12/2026" in second
    assert "ISEE" not in second
    for page in (first, second):
        assert "Rinnovo della Carta della Famiglia" in page and "Porta con te" in page
    assert embedded(out)
    assert month_bounds(date(2026, 12, 15)) == (date(2026, 12, 1), date(2026, 12, 31))
    assert month_bounds(date(2028, 2, 1)) == (date(2028, 2, 1), date(2028, 2, 29))


def test_no_renewal_letters_when_nothing_expires(
    database: Database, world: CardWorld, tmp_path: Path
) -> None:
    add_card(database, world, expires_on=date(2027, 1, 1))
    out = tmp_path / "rinnovi.pdf"
    with pytest.raises(FamilyDeskError, match="01/12/2026 and 31/12/2026"):
        database.write(print_renewal_letters, date(2026, 12, 1), out, "en")
    assert not out.exists()


def test_revoked_replaced_mistyped_and_unknown_cards_are_refused(
    database: Database, world: CardWorld, tmp_path: Path
) -> None:
    revoked = add_card(database, world, status="revoked")
    lost = database.write(issue_card, world.family[0], world.family_card, world.family[1], on=TODAY)
    old, new = lost.number, database.write(replace_card, lost.id, lost.version, "", on=TODAY).number
    out = tmp_path / "x.pdf"
    with pytest.raises(FamilyDeskError, match=f"Card {grouped(revoked)} was revoked"):
        database.write(print_card, revoked, out)
    with pytest.raises(FamilyDeskError, match=f"replaced by card {grouped(new)}: print that one"):
        database.write(print_cover_letter, old, out)
    typo = new[:-2] + ("0" if new[-2] != "0" else "1") + new[-1]
    with pytest.raises(ValidationError, match="check character does not match"):
        database.write(print_card, typo, out)
    with pytest.raises(NotFoundError, match="No card has the number L020 000999"):
        database.write(print_card, compose("L020", 999), out)
    assert not out.exists()
    database.write(print_card, new, out)
    assert out.exists()


def test_printing_needs_the_right_and_is_audited_by_uid(
    database: Database, world: CardWorld, tmp_path: Path
) -> None:
    number = add_card(database, world)
    uid = database.read(card_by_number, number).uid
    signed_in(database, None)  # type: ignore[arg-type]
    with pytest.raises(PermissionDenied):
        database.write(print_card, number, tmp_path / "x.pdf")
    signed_in(database, "reception", "rita")
    database.write(print_card, number, tmp_path / "c.pdf")
    database.write(print_cover_letter, number, tmp_path / "l.pdf")
    signed_in(database, "admin")
    prints = [e for e in database.read(audit.entries) if e.action == "print"]
    assert sorted((e.operator, e.table_name, e.record_uid, e.note) for e in prints) == [
        ("rita", "card", uid, "card"),
        ("rita", "card", uid, "card cover letter"),
    ]
    assert database.read(audit.verify) == []


def test_letters_carry_the_cap_and_the_province(
    database: Database, world: CardWorld, tmp_path: Path
) -> None:
    """The address block as the post wants it: "Via Roma 1" then "46023 Gonzaga (MN)"."""
    from familydesk.cards.letters import Addressee
    from familydesk.db.models.registry import Family

    def move(session) -> None:  # type: ignore[no-untyped-def]
        family = session.get(Family, world.family[0])
        family.address, family.postal_code = "Via Roma 1", "46023"

    database.write(move)
    number = add_card(database, world, expires_on=date(2026, 12, 31))
    cover, renewal = tmp_path / "lettera.pdf", tmp_path / "rinnovi.pdf"
    database.write(print_cover_letter, number, cover, "it", TODAY)
    database.write(print_renewal_letters, date(2026, 12, 1), renewal, "it", TODAY)
    for out in (cover, renewal):
        lines = [" ".join(line.split()) for line in pages_text(out.read_bytes())[0].splitlines()]
        assert "Via Roma 1" in lines and "46023 Gonzaga (MN)" in lines, lines[:12]
    assert (
        Addressee("Rossi Anna", "Rossi", "Via Roma 1", "Suzzara", "46029", "MN").one_line()
        == "Via Roma 1, 46029 Suzzara (MN)"
    )
    assert Addressee("Rossi Anna", "Rossi", "", "Suzzara").lines() == ["Suzzara"]
