"""``familydesk print card|card-letter|renewals``: files written, the number typed in any
case or grouping, one-line refusals with the check-character message."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from familydesk.cards.numbers import grouped
from familydesk.commands.card_printing import next_month
from familydesk.db.database import Database
from tests.cards.card_data import CardWorld, add_card, freeze
from tests.cards.print_helpers import flat, page_sizes_mm
from tests.helpers import run_cli as run

pytestmark = pytest.mark.usefixtures("cli_operator")


def test_print_card_letter_and_renewals(
    capsys: pytest.CaptureFixture[str],
    db_location: str,
    database: Database,
    world: CardWorld,
    tmp_path: Path,
) -> None:
    number = add_card(database, world, expires_on=date(2026, 12, 20))
    base = ("--lang", "it", "--db", db_location, "print")
    typed = grouped(number).lower()
    out = tmp_path / "carta.pdf"
    assert run(capsys, *base, "card", "--card", typed, "--out", str(out)) == (
        0,
        f"Carta della Famiglia scritta in {out}\n",
        "",
    )
    assert len(page_sizes_mm(out)) == 1
    out = tmp_path / "lettera.pdf"
    assert run(capsys, *base, "card-letter", "--card", number, "--out", str(out)) == (
        0,
        f"Lettera della Carta della Famiglia scritta in {out}\n",
        "",
    )
    assert grouped(number) in flat(out)
    out = tmp_path / "rinnovi.pdf"
    assert run(capsys, *base, "renewals", "--month", "2026-12", "--out", str(out)) == (
        0,
        f"File scritto: {out} (1 lettera di rinnovo)\n",
        "",
    )
    assert "scade il 20/12/2026" in flat(out)


@pytest.mark.parametrize(
    ("argv", "code", "expected"),
    [
        (
            ["card", "--card", "{typo}"],
            1,
            "familydesk: Card number: the check character does not match",
        ),
        (
            ["card", "--card", "12345"],
            1,
            "familydesk: Card number: 4 characters of the comune's code",
        ),
        (["card-letter", "--card", "{revoked}"], 1, "was revoked on"),
        (["renewals", "--month", "2026-13"], 2, "is not a month: use YYYY-MM"),
        (
            ["renewals", "--month", "2030-01"],
            1,
            "familydesk: No active card expires between 01/01/2030",
        ),
        (["card"], 2, "--card"),
    ],
)
def test_print_card_refusals(
    capsys: pytest.CaptureFixture[str],
    db_location: str,
    database: Database,
    world: CardWorld,
    tmp_path: Path,
    argv: list[str],
    code: int,
    expected: str,
) -> None:
    number = add_card(database, world)
    revoked = add_card(database, world, status="revoked")
    typo = number[:4] + ("1" if number[4] != "1" else "2") + number[5:]
    argv = [a.format(typo=typo, revoked=revoked) for a in argv]
    out = tmp_path / "x.pdf"
    result, stdout, err = run(
        capsys, "--lang", "en", "--db", db_location, "print", *argv, "--out", str(out)
    )
    assert (result, stdout) == (code, "") and expected in err
    assert len(err.strip().splitlines()) == 1 or code == 2
    assert "Traceback" not in err and not out.exists()


def test_renewals_default_to_next_month() -> None:
    assert next_month(date(2026, 11, 22)) == date(2026, 12, 1)
    assert next_month(date(2026, 12, 31)) == date(2027, 1, 1)


def test_print_partners_lists_the_agreements_in_force(
    capsys: pytest.CaptureFixture[str],
    db_location: str,
    database: Database,
    world: CardWorld,
    tmp_path: Path,
) -> None:
    from familydesk.cards.printouts import print_partner_booklet
    from tests.cards.partner_data import build_partners

    build_partners(database, world)
    freeze()  # the pool's agreement ends with 2027
    out = tmp_path / "convenzionati.pdf"
    assert run(
        capsys, "--lang", "it", "--db", db_location, "print", "partners", "--out", str(out)
    ) == (0, f"Elenco dei convenzionati scritto in {out}\n", "")
    text = flat(out)
    assert "Piscina Comunale" in text and "Cinema Italia" not in text  # its agreement ended
    assert "sull'abbonamento mensile" in text  # what the discount applies to, after its label
    with pytest.raises(Exception, match="no partner|nessun convenzionato"):
        database.write(print_partner_booklet, tmp_path / "x.pdf", "en", date(2030, 1, 1))
