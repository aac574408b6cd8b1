"""``familydesk print guide|referral``: files written, a wrong option named, exit non-zero."""

from __future__ import annotations

from pathlib import Path

import pytest

from familydesk.db.database import Database
from tests.cards.print_helpers import flat
from tests.directory.print_data import build_world, refer, two_referrals
from tests.helpers import run_cli as run

pytestmark = pytest.mark.usefixtures("cli_operator")


def test_print_guide_and_referral(
    capsys: pytest.CaptureFixture[str], db_location: str, database: Database, tmp_path: Path
) -> None:
    world = build_world(database)
    contact = refer(database, world, *two_referrals(world))
    base = ("--lang", "it", "--db", db_location, "print")
    out = tmp_path / "guida.pdf"
    assert run(capsys, *base, "guide", "--out", str(out)) == (
        0,
        f"Guida ai servizi scritta in {out}\n",
        "",
    )
    out = tmp_path / "lista.pdf"
    code, _out, _err = run(
        capsys,
        *base,
        "guide",
        "--need",
        "pregnancy_newborns",
        "--comune",
        "Pegognaga",
        "--out",
        str(out),
    )
    assert code == 0 and "Tutti i servizi per" in flat(out)
    out = tmp_path / "invio.pdf"
    assert run(capsys, *base, "referral", "--contact", contact.uid, "--out", str(out)) == (
        0,
        f"Foglio di invio scritto in {out}\n",
        "",
    )
    assert "Consultorio familiare" in flat(out)


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        (["guide", "--need", "nope"], "familydesk: --need: no need has the key nope"),
        (["guide", "--comune", "Atlantide"], "familydesk: --comune: no comune is called"),
    ],
)
def test_print_guide_refusals(
    capsys: pytest.CaptureFixture[str],
    db_location: str,
    database: Database,
    tmp_path: Path,
    argv: list[str],
    expected: str,
) -> None:
    build_world(database)
    out = tmp_path / "x.pdf"
    code, _out, err = run(
        capsys, "--lang", "en", "--db", db_location, "print", *argv, "--out", str(out)
    )
    assert code == 1 and expected in err and not out.exists()
