"""``familydesk card check`` (exit codes, JSON) and ``familydesk export cards|redemptions``."""

from __future__ import annotations

import csv
import io
import json
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from sqlalchemy import select

from familydesk.cards.numbers import compose, grouped
from familydesk.cards.redemptions import redeem
from familydesk.db.database import Database
from familydesk.db.models.registry import AuditEntry, Family
from tests.cards.card_data import TODAY, CardWorld, add_card
from tests.cards.partner_data import build_partners
from tests.helpers import run_cli as run


@pytest.mark.usefixtures("cli_operator")
def test_card_check_prints_a_line_and_exits_0_or_1(
    capsys: pytest.CaptureFixture[str], db_location: str, database: Database, world: CardWorld
) -> None:
    valid = add_card(database, world, expires_on=date(2099, 11, 22))
    revoked = add_card(database, world, status="revoked")
    base = ("--lang", "en", "--db", db_location, "card", "check")
    code, out, err = run(capsys, *base, *grouped(valid).split())
    assert (code, err) == (
        0,
        "",
    ) and out == "Valid until 22/11/2099: Carta Famiglia of Bianchi Laura.\n"
    code, out, _ = run(capsys, *base, revoked)
    assert (code, out) == (1, "Not valid: this card was revoked.\n")
    code, out, _ = run(capsys, *base, valid[:-1] + ("A" if valid[-1] != "A" else "B"))
    assert (code, out) == (
        1,
        "The check character does not match: a character may have been mistyped.\n",
    )
    code, out, _ = run(capsys, *base, compose("L020", 5), "--json")
    assert code == 1 and json.loads(out) == {
        "number": compose("L020", 5),
        "valid": False,
        "reason": "unknown",
        "message": "Unknown card number.",
        "expires_on": None,
        "card_type": None,
        "holder": None,
    }
    code, out, _ = run(capsys, *base, valid, "--json")
    assert code == 0 and json.loads(out) == {
        "number": valid,
        "valid": True,
        "reason": None,
        "message": "Valid until 22/11/2099: Carta Famiglia of Bianchi Laura.",
        "expires_on": "2099-11-22",
        "card_type": "Carta Famiglia",
        "holder": "Bianchi Laura",
    }
    code, out, _ = run(capsys, "--lang", "it", "--db", db_location, "card", "check", "xyz")
    assert code == 1 and out.startswith("Questo non è un numero di carta")
    assert run(capsys, *base)[0] == 2


@pytest.mark.usefixtures("cli_operator")
def test_export_cards(
    capsys: pytest.CaptureFixture[str],
    db_location: str,
    database: Database,
    world: CardWorld,
    tmp_path: Path,
) -> None:
    first = add_card(database, world, expires_on=TODAY)
    add_card(database, world, status="replaced")
    out = tmp_path / "carte.csv"
    code, stdout, err = run(
        capsys, "--lang", "en", "--db", db_location, "export", "cards", "--out", str(out)
    )
    assert (code, err, stdout) == (0, "", f"2 cards exported. File: {out}\n")
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and b"\r\n" in raw
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig")), delimiter=";"))
    assert rows[0][:4] == ["numero", "tipo_carta", "stato", "stato_oggi"]
    family_uid = database.read(lambda s: str(s.get(Family, world.family[0]).uid))
    assert rows[1][0] == grouped(first) and rows[1][2] == "active" and rows[1][8] == family_uid
    assert rows[2][2:4] == ["replaced", "replaced"] and rows[1][10] == "1"
    assert "Bianchi" not in raw.decode("utf-8-sig")  # uids only
    code, stdout, err = run(
        capsys, "--db", db_location, "--lang", "en", "export", "cards", "--format", "json"
    )
    documents = json.loads(stdout)
    assert code == 0 and err == "2 cards exported.\n"
    assert documents[0]["number"] == first and documents[0]["family_uid"] == family_uid
    assert (
        database.read(
            lambda s: s.scalar(
                select(AuditEntry.note)
                .where(AuditEntry.action == "export", AuditEntry.table_name == "card")
                .limit(1)
            )
        )
        == "cards csv: 2"
    )


@pytest.mark.usefixtures("cli_operator")
def test_export_redemptions(
    capsys: pytest.CaptureFixture[str],
    db_location: str,
    database: Database,
    world: CardWorld,
    tmp_path: Path,
) -> None:
    partners = build_partners(database, world)
    number = add_card(database, world)
    database.write(redeem, partners.pool_discount, number, datetime(2026, 11, 2, 9, 5, tzinfo=UTC))
    database.write(
        redeem, partners.cinema_ticket, number, datetime(2026, 11, 3, 23, 30, tzinfo=UTC)
    )
    database.write(redeem, partners.pool_discount, number, datetime(2026, 12, 1, 9, tzinfo=UTC))
    out = tmp_path / "utilizzi.csv"
    base = ("--lang", "en", "--db", db_location, "export", "redemptions")
    code, stdout, _ = run(
        capsys, *base, "--from", "2026-11-01", "--to", "2026-11-30", "--out", str(out)
    )
    assert (code, stdout) == (0, f"2 benefit uses exported. File: {out}\n")
    rows = list(csv.reader(io.StringIO(out.read_text("utf-8-sig")), delimiter=";"))
    assert rows[1:] == [
        [
            "02/11/2026",
            "10:05",
            "Piscina Comunale",
            "10% discount",
            grouped(number),
            "sì",
            "",
            "accepted",
            "tester",
        ],
        [
            "04/11/2026",
            "00:30",
            "Cinema Italia",
            "€2.50 off",
            grouped(number),
            "no",
            "agreement",
            "agreement not in force",
            "tester",
        ],
    ]
    code, stdout, _ = run(
        capsys, *base, "--from", "2026-12-01", "--to", "2026-12-01", "--format", "json"
    )
    assert code == 0 and json.loads(stdout) == [
        {
            "at": "2026-12-01T10:00",
            "partner": "Piscina Comunale",
            "benefit": "10% discount",
            "card_number": number,
            "accepted": True,
            "reason": None,
            "reason_text": "accepted",
            "operator": "tester",
        }
    ]
    code, _, err = run(capsys, *base, "--from", "2026-12-01", "--to", "2026-11-01")
    assert code == 2 and "--to" in err
